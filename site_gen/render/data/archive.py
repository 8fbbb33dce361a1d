"""The SQLite archive (data/archive.sqlite): blogs, entries, topics and their links, and a
full-text index (FTS5) over the entries' headlines and text.  Datasette opens it as it is.

Written with the standard sqlite3 module into a fresh file, rows streamed in blog by blog,
in one transaction, with no journal: the same rows in the same order give the same bytes.
The entries and their full-text index come first, the topics and entry_topics last: a build
makes the first part while its topics are being found (write_archive).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

SCHEMA = """\
CREATE TABLE blogs (
  slug TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  author TEXT NOT NULL,
  language TEXT NOT NULL,
  first_published TEXT NOT NULL,
  last_published TEXT NOT NULL,
  entry_count INTEGER NOT NULL,
  source TEXT NOT NULL
);
CREATE TABLE topics (
  slug TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  entry_count INTEGER NOT NULL
);
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  blog TEXT NOT NULL REFERENCES blogs(slug),
  url TEXT NOT NULL,
  anchor TEXT NOT NULL,
  published TEXT NOT NULL,
  published_utc TEXT NOT NULL,
  time_as_printed TEXT NOT NULL,
  headline TEXT NOT NULL,
  text TEXT NOT NULL,
  related TEXT NOT NULL,
  language TEXT NOT NULL,
  source TEXT NOT NULL,
  line INTEGER NOT NULL,
  UNIQUE (blog, anchor)
);
CREATE TABLE entry_topics (
  entry_id INTEGER NOT NULL REFERENCES entries(id),
  topic TEXT NOT NULL REFERENCES topics(slug),
  PRIMARY KEY (entry_id, topic)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE entries_fts USING fts5(headline, text, content="entries", content_rowid="id");
"""
ENTRY_INDEXES = "CREATE INDEX entries_published_utc ON entries(published_utc);\n"
LINK_INDEXES = "CREATE INDEX entry_topics_topic ON entry_topics(topic);\n"
BLOG_DOCS = {
    "slug": "the blog's page name: its page is blogs/SLUG.html", "title": "the blog's title",
    "url": "the blog page's URL (a path from the site's root when the site has no base_url)",
    "author": "the outlet, as citations name it", "language": "the blog's language (BCP 47)",
    "first_published": "its first entry's time (RFC 3339)", "last_published": "its last entry's time (RFC 3339)",
    "entry_count": "how many entries it has", "source": "the file name of the dump it was read from",
}
TOPIC_DOCS = {"slug": "the topic's page name: its page is topics/SLUG.html", "name": "the topic's name",
              "entry_count": "how many entries mention it"}
# entries has an `id` (its place in the archive, oldest blog first) and these columns (rows.COLUMN_DOCS);
# related holds one reference a line.  The topics of an entry are in entry_topics.
ENTRY_COLUMNS = ("blog", "url", "anchor", "published", "published_utc", "time_as_printed", "headline", "text",
                 "related", "language", "source", "line")


def write_archive(path: Path, blogs: Iterable, receive: Callable[[], tuple], live: Path | None = None,
                  previous: dict | None = None, state: dict | None = None) -> bool:
    """Write the database at `path` (a fresh file), in two parts.

    First what the topics do not change: `blogs`, (key, load) per blog in site order, `load()`
    giving its blogs row and its entries' rows (dicts; a blog with no entries is left out), `key`
    naming those rows (None: not known); then the full-text index.  Then `receive()` gives the
    rest, (topics, links): `topics` as (slug, name, entry count), `links` as (key, load) per
    blog, in the same order (None for a blog with no entries), `load()` giving each entry's
    topic slugs.  A build starts this before its topics are known (exports.py): the first part
    is made while they are found.

    Rows whose key `previous` names (the `state` of the build that wrote `live`) are copied from
    `live`, their entry ids shifted: the same rows in the same order as if inserted, so the
    same bytes.  Returns True when some rows are not in the live file as `previous` lays it
    out: the file's bytes are new."""
    db = sqlite3.connect(path, isolation_level=None)
    rows_at: dict = {}  # key -> (first entry id, entry count, blog slug) in this file
    links_at: dict = {}  # key -> (first entry id, entry count)
    old = previous if live is not None and previous and "rows" in previous else {}
    new = False  # some rows are not those of the live file (without its layout, only comparing tells)
    try:
        db.execute("PRAGMA journal_mode = OFF")  # a fresh file, all or nothing in build/: no journal
        db.execute("PRAGMA synchronous = OFF")
        if old:
            db.execute("ATTACH DATABASE ? AS old", (str(live),))  # read only: nothing is written to it
        db.execute("BEGIN")
        _script(db, SCHEMA)
        placed, copied = _entries(db, blogs, old.get("rows", {}), rows_at)
        new = bool(old) and not copied
        _script(db, ENTRY_INDEXES)
        db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
        # FTS5 holds what it indexed until the transaction ends or a savepoint begins (as
        # copying rows from the live file does): written now, it is where a clean build puts it.
        db.execute("SAVEPOINT indexed")
        db.execute("RELEASE indexed")
        topics, links = receive()
        db.executemany("INSERT INTO topics VALUES (?, ?, ?)", topics)
        links = list(links)
        if [link is None for link in links] != [place is None for place in placed]:
            raise ValueError("the archive's topic links are not those of its blogs")
        before = old.get("links", {})
        for link, place in zip(links, placed):
            if link is None:
                continue
            (key, load), (first_id, count) = link, place
            at = before.get(key) if key is not None else None
            if at is not None and at[1] == count:
                db.execute("INSERT INTO entry_topics SELECT entry_id + ?, topic FROM old.entry_topics "
                           "WHERE entry_id BETWEEN ? AND ? ORDER BY entry_id, topic",
                           (first_id - at[0], at[0], at[0] + count - 1))
            else:
                new = new or bool(old)
                db.executemany("INSERT INTO entry_topics VALUES (?, ?)",
                               [(i, topic) for i, slugs in enumerate(load(), first_id) for topic in sorted(set(slugs))])
            if key is not None:
                links_at[key] = (first_id, count)
        _script(db, LINK_INDEXES)
        db.execute("COMMIT")
        if old:
            db.execute("DETACH DATABASE old")
    finally:
        db.close()
    if state is not None:
        state["sqlite"] = {"rows": rows_at, "links": links_at}
    return new


def _entries(db: sqlite3.Connection, blogs: Iterable, before: dict, places: dict) -> tuple[list, bool]:
    """Insert (or copy) every blog's row and its entries' rows; (first entry id, entry count)
    of each blog (None: it has no entries), and whether all of them were copied."""
    placed, copied = [], True
    entry_id = 0
    insert_entry = f"INSERT INTO entries VALUES (?, {', '.join('?' * len(ENTRY_COLUMNS))})"
    for key, load in blogs:
        place = before.get(key) if key is not None else None
        if place is not None:
            first, count, slug = place
            db.execute("INSERT INTO blogs SELECT * FROM old.blogs WHERE slug = ?", (slug,))
            db.execute(f"INSERT INTO entries SELECT id + ?, {', '.join(ENTRY_COLUMNS)} FROM old.entries "
                       "WHERE id BETWEEN ? AND ? ORDER BY id", (entry_id + 1 - first, first, first + count - 1))
        else:
            blog, entries = load()
            if not entries:
                placed.append(None)
                continue
            copied = False
            slug, count = blog[0], len(entries)
            db.execute(f"INSERT INTO blogs VALUES ({', '.join('?' * len(blog))})", blog)
            db.executemany(insert_entry, [(i, *(_cell(row[c]) for c in ENTRY_COLUMNS))
                                          for i, row in enumerate(entries, entry_id + 1)])
        if key is not None:
            places[key] = (entry_id + 1, count, slug)
        placed.append((entry_id + 1, count))
        entry_id += count
    return placed, copied


def _script(db: sqlite3.Connection, script: str) -> None:
    """Each statement of `script`, inside the open transaction (executescript would commit it)."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def _cell(value):
    return "\n".join(value) if isinstance(value, list) else value
