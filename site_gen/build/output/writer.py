"""The writer: every file of the site is written through one `Writer`, inside one folder, once.

A Writer writes below its root (a stage or scratch folder beside the output folder, see
swap.py and patch.py): it refuses a path that would leave the root (absolute, `..`, a
symlink planted on the way) and a second write to one path in one build.  With `live`
(the output folder of an incremental build), a file whose bytes equal the live one's is not
written at all.  A file that a tool makes itself (the SQLite archive, rows streamed in chunks)
comes through `Writer.made`: the tool writes a fresh path in the root, in a process forked
for it while the build goes on (parallel.Forked: it sees what the tool needs without being
sent it, and holds no lock this process needs); `finish()` waits for them, and the output
folders' context managers (swap.py, patch.py) call it before anything goes live or is
cleared away.
`write_file` writes one file outside a site (`site-gen export --out FILE`), all or nothing.
"""


from __future__ import annotations

import errno
import functools
import os
from collections.abc import Callable
from pathlib import Path

from site_gen.build.parallel import Forked, Inbox, gather


class UnsafePath(ValueError):
    """A path that would leave the output folder, or a second write to one path."""


class Writer:
    """Writes files below `root`; refuses paths that leave it and a second write to one path.

    With `live` (the current output folder), a file whose bytes equal the live file's is
    not written but counted as kept (unchanged); `keep(path)` declares a live file carried
    over from the last build without rendering it.  (These are site-gen's own files: the
    user's files that the `keep` setting names are keep.py's.)
    """

    def __init__(self, root: Path, live: Path | None = None):
        self.root = root.resolve()
        self.live = live
        self.written: set[str] = set()  # every path this build produces (written or kept)
        self.changed: set[str] = set()
        self.kept: set[str] = set()
        self.whole: set[str] = set()  # folders a tool writes whole (the search bundle): replaced, not patched
        self._folders: dict[str, str] = {}  # folder (relative) -> its path, created and checked once
        self.notices: list = []  # warnings about the output folder, found before the build went live (guard.py)
        self.record_changed = False  # the build wrote the output folder's RECORD (folder.py) anew
        self._making: list = []  # (path, state, parallel.Forked) of the files made(), not yet finished
        self._inboxes: dict = {}  # path -> parallel.Inbox of each file begun() and not sent its rest yet
        self._sent: list = []  # the inboxes sent to (closed by finish or abandon)

    def write(self, rel_path: str, data: "str | bytes | Callable[[Path, Path | None], None]") -> Path:
        if callable(data):
            return self.made(rel_path, data)
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

    def made(self, rel_path: str, make: Callable[[Path, "Path | None"], "bool | None"],
             state: dict | None = None) -> Path:
        """Let `make(path, live)` write the file `rel_path` itself, at a fresh `path` in this
        build's folder: a tool that writes its own file (sqlite3), or rows streamed in chunks, too
        many to hold in memory; `live` is the live file of that name (to copy unchanged bytes
        from), or None.  As with write(), a file whose bytes equal the live one's is kept (compared,
        unless `make` returns True: it knows they are new).

        `make` runs in a process of its own, forked now (where there is fork: else here, now), so
        it sees the build as it is when asked; the path is claimed at once (a second write is
        refused here), and whether the file changed is known after finish().  `state`: the dict
        `make` fills for the next build (where the live file holds what): what it put there in
        its own process is put in this process's `state` by finish()."""
        return self._start(rel_path, make, state)

    def begin(self, rel_path: str, make: Callable[[Path, "Path | None", Callable], "bool | None"],
              state: dict | None = None) -> Path:
        """made() for a file whose maker begins now, before this build knows all the file holds:
        `make(path, live, receive)`, where receive() waits for what send(rel_path, value) sends
        it later (the SQLite archive: its entries before the topics are found)."""
        inbox = Inbox()
        self._inboxes[rel_path] = inbox
        return self._start(rel_path, lambda path, live: make(path, live, inbox.receive), state, inbox)

    def send(self, rel_path: str, value) -> None:
        """What the file begun at `rel_path` waits for (once)."""
        inbox = self._inboxes.pop(rel_path, None)
        if inbox is None:
            raise RuntimeError(f"{rel_path}: sent to, but not begun (or sent to twice)")
        inbox.send(value)
        self._sent.append(inbox)

    def _start(self, rel_path: str, make, state: dict | None, inbox=None) -> Path:
        _check_name(rel_path)
        folder, _, name = rel_path.rpartition("/")
        target = Path((self._folders.get(folder) or self._folder(folder, rel_path)) + name)
        self._claim(rel_path)
        live = self.live / rel_path if self.live is not None and (self.live / rel_path).is_file() else None
        self._making.append((rel_path, state, Forked(functools.partial(_make, target, live, make, state), inbox)))
        return target

    def finish(self) -> None:
        """Wait for every file made(); count each changed or kept, take back the state each
        left; raise the first failure (after all of them have stopped: nothing is left writing).
        A file begun and never sent its rest fails (a bug: it cannot be finished)."""
        unsent = sorted(self._inboxes)
        self._close_inboxes()
        making, self._making = self._making, []
        try:
            results = gather([maker for _, _, maker in making])
        finally:
            if unsent:  # (its maker failed for want of it: the cause is this)
                raise RuntimeError(f"{', '.join(unsent)}: begun, but never sent the rest")
        for (rel_path, state, _), (changed, left) in zip(making, results):
            (self.changed if changed else self.kept).add(rel_path)
            if state is not None:
                state.update(left)

    def abandon(self) -> None:
        """Stop the files still being made (the build failed: its own error is the one to report)."""
        making, self._making = self._making, []
        for _, _, maker in making:
            maker.kill()
        self._close_inboxes()

    def _close_inboxes(self) -> None:
        inboxes = [*self._inboxes.values(), *self._sent]
        self._inboxes, self._sent = {}, []
        for inbox in inboxes:
            inbox.close()

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


def _make(target: Path, live: Path | None, make, state: dict | None) -> tuple[bool, dict | None]:
    """made()'s work, in its own process: make the file; (True when its bytes are new, the
    `state` it left).  A file equal to the live one is removed from the build's folder and the
    live one kept; a maker that returns True knows its bytes are new (a part not in the live
    file): no comparing."""
    new = make(target, live)  # (the build's folder is fresh: nothing is at `target` to follow)
    if live is not None and new is not True and _same_file(target, live):
        target.unlink()
        return False, state
    return True, state


def _same_file(a: Path, b: Path, chunk: int = 1 << 20) -> bool:
    """The two files hold the same bytes (read in large chunks: filecmp's 8 KiB ones cost half a
    second on a 100 MB archive)."""
    if os.stat(a).st_size != os.stat(b).st_size:
        return False
    with open(a, "rb", buffering=0) as fa, open(b, "rb", buffering=0) as fb:
        while True:
            x, y = fa.read(chunk), fb.read(chunk)
            if x != y:
                return False
            if not x:
                return True


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


def write_file(path: Path, make: Callable[[Path, None], None]) -> None:
    """One file outside a site (`site-gen export --out FILE`): `make(tmp, None)` writes it
    beside `path`, and it replaces `path` in one rename only when `make` succeeded."""
    tmp = path.absolute().with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        make(tmp, None)
        os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
