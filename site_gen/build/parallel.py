"""Map a function over items in worker processes, results in input order.

Worth it only when there is enough work: a pool costs ~30 ms to start, so small
jobs (an incremental build of one blog) run in this process, unless what they load is
better kept out of it (Workers' `apart`: the edit of one blog of a large site).  Output does not
depend on which process did what: results come back in input order and every
file a worker writes is named by its own blog.
"""

from __future__ import annotations

import functools
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator

from site_gen.render.producer import Written

MIN_ITEMS_PER_WORKER = 8


def worker_count(items: int, requested: int | None = None) -> int:
    if requested is not None:
        return max(1, min(requested, items))
    return max(1, min(cpu_count(), items // MIN_ITEMS_PER_WORKER))


def cpu_count() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Workers:
    """One pool of worker processes for several maps in a row, started by the first map with
    enough work, so it is forked while this process is still small (the topics phase that runs
    between the maps makes it large, and forked children would count that memory too).

    `apart`: the first map starts a pool of one worker even for a single job, so that what the
    jobs load (for a blog: its model, the templates, the CLDR data of every language's hour
    words) stays out of this process, which holds a large site's topics next."""

    def __init__(self, requested: int | None, initializer: Callable, initargs: tuple = (), apart: bool = False):
        self.requested = requested
        self.initializer = initializer
        self.initargs = initargs
        self.apart = apart
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
        if self.pool is None and count <= 1 and not (self.apart and count_of and hasattr(os, "fork")):
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


SPREAD_ABOVE = 20_000  # less work than this (in the weights spread() is given) is done in one process


def spread(pages: Callable, items: list, weights: list[int], write: Callable[[str, str], bool],
           requested: int | None = None) -> Iterator[tuple]:
    """`pages(shard)` over `items` split into shards of about equal weight, one per CPU: the
    first shard in this process, each other one in a child forked now (it sees everything this
    process holds: nothing is sent to it).  Yields (path, text, extra) as this process makes
    its shard's pages, then (path, Written(changed), extra) for those the children wrote with
    `write(path, text)` (-> True when the file's bytes changed).  With little work, or where
    there is no fork (Windows), all of it is done here.  A child's failure is
    raised here, once every child has stopped."""
    count = max(1, min(requested or cpu_count(), len(items)))
    if count <= 1 or sum(weights) < SPREAD_ABOVE or not hasattr(os, "fork"):
        yield from pages(items)
        return
    shards: list[list] = [[] for _ in range(count)]
    load = [0] * count
    for i in sorted(range(len(items)), key=lambda i: -weights[i]):  # heaviest first, to the lightest shard
        lightest = load.index(min(load))
        shards[lightest].append(items[i])
        load[lightest] += weights[i]
    children = [Forked(functools.partial(_shard, pages, shard, write)) for shard in shards[1:]]
    try:
        yield from pages(shards[0])
    except BaseException:
        for child in children:
            child.kill()
        raise
    for outcome in gather(children):
        for path, changed, extra in outcome:
            yield path, Written(changed), extra


def _shard(pages: Callable, shard: list, write: Callable) -> list:
    return [(path, write(path, text), extra) for path, text, extra in pages(shard)]


def gather(children: list) -> list:
    """Each Forked's result, in order, once every one of them has stopped; the first failure is
    raised then (so that nothing is left writing when the build reports it)."""
    results, failure = [], None
    for child in children:
        try:
            results.append(child.result())
        except BaseException as exc:  # noqa: BLE001 - raised below, once every child has stopped
            failure = failure or exc
    if failure is not None:
        raise failure
    return results


def _outcome(work: Callable[[], object]) -> tuple[bool, object]:
    """(False, what work() returned) or (True, what it raised)."""
    try:
        return False, work()
    except BaseException as exc:  # noqa: BLE001 - raised by Forked.result, in the parent
        return True, exc


class Inbox:
    """What a Forked child is sent after it began: `send(value)` here, `receive()` there (it
    waits for it).  The value is pickled through a pipe, written by a thread of this process
    (a large one does not wait for the child to read it), length first: the child reads that
    much, not to the pipe's end, which stays open in every process forked after it.  Where there
    is no fork, the child's work runs when the value is sent (Forked)."""

    def __init__(self):
        self._fds = os.pipe() if hasattr(os, "fork") else None
        self._value, self._thread, self.then = None, None, None

    def receive(self):
        if self._fds is None:
            return self._value
        with os.fdopen(self._fds[0], "rb") as pipe:
            head = pipe.read(8)
            data = pipe.read(int.from_bytes(head, "big")) if len(head) == 8 else b""
        if len(head) != 8 or len(data) != int.from_bytes(head, "big"):
            raise RuntimeError("the build stopped before it sent what this file waits for")
        return pickle.loads(data)

    def send(self, value) -> None:
        if self._fds is None:
            self._value = value
            if self.then is not None:
                self.then()
            return
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, self._fds = self._fds[1], None

        def push() -> None:
            try:
                with os.fdopen(fd, "wb") as pipe:
                    pipe.write(len(data).to_bytes(8, "big") + data)
            except OSError:  # the child is gone (killed: the build failed): nobody to tell
                pass

        self._thread = threading.Thread(target=push, daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Nothing more is sent (unsent: the child's receive() fails); waits for what was sent to be read."""
        if self._thread is not None:
            self._thread.join()
        elif self._fds is not None:
            os.close(self._fds[1])
            self._fds = None

    def _forked(self, child: bool) -> None:
        """Each side closes the end it does not use."""
        os.close(self._fds[1] if child else self._fds[0])


class Forked:
    """work() in a child forked now, which sees everything this process holds (nothing is sent
    to it, except what `inbox` sends it later); result() gives what it returned, or raises what
    it raised, pickled back through a pipe.  Where there is no fork (Windows), work() runs here,
    at once (with an inbox: when it is sent its value)."""

    def __init__(self, work: Callable[[], object], inbox: Inbox | None = None):
        self.pid = None
        if not hasattr(os, "fork"):
            if inbox is None:
                self._here(work)
            else:  # (until it is sent its value)
                self.failed, self.outcome = True, RuntimeError("never sent what it waits for")
                inbox.then = functools.partial(self._here, work)
            return
        reading, writing = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: do the work, send back its outcome, and go
            os.close(reading)
            if inbox is not None:
                inbox._forked(child=True)
            try:
                outcome = _outcome(work)
                try:
                    data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # noqa: BLE001 - an exception that does not pickle: say what it was
                    data = pickle.dumps((True, RuntimeError(f"a forked process failed: {outcome[1]!r}")))
                with os.fdopen(writing, "wb") as out:
                    out.write(data)
            finally:
                os._exit(0)  # no clean-up of the parent's state: it is the parent's
        os.close(writing)
        if inbox is not None:
            inbox._forked(child=False)
        self.reading = reading

    def _here(self, work: Callable[[], object]) -> None:
        self.failed, self.outcome = _outcome(work)

    def result(self):
        if self.pid is not None:
            with os.fdopen(self.reading, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            try:
                self.failed, self.outcome = pickle.loads(data)
            except Exception:  # noqa: BLE001 - it died before it could say
                self.failed, self.outcome = True, RuntimeError(
                    f"a forked process stopped without a result (wait status {status})")
        if self.failed:
            raise self.outcome
        return self.outcome

    def kill(self) -> None:
        """Stop the child now (the parent's build failed: its own error is the one to report)."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            os.close(self.reading)
            os.waitpid(self.pid, 0)
            self.pid = None
        self.failed, self.outcome = True, RuntimeError("stopped: the build failed")

