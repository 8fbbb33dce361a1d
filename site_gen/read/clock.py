"""Entry headings as the chronology sees them, and the minutes of the day they stand for.

    match_heading("8:17pm: Headline") -> Heading     one line judged on its own (None: no heading)
    heading_from(candidate, tail, ...) -> Heading     a candidate the dump's style accepted (style.py)
    minutes_of_day(heading, twelve_hour_clock) -> possible minutes after midnight

Finding candidates is headings.py's work, deciding which are headings style.py's;
date lines are dates.py's (`match_date_line` here keeps its old name for callers).
"""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.read.dates import DateLine
from site_gen.read.dates import match_date_line as _date_line
from site_gen.read.headings import BadTime, Candidate, Tail, find, implausible, needs_company, read_tail, shape

__all__ = ["BadTime", "DateLine", "Heading", "heading_from", "is_bare_twelve_hour", "match_date_line",
           "match_heading", "minutes_of_day"]


@dataclass(slots=True)
class Heading:
    hour: int  # as written
    minute: int
    ampm: str | None  # "a" or "p"
    rest: str  # text after the time and separator ("" when the time stands alone)
    time_text: str  # the time as printed, e.g. "8:17pm", "20h17", "5:39 p.m .", "10am EST, 6pm EAT"
    marked: bool  # separator, markdown, or alone on its line: looks like a heading on purpose
    style: tuple  # the shape of the line (style.shape), () for a line judged alone
    zone: str | None = None  # abbreviation printed after the time ("GMT"), if any
    in_style: bool = True  # one of the dump's own heading shapes (False: it needed more evidence)
    clock24: bool = False  # written so that it cannot be a 12-hour time ('20h17', '17.45 Uhr', '2103')
    slip: bool = False  # one digit of minutes ("5:1pm"): read as :01 or :10, whichever fits the order
    hour_only: bool = False  # "21h", "6 a.m.": minute 0
    second_zone: str | None = None  # the zone of a second clock on the line ("6pm EAT")
    second: tuple[int, int, str | None] | None = None  # (hour, minute, am/pm) of that second clock
    date: str = ""  # a date printed before the time ("10/11", "June 6")


def heading_from(c: Candidate, tail: Tail, *, in_style: bool, style: tuple) -> Heading:
    clock = c.clock
    time_text = clock.text + (f" {tail.zone}, {tail.second}" if tail.second else "")
    marked = tail.sep != "none" or any(ch in "#*_" for ch in c.lead)
    clock24 = clock.hsep in ("h", "") or bool(tail.decoration and not tail.zone) or clock.text.count(":") == 2
    second = _second_clock(tail.second) if tail.second else None
    return Heading(clock.hour, clock.minute or 0, clock.ampm, tail.rest, time_text, marked, style, tail.zone,
                   in_style, clock24, clock.slip, clock.minute is None,
                   tail.second.rsplit(" ", 1)[-1] if tail.second else None, second, c.date or tail.date)


def match_heading(line: str) -> Heading | None:
    """One line judged on its own, as when it is the only candidate of its dump.

    A time followed by a separator (':', ' - ', ' – '), marked up as Markdown, or
    alone on its line is a *marked* candidate.  A time followed directly by a
    capitalised word ("8:17pm Russia says") is a weak one, which the parser only
    believes when most of the dump is written that way.  A time followed by a
    lower-case word ("10:30 was the deadline") is never a heading; with a separator
    it is one only with am/pm ("5:30pm: von der Leyen arrives"), and names such as
    "von der Leyen" or "iPhone" count as capitalised.
    """
    c = find(line)
    if c is None:
        return None
    tail = read_tail(c)
    if implausible(c, tail) or needs_company(shape(c, tail)):
        return None
    heading = heading_from(c, tail, in_style=True, style=shape(c, tail))
    if not heading.marked and not (c.clock.ampm or c.clock.hsep in ":h"):
        return None
    return heading


def minutes_of_day(h: Heading, twelve_hour_clock: bool) -> tuple[int, ...]:
    """Possible minutes after midnight for a heading (two for a bare 12-hour time or a slip)."""
    minutes = (h.minute, h.minute * 10) if h.slip and h.minute < 6 else (h.minute,)
    return tuple(hour * 60 + m for hour in _hours(h.hour, h.ampm, twelve_hour_clock and not h.clock24)
                 for m in minutes)


def _hours(hour: int, ampm: str | None, twelve_hour_clock: bool) -> tuple[int, ...]:
    if ampm == "p":
        return (hour if hour > 12 else (12 if hour == 12 else hour + 12),)
    if ampm == "a":
        return (0 if hour == 12 else hour,)
    if twelve_hour_clock and 1 <= hour <= 12:
        if hour == 12:  # as written first: "12:20" is more often twenty past noon
            return (12, 0)
        return (hour, hour + 12)
    return (hour,)


def is_bare_twelve_hour(h: Heading) -> bool:
    """'8:17' could be a 12-hour time without am/pm; '20:17', '08:17', '0:30' and '20h17' cannot."""
    return h.ampm is None and 1 <= h.hour <= 12 and not h.time_text.startswith("0") and not h.clock24


def match_date_line(line: str, default_year: int | None) -> DateLine | None:
    """'Thursday 10 November 2022', '10/11/2022', 'November 10' -> DateLine, else None.

    Raises ValueError when the line is a date without a year and no year is known,
    or names an impossible day.
    """
    found = _date_line(line, default_year)
    if found is not None and not found.year_written and default_year is None:
        raise ValueError("a date line without a year needs a 'date:' in front matter or a dated file name")
    return found


def _second_clock(text: str) -> tuple[int, int, str | None] | None:
    c = find(text)
    return (c.clock.hour, c.clock.minute or 0, c.clock.ampm) if c is not None else None
