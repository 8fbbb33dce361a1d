"""Model -> the plain values templates read.  This is the template contract (docs/templates.md).

Templates never see parser internals: every value here is text, a number,
Markup (already safe HTML) or a list/dict of those.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import NamedTuple

from markupsafe import Markup

from site_gen import urls
from site_gen.markup import render_inline
from site_gen.model import Blog, Entry, Site
from site_gen.timezones import format_offset


def site_view(site: Site) -> dict:
    c = site.config
    return {"title": c.title, "description": c.description, "language": c.language,
            "author": c.author, "base_url": c.root_url}


def page_view(path: str, title: str, description: str, root_url: str) -> dict:
    return {
        "path": path,
        "title": title,
        "description": description,
        "url": urls.absolute(root_url, path) if root_url else None,
        "home": urls.relative(path, urls.HOME),
        "topics": urls.relative(path, urls.TOPICS_INDEX),
        "css": urls.relative(path, urls.static_path("style.css")),
    }


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


def blocks_view(blocks) -> list[dict]:
    return [{"kind": b.kind, "html": render_inline(b.text), "line": b.line} for b in blocks]


def entry_view(blog: Blog, entry: Entry, root_url: str) -> dict:
    return {
        "anchor": entry.anchor,
        "href": urls.entry_fragment(entry.anchor),
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


def blog_page(site: Site, blog: Blog) -> dict:
    path = urls.blog_path(blog.slug)
    root_url = site.config.root_url
    entries = [entry_view(blog, e, root_url) for e in blog.entries_as_read]
    previous_day = None
    for view, entry in zip(entries, blog.entries_as_read):
        day = entry.published.date()
        view["day_start"] = f"{day:%A} {date_text(day)}" if day != previous_day else None
        view["topics"] = entry_topics(site, entry, path)
        previous_day = day
    description = blog.summary or (blog.lede[0].text if blog.lede else blog.title)
    return {
        "site": site_view(site),
        "page": page_view(path, blog.title, description, root_url),
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
            "newest_first": blog.newest_first,
            "entry_count": len(entries),
            "entries": entries,
        },
    }


def home_page(site: Site) -> dict:
    path = urls.HOME
    blogs = sorted(site.blogs, key=lambda b: (b.last_published, b.slug), reverse=True)
    return {
        "site": site_view(site),
        "page": page_view(path, site.config.title, site.config.description or site.config.title,
                          site.config.root_url),
        "blogs": [blog_summary(b, path) for b in blogs],
    }
