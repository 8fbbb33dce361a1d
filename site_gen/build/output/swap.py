"""A full build: the site written into a fresh folder, swapped in whole, the user's files carried over.

All or nothing, also when the build is killed:

1. The site is written into a fresh stage folder beside the output folder
   (`build.tmp-<pid>`).  A failure or a kill here leaves `build/` untouched.
2. Before anything goes live the output folder is read (folder.inventory) and what the
   build would overwrite or delete is checked (guard.py): a clash is an error, and
   `build/` stays as it was.
3. The stage gets site-gen's RECORD and, as hard links, everything in `build/` that
   site-gen did not write: the kept files (`.git`, `CNAME`, the `keep` patterns) and any
   stranger (`carry`).  A hard link is the same file under a second name: nothing in
   `build/` is moved or changed, so a kill here still leaves it as it was.
4. The stage and `build/` are swapped in ONE atomic step with Linux's
   `renameat2(RENAME_EXCHANGE)` (called through ctypes), so there is no moment
   at which `build/` is missing or half written; the previous site, now at the
   stage's name, is then deleted (its links to the user's files with it: the files
   live on under `build/`).
5. Where the exchange is not available (not Linux, an old kernel, a file system
   without it) the swap falls back to two renames: `build/` -> `build.old-<pid>`,
   stage -> `build/`.  A kill between the two leaves `build/` missing for a moment
   but never half written; the next build finds `build.old-<pid>` of the dead
   process and puts it back before it starts.

The user's files are carried over just before the swap: a file the user adds to `build/`
or replaces while those few renames run (a `git commit` in `build/` during a build) is
not in the new folder; run git there between builds.  Leftover stage and old folders of
builds that died are removed by the next build.  (We chose the exchange over "build/ is a
symlink to a versioned folder" because the output stays a plain folder that every upload
and sync tool copies as is.)  Atomic against the death of the process; files are not
fsync'ed, so a power cut is left to the file system's journal.
"""

from __future__ import annotations

import errno
import glob
import os
import shutil
import stat
from contextlib import contextmanager
from pathlib import Path

from site_gen.build.output import guard
from site_gen.build.output.folder import Claims, Owned, inventory, record_bytes
from site_gen.build.output.keep import RECORD, Keep
from site_gen.build.output.writer import Writer


@contextmanager
def staged_output(out_dir: Path, claims: Claims | None = None):
    """Yield a Writer on a fresh folder beside `out_dir`; swap it in only if the block succeeds.

    Before the swap the fresh folder takes over, as hard links, everything of `out_dir`
    that site-gen did not write (`carry`).  A failure (or a kill) leaves the previous
    `out_dir` exactly as it was.
    """
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(out_dir)
    stage = _sibling(out_dir, "tmp", os.getpid())
    _remove(stage)
    stage.mkdir()
    writer = Writer(stage)
    try:
        yield writer
        writer.finish()  # the files made in processes of their own are all written (or one failed)
        claims = claims or Claims(Keep(), Owned())
        found = inventory(out_dir, claims)
        writer.notices = guard.check(writer, found, claims, out_dir)
        (stage / RECORD).write_bytes(record_bytes(writer.written, writer.whole))
        writer.record_changed = True
        carry(out_dir, stage, guard.carried(found, writer.written, writer.whole))
    except BaseException:
        writer.abandon()  # nothing still writing into the folder that goes away
        _remove(stage)
        raise
    swap_in(stage, out_dir)


def carry(source: Path, target: Path, entries) -> None:
    """Give `target` each entry of `source` (a path relative to both; a folder with all in it) as
    hard links to the same files: nothing is copied or moved, so `source` stays as it was
    until the swap.  Where a hard link cannot be made, a copy (a symlink: a new one alike)."""
    for rel in entries:
        destination = target / rel
        if not destination.parent.is_dir():
            destination.parent.mkdir(parents=True)
        _link_tree(source / rel, destination)


def _link_tree(source: Path, destination: Path) -> None:
    try:
        st = os.lstat(source)
    except FileNotFoundError:  # gone since the folder was read
        return
    if stat.S_ISDIR(st.st_mode):
        if not destination.is_dir():
            os.mkdir(destination)
        with os.scandir(source) as entries:
            for entry in entries:
                _link_tree(source / entry.name, destination / entry.name)
        shutil.copystat(source, destination, follow_symlinks=False)
        return
    try:
        os.link(source, destination, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        if stat.S_ISLNK(st.st_mode):
            os.symlink(os.readlink(source), destination)
        else:
            shutil.copy2(source, destination, follow_symlinks=False)


def swap_in(stage: Path, out_dir: Path) -> None:
    """Make `stage` the output folder; delete the previous one."""
    if not os.path.lexists(out_dir):
        os.rename(stage, out_dir)
        return
    if out_dir.is_dir() and not out_dir.is_symlink() and exchange(stage, out_dir):
        _remove(stage)  # the previous site, now under the stage's name
        return
    old = _sibling(out_dir, "old", os.getpid())
    _remove(old)
    os.replace(out_dir, old)
    os.replace(stage, out_dir)
    _remove(old)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False when the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _renameat2():
    import ctypes  # here, not at the top: a build with nothing to do never swaps folders

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def sweep_stale(out_dir: Path) -> None:
    """Clean up after builds that died: remove their stages, put back a previous site
    that a kill left under `<out>.old-<pid>`."""
    for kind in ("old", "tmp"):
        pattern = glob.escape(out_dir.name) + f".{kind}-*"
        for path in sorted(out_dir.parent.glob(pattern)):
            pid = path.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
                continue
            if kind == "old" and not os.path.lexists(out_dir):
                os.rename(path, out_dir)
            else:
                _remove(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sibling(out_dir: Path, kind: str, pid: int) -> Path:
    return out_dir.with_name(f"{out_dir.name}.{kind}-{pid}")


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)
