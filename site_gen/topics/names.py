"""Judging candidate names: which runs of capitalised words are names, cut where.

    Knowledge.segments(run, starts_sentence)  cut a run at words that are never names
                                              (stop words, weekdays, months, pronouns)
                                              and at titles ("President")
    gather_evidence(...)                      what the whole site says about capitalised words
    Decider(knowledge, evidence).names(...)   keep or drop each piece

A piece is kept or dropped using the built-in word lists, the gazetteer, the
curated file, and evidence from the whole site: a word that only ever appears
capitalised at the start of a sentence ("Asked", "Efforts") is not a name; one
that also appears capitalised inside a sentence ("Reznikov") is.  Everything
here runs once per distinct run of words, not once per occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_gen.topics import known as K
from site_gen.topics.extract import name_key

_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_MONTHS = frozenset("january february march april may june july august september october november december".split())


@dataclass
class Knowledge:
    """The gazetteer and the curated file, as lookup tables keyed by name_key."""

    canonical: dict = field(default_factory=dict)  # alias key -> canonical name
    countries: set = field(default_factory=set)  # keys of country names, aliases and demonyms
    demonyms: set = field(default_factory=set)  # keys of demonyms only
    multi: dict = field(default_factory=dict)  # first word key -> word-key tuples of known multi-word names
    curated: set = field(default_factory=set)  # keys of curated names and aliases
    ignore: set = field(default_factory=set)  # keys never to index

    def add(self, canonical: str, aliases=(), *, country=False, demonyms=(), curated=False):
        for name in (canonical, *aliases, *demonyms):
            key = name_key(name)
            if curated or key not in self.canonical:
                self.canonical[key] = canonical
            if country:
                self.countries.add(key)
            if curated:
                self.curated.add(key)
            words = tuple(key.split())
            if len(words) > 1:
                entries = self.multi.setdefault(words[0], [])
                if words not in entries:
                    entries.append(words)
                    entries.sort(key=len, reverse=True)
        self.demonyms.update(name_key(d) for d in demonyms)

    @classmethod
    def builtin(cls) -> "Knowledge":
        k = cls()
        for line in K.COUNTRIES.strip().splitlines():
            names, _, dems = line.partition(";")
            canonical, *aliases = names.split("|")
            k.add(canonical, aliases, country=True, demonyms=[d for d in dems.split("|") if d])
        for place in (p.strip() for p in K.PLACES.replace("\n", " ").split(",")):
            if place:
                k.add(place)
        for line in K.ORGANISATIONS.strip().splitlines():
            canonical, *aliases = line.split("|")
            k.add(canonical, aliases)
        return k

    def segments(self, span: str, initial: bool) -> tuple:
        """Cut a run of capitalised words into candidate names: ((words, starts sentence, ends run), ...)."""
        return _segments(self, span, initial)


def _segments(know: Knowledge, span: str, initial: bool) -> tuple:
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
    """What the whole site says about capitalised words, gathered from every candidate name."""

    inside: set = field(default_factory=set)  # keys of one-word names seen capitalised inside a sentence
    surnames: set = field(default_factory=set)  # last-word keys of person-like names
    org_firsts: set = field(default_factory=set)  # first-word keys of names like "Meridian Research"


def person_like(words: tuple[str, ...], know: Knowledge) -> bool:
    """'Oleksii Reznikov', 'Joseph R Biden': two to four capitalised words, none generic or a place."""
    if not 2 <= len(words) <= 4:
        return False
    for w in words:
        k = w.casefold()
        if (not w[:1].isupper() or w.isupper() and len(w) > 1 or k in K.GENERIC or k in K.TITLES
                or name_key(w) in know.canonical or any(c.isdigit() for c in w)):
            return False
    key = name_key(" ".join(words))
    return key not in know.canonical or key in know.curated


def gather_evidence(segment_lists, know: Knowledge) -> Evidence:
    ev = Evidence()
    for segments in segment_lists:
        for words, initial, _ in segments:
            if len(words) == 1:
                if not initial:
                    ev.inside.add(name_key(words[0]))
            elif person_like(words, know):
                ev.surnames.add(name_key(words[-1]))
            elif all(w.casefold() in K.ORG_HEADS for w in words[1:]) and words[0][:1].isupper():
                ev.org_firsts.add(name_key(words[0]))
    return ev


class Decider:
    """Turns candidate pieces into names, using the built-in lists, the curated file and the evidence."""

    def __init__(self, know: Knowledge, evidence: Evidence):
        self.know = know
        self.ev = evidence
        self._cache: dict = {}

    def names(self, words: tuple[str, ...], initial: bool, infra: str = "") -> list[str]:
        key = (words, initial, infra)
        if key not in self._cache:
            found = self._decide(list(words), initial)
            if infra and found:
                last = found[-1]
                if name_key(last) not in self.know.countries:
                    found[-1] = f"{last} {infra}"
            self._cache[key] = found
        return self._cache[key]

    def _decide(self, words: list[str], initial: bool) -> list[str]:
        know = self.know
        while words and words[-1].casefold().rstrip(".") in K.COMPANY_SUFFIXES and len(words) > 1:
            words.pop()
        name = " ".join(words)
        key = name_key(name)
        if not words:
            return []
        if key in know.canonical:
            return [name]
        core = [w for w in words if not w[:1].islower()]
        if len(core) == 1:
            return self._single(words[0], key, initial)
        split = self._split(words, initial)
        if split is not None:
            return split
        lowered = [w.casefold() for w in core]
        if all(w in K.GENERIC or w in K.TITLES for w in lowered):
            has_head = any(w in K.ORG_HEADS for w in lowered)
            geo = not initial and any(w in K.GEO_HEADS for w in lowered)
            return [name] if has_head or geo else []
        if initial and len(core) == len(words) and words[0].casefold().endswith("ly"):
            return self._decide(words[1:], False)
        return [name]

    def _single(self, word: str, key: str, initial: bool) -> list[str]:
        if len(word) < 2 or word.isdigit():
            return []
        if word.isupper() or any(c.isdigit() for c in word):
            return [] if word in K.STOP_ACRONYMS else [word]
        low = word.casefold()
        if low in K.GENERIC or low in K.TITLES or low in K.STOP:
            return []
        if initial and key not in self.ev.inside and key not in self.ev.surnames and key not in self.ev.org_firsts:
            return []
        return [word]

    def _split(self, words: list[str], initial: bool) -> list[str] | None:
        """Country or demonym at the edge of a longer run, and 'Name of the Organisation' runs."""
        know = self.know
        for n in (2, 1):
            if len(words) > n and name_key(" ".join(words[:n])) in know.countries:
                rest = words[n:]
                while rest and rest[0][:1].islower():
                    rest = rest[1:]
                rest_core = [w for w in rest if not w[:1].islower()]
                if not rest_core:
                    return [" ".join(words[:n])]
                single = rest_core[0].casefold() if len(rest_core) == 1 else ""
                if single and single in K.GENERIC and single not in K.ORG_HEADS and single not in K.GEO_HEADS:
                    return [" ".join(words[:n])]
                if len(rest_core) > 1 or name_key(rest[0]) in self.ev.inside or name_key(rest[0]) in know.canonical:
                    return [" ".join(words[:n])] + self._decide(rest, False)
                return None
        last = name_key(words[-1])
        if last in know.demonyms:
            return self._decide(words[:-1], initial) + [words[-1]]
        if last in know.countries and not words[-2][:1].islower():
            left = name_key(" ".join(words[:-1]))
            if left in self.ev.inside or left in know.canonical:
                return self._decide(words[:-1], initial) + [words[-1]]
        for i, w in enumerate(words):
            if w in ("of", "for") and 0 < i < len(words) - 1:
                left, right = words[:i], words[i + 1:]
                while right and right[0][:1].islower():
                    right = right[1:]
                if right and (person_like(tuple(left), know) or right[0].casefold() in K.ORG_HEADS
                              and left[-1].casefold() not in K.ORG_HEADS):
                    return self._decide(left, initial) + self._decide(right, False)
        return None
