"""Small pure helpers over plain text: slugs and sentences."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def ascii_fold(text: str) -> str:
    """'Zaporizhzhia’s Café' -> "Zaporizhzhias Cafe": drops accents and apostrophes."""
    if text.isascii():  # most headlines: nothing to normalise
        return text.replace("'", "")
    text = text.replace("’", "").replace("'", "").replace("‘", "")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slugify(text: str, max_words: int = 6, max_len: int = 48) -> str:
    """Lower-case ASCII words joined by '-', cut at a word boundary."""
    words = [w for w in _NON_ALNUM.split(ascii_fold(text).lower()) if w]
    out: list[str] = []
    for word in words[:max_words]:
        if out and len("-".join(out + [word])) > max_len:
            break
        out.append(word[:max_len])
    return "-".join(out)


def first_sentence(text: str, limit: int = 110) -> str:
    """The first sentence of a paragraph, trimmed to `limit` characters at a word."""
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–—- ")
    return cut + "…"
