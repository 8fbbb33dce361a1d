"""The site-wide topics phase of a build, from the scans the blogs' workers made and cached.

The topics merge (topics.index.merge_scans) reads every blog's scan twice, one at a time,
loaded from the cache, and takes from the last build what it judged of runs and evidence
that have not changed (topics_memo.py), and each blog's entry topics when nothing they were
found from has changed (topics_rows.py); the rows go to a file, and each blog's topic links
are made again each time they are asked for: memory stays flat however large the site.
"""

from __future__ import annotations

import hashlib
from array import array

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
    plan.notes.append(f"topics: {kept.taken} blogs' entry topics taken from the last build ({kept.unread} unread: "
                      f"what they read of the site is the same), {len(in_site_order) - kept.taken} read again")
    del memo
    site = Site(config=config, blogs=(), topics=index.topics, blog_titles={b.slug: b.title for b in index.blogs})
    links = _TopicLinksOf(index, producer.topic_forms(index.topics), [r.name for r in in_site_order])
    _unchanged_links(plan, links, kept, in_site_order)
    plan.notes.append(f"topic links: {len(links.unchanged)} blogs' known to be the last build's")
    del kept
    by_slug = producer.wanted_anchors(index.topics, [(b.slug, b.entries) for b in index.blogs], config.feed_limit)
    wanted = {r.name: by_slug.get(r.slug, ()) for r in in_site_order}
    return site, links, wanted


LINKS_STATE = "(topic links)"  # the site state's key for what _unchanged_links keeps (no producer's name)


def _unchanged_links(plan: Plan, links: _TopicLinksOf, kept: KeptRows, in_site_order) -> None:
    """Which blogs' topic links are those of the last build, known without making them (making and
    hashing every blog's was 0.4 s of a one-dump build at 1,000 blogs): a blog whose row was taken
    from what the last build kept (KeptRows.same) and none of whose topics changed its slug, name
    or forms.  Only when what was kept is what the last finished build used: its blogs' digests
    of their links are in the manifest, and a build that failed after keeping its rows saved none."""
    faces = [hashlib.sha256(repr((slug, links.names[slug], links.forms[slug])).encode()).digest()[:16]
             if slug is not None else b"" for slug in links.index.entries.slugs]
    links.state = {"rows": kept.token, "faces": faces}
    keeping = plan.trusted and not plan.fresh and plan.previous is not None
    before = (plan.store.load_site_state(plan.previous) or {}).get(LINKS_STATE) if keeping else None
    if not before or not kept.kept_token or before["rows"] != kept.kept_token:
        return
    old = before["faces"]
    changed = {t for t, face in enumerate(faces) if t >= len(old) or old[t] != face}
    for record in in_site_order:
        ids = kept.same.get(record.slug)
        if ids is not None and changed.isdisjoint(array("i", ids)):
            links.unchanged.add(record.name)


class _CachedScans:
    """Every blog's scan in site order, loaded from the cache one at a time (merge_scans reads
    them twice, the second time only those it must: packed.read_rows)."""

    def __init__(self, records, blobs):
        self.records, self.blobs = records, blobs

    def __iter__(self):
        for record in self.records:
            yield record.fragments[SCAN].load(self.blobs)

    def __getitem__(self, position: int):
        return self.records[position].fragments[SCAN].load(self.blobs)


class _TopicLinksOf:
    """Blog name -> its producer.TopicLinks, made each time it is asked for: a site's worth of
    them is as large as the topic index itself, and each is needed twice, briefly (for the hash
    that says whether the blog's linked pages change, then for the linked job itself)."""

    def __init__(self, index, forms: dict, names: list[str]):
        self.index = index
        self.names = {t.slug: t.name for t in index.topics}
        self.forms = forms
        self.position = {name: i for i, name in enumerate(names)}
        self.unchanged: set[str] = set()  # blogs whose links are the last build's (_unchanged_links)
        self.state: dict = {}  # what the next build's _unchanged_links compares with

    def __contains__(self, name: str) -> bool:
        return name in self.position

    def __getitem__(self, name: str):
        i = self.position[name]
        return producer.topic_links_of(self.index, self.names, self.forms, self.index.blogs[i], i)

    def get(self, name: str, default=None):
        return self[name] if name in self.position else default


