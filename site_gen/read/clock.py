"""Recognising entry headings ("8:17pm: Headline") and date lines ("Thursday 10 November 2022").

Pure functions over single lines.  A heading candidate carries enough about its
style (am/pm or not, separator, markdown) for the chronology to judge it against
the rest of the dump.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Zone abbreviations an outlet may print after each time ("9.15am GMT", "8:17pm ET:").
ZONE_ABBREVIATIONS = ("GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "MSK", "ET", "EST", "EDT",
                      "CT", "CST", "CDT", "PT", "PST", "PDT")

_HEADING = re.compile(
    rf"""^
    (?P<md>\#{{1,6}}[ \t]*)?                              # '## 8:17pm: Headline'
    (?P<open>\*\*|__|\*|_)?                               # '**8:17pm** Headline'
    (?P<hour>\d{{1,2}})[ ]?(?P<hsep>[:.hH])[ ]?(?P<minute>\d{{2}})(?!\d)
    (?P<suffix>[ ]?(?P<ampm>[apAP])[ ]?\.?[ ]?[mM](?:[ ]?\.)?(?![A-Za-z]))?   # am, pm, a.m., P.M., 'p.m .'
    (?P<zone>[ ](?:{"|".join(ZONE_ABBREVIATIONS)})\b)?
    (?P<close>\*\*|__|\*|_)?
    [ ]*(?P<sep>:(?!\d)|[-–—](?=\s|$)|[–—])?
    (?P<close2>\*\*|__)?                                  # '**8:17pm:** Headline'
    [ ]*(?P<rest>.*?)[ ]*$""",
    re.X,
)
_LOWER_START = re.compile(r"^[a-zà-ÿ]")
# Lower-case starts that are still names: "von der Leyen", "de Gaulle", "iPhone", "eBay".
_NAME_PARTICLE = re.compile(r"^(?:(?:von|van|de|der|den|du|da|di|del|della|la|le|al|el|bin|ibn)\s+\S|[a-z]+[A-Z])")
_WEAK_START = re.compile(r"^[A-Z0-9À-Þ\"“‘'«(\[]")

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH_RE = "|".join(list(_MONTHS) + [m[:3] for m in _MONTHS] + ["sept"])
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_RE = r"(?P<weekday>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?,?"
_DATE_LINES = (
    re.compile(rf"^(?:{_WEEKDAY_RE}\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RE})\.?,?(?:\s+(?P<year>\d{{4}}))?$", re.I),
    re.compile(rf"^(?:{_WEEKDAY_RE}\s+)?(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+(?P<year>\d{{4}}))?$", re.I),
    re.compile(rf"^(?:{_WEEKDAY_RE}\s+)?(?P<day>\d{{1,2}})(?P<sep>[/.])(?P<month>\d{{1,2}})(?P=sep)(?P<year>\d{{4}})$", re.I),
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
    style: tuple  # (has am/pm, clock separator, separator kind, markdown) for judging odd ones out
    zone: str | None = None  # abbreviation printed after the time ("GMT"), if any


@dataclass(frozen=True)
class DateLine:
    """A date line.  Numeric dates ("10/11/2022") may read day-first or month-first."""

    day_first: dt.date | None
    month_first: dt.date | None
    weekday: str | None = None  # as written ("Thursday"), checked by the parser

    @property
    def numeric(self) -> bool:
        return self.day_first != self.month_first

    def weekday_matches(self, day: dt.date) -> bool:
        return self.weekday is None or _WEEKDAYS.index(self.weekday[:3].lower()) == day.weekday()


class BadTime(ValueError):
    pass


def match_heading(line: str) -> Heading | None:
    """A heading candidate, or None.  BadTime for a heading-shaped line with an impossible time.

    A time followed by a separator (':', ' - ', ' – '), marked up as Markdown,
    or alone on its line is a *marked* candidate.  A time followed directly by
    a capitalised word ("8:17pm Russia says") is a weak one, which the parser
    only believes when most of the dump is written that way.  A time followed by
    a lower-case word ("10:30 was the deadline") is never a heading; with a
    separator it is one only with am/pm ("5:30pm: von der Leyen arrives"), and
    names such as "von der Leyen" or "iPhone" count as capitalised.
    """
    m = _HEADING.match(line.strip())
    if not m:
        return None
    rest, sep = m.group("rest"), m.group("sep")
    if re.match(r"[./]\d", rest):
        return None  # '10.11.2022', '## 10.11.2022': a date, not a time
    md = (m.group("md") or "").strip()
    opener, closer = m.group("open"), m.group("close") or m.group("close2")
    if opener:
        if closer != opener:
            if closer or not rest.endswith(opener):
                return None  # '**8:17pm Russia' or '*8:17pm**': not a marked-up time
            rest = rest[: -len(opener)].rstrip()  # '**8:17pm: Headline**'
        md = md + opener
    elif closer:
        return None
    if len(rest) > 4 and rest.startswith("**") and rest.endswith("**"):
        rest = rest[2:-2].strip()  # '## 8:17pm: **Headline**'
    ampm = m.group("ampm").lower() if m.group("ampm") else None
    hsep = m.group("hsep").lower()
    marked = bool(sep or md or not rest)
    hour, minute = int(m.group("hour")), int(m.group("minute"))
    start = m.start("hour")
    end = m.end("suffix") if ampm else m.end("minute")
    time_text = line.strip()[start:end].strip()
    if hour > 23 or minute > 59 or (ampm == "p" and hour == 0):
        if not marked or (hsep == "." and not ampm):
            return None  # "7.62 NATO rounds", "20.75: Price": a number, not a time
        raise BadTime(time_text)
    if _LOWER_START.match(rest) and not _NAME_PARTICLE.match(rest):
        if not (sep and (ampm or hsep == "h")):
            return None  # "10:30 was the deadline", "10:30: the deadline passed": sentences
    if not marked and not (_WEAK_START.match(rest) and (ampm or hsep in ":h")):
        return None
    sep_kind = ":" if sep == ":" else "-" if sep else "alone" if not rest else "none"
    zone = m.group("zone").strip() if m.group("zone") else None
    style = (ampm is not None, "." if hsep == "." else hsep, sep_kind, md)
    return Heading(hour, minute, ampm, rest, time_text, marked, style, zone)


def minutes_of_day(h: Heading, twelve_hour_clock: bool) -> tuple[int, ...]:
    """Possible minutes after midnight for a heading (two for a bare 12-hour time)."""
    if h.ampm == "p":
        hour = h.hour if h.hour > 12 else (12 if h.hour == 12 else h.hour + 12)
        return (hour * 60 + h.minute,)
    if h.ampm == "a":
        hour = 0 if h.hour == 12 else h.hour
        return (hour * 60 + h.minute,)
    if twelve_hour_clock and 1 <= h.hour <= 12:
        if h.hour == 12:  # as written first: "12:20" is more often twenty past noon
            return (12 * 60 + h.minute, h.minute)
        morning = h.hour * 60 + h.minute
        return (morning, morning + 12 * 60)
    return (h.hour * 60 + h.minute,)


def is_bare_twelve_hour(h: Heading) -> bool:
    """'8:17' could be a 12-hour time without am/pm; '20:17', '08:17' and '0:30' cannot."""
    return h.ampm is None and 1 <= h.hour <= 12 and not h.time_text.startswith("0")


def match_date_line(line: str, default_year: int | None) -> DateLine | None:
    """'Thursday 10 November 2022', '10/11/2022', 'November 10' -> DateLine, else None.

    Raises ValueError when the line is a date without a year and no year is known,
    or names an impossible day.
    """
    text = line.strip().strip("*#_").strip()
    if len(text) > 40:
        return None
    for pattern in _DATE_LINES:
        m = pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        month, day = m.group("month"), int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else default_year
        if year is None:
            raise ValueError("a date line without a year needs a 'date:' in front matter or a dated file name")
        if not month.isdigit():
            month_no = _MONTHS.get(month.lower()) or _month_prefix(month)
            return DateLine(*[_date(year, month_no, day)] * 2, groups.get("weekday"))
        if pattern is not _DATE_LINES[2]:
            return DateLine(*[_date(year, int(month), day)] * 2)
        day_first, month_first = _maybe_date(year, int(month), day), _maybe_date(year, day, int(month))
        if day_first is None and month_first is None:
            raise ValueError("no such day")
        return DateLine(day_first, month_first, groups.get("weekday"))
    return None


def _date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError("no such day") from None


def _maybe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_prefix(name: str) -> int:
    name = name.lower()[:3]
    return next(i for m, i in _MONTHS.items() if m.startswith(name))
