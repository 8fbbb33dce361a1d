"""The only place that knows output paths and URLs.

Paths are POSIX paths relative to the output root ("blogs/x.html").  Pages link
to each other with relative URLs, so a built site also reads from disk
(file://) and from any sub-folder of a host; absolute URLs (feeds, canonical
links) are built from `base_url`.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

HOME = "index.html"
STATIC = "static"
SEARCH = "search.html"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
SEARCH_BUNDLE = "pagefind"  # folder Pagefind writes its index and pagefind.js into


def _checked(slug: str) -> str:
    if not _SLUG.match(slug):
        raise ValueError(f"not a safe slug: {slug!r}")
    return slug


def blog_path(slug: str) -> str:
    return f"blogs/{_checked(slug)}.html"


def static_path(name: str) -> str:
    return f"{STATIC}/{name}"


def entry_fragment(anchor: str) -> str:
    return "#" + anchor


def entry_heading_id(anchor: str) -> str:
    """id of an entry's heading: anchors start with a digit (yyyymmdd), so "h-" never collides."""
    return "h-" + anchor


def relative(from_path: str, to_path: str) -> str:
    """URL of `to_path` as seen from the page at `from_path` (both relative to the root)."""
    start = posixpath.dirname(from_path) or "."
    return posixpath.relpath(to_path, start)


def absolute(root_url: str, path: str) -> str:
    """Absolute URL of an output path; the home page is the bare root URL."""
    if path == HOME:
        return root_url
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return root_url + path


def entry_url(root_url: str, blog_slug: str, anchor: str) -> str:
    """The permanent URL of one entry: the one to cite, and the feeds' item id."""
    return absolute(root_url, blog_path(blog_slug)) + entry_fragment(anchor)


def search_script() -> str:
    return f"{SEARCH_BUNDLE}/pagefind.js"


def from_root(root_url: str, path: str) -> str:
    """Root-relative URL ("/static/style.css", or "/archive/static/style.css" under a sub-folder).

    For pages served at any depth, such as the 404 page; assumes the host root
    when the site has no base_url.
    """
    base = urlsplit(root_url).path if root_url else "/"
    return (base if base.endswith("/") else base + "/") + ("" if path == HOME else path)
