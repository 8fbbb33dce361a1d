"""The same corpus as Hugo sites and as a Pelican site, for the side-by-side benchmark.

    python -m bench.convert CONTENT_DIR [--hugo HUGO_SITE] [--pelican PELICAN_SITE]
                            [--hugo-samework SITE --config SITE_TOML]

Each dump is read with site-gen's own parser, so every tool gets exactly the
same entries, times, anchors and text:

- Hugo, blog level: one Markdown page per blog (content/blogs/<slug>.md), each entry a
  `##` section with an explicit `{#anchor}` id, the blog's front-matter tags as a taxonomy,
  RSS on, and minimal layouts (a timeline of entries, then the entries).  It does much
  less than site-gen: no per-entry topics, no topic pages beyond the blogs' tags, no Atom
  or JSON feeds, no topic feeds.
- Hugo, same work (bench/samework.py, whose docstring lists what it does and does not do):
  every entry a page of its blog's section, tagged with the topics site-gen's own topics
  phase gave it; term pages of 100 entries linking `blog#anchor`; Atom, RSS and JSON feeds
  of the site, each blog and each topic.
- Pelican: one article per blog with the same Markdown body, tags, Atom and RSS feeds,
  the default theme.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from site_gen.model import RELATED, Blog
from site_gen.read.parse import parse
from site_gen.read.source import find_dumps, read_dump
from site_gen.render.localize import Language
from site_gen.render.views import time_display

ENGLISH = Language("en")  # the corpus is English; its times as site-gen's pages show them

HUGO_CONFIG = """\
baseURL = "https://archive.example.org/"
languageCode = "en"
title = "Live blog archive"
timeZone = "Europe/Paris"
disableKinds = []

[taxonomies]
tag = "tags"

[outputs]
home = ["html", "rss"]
section = ["html", "rss"]
taxonomy = ["html", "rss"]
term = ["html", "rss"]

[markup.goldmark.parser.attribute]
title = true

[markup.tableOfContents]
startLevel = 2
endLevel = 2
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }} · built with Hugo</p></footer>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="meta">Live coverage from <time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2 January 2006" }}</time>{{ with .Params.author }} · {{ . }}{{ end }}</p>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<nav class="timeline"><h2>Timeline</h2>{{ .TableOfContents }}</nav>
<div class="entries" data-pagefind-body>{{ .Content }}</div>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ol class="blog-list">
{{ range .Pages }}
<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<p>{{ .Summary }}</p></li>
{{ end }}
</ol>
{{ end }}
""",
}

PELICAN_CONFIG = """\
AUTHOR = "site-gen example archive"
SITENAME = "Live blog archive"
SITEURL = "https://archive.example.org"
PATH = "content"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%d %B %Y"
RELATIVE_URLS = False
DEFAULT_PAGINATION = False
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{slug}.rss.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARTICLE_URL = "blogs/{slug}.html"
ARTICLE_SAVE_AS = "blogs/{slug}.html"
"""


def _body(blog: Blog) -> str:
    """The blog as Markdown: lede, notice, one `##` section per entry with its anchor, credit."""
    out = [b.text for b in blog.lede]
    if blog.notice:
        out.append(f"*{blog.notice.text}*")
    for entry in blog.entries_as_read:
        heading = f"{time_display(entry, ENGLISH)}: {entry.headline}" if entry.headline else time_display(entry, ENGLISH)
        out.append(f"## {heading} {{#{entry.anchor}}}")
        for block in entry.blocks:
            out.append(f"**Related:** *{block.text}*" if block.kind == RELATED else block.text)
    if blog.credit:
        out.append(blog.credit.text)
    return "\n\n".join(out) + "\n"


def hugo_page(blog: Blog) -> str:
    front = {
        "title": blog.title,
        "date": blog.first_published.isoformat(),
        "slug": blog.slug,
        "tags": list(blog.tags),
        "author": blog.author or "",
        "summary": (blog.lede[0].text if blog.lede else blog.title),
    }
    lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()] + ["---", ""]
    return "\n".join(lines) + _body(blog)


def pelican_article(blog: Blog) -> str:
    meta = {
        "Title": blog.title,
        "Date": blog.first_published.strftime("%Y-%m-%d %H:%M"),
        "Slug": blog.slug,
        "Tags": ", ".join(t.replace(",", " ") for t in blog.tags),
        "Author": blog.author or "site-gen example archive",
        "Summary": blog.lede[0].text if blog.lede else blog.title,
    }
    head = "".join(f"{key}: {value}\n" for key, value in meta.items() if value)
    return head + "\n" + _body(blog)


def write_hugo_skeleton(site: Path) -> None:
    (site / "content" / "blogs").mkdir(parents=True, exist_ok=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_pelican_skeleton(site: Path) -> None:
    (site / "content").mkdir(parents=True, exist_ok=True)
    (site / "pelicanconf.py").write_text(PELICAN_CONFIG, encoding="utf-8")


def hugo_path(site: Path, blog: Blog) -> Path:
    return site / "content" / "blogs" / f"{blog.slug}.md"


def pelican_path(site: Path, blog: Blog) -> Path:
    return site / "content" / f"{blog.slug}.md"


def convert_dump(dump: Path, hugo: Path | None, pelican: Path | None) -> Blog:
    blog = parse(read_dump(dump), dump.name)
    if hugo is not None:
        hugo_path(hugo, blog).write_text(hugo_page(blog), encoding="utf-8")
    if pelican is not None:
        pelican_path(pelican, blog).write_text(pelican_article(blog), encoding="utf-8")
    return blog


def convert(content: Path, hugo: Path | None, pelican: Path | None) -> int:
    """Write every dump of `content` into the Hugo and/or Pelican site; returns the number of blogs."""
    if hugo is not None:
        write_hugo_skeleton(hugo)
    if pelican is not None:
        write_pelican_skeleton(pelican)
    count = 0
    for dump in find_dumps(content):
        convert_dump(dump, hugo, pelican)  # one blog at a time: memory stays flat
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--hugo", type=Path)
    parser.add_argument("--pelican", type=Path)
    parser.add_argument("--hugo-samework", type=Path, help="the same-work Hugo site (bench/samework.py)")
    parser.add_argument("--config", type=Path, help="site.toml (and topics.toml beside it) for --hugo-samework")
    args = parser.parse_args(argv)
    count = convert(args.content, args.hugo, args.pelican)
    if args.hugo_samework is not None:
        from bench import samework

        count = samework.convert(args.content, args.hugo_samework, args.config)
    print(f"converted {count} blogs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
