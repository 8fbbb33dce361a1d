"""What a producer is, and what an incremental build needs to know about it.

build.site.producers() lists every kind of output.  An entry is either

- a plain function ``produce(site, env) -> Iterator[(path, text | bytes)]``: it sees the
  whole Site, so every build (even an incremental one) loads every blog's model for it
  and runs it; its files are still rewritten only when their bytes change; or

- a ``Split`` producer, which the build can run incrementally and in parallel:

  ``per_blog(blog, ctx) -> (pages, fragment)``
      runs in a worker process once per blog whose dump (or the templates, the config,
      the program) changed.  ``pages`` are (path, data) pairs that depend on that blog
      only (its page, its feed, ...); ``fragment`` is a small picklable value (plain data,
      strings, Markup) kept in the cache and handed to ``site`` later.
  ``site(fragments, ctx) -> Iterator[(path, data)]``
      runs in every build that is not a no-op, with the fragments of ALL blogs (cached
      ones for unchanged blogs) in site order: oldest first by (first entry, slug):
      the ``linked`` step's fragments when the producer has one, else the ``per_blog``
      step's.  The home page, site-wide feeds and topic pages are made here from
      fragments ("the newest 100 entries of this blog", "rows per topic"), never from
      models.  ``ctx.site.topics`` holds the topics (with their mentions).

  ``linked(blog, ctx, around) -> (pages, fragment)``
      runs after the site-wide topics phase, in a worker, with the blog's entries'
      topics set (``entry.topics``; ``ctx.site.topics`` names them) and an input
      ``around`` chosen by ``linked_input``:
        "neighbours"  (previous, next): the ``per_blog`` fragments of the blogs just
                      before and after this one in site order (None at either end),
                      for the blog page's previous/next links;
        "topics"      the blog's entry topic links (see entry_topic_links);
        "wanted"      the anchors of this blog's entries that site-wide feeds want
                      (the newest entries of each topic).
      An incremental build runs it for a changed blog, and for an unchanged one only
      when the hash of its input (and of its topic links) differs from the one its
      pages were made with (``around_digest``); so a one-dump change re-renders that
      blog's page and at most its two neighbours'.

  ``early(blogs, ctx) -> Iterator[(path, make)]``
      runs in every build that is not a no-op, before the topics phase, with every blog's
      model on demand: ``blogs`` is (key, load) per blog in site order, ``key`` naming the
      model (the same key, the same blog) and ``load()`` giving it.  Each ``make(path, live,
      receive)`` writes a file in a process of its own, begun at once: the work that needs
      no topic is done while they are found, and ``receive()`` waits for the rest, which
      the site step yields for that path as ``Later(value)`` (``ctx.begun`` names the files
      begun; where none was, as in ``Split.__call__``, the site step makes the file itself).

Any step may be None.  ``ctx.site`` holds the settings only (``ctx.site.blogs`` is
empty): a per-blog step must not depend on other blogs, or its page goes stale.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

Output = Iterator[tuple[str, "str | bytes"]]


@dataclass(frozen=True)
class Context:
    site: Any  # model.Site with config and no blogs
    env: Any  # jinja2.Environment, templates compiled once per process
    site_templates: Path | None
    blobs: Any = None  # build.store.Blobs: bulky per-blog data a site step loads on demand (None: keep it inline)
    curated: Any = None  # topics.curated.Curated: topics.toml, for the per-blog topic scan
    # A site step's memory between builds: `previous` is what it put in `state` in the last
    # build (None in a full build, or when the output or the cache cannot be trusted); a page
    # whose inputs hash as they did then is yielded as (path, KEEP): the live file stays.
    previous: dict | None = None
    state: dict | None = None
    # spread(pages, shards): `pages(shard)` for each shard, each in a process of its own where
    # the build can fork one; yields (path, text or Written, extra) for every (path, text, extra)
    # they yield (build/parallel.py).  None: one shard after the other, here.
    spread: Callable | None = None
    begun: frozenset = frozenset()  # the files this producer's early step began (their rest: Later)


KEEP = object()  # yielded by a site step instead of a page's text: "unchanged since the last build"


class Written(NamedTuple):
    """Yielded by a site step instead of a page's text: another process wrote the page (Context.spread)."""

    changed: bool  # its bytes differ from the live file's (else the live file stays)


