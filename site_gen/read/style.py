"""The dump's heading style, inferred from the dump as a whole: which candidates are headings.

    settle(items) -> Reading

`items` are the parser's classified lines in file order (see parse.py); the ones of
kind "candidate" carry a headings.Candidate.  Each becomes a "heading" (with a
clock.Heading) or a "text" line, and the Reading says why:

1. Shapes.  Each candidate reduces to a shape: its prefix (the markers before the
   time, or its words when there are no markers), its clock (12-hour, or 24-hour with
   ':', '.', 'h', four digits), the words after the time (a zone, 'Uhr'), the
   separator (':', a dash, '|', a closing bracket, none, nothing at all) and where the
   time is (start or end of the line).  Words the dump prints after most times of
   a shape ("21:23 heure de Beyrouth", "1530 hrs:") are part of it (_recurring_words).
2. The house style is the shape (or the few shapes) that recur among the plausible
   candidates.  A shape without a separator, with the time at the end or as four
   digits, is a style only when most candidates have it; one with words before the
   time only when it is the most common ("Posted at 14:32").
3. A candidate in a house shape is a heading, even without a separator, and even
   against the order of the times (the chronology warns).  Any other candidate
   needs stronger evidence: a separator or the time alone on its line, no words
   before the time (but for a capital kicker, "BREAKING"), no time after the text;
   and the chronology still reads it as a paragraph when its time breaks the order
   (chronology._odd_ones_out).  A time with nothing of its own under it is no entry
   (layout.after_settling).
4. Headline or prose.  The text after the time is a headline or the entry's first
   paragraph: clear cases decide by themselves (a long sentence is prose; a short
   line without a full stop heading more text is a headline), the others follow
   what the dump mostly does; when no entry has anything below its heading line,
   the heading lines are the entries' text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from site_gen.read.clock import heading_from
from site_gen.read.dates import is_hour_word
from site_gen.read.headings import (NO_SEPARATOR, Candidate, Tail, clock_family, implausible, needs_company,
                                    prefix_of, read_tail, shape)
from site_gen.timezones import is_zone_abbreviation

_PROSE_END = re.compile(r"[.!?…][\"”’')»]*$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’')»]*\s+[\"“‘«(]?[^\W\d_]")
_HEADLINE_BAD_END = re.compile(r"[.!?…,;:][\"”’')»]*$")


@dataclass
class Reading:
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, why)
    missing_separator: list = field(default_factory=list)  # rejected only for want of a separator

    def styles(self, items) -> list[str]:
        """The dump's heading style(s) as its entries show them, for inspect: "'+++ 02:14 … +++':
        3 headings (lines 2, 6, 16)"."""
        by_shape: dict[tuple, list] = {}
        for it in items:
            if it.kind == "heading":
                by_shape.setdefault((not it.heading.in_style, it.heading.style), []).append(it)
        return [_describe(members) + ("" if members[0].heading.in_style else ", not the dump's style but set "
                                      "apart as a heading, and in the order of the times")
                for _, members in sorted(by_shape.items(), key=lambda kv: (kv[0][0], kv[1][0].no))]


def settle(items) -> Reading:
    candidates = [it for it in items if it.kind == "candidate"]
    reading = Reading()
    if not candidates:
        return reading
    recurring = _recurring_words(candidates)
    tails: dict[int, Tail] = {}
    why_not: dict[int, str] = {}
    shapes: dict[int, tuple] = {}
    for it in candidates:
        c = it.cand
        tail = read_tail(c, recurring.get(_family(c), ()))
        tails[it.no] = tail
        reason = implausible(c, tail)
        if reason:
            why_not[it.no] = reason
        else:
            shapes[it.no] = shape(c, tail)
    house = _house(list(shapes.values()))
    for it in candidates:
        c, tail = it.cand, tails[it.no]
        reason = why_not.get(it.no)
        in_style = it.no in shapes and shapes[it.no] in house
        if reason is None and not in_style:
            reason = _off_style(c, tail, shapes[it.no], house)
        if reason is None:
            it.kind, it.heading = "heading", heading_from(c, tail, in_style=in_style, style=shapes[it.no])
            continue
        it.kind = "text"
        if c.clock.hsep or any(s[2] == "hhmm" for s in house):  # ('2022 was...': a year, not worth a word)
            reading.rejected.append((it.no, it.text, reason))
        if reason == NO_SEPARATOR:
            reading.missing_separator.append((it, heading_from(c, tail, in_style=False, style=())))
    return reading


