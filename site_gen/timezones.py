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

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$", re.I)

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

_NAMES = "|".join(sorted((re.escape(n) for n in NAMED_ZONES), key=len, reverse=True))
_OFFSET_TEXT = r"(?:GMT|UTC)\s*(?:[+-−]\s*\d{1,2}(?::?\d{2})?)?"
# "All times are Paris time (GMT+1)", "Times in GMT", "(UTC+2)", "Kyiv time", "All times ET"
_STATEMENT = re.compile(
    rf"(?:\b(?P<name>{_NAMES})\b(?:\s+time)?\s*\(?\s*(?P<off1>{_OFFSET_TEXT})?\s*\)?)"
    rf"|(?:\(\s*(?P<off2>{_OFFSET_TEXT})\s*\))",
    re.I,
)
# A sentence states a zone when it talks of "times" (plural), shows "(GMT+1)"/"(UTC+2)",
# or says "<place> time"; "at the time, Ukraine said" does not.
_CUE = re.compile(rf"\btimes\b|\(\s*(?:GMT|UTC)|\b(?:{_NAMES})\s+time\b", re.I)


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
    with the offset stated beside it; otherwise the stated fixed offset wins.
    """
    if not _CUE.search(text):
        return None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not _CUE.search(sentence):
            continue
        for match in _STATEMENT.finditer(sentence):
            zone = _zone_from_match(match, on)
            if zone:
                return zone
    return None


def _zone_from_match(match: re.Match, on: dt.date | None) -> str | None:
    name = (match.group("name") or "").lower()
    stated_text = match.group("off1") or match.group("off2")
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
