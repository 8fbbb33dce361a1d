"""Text of one dump -> Blog.  Pure: no file system, no clock.

    parse(text, path, default_timezone=None) -> Blog      (warnings in blog.warnings)
    raises ContentError carrying every error found in the file

The dump is read in one pass into classified lines (heading, date line,
related reference, text), then chronology.py works out when each entry was
published: reading order, 12-hour times without am/pm, midnight crossings,
date lines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

from site_gen.read import chronology, clock
from site_gen.errors import ContentError, error, warning
from site_gen.read.frontmatter import MAX_YEAR, MIN_YEAR, read_front_matter
from site_gen.read.lines import clean_lines, split_lines
from site_gen.model import PARAGRAPH, RELATED, Block, Blog, Entry
from site_gen.text import slugify
from site_gen.timezones import UnknownZone, tzinfo_for, zone_from_abbreviation, zone_from_intro

EXAMPLE_HEADING = "8:17pm: Russian withdrawal from Kherson to take at least a week"
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[-_ ]|$)")
_NOTICE = re.compile(r"no longer being updated|no longer live|this live (?:blog|page|coverage) (?:has|is) (?:now )?(?:ended|closed)", re.I)
_CREDIT = re.compile(r"^\((?P<text>[^()]{2,200})\)$")
_PROSE_END = re.compile(r"[.!?…][\"”’')]*$")
_MD_TITLE = re.compile(r"^#[ \t]+(?P<title>\S.*?)[ \t#]*$")


@dataclass
class _Line:
    kind: str  # "heading", "date", "related", "text"
    no: int
    text: str
    heading: clock.Heading | None = None
    date: clock.DateLine | None = None
    day: dt.date | None = None  # the day a date line settles on (set by chronology)
    prose: bool = False  # a heading whose text is a sentence: the entry has no headline


def parse(text: str, path: str | PurePath, *, default_timezone: str | None = None) -> Blog:
    path = str(path)
    lines, warnings = clean_lines(split_lines(text), path)
    fm, errors = read_front_matter(lines, path)
    meta = fm.values
    name_date, name_slug = _from_file_name(path)
    if name_date is None and not meta.get("date") and _NAME_DATE.match(PurePath(path).stem):
        errors.append(error(path, 1, f"the file name starts with '{PurePath(path).stem[:10]}', which is not a date",
                            f"use a real day, YYYY-MM-DD, years {MIN_YEAR} to {MAX_YEAR}"))
    known_date = ((meta["date"], "front matter 'date'") if meta.get("date")
                  else (name_date, "file name") if name_date else None)

    items = _classify(lines, fm.body_start, path, known_date[0].year if known_date else None, errors)
    if not items and not errors:
        what = "has no text after its front matter" if fm.body_start else "is empty"
        raise ContentError(error(path, 1, f"the file {what}",
                                 f"a dump holds entries whose headings look like '{EXAMPLE_HEADING}'"))
    md_title = _markdown_title(items, meta)
    when = chronology.work_out(items, known_date, path, warnings, errors) if not errors else None
    if not errors and not any(it.kind == "heading" for it in items):
        first = [i for i in range(fm.body_start, len(lines)) if lines[i].strip()][:3]
        quoted = "\n".join(f"    {lines[i].strip()[:100]}" for i in first)
        raise ContentError(error(
            path, first[0] + 1, "no entry heading found in this file; it begins:\n" + quoted,
            f"an entry starts with a line such as '{EXAMPLE_HEADING}' (or '20:17:', '8:17 p.m. -', "
            "or the time alone on its line with the headline on the next)"))
    if errors:
        raise ContentError(errors)
    lede, notice, credit, entry_groups = _structure(items)

    first_day = min(day for day, _ in when.moments.values())
    zone, zone_source = _zone(meta, fm, lede, notice, items, first_day, default_timezone, path, warnings, errors)
    if errors:
        raise ContentError(errors)
    entries = _entries(entry_groups, when.moments, tzinfo_for(zone))
    entries.sort(key=lambda e: (e.published, e.line))

    title = meta.get("title") or (md_title[0] if md_title else None)
    if not title:
        title = name_slug.replace("-", " ").replace("_", " ").strip().title() or "Untitled"
        warnings.append(warning(path, None, f"no title given; guessed '{title}' from the file name",
                                "add 'title: ...' in front matter"))
    slug = slugify(PurePath(path).stem, max_words=30, max_len=120)
    if not slug:
        raise ContentError(error(path, 1, "the file name gives no usable page name",
                                 "name the file like 2022-11-10-ukraine-kherson.txt"))
    return Blog(
        slug=slug, source=path, title=title,
        date=min(e.published for e in entries).date(),
        timezone=zone, timezone_source=zone_source,
        entries=tuple(entries), newest_first=when.newest_first,
        lede=tuple(lede), notice=notice, credit=credit,
        tags=tuple(meta.get("tags", ())), source_url=meta.get("source"),
        author=meta.get("author"), summary=meta.get("summary"), language=meta.get("language"),
        warnings=tuple(warnings),
        front_matter_lines=fm.body_start, date_lines=tuple(it.no for it in items if it.kind == "date"),
        title_line=md_title[1] if md_title and not meta.get("title") else None,
    )


def _from_file_name(path: str) -> tuple[dt.date | None, str]:
    stem = PurePath(path).stem
    m = _NAME_DATE.match(stem)
    if not m:
        return None, stem
    try:
        day = dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None, stem
    return (day, stem[m.end():]) if MIN_YEAR <= day.year <= MAX_YEAR else (None, stem)


def _classify(lines, start, path, year_hint, errors) -> list[_Line]:
    items: list[_Line] = []
    for index in range(start, len(lines)):
        raw = lines[index].strip()
        if not raw:
            continue
        no = index + 1
        try:
            heading = clock.match_heading(raw)
        except clock.BadTime as bad:
            errors.append(error(path, no, f'time "{bad}" is not a clock time',
                                "write hours 0-23 (or 1-12 with am/pm) and minutes 00-59",
                                source_line=raw))
            continue
        if heading:
            items.append(_Line("heading", no, raw, heading=heading))
            continue
        try:
            date = clock.match_date_line(raw, year_hint)
        except ValueError as exc:
            errors.append(error(path, no, f"date line '{raw}': {exc}", source_line=raw,
                                hint="write a real day; numeric dates are day first (10/11/2022 is 10 November)"))
            continue
        if date and not MIN_YEAR <= (date.day_first or date.month_first).year <= MAX_YEAR:
            errors.append(error(path, no, f"date line '{raw}': the year is out of range",
                                f"years {MIN_YEAR} to {MAX_YEAR} are accepted", source_line=raw))
        elif date:
            items.append(_Line("date", no, raw, date=date))
        elif raw.startswith(">>"):
            items.append(_Line("related", no, raw[2:].strip()))
        else:
            items.append(_Line("text", no, raw))
    for it, after in zip(items, items[1:] + [None]):
        if it.kind == "heading":
            text = it.heading.rest or (after.text if after and after.kind == "text" else "")
            it.prose = bool(text) and _is_prose(text)
    return items


def _markdown_title(items, meta) -> tuple[str, int] | None:
    """A first line '# Title' in a Markdown-flavoured dump is the title, unless front matter gives one."""
    m = _MD_TITLE.match(items[0].text) if len(items) > 1 and items[0].kind == "text" else None
    if not m or meta.get("title"):
        return None
    return m.group("title"), items.pop(0).no


def _structure(items):
    """Split lines into lede, notice, credit and one group of lines per entry heading."""
    lede: list[Block] = []
    notice = credit = None
    groups: list[tuple[_Line, list[Block]]] = []
    last = items[-1] if items else None
    for it in items:
        if it.kind == "heading":
            groups.append((it, []))
            continue
        if it.kind == "date":
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


def _zone(meta, fm, lede, notice, items, first_day, default_timezone, path, warnings, errors):
    """The blog's zone and where it came from: front matter, intro, headings, site default, UTC."""
    if meta.get("timezone"):
        zone = meta["timezone"]
        try:
            tzinfo_for(zone)
        except UnknownZone:
            errors.append(error(path, fm.line_of("timezone"), f"unknown time zone '{zone}'",
                                "use an IANA name such as Europe/Paris, or an offset such as +01:00"))
            return "UTC", "front matter"
        return zone, "front matter"
    for block in list(lede) + ([notice] if notice else []):
        zone = zone_from_intro(block.text, first_day)
        if zone:
            return zone, "intro"
    printed = {it.heading.zone.upper() for it in items if it.kind == "heading" and it.heading.zone}
    if len(printed) == 1:
        return zone_from_abbreviation(printed.pop(), first_day), "headings"
    if default_timezone:
        return default_timezone, "site default"
    warnings.append(warning(path, None, "no time zone stated; times are taken as UTC",
                            "add 'timezone: Europe/Paris' in front matter or 'timezone' in site.toml"))
    return "UTC", "default (UTC)"


