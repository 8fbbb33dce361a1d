"""Chronological feeds from the model: Atom 1.0, RSS 2.0 and JSON Feed 1.1.

    feeds                                 producer.Split: each blog's feeds, from that blog alone; the
                                          site's (newest `feed_limit` entries) and each topic's (newest
                                          TOPIC_FEED_LIMIT) from the items the blogs kept of the entries
                                          those feeds want
    all_feeds(site, env, topic_names)     the site's and blogs' feeds from a whole Site
    topic_feeds(site, env, slug=..., title=..., page_path=..., pairs=[(blog, entry), ...])
                                          the three feeds of one topic from a whole Site

Each scope becomes one `Feed` (plain values, newest item first); feed_formats.py
writes it in the three formats.  Everything a feed says comes from the model,
never from the clock, so the same input gives the same bytes.  Item ids are the
entries' permanent URLs (urls.entry_url): rebuilding, adding entries or moving
files never changes them.  The HTML of an item is the page's own text rendered
by the template feeds/entry.html (the shipped one written without Jinja, see
_entry_html), with links made absolute.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import jinja2

from site_gen import urls
from site_gen.render import feed_formats, views
from site_gen.render.localize import language_for
from site_gen.render.data.rows import author_of
from site_gen.render.markup import inline_text, render_inline
from site_gen.model import Blog, Entry, Site
from site_gen.render.producer import KEEP, TOPIC_FEED_LIMIT, Split, kept, newest_mentions
from site_gen.render.environment import default_templates_dir
from site_gen.text import first_sentence

Output = Iterator[tuple[str, str]]
Pair = tuple[Blog, Entry]
WRITERS = {"atom": feed_formats.atom, "rss": feed_formats.rss, "json": feed_formats.json_feed}

# Characters XML 1.0 forbids (C0 controls but tab, LF, CR; surrogates; U+FFFE/U+FFFF) and the
# C1 controls it discourages.  Removed from every text of every feed, JSON included, so the
# three formats carry the same item.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters an XML document cannot hold."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class FeedItem:
    id: str  # the entry's permanent URL: its id, its link and its RSS guid
    title: str  # plain text
    summary: str  # plain text, the entry's first sentence ("" when it has no text)
    content_html: str | None  # the entry's paragraphs as on the page, links absolute (None: kept written only)
    published: dt.datetime  # the entry's own time, with its offset; also its `updated`
    author: str
    categories: tuple[str, ...]
    language: str
    # Its text in each format, written once however many feeds hold it (feed_formats.item_text).
    written: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Feed:
    id: str  # the absolute URL of its Atom document (urls.feed_id)
    self_urls: dict  # format -> absolute URL of that document (rel="self", feed_url)
    page_url: str  # the HTML page the feed follows (rel="alternate", home_page_url)
    title: str
    subtitle: str
    author: str
    language: str
    items: tuple[FeedItem, ...]  # newest first
    complete: bool = False  # RFC 5005 / JSON Feed "expired": these items will never change
    # Its Atom document carries each entry's full text and categories (the site's and the blogs'
    # feeds); a topic's feeds, a "what's new" list, carry summaries in every format.
    full_text: bool = True

    @property
    def updated(self) -> dt.datetime:
        """The newest item's time: never the build's clock."""
        return max(item.published for item in self.items)


# --- producers -----------------------------------------------------------------------------

def all_feeds(site: Site, env: jinja2.Environment, topic_names: Mapping[str, str] | None = None) -> Output:
    """The site's feeds (newest `feed_limit` entries of all blogs) and each blog's (all entries).

    `topic_names` (topic slug -> name) makes entries' topics their categories; without it
    an item's categories are its blog's front-matter tags.  No base_url: no feeds.
    """
    if not views.feeds_enabled(site):
        return
    items = _Items(site, env, topic_names)
    config = site.config
    every = [(blog, entry) for blog in site.blogs for entry in blog.entries]
    yield from _scope(site, urls.site_feed_path, urls.HOME, items.newest_first(every, limit=config.feed_limit),
                      title=config.title, subtitle=config.description,
                      author=config.author or config.title, language=config.language)
    for blog in site.blogs:
        yield from _scope(site, lambda fmt, slug=blog.slug: urls.blog_feed_path(slug, fmt), urls.blog_path(blog.slug),
                          items.newest_first([(blog, entry) for entry in blog.entries]),
                          title=blog.title, subtitle=_blog_subtitle(blog), author=author_of(site, blog),
                          language=blog.language, complete=blog.archived)


def _blog_feeds(blog: Blog, ctx, wanted: tuple[str, ...]):
    """One blog's three feeds, and the items of its entries that the site's and topics' feeds
    hold (`wanted`, see producer.wanted_anchors) with their sort keys, written in each format
    for those feeds.  A linked step: it runs after the site-wide topics phase, so each item's
    categories are its entry's topics (ctx.site.topics names them)."""
    site = ctx.site
    if not views.feeds_enabled(site) or not blog.entries:
        return [], None
    keyed = _Items(site, ctx.env, topic_names(site), blogs=(blog,)).keyed_newest_first(
        [(blog, e) for e in blog.entries])
    pages = list(_scope(site, lambda fmt: urls.blog_feed_path(blog.slug, fmt), urls.blog_path(blog.slug),
                        tuple(item for _, item in keyed), title=blog.title, subtitle=_blog_subtitle(blog),
                        author=author_of(site, blog), language=blog.language,
                        complete=blog.archived))
    if not wanted:
        return pages, None
    wanted = set(wanted)
    anchor_at = [e.anchor for e in blog.entries]  # a key is (published, blog slug, position in the blog)
    found = {}
    for key, item in keyed:
        anchor = anchor_at[key[2]]
        if anchor in wanted:
            for fmt in urls.FEED_FORMATS:
                feed_formats.item_text(item, fmt, site.config.language)  # the site's feeds
                feed_formats.item_text(item, fmt, site.config.language, full_text=False)  # a topic's
            # kept written: its texts are all the site step needs (a site holds many thousands)
            found[blog.slug, anchor] = (key, dataclasses.replace(item, title="", summary="", content_html=None,
                                                                 author="", categories=()))
    if not found:
        return pages, None
    return pages, (blog.slug, max(key for key, _ in found.values()), kept(found, ctx))


