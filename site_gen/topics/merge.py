"""Merging the names found into topics: aliases, one display name, a stable slug.

Written forms are compared by `name_key` (case, accents, hyphens ignored, so
"Hawk" and "HAWK" are one).  On top of that, in order of authority:

1. curated names and aliases (topics.toml), then the gazetteer: demonyms and
   short forms ("Russian", "Russia's" -> Russia; "Amnesty" -> Amnesty International;
   "Tories" -> Conservative Party), and a known party's members ("Republicans");
2. acronym definitions found in the text ("High Mobility Artillery Rocket
   Systems, known as HIMARS");
3. plurals of a known name ("Starlinks" -> Starlink, "Tories" -> Tory), and a
   name's singular to its plural ("Liberal Democrat" -> Liberal Democrats);
4. generic words around a known name ("Dnipro River", "River Dnipro" -> Dnipro;
   "Avenger Air Defense Systems" -> Avenger; "Storm Orla" also answers to "Orla");
5. organisation short forms ("Meridian" -> Meridian Research, when only one
   such name starts with it), and a party's members ("Greens" -> Green Party);
6. clipped plurals ("Lib Dems" -> Liberal Democrats, "Dems" -> Democrats), when the
   site has only one name they clip;
7. surnames, per blog ("Reznikov" -> Oleksii Reznikov): done by index.py,
   because the same surname may belong to different people in different blogs.

Each merge is decided from the site's written forms and the gazetteer alone, and says
which rule made it (`Aliases.why`), for `site-gen topics --explain`.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from site_gen.topics import known as K
from site_gen.text import slugify
from site_gen.topics.extract import name_key
from site_gen.topics.gazetteer import Knowledge, member_forms
from site_gen.topics.names import person_like

_STRIPPABLE = K.GENERIC - K.ORG_HEADS - K.PLACE_HEADS - K.GEO_HEADS
_CLIPPED_OFF = 3  # letters a clipped word leaves off at least ("Dem|ocrats", "Lib|eral")


class Aliases:
    """Maps the key of every written form to the key of its topic."""

    def __init__(self, names: Counter, know: Knowledge, definitions: Counter):
        self.know = know
        self.forms: dict[str, Counter] = {}  # key -> written form -> entries
        for name, count in names.items():
            self.forms.setdefault(name_key(name), Counter())[name] += count
        self.target: dict[str, str] = {}
        self.why: dict[str, str] = {}  # key -> the rule that merged it into its target, in words
        self._resolved: dict[str, str] = {}
        self._gazetteer()
        self._acronyms(definitions)
        self._plurals_and_generic_words()
        self._short_forms()
        self._party_members()
        self._clipped()

    def _merge(self, key: str, into: str, why: str) -> None:
        self.target[key] = into
        self.why[key] = why

    def _gazetteer(self):
        for key in self.forms:
            if key in self.know.canonical:
                origin = self.know.origin.get(key) or "the built-in names"
                self._merge(key, name_key(self.know.canonical[key]), f"a name of {self.know.canonical[key]} in {origin}")

    def _acronyms(self, definitions: Counter):
        best: dict[str, tuple[int, str]] = {}
        for (acronym, long_form), count in sorted(definitions.items()):
            akey = name_key(acronym)
            if akey not in best or count > best[akey][0]:
                best[akey] = (count, long_form)
        for akey, (_, long_form) in sorted(best.items()):
            lkey = name_key(long_form)
            why = f"defined in the text: '{long_form}' is abbreviated '{akey.upper()}'"
            if akey in self.know.canonical:
                if lkey not in self.target:
                    self._merge(lkey, name_key(self.know.canonical[akey]), why)
            elif lkey in self.know.canonical:
                if akey not in self.target:
                    self._merge(akey, name_key(self.know.canonical[lkey]), why)
            elif akey not in self.target:
                self._merge(akey, lkey, why)

    def _plurals_and_generic_words(self):
        for key in sorted(self.forms):
            if key in self.target:
                continue
            words = key.split()
            if len(words) == 1:
                if len(key) > 3 and key.endswith("s") and key[:-1] in self.forms:
                    self._merge(key, key[:-1], "the plural of a name")
                elif len(key) > 4 and key.endswith("ies") and key[:-3] + "y" in self.forms:
                    self._merge(key, key[:-3] + "y", "the plural of a name")
                continue
            if key + "s" in self.forms and key + "s" not in self.target and not key.endswith("s"):
                self._merge(key, key + "s", "the singular of a name written in the plural")
                continue
            if any(w[:1].islower() for w in self._written_words(key)):
                continue  # "Zaporizhzhia nuclear plant" is its own thing
            core = list(words)
            while len(core) > 1 and core[-1] in _STRIPPABLE:
                core.pop()
            lead = 0
            while lead < len(core) - 1 and core[lead] in _STRIPPABLE:
                lead += 1
            core = core[lead:]
            core_key = " ".join(core)
            if core_key == key or not core:
                continue
            if core_key in self.forms or core_key in self.know.canonical:
                self._merge(key, core_key, "a name with generic words around it")
            elif lead and core_key not in self.target:
                self._merge(core_key, key, "a name without the generic word before it")  # "Orla" -> "Storm Orla"

    def _written_words(self, key: str) -> list[str]:
        form = self.forms[key].most_common(1)[0][0]
        return form.split()

    def _short_forms(self):
        longer: dict[str, list[str]] = {}
        for key in self.forms:
            words = key.split()
            if len(words) > 1 and all(w in K.ORG_HEADS for w in words[1:]):
                longer.setdefault(words[0], []).append(key)
        for first, keys in sorted(longer.items()):
            if first in self.forms and first not in self.target and len(keys) == 1:
                self._merge(first, keys[0], "the first word of the only organisation's name it starts")

    def _party_members(self):
        """'Conservatives', 'Greens' -> the party the site names after them ('Conservative Party')."""
        parties: dict[str, set] = {}
        for key in self.forms:
            if key.endswith(" party") and key not in self.target:
                for member in member_forms(key):
                    if member in self.forms and member not in self.target and member != key.split()[0]:
                        parties.setdefault(member, set()).add(key)
        for member, keys in sorted(parties.items()):
            if len(keys) == 1:
                self._merge(member, next(iter(keys)), "what the members of the party are called")

    def _clipped(self):
        """'Lib Dems' -> 'Liberal Democrats', 'Dems' -> 'Democrats': each word the start of the other's word,
    both plurals (a name of people, a party or a team: a clipped singular is too often another name)."""
        by_start: dict[tuple, list[str]] = {}
        for key in list(self.forms) + sorted(self.know.canonical):
            words = key.split()
            if all(len(w) >= 3 for w in words):
                by_start.setdefault(tuple(w[:3] for w in words), []).append(key)
        for key in sorted(self.forms):
            words = key.split()
            if key in self.target or key in self.know.canonical or not all(len(w) >= 3 for w in words):
                continue
            if not key.endswith("s"):
                continue  # "Ben" is not "Benin", "Anna Berg" not "Annalena Berg": a clipping is a plural ("Dems")
            clips = [other for other in by_start.get(tuple(w[:3] for w in words), ())
                     if other != key and _clips(words, other.split())]
            clips = [c for c in clips if c.endswith("s")]  # "Dems": Democrats, not Democratic
            found = {self.resolve(other) for other in clips}
            if len(found) == 1:
                into = found.pop()
                self._merge(key, into, "a clipped form: each word starts the same word of "
                                       f"'{self.know.canonical.get(into) or into}'")
                self._resolved.clear()

    def resolve(self, key: str) -> str:
        """The topic key of a written form's key."""
        done = self._resolved.get(key)
        if done is not None:
            return done
        seen = [key]
        if key not in self.target and key in self.know.canonical:
            key = name_key(self.know.canonical[key])
            seen.append(key)
        while key in self.target and self.target[key] not in seen and len(seen) < 10:
            key = self.target[key]
            seen.append(key)
        self._resolved[seen[0]] = key
        return key

    def known(self, key: str) -> bool:
        return key in self.forms or key in self.target or key in self.know.canonical


