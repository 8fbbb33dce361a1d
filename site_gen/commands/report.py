"""What the parser understood of one dump, as text for `site-gen inspect`.

An archivist reads this to verify a new outlet's dumps before publishing:
the blog's date, time zone and where it came from, every entry as
`line  datetime  anchor  headline  (n paragraphs)` in the order of the file,
lede, notice, credit and every warning.
"""

from __future__ import annotations

from site_gen.model import Block, Blog, Entry

_ZONE_SOURCES = {
    "front matter": "from the front matter",
    "intro": "stated in the intro",
    "headings": "printed after the times",
    "site default": "the site's default (site.toml)",
    "default (UTC)": "none stated, UTC assumed",
}


def inspect_text(blog: Blog) -> str:
    entries = sorted(blog.entries, key=lambda e: e.line)  # as the file has them, even when out of order
    out = [
        f"file       {blog.source}",
        f"title      {blog.title}",
        f"date       {blog.date.isoformat()} (day of the oldest entry)",
        f"time zone  {blog.timezone} ({_ZONE_SOURCES.get(blog.timezone_source, blog.timezone_source)})",
        f"order      {'newest' if blog.newest_first else 'oldest'} first",
        f"entries    {len(entries)}, {blog.first_published.isoformat()} to {blog.last_published.isoformat()}",
        "",
    ]
    line_width = max(len(str(e.line)) for e in entries)
    anchor_width = max(len(e.anchor) for e in entries)
    for entry in entries:
        out.append(f"{entry.line:<{line_width}}  {entry.published.isoformat()}  "
                   f"{entry.anchor:<{anchor_width}}  {_headline(entry)}  ({_counts(entry)})")
    out.append("")
    for block in blog.lede:
        out.append(_block("lede", block))
    out.append(_block("notice", blog.notice))
    out.append(_block("credit", blog.credit))
    out.append("")
    out.append(f"warnings   {len(blog.warnings)}")
    out.extend(w.format() for w in blog.warnings)
    return "\n".join(out) + "\n"


def _headline(entry: Entry) -> str:
    return entry.headline or f"[no headline] {entry.title}"


def _counts(entry: Entry) -> str:
    n = len(entry.paragraphs)
    text = f"{n} paragraph{'' if n == 1 else 's'}"
    if entry.related:
        text += f", {len(entry.related)} related"
    return text


def _block(label: str, block: Block | None) -> str:
    if block is None:
        return f"{label:<10} none"
    return f"{label:<10} line {block.line}: {block.text}"
