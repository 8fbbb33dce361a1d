"""What in the output folder is the user's: kept by every build, never written, replaced or deleted.

Always kept: every dotfile and dot-folder at any depth (`.git`, `.nojekyll`, `.well-known/`,
`.DS_Store`), and the hosting files `CNAME`, `_headers` and `_redirects` at the top.  Also
kept: whatever the `keep` setting of site.toml lists, as glob patterns of paths inside the
output folder: `*` matches within one name, `?` one character, `[abc]` one of them, `**`
any number of folders (`downloads/**/*.pdf`); a pattern that matches a folder keeps
everything in it (`downloads`).  Patterns start at the top of the output folder:
`*.pdf` keeps the PDFs there, `**/*.pdf` every PDF.

site-gen itself never writes a dotfile, except its list of what it wrote (`RECORD`).
"""

from __future__ import annotations

import re
from pathlib import Path

RECORD = ".site-gen-files"  # the files site-gen wrote in this output folder (folder.py)
HOSTING = ("CNAME", "_headers", "_redirects")  # hosting services' settings files, at the top


def translate(pattern: str) -> str:
    """A keep pattern as a regular expression matching the paths it keeps (and what is in them)."""
    pattern = pattern.rstrip("/")
    out = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):  # zero or more folders
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (end := pattern.find("]", i + 2)) != -1:
            inside = pattern[i + 1:end]
            negate = inside[0] in "!^"
            inside = re.escape(inside[1:] if negate else inside).replace(r"\-", "-")
            out.append(f"[^/{inside}]" if negate else f"[{inside}]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "(?:" + "".join(out) + ")(?:/.*)?"  # a folder keeps what is in it


class Keep:
    """Which paths of the output folder are the user's (see the module docstring).

    `patterns`: the `keep` setting; `config_path`: the file it is set in, for messages.
    """

    def __init__(self, patterns=(), config_path: Path | None = None):
        self.patterns = tuple(patterns)
        self.config_path = config_path
        self._each = [(p, re.compile(translate(p))) for p in self.patterns]
        self._any = re.compile("|".join(f"(?:{r.pattern})" for _, r in self._each)) if self._each else None

    def covers(self, rel: str) -> bool:
        """True when the path (relative, POSIX) is the user's."""
        if rel[0] == "." or "/." in rel:
            return rel != RECORD
        return rel in HOSTING or (self._any is not None and self._any.fullmatch(rel) is not None)

    def source(self) -> tuple[str, int | None]:
        """(file, line) where the keep patterns are set, for an error about them."""
        if self.config_path is None:
            return "site.toml", None
        from site_gen.config import line_of_key

        return str(self.config_path), line_of_key(self.config_path, "keep")

    def reason(self, rel: str) -> str:
        """Why `rel` is kept, for messages: the pattern that keeps it, or the rule."""
        if rel[0] == "." or "/." in rel:
            return "dotfiles and dot-folders are always kept"
        if rel in HOSTING:
            return f"{rel} is always kept"
        for pattern, regex in self._each:
            if regex.fullmatch(rel):
                return f'keep pattern "{pattern}"'
        return "not kept"
