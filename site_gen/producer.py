"""What a producer is, and what an incremental build needs to know about it.

build.PRODUCERS lists every kind of output.  An entry is either

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
      ones for unchanged blogs) in site order: oldest first by (first entry, slug).
      The home page, site-wide feeds and topic pages are made here from fragments
      ("the newest 100 entries of this blog", "entries per topic"), never from models.

  ``linked(blog, ctx, around) -> pages``
      for pages that show a little of the blogs beside them (the blog page's
      previous/next links).  It runs after every blog's ``per_blog`` step, in a worker,
      with ``around = (previous, next)``: the ``per_blog`` fragments of the blogs just
      before and after this one in site order (None at either end).  An incremental
      build runs it for a changed blog, and for an unchanged one only when the hash of
      its ``around`` differs from the one its pages were made with (``around_digest``);
      so a one-dump change re-renders that blog's page and at most its two neighbours'.

Any step may be None.  ``ctx.site`` holds the settings only (``ctx.site.blogs`` is
empty): a per-blog step must not depend on other blogs, or its page goes stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Output = Iterator[tuple[str, "str | bytes"]]


@dataclass(frozen=True)
class Context:
    site: Any  # model.Site with config and no blogs
    env: Any  # jinja2.Environment, templates compiled once per process
    site_templates: Path | None
    blobs: Any = None  # cache.Blobs: bulky per-blog data a site step loads on demand (None: keep it inline)


@dataclass(frozen=True)
class Split:
    name: str  # unique; keys this producer's fragments in the cache
    per_blog: Callable[[Any, Context], tuple[Iterable[tuple[str, "str | bytes"]], Any]] | None = None
    site: Callable[[list, Context], Iterable[tuple[str, "str | bytes"]]] | None = None
    linked: Callable[[Any, Context, tuple], Iterable[tuple[str, "str | bytes"]]] | None = None

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
            for blog, value in zip(site.blogs, around(fragments)):
                yield from self.linked(blog, ctx, value)
        if self.site:
            yield from self.site(fragments, ctx)


TOPICS = "topics"  # key in a linked step's input: the blog's entry topic links (see with_topic_links)


def entry_topic_links(site, blog) -> tuple:
    """What a blog page needs of the site-wide topics phase: (anchor, ((slug, name), ...)) per entry."""
    by_slug = site.topics_by_slug
    return tuple((e.anchor, tuple((slug, by_slug[slug].name) for slug in e.topics if slug in by_slug))
                 for e in blog.entries)


def with_topic_links(blog, ctx: Context, links: tuple):
    """The blog with Entry.topics set, and a context whose site knows those topics' names."""
    import dataclasses

    from site_gen.model import Site, Topic

    by_anchor = dict(links)
    entries = tuple(e.with_topics(tuple(slug for slug, _ in by_anchor.get(e.anchor, ()))) for e in blog.entries)
    names = {slug: name for pairs in by_anchor.values() for slug, name in pairs}
    topics = tuple(Topic(slug=slug, name=name) for slug, name in sorted(names.items()))
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
    """A stable hash of a linked step's input: pages made from equal inputs are equal."""
    import hashlib
    import pickle

    return hashlib.sha256(pickle.dumps(value, protocol=4)).hexdigest()
