"""One diagnostic type for everything the user must fix: it points at the source.

A `Diagnostic` names the file, the line (1-based, or None when the problem is
about the whole file), an optional column, the offending source line and a hint
saying what to do.  `ContentError` carries one or more diagnostics of severity
"error" (and, from the build, the warnings found beside them, so they are printed
together); warnings travel beside the model and never raise.

Line numbers: every error about the text of a dump names a line (line 1 when
the problem concerns the whole file: empty, binary, no date).  `line` is None
only for problems that are not about any text: a refused symlink, a missing
folder, two files claiming one page name, and warnings about the whole file
("no title given").  Those print as `file: error: ...`.

Messages are printed to a terminal, and they quote the dump: any control
character in them is shown escaped (\x1b), never sent as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """Text safe to print on a terminal: control characters as \\xNN escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "error" or "warning"
    path: str
    line: int | None
    message: str
    hint: str = ""
    column: int | None = None
    source_line: str | None = None

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{_printable(where)}: {self.severity}: {_lines(self.message)}"
        if self.source_line is not None:
            text += f"\n    {_printable(_shorten(self.source_line.strip()))}"
        if self.hint:
            text += f"\n    hint: {_lines(self.hint)}"
        return text

    def __str__(self) -> str:
        return self.format()


def _shorten(line: str, limit: int = 160) -> str:
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _lines(text: str) -> str:
    """Multi-line messages keep their line breaks; everything else is made printable."""
    return "\n".join(_printable(part) for part in text.split("\n"))


def error(path, line, message, hint="", source_line=None, column=None) -> Diagnostic:
    return Diagnostic("error", str(path), line, message, hint, column, source_line)


def warning(path, line, message, hint="", source_line=None, column=None) -> Diagnostic:
    return Diagnostic("warning", str(path), line, message, hint, column, source_line)


def as_error(d: Diagnostic) -> Diagnostic:
    """A warning promoted to an error (--strict)."""
    return Diagnostic("error", d.path, d.line, d.message, d.hint, d.column, d.source_line)


def crash(path, exc: Exception) -> Diagnostic:
    """A bug in site-gen met on one file: reported with the file (and where in site-gen), so the
    build can go on checking the others."""
    import traceback
    from pathlib import Path

    frame = traceback.extract_tb(exc.__traceback__)[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno}"
    return error(path, None, f"site-gen failed on this file ({type(exc).__name__}: {exc}, at {where})",
                 "this is a bug in site-gen: please report it with the file")


class ContentError(Exception):
    """Raised when input cannot be turned into a model; carries every error found."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do (build/pagefind.py raises it)."""


class OutputChanged(RuntimeError):
    """Writing failed after the output folder had started to change (the message says how it
    was left and what the next build does about it); any other OSError of a build leaves the
    output as it was."""
