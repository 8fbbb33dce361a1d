"""Entry text -> safe HTML: Python-Markdown inline syntax, raw HTML escaped, unsafe links dropped.

Each paragraph of a dump is one line.  Only inline syntax applies (emphasis,
links, code); a line that happens to start like a Markdown block ("1. ", "# ",
"- ") stays a paragraph.  Links keep only http(s), mailto and relative URLs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|/|\.|[^:/?#]*(?:[/?#]|$))", re.I)
# Text that Python-Markdown could change: inline syntax, entities, raw HTML, tabs and
# control characters, surrounding white space, and brackets that could make a link or a
# reference ("[...]" alone stays as written: see _plain and tests/test_markup_fast_path.py).
# (Three simple tests instead of one alternation: the regex engine then scans 10x faster.)
_SPECIAL = re.compile(r"[\\`*_<>&!\x00-\x1f\x7f]")
_LINK_OR_REFERENCE = re.compile(r"\]\s*[(\[:]")


def _plain(text: str) -> bool:
    """True when Python-Markdown would return `text` unchanged (proved by a property test)."""
    return not (_SPECIAL.search(text) or text[:1].isspace() or text[-1:].isspace()
                or ("]" in text and _LINK_OR_REFERENCE.search(text)))


def _extension():
    """The safe-inline Markdown extension, built on first use (importing markdown costs 30 ms)."""
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class DropUnsafeLinks(Treeprocessor):
        run = _drop_unsafe_links

    class SafeInline(Extension):
        def extendMarkdown(self, md):
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
            md.treeprocessors.register(DropUnsafeLinks(md), "drop_unsafe_links", 0)

    return SafeInline()


def _drop_unsafe_links(self, root):
    for parent in root.iter():
        for child in list(parent):
            if child.tag == "a" and not _SAFE_SCHEME.match((child.get("href") or "").strip()):
                _unwrap(parent, child)
            elif child.tag == "img":
                _replace_with_text(parent, child, child.get("alt") or "")


def _unwrap(parent, child):
    """Replace <a> by its text (the words stay, the link goes)."""
    _replace_with_text(parent, child, "".join(child.itertext()))


def _replace_with_text(parent, child, text):
    index = list(parent).index(child)
    text = (text or "") + (child.tail or "")
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text
    parent.remove(child)


@lru_cache(maxsize=1)
def _markdown():
    import markdown

    return markdown.Markdown(extensions=[_extension()], output_format="html")


def render_inline(text: str) -> Markup:
    """One paragraph of dump text -> HTML for inside a <p> (no <p> itself)."""
    if _plain(text):
        return Markup(text)  # nothing to escape and no syntax: Python-Markdown would return it as is
    return _render_markdown(text)


def _render_markdown(text: str) -> Markup:
    """The slow path: Python-Markdown itself."""
    md = _markdown()
    html = md.reset().convert(_protect_block_start(text))
    if html.startswith("<p>") and html.endswith("</p>"):
        html = html[3:-4]
    return Markup(html)


def _protect_block_start(text: str) -> str:
    """Escape a leading '1.' '#' '>' '-' '*' '+' so the line stays an inline paragraph."""
    text = text.strip()
    m = re.match(r"^(\d+)([.)])(\s)", text)
    if m:
        return f"{m.group(1)}\\{m.group(2)}{text[m.end(2):]}"
    if text[:1] and text[:1] in "#>*+-":  # "=" alone is no Markdown block, and "\\=" no escape
        return "\\" + text
    return text