def _family(c: Candidate) -> tuple:
    return (c.at_end, prefix_of(c), clock_family(c))


def _weak(s: tuple) -> bool:
    """Shapes that are headings only when most of the dump is written so."""
    return s[4] == "none" or s[0] == "end" or s[2] == "hhmm"


def _house(found: list[tuple]) -> set[tuple]:
    """The shapes that recur: the dump's heading style(s)."""
    if not found:
        return set()
    counts = Counter(_merge_hours(found))
    total = len(found)
    primary, n = counts.most_common(1)[0]  # (ties: the first in the file)
    house = {s for s, n in counts.items()
             if n >= 2 and (n * 2 > total or (not _weak(s) and n * 4 >= total))
             and ("words:" not in s[1] or s == primary)}  # 'By 5pm.' twice is prose, 'Posted at' a style
    if not house:
        if not needs_company(primary) and (n * 2 > total or not _weak(primary)):
            house.add(primary)
    return house | {s for s in found if s[2] == "24h-hour" and _as_24h(s, house)}


def _merge_hours(found: list[tuple]) -> list[tuple]:
    """'20h :' counts with '20h03 :', '20 Uhr' with '17:45 Uhr' (the hour alone, in a dump that
    prints hours and minutes the same way)."""
    families: dict[tuple, str] = {}
    for s in found:
        if s[2] != "24h-hour":
            families.setdefault(s[:2] + s[3:], s[2])
    return [s[:2] + (families[s[:2] + s[3:]],) + s[3:] if s[2] == "24h-hour" and s[:2] + s[3:] in families else s
            for s in found]


def _as_24h(s: tuple, house: set[tuple]) -> bool:
    return any(h[:2] + h[3:] == s[:2] + s[3:] and h[2] in ("h", ":", ".") for h in house)


def _kicker(c: Candidate, s: tuple, house: set[tuple]) -> bool:
    """'BREAKING 19:55: Headline' in a dump of '20:17: Headline': a capitalised kicker (or one
    ending with a colon) before a heading otherwise in the dump's style."""
    words = c.words.split()
    if not (all(w.isupper() for w in words) or words[-1][-1:] in ":|") or s[4] in ("none", "alone"):
        return False
    bare = (s[0], s[1].split("words:")[0], s[2], s[3], s[4])
    return bare in house


def _off_style(c: Candidate, tail: Tail, s: tuple, house: set[tuple]) -> str | None:
    """Why a plausible candidate unlike the house style is not a heading, or None."""
    if c.at_end:
        return "a time after the text, unlike the dump's headings"
    if s[2] == "hhmm":
        return "a four-digit number, unlike the dump's headings"
    if c.words and not _kicker(c, s, house):
        return "words before the time, unlike the dump's headings"
    if tail.sep == "none":
        return NO_SEPARATOR
    return None


