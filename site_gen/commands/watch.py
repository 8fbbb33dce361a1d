"""Watching a site's inputs with watchfiles, for `site-gen serve`.

Two watchers feed one queue:

- the site folder itself (the folder of site.toml), not recursively, for the
  files named there: site.toml, topics.toml, and the content/ and templates/
  folders appearing or being replaced.  Watching the folder rather than the
  files catches editors that save by writing a new file and renaming it.
- content/ and templates/, recursively, whichever exist.  This watcher is
  restarted when that set changes (templates/ created after serve started).

The site folder is never watched recursively: it may hold .venv/, .git/ or
build/ with thousands of folders.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

STEP_MS = 50  # changes are handed over once the files have been quiet this long
DEBOUNCE_MS = 400  # ... or after this long, whichever comes first


class Watcher:
    def __init__(self, root: Path, names: Callable[[], set[str]], folders: Callable[[], list[Path]]):
        """`root`: the site folder; `names()`: the entries of root that matter;
        `folders()`: the folders to watch recursively (missing ones are skipped)."""
        self.root = root.absolute()
        self._names = names
        self._folders = folders
        self._changes: queue.Queue[set[str]] = queue.Queue()
        self._stop = threading.Event()
        self._deep_stop: threading.Event | None = None
        self._deep_key: tuple = ()
        self._start(self._stop, [self.root], recursive=False,
                    accept=lambda change, path: os.path.basename(path) in self._names())
        self._restart_deep()

    def watched(self) -> list[Path]:
        """What is watched now: the deep folders, then the root files that exist."""
        found = [Path(p) for p, _ in self._deep_key]
        found += sorted(self.root / n for n in self._names() if (self.root / n).is_file())
        return found

    def next_batch(self, timeout: float) -> set[str]:
        """Paths changed since the last batch; an empty set when `timeout` seconds pass quietly."""
        try:
            batch = set(self._changes.get(timeout=timeout))
        except queue.Empty:
            return set()
        while True:
            try:
                batch |= self._changes.get_nowait()
            except queue.Empty:
                break
        self._restart_deep()
        return batch

    def close(self) -> None:
        self._stop.set()
        if self._deep_stop is not None:
            self._deep_stop.set()

    def _restart_deep(self) -> None:
        key = tuple(sorted((str(p.absolute()), p.stat().st_ino) for p in self._folders() if p.is_dir()))
        if key == self._deep_key:
            return
        if self._deep_stop is not None:
            self._deep_stop.set()
        self._deep_key = key
        self._deep_stop = None
        if key:
            self._deep_stop = threading.Event()
            self._start(self._deep_stop, [p for p, _ in key], recursive=True, accept=watchfiles.DefaultFilter())

    def _start(self, stop: threading.Event, paths: list, recursive: bool, accept) -> None:
        def pump() -> None:
            try:
                for changes in watchfiles.watch(*paths, watch_filter=accept, recursive=recursive,
                                                debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=_Either(stop, self._stop),
                                                rust_timeout=500, raise_interrupt=False):
                    self._changes.put({path for _, path in changes})
            except (FileNotFoundError, OSError):
                # A watched folder vanished; the next batch restarts the deep watcher.
                self._changes.put({str(p) for p in paths})

        threading.Thread(target=pump, name="site-gen-watch", daemon=True).start()


class _Either:
    """A stop event that is set when either of two events is."""

    def __init__(self, a: threading.Event, b: threading.Event):
        self.a, self.b = a, b

    def is_set(self) -> bool:
        return self.a.is_set() or self.b.is_set()
