"""Model -> the plain values templates read.  This is the template contract (docs/templates.md).

Templates never see parser internals: every value here is text, a number,
Markup (already safe HTML) or a list/dict of those.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup

from site_gen import urls
from site_gen.render import structured
from site_gen.render.markup import render_inline
from site_gen.model import Blog, Entry, Site
from site_gen.timezones import format_offset


def site_view(site: Site) -> dict:
    c = site.config
    return {"title": c.title, "description": c.description, "language": c.language,
            "author": c.author, "base_url": c.root_url}


def page_view(path: str, title: str, description: str, root_url: str, feeds: list | None = None) -> dict:
    return {
        "path": path,
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


@lru_cache(maxsize=4096)
def date_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def time_display(entry: Entry) -> str:
    """The time in the outlet's own style, normalised: '11:13pm' for '23:13pm', '20:17' for '20h17'."""
    t = entry.published
    if any(c in entry.time_text.lower() for c in "ap"):
        return f"{t.hour % 12 or 12}:{t.minute:02d}{'am' if t.hour < 12 else 'pm'}"
    return f"{t.hour:02d}:{t.minute:02d}"


def timezone_sentence(blog: Blog) -> str:
    offsets = sorted({format_offset(e.published.utcoffset()) for e in blog.entries})
    shown = ", ".join(f"UTC{o}" for o in offsets)
    if blog.timezone.startswith(("+", "-")):
        return f"All times are UTC{blog.timezone}."
    if blog.timezone == "UTC":
        return "All times are UTC."
    place = blog.timezone.split("/")[-1].replace("_", " ")
    return f"All times are {place} time ({blog.timezone}, {shown})."


def blocks_view(blocks, base: str | None = None) -> list[dict]:
    """`base`: resolve relative links against this absolute URL (feeds); pages keep them relative."""
    return [{"kind": b.kind, "html": render_inline(b.text, base), "line": b.line} for b in blocks]


def entry_view(blog: Blog, entry: Entry, root_url: str) -> dict:
    return {
        "anchor": entry.anchor,
        "href": urls.entry_fragment(entry.anchor),
        "heading_id": urls.entry_heading_id(entry.anchor),
        "permalink": urls.entry_url(root_url, blog.slug, entry.anchor) if root_url else None,
        "datetime": entry.published.isoformat(),
        "date": date_text(entry.published.date()),
        "time": time_display(entry),
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


def blog_summary(blog: Blog, from_path: str) -> dict:
    lede = blog.summary or (blog.lede[0].text if blog.lede else "")
    return {
        "title": blog.title,
        "href": urls.relative(from_path, urls.blog_path(blog.slug)),
        "date": date_text(blog.date),
        "date_iso": blog.date.isoformat(),
        "lede_html": render_inline(lede) if lede else Markup(""),
        "entry_count": len(blog.entries),
    }


def blog_page(site: Site, blog: Blog, around: tuple | None = None) -> dict:
    """`around`: the neighbour_card of the blogs before and after (else found in site.blogs)."""
    path = urls.blog_path(blog.slug)
    root_url = site.config.root_url
    entries = [entry_view(blog, e, root_url) for e in blog.entries_as_read]
    previous_day = None
    days: list[dict] = []
    for view, entry in zip(entries, blog.entries_as_read):
        day = entry.published.date()
        view["day_start"] = f"{day:%A} {date_text(day)}" if day != previous_day else None
        view["topics"] = entry_topics(site, entry, path)
        if view["day_start"]:
            days.append({"heading": view["day_start"], "date_iso": day.isoformat(), "entries": []})
        days[-1]["entries"].append(view)
        previous_day = day
    description = blog.summary or (blog.lede[0].text if blog.lede else blog.title)
    feeds = blog_feed_links(site, blog, path)
    page = page_view(path, blog.title, description, root_url, feeds + site_feed_links(site, path))
    page["social"] = structured.social_tags(site, blog, description)
    return {
        "site": site_view(site),
        "page": page,
        "neighbours": neighbours(site, blog, path) if around is None else neighbours_from(around, path),
        "json_ld": structured.script_json(structured.live_blog_posting(site, blog, description)),
        "blog": {
            "title": blog.title,
            "slug": blog.slug,
            "date": date_text(blog.date),
            "date_iso": blog.date.isoformat(),
            "first_datetime": blog.first_published.isoformat(),
            "last_datetime": blog.last_published.isoformat(),
            "language": blog.language or site.config.language,
            "timezone_sentence": timezone_sentence(blog),
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


def neighbours(site: Site, blog: Blog, from_path: str) -> dict:
    """The blogs just before and after this one in time (site.blogs is oldest first)."""
    index = site.blogs.index(blog)
    older = site.blogs[index - 1] if index > 0 else None
    newer = site.blogs[index + 1] if index + 1 < len(site.blogs) else None
    return {"previous": blog_summary(older, from_path) if older else None,
            "next": blog_summary(newer, from_path) if newer else None}


def neighbour_card(blog: Blog) -> tuple[str, dict]:
    """(slug, summary) of a blog as its neighbours' pages show it; plain values, so it can be cached."""
    return blog.slug, blog_summary(blog, urls.blog_path(blog.slug))


def neighbours_from(around: tuple, from_path: str) -> dict:
    """neighbours() from the cards of the blogs before and after (None at either end)."""
    def view(card):
        if card is None:
            return None
        slug, summary = card
        return {**summary, "href": urls.relative(from_path, urls.blog_path(slug))}

    return {"previous": view(around[0]), "next": view(around[1])}


def month_groups(summaries: list[dict]) -> list[dict]:
    """Blog summaries grouped by the month their coverage started, newest month first.

    Within a month the summaries keep the order they were given in.
    """
    groups: dict[str, dict] = {}
    for summary in summaries:
        day = dt.date.fromisoformat(summary["date_iso"])
        iso = f"{day:%Y-%m}"
        groups.setdefault(iso, {"iso": iso, "label": f"{day:%B %Y}", "blogs": []})["blogs"].append(summary)
    return [groups[iso] for iso in sorted(groups, reverse=True)]


def home_page(site: Site) -> dict:
    blogs = sorted(site.blogs, key=lambda b: (b.last_published, b.slug), reverse=True)
    return home_page_from(site, [blog_summary(b, urls.HOME) for b in blogs])


def home_page_from(site: Site, summaries: list[dict]) -> dict:
    """The home page from blog summaries (newest first): an incremental build caches them."""
    path = urls.HOME
    return {
        "site": site_view(site),
        "page": page_view(path, site.config.title, site.config.description or site.config.title,
                          site.config.root_url, site_feed_links(site, path)),
        "blogs": summaries,
        "months": month_groups(summaries),
    }
