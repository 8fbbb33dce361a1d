"""`site-gen check [DIR]`: a built site has no broken internal link, anchor or feed link,
and no page has two elements with one id.

Every HTML page under DIR is read with the standard library's html.parser.
Each link (href, src, action, cite...) is resolved like a browser would from
the page's own location:

- links with a scheme (https:, mailto:...) or a host (//example.org) are external
  and skipped, except `javascript:` and `vbscript:` links, which are problems;
- absolute links under the site's own address count as internal: the address is
  `--base-url`, or else the `<link rel="canonical">` of the home page;
- every other link must name a file inside DIR (a folder means its index.html),
  and its `#fragment`, if any, an element id (or `<a name>`) of that page;
- `<link rel="alternate">` links to feeds are checked the same way and counted apart.

Each problem prints as `page: link: problem`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src",), "script": ("src",),
    "iframe": ("src",), "source": ("src",), "audio": ("src",), "video": ("src", "poster"),
    "track": ("src",), "embed": ("src",), "form": ("action",), "blockquote": ("cite",),
    "q": ("cite",), "ins": ("cite",), "del": ("cite",),
}
FEED_TYPES = ("application/atom+xml", "application/rss+xml", "application/feed+json", "application/json")
UNSAFE_SCHEMES = ("javascript", "vbscript")


@dataclass(frozen=True)
class Problem:
    page: str
    link: str
    problem: str

    def format(self) -> str:
        return f"{self.page}: {self.link}: {self.problem}"


@dataclass
class Report:
    pages: int = 0
    links: int = 0  # internal links and anchors checked
    feed_links: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        checked = (f"checked {self.pages} page{'s' if self.pages != 1 else ''}, {self.links} internal "
                   f"link{'s' if self.links != 1 else ''}, {self.feed_links} feed link{'s' if self.feed_links != 1 else ''}")
        if not self.problems:
            return f"{checked}: no problems"
        n = len(self.problems)
        return f"{checked}: {n} problem{'s' if n != 1 else ''}"


@dataclass
class _Link:
    url: str
    feed: bool


class _Scan(HTMLParser):
    """Ids, duplicate ids and links of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.names: set[str] = set()
        self.duplicates: list[str] = []
        self.links: list[_Link] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag, attrs):
        values = {}
        for name, value in attrs:
            values.setdefault(name, value)
        ident = values.get("id")
        if ident is not None:
            if ident in self.ids:
                self.duplicates.append(ident)
            self.ids.add(ident)
        if tag == "a" and values.get("name"):
            self.names.add(values["name"])
        rel = (values.get("rel") or "").lower().split()
        if tag == "link" and "canonical" in rel and values.get("href"):
            self.canonical = values["href"]
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            url = values.get(attribute)
            if url is not None:
                feed = tag == "link" and "alternate" in rel and (values.get("type") or "").lower() in FEED_TYPES
                self.links.append(_Link(url, feed))


def scan(data: str) -> _Scan:
    page = _Scan()
    page.feed(data)
    page.close()
    return page


class Site:
    """A built site on disk; pages are scanned once, on demand."""

    def __init__(self, root: Path):
        self.root = root
        self._scans: dict[str, _Scan] = {}

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html") if p.is_file())

    def scan(self, rel: str) -> _Scan:
        if rel not in self._scans:
            self._scans[rel] = scan((self.root / rel).read_text(encoding="utf-8", errors="replace"))
        return self._scans[rel]


def check_site(root: Path, base_url: str | None = None) -> Report:
    site = Site(root)
    report = Report()
    pages = site.pages()
    if base_url is None and "index.html" in pages:
        base_url = site.scan("index.html").canonical
    for page in pages:
        report.pages += 1
        found = site.scan(page)
        for ident in found.duplicates:
            report.problems.append(Problem(page, f'id="{ident}"', "duplicate id in this page"))
        for link in found.links:
            problem, counted = _check_link(site, page, link.url, base_url)
            if counted:
                if link.feed:
                    report.feed_links += 1
                else:
                    report.links += 1
            if problem:
                report.problems.append(Problem(page, link.url, problem))
    return report


def _check_link(site: Site, page: str, url: str, base_url: str | None) -> tuple[str | None, bool]:
    """(problem or None, whether the link is internal and was checked)."""
    url = url.strip()
    if not url:
        return "empty link", True
    if base_url and url.startswith(base_url):
        url = "/" + url[len(base_url):].lstrip("/")
    parts = urlsplit(url)
    if parts.scheme:
        if parts.scheme.lower() in UNSAFE_SCHEMES:
            return f"{parts.scheme.lower()}: link (runs code when clicked)", True
        return None, False
    if parts.netloc:
        return None, False
    target = _target(page, unquote(parts.path))
    if target is None:
        return "points outside the site", True
    path = site.root / target if target else site.root
    if path.is_dir():
        target = posixpath.join(target, "index.html") if target else "index.html"
        path = site.root / target
    elif parts.path.endswith("/"):
        return f"no such folder: {target}/", True
    if not path.is_file():
        return f"no such file: {target}", True
    fragment = unquote(parts.fragment)
    if fragment and fragment != "top" and target.endswith((".html", ".htm")):
        found = site.scan(target)
        if fragment not in found.ids and fragment not in found.names:
            where = "this page" if target == page else target
            return f'no element with id "{fragment}" in {where}', True
    return None, True


def _target(page: str, path: str) -> str | None:
    """The file a link's path names, relative to the site root; None when it leaves the site."""
    if not path:
        return page
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(joined) if joined else "."
    if target == ".." or target.startswith("../"):
        return None
    return "" if target == "." else target
