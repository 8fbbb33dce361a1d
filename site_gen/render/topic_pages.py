"""The topic index, one page per topic and month pages for large topics (a producer.Split).

    per_blog  the blog's names (topics.scan_blog): the input of the site-wide topics phase
    linked    the blog's rows for topic pages, after the topics phase: per (entry, topic) the
              entry's date, time, headline and link (topic_mention.html, rendered once per
              entry) and the sentence naming the topic, as HTML ready to join
    site      topics/index.html; each topic's page, which lists its entries, or for a topic
              with more than MONTH_PAGES_ABOVE entries links one page per month
              (topics/<slug>.<yyyy-mm>.html) that lists them

The site step reads each blog's rows once, in site order, and writes a page as soon as
its last row has arrived, so memory holds only the pages still being filled.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from markupsafe import Markup, escape

from site_gen import urls
from site_gen.render import topic_views
from site_gen.render.producer import KEEP, Context, Split, kept
from site_gen.topics.scan import curated_pattern, scan_blog
from site_gen.render.localize import language_for
from site_gen.render.views import time_display

SCAN = "topic_pages"  # the producer whose per-blog fragment is the blog's scan (build/topics_phase.py reads it)
MONTH_PAGES_ABOVE = 100  # a topic with more entries than this lists them on one page per month
_ANY_TOPIC_PAGE = urls.topic_path("any")  # rows are made for pages in topics/ (all topic pages are)


_patterns: dict = {}


def _scan(blog, ctx: Context):
    curated = ctx.curated
    if curated is not None and id(curated) not in _patterns:
        _patterns.clear()
        _patterns[id(curated)] = curated_pattern(curated)
    return [], kept(scan_blog(blog, extra=_patterns.get(id(curated))), ctx)


class MentionHead(NamedTuple):
    """What topic_mention.html receives as `m` (a tuple: templates read its fields as attributes)."""

    href: str  # blogs/<blog>.html#<anchor>, relative to the topic page
    datetime: str
    when: str  # the entry's date and time as text in the page's language: "10 November 2022, 8:17 pm"
    title: str
    blog_title: str
    lang: str = ""  # the blog's language when it is not the page's (its title and headline are in it)


def _rows(blog, ctx: Context, links):
    """The blog's rows: topic slug -> [((published, blog, anchor), row HTML), ...] in the blog's order."""
    head = ctx.env.get_template("topic_mention.html")
    lang = language_for(ctx.env, ctx.site.config.language)  # topic pages are in the site's language
    # The entry's own words (headline, sentence) are in its blog's language: said when it differs.
    when = lang.gettext("%(date)s, %(time)s")  # (once per blog: a topic page lists many entries)
    other = blog.language if blog.language != lang.tag else ""
    words_lang = f' lang="{escape(other)}"' if other else ""
    by_anchor = dict(links.entries)
    forms_of = {slug: forms for slug, _, forms in links.topics}
    blog_href = urls.relative(_ANY_TOPIC_PAGE, urls.blog_path(blog.slug))
    rows: dict[str, list] = {}
    for entry in blog.entries:
        topics = by_anchor.get(entry.anchor)
        if not topics:
            continue
        shown = head.render(m=MentionHead(
            blog_href + urls.entry_fragment(entry.anchor), entry.published.isoformat(),
            when % {"date": lang.long_date(entry.published.date()), "time": time_display(entry, lang)},
            entry.title, blog.title, other),
            **lang.context).rstrip("\n")
        texts = topic_views.plain_texts(entry)
        key = (entry.published, blog.slug, entry.anchor)
        for slug, written in topics:
            before, mark, after = topic_views.sentence(texts, [written, *forms_of[slug]])
            sentence = (f'\n<p{words_lang}>{escape(before)}<mark>{escape(mark)}</mark>{escape(after)}</p>'
                        if mark else "")
            # No classes: a page holds up to MONTH_PAGES_ABOVE rows, and the style sheet finds
            # their parts by place (.mentions li > p:first-child, h2, p + the <h2>)
            rows.setdefault(slug, []).append((key, f'<li>{shown}{sentence}</li>'))
    return [], (blog.slug, kept(rows, ctx))


def _month_name(month: int) -> str:
    return f"{month // 100:04d}-{month % 100:02d}"


def _by_month(items, published_of) -> list[tuple[int, list]]:
    """Items grouped by month, months in order, each group in the items' order.  (Items come in
    time order, but months are each entry's own: entries either side of midnight on the last
    day of a month, written with different UTC offsets, can come in either order.)"""
    groups: dict[int, list] = {}
    for item, published in zip(items, map(published_of, items)):
        groups.setdefault(published.year * 100 + published.month, []).append(item)
    return sorted(groups.items())


def _topic_pages(fragments, ctx: Context):
    """The topic pages.  `fragments` may be a generator (producer.Split.site_streams): in a full
    build each blog's rows are used as soon as its linked step is done."""
    site, env = ctx.site, ctx.env
    lang = language_for(env, site.config.language)
    yield urls.TOPICS_INDEX, env.get_template("topics.html").render(topic_views.topics_index(site, lang), **lang.context)
    template = env.get_template("topic.html")
    related = topic_views.related_topics(site)
    by_slug = {t.slug: t for t in site.topics}
    previous = ctx.previous
    state = ctx.state if ctx.state is not None else {}
    rows_of: dict = {}  # blog slug -> its Kept rows (their cache key says what they are)
    if previous:  # pages may be kept: whether they can depends on every blog's rows, so wait for them all
        fragments = list(fragments)
        rows_of.update(f for f in fragments if f is not None)
    months: dict[str, list[tuple[str, int]]] = {}  # slug -> [(month, entries)] for topics with month pages
    heads: dict[str, tuple] = {}  # slug -> what its pages show besides their rows (hashed, for month pages)

    def digest(blogs: tuple | None, inputs: tuple) -> str:
        """The hash of what a page is made from (its rows: their blogs' cache keys)."""
        whole = inputs if blogs is None else inputs + (_sources(blogs, rows_of),)
        return hashlib.sha256(repr(whole).encode()).hexdigest()

    # Pages with rows wait for them (remaining: page (slug, month or "") -> rows still to come).
    # A page that may be kept is hashed now, from its topic's mentions; a page made anyway is
    # hashed when made, from its rows (the same blogs): a site's worth of pages' blogs is large.
    remaining: dict[tuple[str, str], int] = {}
    needed: set[str] = set()  # (when pages may be kept) blogs whose rows the pages made show
    unchanged = _Unchanged(previous, rows_of, ctx) if previous else None
    state[_HEADS], state[_PAGES] = {}, {}
    month_names: dict[int, str] = {}  # (one string for each month: the site state holds them per topic)
    for topic in site.topics:
        slug = topic.slug
        head = _page_inputs(topic, related, site)
        if not topic.mentions:  # named only by front matter tags
            yield urls.topic_path(slug), template.render(topic_views.topic_page(site, topic, related, lang), **lang.context)
            continue
        state[_HEADS][slug] = hashlib.sha256(repr(head).encode()).digest()
        if unchanged is not None and unchanged.pages(slug, state[_HEADS][slug]):
            state[_PAGES][slug] = previous[_PAGES][slug]
            for path in _page_paths(slug, previous[_PAGES][slug]):
                state[path] = previous[path]
                yield path, KEEP
            continue
        if len(topic.mentions) <= MONTH_PAGES_ABOVE:
            heads[slug] = (head,)
            pages = [("", topic.mentions)]
            state[_PAGES][slug] = ()
        else:
            groups = topic.mentions.by_month()
            counted = months[slug] = [(month_names.setdefault(m, _month_name(m)), len(g)) for m, g in groups]
            shared = hashlib.sha256(repr((head, counted)).encode()).hexdigest()  # once, not per month
            heads[slug] = (shared,)
            path = urls.topic_path(slug)
            state[path] = digest(None, (shared,))
            if previous and previous.get(path) == state[path]:
                yield path, KEEP
            else:
                yield path, template.render(topic_views.topic_page(site, topic, related, lang, months=counted),
                                            **lang.context)
            pages = [(name, mentions) for (name, _), (_, mentions) in zip(counted, groups)]
            state[_PAGES][slug] = tuple(name for name, _ in counted)
        for month, mentions in pages:
            if previous:
                path = urls.topic_month_path(slug, month) if month else urls.topic_path(slug)
                blogs = tuple(sorted(mentions.blogs()))
                state[path] = digest(blogs, _inputs(heads[slug], month))
                if previous.get(path) == state[path]:
                    yield path, KEEP
                    continue
                needed.update(blogs)
            remaining[slug, month] = len(mentions)

    def page(unit: tuple[str, str], rows: list) -> tuple[str, str, str | None]:
        """(path, HTML, the hash of its inputs when it was not hashed when planned)."""
        slug, month = unit
        rows.sort(key=lambda row: row[0])
        html = Markup("\n".join(html for _, html in rows))
        topic = by_slug[slug]
        path = urls.topic_month_path(slug, month) if month else urls.topic_path(slug)
        hashed = None
        if not previous:  # (else hashed when planned)
            blogs = tuple(sorted({key[1] for key, _ in rows}))
            hashed = digest(blogs, _inputs(heads[slug], month))
        if not month:
            return path, template.render(topic_views.topic_page(site, topic, related, lang, rows_html=html),
                                         **lang.context), hashed
        return path, template.render(
            topic_views.topic_page(site, topic, related, lang, months=months[slug], month=month, rows_html=html),
            **lang.context), hashed

    def fill(units: list):
        """The pages of `units`, each made as soon as its last row has arrived (blogs in site order)."""
        mine = {unit: remaining[unit] for unit in units}
        filling: dict[tuple[str, str], list] = {}
        for fragment in fragments:
            if fragment is None:
                continue
            rows_of[fragment[0]] = fragment[1]
            if previous and fragment[0] not in needed:
                continue
            for slug, rows in fragment[1].load(ctx.blobs).items():
                if slug not in by_slug:
                    continue
                if slug in months:
                    groups = [((slug, _month_name(m)), g) for m, g in _by_month(rows, _row_published)]
                else:
                    groups = [((slug, ""), rows)]
                for unit, found in groups:
                    if unit not in mine:
                        continue  # a page kept as it was, or another process's
                    filling.setdefault(unit, []).extend(found)
                    left = mine[unit] = mine[unit] - len(found)
                    if left == 0:
                        yield page(unit, filling.pop(unit))
        for unit in sorted(filling):  # rows and topics disagree: a bug, but never lose a page
            yield page(unit, filling.pop(unit))

    units = list(remaining)
    if ctx.spread is None:
        made = fill(units)
    else:  # all rows have arrived (the build lists them): each process reads them all for its pages
        fragments = list(fragments)
        rows_of.update(f for f in fragments if f is not None)
        made = ctx.spread(fill, units, [remaining[u] for u in units])
    for path, data, hashed in made:
        if hashed is not None:
            state[path] = hashed
        yield path, data
    state[_SOURCES] = {blog: rows.blob for blog, rows in rows_of.items()}


