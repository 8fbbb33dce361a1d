"""One diagnostic type for everything the user must fix: it points at the source.

A `Diagnostic` names the file, the line (1-based, or None when the problem is
about the whole file), an optional column, the offending source line and a hint
saying what to do.  `ContentError` carries one or more diagnostics of severity
"error"; warnings travel beside the model and never raise.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        text = f"{where}: {self.severity}: {self.message}"
        if self.source_line is not None:
            text += f"\n    {self.source_line.strip()}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def __str__(self) -> str:
        return self.format()


def error(path, line, message, hint="", source_line=None, column=None) -> Diagnostic:
    return Diagnostic("error", str(path), line, message, hint, column, source_line)


def warning(path, line, message, hint="", source_line=None, column=None) -> Diagnostic:
    return Diagnostic("warning", str(path), line, message, hint, column, source_line)


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
