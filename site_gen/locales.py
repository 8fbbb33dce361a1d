"""Languages: BCP 47 tags checked against CLDR, and a blog's language decided when it is read.

    check_tag(text) -> "pt-BR"     a tag CLDR has data for, its case made canonical;
                                   ValueError saying what is wrong
    decide(written, texts, default) -> (tag, source)
                                   a blog's language: `written` (front matter) wins, else the
                                   one its text is in (detect), else `default` (the site's);
                                   source: "front matter", "detected" or "site"
    blog_words(title, lede, entries)   what detection reads of a blog

Shared vocabulary, like timezones.py: the settings (config.py) check their `language`
with it, the reader (read/frontmatter.py, read/parse.py) a blog's.

Detection reads the blog's own words (front-matter title, lede, headlines, paragraphs)
with CLD2, Chromium's compact language detector (pycld2): its tables are compiled into the
extension, so it is offline, deterministic (the same text gives the same answer), loads in
milliseconds with a few MB of memory, and reads 4,000 characters in half a millisecond.
A guess counts only when the text has DETECT_MIN_LETTERS letters, CLD2 calls it reliable,
the language covers DETECT_SHARE percent of the text, and CLDR knows the language
(CLD2's older codes are read as CLDR reads them: iw -> he); otherwise the site's language
stands.  Babel and pycld2 are imported on first use, never by a build with nothing to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_SYNTAX = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


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


FRONT_MATTER, DETECTED, SITE = "front matter", "detected", "site"
DETECT_SAMPLE = 4000  # characters of a blog's text the detector reads (its first entries suffice)
DETECT_MIN_LETTERS = 60  # fewer letters than this and the site's language stands
DETECT_SHARE = 60  # percent of the text the detected language must cover (a blog quoting another language)

_LETTER = re.compile(r"[^\W\d_]")


def decide(written: str | None, texts: Iterable[str], default: str) -> tuple[str, str]:
    """(tag, where it came from): `written` (front matter, already checked) wins; else the
    language the blog's `texts` are written in, when the detector is sure; else `default`."""
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
    import pycld2

    try:
        reliable, _, found = pycld2.detect(text)
    except (pycld2.error, UnicodeError):  # text CLD2 cannot read: say nothing rather than guess
        return None
    _, code, share, _ = found[0]
    if not reliable or share < DETECT_SHARE or code in ("un", "xxx"):
        return None
    return _cldr_tag(code)


def _cldr_tag(code: str) -> str | None:
    """CLD2's code as CLDR writes it ("iw" -> "he", "zh-Hant" stays), or None when CLDR has no data."""
    from babel import Locale, UnknownLocaleError

    try:
        language = Locale.parse(code.replace("-", "_")).language
    except (UnknownLocaleError, ValueError):
        return None
    try:
        return check_tag("-".join([language, *code.split("-")[1:]]))
    except ValueError:
        return None


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
