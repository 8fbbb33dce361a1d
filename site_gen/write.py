"""The only code that writes the site: inside the output folder, each file once, all or nothing.

Two ways to produce a build, both all-or-nothing with respect to errors:

- ``staged_output(out)``: every file is written into a fresh folder beside ``out``,
  which replaces ``out`` only when the whole build succeeded (a full build).
- ``patched_output(out)``: only files whose bytes differ from the live ones are
  written, into a scratch folder beside ``out``; when the whole build succeeded they
  are moved into ``out`` (one rename each), and files the build no longer makes are
  removed, so ``out`` ends up byte for byte what a full build would have written.
  Unchanged files are not touched at all (same inode, same modification time).
  A build that fails, on content errors or anything else, leaves ``out`` as it was.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    pass


class Writer:
    """Writes files below `root`; refuses paths that leave it and a second write to one path.

    With `live` (the current output folder), a file whose bytes equal the live file's is
    not written but counted as kept; `keep(path)` declares a live file carried over from
    the last build without rendering it.
    """

    def __init__(self, root: Path, live: Path | None = None):
        self.root = root.resolve()
        self.live = live
        self.changed: set[str] = set()
        self.kept: set[str] = set()
        self._dirs: set[Path] = set()  # folders created (and checked) already
        self._safe_dirs: set[Path] = set()  # folders whose real path is inside root

    @property
    def written(self) -> set[str]:
        """Every path this build produces (written or kept)."""
        return self.changed | self.kept

    def write(self, rel_path: str, data: str | bytes) -> Path:
        target = self._target(rel_path)
        self._claim(rel_path)
        data = data.encode("utf-8") if isinstance(data, str) else data
        if self.live is not None and _same_bytes(self.live / rel_path, data):
            self.kept.add(rel_path)
            return self.live / rel_path
        self.changed.add(rel_path)
        if target.parent not in self._dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(target.parent)
        target.write_bytes(data)
        return target

    def keep(self, rel_path: str) -> None:
        self._target(rel_path, check_links=False)  # nothing is written: the name is all to check
        self._claim(rel_path)
        self.kept.add(rel_path)

    def adopt(self, rel_path: str, changed: bool) -> None:
        """Count a file that a worker process wrote (changed) or found unchanged into this build."""
        self._claim(rel_path)
        (self.changed if changed else self.kept).add(rel_path)

    def _claim(self, rel_path: str) -> None:
        if rel_path in self.changed or rel_path in self.kept:
            raise UnsafePath(f"{rel_path} written twice in one build")

    def _target(self, rel_path: str, check_links: bool = True) -> Path:
        pure = PurePosixPath(rel_path)
        if pure.is_absolute() or not pure.parts or any(p in ("..", ".", "") for p in pure.parts) or "\\" in rel_path:
            raise UnsafePath(f"refusing to write outside the output folder: {rel_path!r}")
        target = self.root.joinpath(*pure.parts)
        if check_links and target.parent not in self._safe_dirs:  # resolve each folder once, not each file
            if self.root not in target.resolve().parents:
                raise UnsafePath(f"refusing to write outside the output folder: {rel_path!r}")
            if target.parent.is_dir() and not target.is_symlink():
                self._safe_dirs.add(target.parent)
        elif check_links and target.is_symlink():
            raise UnsafePath(f"refusing to write outside the output folder: {rel_path!r}")
        return target


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _scratch(out_dir: Path, kind: str) -> Path:
    folder = out_dir.with_name(f"{out_dir.name}.{kind}-{os.getpid()}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


@contextmanager
def staged_output(out_dir: Path):
    """Yield a Writer on a fresh folder beside `out_dir`; swap it in only if the block succeeds.

    A failure (or an interruption) leaves the previous `out_dir` exactly as it was.
    """
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = _scratch(out_dir, "tmp")
    try:
        yield Writer(stage)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = out_dir.with_name(f"{out_dir.name}.old-{os.getpid()}")
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(stage, out_dir)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def patched_output(out_dir: Path):
    """Yield a Writer that writes only changed files; apply them to `out_dir` if the block succeeds."""
    out_dir = out_dir.absolute()
    scratch = _scratch(out_dir, "tmp")
    writer = Writer(scratch, live=out_dir)
    try:
        yield writer
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    try:
        for rel in sorted(writer.changed):
            target = out_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(scratch / rel, target)
        _remove_others(out_dir, writer.written)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _remove_others(out_dir: Path, keep: set[str]) -> None:
    """Delete files (and then empty folders) of `out_dir` that this build did not produce."""
    for folder, dirs, files in os.walk(out_dir, topdown=False):
        rel_folder = os.path.relpath(folder, out_dir)
        for name in files:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}".replace(os.sep, "/")
            if rel not in keep:
                os.unlink(os.path.join(folder, name))
        if rel_folder != "." and not os.listdir(folder):
            os.rmdir(folder)


def stat_outputs(out_dir: Path, paths) -> dict[str, tuple[int, int]]:
    """path -> (size, modification time in ns) of built files, to recognise them next time."""
    stats = {}
    for rel in paths:
        st = os.stat(out_dir / rel)
        stats[rel] = (st.st_size, st.st_mtime_ns)
    return stats
