"""What the topics merge judged in one build, kept for the next (topics.index.judge's `memo`).

Cutting a run of capitalised words into pieces (names.segments) depends on the run and the
knowledge alone (the gazetteer, topics.toml, the blogs' tags); deciding which pieces are names
(names.Decider) depends on those and on the site's evidence.  Both are pure functions.  The memo
keeps the pieces of every run, and each decision with the evidence it read (each read a
field and a key).  The next build takes pieces from it when the code and the knowledge are the same, and a
decision when, besides, none of the evidence that decision read has changed: the judgement is
the one a clean build makes (tests/test_incremental_topics.py), and an edit costs the judging
of what it touched, not of the whole site.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from site_gen.topics.names import EVIDENCE_FIELDS, Evidence, evidence_from

_VERSION = 4
_SEP, _GROUP = "\x1f", "\x1e"  # (control characters: never in a run of words)


class TopicsMemo:
    """One build's use of the memo: `kept` is what the last build left (or None), `saved()` what
    this build leaves for the next."""

    def __init__(self, fingerprint: str, kept: dict | None = None, save=None):
        self.fingerprint = fingerprint
        self.save = save  # called with saved() when the judgement is done (close)
        self.kept = kept if isinstance(kept, dict) and kept.get("version") == _VERSION else None
        self.signature = ""
        self._pieces: dict = {}
        self._decisions: dict = {}  # key -> (names, reads) that may be taken (their reads unchanged)
        self._made: dict = {}  # key -> (names, reads): this build's decisions, taken or made
        self._unkept: dict = {}  # key -> reads of a decision whose words cannot be kept as text
        self._evidence: Evidence | None = None
        self._frames: list[set] = []  # the evidence read by each decision being made, innermost last

    # judge's calls, in order
    def open(self, know) -> None:
        """The knowledge the judgement uses: what the last build kept is usable only under the same."""
        self.signature = _signature(self.fingerprint, know)
        if self.kept is not None and self.kept["signature"] != self.signature:
            self.kept = None

    def pieces(self, runs, make, says) -> tuple[dict, dict]:
        """run -> its pieces, and run -> what its pieces say (names.run_evidence), for every run
        of the site: kept ones taken, the others made (`make`, `says`).  Both are given as the
        memo holds them, as text (`names` and `evidence` read them so), but for a run whose words
        cannot be kept as text."""
        kept = self.kept["pieces"] if self.kept else {}
        out, parts, packed = {}, {}, {}
        for run in runs:
            key = _SEP.join(run)
            if key.count(_SEP) != len(run) - 1 or _GROUP in key:  # (only in a strange text: not kept)
                segs = out[run] = make(run)
                parts[run] = says(segs)
                continue
            text = kept.get(key)
            if text is None:
                segs = make(run)
                said = says(segs)
                text = (_GROUP.join(f"{int(first)}{int(last)}{_SEP.join(words)}" for words, first, last in segs),
                        _SEP.join(f"{field}{name}" for field, name in said))
                out[run] = segs
            else:
                out[run] = text[0]
            parts[run] = text[1]
            packed[key] = text
        self._pieces = packed
        return out, parts

    def evidence(self, parts, runs, defined) -> Evidence:
        """names.evidence_from of every run pieces() gave (`parts`, times written `runs`), read
        straight from the text of what each run's pieces say (not made into pairs first)."""
        ev = evidence_from((), defined)
        sets, counts = {}, {}
        for i, name in enumerate(EVIDENCE_FIELDS):
            data = getattr(ev, name)
            (counts if isinstance(data, Counter) else sets)[str(i)] = data
        for run, n in runs.items():
            said = parts[run]
            if not isinstance(said, str):  # (a run whose words cannot be kept as text)
                for field, key in said:
                    target = sets.get(str(field))
                    if target is not None:
                        target.add(key)
                    else:
                        counts[str(field)][key] += n
                continue
            if not said:
                continue
            for part in said.split(_SEP):
                target = sets.get(part[0])
                if target is not None:
                    target.add(part[1:])
                else:
                    counts[part[0]][part[1:]] += n
        return ev

    def names(self, run, pieces: str, decider) -> list[str]:
        """The names in a run, from its kept pieces as pieces() gave them (text): each piece's
        decision taken from the memo when it may be (as Decider.names would, without decoding
        the piece), else made by `decider`."""
        found: list[str] = []
        if not pieces:
            return found
        infra = run[2]
        for piece in pieces.split(_GROUP):
            after = infra if piece[1] == "1" else ""
            key = f"{piece[0]}{after}{_GROUP}{piece[2:]}"
            made = self._decisions.get(key) if not self._frames and _GROUP not in after else None
            if made is None:
                found += decider.names(tuple(piece[2:].split(_SEP)), piece[0] == "1", after)
            else:
                self._made[key] = made
                if made[0]:
                    found += made[0].split(_SEP)
        return found

    def watch(self, evidence: Evidence) -> "_Watched":
        """The evidence as the decider reads it, each read noted; the kept decisions that read
        evidence which has changed since are dropped."""
        if self.kept:
            changed = _changed(self.kept["evidence"], evidence)
            self._decisions = {key: made for key, made in self.kept["decisions"].items()
                               if not made[1] or changed.isdisjoint(made[1].split(_SEP))}
        self.kept = None  # (all of it that is used is referred to from here on: let the rest go)
        self._evidence = evidence
        return _Watched(evidence, self._frames)

    # Decider.names' calls.  Kept as strings, not tuples and sets: one object, not dozens, per
    # decision (a pickle of sets took longer to load than the decisions take to make).
    def recall(self, key) -> list | None:
        text = _decision_key(key)
        made = self._decisions.get(text) if text else None
        if made is None:
            return None
        self._made[text] = made
        if self._frames and made[1]:
            self._frames[-1].update(made[1].split(_SEP))
        return made[0].split(_SEP) if made[0] else []

    def begin(self) -> None:
        self._frames.append(set())

    def end(self, key, found: list) -> None:
        reads = self._frames.pop()
        text = _decision_key(key)
        if text and not any(_SEP in part for part in (*found, *reads)):
            self._made[text] = (_SEP.join(found), _SEP.join(sorted(reads)))
        else:
            self._unkept[key] = reads
        if self._frames:
            self._frames[-1].update(reads)

    def reuse(self, key) -> None:
        """A decision made earlier in this build is read again inside another: its reads count there too."""
        if not self._frames:
            return
        text = _decision_key(key)
        if text in self._made:
            reads = self._made[text][1]
            self._frames[-1].update(reads.split(_SEP) if reads else ())
        else:
            self._frames[-1].update(self._unkept[key])

    def close(self) -> None:
        """The judgement is done: what it leaves for the next build is saved, and let go of."""
        data = self.saved()
        if data is not None and self.save is not None:
            self.save(data)
        self._pieces, self._decisions, self._made, self._unkept, self._evidence = {}, {}, {}, {}, None

    def saved(self) -> dict | None:
        """What this build leaves for the next one (None if it judged nothing)."""
        if self._evidence is None:
            return None
        return {"version": _VERSION, "signature": self.signature, "pieces": self._pieces,
                "decisions": self._made, "evidence": self._evidence}


