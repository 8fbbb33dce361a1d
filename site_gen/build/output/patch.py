"""An incremental build: only the files whose bytes changed are moved into the output folder.

Only files whose bytes differ from the live ones are written, into a scratch folder beside
the output folder (`build.tmp-<pid>`), with the search index (a folder written whole,
`Writer.whole_folder`); every error (content, template, unsafe path, search index, a clash
with the user's files: guard.py) is found before anything in `build/` changes, and a failure
or kill up to then leaves `build/` untouched.  When the build succeeded, the changed files
are moved in one rename each, a whole folder replaces its old self (the user's dotfiles in
it carried over), and the files site-gen wrote that the build no longer makes are deleted:
only those (folder.py says which), never a kept file or a stranger.  Each file is replaced
atomically, but the site as a whole is not: a kill DURING that last step can leave `build/`
with some pages new and some old (never a half-written file, never a user's file touched).
The next build notices (it compares every output's size and time with its manifest) and
repairs it; `--clean` forces a full, atomically swapped build (swap.py).

site-gen's RECORD is rewritten, when what it lists changed, before the files move (listing
the old files and the new: a build killed half way still knows every file it wrote) and
after the old ones are deleted.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from site_gen.build.output import guard
from site_gen.build.output.folder import Claims, Inventory, Owned, inventory, record_bytes
from site_gen.build.output.keep import RECORD, Keep
from site_gen.build.output.swap import _remove, _sibling, carry, sweep_stale
from site_gen.build.output.writer import Writer


@contextmanager
def patched_output(out_dir: Path, claims: Claims | None = None):
    """Yield a Writer that writes only changed files; apply them to `out_dir` if the block succeeds."""
    out_dir = out_dir.absolute()
    sweep_stale(out_dir)
    scratch = _sibling(out_dir, "tmp", os.getpid())
    _remove(scratch)
    scratch.mkdir()
    writer = Writer(scratch, live=out_dir)
    try:
        yield writer
        writer.finish()  # the files made in processes of their own are all written (or one failed)
        claims = claims or Claims(Keep(), Owned())
        found = inventory(out_dir, claims)
        writer.notices = guard.check(writer, found, claims, out_dir)
        for folder in writer.whole:  # the user's dotfiles in the old folder go with the new one
            carry(out_dir, scratch, [rel for rel in found.kept if rel.startswith(folder + "/")])
    except BaseException:
        writer.abandon()  # nothing still writing into the folder that goes away
        _remove(scratch)
        raise
    try:
        _apply(scratch, out_dir, writer, found)
    except OSError as exc:
        from site_gen.errors import OutputChanged

        raise OutputChanged(f"could not finish updating {out_dir}: {exc}; some of its files are new and some "
                            "old (each whole); the next build repairs it (or run with --clean)") from exc
    finally:
        _remove(scratch)


def _apply(scratch: Path, out_dir: Path, writer: Writer, found: Inventory) -> None:
    """Move the changed files and whole folders into `out_dir`; delete site-gen's files the build
    no longer makes; keep RECORD saying what is site-gen's at every step."""
    listed = {*writer.written, *(f"{folder}/" for folder in writer.whole)}
    if not listed <= found.recorded:  # new files: listed before they are moved in
        _write_record(scratch, out_dir, found.recorded | listed)
        writer.record_changed = True
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
    _remove_others(out_dir, [rel for rel in found.ours
                             if rel not in writer.written and not guard.under(rel, writer.whole)])
    new = record_bytes(writer.written, writer.whole)
    if not _same(out_dir / RECORD, new):
        _write_record(scratch, out_dir, None, new)
        writer.record_changed = True


def _remove_others(out_dir: Path, paths: list[str]) -> None:
    """Delete `paths` (site-gen's files the build no longer makes), then the folders that leaves
    empty (never the output folder itself)."""
    folders = set()
    for rel in paths:
        os.unlink(out_dir / rel)
        folders.add(rel.rpartition("/")[0])
    for folder in sorted(folders, key=lambda f: -f.count("/")):  # children before their parents
        while folder:
            try:
                os.rmdir(out_dir / folder)
            except OSError:  # not empty (or gone)
                break
            folder = folder.rpartition("/")[0]


def _write_record(scratch: Path, out_dir: Path, lines, data: bytes | None = None) -> None:
    if data is None:
        data = record_bytes([r for r in lines if not r.endswith("/")], [r[:-1] for r in lines if r.endswith("/")])
    temporary = scratch / ".record"
    temporary.write_bytes(data)
    os.rename(temporary, out_dir / RECORD)  # one atomic step


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


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
