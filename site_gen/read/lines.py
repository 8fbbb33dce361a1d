"""Text of a dump -> numbered lines, as an editor shows them.  Pure: no file system.

Line endings are LF, CRLF or CR (nothing else: `str.splitlines` would also break
at form feeds, U+2028 and other separators, and the line numbers in messages
would then disagree with the user's editor).  A leading byte-order mark is
dropped.

Characters that must never reach a page or a feed are removed, each with a
warning naming its line and column: C0 and C1 control characters other than
tab, DEL, lone surrogates and the Unicode non-characters.  HTML forbids them,
XML 1.0 cannot carry them, and terminals obey them.  Vertical tab, form feed
and NEL become a space (they separate words); the others are simply dropped.
"""

from __future__ import annotations

import re

from site_gen.errors import Diagnostic, warning

_NEWLINE = re.compile(r"\r\n|\r|\n")
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)
_AS_SPACE = {"\x0b", "\x0c", "\x85"}


def split_lines(text: str) -> list[str]:
    """Text -> lines without their endings; a final line ending adds no empty line."""
    text = text.removeprefix("\ufeff")
    if not text:
        return []
    lines = _NEWLINE.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def forbidden_characters(text: str) -> list[str]:
    """The forbidden characters in `text`, as 'U+001B', sorted; [] when none."""
    return sorted({f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(text)})


def clean_lines(lines: list[str], path: str) -> tuple[list[str], list[Diagnostic]]:
    """Remove forbidden characters; one warning per line that had any."""
    out: list[str] = []
    warnings: list[Diagnostic] = []
    for number, line in enumerate(lines, 1):
        first = _FORBIDDEN.search(line)
        if first is None:
            out.append(line)
            continue
        found = forbidden_characters(line)
        out.append(_FORBIDDEN.sub(lambda m: " " if m.group() in _AS_SPACE else "", line))
        warnings.append(warning(
            path, number, f"control character{'s' if len(found) > 1 else ''} {', '.join(found)} removed",
            "save the file as plain UTF-8 text", column=first.start() + 1))
    return out, warnings