class Later(NamedTuple):
    """Yielded by a site step for a file its early step began: what that file's maker waits for."""

    value: object


class Kept(NamedTuple):
    """A bulky fragment: in the cache's blobs (`blob`) when there is one, else the value itself."""

    blob: str | None
    value: object = None

    def load(self, blobs):  # ctx.blobs: the build's store.Blobs, or None
        return self.value if self.blob is None else blobs.load(self.blob)


def blob_keys(fragment):
    """The blobs a fragment refers to (a Kept, or a tuple holding some): what the cache must keep."""
    if isinstance(fragment, Kept):
        if fragment.blob is not None:
            yield fragment.blob
    elif isinstance(fragment, tuple):
        for part in fragment:
            yield from blob_keys(part)


def kept(value, ctx) -> Kept:
    """`value` kept for a site step: in ctx.blobs when the build has a cache."""
    return Kept(None, value) if ctx.blobs is None else Kept(ctx.blobs.save(value))


@dataclass(frozen=True)
class Split:
    name: str  # unique; keys this producer's fragments in the cache
    per_blog: Callable[[Any, Context], tuple[Iterable[tuple[str, "str | bytes"]], Any]] | None = None
    site: Callable[[list, Context], Iterable[tuple[str, "str | bytes"]]] | None = None
    linked: Callable[[Any, Context, Any], tuple[Iterable[tuple[str, "str | bytes"]], Any]] | None = None
    linked_input: str = "neighbours"  # what `linked` gets as `around`: "neighbours", "topics" or "wanted"
    early: Callable[[list, Context], Iterable[tuple[str, Callable]]] | None = None
    # The site step reads its (linked) fragments one by one, in order, and never needs them all
    # at once: a build then runs it while the workers are still making the blogs' linked pages.
    site_streams: bool = False

    def __call__(self, site, env) -> Output:
        """Run every step over a whole in-memory Site, as a plain producer would."""
        from site_gen.model import Site

        ctx = Context(Site(config=site.config, blogs=(), topics=site.topics), env, env.globals.get("site_templates"))
        fragments = []
        for blog in site.blogs:
            outputs, fragment = self.per_blog(blog, ctx) if self.per_blog else ((), None)
            yield from outputs
            fragments.append(fragment)
        if self.linked:
            if self.linked_input == "neighbours":
                inputs = around(fragments)
            elif self.linked_input == "topics":
                inputs = [entry_topic_links(site, blog) for blog in site.blogs]
            else:
                wanted = wanted_anchors(site.topics, [(b.slug, [(e.published, e.anchor) for e in b.entries])
                                                      for b in site.blogs], site.config.feed_limit)
                inputs = [wanted.get(blog.slug, ()) for blog in site.blogs]
            linked_fragments = []
            for blog, value in zip(site.blogs, inputs):
                outputs, fragment = self.linked(blog, ctx, value)
                yield from outputs
                linked_fragments.append(fragment)
            fragments = linked_fragments
        if self.site:
            yield from self.site(fragments, ctx)


TOPICS = "topics"  # key in a linked step's input: the blog's entry topic links (see with_topic_links)


class TopicLinks(NamedTuple):
    """What a blog's linked steps need of the site-wide topics phase: which topics each entry
    names, and how (`written`: the words the entry uses), and those topics' names and `forms`
    (name and aliases, longest first: how a mention is found in a sentence).

    The (slug, written) pairs are the topics phase's own tuples, shared, not copied: a site has
    hundreds of thousands of them, and every blog's links are held until its linked step runs.
    """

    entries: tuple = ()  # ((anchor, ((slug, written), ...)), ...) in the blog's order
    topics: tuple = ()  # ((slug, name, forms), ...) for the slugs the entries name, by slug


def entry_topic_links(site, blog) -> TopicLinks:
    """A blog's TopicLinks from a whole in-memory Site (topic_links_of makes the same from scans)."""
    by_slug = site.topics_by_slug
    written = {}
    for slug in {s for e in blog.entries for s in e.topics}:
        topic = by_slug.get(slug)
        for m in topic.mentions if topic else ():
            if m.blog == blog.slug:
                written[m.anchor, slug] = m.text
    entries = tuple((e.anchor, tuple((slug, written.get((e.anchor, slug), by_slug[slug].name))
                                     for slug in e.topics if slug in by_slug))
                    for e in blog.entries)
    forms = topic_forms(site.topics)
    return TopicLinks(entries, _named({slug for _, pairs in entries for slug, _ in pairs},
                                      {slug: t.name for slug, t in by_slug.items()}, forms))


