"""Judging candidate names: which runs of capitalised words are names, cut where.

    segments(knowledge, run, starts_sentence)  cut a run at words that are never names
                                              (stop words, weekdays, months, pronouns)
                                              and at titles ("President")
    gather_evidence(...)                      what the whole site says about capitalised words
    Decider(knowledge, evidence).names(...)   keep or drop each piece; cut runs joined by
                                              small words where they hold two names (glue.py)

A piece is kept or dropped using the built-in word lists, the gazetteer (gazetteer.py), the
curated file, and evidence from the whole site: a word that only ever appears
capitalised at the start of a sentence ("Asked", "Efforts") is not a name; one
that also appears capitalised inside a sentence ("Reznikov") is.  Everything
here runs once per distinct run of words, not once per occurrence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from site_gen.topics import glue
from site_gen.topics import known as K
from site_gen.topics.extract import name_key
from site_gen.topics.gazetteer import Knowledge

_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_MONTHS = frozenset("january february march april may june july august september october november december".split())


def segments(know: Knowledge, span: str, initial: bool) -> tuple:
    """Cut a run of capitalised words into candidate names: ((words, starts sentence, ends run), ...)."""
    text = span.replace("’", "'").replace("[", "").replace("]", "")
    raw = text.split()
    tokens: list[str] = []
    for t in raw:
        if t.isdigit() and tokens and tokens[-1].isupper():
            tokens[-1] += " " + t  # "FRANCE 24"
        else:
            tokens.append(t.replace(".", "") if _DOTTED.fullmatch(t) else t)
    place_name = tokens[-1].casefold() in K.PLACE_HEADS
    out: list[list] = []
    current: list[str] = []
    start_index = 0

    def close(next_index: int):
        nonlocal current, start_index
        while current and current[-1][:1].islower():
            current.pop()
        if current:
            out.append([tuple(current), initial and start_index == 0, False])
        current = []
        start_index = next_index

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        key = tok.casefold()
        known = _known_run(know, tokens, i)
        if known:
            close(i)
            start_index = i
            current = tokens[i:i + known]
            close(i + known)
            i += known
            continue
        if tok[:1].islower():
            if current:
                current.append(tok)
            else:
                start_index = i + 1
            i += 1
            continue
        if "-" in tok and key not in know.canonical:
            parts = tok.split("-")
            if any(p[:1].islower() for p in parts[1:]):
                if parts[1].casefold() not in K.LANGUAGE_SUFFIXES:
                    current.append(parts[0])
                close(i + 1)
                i += 1
                continue
        if key in know.curated:
            current.append(tok)
        elif tok.isupper() and len(tok) > 1 or any(c.isdigit() for c in tok):
            if tok in K.STOP_ACRONYMS:
                close(i + 1)
            else:
                current.append(tok)
        elif key in K.STOP and not (key in _MONTHS and current):
            close(i + 1)
        elif key in K.TITLES and not place_name:
            close(i + 1)
        else:
            current.append(tok)
        i += 1
    close(len(tokens))
    if out and out[-1][0][-1] == tokens[-1]:
        out[-1][2] = True
    return tuple((words, first, last) for words, first, last in out)


def _known_run(know: Knowledge, tokens: list[str], i: int) -> int:
    """Length of the longest known multi-word name starting at tokens[i], or 0."""
    candidates = know.multi.get(tokens[i].casefold())
    if not candidates:
        return 0
    keys = tuple(name_key(t) for t in tokens[i:i + len(candidates[0])])
    for words in candidates:
        if keys[:len(words)] == words:
            return len(words)
    return 0


@dataclass
class Evidence:
    """What the whole site says about capitalised words, gathered from every candidate name.

    Sets and counts only, summed over the site's distinct runs of words: the same scans in any
    order give the same evidence, and a blog's share can be added or taken away."""

    inside: set = field(default_factory=set)  # keys of one-word names seen capitalised inside a sentence
    surnames: set = field(default_factory=set)  # last-word keys of person-like names
    org_firsts: set = field(default_factory=set)  # first-word keys of names like "Meridian Research"
    alone: Counter = field(default_factory=Counter)  # key -> times written as a name of its own (glue.py)
    units: Counter = field(default_factory=Counter)  # key of a run joined by a small word -> times written
    defined: set = field(default_factory=set)  # keys of long forms defined in the text ("... (NRP)")


