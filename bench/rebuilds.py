"""Rebuilds inside a running server after the one-dump change (bench/run.py's "server" scenario).

    hugo_server_rebuilds(ws, site, runs, log)     `hugo server` (rendering to disk): its own
                                                  "Total in N ms" for the rebuild
    sitegen_serve_rebuilds(ws, runs, search, log) site-gen serve's rebuild (serve.Preview.rebuild,
                                                  the function its watcher calls), in a child process

    python -m bench.rebuilds CONTENT CONFIG WORK --runs N --search on|off --edit DUMP

The child builds the preview folder once, then, N times, edits DUMP as bench/run.py's "one"
scenario does and times the rebuild; it prints one line per rebuild: seconds, its own RSS
and that of its process tree (workers, Pagefind) just after, in bytes.  `site-gen serve`
builds with search on; with --search off the child builds as `--no-search` would.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.measure import Measure, hugo_binary


def hugo_server_rebuilds(ws, site: Path, runs: int, log) -> list[Measure]:
    """`hugo server` in `site`: its rebuild time after each one-dump change."""
    import psutil

    port = 1313 + os.getpid() % 1000
    scratch = tempfile.TemporaryDirectory(prefix="hugo-server-bench-")
    # It renders to disk, as site-gen serve does, into a folder of its own (not the site's public/).
    proc = subprocess.Popen([hugo_binary(), "server", "--bind", "127.0.0.1", "--port", str(port),
                             "--disableLiveReload", "--logLevel", "info", "--destination", scratch.name],
                            cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: [lines.append(line) for line in proc.stdout], daemon=True)
    reader.start()
    out = []
    try:
        _wait_for(lines, "Web Server is available", 1800)
        for run in range(runs):
            seen = len(lines)
            ws.change_one()
            text = _wait_for(lines, "Total in", 600, start=seen)
            ms = float(re.search(r"Total in ([\d.]+) ?ms", text).group(1))
            rss = psutil.Process(proc.pid).memory_info().rss
            out.append(Measure(ms / 1000, rss, rss))
            log(f"server run {run + 1}/{runs} {site.name:13} {ms / 1000:8.3f} s {rss / 2**20:8.1f} MiB (Hugo's own figure)")
            time.sleep(1.0)
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        scratch.cleanup()
    return out


def _wait_for(lines: list[str], needle: str, timeout: float, start: int = 0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in lines[start:]:
            if needle in line:
                return line
        time.sleep(0.02)
    raise RuntimeError(f"hugo server: no '{needle}' within {timeout} s:\n" + "".join(lines[-20:]))


def sitegen_serve_rebuilds(ws, runs: int, search: str, log) -> list[Measure]:
    """site-gen serve's rebuild after each one-dump change, timed inside a child process."""
    with tempfile.TemporaryDirectory(prefix="site-gen-serve-bench-") as work:
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
        cmd = [sys.executable, "-m", "bench.rebuilds", str(ws.content), str(ws.root / "site-gen" / "site.toml"),
               work, "--runs", str(runs), "--search", search, "--edit", str(ws.changed_dump())]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    ws.convert_changed()  # the child edited the dump: the Hugo and Pelican sites follow it
    out = []
    timed = [line for line in done.stdout.split("\n") if re.fullmatch(r"[\d.]+ \d+ \d+", line)]
    for run, line in enumerate(timed):
        seconds, rss, tree = line.split()
        out.append(Measure(float(seconds), int(tree), int(rss)))
        log(f"server run {run + 1}/{runs} site-gen serve {float(seconds):8.3f} s {int(rss) / 2**20:8.1f} MiB")
    return out


def _tree_rss() -> tuple[int, int]:
    import psutil

    me = psutil.Process()
    rss = me.memory_info().rss
    return rss, rss + sum(p.memory_info().rss for p in me.children(recursive=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("config", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--search", choices=("on", "off"), default="on")
    parser.add_argument("--edit", type=Path, required=True)
    args = parser.parse_args(argv)
    from bench.run import edit_dump
    from site_gen.commands import serve

    if args.search == "off":
        from site_gen.build.site import build

        serve.run_build = lambda content, out, config: build(content, out, config, search_index=False)
    preview = serve.Preview(args.content, args.config, args.work)
    if not preview.rebuild():
        return 1
    for _ in range(args.runs):
        edit_dump(args.edit)
        started = time.perf_counter()
        ok = preview.rebuild()
        seconds = time.perf_counter() - started
        if not ok:
            return 1
        rss, tree = _tree_rss()
        print(f"{seconds:.4f} {rss} {tree}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
