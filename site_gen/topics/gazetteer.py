"""The gazetteer: the names known before any text is read, as lookup tables keyed by name_key.

    Knowledge.builtin()        the built-in lists of known.py (countries with their demonyms,
                               places, organisations), ISO 3166 names from pycountry, and the
                               names of parties' members derived from the parties' names
    Knowledge.add(name, ...)   a curated topic (topics.toml) or a blog's tag on top

Each known name remembers where it is known from (`origin`), for `site-gen topics --explain`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from site_gen.topics import known as K
from site_gen.topics.extract import name_key


@dataclass
class Knowledge:
    """The gazetteer and the curated file, as lookup tables keyed by name_key."""

    canonical: dict = field(default_factory=dict)  # alias key -> canonical name
    countries: set = field(default_factory=set)  # keys of country names, aliases and demonyms
    demonyms: set = field(default_factory=set)  # keys of demonyms only
    multi: dict = field(default_factory=dict)  # first word key -> word-key tuples of known multi-word names
    curated: set = field(default_factory=set)  # keys of curated names and aliases
    ignore: set = field(default_factory=set)  # keys never to index
    cased: set = field(default_factory=set)  # keys with a form not all in capitals ("Nato"; not "UN")
    origin: dict = field(default_factory=dict)  # key -> where the name is known from ("topics.toml")
    people: dict = field(default_factory=dict, repr=False)  # words -> names.person_like's answer, once asked

    def add(self, canonical: str, aliases=(), *, country=False, demonyms=(), curated=False, origin=""):
        self.people.clear()
        for name in (canonical, *aliases, *demonyms):
            key = name_key(name)
            if curated or key not in self.canonical:
                self.canonical[key] = canonical
                self.origin[key] = origin
            if country:
                self.countries.add(key)
            if not name.replace(".", "").isupper():
                self.cased.add(key)
            if curated:
                self.curated.add(key)
            words = tuple(key.split())
            if len(words) > 1:
                entries = self.multi.setdefault(words[0], [])
                if words not in entries:
                    entries.append(words)
                    entries.sort(key=len, reverse=True)
        self.demonyms.update(name_key(d) for d in demonyms)

    def rename(self, names: dict, origin: str) -> None:
        """Built-in names shown in another language: {"Russia": "Russie", ...} (the site's language)."""
        for key, canonical in list(self.canonical.items()):
            local = names.get(canonical)
            if local and key not in self.curated:
                self.canonical[key] = local
        for canonical, local in sorted(names.items()):
            if name_key(canonical) not in self.curated:
                self.add(local, country=name_key(canonical) in self.countries, origin=origin)

    @classmethod
    def builtin(cls) -> "Knowledge":
        k = cls()
        for line in K.COUNTRIES.strip().splitlines():
            names, _, dems = line.partition(";")
            canonical, *aliases = names.split("|")
            k.add(canonical, aliases, country=True, demonyms=[d for d in dems.split("|") if d],
                  origin="the built-in countries")
        _iso_names(k)
        for place in (p.strip() for p in K.PLACES.replace("\n", " ").split(",")):
            if place:
                k.add(place, origin="the built-in places")
        for line in K.ORGANISATIONS.strip().splitlines():
            canonical, *aliases = line.split("|")
            k.add(canonical, aliases, origin="the built-in organisations")
            k.add(canonical, member_forms(canonical), origin="the built-in organisations: what a party's members are called")
        return k


def _iso_names(k: Knowledge) -> None:
    """Countries (ISO 3166-1) and the states of a few federations (ISO 3166-2), from pycountry's data.

    A country the built-in list knows gets pycountry's names as aliases ("Viet Nam",
    "Russian Federation"); the others are added under their common name ("Trinidad and
    Tobago").  Names written as "Korea, Republic of" or with brackets are left out.
    """
    origin = "ISO 3166 (pycountry)"
    for c in _iso("3166-1"):
        forms = [f.removeprefix("the ") for f in (c.get("common_name"), c["name"], c.get("official_name"))
                 if f and "," not in f and "(" not in f]
        if not forms:
            continue
        known = [k.canonical[name_key(f)] for f in forms if name_key(f) in k.countries]
        canonical = known[0] if known else forms[0]
        k.add(canonical, [f for f in forms if f != canonical], country=True, origin=origin)
    for s in _iso("3166-2"):
        if s["code"][:2] in _STATES_OF and "parent" not in s and "," not in s["name"] and "(" not in s["name"]:
            k.add(s["name"], origin=origin)


_STATES_OF = ("US", "CA", "AU")  # federations whose states news names on their own ("New Jersey")


def _iso(standard: str) -> list[dict]:
    """pycountry's JSON table of an ISO standard, read as data: its Python API builds an object per
    entry and imports importlib.metadata, ten times the cost (0.2 s) for a list of names."""
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("pycountry")
    folder = Path(spec.origin).parent / "databases"  # pycountry.DATABASE_DIR
    return json.loads((folder / f"iso{standard}.json").read_text(encoding="utf-8"))[standard]


def member_forms(party: str) -> list[str]:
    """What a party and its members are called, from its name: 'Conservative Party' -> Conservative,
    Conservatives; 'Democratic Party' -> Democratic, Democrat, Democrats; 'Tory Party' -> Tory, Tories."""
    words = party.split()
    if len(words) < 2 or words[-1].casefold() != "party":
        return []
    *base, last = words[:-1]
    forms = [" ".join(words[:-1])]
    if last.endswith("ic"):
        last = last[:-2]  # Democratic -> Democrat
        forms.append(" ".join([*base, last]))
    plural = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
    return forms + [" ".join([*base, plural])]