def person_like(words: tuple[str, ...], know: Knowledge) -> bool:
    """'Oleksii Reznikov', 'Joseph R Biden': two to four capitalised words, none generic or a place."""
    if not 2 <= len(words) <= 4:
        return False
    answer = know.people.get(words)
    if answer is None:
        answer = know.people[words] = _person_like(words, know)
    return answer


def _person_like(words: tuple[str, ...], know: Knowledge) -> bool:
    for w in words:
        k = w.casefold()
        if (not w[:1].isupper() or w.isupper() and len(w) > 1 or k in K.GENERIC or k in K.TITLES
                or name_key(w) in know.canonical or any(c.isdigit() for c in w)):
            return False
    key = name_key(" ".join(words))
    return key not in know.canonical or key in know.curated


def gather_evidence(segment_counts, know: Knowledge, defined=()) -> Evidence:
    """Evidence from ((segments, times the run is written), ...) and the long forms defined in the text."""
    return evidence_from(((run_evidence(segments, know), count) for segments, count in segment_counts), defined)


def evidence_from(parts_counts, defined=()) -> Evidence:
    """Evidence from ((run_evidence of a run, times the run is written), ...)."""
    ev = Evidence(defined={name_key(d) for d in defined})
    sets, counts = (ev.inside, ev.surnames, ev.org_firsts), (ev.alone, ev.units)
    for parts, count in parts_counts:
        for field, key in parts:
            if field < _COUNTED:
                sets[field].add(key)
            else:
                counts[field - _COUNTED][key] += count
    return ev


# Evidence's fields by number, as run_evidence (and build/topics_memo.py's record of what each
# decision read) writes them: sets first, then counts (from _COUNTED on), then `defined`, which
# is made from the text's definitions, not from runs.
EVIDENCE_FIELDS = ("inside", "surnames", "org_firsts", "alone", "units", "defined")
_COUNTED = 3


def run_evidence(segments, know: Knowledge) -> tuple:
    """What one run's pieces say, whatever the times it is written: ((field, key), ...).

    A run joined by a small word ("Kherson and Mykolaiv") counts as a unit; its parts give
    the evidence they gave as runs of their own (capitalised inside a sentence, surnames),
    but are not counted as written on their own: that is what glue.py weighs against the unit.
    """
    out: list = []
    for words, initial, _ in segments:
        where = glue.joints(words)
        if where:
            out.append((4, name_key(" ".join(words))))
            for k, part in enumerate(glue.parts(words, where)):
                _evidence_of(out, tuple(part), initial and k == 0, know)
            continue
        _evidence_of(out, words, initial, know)
        if len(words) > 1 or not initial:
            out.append((3, name_key(" ".join(words))))
    return tuple(out)


def _evidence_of(out: list, words: tuple, initial: bool, know: Knowledge) -> None:
    if len(words) == 1:
        if not initial:
            out.append((0, name_key(words[0])))
    elif person_like(words, know):
        out.append((1, name_key(words[-1])))
    elif all(w.casefold() in K.ORG_HEADS for w in words[1:]) and words[0][:1].isupper():
        out.append((2, name_key(words[0])))


