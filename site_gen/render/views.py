"""Model -> the plain values templates read.  This is the template contract (docs/templates.md).

Templates never see parser internals: every value here is text, a number,
Markup (already safe HTML) or a list/dict of those.  Views of a page are made in
the page's language (`lang`, a localize.Language): a blog's page in the blog's, the
site-wide pages in the site's; dates and times come formatted in it, and the page
says which (`page.lang`, `page.dir`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import TYPE_CHECKING, NamedTuple

from markupsafe import Markup

from site_gen import urls
from site_gen.render import structured
from site_gen.render.markup import render_inline
from site_gen.model import Blog, Entry, Site
from site_gen.timezones import format_offset

if TYPE_CHECKING:
    from site_gen.render.localize import Language


def site_view(site: Site) -> dict:
    c = site.config
    return {"title": c.title, "description": c.description, "language": c.language,
            "author": c.author, "base_url": c.root_url}


def page_view(path: str, title: str, description: str, root_url: str, feeds: list | None = None, *,
              lang: "Language") -> dict:
    return {
        "path": path,
        "lang": lang.tag,  # <html lang>
        "dir": lang.direction,  # <html dir>: "ltr" or "rtl"
        "title": title,
        "description": description,
        "url": urls.absolute(root_url, path) if root_url else None,
        "home": urls.relative(path, urls.HOME),
        "topics": urls.relative(path, urls.TOPICS_INDEX),
        "css": urls.relative(path, urls.static_path("style.css")),
        "feeds": feeds or [],  # <link rel="alternate"> in <head>: this page's own feeds, then the site's
        "script": urls.relative(path, urls.static_path("site.js")),
        "search": urls.relative(path, urls.SEARCH),
    }


# Feed formats as pages announce them: media type and the name a reader sees.
FEED_TYPES = {"atom": ("application/atom+xml", "Atom"), "rss": ("application/rss+xml", "RSS"),
              "json": ("application/feed+json", "JSON Feed")}


def feeds_enabled(site: Site) -> bool:
    """Feeds need absolute URLs: without base_url there are no feeds and no links to them."""
    return bool(site.config.root_url)


def feed_links(from_path: str, title: str, path_of) -> list[dict]:
    """One link per format: href relative to `from_path`, media type, format name, title."""
    return [{"href": urls.relative(from_path, path_of(fmt)), "type": FEED_TYPES[fmt][0],
             "format": FEED_TYPES[fmt][1], "title": f"{title} ({FEED_TYPES[fmt][1]})"}
            for fmt in urls.FEED_FORMATS]


def site_feed_links(site: Site, from_path: str) -> list[dict]:
    return feed_links(from_path, site.config.title, urls.site_feed_path) if feeds_enabled(site) else []


def blog_feed_links(site: Site, blog: Blog, from_path: str) -> list[dict]:
    if not feeds_enabled(site):
        return []
    return feed_links(from_path, blog.title, lambda fmt: urls.blog_feed_path(blog.slug, fmt))


def topic_feed_links(site: Site, topic_slug: str, title: str, from_path: str) -> list[dict]:
    if not feeds_enabled(site):
        return []
    return feed_links(from_path, title, lambda fmt: urls.topic_feed_path(topic_slug, fmt))


def twelve_hour(entry: Entry) -> bool:
    """Whether the outlet printed this time on a 12-hour clock ("8:17pm", "11.05 a.m.")."""
    return any(c in entry.time_text.lower() for c in "ap")


def time_display(entry: Entry, lang: "Language") -> str:
    """The time in the outlet's hour cycle and the language's form: '11:13 pm' for '23:13pm',
    '20:17' for '20h17' (localize.Language.clock)."""
    t = entry.published
    return lang.clock(t.hour, t.minute, twelve_hour(entry))


def timezone_sentence(blog: Blog, lang: "Language") -> str:
    offsets = sorted({format_offset(e.published.utcoffset()) for e in blog.entries})
    shown = ", ".join(f"UTC{o}" for o in offsets)
    if blog.timezone.startswith(("+", "-")):
        return lang.gettext("All times are UTC%(offset)s.") % {"offset": blog.timezone}
    if blog.timezone == "UTC":
        return lang.gettext("All times are UTC.")
    return lang.gettext("All times are %(place)s time (%(zone)s, %(offsets)s).") % {
        "place": lang.city(blog.timezone), "zone": blog.timezone, "offsets": shown}


def blocks_view(blocks, base: str | None = None) -> list[dict]:
    """`base`: resolve relative links against this absolute URL (feeds); pages keep them relative."""
    return [{"kind": b.kind, "html": render_inline(b.text, base), "line": b.line} for b in blocks]


def entry_view(blog: Blog, entry: Entry, root_url: str, lang: "Language") -> dict:
    return {
        "anchor": entry.anchor,
        "href": urls.entry_fragment(entry.anchor),
        "heading_id": urls.entry_heading_id(entry.anchor),
        "time_id": urls.entry_time_id(entry.anchor),
        "permalink": urls.entry_url(root_url, blog.slug, entry.anchor) if root_url else None,
        "datetime": entry.published.isoformat(),
        "date": lang.long_date(entry.published.date()),
        "time": time_display(entry, lang),
        "time_as_printed": entry.time_text,
        "headline": entry.headline,
        "title": entry.title,
        "blocks": blocks_view(entry.blocks),
        "line": entry.line,
        "topics": [],  # [TopicLink(name, href)], filled by blog_page (entry_topics)
    }


class TopicLink(NamedTuple):
    name: str
    href: str


def entry_topics(site: Site, entry: Entry, from_path: str) -> list[TopicLink]:
    """The entry's topics as [{name, href}] links from the page at `from_path` (one object per topic
    and folder, shared by every entry: a large site has hundreds of thousands of these links)."""
    by_slug = site.topics_by_slug
    links = _TOPIC_LINKS.setdefault(posixpath.dirname(from_path), {})
    out = []
    for slug in entry.topics:
        topic = by_slug.get(slug)
        if topic is not None:
            link = links.get(slug)
            if link is None or link.name != topic.name:
                link = links[slug] = TopicLink(topic.name, urls.topic_url(from_path, slug))
            out.append(link)
    return out


_TOPIC_LINKS: dict[str, dict[str, TopicLink]] = {}  # folder -> slug -> link


def blog_summary(blog: Blog, from_path: str, lang: "Language") -> dict:
    """What the home page and the neighbours' pagers show of a blog; `date` in `lang` (the page's)."""
    lede = blog.summary or (blog.lede[0].text if blog.lede else "")
    return {
        "title": blog.title,
        "language": blog.language,  # its title and lede are in it: marked when not the page's
        "href": urls.relative(from_path, urls.blog_path(blog.slug)),
        "date": lang.long_date(blog.date),
        "date_iso": blog.date.isoformat(),
        "lede_html": render_inline(lede) if lede else Markup(""),
        "entry_count": len(blog.entries),
    }


def blog_page(site: Site, blog: Blog, lang: "Language", around: tuple | None = None) -> dict:
    """The page of `blog`, in `lang` (its language).  `around`: the neighbour_card of the blogs
    before and after (else found in site.blogs)."""
    path = urls.blog_path(blog.slug)
    root_url = site.config.root_url
    entries = [entry_view(blog, e, root_url, lang) for e in blog.entries_as_read]
    previous_day = None
    days: list[dict] = []
    for view, entry in zip(entries, blog.entries_as_read):
        day = entry.published.date()
        view["day_start"] = lang.full_date(day) if day != previous_day else None
        view["topics"] = entry_topics(site, entry, path)
        if view["day_start"]:
            days.append({"heading": view["day_start"], "date_iso": day.isoformat(), "entries": []})
        days[-1]["entries"].append(view)
        previous_day = day
    description = blog.summary or (blog.lede[0].text if blog.lede else blog.title)
    feeds = blog_feed_links(site, blog, path)
    page = page_view(path, blog.title, description, root_url, feeds + site_feed_links(site, path), lang=lang)
    page["social"] = structured.social_tags(site, blog, description)
    page["script_text"] = lang.script_text("site.js")  # the words site.js writes (copy link...)
    return {
        "site": site_view(site),
        "page": page,
        "neighbours": neighbours(site, blog, path, lang) if around is None else neighbours_from(around, path, lang),
        "json_ld": structured.script_json(structured.live_blog_posting(site, blog, description)),
        "blog": {
            "title": blog.title,
            "slug": blog.slug,
            "date": lang.long_date(blog.date),
            "date_iso": blog.date.isoformat(),
            "first_datetime": blog.first_published.isoformat(),
            "last_datetime": blog.last_published.isoformat(),
            "language": blog.language,
            "language_source": blog.language_source,
            "timezone_sentence": timezone_sentence(blog, lang),
            "notice_html": render_inline(blog.notice.text) if blog.notice else None,
            "lede": blocks_view(blog.lede),
            "credit": blog.credit.text if blog.credit else None,
            "author": blog.author,
            "source_url": blog.source_url,
            "tags": list(blog.tags),
            "feeds": feeds,  # this blog's own feeds, for a visible "follow" link
            "newest_first": blog.newest_first,
            "entry_count": len(entries),
            "entries": entries,
            "days": days,  # the same entry views, grouped under their day headings
        },
    }


def neighbours(site: Site, blog: Blog, from_path: str, lang: "Language") -> dict:
    """The blogs just before and after this one in time (site.blogs is oldest first)."""
    index = site.blogs.index(blog)
    older = site.blogs[index - 1] if index > 0 else None
    newer = site.blogs[index + 1] if index + 1 < len(site.blogs) else None
    return {"previous": blog_summary(older, from_path, lang) if older else None,
            "next": blog_summary(newer, from_path, lang) if newer else None}


def neighbour_card(blog: Blog, lang: "Language") -> tuple[str, dict]:
    """(slug, summary) of a blog as its neighbours' pages show it; plain values, so it can be cached."""
    return blog.slug, blog_summary(blog, urls.blog_path(blog.slug), lang)


