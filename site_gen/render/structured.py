"""Machine-readable descriptions of a blog page: schema.org JSON-LD and social-card tags.

Everything here is built from the model with plain dicts and `json.dumps`, never by
string concatenation.  `script_json` makes the JSON safe inside a <script> element:
"<", ">" and "&" become \\u003c, \\u003e and \\u0026, so no dump text can close the
element ("</script>") or open a comment ("<!--"), and the JSON still parses to the
same values.

Each entry is a BlogPosting with what search engines and citation tools need to find and
name it (its headline, its time, its permanent URL), not its text: the text is on the page
itself, once (docs/templates.md, `json_ld`).  The JSON is written without
indentation: no reader reads it, and a page holds one update per entry.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from site_gen import urls
from site_gen.render.markup import render_inline
from site_gen.model import Blog, Entry, Site

SCHEMA_CONTEXT = "https://schema.org"
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}


def plain_text(text: str) -> str:
    """Dump text (inline Markdown) -> the words a reader sees, without markup."""
    return render_inline(text).striptags()


def shorten(text: str, limit: int = 300) -> str:
    """Cut at a word so that previews stay short; '…' marks the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–—- ") + "…"


def script_json(data: dict) -> Markup:
    """JSON for inside <script type="application/ld+json">: parses back to `data` exactly."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escaped)
    return Markup(text)


def _url(site: Site, from_path: str, to_path: str, anchor: str | None = None) -> str:
    """Absolute when the site knows its base_url, else relative to the page (still resolvable)."""
    root = site.config.root_url
    url = urls.absolute(root, to_path) if root else urls.relative(from_path, to_path)
    return url + urls.entry_fragment(anchor) if anchor else url


def publisher(site: Site) -> dict:
    config = site.config
    org = {"@type": "Organization", "name": config.author or config.title}
    if config.root_url:
        org["url"] = config.root_url
    return org


def entry_posting(site: Site, blog: Blog, entry: Entry) -> dict:
    """One update: its headline, time and permanent URL (which names it: no "@id" repeats it)."""
    path = urls.blog_path(blog.slug)
    return {
        "@type": "BlogPosting",
        "headline": entry.title,
        "datePublished": entry.published.isoformat(),
        "url": _url(site, path, path, entry.anchor),
    }


def live_blog_posting(site: Site, blog: Blog, description: str) -> dict:
    """schema.org LiveBlogPosting for one blog page; updates in the page's own order."""
    path = urls.blog_path(blog.slug)
    first, last = blog.first_published.isoformat(), blog.last_published.isoformat()
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "LiveBlogPosting",
        "@id": _url(site, path, path),
        "url": _url(site, path, path),
        "headline": blog.title,
        "description": plain_text(description),
        "inLanguage": blog.language,
        "datePublished": first,
        "dateModified": last,
        "coverageStartTime": first,
        "coverageEndTime": last,
        "publisher": publisher(site),
    }
    if blog.author:
        data["author"] = {"@type": "Organization", "name": blog.author}
    if blog.source_url:
        data["isBasedOn"] = blog.source_url
    if blog.tags:
        data["keywords"] = list(blog.tags)
    data["liveBlogUpdate"] = [entry_posting(site, blog, e) for e in blog.entries_as_read]
    return data


def social_tags(site: Site, blog: Blog, description: str) -> list[tuple[str, str, str]]:
    """(attribute, name, content) for Open Graph and Twitter card <meta> tags."""
    path = urls.blog_path(blog.slug)
    description = shorten(plain_text(description))
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", site.config.title),
        ("property", "og:title", blog.title),
        ("property", "og:description", description),
    ]
    if site.config.root_url:
        tags.append(("property", "og:url", urls.absolute(site.config.root_url, path)))
    tags += [
        ("property", "article:published_time", blog.first_published.isoformat()),
        ("property", "article:modified_time", blog.last_published.isoformat()),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", blog.title),
        ("name", "twitter:description", description),
    ]
    return tags