def topic_names(site: Site) -> dict[str, str] | None:
    """Topic slug -> name, for items' categories; None when the site has no topic index."""
    return {t.slug: t.name for t in site.topics} or None


def _site_and_topic_feeds(fragments: list, ctx) -> Output:
    """The site's feeds (its newest `feed_limit` entries) and each topic's (its newest
    TOPIC_FEED_LIMIT), from the items the blogs kept for them (`fragments`: (blog slug, key of
    its newest kept item, Kept items)); items as in the blog feeds.  A topic's feeds whose
    entries and items are those of the last build are kept as they are."""
    site = ctx.site
    if not views.feeds_enabled(site):
        return
    parts = {slug: (newest, held) for slug, newest, held in filter(None, fragments)}
    loaded: dict[str, dict] = {}

    def items_of(slug: str) -> dict:
        if slug not in loaded:
            loaded[slug] = parts[slug][1].load(ctx.blobs)
        return loaded[slug]

    config = site.config
    # Every one of the site's newest entries is kept by its blog, and every other kept one is
    # older: take blogs newest first until no further blog can have one of the newest.
    chosen: list = []
    for slug, (newest, _) in sorted(parts.items(), key=lambda part: part[1][0], reverse=True):
        if len(chosen) >= config.feed_limit and newest < chosen[-1][0]:
            break
        chosen = sorted(chosen + list(items_of(slug).values()), key=lambda pair: pair[0],
                        reverse=True)[:config.feed_limit]
    yield from _scope(site, urls.site_feed_path, urls.HOME, tuple(item for _, item in chosen),
                      title=config.title, subtitle=config.description,
                      author=config.author or config.title, language=config.language)
    previous = ctx.previous or {}
    state = ctx.state if ctx.state is not None else {}
    pending: dict[str, tuple] = {}  # topic slug -> (topic, its newest mentions) whose feeds are to write
    for topic in site.topics:
        if not topic.mentions:  # named only by front matter tags: nothing to follow
            continue
        newest = newest_mentions(topic.mentions)
        inputs = (topic.name, topic.description, [(m.blog, m.anchor, parts[m.blog][1].blob) for m in newest])
        digest = state[topic.slug] = hashlib.sha256(repr(inputs).encode()).hexdigest()
        if previous.get(topic.slug) == digest:
            for fmt in urls.FEED_FORMATS:
                yield urls.topic_feed_path(topic.slug, fmt), KEEP
        else:
            pending[topic.slug] = (topic, newest)
    # Each blog's items are loaded once, newest blogs first; a topic's feeds take the items
    # they need from it (and only those are held) and are written when their last blog is in.
    wants: dict[str, dict[str, list[str]]] = {}  # topic slug -> blog -> anchors its feeds hold
    for slug, (_, newest) in pending.items():
        for m in newest:
            wants.setdefault(slug, {}).setdefault(m.blog, []).append(m.anchor)
    needed_by: dict[str, list[str]] = {}
    for slug, blogs in wants.items():
        for blog in blogs:
            needed_by.setdefault(blog, []).append(slug)
    held: dict[str, list] = {}  # topic slug -> the (key, item) pairs gathered for its feeds
    for blog in sorted(needed_by, key=lambda b: (parts[b][0], b), reverse=True):
        items = loaded.pop(blog, None) or parts[blog][1].load(ctx.blobs)
        for slug in needed_by[blog]:
            gathered = held.setdefault(slug, [])
            gathered.extend(items[blog, anchor] for anchor in wants[slug].pop(blog))
            if wants[slug]:
                continue
            topic, _ = pending.pop(slug)
            keyed = sorted(held.pop(slug), key=lambda pair: pair[0], reverse=True)[:TOPIC_FEED_LIMIT]
            yield from _scope(site, lambda fmt, s=slug: urls.topic_feed_path(s, fmt),
                              urls.topic_path(slug), tuple(item for _, item in keyed),
                              title=f"{topic.name} · {config.title}", subtitle=topic.description,
                              author=config.author or config.title, language=config.language, full_text=False)


