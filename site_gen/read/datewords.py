"""Month, weekday and hour words in many languages, from Babel's copy of the CLDR.

    month_number("novembre") -> 11      weekday_number("Donnerstag") -> 3 (Monday is 0)
    is_hour_word("Uhr") -> True          ("21:30 Uhr", "12:05 hours", "21.30 uur", "5 heures")

Nothing here is written by hand: the names are CLDR's, in LANGUAGES, wide and
abbreviated, in their format and stand-alone forms, matched without regard to
case or accents ("Marz" finds März, "fevr" finds févr.).  A name that means two
different days in two languages ("so", "st") is left out rather than guessed.

Babel is imported, and the tables made, the first time a word is looked up: a
dump whose lines hold no date line and no word after a time never pays for it,
and a process pays once (about 0.1 s).
"""

from __future__ import annotations

import unicodedata
from functools import cache

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
