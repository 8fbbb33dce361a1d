"""A blog's language, decided when the dump is read: front matter, else detected, else the site's.

(A tag written in front matter is checked by site_gen.locales.check_tag, as the site's is.)

    decide(written, texts, default) -> (tag, source)
                                              source: "front matter", "detected" or "site"

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

from site_gen.locales import check_tag

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
