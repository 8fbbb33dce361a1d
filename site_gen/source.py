"""Finding dumps on disk and reading their bytes into text."""

from __future__ import annotations

from pathlib import Path

from site_gen.errors import ContentError, error

DUMP_SUFFIXES = (".txt", ".md")


def find_dumps(content_dir: Path) -> list[Path]:
    """Every dump under `content_dir`, sorted by path so file-system order never matters.

    Hidden files and folders are skipped.  A symlink that leads outside the
    content folder is an error.
    """
    if not content_dir.is_dir():
        raise ContentError(error(content_dir, None, "content folder not found",
                                 "give the folder holding your dumps with --content DIR"))
    root = content_dir.resolve()
    found: list[Path] = []
    problems = []
    for path in sorted(content_dir.rglob("*")):
        rel = path.relative_to(content_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_symlink() and not _inside(path.resolve(), root):
            problems.append(error(path, None, "symlink points outside the content folder; refused",
                                  "copy the file into the content folder instead"))
            continue
        if path.suffix.lower() in DUMP_SUFFIXES and path.is_file():
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
