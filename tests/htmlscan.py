"""Read built pages back with the stdlib HTML parser (test helper)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class Page(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        self.elements.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        for key in ("href", "src"):
            if key in attrs:
                self.links.append(attrs[key])

    def with_class(self, name: str) -> list[tuple[str, dict]]:
        return [(t, a) for t, a in self.elements if name in a.get("class", "").split()]


def broken_links(root: Path) -> list[str]:
    """Internal links or #anchors in any page of `root` that lead nowhere."""
    pages = {p: Page(p.read_text(encoding="utf-8")) for p in root.rglob("*.html")}
    problems = []
    for path, page in pages.items():
        for link in page.links:
            if "://" in link or link.startswith(("mailto:", "data:")):
                continue
            target, _, fragment = link.partition("#")
            base = root if target.startswith("/") else path.parent  # root-relative, as on the 404 page
            file = (base / target.lstrip("/")).resolve() if target else path.resolve()
            if file.is_dir():
                file = file / "index.html"
            if not file.exists():
                problems.append(f"{path.relative_to(root)}: {link}: no such file")
            elif fragment and file.suffix == ".html":
                ids = pages.get(file, None) or Page(file.read_text(encoding="utf-8"))
                if fragment not in ids.ids:
                    problems.append(f"{path.relative_to(root)}: {link}: no such anchor")
    return problems
