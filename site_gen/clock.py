"""Recognising entry headings ("8:17pm: Headline") and date lines ("Thursday 10 November 2022").

Pure functions over single lines.  A heading candidate carries enough about its
style (am/pm or not, separator, markdown) for the parser to judge it against
the rest of the dump.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_HEADING = re.compile(
    r"""^\s*
    (?P<md>\#{1,6}\s*|\*\*)?                      # '## 8:17pm' or '**8:17pm**'
    (?P<hour>\d{1,2})\s?(?P<hsep>[:.]|h)\s?(?P<minute>\d{2})(?!\d)
    (?P<suffix>\s*(?P<ampm>[ap])\s*\.?\s*m(?:\s*\.)?(?![a-z]))?   # am, pm, a.m., p.m, 'p.m .'
    (?P<close>\s*\*\*)?
    \s*(?P<sep>:(?=\s|$|\*\*)|[-–—](?=\s|$))?
    \s*(?P<close2>\*\*)?
    \s*(?P<rest>.*?)\s*$""",
    re.X | re.I,
)

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH_RE = "|".join(list(_MONTHS) + [m[:3] for m in _MONTHS] + ["sept"])
_WEEKDAY_RE = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_DATE_LINES = (
    re.compile(rf"^(?:{_WEEKDAY_RE}\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RE})\.?,?(?:\s+(?P<year>\d{{4}}))?$", re.I),
    re.compile(rf"^(?:{_WEEKDAY_RE}\s+)?(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+(?P<year>\d{{4}}))?$", re.I),
    re.compile(r"^(?:" + _WEEKDAY_RE + r"\s+)?(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})$", re.I),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"),
)


@dataclass(frozen=True)
class Heading:
    hour: int  # as written
    minute: int
    ampm: str | None  # "a" or "p"
    rest: str  # text after the time and separator ("" when the time stands alone)
    time_text: str  # the time as printed, e.g. "8:17pm", "20h17", "5:39 p.m ."
    marked: bool  # separator, markdown, or alone on its line: looks like a heading on purpose
    style: tuple  # (has am/pm, separator kind) for judging odd ones out


class BadTime(ValueError):
    pass


def match_heading(line: str) -> Heading | None:
    """A heading candidate, or None.  BadTime for a heading-shaped line with an impossible time."""
    m = _HEADING.match(line)
    if not m:
        return None
    rest = m.group("rest")
    sep = m.group("sep")
    md = (m.group("md") or "").strip()
    bold_closed = bool(m.group("close") or m.group("close2"))
    if md == "**" and not bold_closed:
        return None
    if not (sep or md or not rest):
        return None  # "10:30 was the deadline": a sentence, not a heading
    hour, minute = int(m.group("hour")), int(m.group("minute"))
    ampm = m.group("ampm").lower() if m.group("ampm") else None
    start = m.start("hour")
    end = m.end("suffix") if ampm else m.end("minute")
    time_text = line[start:end].strip()
    if hour > 23 or minute > 59 or (ampm and hour == 0 and ampm == "p"):
        raise BadTime(time_text)
    sep_kind = ":" if sep == ":" else ("-" if sep else md or "")
    return Heading(hour, minute, ampm, rest, time_text, True, (ampm is not None, sep_kind))


def minutes_of_day(h: Heading, twelve_hour_clock: bool) -> tuple[int, ...]:
    """Possible minutes after midnight for a heading (two for a bare 12-hour time)."""
    if h.ampm == "p":
        hour = h.hour if h.hour > 12 else (12 if h.hour == 12 else h.hour + 12)
        return (hour * 60 + h.minute,)
    if h.ampm == "a":
        hour = 0 if h.hour == 12 else h.hour
        return (hour * 60 + h.minute,)
    if twelve_hour_clock and 1 <= h.hour <= 12:
        if h.hour == 12:  # "12:30" is more often half past noon than half past midnight
            return (12 * 60 + h.minute, h.minute)
        morning = h.hour * 60 + h.minute
        return (morning, morning + 12 * 60)
    return (h.hour * 60 + h.minute,)


def match_date_line(line: str, default_year: int | None) -> dt.date | None:
    """'Thursday 10 November 2022', '10/11/2022', 'November 10' -> date, else None.

    Raises ValueError when the line is a date without a year and no year is known,
    or names an impossible day.
    """
    text = line.strip().strip("*#").strip()
    if len(text) > 40:
        return None
    for pattern in _DATE_LINES:
        m = pattern.match(text)
        if not m:
            continue
        month = m.group("month")
        month_no = int(month) if month.isdigit() else _MONTHS.get(month.lower()) or _month_prefix(month)
        year = int(m.group("year")) if m.group("year") else default_year
        if year is None:
            raise ValueError("a date line without a year needs a 'date:' in front matter or a dated file name")
        return dt.date(year, month_no, int(m.group("day")))
    return None


def _month_prefix(name: str) -> int:
    name = name.lower()[:3]
    return next(i for m, i in _MONTHS.items() if m.startswith(name))
