"""A full build: the site written into a fresh folder, swapped in whole.

All or nothing, also when the build is killed:

1. The site is written into a fresh stage folder beside the output folder
   (`build.tmp-<pid>`).  A failure or a kill here leaves `build/` untouched.
2. The stage and `build/` are swapped in ONE atomic step with Linux's
   `renameat2(RENAME_EXCHANGE)` (called through ctypes), so there is no moment
   at which `build/` is missing or half written; the previous site, now at the
   stage's name, is then deleted.
3. Where the exchange is not available (not Linux, an old kernel, a file system
   without it) the swap falls back to two renames: `build/` -> `build.old-<pid>`,
   stage -> `build/`.  A kill between the two leaves `build/` missing for a moment
   but never half written; the next build finds `build.old-<pid>` of the dead
   process and puts it back before it starts.

Leftover stage and old folders of builds that died are removed by the next build.
(We chose the exchange over "build/ is a symlink to a versioned folder" because
the output stays a plain folder that every upload and sync tool copies as is.)
Atomic against the death of the process; files are not fsync'ed, so a power cut
is left to the file system's journal.
"""

from __future__ import annotations

import errno
import glob
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from site_gen.build.output.writer import Writer


@contextmanager
def staged_output(out_dir: Path):
    """Yield a Writer on a fresh folder beside `out_dir`; swap it in only if the block succeeds.

    A failure (or a kill) leaves the previous `out_dir` exactly as it was.
    """
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(out_dir)
    stage = _sibling(out_dir, "tmp", os.getpid())
    _remove(stage)
    stage.mkdir()
    try:
        yield Writer(stage)
    except BaseException:
        _remove(stage)
        raise
    swap_in(stage, out_dir)


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
