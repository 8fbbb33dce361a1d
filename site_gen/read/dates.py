"""Dates as live blogs print them: date lines between entries, and a date anywhere in an intro.

    match_date_line("Donnerstag, 10. November 2022") -> DateLine     (None: not a date line)
    find_date("Last Updated: Thursday, 7 July, 2005, 20:19 GMT") -> 2005-07-07

Month and weekday names are CLDR's in many languages: "Thursday 10 November 2022",
"jeudi 10 novembre 2022", "10 de noviembre de 2022", "czwartek, 10 listopada 2022",
"Nov. 6, 2020", numeric "10/11/2022", "18.12.2025", "11 10 2008" and ISO "2022-11-10".
A date line without a year ("June 6", "10 novembre") is kept without one: the
chronology gives it the year that puts it nearest the dates around it, so "31
December" then "1 January" crosses into the next year.

    month_number("novembre") -> 11      weekday_number("Donnerstag") -> 3 (Monday is 0)
    is_hour_word("Uhr") -> True          ("21:30 Uhr", "12:05 hours", "21.30 uur", "5 heures")

Nothing of these names is written by hand: they are CLDR's (Babel), in LANGUAGES,
wide and abbreviated, in their format and stand-alone forms, matched without regard
to case or accents ("Marz" finds März, "fevr" finds févr.).  A name that means two
different days in two languages ("so", "st") is left out rather than guessed.  Babel
is imported, and the tables made, the first time a word is looked up: a dump whose
lines hold no date line and no word after a time never pays for it, and a process
pays once (about 0.1 s).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)?"
_WEEKDAY = rf"(?:(?P<weekday>{_WORD})\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:\.|st|nd|rd|th|er|º|°)?"
_YEAR = r"(?:,?\s+(?:de\s+)?(?P<year>\d{4}))?"
_DATE_LINES = (
    # 10 November 2022, Thursday 10 November, 10. November 2022, 10 de noviembre de 2022
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+(?:de\s+)?(?P<month>{_WORD})\.?{_YEAR},?$"),
    # November 10, 2022, Thursday, November 10, Nov. 6, 2020
    re.compile(rf"^{_WEEKDAY}(?P<month>{_WORD})\.?\s+{_DAY},?{_YEAR},?$"),
)
_NUMERIC = re.compile(rf"^{_WEEKDAY}(?P<a>\d{{1,2}})(?P<sep>[/.\- ])(?P<b>\d{{1,2}})(?P=sep)(?P<year>\d{{4}})\.?$")
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
_MAX_LINE = 48
_DIGIT = re.compile(r"\d")

# A full date inside a sentence ("Last Updated: Thursday, 7 July, 2005", "Mis à jour le 06.05.2012").
_IN_TEXT = re.compile(
    rf"(?<![\w.])(?:(?P<day>\d{{1,2}})(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?(?P<month>{_WORD})\.?,?\s+(?:de\s+)?(?P<year>\d{{4}})"
    rf"|(?P<month2>{_WORD})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,\s+(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year3>\d{4}))(?![\w.]\d)")


@dataclass(frozen=True)
class DateLine:
    """A date line.  Numeric dates ("10/11/2022") may read day-first or month-first.

    A line without a year is read in `year` (the caller's guess, or the leap year 2000
    when there is none) and `year_written` is False: `in_year` places it again.
    """

    day_first: dt.date | None
    month_first: dt.date | None
    weekday: str | None = None  # as written ("Thursday"), checked by the parser
    year_written: bool = True
    parts: tuple[int, int] = (0, 0)  # (day, month) as written, for in_year
    weekday_no: int | None = None  # Monday is 0

    @property
    def numeric(self) -> bool:
        return self.day_first != self.month_first

    def weekday_matches(self, day: dt.date) -> bool:
        return self.weekday_no is None or self.weekday_no == day.weekday()

    def in_year(self, year: int) -> "DateLine":
        """The same day and month in another year (ValueError: no such day, 29 February)."""
        day = _date(year, self.parts[1], self.parts[0])
        return DateLine(day, day, self.weekday, False, self.parts, self.weekday_no)


def could_be_date_line(text: str) -> bool:
    """Cheap test before match_date_line: short, with a digit."""
    return len(text) <= _MAX_LINE + 6 and _DIGIT.search(text) is not None


def match_date_line(line: str, default_year: int | None = None) -> DateLine | None:
    """'Thursday 10 November 2022', '10/11/2022', 'November 10' -> DateLine, else None.

    Raises ValueError for an impossible day ("31 February 2022").  A date without a
    year is read in `default_year`, or kept for the chronology to place (leap year
    2000 until then) when there is none.
    """
    text = line.strip().strip("*#_").strip()
    if len(text) > _MAX_LINE:
        return None
    m = _ISO.match(text)
    if m:
        day = _date(int(m["year"]), int(m["month"]), int(m["day"]))
        return DateLine(day, day, parts=(day.day, day.month))
    m = _NUMERIC.match(text)
    if m:
        weekday = _weekday(m["weekday"])
        if weekday is False:
            return None
        year, a, b = int(m["year"]), int(m["a"]), int(m["b"])
        day_first, month_first = _maybe_date(year, b, a), _maybe_date(year, a, b)
        if day_first is None and month_first is None:
            raise ValueError("no such day")
        return DateLine(day_first, month_first, m["weekday"], True, (a, b), weekday)
    for pattern in _DATE_LINES:
        m = pattern.match(text)
        if not m:
            continue
        month, weekday = month_number(m["month"]), _weekday(m["weekday"])
        if month is None or weekday is False:
            return None
        day_no = int(m["day"])
        written = m["year"] is not None
        year = int(m["year"]) if written else default_year
        if year is None:
            _date(2000, month, day_no)  # 29 February is a day; 31 February is not
            year = 2000
        day = _date(year, month, day_no)
        return DateLine(day, day, m["weekday"], written, (day_no, month), weekday)
    return None


def find_date(text: str) -> dt.date | None:
    """The first full date (day, month and year) written anywhere in `text`, or None."""
    for m in _IN_TEXT.finditer(text):
        try:
            if m["iso"]:
                return dt.date.fromisoformat(m["iso"])
            if m["year3"]:
                return dt.date(int(m["year3"]), int(m["b"]), int(m["a"]))  # day first
            month = month_number(m["month"] or m["month2"])
            if month is not None:
                return dt.date(int(m["year"] or m["year2"]), month, int(m["day"] or m["day2"]))
        except ValueError:
            continue
    return None


def _weekday(word: str | None) -> int | None | bool:
    """The weekday's number, None when none is written, False when the word is no weekday."""
    if word is None:
        return None
    number = weekday_number(word)
    return False if number is None else number


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


