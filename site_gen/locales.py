"""Language tags: BCP 47, checked against CLDR (Babel), as the settings and front matter use them.

    check_tag(text) -> "pt-BR"     a tag CLDR has data for, its case made canonical;
                                   ValueError saying what is wrong

Shared vocabulary, like timezones.py: the settings (config.py) and front matter
(read/frontmatter.py) both check their `language` with it.  Babel is imported on first use.
"""

from __future__ import annotations

import re
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
