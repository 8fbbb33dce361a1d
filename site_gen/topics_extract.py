"""Finding names in entry text: a rule-based extractor, no model, no network.

Three steps, each a pure function of its input:

1. `scan_entry`: one regular expression finds every run of capitalised words
   ("Defence Minister Oleksii Reznikov", "Dnipro River") in the headline and the
   paragraphs, noting whether it starts a sentence and any infrastructure noun
   after it ("Kakhovka dam").  Acronym definitions ("National Renewal Party
   (NRP)") are found on the way.  This is the only step that reads all the text.
2. `Knowledge.segments`: a run is cut at words that are never names (stop
   words, weekdays, months, pronouns) and at titles ("President").
3. `Decider.names`: each piece is kept or dropped using the built-in word
   lists, the gazetteer, the curated file, and evidence from the whole site:
   a word that only ever appears capitalised at the start of a sentence
   ("Asked", "Efforts") is not a name; one that also appears capitalised
   inside a sentence ("Reznikov") is.

Steps 2 and 3 run once per distinct run of words, not once per occurrence,
which keeps extraction fast on large sites.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from site_gen import topics_known as K
from site_gen.model import PARAGRAPH, Entry


_UP = "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isupper() and c.isalpha())
_U = f"[{_UP}]"
_SP = "[ \u00a0]"
# A full stop after these does not end a sentence.
_ABBREV = "".join(rf"(?<!\b{a}\.)" for a in ("Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Sgt", "Gov",
                                             "Sen", "Rep", "Prof", "Capt", "No", "vs", "Jr", "Sr", "[A-Z]"))
_END = rf"(?:[!?…:]|\.{_ABBREV})"
# Whether the first capital starts a sentence: one look-behind placed after it
# (so the pattern still starts with a character class and the regex engine
# skips in C to the next capital), capturing the character before the capital
# when that is the start of the text (scanned as "\n" + text), an opening quote,
# the space after ". " or '." ', or an opening bracket at the start.
_STARTS = (rf"(?:(?<=([\n\"“‘]"
           rf"|(?<={_END})\s|(?<={_END}[\"”’')\]])\s"
           rf"|(?<=\n)['(\[]|(?<={_END}\s)['(\[]"
           rf"){_U}))?")


def trie(words) -> str:
    """A regex alternation of `words` as a trie ("of(?: the)?|for..."): no alternative is retried letter by letter."""
    if "" in words and len(words) == 1:
        return ""
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        if w:
            groups.setdefault(w[0], []).append(w[1:])
    parts = []
    for first, rests in groups.items():
        char = _SP if first == " " else re.escape(first)
        tail = trie(rests)
        if tail and "" in rests:
            tail = f"(?:{tail})?"
        elif tail and len([r for r in rests if r]) > 1:
            tail = f"(?:{tail})"
        parts.append(char + tail)
    return parts[0] if len(parts) == 1 and "" not in words else "|".join(parts)


# The rest of a name word: "Reznikov", "IAEA", "U.S.", "FRANCE 24", "O'Brien", "F-16", "Ukrainian-appointed".
# Atomic and possessive: a failed attempt to extend a run never gives letters back.
_REST = rf"(?>(?:\.{_U})+\.|{_U}+{_SP}\d{{1,3}}(?![\d,.:/]?\w)|\w*+(?:['’]{_U}\w*+)?+(?:-\w+)*+)"
_CONN = trie(K.CONNECTORS)
_INFRA = trie(K.INFRASTRUCTURE)
# A run of capitalised words, joined by single spaces or connectors ("Department of Commerce"),
# and an infrastructure noun after it ("Kakhovka dam").  findall gives
# (run, start, infrastructure): the run starts a sentence when `start` is not empty.
SPAN_RE = re.compile(rf"({_U}{_STARTS}{_REST}(?:{_SP}(?:(?:{_CONN}){_SP})?{_U}{_REST})*+)"
                     rf"(?:{_SP}({_INFRA})(?!\w))?")
_ALL = SPAN_RE.findall

# "Long Name (LN)" and "Long Name, known as LN" (each starts with a literal, so searching is fast).
_ACRONYM_PAREN = re.compile(r"\((?:the )?([A-Z][A-Za-z&]*[A-Z])s?\)")
_ACRONYM_KNOWN = re.compile(r"known as (?:the )?([A-Z]{2,})\b")
_BRACKETED = re.compile(r"\[([A-Z][\w'’-]*)\]")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_SKIPPABLE = frozenset("of for and the in on de du des del da di to at &".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The comparison key of a name: accents, case, hyphens and "Department of X" word order ignored.

    Letters of every script stay ("Київ" and "Кличко" are different names); only accents go.
    """
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    key = " ".join(name.casefold().replace("’", "").replace("'", "").replace("-", " ").replace(".", "").split())
    m = _DEPT.match(key)
    return f"{m.group(2)} {m.group(1)}" if m else key


