"""Finding dumps on disk and reading their bytes into text."""

from __future__ import annotations

import os
from pathlib import Path

from site_gen.errors import ContentError, error

DUMP_SUFFIXES = (".txt", ".md")


def find_dumps(content_dir: Path) -> list[Path]:
    """Every dump under `content_dir`, sorted by path so file-system order never matters.

    Hidden files and folders are skipped.  A symlink that leads outside the
    content folder is an error.  (os.walk, not Path.rglob: ten times faster on
    thousands of dumps.)
    """
    if not content_dir.is_dir():
        raise ContentError(error(content_dir, None, "content folder not found",
                                 "give the folder holding your dumps with --content DIR"))
    root = content_dir.resolve()
    entries: list[tuple[list[str], bool]] = []  # (parts of the relative path, is a file name)
    for folder, dirs, files in os.walk(content_dir):
        rel = os.path.relpath(folder, content_dir)
        base = [] if rel == "." else rel.split(os.sep)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        entries += [(base + [d], False) for d in dirs if os.path.islink(os.path.join(folder, d))]
        entries += [(base + [f], True) for f in files if not f.startswith(".")]
    entries.sort()
    found: list[Path] = []
    problems = []
    for parts, is_file_name in entries:
        path = content_dir.joinpath(*parts)
        if os.path.islink(path) and not _inside(path.resolve(), root):
            problems.append(error(path, None, "symlink points outside the content folder; refused",
                                  "copy the file into the content folder instead"))
            continue
        if is_file_name and os.path.splitext(parts[-1])[1].lower() in DUMP_SUFFIXES and path.is_file():
            found.append(path)
    if problems:
        raise ContentError(problems)
    return found


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def decode(data: bytes, name: str) -> str:
    """Bytes of a dump -> text.  UTF-8 (BOM optional); anything else is an error with its position."""
    if b"\x00" in data[:8192]:
        raise ContentError(error(name, None, "this looks like a binary file, not a text dump",
                                 "remove it from the content folder"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ContentError(error(
            name, line, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at byte position {exc.start} cannot be decoded",
            "save the file as UTF-8 (e.g. iconv -f windows-1252 -t utf-8)")) from None
    return text


def read_dump(path: Path, name: str | None = None) -> str:
    return decode(path.read_bytes(), name or str(path))
