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
from functools import lru_cache

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Characters a URL may not hold as written (WHATWG URL standard, and the Nu HTML checker),
# and a '%' that starts no escape.  '[' and ']' are allowed only around an IPv6 host.
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f\"<>\\^`{|}]|%(?![0-9A-Fa-f]{2})")
_URL_UNSAFE_AFTER_HOST = re.compile(r"[\x00-\x20\x7f\"<>\\^`{|}\[\]]|%(?![0-9A-Fa-f]{2})")
_SCHEME_AND_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://[^/?#]*")

HOME = "index.html"
STATIC = "static"
SEARCH = "search.html"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
SEARCH_BUNDLE = "pagefind"  # folder Pagefind writes its index and pagefind.js into
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


def entry_heading_id(anchor: str) -> str:
    """id of an entry's heading: anchors start with a digit (yyyymmdd), so "h-" never collides."""
    return "h-" + anchor


def entry_time_id(anchor: str) -> str:
    """id of the time in an entry's heading (search.js reads the time, as shown, by it)."""
    return "t-" + anchor


def relative(from_path: str, to_path: str) -> str:
    """URL of `to_path` as seen from the page at `from_path` (both relative to the root)."""
    from_folder = from_path.rpartition("/")[0]  # (output paths are plain: see write._check_name)
    to_folder, _, name = to_path.rpartition("/")
    if from_folder == to_folder:  # most links: a topic's month pages, a blog's neighbours
        return name
    return _folder_url(from_folder, to_folder) + name  # the folders' part is cached


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


# Feeds: one path per scope and format.  An item's id is its entry_url, a feed's id
# is the absolute URL of its Atom document; both derive from these paths only.
FEED_FORMATS = ("atom", "rss", "json")  # in the order pages list them
FEEDS = "feeds"


def _feed_format(fmt: str) -> str:
    if fmt not in FEED_FORMATS:
        raise ValueError(f"not a feed format: {fmt!r}")
    return fmt


def site_feed_path(fmt: str) -> str:
    """The site-wide feed: newest entries across all blogs ("feed.atom")."""
    return f"feed.{_feed_format(fmt)}"


def blog_feed_path(blog_slug: str, fmt: str) -> str:
    """Every entry of one blog ("feeds/<blog-slug>.atom")."""
    return f"{FEEDS}/{_checked(blog_slug)}.{_feed_format(fmt)}"


def topic_feed_path(topic_slug: str, fmt: str) -> str:
    """Every entry about one topic ("feeds/topics/<topic-slug>.atom")."""
    return f"{FEEDS}/topics/{_checked(topic_slug)}.{_feed_format(fmt)}"


def feed_id(root_url: str, atom_path: str) -> str:
    """A feed's permanent id: the absolute URL of its Atom document."""
    return absolute(root_url, atom_path)


def search_script() -> str:
    return f"{SEARCH_BUNDLE}/pagefind.js"


def from_root(root_url: str, path: str) -> str:
    """Root-relative URL ("/static/style.css", or "/archive/static/style.css" under a sub-folder).

    For pages served at any depth, such as the 404 page; assumes the host root
    when the site has no base_url.
    """
    base = urlsplit(root_url).path if root_url else "/"
    return (base if base.endswith("/") else base + "/") + ("" if path == HOME else path)


def clean_href(url: str) -> str:
    """A URL from a dump, made safe to place in an attribute: spaces, quotes, '<', '>' and the
    like percent-encoded (non-ASCII letters stay).  Say nothing about the scheme: callers decide."""
    url = url.strip()
    head = _SCHEME_AND_HOST.match(url)
    head = head.group() if head else ""
    return _URL_UNSAFE.sub(_percent, head) + _URL_UNSAFE_AFTER_HOST.sub(_percent, url[len(head):])


def _percent(match: re.Match) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8"))


def topic_path(slug: str) -> str:
    """One topic's page; the topics index is TOPICS_INDEX ("index" is never a topic slug)."""
    if slug == "index":
        raise ValueError("'index' is the topics index, not a topic slug")
    return f"{TOPICS}/{_checked(slug)}.html"


def topic_month_path(slug: str, month: str) -> str:
    """The entries of one month about a large topic ("topics/kherson.2022-11.html"): beside the topic's
    page, so its links are the same; the dot keeps it apart from every topic slug."""
    if not re.fullmatch(r"\d{4}-\d{2}", month):
        raise ValueError(f"not a month: {month!r}")
    return f"{TOPICS}/{_checked(slug)}.{month}.html"


def topic_url(from_path: str, slug: str) -> str:
    """Relative URL of a topic page as seen from the page at `from_path` (fast: called once per link)."""
    return topic_url_from_folder(posixpath.dirname(from_path), slug)


def topic_url_from_folder(folder: str, slug: str) -> str:
    """Relative URL of a topic page as seen from any page in `folder` ("" for the root, "blogs")."""
    return _folder_url(folder, TOPICS) + topic_path(slug)[len(TOPICS) + 1:]


@lru_cache(maxsize=64)
def _folder_url(from_folder: str, to_folder: str) -> str:
    rel = posixpath.relpath(to_folder or ".", from_folder or ".")
    return "" if rel == "." else rel + "/"