_DEPT = re.compile(r"^(?:the )?(ministry|department|office|bureau) of (?:the )?(.+)$")


def starts_sentence(run: tuple) -> bool:
    return bool(run[1])


def is_title_case(headline: str) -> bool:
    """'Clean-Up Begins As Orla Moves Out' is written in title case; its capitals say nothing."""
    words = headline.split()
    if len(words) < 3 or words[1][:1].islower() and words[2][:1].islower():
        return False
    words = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def scan_entry(entry: Entry, defs: Counter, extra_re: re.Pattern | None = None) -> tuple:
    """The capitalised runs of one entry's headline and paragraphs (related lines are other articles).

    Returns (runs, title-case headline runs or None, forced names or None), each a
    list in reading order (a run written twice is there twice); runs are
    SPAN_RE.findall tuples.  Adds acronym definitions found to `defs`
    ((acronym, long form) -> count).
    """
    title = None
    headline = entry.headline
    if headline and is_title_case(headline):
        title = _ALL(headline)
        headline = ""
    # Each line starts a sentence.
    text = "\n".join(["", headline, *[b.text for b in entry.blocks if b.kind == PARAGRAPH]])
    if "[" in text:
        text = _BRACKETED.sub(r"\1", text)  # "President [Volodymyr] Zelensky"
    forced = None
    if "(" in text and _ACRONYM_PAREN.search(text) or "known as" in text and _ACRONYM_KNOWN.search(text):
        forced = []
        runs = _scan_with_definitions(text, forced, defs)
    else:
        runs = _ALL(text)
    if extra_re is not None:
        forced = (forced or []) + [m.group(0) for m in extra_re.finditer(text)
                                   if not text[m.start() - 1].isalnum()]  # text starts with "\n"
    return runs, title, forced


def _scan_with_definitions(text: str, forced: list, defs: Counter) -> list:
    """Runs of an entry holding "Long Name (LN)": the long form replaces the runs inside it."""
    runs = _ALL(text)
    found = [(m, m.group(1)) for m in _ACRONYM_PAREN.finditer(text)] if "(" in text else []
    found += [(m, m.group(1)) for m in _ACRONYM_KNOWN.finditer(text)] if "known as" in text else []
    for m, acronym in found:
        base = max(0, m.start() - 300)
        before = text[base: m.start()]
        if before.endswith(("also ", "also")):
            before = before.rstrip()[:-4]
        long_form, start = _long_form(before, acronym)
        if long_form:
            defs[(acronym, long_form)] += 1
            forced.append(long_form)
            # The same runs again, seen through the same four characters of context.
            for run in _ALL(text[max(0, base + start - 4): m.end()]):
                if run in runs:
                    runs.remove(run)
            runs.append((acronym, "", ""))
    return runs


def _long_form(before: str, acronym: str) -> tuple[str, int]:
    """The words just before a definition whose initials spell `acronym` (the shortest such run).

    Returns the long form and where it starts in `before`.
    """
    before = before.rstrip(" ,")
    words = before.rsplit(" ", 12)[1:] if before.count(" ") >= 12 else before.split(" ")
    letters = acronym.upper()
    for k in range(1, len(words) + 1):
        first = words[-k].lstrip("\"“‘'([")
        if first[:1] != letters[0] or first.casefold() in _SKIPPABLE:
            continue
        run = [first] + words[len(words) - k + 1:]
        if _spells(letters, run):
            start = len(before) - len(" ".join(words[-k:])) + len(words[-k]) - len(first)
            return " ".join(run).rstrip(",;:"), start
    return "", 0


def _spells(letters: str, words: list[str]) -> bool:
    """Whether the words' initials (or longer prefixes: "HIgh Mobility ...") spell `letters`."""
    if not words[-1][:1].isupper():
        return False
    cores = [re.sub(r"[^\w]", "", w).upper() for w in words]
    skippable = [w.casefold() in _SKIPPABLE for w in words]
    memo: dict = {}

    def go(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        if (i, j) in memo:
            return memo[i, j]
        ok = skippable[j] and go(i, j + 1)
        core = cores[j]
        n = 1
        while not ok and n <= len(core) and i + n <= len(letters) and core[:n] == letters[i:i + n]:
            ok = go(i + n, j + 1)
            n += 1
        memo[i, j] = ok
        return ok

    return go(0, 0)


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
