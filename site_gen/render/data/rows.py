"""One entry as a row of the exports: the columns every format shares (docs/data.md).

A row is a dict in COLUMNS order, values plain JSON types.  JSON Lines writes it as is;
CSV joins its lists (`CSV_JOINERS`); the SQLite archive splits topics into their own table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from site_gen import urls
from site_gen.model import Blog, Entry
from site_gen.render.structured import plain_text

# What each column holds: docs/data.md shows these, and so does Datasette (metadata.json).
COLUMN_DOCS = {
    "blog": "the blog's page name (slug): its page is blogs/BLOG.html",
    "blog_title": "the blog's title",
    "url": "the entry's permanent URL: base_url, then blogs/BLOG.html#ANCHOR (only that path, from the "
           "site's root, when the site has no base_url)",
    "anchor": "the entry's id on its blog page, unique in its blog",
    "published": "when the entry was published: RFC 3339 with the blog's UTC offset (2022-11-10T20:56:00+01:00)",
    "published_utc": "the same moment in UTC (2022-11-10T19:56:00Z): sorts across time zones",
    "time_as_printed": "the time exactly as the dump printed it (8:56pm, 23:13pm, 20h56)",
    "headline": "the entry's headline; empty when the outlet wrote none",
    "text": "the entry's paragraphs as plain text (no markup), separated by a blank line",
    "related": "the entry's references to other articles (>> lines), as plain text",
    "topics": "the names of the topics (people, places, organisations) the entry mentions",
    "language": "the blog's language (BCP 47): its front matter's, else the site's",
    "source": "the file name of the dump the entry was read from (in the content folder, or a folder in it)",
    "line": "the line of the dump where the entry's heading is",
}
COLUMNS = tuple(COLUMN_DOCS)
CSV_JOINERS = {"related": "\n", "topics": "; "}  # list columns, as one CSV cell


def author_of(site, blog: Blog) -> str:
    """The blog's author, else its credit line, else the site's author, else the site's title."""
    if blog.author:
        return blog.author
    if blog.credit and blog.credit.text.strip("() "):
        return blog.credit.text.strip().removeprefix("(").removesuffix(")").strip()
    return site.config.author or site.config.title


def language_of(blog: Blog, config) -> str:
    """The blog's language (front matter), else the site's."""
    return blog.language or config.language


def dump_name(blog: Blog) -> str:
    """The dump's file name: unique in a site (blog slugs come from it), and the same wherever
    the site is built from (the path the build was given is not)."""
    return PurePath(blog.source).name


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
        "source": dump_name(blog),
        "line": entry.line,
    }


def csv_cells(row: dict) -> list:
    """The row as CSV cells, in COLUMNS order (lists joined)."""
    return [CSV_JOINERS[c].join(row[c]) if c in CSV_JOINERS else row[c] for c in COLUMNS]
