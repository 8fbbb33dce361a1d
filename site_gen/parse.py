"""Text of one dump -> Blog.  Pure: no file system, no clock.

    parse(text, path, default_timezone=None) -> Blog      (warnings in blog.warnings)
    raises ContentError carrying every error found in the file

The dump is read in one pass into classified lines (heading, date line,
related reference, text), then the chronology is worked out from the times
themselves: reading order, 12-hour times without am/pm, midnight crossings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

from site_gen import clock
from site_gen.errors import ContentError, Diagnostic, error, warning
from site_gen.frontmatter import MAX_YEAR, MIN_YEAR, read_front_matter
from site_gen.lines import clean_lines, split_lines
from site_gen.model import PARAGRAPH, RELATED, Block, Blog, Entry
from site_gen.text import slugify
from site_gen.timezones import UnknownZone, tzinfo_for, zone_from_intro

EXAMPLE_HEADING = "8:17pm: Russian withdrawal from Kherson to take at least a week"
MIDNIGHT_GAP = 4 * 60  # a step against the order of at least this many minutes crosses midnight
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[-_ ]|$)")
_NOTICE = re.compile(r"no longer being updated|no longer live|this live (?:blog|page|coverage) (?:has|is) (?:now )?(?:ended|closed)", re.I)
_CREDIT = re.compile(r"^\((?P<text>[^()]{2,200})\)$")
_PROSE_END = re.compile(r"[.!?…][\"”’')]*$")


@dataclass
class _Line:
    kind: str  # "heading", "date", "related", "text"
    no: int
    text: str
    heading: clock.Heading | None = None
    date: dt.date | None = None


def parse(text: str, path: str | PurePath, *, default_timezone: str | None = None) -> Blog:
    path = str(path)
    lines, warnings = clean_lines(split_lines(text), path)
    fm, errors = read_front_matter(lines, path)
    meta = fm.values
    name_date, name_slug = _from_file_name(path)
    if name_date is None and not meta.get("date") and _NAME_DATE.match(PurePath(path).stem):
        errors.append(error(path, 1, f"the file name starts with '{PurePath(path).stem[:10]}', which is not a date",
                            f"use a real day, YYYY-MM-DD, years {MIN_YEAR} to {MAX_YEAR}"))
    year_hint = (meta.get("date") or name_date or dt.date(1, 1, 1)).year if (meta.get("date") or name_date) else None

    items = _classify(lines, fm.body_start, path, year_hint, errors)
    if not items and not errors:
        what = "has no text after its front matter" if fm.body_start else "is empty"
        raise ContentError(error(path, 1, f"the file {what}",
                                 f"a dump holds entries whose headings look like '{EXAMPLE_HEADING}'"))
    headings = [it for it in items if it.kind == "heading"]
    if not headings and not errors:
        quoted = "\n".join(f"    {lines[i.no - 1].strip()[:100]}" for i in items[:3])
        raise ContentError(error(
            path, items[0].no, "no entry heading found in this file; it begins:\n" + quoted,
            f"an entry starts with a line such as '{EXAMPLE_HEADING}' (or '20:17:', '8:17 p.m. -')"))
    if errors:
        raise ContentError(errors)

    minutes, newest_first = _chronology(items, path, warnings)
    offsets = _day_offsets(items, minutes, newest_first, path, warnings)
    first_date = _dates(items, offsets, meta.get("date") or name_date, path, errors)
    lede, notice, credit, entry_groups = _structure(items)

    zone, zone_source = _zone(meta, fm, lede, first_date, default_timezone, path, warnings, errors)
    if errors:
        raise ContentError(errors)
    tz = tzinfo_for(zone)
    entries = _entries(entry_groups, minutes, first_date, tz)
    entries.sort(key=lambda e: (e.published, e.line))

    title = meta.get("title")
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
        entries=tuple(entries), newest_first=newest_first,
        lede=tuple(lede), notice=notice, credit=credit,
        tags=tuple(meta.get("tags", ())), source_url=meta.get("source"),
        author=meta.get("author"), summary=meta.get("summary"), language=meta.get("language"),
        warnings=tuple(warnings),
        front_matter_lines=fm.body_start, date_lines=tuple(it.no for it in items if it.kind == "date"),
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
        if date and not MIN_YEAR <= date.year <= MAX_YEAR:
            errors.append(error(path, no, f"date line '{raw}': the year is out of range",
                                f"years {MIN_YEAR} to {MAX_YEAR} are accepted", source_line=raw))
        elif date:
            items.append(_Line("date", no, raw, date=date))
        elif raw.startswith(">>"):
            items.append(_Line("related", no, raw[2:].strip()))
        else:
            items.append(_Line("text", no, raw))
    return items


def _chronology(items, path, warnings) -> tuple[dict[int, int], bool]:
    """Minutes after midnight for each heading line, and whether the dump is newest-first.

    Headings in a style unlike the rest of the dump that break the order of
    times are read as paragraphs instead (with a warning): a false heading is
    worse than a missed one.
    """
    while True:
        headings = [it for it in items if it.kind == "heading"]
        twelve = _bare_times_are_twelve_hour(headings)
        candidates = [clock.minutes_of_day(it.heading, twelve) for it in headings]
        newest_first = _reads_newest_first([c[0] for c in candidates if len(c) == 1] or [c[0] for c in candidates])
        resolved = _resolve_twelve_hour(candidates, newest_first)
        odd = _odd_one_out(headings, resolved, newest_first)
        if odd is None:
            return {it.no: m for it, m in zip(headings, resolved)}, newest_first
        odd.kind = "text"
        warnings.append(warning(path, odd.no, "a time at the start of this line breaks the order of the entries; read as a paragraph",
                                "if it is an entry heading, check its time", source_line=odd.text))


def _bare_times_are_twelve_hour(headings) -> bool:
    """True when bare times ("8:17") are 12-hour times whose half of the day must be inferred."""
    for it in headings:
        h = it.heading
        if h.ampm is None and (h.hour == 0 or h.hour > 12 or re.match(r"0\d", h.time_text)):
            return False
    return True


def _reads_newest_first(times: list[int]) -> bool:
    """The reading order whose walk from first to last entry spans less time."""
    if len(times) < 2:
        return True
    forward = sum((b - a) % 1440 for a, b in zip(times, times[1:]))
    backward = sum((a - b) % 1440 for a, b in zip(times, times[1:]))
    return backward < forward


def _resolve_twelve_hour(candidates, newest_first) -> list[int]:
    chrono = list(reversed(candidates)) if newest_first else list(candidates)
    out: list[int] = []
    prev = None
    for cands in chrono:
        if prev is None or len(cands) == 1:
            choice = cands[0]
        else:
            later = [c for c in cands if c >= prev]
            choice = min(later) if later else min(cands)
        out.append(choice)
        prev = choice
    return list(reversed(out)) if newest_first else out


def _steps_against_order(times, newest_first) -> list[int]:
    """Indexes whose time goes against the reading order by less than a midnight crossing."""
    sign = -1 if newest_first else 1
    return [i for i in range(1, len(times))
            if 0 < sign * (times[i - 1] - times[i]) < MIDNIGHT_GAP]


def _odd_one_out(headings, times, newest_first):
    if len(headings) < 3:
        return None
    common = Counter(it.heading.style for it in headings).most_common(1)[0][0]
    bad = set(_steps_against_order(times, newest_first))
    for i, it in enumerate(headings):
        if it.heading.style != common and (i in bad or i + 1 in bad):
            rest = times[:i] + times[i + 1:]
            if len(_steps_against_order(rest, newest_first)) < len(bad):
                return it
    return None


def _day_offsets(items, minutes, newest_first, path, warnings) -> dict[int, int]:
    """Day offset of each heading (relative to the first one, or to the date line above it)."""
    offsets: dict[int, int] = {}
    sign = -1 if newest_first else 1
    prev = None
    offset = 0
    for it in items:
        if it.kind == "date":
            prev = None
            continue
        if it.kind != "heading":
            continue
        t = minutes[it.no]
        if prev is not None and sign * (t - prev) < 0:
            if abs(t - prev) >= MIDNIGHT_GAP:
                offset += sign
            else:
                warnings.append(warning(path, it.no, f"entry at {it.heading.time_text} is out of order with the entry before it",
                                        "check the time; it is kept on the same day", source_line=it.text))
        offsets[it.no] = offset
        prev = t
    return offsets


def _dates(items, offsets, known_date, path, errors) -> dict[int, dt.date]:
    """Calendar date of each heading line, from date lines or the blog's date."""
    dated: dict[int, dt.date] = {}
    segment_base = None  # (date of date line, offset of the first entry after it)
    pending = None
    for it in items:
        if it.kind == "date":
            pending = it.date
        elif it.kind == "heading":
            if pending is not None:
                segment_base = (pending, offsets[it.no])
                pending = None
            if segment_base:
                base_date, base_offset = segment_base
                dated[it.no] = base_date + dt.timedelta(days=offsets[it.no] - base_offset)
    undated = [no for no in offsets if no not in dated]
    if undated:
        if known_date is None and dated:
            first_dated = min(dated)
            known_date = dated[first_dated] - dt.timedelta(days=offsets[first_dated] - min(offsets[n] for n in undated))
        if known_date is None:
            errors.append(error(path, 1, "this blog has no date",
                                "add 'date: YYYY-MM-DD' (the day of the oldest entry) in front matter, "
                                "or start the file name with it: 2022-11-10-ukraine-kherson.txt"))
            return {}
        low = min(offsets[n] for n in undated)
        for n in undated:
            dated[n] = known_date + dt.timedelta(days=offsets[n] - low)
    return dated


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


