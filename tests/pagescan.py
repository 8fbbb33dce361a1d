"""Test helpers: read a built page back into a tiny tree (stdlib html.parser), re-read its
entries, and look for anything a browser would execute."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "poster", "data", "background", "xlink:href"}
DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "form", "frame", "frameset", "applet", "svg", "math"}


@dataclass
class Node:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)  # Node or str
    raw: str = ""  # raw text of <script>/<style>, as the browser sees it
    attr_list: list = field(default_factory=list)  # (name, value) as written, repeats included

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node | None:
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in reversed(attrs)}, attr_list=attrs)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)
        if self.stack[-1].tag in ("script", "style"):
            self.stack[-1].raw += data


def tree(page: str) -> Node:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    return builder.root


def read_blog_page(page: str) -> dict:
    """What a reader of the page sees: lede, notice, entries (in page order), credit."""
    root = tree(page)
    entries = []
    for article in root.find_all("article", "h-entry"):
        name = article.find("span", "p-name")
        blocks = []
        for p in article.find("div", "e-content").find_all("p"):
            if "related" in p.classes():
                blocks.append(("related", p.find("cite").text()))
            else:
                blocks.append(("paragraph", p.text()))
        entries.append({
            "anchor": article.attrs["id"],
            "datetime": article.find("time", "dt-published").attrs["datetime"],
            "headline": name.text() if name else "",
            "blocks": blocks,
        })
    notice = root.find("p", "notice")
    credit = root.find("p", "credit")
    return {
        "title": root.find("h1").text(),
        "lede": [p.text() for p in root.find_all("p", "lede")],
        "notice": notice.text() if notice else None,
        "credit": credit.text() if credit else None,
        "entries": entries,
    }


# ---- executable markup -------------------------------------------------------------------

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read: it drops leading/trailing spaces and any tab or newline."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip(" \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                 "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"))
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


THEME_SCRIPTS = ("static/site.js", "static/search.js")


def _theme_script(node) -> bool:
    src = node.attrs.get("src") or ""
    return (not node.raw.strip() and src.endswith(THEME_SCRIPTS) and "://" not in src
            and not src.startswith(("//", "javascript:", "data:")))


DATA_SCRIPTS = ("application/ld+json", "application/json")  # script types a browser does not run


def executable_markup(page: str, where: str = "page") -> list[str]:
    """Everything in an HTML page or fragment that a browser would run; [] when none."""
    found = []
    root = tree(page)
    for node in root.iter():
        if node.tag == "#document":
            continue
        if node.tag == "script":
            if _theme_script(node):
                pass  # site-gen's own static/site.js or static/search.js: a file of the theme, nothing inline
            elif node.attrs.get("type") not in DATA_SCRIPTS or node.attrs.get("src"):
                found.append(f"{where}: <script> element")
            else:  # a data block (JSON-LD, the words the theme's scripts write): never run
                try:
                    json.loads(node.raw)
                except ValueError as exc:
                    found.append(f"{where}: {node.attrs['type']} does not parse, so something broke out of it: {exc}")
        if node.tag in DANGEROUS_TAGS:
            found.append(f"{where}: <{node.tag}> element")
        if node.tag == "meta" and node.attrs.get("http-equiv", "").lower() == "refresh":
            found.append(f"{where}: <meta http-equiv=refresh>")
        for name, value in node.attr_list:
            if name.lower().startswith("on"):
                found.append(f"{where}: event handler attribute {name}= on <{node.tag}>")
            if name.lower() in URL_ATTRIBUTES and url_scheme(value or "") in ("javascript", "vbscript", "data"):
                found.append(f"{where}: {url_scheme(value)}: URL in {name}= on <{node.tag}>")
            if name.lower() == "style" and re.search(r"expression|url\(", value or "", re.I):
                found.append(f"{where}: active style= on <{node.tag}>")
    return found


def executable_in_feed(path_name: str, data: str) -> list[str]:
    """Same check for a feed: Atom/RSS (XML) or JSON Feed; HTML inside them is checked as HTML."""
    found = []
    if path_name.endswith(".json"):
        doc = json.loads(data)  # must parse
        for item in ([doc] + list(doc.get("items", []))) if isinstance(doc, dict) else []:
            for key in ("content_html", "summary_html"):
                if isinstance(item.get(key), str):
                    found += executable_markup(item[key], f"{path_name} {key}")
        return found
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data.encode("utf-8"))  # must be well-formed: ']]>' did not break a CDATA section
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        is_html = element.get("type") == "html" or local in ("description", "encoded")
        if is_html and element.text:
            found += executable_markup(element.text, f"{path_name} <{local}>")
        if element.get("type") == "xhtml":
            found += executable_markup(ET.tostring(element, encoding="unicode"), f"{path_name} <{local}>")
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href" and url_scheme(value) in ("javascript", "vbscript", "data"):
                found.append(f"{path_name}: {url_scheme(value)}: URL in <{local} href>")
    return found
