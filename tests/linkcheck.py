"""A small internal-link checker for built sites, used by the tests.

Stand-in until `site-gen check` exists (another branch is writing it): every
relative href/src of every HTML page must name a file of the site, and every
#fragment an id on the page it points at.  External (http:, mailto:) links are
not followed.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(root: Path) -> list[str]:
    """'page -> link: why' for each broken internal link under `root` (empty when all are fine)."""
    pages = {p.relative_to(root).as_posix(): _read(p) for p in sorted(root.rglob("*.html"))}
    problems = []
    for name, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            if parts.path.startswith("/"):
                problems.append(f"{name} -> {link}: absolute path (breaks under a sub-folder)")
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) \
                if parts.path else name
            if parts.path.endswith("/") or (root / target).is_dir():
                target = posixpath.join(target, "index.html")
            if target.startswith("../") or not (root / target).is_file():
                problems.append(f"{name} -> {link}: no such file {target}")
                continue
            if parts.fragment and target.endswith(".html"):
                ids = pages[target].ids if target in pages else _read(root / target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{name} -> {link}: no id '{parts.fragment}' in {target}")
    return problems


def link_count(root: Path) -> int:
    return sum(len(_read(p).links) for p in root.rglob("*.html"))
