"""Which capitalised words of a blog's language are words of the language, not names.

A capital says little in German, which capitalises every noun, and little at the start of a
sentence in any language.  So a capitalised word is taken for a word of the language when
the language's lexicon and word frequencies say so:

- its months and weekdays (CLDR, through Babel);
- in a language that capitalises only names (French, Italian, ...): simplemma's lexicon
  knows it and its lemma is written in lower case ("Affaires" -> affaire, "Un" -> un; but
  "Paris" -> Paris), or it is very frequent in the language and rare in English ("Au",
  "Plusieurs": wordfreq);
- in a language that capitalises nouns (German): the lexicon knows it and it is far more
  frequent in the language than in English ("Jahr", "Gebühren"; a name is written in
  English text too: "Scholz", "Putin"), or English's lexicon has it as a common noun
  ("Euro"), or it is a compound of two words of the language ("Daten|raum").

Elisions are cut off a word ("L'AIEA" -> "AIEA", "Dall'Ucraina" -> "Ucraina") when the part
before the apostrophe is a word of the language as wordfreq counts them ("l'", "dell'").
"""

from __future__ import annotations

import re
from functools import lru_cache

# Languages whose orthography capitalises every noun (a capital there does not mark a name).
NOUNS_CAPITALISED = frozenset({"de", "lb"})

_COMMON = 2.0  # zipf points more frequent in the language than in English: a word of the language
_FREQUENT = 5.0  # zipf frequency of a word so frequent that the lexicon need not know it
_SENTENCE_WORD = 5.5  # zipf frequency of a word that starts a sentence before a name ("Selon Kiev")
_COMPOUND_PART = 3.0  # zipf frequency of each part of a compound noun
_ELISION = re.compile(r"^([^\W\d_]{1,5})['’](?=[^\W\d_])")


def base(language: str) -> str:
    """'de-CH' -> 'de'."""
    return language.replace("_", "-").split("-")[0].casefold()


class Words:
    """The words of one language, asked about one capitalised word at a time (answers kept)."""

    def __init__(self, language: str):
        self.lang = base(language)
        self.nouns_capitalised = self.lang in NOUNS_CAPITALISED
        self.lexicon = self.lang in _simplemma_languages()
        self.frequencies = self.lang in _wordfreq_languages()
        self.dates = _date_words(self.lang)
        self._word: dict[str, bool] = {}

    def zipf(self, word: str, lang: str | None = None) -> float:
        from wordfreq import zipf_frequency

        lang = lang or self.lang
        if lang != "en" and not self.frequencies:
            return 0.0
        return zipf_frequency(word, lang)

    def known(self, word: str) -> bool:
        import simplemma

        return self.lexicon and simplemma.is_known(word, lang=self.lang)

    def lemma(self, word: str) -> str:
        import simplemma

        return simplemma.lemmatize(word, lang=self.lang) if self.lexicon else word

    def is_word(self, word: str) -> bool:
        """Whether a capitalised word is a word of the language rather than (part of) a name."""
        answer = self._word.get(word)
        if answer is None:
            answer = self._word[word] = self._is_word(word)
        return answer

    def _is_word(self, word: str) -> bool:
        low = word.casefold()
        if low in self.dates:
            return True
        if word.isupper() and len(word) > 1 or any(c.isdigit() for c in word):
            return False  # an acronym or a name with digits
        here, english = self.zipf(low), self.zipf(low, "en")
        known = self.known(word)
        if not known:
            if here >= _FREQUENT and here - english >= _COMMON:
                return True
            return self.nouns_capitalised and self._compound(word)
        if self.nouns_capitalised:
            return here - english >= _COMMON or _english_common(word)
        return self.lemma(word)[:1].islower()

    def starts_sentence_before_name(self, word: str) -> bool:
        """'À', 'Pour', 'Selon', 'Dopo' before a name at the start of a sentence (not 'Pierre', 'Marine')."""
        return self.is_word(word) and self.zipf(word.casefold()) >= _SENTENCE_WORD

    def _compound(self, word: str) -> bool:
        """'Datenraum', 'Außenministerin': two words of the language written as one (German)."""
        if len(word) < 8 or self.zipf(word.casefold(), "en") >= 1.0:
            return False
        for i in range(3, len(word) - 3):
            tail = word[i].upper() + word[i + 1:]
            if not self.known(tail) or self.zipf(tail.casefold()) < _COMPOUND_PART:
                continue
            head = word[:i].casefold()
            for h in (head, head.removesuffix("s"), head.removesuffix("n"), head.removesuffix("en")):
                if len(h) >= 3 and self.zipf(h) >= _COMPOUND_PART:
                    return True
        return False

    def unelided(self, word: str) -> str:
        """'L'AIEA' -> 'AIEA', 'Dall'Ucraina' -> 'Ucraina'; other words as they are ('O'Brien')."""
        m = _ELISION.match(word)
        if m and self.zipf(m.group(1).casefold() + "'") >= 4.0:
            return word[m.end():]
        return word


@lru_cache(maxsize=None)
def words_of(language: str) -> Words:
    return Words(language)


def _english_common(word: str) -> bool:
    """English's lexicon writes it in lower case: a common noun there too ('Euro', 'Bank')."""
    import simplemma

    return simplemma.is_known(word, lang="en") and simplemma.lemmatize(word, lang="en")[:1].islower()


@lru_cache(maxsize=None)
def _date_words(lang: str) -> frozenset[str]:
    """The language's months and weekdays, wide and abbreviated (CLDR)."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return frozenset()
    found = set()
    for table in (locale.months, locale.days):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for name in table.get(context, {}).get(width, {}).values():
                    found.add(name.casefold().rstrip("."))
    return frozenset(found)


@lru_cache(maxsize=1)
def _simplemma_languages() -> frozenset[str]:
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return frozenset(SUPPORTED_LANGUAGES)


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())
