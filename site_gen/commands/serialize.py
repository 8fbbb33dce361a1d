"""Model -> JSON-ready dicts: the golden test files and `site-gen inspect --json`."""

from __future__ import annotations

from site_gen.model import Block, Blog, Entry


def block_dict(block: Block | None) -> dict | None:
    if block is None:
        return None
    return {"line": block.line, "kind": block.kind, "text": block.text}


def entry_dict(entry: Entry) -> dict:
    return {
        "line": entry.line,
        "anchor": entry.anchor,
        "published": entry.published.isoformat(),
        "time_as_printed": entry.time_text,
        "headline": entry.headline,
        "blocks": [block_dict(b) for b in entry.blocks],
        "topics": list(entry.topics),
    }


def blog_dict(blog: Blog) -> dict:
    return {
        "slug": blog.slug,
        "source": blog.source,
        "title": blog.title,
        "date": blog.date.isoformat(),
        "timezone": blog.timezone,
        "timezone_source": blog.timezone_source,
        "newest_first": blog.newest_first,
        "lede": [block_dict(b) for b in blog.lede],
        "notice": block_dict(blog.notice),
        "credit": block_dict(blog.credit),
        "tags": list(blog.tags),
        "source_url": blog.source_url,
        "author": blog.author,
        "summary": blog.summary,
        "language": blog.language,
        "entries": [entry_dict(e) for e in blog.entries_as_read],
        "warnings": [w.format() for w in blog.warnings],
    }
