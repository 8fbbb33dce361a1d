"""A blog's runs of capitalised words, read in the blog's language (scan.scan_blog calls this).

For each run (extract.SPAN_RE's (words, starts sentence, infrastructure noun)):

1. elisions are cut off its words ("L'AIEA" -> "AIEA", "L'Ucraina" -> "Ucraina");
2. words of the language before the name are dropped: in German every leading word of
   the language ("Die Bauarbeiten", "Außenministerin Annalena Baerbock"); elsewhere a
   sentence word at the start of a sentence ("À Mykolaïv", "Pour le Kremlin", "Dopo Kherson");
   the rest of the run no longer starts the sentence;
3. a run left with only words of the language is no name ("Affaires", "Jahr", "Millionen
   Euro"), unless it holds a known name;
4. the known names of the language in it are noted (`known`: the written form, the
   built-in name it stands for, its kind), for the site-wide merge.

Lower-case adjectives of countries ("troupes russes", "soldati ucraini", "ukrainische
Armee") are found in the text as names of their countries, as "Russian" is in English.
"""

from __future__ import annotations

from site_gen.model import PARAGRAPH, Entry
from site_gen.topics.extract import name_key
from site_gen.topics.languages.places import DEMONYM, builtin, places_of
from site_gen.topics.languages.words import words_of


class LanguagePass:
    """One blog's pass in its language; `known` gathers the names of the language it found."""

    def __init__(self, language: str):
        self.words = words_of(language)
        self.places = places_of(language)
        self.know = builtin()
        self.known: dict[str, tuple[str, str]] = {}  # written form -> (built-in name, kind)
        self._runs = _cache(language)

    def runs(self, runs: list) -> list:
        """The runs of one entry, cleaned (a run may go)."""
        out = []
        for run in runs:
            done = self._runs.get(run)
            if done is None:
                done = self._runs[run] = self._clean(run)
            cleaned, known = done
            out.extend(cleaned)
            for form, found in known:
                self.known.setdefault(form, found)
        return out

    def adjectives(self, entry: Entry) -> list[str]:
        """Lower-case adjectives and demonyms of countries in the entry ('ucraini', 'russes')."""
        pattern = self.places.adjectives
        if pattern is None:
            return []
        found = []
        for text in (entry.headline, *[b.text for b in entry.blocks if b.kind == PARAGRAPH]):
            for word in pattern.findall(text or ""):
                country = self.places.demonym(word)
                if country:
                    found.append(word)
                    self.known.setdefault(word, (country, DEMONYM))
        return found

    def _clean(self, run: tuple) -> tuple[list, list]:
        text, start, infra = run
        words = [self.words.unelided(w) for w in text.split()]
        changed = " ".join(words) != text
        lang = self.words
        i, n = 0, len(words)
        while i < n:
            if self._known_at(words, i)[0]:
                break
            w = words[i]
            if w[:1].islower():
                i += 1  # "Pour le Kremlin": the small word after a dropped one
                continue
            if lang.nouns_capitalised and lang.is_word(w):
                i += 1
                continue
            if (start or i) and i < n - 1 and lang.starts_sentence_before_name(w):
                i += 1
                continue
            break
        rest = words[i:]
        known: list = []
        names: list[tuple[int, int]] = []  # (start, end) of the known names in `rest`
        j = 0
        while j < len(rest):
            size, found = self._known_at(rest, j)
            if size:
                names.append((j, j + size))
                if found:
                    known.append((" ".join(rest[j:j + size]), found))
                j += size
            else:
                j += 1
        caps = [w for w in rest if not w[:1].islower()]
        if not caps or not names and all(lang.is_word(w) for w in caps):
            return [], known
        parts = _apart(rest, names)
        if len(parts) > 1:  # "Mosca la Russia": known names side by side, not one name
            return [(" ".join(p), start if not i and not k else "", infra if k == len(parts) - 1 else "")
                    for k, p in enumerate(parts)], known
        if not i and not changed:
            return [run], known
        return [(" ".join(rest), start if not i else "", infra)], known

    def _known_at(self, words: list[str], i: int) -> tuple[int, tuple | None]:
        """The length of the known name starting at words[i] (0: none), and what it stands for
        when it is a name of this language (None for a built-in name)."""
        if words[i][:1].islower():
            return 0, None
        names, canonical, cased = self.places.names, self.know.canonical, self.know.cased
        for j in range(min(len(words), i + 4), i, -1):
            if words[j - 1][:1].islower():
                continue
            written = " ".join(words[i:j])
            key = name_key(written)
            if key in names:
                return j - i, names[key]
            if key in canonical and (key in cased or written.replace(".", "").isupper()):
                return j - i, None  # "UN" is the United Nations; "Un" starts a French sentence
        country = self.places.demonym(words[i])
        if country:
            return 1, (country, DEMONYM)
        return 0, None


def _apart(words: list[str], names: list[tuple[int, int]]) -> list[list[str]]:
    """The run cut at its small words when a known name stands on one side of one
    ("Mosca la Russia" -> Mosca, Russia; "Marine Le Pen" stays whole)."""
    cuts = [k for k in range(1, len(words) - 1) if words[k][:1].islower() and not words[k - 1][:1].islower()
            and any(e == k or s == k + 1 for s, e in names)]
    if not cuts:
        return [words]
    parts, start = [], 0
    for k in cuts:
        parts.append(words[start:k])
        start = k + 1
        while start < len(words) and words[start][:1].islower():
            start += 1
    parts.append(words[start:])
    return [p for p in parts if p]


_CACHES: dict[str, dict] = {}


def _cache(language: str) -> dict:
    """Each distinct run's cleaning, per language, kept for every blog a worker scans."""
    return _CACHES.setdefault(language, {})
