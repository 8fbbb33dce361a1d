"""Text of one dump -> Blog.  Pure: no file system, no clock.

    parse(text, path, default_timezone=None, file_date=None, default_language="en") -> Blog
                                                                   (warnings in blog.warnings)
    raises ContentError carrying every error found in the file

The dump is read in one pass into classified lines (layout.py: heading candidates,
date lines, related references, rules, text); then the dump's heading style is
inferred from all its candidates at once (style.py), and chronology.py works out
when each entry was published: reading order, 12-hour times without am/pm,
midnight crossings, date lines.

The blog's date, in this order: front matter `date`, the file name, the date lines,
a full date written in the intro; and for a dump that prints none, `file_date`
(the caller passes the file's modification day), with a warning.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import PurePath

from site_gen.errors import ContentError, error, warning
from site_gen.model import PARAGRAPH, Block, Blog, Entry
from site_gen.read import chronology, layout, style
from site_gen.read.frontmatter import MAX_YEAR, MIN_YEAR, read_front_matter
from site_gen.locales import blog_words
from site_gen.locales import decide as decide_language
from site_gen.read.lines import clean_lines, split_lines
from site_gen.text import slugify
from site_gen.timezones import UnknownZone, tzinfo_for, zone_from_abbreviation, zone_from_intro

EXAMPLE_HEADING = "8:17pm: Russian withdrawal from Kherson to take at least a week"
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[-_ ]|$)")
UNDATED = "this blog prints no date; its entries are dated by the file's modification day"


def parse(text: str, path: str | PurePath, *, default_timezone: str | None = None,
          file_date: dt.date | None = None, default_language: str = "en") -> Blog:
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

    items = layout.classify(lines, fm.body_start, path, errors)
    if not items and not errors:
        what = "has no text after its front matter" if fm.body_start else "is empty"
        raise ContentError(error(path, 1, f"the file {what}",
                                 f"a dump holds entries whose headings look like '{EXAMPLE_HEADING}'"))
    md_title = layout.markdown_title(items, meta) if items else None
    reading = style.settle(items)
    layout.after_settling(items, reading.rejected)
    style.mark_prose(items)
    title_item = None if meta.get("title") or md_title else layout.title_line(items)
    if title_item is not None:
        items.remove(title_item)
    if known_date is None:
        found = layout.intro_date(items)
        if found is not None:
            known_date = (found[0], f"date in the intro (line {found[1]})")
    if known_date is None and file_date is not None and not any(it.kind == "date" and it.date.year_written
                                                                for it in items):
        known_date = (file_date, "file's modification day")
        if any(it.kind == "heading" for it in items):
            warnings.append(warning(path, None, f"{UNDATED}, {file_date:%Y-%m-%d}",
                                    "add 'date: YYYY-MM-DD' (the day of the oldest entry) in front matter",
                                    kind=UNDATED))
    stated = _stated_zone(meta, items, known_date)
    _pick_clocks(items, stated, known_date[0] if known_date else None)
    accepted = [it for it in items if it.kind == "heading"]
    when = (chronology.work_out(items, known_date, path, warnings, errors, reading.missing_separator)
            if not errors else None)
    reading.rejected += [(it.no, it.text, "its time breaks the order of the entries around it")
                         for it in accepted if it.kind != "heading"]
    reading.rejected.sort()
    if not errors and not any(it.kind == "heading" for it in items):
        first = [i for i in range(fm.body_start, len(lines)) if lines[i].strip()][:3]
        quoted = "\n".join(f"    {lines[i].strip()[:100]}" for i in first)
        raise ContentError(error(
            path, first[0] + 1, "no entry heading found in this file; it begins:\n" + quoted,
            f"an entry starts with a line such as '{EXAMPLE_HEADING}' (or '20:17:', '8:17 p.m. -', "
            "or the time alone on its line with the headline on the next)"))
    if errors:
        raise ContentError(errors)
    lede, notice, credit, entry_groups = layout.structure(items)

    first_day = min(day for day, _ in when.moments.values())
    zone, zone_source = _zone(meta, fm, lede, notice, items, first_day, default_timezone, path, warnings, errors)
    if errors:
        raise ContentError(errors)
    entries = _entries(entry_groups, when.moments, tzinfo_for(zone))
    entries.sort(key=lambda e: (e.published, e.line))

    title = meta.get("title") or (md_title[0] if md_title else title_item.text if title_item else None)
    if not title:
        title = name_slug.replace("-", " ").replace("_", " ").strip().title() or "Untitled"
        warnings.append(warning(path, None, f"no title given; guessed '{title}' from the file name",
                                "add 'title: ...' in front matter",
                                kind="no title given; guessed from the file name"))
    language, language_source = decide_language(
        meta.get("language"), blog_words(meta.get("title"), lede, entries), default_language)
    slug = slugify(PurePath(path).stem, max_words=30, max_len=120)
    if not slug:
        raise ContentError(error(path, 1, "the file name gives no usable page name",
                                 "name the file like 2022-11-10-ukraine-kherson.txt"))
    heading_lines = {it.no for it in items if it.kind == "heading"}
    return Blog(
        slug=slug, source=path, title=title,
        date=min(e.published for e in entries).date(),
        timezone=zone, timezone_source=zone_source,
        entries=tuple(entries), newest_first=when.newest_first,
        lede=tuple(lede), notice=notice, credit=credit,
        tags=tuple(meta.get("tags", ())), source_url=meta.get("source"),
        author=meta.get("author"), summary=meta.get("summary"),
        language=language, language_source=language_source,
        warnings=tuple(warnings),
        front_matter_lines=fm.body_start,
        date_lines=tuple(it.no for it in items if it.kind == "date" and it.no not in heading_lines),
        title_line=(md_title[1] if md_title and not meta.get("title") else
                    title_item.no if title_item is not None else None),
        rule_lines=tuple(it.no for it in items if it.kind == "rule"),
        heading_styles=tuple(reading.styles(items)), rejected=tuple(reading.rejected),
        date_source=_date_source(items, known_date),
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


def _date_source(items, known_date) -> str:
    if any(it.kind == "date" for it in items):
        return "date lines"
    return known_date[1] if known_date else ""


def _stated_zone(meta, items, known_date) -> str | None:
    """The zone the front matter or the intro names, if any (to choose between two clocks)."""
    if meta.get("timezone"):
        return meta["timezone"]
    day = known_date[0] if known_date else None
    for it in items:
        if it.kind == "heading":
            break
        if it.kind == "text":
            zone = zone_from_intro(it.text, day)
            if zone:
                return zone
    return None


def _pick_clocks(items, stated: str | None, day: dt.date | None) -> None:
    """'10am EST, 6pm EAT': the clock of the zone the blog names, else the first one printed."""
    if stated is None:
        return
    for it in items:
        h = it.heading if it.kind == "heading" else None
        if h is None or h.second is None or _same_zone(h.zone, stated, day):
            continue
        if _same_zone(h.second_zone, stated, day):
            hour, minute, ampm = h.second
            it.heading = dataclasses.replace(h, hour=hour, minute=minute, ampm=ampm, zone=h.second_zone,
                                             slip=False, hour_only=False)


def _same_zone(abbreviation: str | None, zone: str, day: dt.date | None) -> bool:
    if not abbreviation:
        return False
    named = zone_from_abbreviation(abbreviation, day)
    if named is None:
        return False
    if named == zone:
        return True
    on = dt.datetime.combine(day or dt.date(2024, 1, 15), dt.time(12))
    try:
        return on.replace(tzinfo=tzinfo_for(named)).utcoffset() == on.replace(tzinfo=tzinfo_for(zone)).utcoffset()
    except UnknownZone:
        return False


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
    zone = zone_from_abbreviation(printed.pop(), first_day) if len(printed) == 1 else None
    if zone:
        return zone, "headings"
    if default_timezone:
        return default_timezone, "site default"
    warnings.append(warning(path, None, "no time zone stated; times are taken as UTC",
                            "add 'timezone: Europe/Paris' in front matter or 'timezone' in site.toml",
                            kind="no time zone stated; times are taken as UTC"))
    return "UTC", "default (UTC)"


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