feeds = Split("feeds", linked=_blog_feeds, site=_site_and_topic_feeds, linked_input="wanted")


def topic_feeds(site: Site, env: jinja2.Environment, *, slug: str, title: str, page_path: str,
                pairs: Iterable[Pair], subtitle: str = "", limit: int | None = None,
                topic_names: Mapping[str, str] | None = None, items: "_Items | None" = None) -> Output:
    """The Atom, RSS and JSON feeds of one topic, as (path, text) for a producer to yield.

    slug:      the topic's slug; the feeds go to urls.topic_feed_path(slug, fmt)
    title:     the feed's title (e.g. "Kherson"); subtitle optional
    page_path: output path of the topic's HTML page (the feeds' alternate link)
    pairs:     the (blog, entry) pairs about the topic, in any order; at least one
    limit:     keep only the newest `limit` entries (None: all)
    items:     an item_maker(...) shared by every topic's feeds, so each entry's item is made once
    Items are exactly the blog feeds' items (same ids, same content).  No base_url: nothing.
    """
    if not views.feeds_enabled(site):
        return
    pairs = list(pairs)
    if not pairs:
        raise ValueError(f"topic '{slug}' has no entries: a feed needs at least one")
    config = site.config
    yield from _scope(site, lambda fmt: urls.topic_feed_path(slug, fmt), page_path,
                      (items or _Items(site, env, topic_names)).newest_first(pairs, limit=limit),
                      title=title, subtitle=subtitle, author=config.author or config.title, language=config.language,
                      full_text=False)


# --- from the model to feed items -------------------------------------------------------------