# Languages whose names are read.  Live blogs of any of them are understood; adding one
# here is all it takes.  (Languages whose month names clash with these, such as
# Croatian "listopad" for October against Czech and Polish November, are left out.)
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "ca", "ro", "sv", "da", "nb", "fi",
             "cs", "sk", "hu", "tr", "el", "ru", "uk", "ar", "he", "id")


def fold(word: str) -> str:
    """'Févr.' -> 'fevr': lower case, no accents, no final dot."""
    word = word.casefold().rstrip(".")
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def month_number(word: str) -> int | None:
    return _tables()[0].get(fold(word))


def weekday_number(word: str) -> int | None:
    """The day's number; else that of the one name it begins ('Thurs', 'Tues'), if only one."""
    names = _tables()[1]
    key = fold(word)
    found = names.get(key)
    if found is not None or len(key) < 3:
        return found
    numbers = {n for name, n in names.items() if name.startswith(key)}
    return numbers.pop() if len(numbers) == 1 else None


def is_hour_word(word: str) -> bool:
    """A word for 'hour' or 'o'clock' as CLDR writes it (case matters: 'Time' is not Norwegian 'time')."""
    return word in _hour_words()


@cache
def _tables() -> tuple[dict[str, int], dict[str, int]]:
    from babel.dates import get_day_names, get_month_names

    months: dict[str, set[int]] = {}
    days: dict[str, set[int]] = {}
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=language).items():
                    months.setdefault(fold(name), set()).add(number)
                for number, name in get_day_names(width, context, locale=language).items():
                    days.setdefault(fold(name), set()).add(number)
    return ({w: next(iter(n)) for w, n in months.items() if len(n) == 1 and len(w) > 1},
            {w: next(iter(n)) for w, n in days.items() if len(n) == 1 and len(w) > 1})


@cache
def _hour_words() -> frozenset[str]:
    """CLDR's names of the hour unit ('heures', 'Stunden', 'uur', 'ore') and the words its
    hour-only time patterns print ('HH 'Uhr'' in German)."""
    from babel import Locale
    from babel.units import format_unit

    words = set()
    for language in LANGUAGES:
        for length in ("long", "short"):
            for count in (1, 2, 5):
                words.add(format_unit(count, "duration-hour", length=length, locale=language)
                          .replace(str(count), "").strip())
        pattern = Locale.parse(language).datetime_skeletons.get("H")
        text = str(getattr(pattern, "pattern", pattern or ""))
        words.update(text.split("'")[1::2])  # quoted literals: 'Uhr'
    return frozenset(w for w in words if len(w.rstrip(".")) > 1 or w == "h")
