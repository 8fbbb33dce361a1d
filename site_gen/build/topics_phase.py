"""The site-wide topics phase of a build, from the scans the blogs' workers made and cached.

The topics merge (topics.index.merge_scans) reads every blog's scan twice, one at a time,
loaded from the cache, and takes from the last build what it judged of runs and evidence
that have not changed (topics_memo.py); its per-blog rows go to a temporary file, and each blog's topic links
are made again each time they are asked for: memory stays flat however large the site.
"""

from __future__ import annotations

import tempfile
import threading
from array import array
from pathlib import Path

from site_gen.build.plan import Plan
from site_gen.build.store import Blobs
from site_gen.build.topics_memo import TopicsMemo
from site_gen.model import Site
# Modules, not their functions: bench/topics.py times merge_scans and topic_links_of where called.
from site_gen.render import producer
from site_gen.render.topic_pages import SCAN
from site_gen.topics import index as topic_index


def topics_phase(plan: Plan, in_site_order, config, curated):
    """The site with its topics, each blog's entry topic links (made when asked for) and the
    anchors topic feeds want of it."""
    memo = TopicsMemo(plan.fingerprint, plan.store.load_memo(), plan.store.save_memo)
    index = topic_index.merge_scans(_CachedScans(in_site_order, Blobs(plan.store.folder)), curated,
                                    rows=_SpilledRows(plan.store.folder), language=config.language, memo=memo)
    del memo
    site = Site(config=config, blogs=(), topics=index.topics, blog_titles={b.slug: b.title for b in index.blogs})
    links = _TopicLinksOf(index, producer.topic_forms(index.topics), [r.name for r in in_site_order])
    by_slug = producer.wanted_anchors(index.topics, [(b.slug, b.entries) for b in index.blogs], config.feed_limit)
    wanted = {r.name: by_slug.get(r.slug, ()) for r in in_site_order}
    return site, links, wanted


class _CachedScans:
    """Every blog's scan in site order, loaded from the cache one at a time (merge_scans reads twice)."""

    def __init__(self, records, blobs):
        self.records, self.blobs = records, blobs

    def __iter__(self):
        for record in self.records:
            yield record.fragments[SCAN].load(self.blobs)


class _SpilledRows:
    """Each blog's packed topics (the topics merge's rows), kept in a temporary file beside the
    cache, not in memory (47 MiB at 10,000 blogs): each is read back twice, briefly (_TopicLinksOf),
    by this thread or the pool's thread that hands out the linked jobs."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.file = tempfile.TemporaryFile(dir=folder, prefix="rows-")
        self.ends = array("q")  # where each blog's row ends in the file
        self.lock = threading.Lock()

    def append(self, row) -> None:
        with self.lock:
            row.tofile(self.file)
            self.ends.append(self.file.tell())

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int):
        start = self.ends[i - 1] if i else 0
        row = array("q")
        with self.lock:
            self.file.seek(start)
            row.fromfile(self.file, (self.ends[i] - start) // row.itemsize)
            self.file.seek(0, 2)  # (back to the end, where rows are appended)
        return row


class _TopicLinksOf:
    """Blog name -> its producer.TopicLinks, made each time it is asked for: a site's worth of
    them is as large as the topic index itself, and each is needed twice, briefly (for the hash
    that says whether the blog's linked pages change, then for the linked job itself)."""

    def __init__(self, index, forms: dict, names: list[str]):
        self.index = index
        self.names = {t.slug: t.name for t in index.topics}
        self.forms = forms
        self.position = {name: i for i, name in enumerate(names)}

    def __contains__(self, name: str) -> bool:
        return name in self.position

    def __getitem__(self, name: str):
        i = self.position[name]
        return producer.topic_links_of(self.index, self.names, self.forms, self.index.blogs[i], i)

    def get(self, name: str, default=None):
        return self[name] if name in self.position else default


