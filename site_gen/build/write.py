"""The only code that writes the site: inside the output folder, each file once, all or nothing.

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

Incremental builds (cache valid) use `patched_output` instead: only files whose bytes
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
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path


class UnsafePath(ValueError):
    """A path that would leave the output folder, or a second write to one path."""


class OutputRefused(ValueError):
    """--out names a folder that must not be replaced (it holds the content, the project...)."""


class Writer:
    """Writes files below `root`; refuses paths that leave it and a second write to one path.

    With `live` (the current output folder), a file whose bytes equal the live file's is
    not written but counted as kept; `keep(path)` declares a live file carried over from
    the last build without rendering it.
    """

    def __init__(self, root: Path, live: Path | None = None):
        self.root = root.resolve()
        self.live = live
        self.written: set[str] = set()  # every path this build produces (written or kept)
        self.changed: set[str] = set()
        self.kept: set[str] = set()
        self.whole: set[str] = set()  # folders a tool writes whole (the search bundle): replaced, not patched
        self._folders: dict[str, str] = {}  # folder (relative) -> its path, created and checked once

    def write(self, rel_path: str, data: str | bytes) -> Path:
        _check_name(rel_path)
        folder, _, name = rel_path.rpartition("/")
        where = self._folders.get(folder) or self._folder(folder, rel_path)
        self._claim(rel_path)
        data = data.encode("utf-8") if isinstance(data, str) else data
        if self.live is not None and _same_bytes(self.live / rel_path, data):
            self.kept.add(rel_path)
            return self.live / rel_path
        self.changed.add(rel_path)
        target = where + name
        try:  # O_NOFOLLOW: a symlink planted where a page goes is refused, not followed
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise UnsafePath(f"refusing to write outside the output folder: {rel_path!r}") from None
            raise
        with open(fd, "wb") as f:
            f.write(data)
        return Path(target)

    def keep(self, rel_path: str) -> None:
        if self.live is None:  # a fresh folder: there is no live file to keep, the page would be lost
            raise RuntimeError(f"{rel_path}: kept, but this build writes a fresh folder")
        _check_name(rel_path)  # nothing is written: the name is all to check
        self._claim(rel_path)
        self.kept.add(rel_path)

    def built(self, rel_path: str) -> Path:
        """Where the file this build made at `rel_path` is until the build goes live: in this
        build's folder when written, else (unchanged, or kept) in the live folder."""
        return self.root / rel_path if self.live is None or rel_path in self.changed else self.live / rel_path

    def whole_folder(self, rel_folder: str) -> Path:
        """Where a tool may write the folder `rel_folder` (a fresh, empty one): it replaces the
        live folder of that name as a whole, and the files in it are not counted as pages."""
        _check_name(rel_folder)
        if rel_folder in self.whole or any(p == rel_folder or p.startswith(rel_folder + "/") for p in self.written):
            raise UnsafePath(f"{rel_folder} written twice in one build")
        self.whole.add(rel_folder)
        parent, _, name = rel_folder.rpartition("/")
        return Path((self._folders.get(parent) or self._folder(parent, rel_folder)) + name)

    def adopt(self, rel_path: str, changed: bool) -> None:
        """Count a file that a worker process wrote (changed) or found unchanged into this build."""
        self._claim(rel_path)
        (self.changed if changed else self.kept).add(rel_path)

    def _claim(self, rel_path: str) -> None:
        if rel_path in self.written:
            raise UnsafePath(f"{rel_path} written twice in one build")
        self.written.add(rel_path)

    def _folder(self, folder: str, rel_path: str) -> str:
        """The folder's path (with a trailing /), made, and checked to really be inside the root
        (no symlinked folder on the way): once per folder, not per file."""
        path = self.root / folder if folder else self.root

        def check() -> None:
            real = path.resolve()
            if real != self.root and self.root not in real.parents:
                raise UnsafePath(f"refusing to write outside the output folder: {rel_path!r}")

        check()  # before making it: refuse early
        path.mkdir(parents=True, exist_ok=True)
        check()  # and what is on disk now
        self._folders[folder] = where = f"{path}/"
        return where


def _check_name(rel_path: str) -> None:
    """A relative POSIX path of plain names ("blogs/a.html"): nothing absolute, empty, '.' or '..'."""
    if (not rel_path or rel_path[0] == "/" or "\\" in rel_path or "\x00" in rel_path
            or any(part in ("..", ".", "") for part in rel_path.split("/"))):
        raise UnsafePath(f"refusing to write outside the output folder: {rel_path!r}")


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


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
