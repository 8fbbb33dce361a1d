"""Topics -> the plain values the topic templates read (the contract is in docs/templates.md).

    topics_index(site)                                 topics/index.html
    topic_page(site, topic, lookup, related, cache)    topics/<slug>.html

(The topic links under each entry of a blog page are views.entry_topics.)

Every value is text, a number or a list/dict of those; templates escape them.
The mention's sentence comes as three plain-text parts (before, the words, after)
so the template can wrap the words in <mark> without building HTML here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from markupsafe import Markup

from site_gen import urls
from site_gen.model import PARAGRAPH, Entry, Site, Topic
from site_gen.topics.extract import name_key
from site_gen.render.views import page_view, site_feed_links, site_view, topic_feed_links

MOST_MENTIONED = 10
SENTENCE_LIMIT = 280  # characters of context shown around a mention

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)|`")



def topics_index(site: Site) -> dict:
    path = urls.TOPICS_INDEX
    letters: dict[str, list] = {}
    for topic in site.topics:  # already sorted by name
        letter = name_key(topic.name)[:1].upper()
        letters.setdefault(letter if letter.isalpha() else "#", []).append(_summary(topic, path))
    most = sorted(site.topics, key=lambda t: (-len(t.mentions), name_key(t.name), t.slug))[:MOST_MENTIONED]
    description = f"Every person, place, organisation and named thing in {site.config.title}, with the entries that mention it."
    return {
        "site": site_view(site),
        "page": page_view(path, "Topics", description, site.config.root_url, site_feed_links(site, path)),
        "letters": [{"letter": k, "id": "letter-" + ("other" if k == "#" else k.lower()), "topics": v}
                    for k, v in sorted(letters.items(), key=lambda kv: (kv[0] == "#", kv[0]))],
        "most_mentioned": [_summary(t, path) for t in most if t.mentions],
        "topic_count": len(site.topics),
    }


def _summary(topic: Topic, from_path: str) -> dict:
    return {"name": topic.name, "slug": topic.slug, "href": urls.topic_url(from_path, topic.slug),
            "count": len(topic.mentions), "blog_count": len(topic.blogs)}


def topic_page(site: Site, topic: Topic, related: dict, *, rows_html: Markup | None = None,
               months: list[tuple[str, int]] | None = None, month: str | None = None) -> dict:
    """A topic's page, or (with `month`) the page of one month of a large topic.

    `related` is related_topics(site); `rows_html` the page's rows, already rendered
    (topic_pages.py); `months` [(yyyy-mm, entries)] of a topic listed month by month.
    """
    path = urls.topic_month_path(topic.slug, month) if month else urls.topic_path(topic.slug)
    blogs = site.blog_titles or {b.slug: b.title for b in site.blogs}
    count = len(topic.mentions)
    label = month_label(month) if month else ""
    shown = dict(months or ()).get(month, 0) if month else count
    if month:
        title = f"{topic.name}, {label}"
        description = f"{shown} {'entry mentions' if shown == 1 else 'entries mention'} {topic.name} in {label}."
    else:
        title = topic.name
        description = topic.description or \
            f"{count} {'entry mentions' if count == 1 else 'entries mention'} {topic.name}."
    names = [m for m, _ in months or ()]
    at = names.index(month) if month in names else -1
    return {
        "site": site_view(site),
        "page": page_view(path, title, description, site.config.root_url,
                          (topic_feed_links(site, topic.slug, topic.name, path) if topic.mentions else [])
                          + site_feed_links(site, path)),  # a topic named only by tags has no feed
        "topics_index": urls.relative(path, urls.TOPICS_INDEX),
        "topic": {
            "name": topic.name,
            "slug": topic.slug,
            "href": urls.relative(path, urls.topic_path(topic.slug)),
            "aliases": list(topic.aliases),
            "description": topic.description,
            "count": count,
            "blogs": [{"title": blogs[s], "href": urls.relative(path, urls.blog_path(s))}
                      for s in topic.blogs if s in blogs],
            "related": [_summary(t, path) for t in related.get(topic.slug, ())],
            "first_datetime": topic.mentions[0].published.isoformat() if topic.mentions else None,
            "last_datetime": topic.mentions[-1].published.isoformat() if topic.mentions else None,
        },
        "months": [] if month else [
            {"month": m, "label": month_label(m), "count": n,
             "href": urls.relative(path, urls.topic_month_path(topic.slug, m))} for m, n in months or ()],
        "month": None if not month else {
            "month": month, "label": label, "count": shown,
            "previous": _month_link(path, topic.slug, names[at - 1]) if at > 0 else None,
            "next": _month_link(path, topic.slug, names[at + 1]) if 0 <= at < len(names) - 1 else None,
        },
        "mentions_html": rows_html,
    }


def _month_link(path: str, slug: str, month: str) -> dict:
    return {"label": month_label(month), "href": urls.relative(path, urls.topic_month_path(slug, month))}


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


def month_label(month: str) -> str:
    """'2022-11' -> 'November 2022'."""
    year, number = month.split("-")
    return f"{_MONTH_NAMES[int(number) - 1]} {year}"


def related_topics(site: Site) -> dict[str, list[Topic]]:
    """slug -> topics whose name extends this one's or is extended by it
    ("Zaporizhzhia" <-> "Zaporizhzhia nuclear plant"), by name."""
    by_key: dict[str, list[Topic]] = {}
    for t in site.topics:
        by_key.setdefault(name_key(t.name), []).append(t)
    out: dict[str, list[Topic]] = {}
    for t in site.topics:
        words = name_key(t.name).split()
        for n in range(1, len(words)):
            for shorter in by_key.get(" ".join(words[:n]), ()):
                out.setdefault(shorter.slug, []).append(t)
                out.setdefault(t.slug, []).append(shorter)
    return {slug: sorted(ts, key=lambda t: (name_key(t.name), t.slug))[:10] for slug, ts in out.items()}


def mention_sentence(entry: Entry, written: str, *others: str) -> tuple[str, str, str]:
    """The first sentence of `entry` that mentions `written` (or one of `others`, the topic's
    other names), as plain text split around the words.

    Paragraphs are searched first, then the headline; the words as written first,
    then loosely ("U.S." for "US").  ("", "", "") when they cannot be found.
    """
    return sentence(plain_texts(entry), [written, *others])


def plain_texts(entry: Entry) -> list[tuple[str, list[int]]]:
    """Paragraphs then headline, as plain text with the offsets where their sentences start."""
    texts = [_plain(b.text) for b in entry.blocks if b.kind == PARAGRAPH] + [_plain(entry.headline)]
    return [(t, [0] + [m.end() for m in _SENTENCE_END.finditer(t)]) for t in texts]


def sentence(texts: list[tuple[str, list[int]]], forms: list[str]) -> tuple[str, str, str]:
    """The sentence of the first text that holds one of `forms` (the earliest, longest one there)."""
    for text, starts in texts:
        best = None
        for form in forms:
            if form in text:  # a C search first: most forms are not in most texts
                span = _locate(text, form)
                if span is not None and (best is None or span[0] < best[0] or span[0] == best[0] and span[1] > best[1]):
                    best = span
        if best is not None:
            return _around(text, starts, *best)
    for text, starts in texts:
        span = _locate_loosely(text, forms[0])
        if span is not None:
            return _around(text, starts, *span)
    return "", "", ""


def _plain(text: str) -> str:
    """Markdown inline syntax dropped: '[Kherson](https://...)' -> 'Kherson', '*very*' -> 'very'."""
    if "[" in text or "*" in text or "_" in text or "`" in text:
        text = _MD_MARKS.sub("", _MD_LINK.sub(r"\1", text))
    return text


def _locate(text: str, written: str) -> tuple[int, int] | None:
    start = text.find(written)
    while start != -1:
        end = start + len(written)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return start, end
        start = text.find(written, start + 1)
    return None


def _locate_loosely(text: str, written: str) -> tuple[int, int] | None:
    """Written differently in the text: "U.S." for "US", "[Volodymyr] Zelensky"."""
    letters = [re.escape(c) for c in written if c.isalnum()]
    if not letters:
        return None
    m = re.search(r"(?<!\w)" + r"[\W_]{0,3}".join(letters) + r"(?!\w)", text)
    return (m.start(), m.end()) if m else None


def _around(text: str, starts: list[int], start: int, end: int) -> tuple[str, str, str]:
    """The sentence holding text[start:end], cut to SENTENCE_LIMIT characters around it."""
    i = bisect_right(starts, start)
    first = starts[i - 1]
    j = bisect_left(starts, end, i)
    last = starts[j] if j < len(starts) else len(text)
    before, words, after = text[first:start], text[start:end], text[end:last].rstrip()
    room = max(40, (SENTENCE_LIMIT - len(words)) // 2)
    if len(before) > room:
        before = "…" + before[-room:].split(" ", 1)[-1]
    if len(after) > room:
        after = after[:room].rsplit(" ", 1)[0] + "…"
    return before, words, after


def topic_table(site: Site, by: str = "count") -> str:
    """The `site-gen topics` table: entries, name, page name, written forms merged into the topic."""
    topics = list(site.topics)
    if by == "count":
        topics.sort(key=lambda t: (-len(t.mentions), name_key(t.name), t.slug))
    width = min(40, max([len(t.name) for t in topics] + [5]))
    slug_width = min(40, max([len(t.slug) for t in topics] + [4]))
    lines = [f"{'entries':>7}  {'topic':<{width}}  {'page':<{slug_width}}  also written"]
    for t in topics:
        mark = " (curated)" if t.curated else ""
        tags = f" [tagged: {len(t.blogs)}]" if t.blogs else ""
        lines.append(f"{len(t.mentions):>7}  {t.name:<{width}}  {t.slug:<{slug_width}}  "
                     f"{', '.join(t.aliases)}{mark}{tags}".rstrip())
    lines.append(f"{len(topics)} topics")
    return "\n".join(lines) + "\n"
