"""A blog's language, decided when the dump is read: front matter, else detected, else the site's.

    check_tag(text) -> "pt-BR"               a BCP 47 tag CLDR knows (Babel), case made canonical;
                                              ValueError saying what is wrong
    decide(written, texts, default) -> (tag, source)
                                              source: "front matter", "detected" or "site"

Detection reads the blog's own words (lede, headlines, paragraphs) with py3langid, a
naive Bayes identifier over byte n-grams for 97 languages: offline, deterministic (the
same text gives the same answer), its model shipped in the package.  A guess counts only
when the text is long enough and the identifier is sure (DETECT_MIN_LETTERS,
DETECT_CONFIDENCE) and CLDR knows the language; otherwise the site's language stands.

Babel and the identifier are imported on first use, never by a build with nothing to
do; the identifier's model is loaded once per process (about 0.7 s: an LZMA-packed
array of 68 MB), and only when a blog without `language:` in its front matter is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

FRONT_MATTER, DETECTED, SITE = "front matter", "detected", "site"
DETECT_SAMPLE = 4000  # characters of a blog's text the identifier reads (its first entries suffice)
DETECT_MIN_LETTERS = 60  # fewer letters than this and the site's language stands
DETECT_CONFIDENCE = 0.9  # the identifier's probability (over all its languages) a guess needs

_SYNTAX = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=256)
def check_tag(text: str) -> str:
    """`text` as a canonical language tag ("pt-br" -> "pt-BR"), if CLDR knows the language.

    Raises ValueError with the reason: not a tag at all, or a language or region
    CLDR has no data for (so no dates could be written in it)."""
    tag = text.strip()
    if not _SYNTAX.match(tag):
        raise ValueError(f"'{text}' is not a language tag; write e.g. en, fr or pt-BR")
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"'{text}' is not a language CLDR knows; write a code such as en, fr, de, "
                         "ar or pt-BR (ISO 639 language, optional region)") from None
    language = tag.replace("_", "-").split("-")[0].lower()
    if locale.language != language:  # "und" (undetermined) reads as en-US, "iw" as he-IL
        raise ValueError(f"'{text}' is not the code of one language (CLDR reads it as "
                         f"'{locale.language}'); write '{locale.language}' if that is what you mean")
    return _canonical(tag)


def _canonical(tag: str) -> str:
    """BCP 47 case: language lower, script title, region upper ("zh-hant-tw" -> "zh-Hant-TW")."""
    parts = tag.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def decide(written: str | None, texts: Iterable[str], default: str) -> tuple[str, str]:
    """(tag, where it came from): `written` (front matter, already checked) wins; else the
    language the blog's `texts` are written in, when the identifier is sure; else `default`."""
    if written:
        return written, FRONT_MATTER
    detected = detect(texts)
    return (detected, DETECTED) if detected else (default, SITE)


def detect(texts: Iterable[str]) -> str | None:
    """The language of `texts` (read up to DETECT_SAMPLE characters), or None when unsure."""
    sample, size = [], 0
    for text in texts:
        sample.append(text)
        size += len(text) + 1
        if size >= DETECT_SAMPLE:
            break
    text = "\n".join(sample)[:DETECT_SAMPLE]
    if len(_LETTER.findall(text)) < DETECT_MIN_LETTERS:
        return None
    code, probability = _identifier().classify(text)
    if float(probability) < DETECT_CONFIDENCE:
        return None
    try:
        return check_tag(code)
    except ValueError:  # a language CLDR has no data for: the site's language stands
        return None


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def blog_words(title: str | None, lede, entries) -> Iterable[str]:
    """What detection reads of a blog, in the order of the page: the front matter's title (a
    title guessed from the file name says nothing), the lede, then each entry's headline and
    paragraphs.  (Lazily: detection stops reading at DETECT_SAMPLE characters.)"""
    if title:
        yield title
    for block in lede:
        yield block.text
    for entry in entries:
        if entry.headline:
            yield entry.headline
        for block in entry.blocks:
            yield block.text
