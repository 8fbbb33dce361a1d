"""The archive as data, published with the site in data/ (docs/data.md).

    exports                  producer.Split "exports": a linked step per blog (it runs after the
                             topics phase, so each row names its entry's topics) makes the blog's
                             part of every export as bytes, kept in the cache, and its
                             citation files (cite/<blog>.bib, .json); the site step
                             writes each file from the parts, in site order, streamed to disk
                             (Writer.made): a large archive is never held in memory, and an
                             incremental build writes exactly what a clean one would
    export_file(site, fmt)   one export of a whole in-memory Site (`site-gen export`)

Which files: the `exports` setting (config.EXPORTS): entries.jsonl, entries.csv,
entries.csl.json, archive.sqlite (with Datasette's metadata.json beside it).
"""

from __future__ import annotations

import csv
import io
import json
import os
from functools import partial
from pathlib import Path

from site_gen import urls
from site_gen.model import Blog, Site
from site_gen.render.data import archive
from site_gen.render.data.cite import bibtex, csl_item
from site_gen.render.data.rows import COLUMNS, author_of, csv_cells, dump_name, entry_row, language_of
from site_gen.render.producer import Later, Split, kept, with_topic_links


def blog_parts(site: Site, blog: Blog, topic_names: dict[str, str], wanted) -> dict:
    """The blog's part of each export in `wanted` (bytes; for "sqlite", its blogs row and each
    entry's topic slugs: its entries' rows are read back from the "jsonl" part)."""
    config = site.config
    language = language_of(blog, config)
    rows = [entry_row(config, blog, e, topic_names, language) for e in blog.entries]
    parts = {}
    if "jsonl" in wanted or "sqlite" in wanted:
        parts["jsonl"] = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n"
                                 for r in rows).encode("utf-8")
    if "csv" in wanted:
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows(csv_cells(r) for r in rows)
        parts["csv"] = text.getvalue().encode("utf-8")
    if "csl" in wanted:
        parts["csl"] = ",\n".join(json.dumps(csl_item(site, blog, e, topic_names), ensure_ascii=False)
                                  for e in blog.entries).encode("utf-8")
    if "sqlite" in wanted:
        parts["sqlite"] = (_blogs_row(site, blog, language),
                           tuple(tuple(s for s in e.topics if s in topic_names) for e in blog.entries))
    return parts


def _blogs_row(site: Site, blog: Blog, language: str) -> tuple:
    """The blog's row in the archive's blogs table."""
    page = urls.blog_path(blog.slug)
    url = urls.absolute(site.config.root_url, page) if site.config.root_url else page
    return (blog.slug, blog.title, url, author_of(site, blog), language, blog.first_published.isoformat(),
            blog.last_published.isoformat(), len(blog.entries), dump_name(blog))


def _archive_rows(site: Site, load) -> tuple:
    """The blog `load()` gives, as the archive's first part holds it: its blogs row and its
    entries' rows (the topics come later)."""
    blog = load()
    language = language_of(blog, site.config)
    return _blogs_row(site, blog, language), [entry_row(site.config, blog, e, {}, language) for e in blog.entries]


def _linked(blog: Blog, ctx, links):
    """The blog's citation files (its page's Cite controls link them), and its parts of the exports."""
    if not blog.entries:
        return [], None
    blog, ctx = with_topic_links(blog, ctx, links)
    names = {t.slug: t.name for t in ctx.site.topics}
    wanted = ctx.site.config.exports
    parts = blog_parts(ctx.site, blog, names, ("csl", *wanted))
    pages = [(urls.cite_path(blog.slug, "csl"), b"[\n" + parts["csl"] + b"\n]\n"),
             (urls.cite_path(blog.slug, "bibtex"), "\n".join(bibtex(ctx.site, blog, e) for e in blog.entries))]
    if "csl" not in wanted:
        del parts["csl"]
    return pages, tuple((fmt, kept(part, ctx)) for fmt, part in parts.items()) or None


