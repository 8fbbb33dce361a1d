"""The only code that writes the site: inside the output folder, each file once, all or nothing."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    pass


class Writer:
    """Writes files below `root`; refuses paths that leave it and a second write to one path."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.written: set[str] = set()

    def write(self, rel_path: str, data: str | bytes) -> Path:
        target = self._target(rel_path)
        if rel_path in self.written:
            raise UnsafePath(f"{rel_path} written twice in one build")
        self.written.add(rel_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return target

    def _target(self, rel_path: str) -> Path:
        pure = PurePosixPath(rel_path)
        if pure.is_absolute() or not pure.parts or any(p in ("..", ".", "") for p in pure.parts) or "\\" in rel_path:
            raise UnsafePath(f"refusing to write outside the output folder: {rel_path!r}")
        target = self.root.joinpath(*pure.parts)
        if self.root not in target.resolve().parents:
            raise UnsafePath(f"refusing to write outside the output folder: {rel_path!r}")
        return target


@contextmanager
def staged_output(out_dir: Path):
    """Yield a Writer on a fresh folder beside `out_dir`; swap it in only if the block succeeds.

    A failure (or an interruption) leaves the previous `out_dir` exactly as it was.
    """
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = out_dir.with_name(f"{out_dir.name}.tmp-{os.getpid()}")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
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
