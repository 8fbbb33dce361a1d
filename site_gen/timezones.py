"""Time zones: names from front matter or config, and statements in a blog's intro.

A zone is kept as a string: an IANA name ("Europe/Paris") or a fixed offset
("+01:00").  `tzinfo_for` turns it into a tzinfo; `zone_from_intro` reads
sentences such as "All times are Paris time (GMT+1)".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$", re.I)

# Places and abbreviations that outlets use in "All times are ... time" sentences.
NAMED_ZONES = {
    "paris": "Europe/Paris", "france": "Europe/Paris", "cet": "Europe/Paris",
    "cest": "Europe/Paris", "central european": "Europe/Paris",
    "london": "Europe/London", "uk": "Europe/London", "bst": "Europe/London",
    "kyiv": "Europe/Kyiv", "kiev": "Europe/Kyiv", "ukraine": "Europe/Kyiv",
    "ukrainian": "Europe/Kyiv", "eet": "Europe/Kyiv",
    "moscow": "Europe/Moscow", "msk": "Europe/Moscow",
    "berlin": "Europe/Berlin", "brussels": "Europe/Brussels", "madrid": "Europe/Madrid",
    "rome": "Europe/Rome", "amsterdam": "Europe/Amsterdam", "warsaw": "Europe/Warsaw",
    "athens": "Europe/Athens", "istanbul": "Europe/Istanbul", "lisbon": "Europe/Lisbon",
    "dublin": "Europe/Dublin", "geneva": "Europe/Zurich", "zurich": "Europe/Zurich",
    "new york": "America/New_York", "washington": "America/New_York",
    "eastern": "America/New_York", "et": "America/New_York", "est": "America/New_York",
    "edt": "America/New_York", "central": "America/Chicago", "ct": "America/Chicago",
    "pacific": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "los angeles": "America/Los_Angeles", "chicago": "America/Chicago",
    "tokyo": "Asia/Tokyo", "beijing": "Asia/Shanghai", "hong kong": "Asia/Hong_Kong",
    "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "ist": "Asia/Kolkata",
    "jerusalem": "Asia/Jerusalem", "tel aviv": "Asia/Jerusalem", "tehran": "Asia/Tehran",
    "dubai": "Asia/Dubai", "sydney": "Australia/Sydney", "gmt": "UTC", "utc": "UTC",
}

# Abbreviations that only ever name a clock, so "(ET)" or "Times: CET" is a statement.
ABBREVIATIONS = {"gmt", "utc", "bst", "cet", "cest", "eet", "eest", "msk", "et", "est", "edt",
                 "ct", "cst", "cdt", "pt", "pst", "pdt"}
NAMED_ZONES.update({"cst": "America/Chicago", "cdt": "America/Chicago", "eest": "Europe/Kyiv"})

_NAMES = "|".join(sorted((re.escape(n) for n in NAMED_ZONES), key=len, reverse=True))
_ABBRS = "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
_OFFSET_TEXT = r"(?:GMT|UTC)\s*(?:[+\-−]\s*\d{1,2}(?::?\d{2})?)?(?![\w+\-−])"
_ZONE = (rf"(?:(?P<off>{_OFFSET_TEXT})"
         rf"|(?P<name>{_NAMES})\b(?:\s+time\b)?(?:\s*\(\s*(?P<paren>{_OFFSET_TEXT})\s*\))?)")
# The forms a statement takes; the first one found in the intro wins:
#   "All times are Paris time (GMT+1)", "Times in GMT", "All times ET", "Times shown are local time
#   in Kyiv (GMT+2)"  -- a zone right after "times ...";
#   "Kyiv time", "Paris time (GMT+1)"  -- a place followed by "time";
#   "(UTC+2)", "(ET)"  -- an offset or a clock abbreviation in brackets.
_STATEMENT = re.compile(
    rf"\btimes\b(?:\s+(?:are|is|shown|given|listed|quoted|here|on\s+this\s+page|local|in|the|:))*"
    rf"(?:\s+local\s+time(?:\s+in)?)?[\s:=–—-]*{_ZONE}"
    rf"|\b(?P<place>{_NAMES})\s+time\b(?:\s*\(\s*(?P<place_off>{_OFFSET_TEXT})\s*\))?"
    rf"|\(\s*(?:(?P<br_off>{_OFFSET_TEXT})|(?P<br_abbr>{_ABBRS}))\s*\)",
    re.I,
)


_ANY_ABBREVIATION = re.compile(r"\(\s*(?P<a>[A-Z]{2,5})\s*\)|\btimes\b(?:\s+(?:are|in|shown))?:?\s+(?P<b>[A-Z]{2,5})\b", re.I)


class UnknownZone(ValueError):
    pass


@lru_cache(maxsize=None)
def tzinfo_for(zone: str) -> dt.tzinfo:
    """'Europe/Paris' -> ZoneInfo, '+01:00' -> fixed offset; UnknownZone otherwise."""
    offset = parse_offset(zone)
    if offset is not None:
        return dt.timezone(offset)
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise UnknownZone(zone) from exc


def parse_offset(text: str) -> dt.timedelta | None:
    match = _OFFSET.match(text.strip())
    if not match:
        return None
    sign, hours, minutes = match.groups()
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta > dt.timedelta(hours=14):
        return None
    return -delta if sign in "-−" else delta


def format_offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_from_intro(text: str, on: dt.date | None) -> str | None:
    """The zone an intro paragraph states, or None.

    A named place maps to its IANA zone when that zone's offset on `on` agrees
    with the offset stated beside it; otherwise the stated fixed offset wins.  An
    abbreviation the tz database prints, in brackets or right after "times"
    ("(EAT)", "All times AEST"), is read as zone_from_abbreviation reads it.
    """
    match = _STATEMENT.search(text)
    if not match:
        for other in _ANY_ABBREVIATION.finditer(text):
            abbreviation = other["a"] or other["b"]
            if abbreviation in _zones_printing():
                return zone_from_abbreviation(abbreviation, on)
        return None
    g = match.groupdict()
    name = g["name"] or g["place"] or g["br_abbr"]
    stated = g["off"] or g["paren"] or g["place_off"] or g["br_off"]
    return _zone_from(name.lower() if name else None, stated, on)


def zone_from_abbreviation(abbreviation: str, on: dt.date | None) -> str | None:
    """'GMT' printed after each time -> 'UTC'; 'ET' -> 'America/New_York'; 'EAT' -> '+03:00'.

    An abbreviation that names no place here is read from the time zone database: the
    offset every zone printing it has that day ('EAT' is +03:00 everywhere), or None
    when they disagree ('IST' is India, Ireland and Israel; NAMED_ZONES says India).
    """
    if abbreviation.lower() in NAMED_ZONES:
        return _zone_from(abbreviation.lower(), None, on) or "UTC"
    noon = dt.datetime.combine(on or dt.date(2024, 1, 15), dt.time(12))
    offsets = {noon.replace(tzinfo=tzinfo_for(zone)).utcoffset() for zone in _zones_printing().get(abbreviation, ())}
    offsets.discard(None)
    return format_offset(offsets.pop()) if len(offsets) == 1 else None


def is_zone_abbreviation(token: str) -> bool:
    """'GMT', 'EDT', 'IST', 'ET': a zone abbreviation an outlet may print after a time."""
    return token.lower() in ABBREVIATIONS or token in _zones_printing()


@lru_cache(maxsize=None)
def _zones_printing() -> dict[str, tuple[str, ...]]:
    """Abbreviation -> the IANA zones that print it in winter or summer (read once, ~0.1 s)."""
    from zoneinfo import available_timezones

    found: dict[str, set[str]] = {}
    for zone in sorted(available_timezones()):
        tz = tzinfo_for(zone)
        for month in (1, 7):
            name = dt.datetime(2024, month, 15, 12, tzinfo=tz).tzname()
            if name and name.isalpha() and name.upper() == name:
                found.setdefault(name, set()).add(zone)
    return {name: tuple(sorted(zones)) for name, zones in found.items()}


def _zone_from(name: str | None, stated_text: str | None, on: dt.date | None) -> str | None:
    stated = _stated_offset(stated_text) if stated_text else None
    if name and name not in ("gmt", "utc"):
        zone = NAMED_ZONES[name]
        if stated is None:
            return zone
        if on is not None and _offset_on(zone, on) == stated:
            return zone
        return format_offset(stated)
    if stated is not None:
        return format_offset(stated) if stated else "UTC"
    return "UTC" if name in ("gmt", "utc") else None


def _stated_offset(text: str) -> dt.timedelta:
    offset = parse_offset(text)
    return offset if offset is not None else dt.timedelta(0)


def _offset_on(zone: str, on: dt.date) -> dt.timedelta | None:
    noon = dt.datetime(on.year, on.month, on.day, 12, tzinfo=tzinfo_for(zone))
    return noon.utcoffset()