class Decider:
    """Turns candidate pieces into names, using the built-in lists, the curated file and the evidence.

    With `why` a list, each decision appends its reasons to it, in words (for --explain)."""

    def __init__(self, know: Knowledge, evidence: Evidence, why: list | None = None, memo=None):
        """`memo`: decisions kept from an earlier build (build/topics_memo.py), or None.  It
        hands back a decision whose evidence is unchanged, and records what each new one reads
        (`evidence` is then the memo's watched view of it)."""
        self.know = know
        self.ev = evidence
        self.why = why
        self.memo = memo if why is None else None
        self._cache: dict = {}

    def names(self, words: tuple[str, ...], initial: bool, infra: str = "") -> list[str]:
        key = (words, initial, infra)
        memo = self.memo
        if key not in self._cache or self.why is not None:
            found = memo.recall(key) if memo is not None else None
            if found is None:
                if memo is not None:
                    memo.begin()
                found = self._decide(list(words), initial)
                if infra and found:
                    last = found[-1]
                    if name_key(last) not in self.know.countries:
                        found[-1] = f"{last} {infra}"
                        self._note(lambda: f"'{found[-1]}': a name followed by '{infra}' is that thing")
                if memo is not None:
                    memo.end(key, found)
            self._cache[key] = found
        elif memo is not None:
            memo.reuse(key)
        return self._cache[key]

    def _part(self, words: list[str], initial: bool) -> list[str]:
        """The names in part of a run: decided once for all the runs that hold it (names' cache)."""
        return list(self.names(tuple(words), initial))

    def _note(self, text) -> None:
        """Add the reason `text()` makes, when asked for reasons (only then is it written)."""
        if self.why is not None:
            self.why.append(text())

    # glue.Judge: what the joined-run rule asks
    def whole(self, key: str) -> str:
        if key in self.know.canonical:
            return self.known_as(key)
        return "defined in the text (an acronym's long form)" if key in self.ev.defined else ""

    def known_as(self, key: str) -> str:
        origin = self.know.origin.get(key) or "the built-in names"
        return f"a known name ({origin})"

    def stands(self, part: list[str], need: int) -> str:
        key = name_key(" ".join(part))
        known = self.whole(key)
        if known:
            return known
        if len(part) == 1:
            w = part[0]
            if (w.isupper() and len(w) > 1 or any(c.isdigit() for c in w)) and w not in K.STOP_ACRONYMS:
                return "an acronym" if w.isupper() else "a name with digits"
            low = w.casefold()
            if low in K.GENERIC or low in K.TITLES or low in K.STOP:
                return ""
            if key in self.ev.surnames:
                return "the surname of a person named in the site"
        elif person_like(tuple(part), self.know):
            return "a person's name"
        elif glue.generic(part) and not any(w.casefold() in K.ORG_HEADS for w in part):
            return ""
        times = self.ev.alone.get(key, 0)
        if times >= need:
            return f"written on its own {_times(times)}" + (" inside a sentence" if len(part) == 1 else "")
        return ""

    def _unit(self, words: list[str]) -> int:
        """Times these words are written as a run of their own."""
        key = name_key(" ".join(words))
        return self.ev.alone.get(key, 0) + self.ev.units.get(key, 0)

    def _decide(self, words: list[str], initial: bool) -> list[str]:
        know = self.know
        while words and words[-1].casefold().rstrip(".") in K.COMPANY_SUFFIXES and len(words) > 1:
            words.pop()
        name = " ".join(words)
        key = name_key(name)
        if not words:
            return []
        if key in know.canonical:
            self._note(lambda: f"'{name}': {self.known_as(key)}")
            return [name]
        core = [w for w in words if not w[:1].islower()]
        if len(core) == 1:
            return self._single(words[0], key, initial)
        split = self._split(words, initial)
        if split is not None:
            return split
        pieces = glue.pieces(words, self, self.ev.units, self.why)
        if pieces is not None:
            return [n for k, piece in enumerate(pieces) for n in self._part(piece, initial and k == 0)]
        lowered = [w.casefold() for w in core]
        if all(w in K.GENERIC or w in K.TITLES for w in lowered):
            has_head = any(w in K.ORG_HEADS for w in lowered)
            geo = not initial and any(w in K.GEO_HEADS for w in lowered)
            self._note(lambda: f"'{name}': generic words " + ("with an organisation's head word: a name" if has_head else
                                                     "with a geographic head: a name" if geo else "only: not a name"))
            return [name] if has_head or geo else []
        if initial and len(core) == len(words) and words[0].casefold().endswith("ly"):
            self._note(lambda: f"'{name}': '{words[0]}' is an adverb starting the sentence")
            return self._decide(words[1:], False)
        self._note(lambda: f"'{name}': a name: " + ("a person's (two to four capitalised words, none generic)"
                                            if person_like(tuple(words), know) else "capitalised words, not all generic"))
        return [name]

    def _single(self, word: str, key: str, initial: bool) -> list[str]:
        if len(word) < 2 or word.isdigit():
            return []
        if word.isupper() or any(c.isdigit() for c in word):
            if word in K.STOP_ACRONYMS:
                self._note(lambda: f"'{word}': a generic abbreviation, not a name")
                return []
            self._note(lambda: f"'{word}': " + ("an acronym" if word.isupper() else "a name with digits"))
            return [word]
        low = word.casefold()
        if low in K.GENERIC or low in K.TITLES or low in K.STOP:
            self._note(lambda: f"'{word}': a " + ("title" if low in K.TITLES else "generic word" if low in K.GENERIC
                                         else "word that is never a name"))
            return []
        if not initial:
            self._note(lambda: f"'{word}': a name: capitalised inside a sentence")
            return [word]
        for evidence, why in ((self.ev.inside, "capitalised inside a sentence elsewhere in the site"),
                              (self.ev.surnames, "the surname of a person named in the site"),
                              (self.ev.org_firsts, "the first word of an organisation's name in the site")):
            if key in evidence:
                self._note(lambda: f"'{word}' starts a sentence, but is {why}")
                return [word]
        self._note(lambda: f"'{word}': only written capitalised at the start of a sentence, so not taken for a name")
        return []

    def _split(self, words: list[str], initial: bool) -> list[str] | None:
        """A country or demonym at the edge of a longer run ("Russian Defence Ministry")."""
        know = self.know
        for n in (2, 1):
            if len(words) > n and name_key(" ".join(words[:n])) in know.countries:
                rest = words[n:]
                while rest and rest[0][:1].islower():
                    rest = rest[1:]
                rest_core = [w for w in rest if not w[:1].islower()]
                country = " ".join(words[:n])
                if not rest_core:
                    return [country]
                single = rest_core[0].casefold() if len(rest_core) == 1 else ""
                if single and single in K.GENERIC and single not in K.ORG_HEADS and single not in K.GEO_HEADS:
                    self._note(lambda: f"'{' '.join(words)}': the country '{country}' and a generic word")
                    return [country]
                if len(rest_core) > 1 and self._unit(words) >= 2 and not self._unit(rest):
                    self._note(lambda: f"'{' '.join(words)}' is one name: written as a unit {_times(self._unit(words))}, "
                               f"'{' '.join(rest)}' never on its own")
                    return None  # "African Development Bank"
                if len(rest_core) > 1 or name_key(rest[0]) in self.ev.inside or name_key(rest[0]) in know.canonical:
                    self._note(lambda: f"'{' '.join(words)}': the country '{country}', then '{' '.join(rest)}'")
                    return [country] + self._part(rest, False)
                return None
        first = name_key(words[0])
        if first in know.canonical and len(words) > 2 and person_like(tuple(words[1:]), know):
            self._note(lambda: f"'{' '.join(words)}': the known name '{words[0]}', then a person")
            return self._part(words[:1], initial) + self._part(words[1:], False)  # "Democrat Alicia Vance"
        last = name_key(words[-1])
        if last in know.demonyms:
            self._note(lambda: f"'{' '.join(words)}': ends with the demonym '{words[-1]}'")
            return self._part(words[:-1], initial) + [words[-1]]
        if last in know.countries and not words[-2][:1].islower():
            left = name_key(" ".join(words[:-1]))
            if left in self.ev.inside or left in know.canonical:
                self._note(lambda: f"'{' '.join(words)}': ends with the country '{words[-1]}'")
                return self._part(words[:-1], initial) + [words[-1]]
        return None


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"
