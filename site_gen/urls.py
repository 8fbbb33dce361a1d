"""The only place that knows output paths and URLs.

Paths are POSIX paths relative to the output root ("blogs/x.html").  Pages link
to each other with relative URLs, so a built site also reads from disk
(file://) and from any sub-folder of a host; absolute URLs (feeds, canonical
links) are built from `base_url`.
"""

from __future__ import annotations

import posixpath
import re

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Characters a URL may not hold as written (WHATWG URL standard, and the Nu HTML checker),
# and a '%' that starts no escape.  '[' and ']' are allowed only around an IPv6 host.
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f\"<>\\^`{|}]|%(?![0-9A-Fa-f]{2})")
_URL_UNSAFE_AFTER_HOST = re.compile(r"[\x00-\x20\x7f\"<>\\^`{|}\[\]]|%(?![0-9A-Fa-f]{2})")
_SCHEME_AND_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://[^/?#]*")

HOME = "index.html"
STATIC = "static"


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


def clean_href(url: str) -> str:
    """A URL from a dump, made safe to place in an attribute: spaces, quotes, '<', '>' and the
    like percent-encoded (non-ASCII letters stay).  Say nothing about the scheme: callers decide."""
    url = url.strip()
    head = _SCHEME_AND_HOST.match(url)
    head = head.group() if head else ""
    return _URL_UNSAFE.sub(_percent, head) + _URL_UNSAFE_AFTER_HOST.sub(_percent, url[len(head):])


def _percent(match: re.Match) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8"))
