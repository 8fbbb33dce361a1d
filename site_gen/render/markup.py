"""Entry text -> safe HTML: Python-Markdown inline syntax, raw HTML escaped, unsafe links dropped.

Each paragraph of a dump is one line.  Only inline syntax applies (emphasis,
links, code); a line that happens to start like a Markdown block ("1. ", "# ",
"- ") stays a paragraph.  Links keep only http(s), mailto and relative URLs;
with `base` (feeds), relative link targets are made absolute against it.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import urljoin

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from site_gen import urls

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


_BLOCK_SYNTAX = ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote", "reference")


class _DropUnsafeLinks(Treeprocessor):
    def run(self, root):
        base = getattr(self.md, "link_base", None)
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "a":
                    href = _decoded(child.get("href") or "")  # as the browser will read it: &#106; is 'j'
                    if not _SAFE_SCHEME.match(href):
                        _unwrap(parent, child)
                    elif base:  # feeds: relative links made absolute
                        child.set("href", urls.clean_href(urljoin(base, href)))
                    else:
                        child.set("href", urls.clean_href(href))  # no raw '<', '"', spaces
                elif child.tag == "img":
                    _replace_with_text(parent, child, child.get("alt") or "")


def _decoded(href: str) -> str:
    """Character references decoded until none is left, so `&#106;avascript:` is judged as `javascript:`."""
    href = href.replace(markdown.util.AMP_SUBSTITUTE, "&")  # Python-Markdown's stand-in for '&' (automail)
    while True:
        plain = html.unescape(href)
        if plain == href:
            return href.strip()
        href = plain


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


class _SafeInline(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        for block in _BLOCK_SYNTAX:  # one line is one paragraph: "[1]: url" must not vanish as a reference
            md.parser.blockprocessors.deregister(block)
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeLinks(md), "drop_unsafe_links", -10)  # after "unescape"


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_SafeInline()], output_format="html")


def render_inline(text: str, base: str | None = None) -> Markup:
    """One paragraph of dump text -> HTML for inside a <p> (no <p> itself).

    `base`: an absolute URL that relative link targets are resolved against (feeds
    must not hold relative links); pages leave it None and keep links as written.
    """
    if _plain(text):
        return Markup(text)  # nothing to escape and no syntax: Python-Markdown would return it as is
    return _render_markdown(text, base)


def _render_markdown(text: str, base: str | None = None) -> Markup:
    """The slow path: Python-Markdown itself."""
    md = _markdown()
    md.link_base = base
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
    if text[:1] and text[:1] in "#>*+-":  # ("=" is not escapable: "\\=" would stay)
        return "\\" + text
    return text


def inline_text(text: str) -> str:
    """render_inline(text).striptags(): the paragraph as plain text, Markdown syntax removed.

    Text with no syntax, no '<', '>' or '&' (see _plain) has no tag to strip and no
    reference to decode, so only its white space is collapsed, as striptags does.
    """
    if _plain(text):
        return " ".join(text.split())
    return _render_markdown(text).striptags()
