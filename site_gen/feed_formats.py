"""One `feeds.Feed` -> the text of an Atom 1.0, RSS 2.0 or JSON Feed 1.1 document.

XML is built with xml.etree.ElementTree rather than templates: a feed is a data
format whose shape the specifications fix, and the serializer escapes every text
and attribute itself, so no title, headline or paragraph ("<", "&", "]]>") can
break the document, whatever a site's templates do.  Namespaced names are
written with their usual prefixes ("fh:complete", "content:encoded") and their
xmlns declarations on the root.  JSON comes from json.dumps.  Nothing here reads
the clock: the same Feed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from site_gen import __version__

if TYPE_CHECKING:
    from site_gen.feeds import Feed, FeedItem

ATOM_NS = "http://www.w3.org/2005/Atom"
HISTORY_NS = "http://purl.org/syndication/history/1.0"  # RFC 5005 feed paging and archiving
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
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
    root = Element("feed", {"xmlns": ATOM_NS, "xml:lang": feed.language})
    if feed.complete:
        root.set("xmlns:fh", HISTORY_NS)
    _text(root, "id", feed.id)
    _text_construct(root, "title", feed.title)
    if feed.subtitle:
        _text_construct(root, "subtitle", feed.subtitle)
    _text(root, "updated", rfc3339(feed.updated))
    SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": feed.self_urls["atom"]})
    SubElement(root, "link", {"rel": "alternate", "type": HTML, "href": feed.page_url})
    _text(SubElement(root, "author"), "name", feed.author)
    _text(root, "generator", GENERATOR, version=__version__)
    if feed.complete:
        SubElement(root, "fh:complete")
    for item in feed.items:
        entry = SubElement(root, "entry")
        if item.language != feed.language:
            entry.set("xml:lang", item.language)
        _text(entry, "id", item.id)
        _text_construct(entry, "title", item.title)
        SubElement(entry, "link", {"rel": "alternate", "type": HTML, "href": item.id})
        _text(entry, "published", rfc3339(item.published))
        _text(entry, "updated", rfc3339(item.published))
        _text(SubElement(entry, "author"), "name", item.author)
        for name in item.categories:
            SubElement(entry, "category", {"term": name})
        if item.summary:
            _text_construct(entry, "summary", item.summary)
        _text(entry, "content", item.content_html, type="html")
    return _xml(root)


def rss(feed: Feed) -> str:
    root = Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:content": CONTENT_NS,
                           "xmlns:dc": DC_NS})
    channel = SubElement(root, "channel")
    _text(channel, "title", _rss_plain(feed.title))
    _text(channel, "link", feed.page_url)
    _text(channel, "description", _rss_plain(feed.subtitle or feed.title))
    SubElement(channel, "atom:link", {"href": feed.self_urls["rss"], "rel": "self", "type": "application/rss+xml"})
    _text(channel, "language", feed.language)
    _text(channel, "generator", f"{GENERATOR} {__version__}")
    _text(channel, "lastBuildDate", rfc822(feed.updated))
    _text(channel, "pubDate", rfc822(feed.updated))
    _text(channel, "docs", "https://www.rssboard.org/rss-specification")
    for item in feed.items:
        node = SubElement(channel, "item")
        _text(node, "title", _rss_plain(item.title))
        _text(node, "link", item.id)
        _text(node, "guid", item.id, isPermaLink="true")
        _text(node, "pubDate", rfc822(item.published))
        _text(node, "dc:creator", item.author)
        for name in item.categories:
            _text(node, "category", name)
        # <description> is HTML in RSS: the plain-text summary is escaped once as HTML,
        # then once more as XML by the serializer.
        _text(node, "description", html.escape(item.summary or item.title, quote=False))
        _text(node, "content:encoded", item.content_html)
    # RSS has no way to say "plain text": the RSS Profile asks for '&' and '<' as hexadecimal
    # character references so that readers (and the W3C validator) do not take them for markup.
    # In the serializer's output "&amp;" and "&lt;" only ever stand for those two characters,
    # so this replacement changes the spelling, never the parsed text.
    return _xml(root).replace("&amp;", "&#x26;").replace("&lt;", "&#x3C;")


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
    doc["items"] = [_json_item(item, feed.language) for item in feed.items]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _json_item(item: FeedItem, feed_language: str) -> dict:
    out = {"id": item.id, "url": item.id, "title": item.title, "content_html": item.content_html}
    if item.summary:
        out["summary"] = item.summary
    out["date_published"] = rfc3339(item.published)
    out["date_modified"] = rfc3339(item.published)
    out["authors"] = [{"name": item.author}]
    if item.categories:
        out["tags"] = list(item.categories)
    if item.language != feed_language:
        out["language"] = item.language
    return out


def _text_construct(parent: Element, tag: str, text: str) -> Element:
    """An Atom text construct holding plain `text`: type="text", or, when the text holds '<' or
    '&', type="html" with the text escaped, so that no reader (nor the validator) can take a
    headline such as "Use <b> & </b>" for markup.  Both say exactly the same text."""
    if "<" in text or "&" in text:
        return _text(parent, tag, html.escape(text, quote=False), type="html")
    return _text(parent, tag, text)


def _rss_plain(text: str) -> str:
    """A title for RSS, which cannot say whether a title is text or HTML: readers sniff, and take
    "<i>" for markup.  Text holding '<' or '&' is sent escaped as HTML, which every reader shows
    as the exact text (the same rule as Atom's text constructs); other text goes as is."""
    return html.escape(text, quote=False) if "<" in text or "&" in text else text


def _text(parent: Element, tag: str, text: str, **attrs: str) -> Element:
    node = SubElement(parent, tag, attrs)
    node.text = text
    return node


def _xml(root: Element) -> str:
    indent(root, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="unicode") + "\n"