def topic_forms(topics) -> dict[str, tuple[str, ...]]:
    """slug -> the topic's name and aliases, longest first (how its mention is found in a sentence)."""
    return {t.slug: tuple(sorted({t.name, *t.aliases}, key=lambda f: (-len(f), f))) for t in topics}


def topic_links_of(index, names: dict, forms: dict, scan, position: int) -> TopicLinks:
    """The TopicLinks of the blog at `position` in site order, from a topics.TopicIndex and its scan."""
    entries = index.entries[position]
    return TopicLinks(tuple(zip([anchor for _, anchor in scan.entries], entries)),
                      _named({slug for pairs in entries for slug, _ in pairs}, names, forms))


def _named(slugs: set, names: dict, forms: dict) -> tuple:
    return tuple((slug, names[slug], forms[slug]) for slug in sorted(slugs))


TOPIC_FEED_LIMIT = 20  # newest entries in each topic's feeds


def wanted_anchors(topics, blogs: list, feed_limit: int) -> dict[str, tuple[str, ...]]:
    """Blog slug -> anchors of its entries that the site's feeds (its newest `feed_limit`) or a
    topic's feeds (each topic's newest TOPIC_FEED_LIMIT, with every entry of the same minute as
    the last of them) hold.  `blogs`: [(slug, [(published, anchor), ...] in the blog's order)]."""
    keyed = ((published, slug, i, anchor) for slug, entries in blogs for i, (published, anchor) in enumerate(entries))
    found: dict[str, set] = {}
    for _, slug, _, anchor in heapq.nlargest(feed_limit, keyed):  # as feeds order items
        found.setdefault(slug, set()).add(anchor)
    for topic in topics:
        for m in newest_mentions(topic.mentions):
            found.setdefault(m.blog, set()).add(m.anchor)
    return {blog: tuple(sorted(anchors)) for blog, anchors in found.items()}


def newest_mentions(mentions: tuple) -> tuple:
    """The newest TOPIC_FEED_LIMIT of a topic's (chronological) mentions, and any of the same minute."""
    if len(mentions) <= TOPIC_FEED_LIMIT:
        return mentions
    cut = mentions[-TOPIC_FEED_LIMIT].published
    return mentions[bisect_left(mentions, cut, key=lambda m: m.published):]


def with_topic_links(blog, ctx: Context, links: TopicLinks):
    """The blog with Entry.topics set, and a context whose site knows those topics' names."""
    import dataclasses

    from site_gen.model import Site, Topic

    by_anchor = dict(links.entries)
    entries = tuple(e.with_topics(tuple(slug for slug, _ in by_anchor.get(e.anchor, ()))) for e in blog.entries)
    topics = tuple(Topic(slug=slug, name=name) for slug, name, _ in links.topics)
    site = Site(config=ctx.site.config, blogs=(), topics=topics)
    return dataclasses.replace(blog, entries=entries), dataclasses.replace(ctx, site=site)


def is_split(producer) -> bool:
    return isinstance(producer, Split)


def around(fragments: list) -> list[tuple]:
    """(previous, next) fragment of each position of `fragments` (site order); None at the ends."""
    last = len(fragments) - 1
    return [(fragments[i - 1] if i > 0 else None, fragments[i + 1] if i < last else None)
            for i in range(len(fragments))]


def around_digest(value) -> str:
    """A stable hash of a linked step's input: pages made from equal inputs are equal.

    Equal values hash the same however their parts are shared: the pickler's memo is off
    (`fast`), so an object met twice is written twice, not as a reference.  (With the memo,
    the digests of a build's fresh fragments differed from those of the same fragments read
    back from the cache, whose dict keys are no longer one object: every blog's linked
    pages were made again in the build after a clean one.)"""
    import hashlib
    import io
    import pickle

    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=4)
    pickler.fast = True
    pickler.dump(value)
    return hashlib.sha256(out.getbuffer()).hexdigest()