def neighbours_from(around: tuple, from_path: str, lang: "Language") -> dict:
    """neighbours() from the cards of the blogs before and after (None at either end), their
    dates in `lang`: the language of the page that shows them, not of the card's blog."""
    def view(card):
        if card is None:
            return None
        slug, summary = card
        return {**summary, "href": urls.relative(from_path, urls.blog_path(slug)),
                "date": lang.long_date(dt.date.fromisoformat(summary["date_iso"]))}

    return {"previous": view(around[0]), "next": view(around[1])}


def month_groups(summaries: list[dict], lang: "Language") -> list[dict]:
    """Blog summaries grouped by the month their coverage started, newest month first.

    Within a month the summaries keep the order they were given in.
    """
    groups: dict[str, dict] = {}
    for summary in summaries:
        day = dt.date.fromisoformat(summary["date_iso"])
        iso = f"{day:%Y-%m}"
        groups.setdefault(iso, {"iso": iso, "label": lang.month(day.year, day.month), "blogs": []})["blogs"].append(summary)
    return [groups[iso] for iso in sorted(groups, reverse=True)]


def home_page(site: Site, lang: "Language") -> dict:
    blogs = sorted(site.blogs, key=lambda b: (b.last_published, b.slug), reverse=True)
    return home_page_from(site, [blog_summary(b, urls.HOME, lang) for b in blogs], lang)


def home_page_from(site: Site, summaries: list[dict], lang: "Language") -> dict:
    """The home page from blog summaries (newest first): an incremental build caches them.
    `lang`: the site's language."""
    path = urls.HOME
    return {
        "site": site_view(site),
        "page": page_view(path, site.config.title, site.config.description or site.config.title,
                          site.config.root_url, site_feed_links(site, path), lang=lang),
        "blogs": summaries,
        "months": month_groups(summaries, lang),
    }
