"""What the topic index costs on a large site (not a test: no timing is asserted anywhere).

    python tests/bench_topics.py [ENTRIES] [ROUNDS]

Writes a synthetic site of about ENTRIES entries (default 40,000): the sample dump
repeated, one blog per day, into a temporary folder, then builds it ROUNDS times
(default 3) in three ways, interleaved so that machine load affects all alike:

    baseline     no topics phase, no topic pages (what the build cost before topics)
    extraction   the topics phase, and the topic links it puts on blog pages
    full         extraction and the topic pages

and prints the best CPU time of each, the topics phase alone, and the cost per
1,000 entries.  CPU time (time.process_time) is used because wall time on a
shared machine mostly measures the other processes.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_gen import build as B  # noqa: E402
from site_gen import topic_pages  # noqa: E402
from site_gen.config import Config  # noqa: E402
from site_gen.render import environment  # noqa: E402
from site_gen.write import staged_output  # noqa: E402


def make_site(root: Path, entries: int) -> Path:
    sample = (REPO / "content" / "2022-11-10-ukraine-kherson.txt").read_text(encoding="utf-8")
    per_blog = 18
    content = root / "content"
    content.mkdir()
    start = dt.date(2015, 1, 1)
    for i in range(-(-entries // per_blog)):
        day = start + dt.timedelta(days=i)
        (content / f"{day}-live-{i:05d}.txt").write_text(f"---\ntitle: Live {i}\n---\n" + sample, encoding="utf-8")
    return content


def one_build(content: Path, out: Path, mode: str) -> dict:
    times = {}
    c = time.process_time()
    site, _ = B.load_site(content, Config())
    times["load"] = time.process_time() - c
    c = time.process_time()
    if mode != "baseline":
        site = B.load_topics(site, content.parent / "site.toml")  # no topics.toml there: nothing curated
    times["topics phase"] = time.process_time() - c
    env = environment(None)
    env.globals["site_templates"] = None
    producers = [p for p in B.PRODUCERS if mode == "full" or p is not topic_pages.topic_pages]
    c = time.process_time()
    with staged_output(out) as writer:
        for produce in producers:
            for path, data in produce(site, env):
                writer.write(path, data)
    times["render and write"] = time.process_time() - c
    times["total"] = sum(times.values())
    times["entries"] = sum(len(b.entries) for b in site.blogs)
    return times


def main() -> None:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 40_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    root = Path(tempfile.mkdtemp(prefix="site-gen-bench-"))
    try:
        content = make_site(root, entries)
        best: dict[str, dict] = {}
        for _ in range(rounds):
            for mode in ("baseline", "extraction", "full"):
                result = one_build(content, root / "build", mode)
                if mode not in best or result["total"] < best[mode]["total"]:
                    best[mode] = result
                shutil.rmtree(root / "build", ignore_errors=True)
        n = best["baseline"]["entries"]
        base = best["baseline"]["total"]
        print(f"{n} entries, best of {rounds} rounds, CPU seconds")
        for mode, t in best.items():
            parts = ", ".join(f"{k} {v:.2f}" for k, v in t.items() if k not in ("total", "entries"))
            print(f"  {mode:<10} {t['total']:6.2f}  (+{100 * (t['total'] - base) / base:5.1f}%)  {parts}")
        phase = min(best["extraction"]["topics phase"], best["full"]["topics phase"])
        print(f"topics phase alone: {phase:.2f} s = {1000 * phase / n * 1000:.1f} ms per 1,000 entries "
              f"= {100 * phase / base:.1f}% of the baseline build")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
