"""One `feeds.Feed` -> the text of an Atom 1.0, RSS 2.0 or JSON Feed 1.1 document.

XML is written by the small serializer at the end of this file, which gives
byte for byte what xml.etree.ElementTree (indent(space=" "), tostring) gave
before, without building a tree: tests/test_feed_writer.py compares the two on
hostile text.  Every text and attribute goes through the same escaping as
ElementTree's, so no title, headline or paragraph ("<", "&", "]]>") can break
the document, whatever a site's templates do.  Namespaced names are written
with their usual prefixes ("fh:complete", "dc:creator") and their xmlns
declarations on the root.

What each format holds (docs/feeds.md says why): the full text and the categories of an
entry go in one format only, Atom, and only in a feed marked `full_text` (the site's and the
blogs'); RSS and JSON Feed items, and every item of a topic's feeds, carry the entry's
headline, link, time, author and summary.  JSON is written as json.dumps(ensure_ascii=False,
indent=2) writes it (its own string encoder, the same layout).  Nothing here
reads the clock: the same Feed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
from json.encoder import encode_basestring
from typing import TYPE_CHECKING

from site_gen import __version__

if TYPE_CHECKING:
    from site_gen.render.feeds import Feed, FeedItem

ATOM_NS = "http://www.w3.org/2005/Atom"
HISTORY_NS = "http://purl.org/syndication/history/1.0"  # RFC 5005 feed paging and archiving
DC_NS = "http://purl.org/dc/elements/1.1/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "site-gen"
HTML = "text/html"


def rfc3339(moment: dt.datetime) -> str:
    """'2022-11-11T01:28:00+01:00': the entry's own offset, whole seconds."""
    if moment.utcoffset() is None:
        raise ValueError(f"feed times need an offset: {moment!r}")
    return moment.isoformat(timespec="seconds")


def rfc822(moment: dt.datetime) -> str:
    """'Fri, 11 Nov 2022 01:28:00 +0100' for RSS."""
    return email.utils.format_datetime(moment)


def atom(feed: Feed) -> str:
    attrs = {"xmlns": ATOM_NS, "xml:lang": feed.language}
    if feed.complete:
        attrs["xmlns:fh"] = HISTORY_NS
    out = [_open("feed", attrs)]
    add = out.append
    add(_leaf(1, "id", feed.id))
    add(_text_construct(1, "title", feed.title))
    if feed.subtitle:
        add(_text_construct(1, "subtitle", feed.subtitle))
    add(_leaf(1, "updated", rfc3339(feed.updated)))
    add(_leaf(1, "link", "", {"rel": "self", "type": "application/atom+xml", "href": feed.self_urls["atom"]}))
    add(_leaf(1, "link", "", {"rel": "alternate", "type": HTML, "href": feed.page_url}))
    add(" <author>\n" + _leaf(2, "name", feed.author) + "\n </author>")
    add(_leaf(1, "generator", GENERATOR, {"version": __version__}))
    if feed.complete:
        add(_leaf(1, "fh:complete", ""))
    out.extend(item_text(item, "atom", feed.language, feed.full_text) for item in feed.items)
    add("</feed>")
    return _xml(out)


def item_text(item: FeedItem, fmt: str, feed_language: str, full_text: bool = True) -> str:
    """One item in one format, as its feed holds it: written once per item (kept in item.written).
    `full_text`: the feed carries full texts (only Atom writes them: see the module's docstring)."""
    key = (fmt, item.language == feed_language, full_text and fmt == "atom")
    text = item.written.get(key)
    if text is None:
        if item.content_html is None:  # kept written only (feeds._blog_feeds): never write it empty
            raise RuntimeError(f"feed item {item.id} was kept without its {fmt} text")
        text = item.written[key] = _ITEM_WRITERS[fmt](item, feed_language, key[2])
    return text


def _atom_entry(item: FeedItem, feed_language: str, full_text: bool) -> str:
    out = []
    add = out.append
    add(_open("entry", {"xml:lang": item.language} if item.language != feed_language else None, 1))
    add(_leaf(2, "id", item.id))
    add(_text_construct(2, "title", item.title))
    add(_leaf(2, "link", "", {"rel": "alternate", "type": HTML, "href": item.id}))
    published = rfc3339(item.published)
    add(_leaf(2, "published", published))
    add(_leaf(2, "updated", published))
    add("  <author>\n" + _leaf(3, "name", item.author) + "\n  </author>")
    if full_text:
        for name in item.categories:
            add(_leaf(2, "category", "", {"term": name}))
        if item.summary:
            add(_text_construct(2, "summary", item.summary))
        add(_leaf(2, "content", item.content_html, {"type": "html"}))
    else:  # no content: RFC 4287 then asks for the alternate link (above); the summary says what it is
        add(_text_construct(2, "summary", item.summary or item.title))
    add(" </entry>")
    return "\n".join(out)


