"""bench/run.py's results as Markdown: one table per search setting, ratios from the same run.

    report(ws, results, runs, argv) -> str
    write_results(path, key, text)      replace this corpus size's block in a Markdown file
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shlex
import statistics
import subprocess

from bench.measure import Measure, hugo_binary

SCENARIO_NAMES = {"clean": "clean build", "one": "one dump changed", "none": "nothing changed",
                  "server": "rebuild in the server, one dump changed"}
HUGOS = ("hugo", "hugo-samework")  # the tools site-gen's time is divided by
MiB = 2 ** 20


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def versions(tools) -> str:
    from site_gen import __version__

    parts = [f"site-gen {__version__}"]
    if any(t in HUGOS for t in tools):
        try:
            parts.append(" ".join(subprocess.run([hugo_binary(), "version"], capture_output=True,
                                                 text=True).stdout.split()[0:2]))
        except Exception:  # noqa: BLE001 - only a label
            pass
    for tool, package in (("pelican", "pelican"), ("site-gen", "pagefind_bin")):
        if tool in tools:
            try:
                from importlib.metadata import version

                parts.append(f"{package.split('_')[0]} {version(package)}")
            except Exception:  # noqa: BLE001
                pass
    return ", ".join(parts)


def _median(ms: list[Measure]) -> float:
    return statistics.median(m.seconds for m in ms)


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f}"


def table(rows: dict, search: str, tools) -> list[str]:
    """One search setting's rows: every scenario, every tool, each time also as a multiple of each Hugo's."""
    hugos = [h for h in HUGOS if h in tools]
    head = ("| scenario | tool | median s | min s | max s | "
            + "".join(f"÷ {h} | " for h in hugos)
            + "CPU s | largest process MiB | process tree MiB | Pagefind MiB | output files | output MB "
              "| written files | written MB |")
    lines = [head, "|---|---|" + "---:|" * (3 + len(hugos) + 8)]
    for scenario in SCENARIO_NAMES:
        for tool in tools:
            ms = rows.get((scenario, search, tool))
            if not ms:
                continue
            secs = [m.seconds for m in ms]
            median = statistics.median(secs)
            ratios = []
            for h in hugos:
                # A server rebuild is compared with a fresh build of the same change.
                base = rows.get(("one" if scenario == "server" else scenario, search, h))
                ratios.append(f"{median / _median(base):.3f}" if base else "")
            last = ms[-1]
            server = scenario == "server"
            lines.append(
                f"| {SCENARIO_NAMES[scenario]} | {tool} | {median:.3f} | {min(secs):.3f} | {max(secs):.3f} | "
                + "".join(f"{r} | " for r in ratios)
                + (f"{statistics.median(m.cpu for m in ms):.2f} | " if not server else " | ")
                + f"{max(m.largest for m in ms) / MiB:.0f} | "
                + f"{max(m.tree for m in ms) / MiB:.0f} | "
                + (f"{max(m.pagefind for m in ms) / MiB:.0f}" if any(m.pagefind for m in ms) else "") + " | "
                + ("| | | |" if server else
                   f"{last.files:,} | {_mb(last.bytes)} | {last.written_files:,} | {_mb(last.written_bytes)} |"))
    return lines


def report(ws, results, runs: int, argv: list[str]) -> str:
    lines = [
        f"### {ws.blogs:,} blogs × {ws.entries} entries ({ws.blogs * ws.entries:,} entries)",
        "",
        f"- command: `python -m bench.run {shlex.join(argv)}`",
        f"- date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- machine: {machine()}",
        f"- tools: {versions(ws.tools)}",
        f"- load average (1 min) at start and end: {results.load[0]:.1f}, {results.load[1]:.1f} "
        "(the machine is shared: other jobs ran too)",
        f"- {runs} run{'s' if runs != 1 else ''} per tool and scenario, tools interleaved; median wall time; "
        "÷ hugo: this row's median over that Hugo site's median for the same scenario in this run; CPU: median "
        "user + system seconds of the build and its children; memory polled (every 5 ms at first, "
        "50 ms in long builds): the largest process, the largest sum over the process tree, the largest "
        "Pagefind process; output: the output folder after the last run, and what that run wrote",
        "- hugo: the blog-level site (one page per blog, blogs tagged); hugo-samework: the same work as "
        "site-gen (bench/samework.py says what it does and does not do)",
    ]
    for search in results.searches:
        lines += ["", f"#### search {search}"
                  + (": site-gen runs Pagefind; each Hugo site is followed by Pagefind over its blog pages"
                     if search == "on" else ""), ""]
        lines += table(results.rows, search, ws.tools)
    lines += results.notes
    return "\n".join(lines) + "\n"


def write_results(path, key: str, text: str) -> None:
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
