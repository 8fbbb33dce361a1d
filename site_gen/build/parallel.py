"""Map a function over items in worker processes, results in input order.

Worth it only when there is enough work: a pool costs ~30 ms to start, so small
jobs (an incremental build of one blog) run in this process.  Output does not
depend on which process did what: results come back in input order and every
file a worker writes is named by its own blog.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

MIN_ITEMS_PER_WORKER = 8


def worker_count(items: int, requested: int | None = None) -> int:
    if requested is not None:
        return max(1, min(requested, items))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, items // MIN_ITEMS_PER_WORKER))


class Workers:
    """One pool of worker processes for several maps in a row, started by the first map with
    enough work, so it is forked while this process is still small (the topics phase that runs
    between the maps makes it large, and forked children would count that memory too)."""

    def __init__(self, requested: int | None, initializer: Callable, initargs: tuple = ()):
        self.requested = requested
        self.initializer = initializer
        self.initargs = initargs
        self.pool = None
        self.size = 1

    def map(self, func: Callable, items: list | Iterator, count_of: int | None = None) -> Iterator:
        """func(item) for each item, in order (in this process when there is little to do).

        A list of `items` is emptied as they are handed out: a job is not kept once it is on
        its way.  `items` may also be an iterator of `count_of` items, read as the pool takes them."""
        if count_of is None:
            count_of = len(items)
            items = handed_out(items)
        count = worker_count(count_of, self.requested)
        if self.pool is None and count <= 1:
            self.initializer(*self.initargs)
            yield from map(func, items)
            return
        if self.pool is None:
            import multiprocessing

            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self.pool = multiprocessing.get_context(method).Pool(count, initializer=self.initializer,
                                                                 initargs=self.initargs)
            self.size = count
        chunk = max(1, min(16, count_of // (self.size * 8)))
        yield from self.pool.imap(func, items, chunksize=chunk)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def handed_out(items: list) -> Iterator:
    """The items in order, each dropped from the list as it is handed out."""
    items.reverse()
    while items:
        yield items.pop()
