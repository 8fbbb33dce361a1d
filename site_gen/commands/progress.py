"""A progress bar on the terminal for builds that take more than a second; silent otherwise."""

from __future__ import annotations

import sys
import time


class Progress:
    """Call with (done, total); draws on `stream` only if it is a terminal and a second has passed."""

    def __init__(self, stream=None, enabled: bool | None = None, delay: float = 1.0, label: str = "blogs"):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.delay = delay
        self.label = label
        self.started = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        width = 30
        filled = width * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {self.label}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
            self.drawn = False


def summary(result, out_dir) -> str:
    """One line: blogs, entries, topics, pages, seconds, and what the cache saved."""
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"  # noqa: E731
    line = (f"built {plural(result.blogs, 'blog')}, {result.entries} {'entry' if result.entries == 1 else 'entries'}, "
            f"{plural(result.topics, 'topic')}, {plural(result.files, 'page')} into {out_dir} "
            f"in {result.seconds:.2f} s")
    if result.kind == "nothing changed":
        return line + " (nothing changed)"
    if result.kind == "incremental":
        return line + f" ({plural(result.parsed, 'blog')} rebuilt, {plural(result.written, 'file')} written)"
    return line
