"""An incremental build: only the files whose bytes changed are moved into the output folder.

Only files whose bytes
differ from the live ones are written, into a scratch folder beside the output folder
(`build.tmp-<pid>`), with the search index (a folder written whole, `Writer.whole_folder`);
every error (content, template, unsafe path, search index) is found before anything in
`build/` changes, and a failure or kill up to then leaves `build/` untouched.  When the
build succeeded, the changed files are moved in one rename each, a whole folder replaces
its old self, and files the build no longer makes are deleted.  Each file is replaced
atomically, but the site as a whole is not: a kill DURING that last step can leave
`build/` with some pages new and some old (never a half-written file).  The next
build notices (it compares every output's size and time with its manifest) and
repairs it; `--clean` forces a full, atomically swapped build.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from site_gen.build.output.swap import _remove, _sibling, sweep_stale
from site_gen.build.output.writer import Writer


@contextmanager
def patched_output(out_dir: Path):
    """Yield a Writer that writes only changed files; apply them to `out_dir` if the block succeeds."""
    out_dir = out_dir.absolute()
    sweep_stale(out_dir)
    scratch = _sibling(out_dir, "tmp", os.getpid())
    _remove(scratch)
    scratch.mkdir()
    writer = Writer(scratch, live=out_dir)
    try:
        yield writer
    except BaseException:
        _remove(scratch)
        raise
    try:
        _apply(scratch, out_dir, writer)
    except OSError as exc:
        from site_gen.errors import OutputChanged

        raise OutputChanged(f"could not finish updating {out_dir}: {exc}; some of its files are new and some "
                            "old (each whole); the next build repairs it (or run with --clean)") from exc
    finally:
        _remove(scratch)


def _apply(scratch: Path, out_dir: Path, writer: Writer) -> None:
    """Move the changed files and whole folders into `out_dir`; delete what the build no longer makes."""
    for rel in sorted(writer.changed):
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(scratch / rel, target)
    for n, rel in enumerate(sorted(writer.whole)):  # the old folder out of the way, the new one in
        target, old = out_dir / rel, scratch / f".replaced-{n}"
        if os.path.lexists(target):
            os.rename(target, old)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(scratch / rel, target)
    _remove_others(out_dir, writer.written, writer.whole)


def _remove_others(out_dir: Path, keep: set[str], whole: set[str]) -> None:
    """Delete files (and then empty folders) of `out_dir` that this build did not produce
    (folders in `whole` were produced as they are)."""
    folders = []
    for folder, dirs, files in os.walk(out_dir):  # parents before their children
        rel_folder = os.path.relpath(folder, out_dir).replace(os.sep, "/")
        prefix = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = [d for d in dirs if prefix + d not in whole]
        for name in files:
            if prefix + name not in keep:
                os.unlink(os.path.join(folder, name))
        if prefix:
            folders.append(folder)
    for folder in reversed(folders):  # children before their parents
        if not os.listdir(folder):
            os.rmdir(folder)


def stat_outputs(out_dir: Path, paths, known: dict | None = None) -> dict[str, tuple[int, int]]:
    """path -> (size, modification time in ns) of built files, to recognise them next time;
    `known` gives them for files this build kept untouched (checked when it started)."""
    stats = {}
    known = known or {}
    root = str(out_dir)
    for rel in paths:
        held = known.get(rel)
        if held is None:
            st = os.stat(os.path.join(root, rel))
            held = (st.st_size, st.st_mtime_ns)
        stats[rel] = held
    return stats