def _clips(short: list[str], long: list[str]) -> bool:
    """Whether each short word is the start of the long word in its place, the last one clipped
    ("Lib Dems", "San Fran"; not "Ben Wallace" for "Benjamin Wallace": maybe another person)."""
    if len(short) != len(long) or short[-1].removesuffix("s") == long[-1].removesuffix("s"):
        return False
    clipped = False
    for s, w in zip(short, long):
        s, w = s.removesuffix("s"), w.removesuffix("s")
        if s == w:
            continue
        if not w.startswith(s) or len(w) - len(s) < _CLIPPED_OFF:
            return False
        clipped = True
    return clipped


def display_name(key: str, forms: Counter, know: Knowledge) -> str:
    """The canonical name: curated or gazetteer name; else the form the others were merged into
    ("Dnipro" for "Dnipro River", "Liberal Democrats" for "Lib Dems"); else a person's full
    name; else the commonest form."""
    if key in know.canonical:
        return know.canonical[key]
    pool = Counter({f: n for f, n in forms.items() if name_key(f) == key})
    if not pool:
        people = {f: n for f, n in forms.items() if person_like(tuple(f.split()), know)}
        pool = Counter(people or forms)
        if people:
            return min(pool, key=lambda f: (-pool[f], -len(f), f))
    return min(pool, key=lambda f: (-pool[f], f.isupper(), len(f), f))


def is_person(name: str, know: Knowledge) -> bool:
    return person_like(tuple(name.split()), know)


def assign_slugs(names: dict[str, str], fixed: dict[str, str]) -> dict[str, str]:
    """key -> slug, unique and stable: fixed (curated) slugs first, then by name, then key."""
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for key, slug in sorted(fixed.items()):
        slugs[key] = slug
        used.add(slug)
    for key in sorted((k for k in names if k not in slugs), key=lambda k: (name_key(names[k]), k)):
        base = slugify(names[key], max_words=8, max_len=60) or "topic-" + hashlib.sha1(key.encode()).hexdigest()[:8]
        if base == "index":
            base = "index-topic"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        slugs[key] = slug
    return slugs
