"""Finding names in entry text: a rule-based extractor, no model, no network.

`scan_entry` reads an entry once: one regular expression finds every run of
capitalised words ("Defence Minister Oleksii Reznikov", "Dnipro River") in the
headline and paragraphs, noting whether it starts a sentence and any
infrastructure noun after it ("Kakhovka dam").  Acronym definitions ("National
Renewal Party (NRP)") are found on the way.  This is the only code that reads
all the text; names.py then judges each distinct run once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from site_gen.topics import known as K
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
_SKIPPABLE = frozenset("of for and the in on de du des del da di to at &".split())


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
