"""What the parser understood of one dump, as text for `site-gen inspect`.

An archivist reads this to verify a new outlet's dumps before publishing:
the blog's date, time zone and language and where each came from, the heading style(s)
inferred for the dump, every entry as `line  datetime  anchor  headline  (n
paragraphs)` in the order of the file, every line that looked like a heading
but was not read as one (and why), lede, notice, credit and every warning.
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
_LANGUAGE_SOURCES = {
    "front matter": "from the front matter",
    "detected": "detected from the text",
    "site": "the site's language (site.toml): none in the front matter, none detected",
}


def inspect_text(blog: Blog) -> str:
    entries = sorted(blog.entries, key=lambda e: e.line)  # as the file has them, even when out of order
    out = [
        f"file       {blog.source}",
        f"title      {blog.title}",
        f"date       {blog.date.isoformat()} (day of the oldest entry"
        + (f"; from the {blog.date_source})" if blog.date_source else ")"),
        f"time zone  {blog.timezone} ({_ZONE_SOURCES.get(blog.timezone_source, blog.timezone_source)})",
        f"language   {blog.language} ({_LANGUAGE_SOURCES.get(blog.language_source, blog.language_source)})",
        f"order      {'newest' if blog.newest_first else 'oldest'} first",
    ]
    for i, style in enumerate(blog.heading_styles or ("none recognised",)):
        out.append(f"{'headings' if i == 0 else '':<10} {style}")
    out += [
        f"entries    {len(entries)}, {blog.first_published.isoformat()} to {blog.last_published.isoformat()}",
        "",
    ]
    line_width = max(len(str(e.line)) for e in entries)
    anchor_width = max(len(e.anchor) for e in entries)
    for entry in entries:
        out.append(f"{entry.line:<{line_width}}  {entry.published.isoformat()}  "
                   f"{entry.anchor:<{anchor_width}}  {_headline(entry)}  ({_counts(entry)})")
    out.append("")
    for i, (line, text, why) in enumerate(blog.rejected):
        out.append(f"{'rejected' if i == 0 else '':<10} line {line}: {why}")
        out.append(f"{'':<10}     {text if len(text) <= 100 else text[:99] + '…'}")
    if not blog.rejected:
        out.append("rejected   none")
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


def explain_text(x) -> str:
    """`site-gen topics --explain NAME`: a topics.explain.Explanation as text, ending with how to curate it."""
    out = []
    if x.topic is None:
        out.append(f"'{x.query}' is not a topic.")
        if x.known:
            out.append(f"It is {x.known}, but no entry names it (or topics.toml ignores it).")
    else:
        t = x.topic
        out.append(f"{t.name}: a topic, {len(t.mentions)} entr{'y' if len(t.mentions) == 1 else 'ies'}, "
                   f"page topics/{t.slug}.html" + (" (curated)" if t.curated else ""))
        if x.known:
            out.append(f"  {t.name} is {x.known}.")
        out += ["", "Written forms merged into it (entries that write it, the form, where first written):"]
        for f in x.forms:
            out.append(f"  {f.entries:>7}  {f.written}  {f.where or '(no entry: a tag)'}")
            out.append(f"           {f.how or 'the topic’s name'}")
    if x.runs:
        out += ["", "How the runs of capitalised words that " +
                ("gave it" if x.topic is not None else f"hold '{x.query}'") + " were judged (most written first):"]
        for j in x.runs:
            times = "once" if j.times == 1 else "twice" if j.times == 2 else f"{j.times} times"
            out.append(f"  '{j.run}', written {times}, first at {j.where or '?'}:")
            out += [f"      {r}" for r in j.reasons]
    elif x.topic is None:
        out.append("No run of capitalised words in the entries holds it.")
    out += ["", "To change this, in topics.toml (beside site.toml):"]
    if x.topic is not None:
        aliases = ", ".join(f'"{a}"' for a in x.topic.aliases)
        out += ["  a topic of its own, with the forms you choose:",
                "    [[topic]]", f'    name = "{x.topic.name}"', f"    aliases = [{aliases}]",
                f'  or never index it:  ignore = ["{x.topic.name}"]']
    else:
        out += ["  make it a topic, written as it is in the entries:",
                "    [[topic]]", f'    name = "{x.query}"']
    return "\n".join(out) + "\n"
