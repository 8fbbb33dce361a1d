"""What the topics merge judged in one build, kept for the next (topics.index.judge's `memo`).

Cutting a run of capitalised words into pieces (names.segments) depends on the run and the
knowledge alone (the gazetteer, topics.toml, the blogs' tags); deciding which pieces are names
(names.Decider) depends on those and on the site's evidence.  Both are pure functions.  The memo
keeps the pieces of every run, and each decision with the evidence it read, as (field, key)
pairs.  The next build takes pieces from it when the code and the knowledge are the same, and a
decision when, besides, none of the evidence that decision read has changed: the judgement is
the one a clean build makes (tests/test_incremental_topics.py), and an edit costs the judging
of what it touched, not of the whole site.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from site_gen.topics.names import Evidence

_SETS = ("inside", "surnames", "org_firsts", "defined")
_COUNTS = ("alone", "units")
_VERSION = 1


class TopicsMemo:
    """One build's use of the memo: `kept` is what the last build left (or None), `saved()` what
    this build leaves for the next."""

    def __init__(self, fingerprint: str, kept: dict | None = None):
        self.fingerprint = fingerprint
        self.kept = kept if isinstance(kept, dict) and kept.get("version") == _VERSION else None
        self.signature = ""
        self._pieces: dict = {}
        self._decisions: dict = {}  # key -> (names, reads) that may be taken (their reads unchanged)
        self._made: dict = {}  # key -> (names, reads): this build's decisions, taken or made
        self._evidence: Evidence | None = None
        self._frames: list[set] = []  # the evidence read by each decision being made, innermost last

    # judge's calls, in order
    def open(self, know) -> None:
        """The knowledge the judgement uses: what the last build kept is usable only under the same."""
        self.signature = _signature(self.fingerprint, know)
        kept = self.kept
        if kept is None or kept["signature"] != self.signature:
            self.kept = None

    def pieces(self, runs, make) -> dict:
        """run -> its pieces, for every run of the site: kept ones taken, the others made."""
        kept = self.kept["pieces"] if self.kept else {}
        out = {}
        for run in runs:
            segs = kept.get(run)
            out[run] = make(run) if segs is None else segs
        self._pieces = out
        return out

    def watch(self, evidence: Evidence) -> "_Watched":
        """The evidence as the decider reads it, each read noted; the kept decisions that read
        evidence which has changed since are dropped."""
        if self.kept:
            changed = _changed(self.kept["evidence"], evidence)
            self._decisions = {key: made for key, made in self.kept["decisions"].items() if changed.isdisjoint(made[1])}
        self._evidence = evidence
        return _Watched(evidence, self._frames)

    # Decider.names' calls
    def recall(self, key) -> list | None:
        made = self._decisions.get(key)
        if made is None:
            return None
        self._made[key] = made
        if self._frames:
            self._frames[-1].update(made[1])
        return list(made[0])

    def begin(self) -> None:
        self._frames.append(set())

    def end(self, key, found: list) -> None:
        reads = frozenset(self._frames.pop())
        self._made[key] = (tuple(found), reads)
        if self._frames:
            self._frames[-1].update(reads)

    def reuse(self, key) -> None:
        """A decision made earlier in this build is read again inside another: its reads count there too."""
        if self._frames:
            self._frames[-1].update(self._made[key][1])

    def saved(self) -> dict | None:
        """What this build leaves for the next one (None if it judged nothing)."""
        if self._evidence is None:
            return None
        return {"version": _VERSION, "signature": self.signature, "pieces": self._pieces,
                "decisions": self._made, "evidence": self._evidence}


class _Watched:
    """Evidence whose every read is noted in the innermost decision being made."""

    def __init__(self, evidence: Evidence, frames: list[set]):
        for i, name in enumerate(_SETS):
            setattr(self, name, _SetView(getattr(evidence, name), i, frames))
        for i, name in enumerate(_COUNTS, len(_SETS)):
            setattr(self, name, _CountView(getattr(evidence, name), i, frames))


class _SetView:
    __slots__ = ("data", "field", "frames")

    def __init__(self, data: set, field: int, frames: list[set]):
        self.data, self.field, self.frames = data, field, frames

    def __contains__(self, key) -> bool:
        if self.frames:
            self.frames[-1].add((self.field, key))
        return key in self.data


class _CountView(_SetView):
    __slots__ = ()

    def get(self, key, default=0):
        if self.frames:
            self.frames[-1].add((self.field, key))
        return self.data.get(key, default)


def _changed(old: Evidence, new: Evidence) -> set:
    """(field, key) of every piece of evidence that differs between two builds."""
    out = set()
    for i, name in enumerate(_SETS):
        out.update((i, key) for key in getattr(old, name) ^ getattr(new, name))
    for i, name in enumerate(_COUNTS, len(_SETS)):
        a: Counter = getattr(old, name)
        b: Counter = getattr(new, name)
        out.update((i, key) for key in a.keys() | b.keys() if a.get(key, 0) != b.get(key, 0))
    return out


def _signature(fingerprint: str, know) -> str:
    """The code, options and curated file (the build's fingerprint) and the knowledge built from them and the tags."""
    h = hashlib.sha256(fingerprint.encode())
    for part in (sorted(know.canonical.items()), sorted(know.countries), sorted(know.demonyms),
                 sorted(know.curated), sorted(know.ignore)):
        h.update(repr(part).encode() + b"\0")
    return h.hexdigest()
