"""The output folder as it is before a build: what in it site-gen wrote, what is the user's.

site-gen knows what it wrote from two lists, either of which is enough:

- `RECORD` (`.site-gen-files`), inside the output folder: every file the last build wrote,
  and the folders it writes whole (`pagefind/`).  It travels with the folder: a fresh
  `git clone` of a deployment branch, or an output folder whose cache was deleted, still
  says which files are site-gen's.
- the cache's manifest (`.site-gen-cache/<out>/`, build/cache.py): the same paths, with
  each file's size and time, so that a file the user edited since can be told apart.

A file in neither list, and not kept (keep.py), is a stranger: a build never deletes or
overwrites it (see guard.py for what it does instead).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from site_gen.build.output.keep import RECORD, Keep

_HEADER = ("# site-gen: the files it wrote in this folder, and (ending in /) the folders it writes whole.\n"
           "# A build replaces or deletes only these; every other file here is left as it is.\n")


class OutputRefused(ValueError):
    """--out names a folder that must not be built into (it holds the content, the project...)."""


@dataclass
class Owned:
    """What site-gen wrote in the output folder, as the cache remembers it (the folder's own
    RECORD is read beside it, in `inventory`)."""

    files: set[str] = field(default_factory=set)
    whole: set[str] = field(default_factory=set)  # folders written whole (the search index)
    outputs: object = None  # the cache's Outputs (size and time of each file), when there is a cache
    changed: set[str] | None = None  # of `files`, those no longer as written (None: not looked at yet)

    def changed_on_disk(self, out_dir: Path) -> set[str]:
        if self.changed is None:
            self.changed = self.outputs.changed_on_disk(out_dir) if self.outputs is not None else set()
        return self.changed


@dataclass
class Claims:
    """What a build needs to know to leave the user's files alone."""

    keep: Keep
    owned: Owned
    display: str = "build"  # the output folder as the user named it, for messages
    strict: bool = False  # --strict: warnings about the output folder are errors too


@dataclass
class Inventory:
    """The output folder, walked once before the build goes live."""

    ours: list[str] = field(default_factory=list)  # files site-gen wrote (and the user did not keep)
    kept: list[str] = field(default_factory=list)  # the user's kept entries (a kept folder once, whole)
    foreign: list[str] = field(default_factory=list)  # files site-gen did not write and nobody kept
    empty: list[str] = field(default_factory=list)  # folders with nothing in them
    recorded: frozenset = frozenset()  # the lines of the folder's RECORD


def read_record(out_dir: Path) -> frozenset:
    """The paths (and `folder/` lines) the folder's RECORD lists; empty when there is none."""
    try:
        text = (out_dir / RECORD).read_bytes().decode("utf-8", "surrogateescape")
    except OSError:
        return frozenset()
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


def record_bytes(files: Iterable[str], whole: Iterable[str]) -> bytes:
    lines = sorted([*files, *(f"{folder}/" for folder in whole)])
    return (_HEADER + "".join(f"{line}\n" for line in lines)).encode("utf-8", "surrogateescape")


def inventory(out_dir: Path, claims: Claims) -> Inventory:
    """Sort every entry of the output folder: site-gen's, the user's kept ones, strangers.

    Kept folders (`.git`) are not entered: they are the user's whole."""
    found = Inventory()
    if not out_dir.is_dir():
        return found
    found.recorded = read_record(out_dir)
    files = claims.owned.files | {r for r in found.recorded if not r.endswith("/")}
    whole = claims.owned.whole | {r[:-1] for r in found.recorded if r.endswith("/")}
    covers = claims.keep.covers
    stack = [("", False)]
    while stack:
        prefix, inside_whole = stack.pop()
        try:
            entries = list(os.scandir(os.path.join(out_dir, prefix) if prefix else out_dir))
        except (FileNotFoundError, NotADirectoryError):
            continue
        if prefix and not entries:
            found.empty.append(prefix[:-1])
        for entry in entries:
            rel = prefix + entry.name
            if rel == RECORD:
                continue
            if covers(rel):
                found.kept.append(rel)
            elif entry.is_dir(follow_symlinks=False):
                stack.append((rel + "/", inside_whole or rel in whole))
            elif inside_whole or rel in files:
                found.ours.append(rel)
            else:
                found.foreign.append(rel)
    for listed in (found.ours, found.kept, found.foreign, found.empty):
        listed.sort()
    return found


def check_out_dir(out_dir: Path, content_dir: Path, keep: Iterable[Path] = (), kept: Keep | None = None) -> None:
    """Refuse an output folder that a build must not write into.

    It must not be, or hold, the content folder, the working folder or anything in `keep`
    (the settings file); it must not lie inside the content folder; and an existing folder
    must be empty but for the user's kept files (a fresh clone of a deployment branch holds
    only `.git` and `CNAME`), or look like a built site (site-gen's RECORD, or an index.html).
    Strangers inside a built site are the build's to find (guard.py): that needs a walk of
    the whole folder, which a build with nothing to do never makes.
    """
    out = out_dir.resolve()
    content = content_dir.resolve()
    for precious in (content, Path.cwd().resolve(), _home(), *(p.resolve() for p in keep)):
        if out == precious or out in precious.parents:
            raise OutputRefused(f"--out {out_dir}: refusing to replace a folder that holds {precious}")
    if content in out.parents:
        raise OutputRefused(f"--out {out_dir}: the output folder must not be inside the content folder")
    if out_dir.is_symlink() or not out.exists():
        return
    if not out.is_dir():
        raise OutputRefused(f"--out {out_dir}: exists and is not a folder")
    kept = kept or Keep()
    if (any(not kept.covers(name) for name in os.listdir(out))
            and not (out / RECORD).is_file() and not (out / "index.html").is_file()):
        raise OutputRefused(f"--out {out_dir}: this folder is not empty and does not look like a built site "
                            "(no index.html); refusing to replace it. Choose another --out or empty it")


def _home() -> Path:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError):
        return Path("/").resolve()