def _site(fragments: list, ctx):
    config = ctx.site.config
    wanted = config.exports
    if not wanted:
        return
    fragments = list(fragments)
    parts = [dict(fragment) for fragment in fragments if fragment]
    # Where each blog's part is in the files the last build wrote: an unchanged part (the same
    # blob) is copied from the live file, not loaded from the cache again.
    previous = ctx.previous or {}
    state = ctx.state if ctx.state is not None else {}
    joined = partial(_Joined, parts, ctx.blobs, previous, state)
    if "jsonl" in wanted:
        yield urls.export_path("jsonl"), joined("jsonl")
    if "csv" in wanted:
        yield urls.export_path("csv"), joined("csv", head=_csv_head())
    if "csl" in wanted:
        yield urls.export_path("csl"), joined("csl", head=b"[\n", between=b",\n", tail=b"\n]\n")
    if "sqlite" in wanted:
        path = urls.export_path("sqlite")
        rest = ([(t.slug, t.name, len(t.mentions)) for t in ctx.site.topics],
                [dict(fragment)["sqlite"] if fragment else None for fragment in fragments])
        if path in ctx.begun:  # its first part is being made (_early): this is the rest, sent to it
            yield path, Later(rest)
        else:
            blogs = [(None, partial(_blog_rows, dict(f), ctx.blobs) if f else _no_rows) for f in fragments]
            yield path, lambda path, live: archive.write_archive(path, blogs, partial(_links, lambda: rest, ctx.blobs))
        yield urls.DATASETTE_METADATA, datasette_metadata(config)


def _early(blogs: list, ctx):
    """The archive's first part, begun before the topics phase (it needs none of the topics):
    `blogs` gives every blog's model (key, load), in site order; the site step sends the rest."""
    site = ctx.site
    if "sqlite" not in site.config.exports:
        return
    rows = [(key, partial(_archive_rows, site, load)) for key, load in blogs]
    previous = (ctx.previous or {}).get("sqlite")
    state = ctx.state
    blobs = ctx.blobs
    yield urls.export_path("sqlite"), lambda path, live, receive: archive.write_archive(
        path, rows, partial(_links, receive, blobs), live, previous, state)


exports = Split("exports", linked=_linked, linked_input="topics", site=_site, early=_early)


class _Joined:
    """Writes one export: `head`, each blog's part of `fmt` (`between` them), `tail`.  A part the
    live file holds (same blob, at the place the last build's state says) is copied from it."""

    def __init__(self, parts: list, blobs, previous: dict, state: dict, fmt: str, head: bytes = b"",
                 between: bytes = b"", tail: bytes = b""):
        self.parts, self.blobs, self.fmt = parts, blobs, fmt
        self.before, self.state = previous.get(fmt) or {}, state
        self.head, self.between, self.tail = head, between, tail

    def __call__(self, path: Path, live: Path | None) -> bool:
        """Write the file; True when a part is not in the live file as the last build laid it out
        (its bytes are new)."""
        places = {}  # blob -> (offset, length) in the file written now
        new = False
        before = self.before if live is not None else {}
        with open(path, "wb", buffering=0) as out, open(live if before else os.devnull, "rb") as old:
            run = _Run(old, out)  # parts that lie one after the other in the live file: copied in one go
            at = out.write(self.head)
            for i, part in enumerate(self.parts):
                if i and self.between:
                    at += run.separator(self.between)
                kept = part[self.fmt]
                place = before.get(kept.blob) if kept.blob is not None else None
                if place:
                    run.copy(*place)
                    length = place[1]
                else:
                    new = new or bool(before)  # (without the live file's layout, only comparing tells)
                    length = run.write(kept.load(self.blobs))
                if kept.blob is not None:
                    places[kept.blob] = (at, length)
                at += length
            run.flush()
            out.write(self.tail)
        self.state[self.fmt] = places
        return new


class _Run:
    """_Joined's output: copies of the live file's bytes, gathered while they follow each other
    there (a separator between two parts included when the live file holds the same one in
    between), so that an edit of one blog copies the rest in a few calls, not one per blog."""

    def __init__(self, old, out):
        self.old, self.out = old, out
        self.start = self.end = -1  # the run of the live file not copied yet
        self.pending = b""  # bytes to write after it (a separator), unless the next part follows it

    def copy(self, offset: int, length: int) -> None:
        if self.start >= 0 and offset == self.end + len(self.pending):  # the separator is there too
            self.end, self.pending = offset + length, b""
            return
        self.flush()
        self.start, self.end = offset, offset + length

    def separator(self, data: bytes) -> int:
        """Held back after a copied part: the live file has it after that part, the same bytes."""
        if self.start >= 0 and not self.pending:
            self.pending = data
            return len(data)
        return self.write(data)

    def write(self, data: bytes) -> int:
        self.flush()
        return _write_all(self.out, data)

    def flush(self) -> None:
        if self.start >= 0:
            _copy(self.old, self.out, self.start, self.end - self.start)
            self.start = self.end = -1
        if self.pending:
            _write_all(self.out, self.pending)
            self.pending = b""


