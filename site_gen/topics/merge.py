"""Merging the names found into topics: aliases, one display name, a stable slug.

Written forms are compared by `name_key` (case, accents, hyphens ignored, so
"Hawk" and "HAWK" are one).  On top of that, in order of authority:

1. curated names and aliases (topics.toml), then the gazetteer: demonyms and
   short forms ("Russian", "Russia's" -> Russia; "Amnesty" -> Amnesty International);
2. acronym definitions found in the text ("High Mobility Artillery Rocket
   Systems, known as HIMARS");
3. plurals of a known name ("Starlinks" -> Starlink);
4. generic words around a known name ("Dnipro River", "River Dnipro" -> Dnipro;
   "Avenger Air Defense Systems" -> Avenger; "Storm Orla" also answers to "Orla");
5. organisation short forms ("Meridian" -> Meridian Research, when only one
   such name starts with it);
6. surnames, per blog ("Reznikov" -> Oleksii Reznikov): done by index.py,
   because the same surname may belong to different people in different blogs.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from site_gen.topics import known as K
from site_gen.text import slugify
from site_gen.topics.extract import name_key
from site_gen.topics.names import Knowledge, person_like

_STRIPPABLE = K.GENERIC - K.ORG_HEADS - K.PLACE_HEADS - K.GEO_HEADS


class Aliases:
    """Maps the key of every written form to the key of its topic."""

    def __init__(self, names: Counter, know: Knowledge, definitions: Counter):
        self.know = know
        self.forms: dict[str, Counter] = {}  # key -> written form -> entries
        for name, count in names.items():
            self.forms.setdefault(name_key(name), Counter())[name] += count
        self.target: dict[str, str] = {}
        self._gazetteer()
        self._acronyms(definitions)
        self._plurals_and_generic_words()
        self._short_forms()
        self._resolved: dict[str, str] = {}

    def _gazetteer(self):
        for key in self.forms:
            if key in self.know.canonical:
                self.target[key] = name_key(self.know.canonical[key])

    def _acronyms(self, definitions: Counter):
        best: dict[str, tuple[int, str]] = {}
        for (acronym, long_form), count in sorted(definitions.items()):
            akey = name_key(acronym)
            if akey not in best or count > best[akey][0]:
                best[akey] = (count, long_form)
        for akey, (_, long_form) in sorted(best.items()):
            lkey = name_key(long_form)
            if akey in self.know.canonical:
                self.target.setdefault(lkey, name_key(self.know.canonical[akey]))
            elif lkey in self.know.canonical:
                self.target.setdefault(akey, name_key(self.know.canonical[lkey]))
            else:
                self.target.setdefault(akey, lkey)

    def _plurals_and_generic_words(self):
        for key in sorted(self.forms):
            if key in self.target:
                continue
            words = key.split()
            if len(words) == 1:
                if key.endswith("s") and key[:-1] in self.forms and len(key) > 3:
                    self.target[key] = key[:-1]
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
                self.target[key] = core_key
            elif lead and core_key not in self.target:
                self.target[core_key] = key  # "Orla" answers to "Storm Orla"

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
                self.target[first] = keys[0]

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


def display_name(key: str, forms: Counter, know: Knowledge) -> str:
    """The canonical name: curated or gazetteer name; else a person's full name; else the topic's own form."""
    if key in know.canonical:
        return know.canonical[key]
    people = [f for f in forms if person_like(tuple(f.split()), know)]
    pool = Counter({f: forms[f] for f in people}) if people else forms
    if people:
        return min(pool, key=lambda f: (-pool[f], -len(f), f))
    # The form the others were merged into ("Dnipro" for "Dnipro River"), then the commonest.
    return min(pool, key=lambda f: (name_key(f) != key, -pool[f], f.isupper(), len(f), f))


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
