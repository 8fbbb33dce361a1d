"""Country and city names, demonyms and adjectives in a language, each to its built-in name.

From CLDR through Babel, no hand list:

- countries and unions: `Locale(lang).territories` ("Russie", "Russland", "Italia",
  "Union européenne"), matched to the built-in name of the same territory in English
  (gazetteer.py: "Russia", "Italy", "European Union");
- cities: the exemplar cities of CLDR's time zones (`Locale(lang).time_zones`: "Moscou",
  "Moskau", "Kiew"), for the cities the built-in places know in English ("Moscow", "Kyiv");
- demonyms and adjectives: CLDR's name of a language ("russe", "Russisch", "ucraino") is the
  adjective of the country whose English demonym is that language's English name ("Russian"
  -> Russia); written forms are compared by their lemma (simplemma: "ucraini" -> ucraino,
  "ukrainische" -> ukrainisch, "Ukrainiens" -> ukrainien).
"""

from __future__ import annotations

import re
from functools import lru_cache

from site_gen.topics.extract import name_key
from site_gen.topics.gazetteer import Knowledge
from site_gen.topics.languages.words import base, words_of

COUNTRY, PLACE, DEMONYM = "country", "place", "demonym"


@lru_cache(maxsize=1)
def builtin() -> Knowledge:
    """The built-in gazetteer, once per process (read only here)."""
    return Knowledge.builtin()


class Places:
    """The known names of one language: name_key -> (built-in name, kind)."""

    def __init__(self, language: str):
        self.lang = base(language)
        self.names: dict[str, tuple[str, str]] = {}
        self.local: dict[str, str] = {}  # built-in name -> its name in this language
        self.demonyms: dict[str, str] = {}  # lemma of a language's name -> country
        know = builtin()
        english, here = _locale("en"), _locale(self.lang)
        if here is None:
            return
        for code, name in english.territories.items():
            canonical = know.canonical.get(name_key(_plain(name)))
            local = here.territories.get(code)
            if canonical and local and (code.isalpha() or canonical in ("Europe", "Africa", "Asia")):
                self._add(local, canonical, COUNTRY)
        places = {name_key(p) for p in know.canonical if know.origin.get(p) == "the built-in places"}
        for zone, data in here.time_zones.items():
            local = data.get("city")
            city = english.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            if local and name_key(city) in places:
                self._add(local, know.canonical[name_key(city)], PLACE)
        for code, name in english.languages.items():
            key = name_key(name)
            local = here.languages.get(code)
            if key in know.demonyms and local and "-" not in code:
                self.demonyms.setdefault(local.casefold(), know.canonical[key])

    def _add(self, local: str, canonical: str, kind: str) -> None:
        local = _plain(local)
        if not local or name_key(local) == name_key(canonical):
            return
        self.names.setdefault(name_key(local), (canonical, kind))
        self.local.setdefault(canonical, local)

    def demonym(self, word: str) -> str:
        """The country a written demonym or adjective stands for ('ucraini' -> Ukraine), or ''."""
        if not self.demonyms or len(word) < 4:
            return ""
        low = word.casefold()
        found = self.demonyms.get(low)
        if found is None:
            w = words_of(self.lang)
            found = self.demonyms.get(w.lemma(low).casefold()) or self.demonyms.get(w.lemma(word).casefold(), "")
        return found

    @property
    def adjectives(self) -> re.Pattern | None:
        """Lower-case words that may be an adjective of a country ('russes', 'ucraini'): checked by `demonym`."""
        return _adjective_pattern(self.lang)


@lru_cache(maxsize=None)
def places_of(language: str) -> Places:
    return Places(language)


@lru_cache(maxsize=None)
def _adjective_pattern(lang: str) -> re.Pattern | None:
    stems = sorted({d[:max(4, len(d) - 2)] for d in places_of(lang).demonyms if len(d) >= 4 and d[:1].isalpha()})
    if not stems:
        return None
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, stems)) + r")\w*")


def _plain(name: str) -> str:
    """'Myanmar (Burma)' -> 'Myanmar'; 'Congo - Kinshasa' is left out ('')."""
    name = name.split(" (")[0].replace("’", "'")
    return "" if " - " in name or "," in name else name


def _locale(lang: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None


def add_known(know: Knowledge, form: str, canonical: str, kind: str, language: str) -> None:
    """A name of a language a blog's scan found (BlogScan.known), added to the site's gazetteer."""
    if kind == DEMONYM:
        know.add(canonical, country=True, demonyms=[form],
                 origin=f"an adjective of the country in {language} (CLDR's language names, simplemma)")
    else:
        know.add(canonical, [form], country=kind == COUNTRY, origin=f"CLDR's names in {language} (Babel)")