class _Watched:
    """Evidence whose every read is noted in the innermost decision being made."""

    def __init__(self, evidence: Evidence, frames: list[set]):
        for i, name in enumerate(EVIDENCE_FIELDS):
            data = getattr(evidence, name)
            view = _CountView if isinstance(data, Counter) else _SetView
            setattr(self, name, view(data, str(i), frames))


class _SetView:
    __slots__ = ("data", "field", "frames")

    def __init__(self, data: set, field: str, frames: list[set]):
        self.data, self.field, self.frames = data, field, frames

    def __contains__(self, key) -> bool:
        if self.frames:
            self.frames[-1].add(self.field + key)
        return key in self.data


class _CountView(_SetView):
    __slots__ = ()

    def get(self, key, default=0):
        if self.frames:
            self.frames[-1].add(self.field + key)
        return self.data.get(key, default)


def _changed(old: Evidence, new: Evidence) -> set:
    """Every piece of evidence that differs between two builds, as its field's number and its key."""
    out = set()
    for i, name in enumerate(EVIDENCE_FIELDS):
        a, b = getattr(old, name), getattr(new, name)
        if isinstance(a, Counter):
            out.update(f"{i}{key}" for key in a.keys() | b.keys() if a.get(key, 0) != b.get(key, 0))
        else:
            out.update(f"{i}{key}" for key in a ^ b)
    return out


def _decision_key(key: tuple) -> str:
    """A decision's key as one string ("" when its words hold a separator: then it is not kept)."""
    words, initial, infra = key
    text = f"{int(initial)}{infra}{_GROUP}{_SEP.join(words)}"
    return "" if text.count(_GROUP) != 1 or any(_SEP in w for w in words) else text


def _signature(fingerprint: str, know) -> str:
    """The code, options and curated file (the build's fingerprint) and the knowledge built from them and the tags."""
    h = hashlib.sha256(fingerprint.encode())
    for part in (sorted(know.canonical.items()), sorted(know.countries), sorted(know.demonyms),
                 sorted(know.curated), sorted(know.ignore)):
        h.update(repr(part).encode() + b"\0")
    return h.hexdigest()
