"""The only place that knows output paths and URLs.

Paths are POSIX paths relative to the output root ("blogs/x.html").  Pages link
to each other with relative URLs, so a built site also reads from disk
(file://) and from any sub-folder of a host; absolute URLs (feeds, canonical
links) are built from `base_url`.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

HOME = "index.html"
STATIC = "static"
TOPICS = "topics"
TOPICS_INDEX = "topics/index.html"


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


def topic_path(slug: str) -> str:
    """One topic's page; the topics index is TOPICS_INDEX ("index" is never a topic slug)."""
    if slug == "index":
        raise ValueError("'index' is the topics index, not a topic slug")
    return f"{TOPICS}/{_checked(slug)}.html"


def topic_url(from_path: str, slug: str) -> str:
    """Relative URL of a topic page as seen from the page at `from_path` (fast: called once per link)."""
    return topic_url_from_folder(posixpath.dirname(from_path), slug)


def topic_url_from_folder(folder: str, slug: str) -> str:
    """Relative URL of a topic page as seen from any page in `folder` ("" for the root, "blogs")."""
    return _folder_url(folder, TOPICS) + topic_path(slug)[len(TOPICS) + 1:]


@lru_cache(maxsize=64)
def _folder_url(from_folder: str, to_folder: str) -> str:
    rel = posixpath.relpath(to_folder, from_folder or ".")
    return "" if rel == "." else rel + "/"
