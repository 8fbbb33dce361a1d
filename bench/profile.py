"""Where a clean site-gen build spends its time: a profile summary by phase.

    python -m bench.profile --blogs 300 --entries 40 [--top 15]

Builds the generated corpus once in this process (one worker, so the profiler sees
everything) under cProfile with CPU time, and prints the share of each phase and
the functions with the most time of their own.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from bench.run import Workspace

PHASES = (  # (label, file suffix, function name): cumulative time of that function
    ("read + parse dumps", "site_gen/read/parse.py", "parse"),
    ("  of which front matter (YAML)", "site_gen/read/frontmatter.py", "split_front_matter"),
    ("topic extraction: scan each blog", "site_gen/topics/scan.py", "scan_blog"),
    ("topic extraction: site-wide merge", "site_gen/topics/index.py", "merge_scans"),
    ("blog pages", "site_gen/render/pages.py", "_blog_page"),
    ("  of which views (model -> template values)", "site_gen/render/views.py", "blog_page"),
    ("blog feeds (and the items site and topic feeds keep)", "site_gen/render/feeds.py", "_blog_feeds"),
    ("topic page rows (per blog)", "site_gen/render/topic_pages.py", "_rows"),
    ("topic pages (site step)", "site_gen/render/topic_pages.py", "_topic_pages"),
    ("site and topic feeds (site step)", "site_gen/render/feeds.py", "_site_and_topic_feeds"),
    ("inline Markdown (everywhere)", "site_gen/render/markup.py", "render_inline"),
    ("templates (Jinja render, everywhere)", "jinja2/environment.py", "render"),
    ("whole build", "site_gen/build/incremental.py", "run"),
)


def profile(ws: Workspace) -> pstats.Stats:
    from site_gen.build.site import build

    out = ws.root / "profile-build"
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    build(ws.content, out, ws.root / "site-gen" / "site.toml", clean=True, workers=1, search_index=False)
    profiler.disable()
    return pstats.Stats(profiler)


def summary(stats: pstats.Stats, top: int) -> str:
    total = max(ct for (_, _, _, ct, _) in stats.stats.values())
    cumulative: dict[tuple[str, str], float] = {}
    for (filename, _, name), (_, _, _, ct, _) in stats.stats.items():
        key = (filename.replace("\\", "/"), name)
        cumulative[key] = cumulative.get(key, 0.0) + ct
    lines = [f"CPU time under the profiler: {total:.2f} s", "", "| phase | share |", "|---|---:|"]
    for label, suffix, name in PHASES:
        spent = sum(ct for (f, n), ct in cumulative.items() if f.endswith(suffix) and n == name)
        lines.append(f"| {label} | {100 * spent / total:.0f} % |")
    lines += ["", "| function (own time) | calls | own s |", "|---|---:|---:|"]
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    for (filename, line, name), (_, calls, own, _, _) in rows:
        short = "/".join(Path(filename).parts[-2:]) if filename != "~" else "builtin"
        lines.append(f"| `{short}:{line}({name})` | {calls} | {own:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blogs", type=int, default=300)
    parser.add_argument("--entries", type=int, default=40)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    ws = Workspace(Path(tempfile.gettempdir()) / f"site-gen-profile-{args.blogs}x{args.entries}",
                   args.blogs, args.entries, tools=("site-gen",))
    ws.prepare()
    print(summary(profile(ws), args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
