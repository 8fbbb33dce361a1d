"""The output folder as it is before a build: may a build write into it at all?"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class OutputRefused(ValueError):
    """--out names a folder that must not be replaced (it holds the content, the project...)."""


def check_out_dir(out_dir: Path, content_dir: Path, keep: Iterable[Path] = ()) -> None:
    """Refuse an output folder whose replacement would destroy something else.

    The output folder is deleted and replaced by each build, so it must not be,
    or hold, the content folder, the working folder or anything in `keep`; it
    must not lie inside the content folder; and an existing folder must be empty
    or look like a built site (have an index.html).
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
    if any(out.iterdir()) and not (out / "index.html").is_file():
        raise OutputRefused(f"--out {out_dir}: this folder is not empty and does not look like a built site "
                            "(no index.html); refusing to replace it. Choose another --out or empty it")


def _home() -> Path:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError):
        return Path("/").resolve()
