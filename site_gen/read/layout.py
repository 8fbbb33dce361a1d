"""The lines of a dump, classified, and the parts of a page they make.

    classify(lines, start, path, errors) -> [Line]      one pass, line by line
    title_line(items) -> Line | None                    a title printed before the first entry
    structure(items) -> lede, notice, credit, groups    once the headings are settled

A line is a heading candidate (headings.py), a date line (dates.py), a related
reference (">> Headline"), a rule (only punctuation: "***", "___", a lone dash),
or text.  Which candidates are headings is style.py's decision, made for the dump
as a whole; after it, a line that only repeats the time of the heading above it
in another format ("11.08am BST" then "11:08") becomes part of that heading, and
a date printed before a time ("June 6 1:10am: ...") acts as a date line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from site_gen.errors import error
from site_gen.model import PARAGRAPH, RELATED, Block
from site_gen.read import dates, headings
from site_gen.read.clock import DateLine, Heading, heading_from, minutes_of_day
from site_gen.read.frontmatter import MAX_YEAR, MIN_YEAR

_NOTICE = re.compile(r"no longer being updated|no longer live|this live (?:blog|page|coverage) (?:has|is) (?:now )?(?:ended|closed)", re.I)
_CREDIT = re.compile(r"^\((?P<text>[^()]{2,200})\)$")
_MD_TITLE = re.compile(r"^#[ \t]+(?P<title>\S.*?)[ \t#]*$")
_TITLE_END = re.compile(r"[.!?…,;:][\"”’')»]*$")
_RULE_MARKS = set("+=|~<>^`*#_-–—")


@dataclass
class Line:
    kind: str  # "candidate" (then "heading" or "text"), "date", "related", "rule", "text"
    no: int
    text: str
    cand: headings.Candidate | None = None
    heading: Heading | None = None
    date: DateLine | None = None
    day: dt.date | None = None  # the day a date line settles on (set by chronology)
    prose: bool = False  # a heading whose text is a sentence: the entry has no headline


def classify(lines: list[str], start: int, path: str, errors: list) -> list[Line]:
    items: list[Line] = []
    for index in range(start, len(lines)):
        raw = lines[index].strip()
        if not raw:
            continue
        no = index + 1
        try:
            cand = headings.find(raw)
        except headings.BadTime as bad:
            errors.append(error(path, no, f'time "{bad}" is not a clock time',
                                "write hours 0-23 (or 1-12 with am/pm) and minutes 00-59", source_line=raw))
            continue
        if cand is not None:
            items.append(Line("candidate", no, raw, cand=cand))
            continue
        date = None
        if dates.could_be_date_line(raw):
            try:
                date = dates.match_date_line(raw)
            except ValueError as exc:
                errors.append(error(path, no, f"date line '{raw}': {exc}", source_line=raw,
                                    hint="write a real day; numeric dates are day first (10/11/2022 is 10 November)"))
                continue
        if date and not MIN_YEAR <= (date.day_first or date.month_first).year <= MAX_YEAR:
            errors.append(error(path, no, f"date line '{raw}': the year is out of range",
                                f"years {MIN_YEAR} to {MAX_YEAR} are accepted", source_line=raw))
        elif date:
            items.append(Line("date", no, raw, date=date))
        elif raw.startswith(">>"):
            items.append(Line("related", no, raw[2:].strip()))
        elif not raw[0].isalnum() and _is_rule(raw):
            items.append(Line("rule", no, raw))
        else:
            items.append(Line("text", no, raw))
    return items


def _is_rule(text: str) -> bool:
    """Only punctuation: '***', '___', '–', '. . .' (not an emoji, not a number)."""
    if len(text) > 80:
        return False
    return all(c in _RULE_MARKS or c.isspace() or unicodedata.category(c).startswith("P") for c in text)


EMPTY = "a time with no text of its own before the next heading"


def after_settling(items: list[Line], rejected: list) -> None:
    """Repeated times become part of their heading; a time with nothing under it before the
    next heading ('Updated at 8.12pm') is no entry; dates before a time become date lines."""
    dated = []
    for i, it in enumerate(items):
        if it.kind != "heading":
            continue
        if i + 1 < len(items) and items[i + 1].cand is not None and _repeats(it, items[i + 1]):
            items[i + 1].kind = "rule"
        if not it.heading.rest and not any(nxt.kind in ("text", "related") for nxt in _until_heading(items, i + 1)):
            it.kind = "text"
            rejected.append((it.no, it.text, EMPTY))
            continue
        if it.heading.date:
            try:
                date = dates.match_date_line(it.heading.date)
            except ValueError:
                date = None
            if date is not None:
                dated.append((i, Line("date", it.no, it.heading.date, date=date)))
    for i, line in reversed(dated):
        items.insert(i, line)


def _until_heading(items: list[Line], start: int):
    for nxt in items[start:]:
        if nxt.kind == "heading":
            return
        yield nxt


def _repeats(it: Line, nxt: Line) -> bool:
    """'11.08am BST' then '11:08' alone: the same time again, in another format."""
    if nxt.cand is None or nxt.kind not in ("heading", "text"):
        return False
    other = nxt.heading if nxt.kind == "heading" else heading_from(
        nxt.cand, headings.read_tail(nxt.cand), in_style=False, style=())
    if other.rest or (other.in_style and other.time_text == it.heading.time_text):
        return False
    return bool(set(minutes_of_day(it.heading, True)) & set(minutes_of_day(other, True)))


def markdown_title(items: list[Line], meta: dict) -> tuple[str, int] | None:
    """A first line '# Title' in a Markdown-flavoured dump is the title, unless front matter gives one."""
    m = _MD_TITLE.match(items[0].text) if len(items) > 1 and items[0].kind == "text" else None
    if not m or meta.get("title"):
        return None
    return m.group("title"), items.pop(0).no


def title_line(items: list[Line]) -> Line | None:
    """A title printed above the entries: among the lines before the first entry and before
    any sentence, the first of three words or more without a time, a date or a final stop."""
    for it in items:
        if it.kind in ("heading", "date"):
            return None
        if it.kind != "text":
            continue
        if _TITLE_END.search(it.text):
            return None  # the intro's prose begins: no title above it
        if len(it.text.split()) >= 3 and len(it.text) <= 150 and (it.cand is None or it.cand.clock.hsep == "") \
                and dates.find_date(it.text) is None and not _NOTICE.search(it.text):
            return it
    return None


def intro_date(items: list[Line]) -> tuple[dt.date, int] | None:
    """A full date written before the first entry ('Last updated: Thursday, 7 July, 2005').

    Dates on short lines (page furniture: 'Updated', 'Mis à jour le') come before those in
    the intro's sentences, which may recall an earlier event; of several, the earliest,
    since a page is updated, and archived, after its first entry.
    """
    found = []
    for it in items:
        if it.kind == "heading":
            break
        if it.kind == "text":
            day = dates.find_date(it.text)
            if day is not None and MIN_YEAR <= day.year <= MAX_YEAR:
                found.append((len(it.text) > 100, day, it.no))
    return min(found)[1:] if found else None


def structure(items: list[Line]):
    """Split lines into lede, notice, credit and one group of lines per entry heading."""
    lede: list[Block] = []
    notice = credit = None
    groups: list[tuple[Line, list[Block]]] = []
    last = next((it for it in reversed(items) if it.kind != "rule"), None)
    for it in items:
        if it.kind == "heading":
            groups.append((it, []))
            continue
        if it.kind in ("date", "rule"):
            continue
        if it is last and groups and it.kind == "text" and _CREDIT.match(it.text):
            credit = Block(it.text, it.no)
            continue
        block = Block(it.text, it.no, RELATED if it.kind == "related" else PARAGRAPH)
        if not groups:
            if notice is None and block.kind == PARAGRAPH and _NOTICE.search(it.text):
                notice = block
            else:
                lede.append(block)
        else:
            groups[-1][1].append(block)
    return lede, notice, credit, groups
