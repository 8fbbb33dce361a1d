"""Finding dumps on disk and reading their bytes into text."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from site_gen.errors import ContentError, error

DUMP_SUFFIXES = (".txt", ".md")
_OTHER_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
               (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def find_dumps(content_dir: Path) -> list[Path]:
    """Every dump under `content_dir`, sorted by path so file-system order never matters.

    Hidden files and folders are skipped.  A symlink that leads outside the
    content folder is an error; symlinked folders are not descended into.  Only
    symlinks cost a stat: plain files and folders are told apart by the folder
    listing itself (os.scandir), which matters on thousands of dumps.
    """
    if not content_dir.is_dir():
        raise ContentError(error(content_dir, None, "content folder not found",
                                 "give the folder holding your dumps with --content DIR"))
    root = content_dir.resolve()
    entries: list[tuple[list[str], str]] = []  # (parts of the relative path, "dump" or "link")
    folders = [(str(content_dir), [])]
    while folders:
        folder, base = folders.pop()
        with os.scandir(folder) as listing:
            for item in listing:
                if item.name.startswith("."):
                    continue
                parts = base + [item.name]
                if item.is_symlink():
                    entries.append((parts, "link"))
                elif item.is_dir():
                    folders.append((item.path, parts))
                elif os.path.splitext(item.name)[1].lower() in DUMP_SUFFIXES and item.is_file():
                    entries.append((parts, "dump"))
    entries.sort()
    found: list[Path] = []
    problems = []
    for parts, kind in entries:
        path = content_dir.joinpath(*parts)
        if kind == "dump":
            found.append(path)
            continue
        if not _inside(path.resolve(), root):
            problems.append(error(path, None, "symlink points outside the content folder; refused",
                                  "copy the file into the content folder instead"))
            continue
        if os.path.splitext(parts[-1])[1].lower() not in DUMP_SUFFIXES:
            continue
        if not path.exists():
            problems.append(error(path, None, "symlink points to nothing", "remove it or fix its target"))
        elif path.is_file():
            found.append(path)
    if problems:
        raise ContentError(problems)
    return found


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def decode(data: bytes, name: str) -> str:
    """Bytes of a dump -> text.  UTF-8 (BOM optional); anything else is an error with its position."""
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            raise ContentError(error(name, 1, f"the file is {encoding} text, not UTF-8",
                                     f"save it as UTF-8 (e.g. iconv -f {encoding} -t utf-8)"))
    if b"\x00" in data[:8192]:
        raise ContentError(error(name, 1, "this looks like a binary file, not a text dump",
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
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(error(name or str(path), None, f"cannot read this file: {exc.strerror or exc}",
                                 "check that it exists and that you may read it")) from None
    return decode(data, name or str(path))