def _zone(meta, fm, lede, first_date, default_timezone, path, warnings, errors):
    if meta.get("timezone"):
        zone = meta["timezone"]
        try:
            tzinfo_for(zone)
        except UnknownZone:
            errors.append(error(path, fm.line_of("timezone"), f"unknown time zone '{zone}'",
                                "use an IANA name such as Europe/Paris, or an offset such as +01:00"))
            return "UTC", "front matter"
        return zone, "front matter"
    on = min(first_date.values()) if first_date else None
    for block in lede:
        zone = zone_from_intro(block.text, on)
        if zone:
            return zone, "intro"
    if default_timezone:
        return default_timezone, "site default"
    warnings.append(warning(path, None, "no time zone stated; times are taken as UTC",
                            "add 'timezone: Europe/Paris' in front matter or 'timezone' in site.toml"))
    return "UTC", "default (UTC)"


def _is_prose(text: str) -> bool:
    """Text after a time that is the first paragraph rather than a headline."""
    words = len(text.split())
    return len(text) > 200 or (bool(_PROSE_END.search(text)) and (words >= 12 or ". " in text))


def _entries(groups, minutes, dates, tz) -> list[Entry]:
    entries: list[Entry] = []
    used: set[str] = set()
    for heading_line, blocks in groups:
        h = heading_line.heading
        headline = h.rest
        headline_line = None
        if not headline and blocks and blocks[0].kind == PARAGRAPH and not _is_prose(blocks[0].text):
            headline, headline_line, blocks = blocks[0].text, blocks[0].line, blocks[1:]
        elif headline and _is_prose(headline):
            blocks = [Block(headline, heading_line.no)] + blocks
            headline = ""
        m = minutes[heading_line.no]
        day = dates[heading_line.no]
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