def _is_prose(text: str) -> bool:
    """Text after a time that is the first paragraph rather than a headline."""
    words = len(text.split())
    return len(text) > 200 or (bool(_PROSE_END.search(text)) and (words >= 12 or ". " in text))


def _entries(groups, moments, tz) -> list[Entry]:
    entries: list[Entry] = []
    used: set[str] = set()
    for heading_line, blocks in groups:
        h = heading_line.heading
        headline = h.rest
        headline_line = None
        if heading_line.prose:  # no headline: the text after the time is the first paragraph
            blocks = ([Block(h.rest, heading_line.no)] if h.rest else []) + blocks
            headline = ""
        elif not headline and blocks and blocks[0].kind == PARAGRAPH:  # time alone, headline below
            headline, headline_line, blocks = blocks[0].text, blocks[0].line, blocks[1:]
        day, m = moments[heading_line.no]
        published = dt.datetime(day.year, day.month, day.day, m // 60, m % 60, tzinfo=tz)
        words = headline or (blocks[0].text if blocks else "")
        anchor = _unique(f"{day:%Y%m%d}-{m // 60:02d}{m % 60:02d}" + _slug_part(words), used)
        entries.append(Entry(anchor, published, h.time_text, headline, tuple(blocks), heading_line.no,
                             headline_line=headline_line))
    return entries


_WEAK_END = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def _slug_part(words: str) -> str:
    parts = slugify(words, max_words=5, max_len=40).split("-")
    while len(parts) > 1 and parts[-1] in _WEAK_END:
        parts.pop()
    return f"-{'-'.join(parts)}" if parts != [""] else ""


def _unique(anchor: str, used: set[str]) -> str:
    candidate, n = anchor, 2
    while candidate in used:
        candidate, n = f"{anchor}-{n}", n + 1
    used.add(candidate)
    return candidate