def rss(feed: Feed) -> str:
    out = [_open("rss", {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:dc": DC_NS}), " <channel>"]
    add = out.append
    add(_leaf(2, "title", _rss_plain(feed.title)))
    add(_leaf(2, "link", feed.page_url))
    add(_leaf(2, "description", _rss_plain(feed.subtitle or feed.title)))
    add(_leaf(2, "atom:link", "", {"href": feed.self_urls["rss"], "rel": "self", "type": "application/rss+xml"}))
    add(_leaf(2, "language", feed.language))
    add(_leaf(2, "generator", f"{GENERATOR} {__version__}"))
    add(_leaf(2, "lastBuildDate", rfc822(feed.updated)))
    add(_leaf(2, "pubDate", rfc822(feed.updated)))
    add(_leaf(2, "docs", "https://www.rssboard.org/rss-specification"))
    out = [_rss_spelling(line) for line in out]  # each item is spelled once, when it is written
    out.extend(item_text(item, "rss", feed.language) for item in feed.items)
    out += [" </channel>", "</rss>"]
    return _xml(out)


def _rss_spelling(text: str) -> str:
    # RSS has no way to say "plain text": the RSS Profile asks for '&' and '<' as hexadecimal
    # character references so that readers (and the W3C validator) do not take them for markup.
    # In the serializer's output "&amp;" and "&lt;" only ever stand for those two characters,
    # so this replacement changes the spelling, never the parsed text.
    return text.replace("&amp;", "&#x26;").replace("&lt;", "&#x3C;")


def _rss_item(item: FeedItem, _feed_language: str, _full_text: bool) -> str:
    out = []
    add = out.append
    add("  <item>")
    add(_leaf(3, "title", _rss_plain(item.title)))
    add(_leaf(3, "link", item.id))
    add(_leaf(3, "guid", item.id, {"isPermaLink": "true"}))
    add(_leaf(3, "pubDate", rfc822(item.published)))
    add(_leaf(3, "dc:creator", item.author))
    # <description> is HTML in RSS: the plain-text summary is escaped once as HTML,
    # then once more as XML by the serializer.
    add(_leaf(3, "description", html.escape(item.summary or item.title, quote=False)))
    add("  </item>")
    return _rss_spelling("\n".join(out))


def json_feed(feed: Feed) -> str:
    doc = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.page_url,
        "feed_url": feed.self_urls["json"],
    }
    if feed.subtitle:
        doc["description"] = feed.subtitle
    doc["language"] = feed.language
    doc["authors"] = [{"name": feed.author}]
    if feed.complete:
        doc["expired"] = True
    doc["items"] = [_Written(item_text(item, "json", feed.language)) for item in feed.items]
    return json_text(doc) + "\n"


class _Written(str):
    """JSON text written already (an item): json_text puts it in as it is."""


def _json_item_text(item: FeedItem, feed_language: str, _full_text: bool) -> str:
    return _json(_json_item(item, feed_language), _ITEM_INDENT)


_ITEM_INDENT = "\n" + "  " * 2  # items are members of the document's "items" list


def _json_item(item: FeedItem, feed_language: str) -> dict:
    # JSON Feed asks for a content: the summary, as plain text (the full text is in the Atom feed)
    out = {"id": item.id, "url": item.id, "title": item.title, "content_text": item.summary or item.title,
           "date_published": rfc3339(item.published), "authors": [{"name": item.author}]}
    if item.language != feed_language:
        out["language"] = item.language
    return out


_ITEM_WRITERS = {"atom": _atom_entry, "rss": _rss_item, "json": _json_item_text}


def _text_construct(depth: int, tag: str, text: str) -> str:
    """An Atom text construct holding plain `text`: type="text", or, when the text holds '<' or
    '&', type="html" with the text escaped, so that no reader (nor the validator) can take a
    headline such as "Use <b> & </b>" for markup.  Both say exactly the same text."""
    if "<" in text or "&" in text:
        return _leaf(depth, tag, html.escape(text, quote=False), {"type": "html"})
    return _leaf(depth, tag, text)


def _rss_plain(text: str) -> str:
    """A title for RSS, which cannot say whether a title is text or HTML: readers sniff, and take
    "<i>" for markup.  Text holding '<' or '&' is sent escaped as HTML, which every reader shows
    as the exact text (the same rule as Atom's text constructs); other text goes as is."""
    return html.escape(text, quote=False) if "<" in text or "&" in text else text


# --- the serializer: what ElementTree's indent(space=" ") + tostring(encoding="unicode") wrote ---
# One element per line, indented one space per level; an element without text or children is
# "<tag />"; texts escape & < >, attribute values & < > " CR LF TAB, as ElementTree does.

def json_text(value) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2) for str, True and nested dicts and lists."""
    return _json(value, "\n")


def _json(value, newline: str) -> str:
    if isinstance(value, str):
        return value if type(value) is _Written else encode_basestring(value)
    if value is True:
        return "true"
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        members = ("," + inner).join(encode_basestring(k) + ": " + _json(v, inner) for k, v in value.items())
        return "{" + inner + members + newline + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join(_json(v, inner) for v in value) + newline + "]"
    raise TypeError(f"not a feed value: {value!r}")


def escape_text(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attribute(text: str) -> str:
    text = escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def _attributes(attrs: dict | None) -> str:
    if not attrs:
        return ""
    return "".join(f' {name}="{escape_attribute(value)}"' for name, value in attrs.items())


def _open(tag: str, attrs: dict | None = None, depth: int = 0) -> str:
    """The start tag of an element with children, on its own line."""
    return " " * depth + "<" + tag + _attributes(attrs) + ">"


def _leaf(depth: int, tag: str, text: str, attrs: dict | None = None) -> str:
    """An element without children, on its own line: "<tag>text</tag>", or "<tag />" without text."""
    if not text:
        return " " * depth + "<" + tag + _attributes(attrs) + " />"
    return " " * depth + "<" + tag + _attributes(attrs) + ">" + escape_text(text) + "</" + tag + ">"


def _xml(lines: list[str]) -> str:
    return '<?xml version="1.0" encoding="utf-8"?>\n' + "\n".join(lines) + "\n"
