"""What the topic index costs in a real build (not a test: no timing is asserted anywhere).

    python -m bench.topics --blogs 1000 --entries 40 [--rounds 3] [--work DIR]

Builds the bench corpus (bench/corpus.py, the one bench/run.py uses) from scratch, in
this process (one worker: all the CPU time is this process's), ROUNDS times, and
times the parts of the build that belong to the topic index:

    extraction    reading every entry for names (topics.scan_blog, once per blog), the
                  site-wide merge (topics.merge_scans) and the entries' topic links it
                  gives the blog pages and feeds (producer.topic_links_of)
    topic pages   the rows of each blog (topic_pages._rows) and the topic pages written
                  from them (the topic_pages producer's site step)
    topic feeds   each topic's newest entries, from the items their blogs kept

It prints the median of each with the median build, and what extraction adds to a
build without it: extraction / (build - extraction).  Issue 5's bar is 20 %.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench.run import SITE_TOML, Workspace


class Clock:
    """Seconds spent inside wrapped functions, by label (generators: until exhausted)."""

    def __init__(self):
        self.spent: dict[str, float] = {}

    def wrap(self, label: str, func, generator: bool = False):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.add(label, time.perf_counter() - started)

        def timed_generator(*args, **kwargs):
            started = time.perf_counter()
            try:
                yield from func(*args, **kwargs)
            finally:
                self.add(label, time.perf_counter() - started)

        return timed_generator if generator else timed

    def add(self, label: str, seconds: float) -> None:
        self.spent[label] = self.spent.get(label, 0.0) + seconds


@contextmanager
def timed_topics(clock: Clock):
    """Wrap the topic index's functions where the build calls them; put them back after."""
    import dataclasses

    from site_gen.build import site as build
    from site_gen.render import feeds, producer, topic_pages
    from site_gen.topics import index as topics

    originals = []

    def patch(owner, name, label, generator=False):
        originals.append((owner, name, getattr(owner, name)))
        setattr(owner, name, clock.wrap(label, getattr(owner, name), generator))

    patch(topic_pages, "scan_blog", "extraction")  # looked up at call time by topic_pages._scan
    patch(topics, "merge_scans", "extraction")  # looked up at call time by build.topics_phase
    patch(producer, "topic_links_of", "extraction")
    patch(topic_pages, "_rows", "topic pages")
    split = topic_pages.topic_pages
    pages = dataclasses.replace(split, per_blog=topic_pages._scan, linked=topic_pages._rows,
                                site=clock.wrap("topic pages", split.site, generator=True))
    # The feeds' site step writes the site's feeds (wanted anyway) and the topics' feeds.
    feed_split = dataclasses.replace(feeds.feeds, site=clock.wrap("site and topic feeds", feeds.feeds.site,
                                                                  generator=True))
    everything = tuple(pages if p is split else feed_split if p is feeds.feeds else p for p in build.producers())
    originals.append((build, "producers", build.producers))
    build.producers = lambda: everything
    try:
        yield
    finally:
        for owner, name, value in reversed(originals):
            setattr(owner, name, value)


def one_build(ws: Workspace, out: Path) -> dict[str, float]:
    from site_gen.build.site import build

    clock = Clock()
    shutil.rmtree(out, ignore_errors=True)
    with timed_topics(clock):
        started = time.perf_counter()
        result = build(ws.content, out, ws.root / "site-gen" / "site.toml", clean=True, workers=1,
                       search_index=False)
        clock.spent["build"] = time.perf_counter() - started
    clock.spent["entries"] = result.entries
    clock.spent["topics"] = result.topics
    return clock.spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blogs", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    root = args.work or Path(tempfile.gettempdir()) / f"site-gen-topics-{args.blogs}x{args.entries}"
    ws = Workspace(root, args.blogs, args.entries, tools=("site-gen",))
    ws.prepare()
    (root / "site-gen" / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    runs = [one_build(ws, root / "topics-build") for _ in range(args.rounds)]
    shutil.rmtree(root / "topics-build", ignore_errors=True)
    median = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in runs[0]}
    build_s, extraction = median["build"], median["extraction"]
    print(f"{int(median['entries'])} entries, {int(median['topics'])} topics; median of {args.rounds} clean "
          f"builds in one process (--no-search), seconds")
    print(f"  build                  {build_s:7.2f}")
    for label in ("extraction", "topic pages", "site and topic feeds"):
        print(f"  {label:<22} {median.get(label, 0.0):7.2f}  ({100 * median.get(label, 0.0) / build_s:4.1f} % of the build)")
    print(f"extraction adds {100 * extraction / (build_s - extraction):.1f} % to the build without it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
