"""One entry as a row of the exports: the columns every format shares (docs/data.md).

A row is a dict in COLUMNS order, values plain JSON types.  JSON Lines writes it as is;
CSV joins its lists (`CSV_JOINERS`); the SQLite archive splits topics into their own table.
"""

from __future__ import annotations

import datetime as dt

from site_gen import urls
from site_gen.model import Blog, Entry
from site_gen.render.structured import plain_text

COLUMNS = ("blog", "blog_title", "url", "anchor", "published", "published_utc", "time_as_printed",
           "headline", "text", "related", "topics", "language", "source", "line")
CSV_JOINERS = {"related": "\n", "topics": "; "}  # list columns, as one CSV cell


def language_of(blog: Blog, config) -> str:
    """The blog's language (front matter), else the site's."""
    return blog.language or config.language


def utc_text(moment: dt.datetime) -> str:
    """RFC 3339 in UTC ("2022-11-10T19:56:00Z"): sorts as text across time zones."""
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat() + "Z"


def entry_row(config, blog: Blog, entry: Entry, topic_names: dict[str, str], language: str | None = None) -> dict:
    """The row of one entry; `topic_names`: topic slug -> name (the entry's topics, named)."""
    return {
        "blog": blog.slug,
        "blog_title": blog.title,
        "url": urls.entry_link(config.root_url, blog.slug, entry.anchor),
        "anchor": entry.anchor,
        "published": entry.published.isoformat(),
        "published_utc": utc_text(entry.published),
        "time_as_printed": entry.time_text,
        "headline": entry.headline,
        "text": "\n\n".join(plain_text(b.text) for b in entry.paragraphs),
        "related": [plain_text(b.text) for b in entry.related],
        "topics": [topic_names[slug] for slug in entry.topics if slug in topic_names],
        "language": language or language_of(blog, config),
        "source": blog.source,
        "line": entry.line,
    }


def csv_cells(row: dict) -> list:
    """The row as CSV cells, in COLUMNS order (lists joined)."""
    return [CSV_JOINERS[c].join(row[c]) if c in CSV_JOINERS else row[c] for c in COLUMNS]
