"""The site-wide topics phase of a build, from the scans the blogs' workers made and cached.

The topics merge (topics.index.merge_scans) reads every blog's scan twice, one at a time,
loaded from the cache, and takes from the last build what it judged of runs and evidence
that have not changed (topics_memo.py), and each blog's entry topics when nothing they were
found from has changed (topics_rows.py); the rows go to a file, and each blog's topic links
are made again each time they are asked for: memory stays flat however large the site.
"""

from __future__ import annotations

from site_gen.build.plan import Plan
from site_gen.build.store import Blobs
from site_gen.build.topics_memo import TopicsMemo
from site_gen.build.topics_rows import KeptRows
from site_gen.model import Site
# Modules, not their functions: bench/topics.py times merge_scans and topic_links_of where called.
from site_gen.render import producer
from site_gen.render.topic_pages import SCAN
from site_gen.topics import index as topic_index


def topics_phase(plan: Plan, in_site_order, config, curated):
    """The site with its topics, each blog's entry topic links (made when asked for) and the
    anchors topic feeds want of it."""
    memo = TopicsMemo(plan.fingerprint, plan.store.load_memo(), plan.store.save_memo)
    kept = KeptRows(plan.store, memo, [r.fragments[SCAN].blob for r in in_site_order])
    index = topic_index.merge_scans(_CachedScans(in_site_order, Blobs(plan.store.folder)), curated,
                                    rows=kept.rows, language=config.language, memo=memo, kept_rows=kept)
    plan.notes.append(f"topics: {kept.taken} blogs' entry topics taken from the last build, "
                      f"{len(in_site_order) - kept.taken} read again")
    del memo, kept
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