def _write_all(out, data: bytes) -> int:
    view, done = memoryview(data), 0
    while done < len(data):
        done += out.write(view[done:])
    return done


def _copy(old, out, offset: int, length: int) -> int:
    """`length` bytes of `old` from `offset` appended to `out` (in the kernel where it can)."""
    done = 0
    try:
        while done < length:
            n = os.copy_file_range(old.fileno(), out.fileno(), length - done, offset + done)
            if n == 0:
                raise OSError("the live file is shorter than the last build left it")
            done += n
        return done
    except (AttributeError, OSError):  # no copy_file_range here (or the file systems differ): copy by hand
        old.seek(offset + done)
        data = old.read(length - done)
        if len(data) != length - done:
            raise OSError("the live file is shorter than the last build left it") from None
        return done + _write_all(out, data)


def _csv_head() -> bytes:
    return (",".join(COLUMNS) + "\r\n").encode("utf-8")


def _links(receive, blobs) -> tuple:
    """The archive's rest as write_archive reads it, from what `receive()` gives (the topics'
    rows, and each blog's "sqlite" part: a Kept, or None): each blog's topic links as (key, load),
    named by its part's blob (None without a cache)."""
    topics, parts = receive()
    return topics, [None if part is None else (part.blob, lambda part=part: part.load(blobs)[1]) for part in parts]


def _no_rows() -> tuple:
    return (), []  # (a blog with no entries: not in the archive)


def _blog_rows(part: dict, blobs) -> tuple:
    """A blog's rows for the archive's first part, from its other parts (no build began it)."""
    blog, _ = part["sqlite"].load(blobs)
    return blog, [json.loads(line) for line in part["jsonl"].load(blobs).splitlines()]


def datasette_metadata(config) -> str:
    """Datasette's metadata.json for archive.sqlite: titles, descriptions, the licence."""
    from site_gen.render.data.rows import COLUMN_DOCS

    meta = {"title": config.title, "description": config.description or f"The entries of {config.title}, as data."}
    if config.license:
        meta["license"] = config.license
    if config.license_url:
        meta["license_url"] = config.license_url
    if config.root_url:
        meta["source"], meta["source_url"] = config.title, config.root_url
    tables = {
        "blogs": {"description": "One row per live blog.", "columns": archive.BLOG_DOCS},
        "entries": {"description": "One row per entry of every blog, in site order.", "fts_table": "entries_fts",
                    "fts_pk": "id", "columns": {"id": "the entry's number in the archive",
                                                **{c: COLUMN_DOCS[c] for c in archive.ENTRY_COLUMNS}}},
        "topics": {"description": "People, places and organisations the entries mention.",
                   "columns": archive.TOPIC_DOCS},
        "entry_topics": {"description": "Which entries mention which topics.",
                         "columns": {"entry_id": "entries.id", "topic": "topics.slug"}},
    }
    meta["databases"] = {Path(urls.EXPORT_FILES["sqlite"]).stem: {"tables": tables}}
    return json.dumps(meta, ensure_ascii=False, indent=2) + "\n"


# ---- site-gen export ----------------------------------------------------------------------

def export_file(site: Site, fmt: str):
    """A function that writes one export of a whole Site (its topics found) at the path it is
    given: `site-gen export` hands it to build.output.writer.write_file."""
    from site_gen.config import replace
    from site_gen.render.producer import Context, Kept

    names = {t.slug: t.name for t in site.topics}
    fragments = [tuple((f, Kept(None, part)) for f, part in blog_parts(site, blog, names, (fmt,)).items())
                 for blog in site.blogs if blog.entries]
    ctx = Context(Site(config=replace(site.config, exports=(fmt,)), blogs=(), topics=site.topics), None, None)
    return dict(_site(fragments, ctx))[urls.export_path(fmt)]