def _recurring_words(candidates) -> dict[tuple, tuple[str, ...]]:
    """Words the dump prints after most times of a family: part of its heading style.

    Either the whole rest of the line when it begins with an hour or zone word ("21:23 heure de
    Beyrouth"), or is one short lower-case or capital word printed three times or more ("20:17
    hs"), or one such word before a separator ("1530 hrs: ...", "20:17 hs - ...").
    """
    groups: dict[tuple, list[tuple[str, ...]]] = {}
    first: dict[tuple[str, ...], str] = {}
    for it in candidates:
        tail = it.cand.tail
        words = tuple(tail.casefold().split()) if tail.count(" ") <= 8 else ("…",)
        if words and words != ("…",):
            first.setdefault(words, tail.split()[0])
        m = _WORD_BEFORE_SEP.match(tail) if len(words) > 1 or words == ("…",) else None
        if m and (m["word"].islower() or m["word"].isupper()):
            words = (m["word"].casefold(), "+sep")
        groups.setdefault(_family(it.cand), []).append(words)
    found = {}
    for family, tails in groups.items():
        if len(tails) < 2:
            continue
        words, n = Counter(tails).most_common(1)[0]
        if not words or words == ("…",) or len(words) > 4 or n * 5 < 3 * len(tails) \
                or any(len(w) > 20 or any(ch.isdigit() for ch in w) for w in words) or _PROSE_END.search(words[-1]):
            continue
        if words[-1] == "+sep":
            found[family] = words[:1]
        elif _known_word(first[words]) or (n >= 3 and len(words) == 1 and len(words[0]) <= 6
                                           and (first[words].islower() or first[words].isupper())):
            found[family] = words
    return found


_WORD_BEFORE_SEP = re.compile(r"[ \t]+(?P<word>[^\W\d_]{1,6}\.?)[ \t]*(?::(?!\d)|\||[–—]|-[ \t])")


def _known_word(word: str) -> bool:
    return is_hour_word(word) or (word.isupper() and is_zone_abbreviation(word))


def _describe(members) -> str:
    first = next((it for it in members if not it.cand.words), members[0])
    line, rest = first.text, first.heading.rest
    at = line.rfind(rest) if rest else -1
    text = line[:at] + "…" + line[at + len(rest):] if at >= 0 else line + " (alone on its line)"
    lines = ", ".join(str(it.no) for it in members[:4]) + (", …" if len(members) > 4 else "")
    plural = "s" if len(members) != 1 else ""
    return f"'{text}': {len(members)} heading{plural} (line{plural} {lines})"


# --- headline or prose ---------------------------------------------------------------------------

def clear_prose(text: str) -> bool:
    """A sentence, not a headline: over 200 characters, or ending like a sentence with 12
    words or more or a second sentence inside."""
    return len(text) > 200 or (bool(_PROSE_END.search(text)) and (len(text.split()) >= 12
                                                                  or bool(_SENTENCE_BREAK.search(text))))


def clear_headline(text: str) -> bool:
    """Twelve words at most and no full stop, comma or colon at the end."""
    return bool(text) and len(text.split()) <= 12 and not _HEADLINE_BAD_END.search(text)


def mark_prose(items) -> None:
    """Set `prose` on every heading whose text (after the time, or on the next line when the
    time stands alone) is the entry's first paragraph rather than a headline.

    The dump votes: clear prose, or a text ending with a full stop, for prose; a clear
    headline for headlines.  A dump mostly of prose keeps a clear headline that has more
    text under it; a dump mostly of headlines keeps clear prose as prose.
    """
    entries = []  # [heading item, its text, whether more text follows that text]
    for it in items:
        if it.kind == "heading":
            entries.append([it, it.heading.rest, False])
        elif it.kind == "related" and entries:
            entries[-1][2] = True
        elif it.kind == "text" and entries:
            entry = entries[-1]
            if entry[1]:
                entry[2] = True
            else:
                entry[1] = it.text
    if not entries:
        return
    prose_votes = headline_votes = 0
    for _, text, _ in entries:
        if text:
            if clear_prose(text) or _PROSE_END.search(text):  # a full stop: a sentence, more often than not
                prose_votes += 1
            elif clear_headline(text):
                headline_votes += 1
    # every entry is its heading line (a ticker of one-line items): those lines are the text
    dump_prose = prose_votes > headline_votes or not any(body for _, _, body in entries)
    for it, text, body in entries:
        if not text:
            it.prose = False
        elif dump_prose:
            it.prose = not (clear_headline(text) and body)
        else:
            it.prose = clear_prose(text)
