"""Read COinS as Zotero does: the COinS translator (zotero/translators COinS.js) finds every
<span class="Z3988" title="..."> and parses its title with parseContextObject (zotero/utilities
openurl.js).  Only the keys site-gen writes, read with Zotero's own rules, quirks included:
pairs split on '&' and the first '=', values URI-decoded after '+' and '%2B' become spaces.
"""

from __future__ import annotations

import html.parser
from urllib.parse import unquote

ITEM_TYPES = {"blogPost", "webpage", "journalArticle", "newspaperArticle"}  # (Zotero knows more)


def parse_context_object(co: str) -> dict | None:
    parts = co.split("&")
    item: dict = {"creators": []}
    for part in parts:
        if part.startswith("rft_val_fmt="):
            fmt = unquote(part[len("rft_val_fmt="):])
            if fmt == "info:ofi/fmt:kev:mtx:journal":
                item["itemType"] = "journalArticle"
            elif fmt == "info:ofi/fmt:kev:mtx:dc":
                item["itemType"] = "webpage"
            break
    if "itemType" not in item:
        return None
    for part in parts:
        key, _, value = part.partition("=")
        value = unquote(value.replace("+", " ").replace("%2B", " ").replace("%2b", " "), errors="strict")
        if not value:
            continue
        if key == "rft_id" and value.startswith(("http://", "https://")):
            item["url"] = value
        elif key == "rft.title":
            item["title"] = value
        elif key == "rft.date":
            item["date"] = value
        elif key == "rft.aucorp":
            item["creators"].append({"lastName": value, "isInstitution": True})
        elif key == "rft.au":
            item["creators"].append({"name": value})
        elif key == "rft.source":
            item["publicationTitle"] = value
        elif key == "rft.language":
            item["language"] = value
        elif key == "rft.type" and value in ITEM_TYPES:
            item["itemType"] = value
    return item


class _Spans(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and "Z3988" in (attrs.get("class") or "").split() and attrs.get("title") is not None:
            self.titles.append(attrs["title"])


def coins_items(page: str) -> list[dict]:
    """Every item Zotero's COinS translator would offer on `page` (span.Z3988[title])."""
    spans = _Spans()
    spans.feed(page)
    return [item for item in map(parse_context_object, spans.titles) if item is not None]