# What the site step keeps besides each page's hash, for the next build to know which topics'
# pages are as they were without hashing them (_Unchanged); no page's path has a parenthesis.
_SOURCES, _HEADS, _PAGES = "(rows)", "(heads)", "(pages)"  # _PAGES: slug -> its months with a page


def _page_paths(slug: str, months: tuple) -> list[str]:
    return [urls.topic_path(slug), *(urls.topic_month_path(slug, month) for month in months)]


class _Unchanged:
    """Which topics' pages are those of the last build, known from what changed since: a topic
    is unchanged when no blog whose rows changed names it, now or then (so its entries, its
    months and the rows of its pages are the same), and what its pages show besides their rows
    hashes the same.  Hashing every page's inputs instead (its blogs and their rows' keys) was
    0.6 s of a one-dump build at 1,000 blogs, and 8 s at 10,000."""

    def __init__(self, previous: dict, rows_of: dict, ctx: Context):
        self.previous = previous
        self.touched: set | None = set()  # topics named by a blog whose rows changed (None: unknown)
        before = previous.get(_SOURCES)
        if before is None or _PAGES not in previous or _HEADS not in previous or ctx.blobs is None:
            self.touched = None
            return
        try:
            for blog in rows_of.keys() | before.keys():
                now = rows_of[blog].blob if blog in rows_of else None
                if now == before.get(blog) and now is not None:
                    continue
                for key in (now, before.get(blog)):
                    if key is not None:
                        self.touched.update(ctx.blobs.load(key))
        except Exception:  # noqa: BLE001 - a kept value gone (store.Missing): every page is hashed
            self.touched = None

    def pages(self, slug: str, head: bytes) -> bool:
        previous = self.previous
        return (self.touched is not None and slug not in self.touched and previous[_HEADS].get(slug) == head
                and slug in previous[_PAGES]
                and all(path in previous for path in _page_paths(slug, previous[_PAGES][slug])))


def _inputs(head: tuple, month: str) -> tuple:
    """A page's inputs but its rows: its topic's (hashed, for a month page) and its month."""
    return head + (month,) if month else head


def _row_published(row):
    return row[0][0]


def _page_inputs(topic, related: dict, site) -> tuple:
    """What a topic's pages show besides their rows (the rest of their inputs is in the cache's fingerprint)."""
    others = tuple((t.slug, t.name, len(t.mentions), len(t.blogs)) for t in related.get(topic.slug, ()))
    titles = site.blog_titles or {b.slug: b.title for b in site.blogs}
    return (topic.slug, topic.name, topic.aliases, topic.description, len(topic.mentions),
            tuple((s, titles.get(s)) for s in topic.blogs), others)


def _sources(blogs: tuple, rows_of: dict) -> tuple:
    """The rows a page shows, as the cache keys of its blogs' rows (`blogs`: sorted): a blog's
    rows (all its topics') say which of its entries each topic lists, so equal keys mean equal
    rows on the page."""
    return tuple((b, rows_of[b].blob if b in rows_of else None) for b in blogs)


topic_pages = Split(SCAN, per_blog=_scan, linked=_rows, site=_topic_pages, linked_input="topics", site_streams=True)