def entry_categories(blog: Blog, entry: Entry, topic_names: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The entry's topic names when a topic index names them, else the blog's tags."""
    if topic_names and entry.topics:
        return tuple(sorted(topic_names.get(slug, slug) for slug in entry.topics))
    return blog.tags


class _Items:
    """Feed items of one build, each made once even when several feeds hold it."""

    def __init__(self, site: Site, env: jinja2.Environment, topic_names: Mapping[str, str] | None,
                 blogs: Sequence[Blog] | None = None):
        self.site = site
        self.env = env
        self.template = env.get_template("feeds/entry.html")
        # The shipped template's output, written without Jinja (a site's own template is rendered).
        shipped = default_templates_dir()
        self.shipped = (self.template.filename == str(shipped / "feeds" / "entry.html")
                        and env.get_template("entry_body.html").filename == str(shipped / "entry_body.html"))
        self.topic_names = topic_names
        self.made: dict[tuple[str, str], FeedItem] = {}
        # Position of each entry in its blog's chronology (the model's order for ties).
        self.position = {(blog.slug, entry.anchor): i for blog in (site.blogs if blogs is None else blogs)
                         for i, entry in enumerate(blog.entries)}

    def newest_first(self, pairs: Sequence[Pair], limit: int | None = None) -> tuple[FeedItem, ...]:
        """Newest first; entries of the same minute in the reverse of the model's order, by blog."""
        return tuple(item for _, item in self.keyed_newest_first(pairs, limit))

    def keyed_newest_first(self, pairs: Sequence[Pair], limit: int | None = None) -> list[tuple[tuple, FeedItem]]:
        """(sort key, item) newest first: keys are unique, so merging parts gives the same order."""
        def key(pair: Pair):
            blog, entry = pair
            return entry.published, blog.slug, self.position.get((blog.slug, entry.anchor), entry.line)

        ordered = sorted(((key(pair), pair) for pair in pairs), key=lambda kp: kp[0], reverse=True)
        return [(k, self.item(blog, entry)) for k, (blog, entry) in ordered[:limit]]

    def item(self, blog: Blog, entry: Entry) -> FeedItem:
        key = (blog.slug, entry.anchor)
        if key not in self.made:
            self.made[key] = self._make(blog, entry)
        return self.made[key]

    def _make(self, blog: Blog, entry: Entry) -> FeedItem:
        root_url = self.site.config.root_url
        page_url = urls.absolute(root_url, urls.blog_path(blog.slug))
        lang = language_for(self.env, blog.language)  # an item's labels are in its blog's language
        if self.shipped:
            content = _entry_html(entry, page_url, lang)
        else:
            content = self.template.render(blocks=views.blocks_view(entry.blocks, base=page_url),
                                           **lang.context).strip()
        return FeedItem(
            id=urls.entry_url(root_url, blog.slug, entry.anchor),
            title=xml_safe(entry.title),
            summary=xml_safe(_summary(entry)),
            content_html=xml_safe(content),
            published=entry.published,
            author=xml_safe(author_of(self.site, blog)),
            categories=tuple(xml_safe(c) for c in entry_categories(blog, entry, self.topic_names)),
            language=blog.language,
        )


def _entry_html(entry: Entry, page_url: str, lang) -> str:
    """What templates/feeds/entry.html renders (stripped), without a template render per item:
    one <p> per block, the related line marked as the template marks it, its label in the blog's
    language (tests/test_feeds.py::test_entry_html_is_the_shipped_template_output)."""
    return "\n".join(_RELATED.format(lang.gettext("Related:"), render_inline(b.text, page_url))
                      if b.kind == "related" else f"<p>{render_inline(b.text, page_url)}</p>" for b in entry.blocks)


_RELATED = '<p class="related"><span class="related-label">{}</span> <cite>{}</cite></p>'


def _summary(entry: Entry) -> str:
    """First sentence of the entry's first paragraph, as plain text (Markdown syntax removed)."""
    if not entry.paragraphs:
        return ""
    return first_sentence(inline_text(entry.paragraphs[0].text), limit=300)


def _blog_subtitle(blog: Blog) -> str:
    if blog.summary:
        return blog.summary
    return render_inline(blog.lede[0].text).striptags() if blog.lede else ""


def _scope(site: Site, path_of: Callable[[str], str], page_path: str, items: tuple[FeedItem, ...],
           **fields) -> Output:
    """One feed in every format: ids and links from urls.py, texts made XML-safe."""
    root_url = site.config.root_url
    feed = Feed(id=urls.feed_id(root_url, path_of("atom")),
                self_urls={fmt: urls.absolute(root_url, path_of(fmt)) for fmt in urls.FEED_FORMATS},
                page_url=urls.absolute(root_url, page_path), items=items, **fields)
    feed = _clean(feed)
    for fmt in urls.FEED_FORMATS:
        yield path_of(fmt), WRITERS[fmt](feed)


def _clean(feed: Feed) -> Feed:
    """Feed-level texts come from site.toml and front matter: make them XML-safe too."""
    return dataclasses.replace(feed, title=xml_safe(feed.title), subtitle=xml_safe(feed.subtitle),
                               author=xml_safe(feed.author))
