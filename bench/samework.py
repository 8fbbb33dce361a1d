"""The same-work Hugo site: the corpus as Hugo would build what site-gen builds.

    python -m bench.convert CONTENT_DIR --hugo-samework SITE [--config SITE_TOML]

The blog-level Hugo site of bench/convert.py tags whole blogs; site-gen indexes every
entry under its topics.  This site makes Hugo do that work too, from the same model:

- Every dump is read with site-gen's parser and run through site-gen's own topics phase
  (site_gen.build.site.load_site and load_topics, with the topics.toml beside SITE_TOML), so each
  entry carries exactly the topics site-gen gives it.
- Each blog is a section (content/blogs/<slug>/_index.md: title, lede, notice, credit,
  source, its tags' topics) and each entry a page of it (content/blogs/<slug>/<anchor>.md:
  title, time, anchor, topic slugs, weight = its place in the blog's reading order) with
  `build.render = "link"`: it writes no file of its own (and is left out of the sitemap), the
  blog page renders all its entries.
- Topics are a taxonomy whose terms are site-gen's topic slugs; content/topics/<slug>/_index.md
  gives each term site-gen's display name and the other ways it was written.
- The layouts (bench/hugo_samework/layouts, with hugo.toml) mirror site-gen's pages:
  the home page (blogs by month), each blog page (header, timeline, entries grouped by day with
  `id="<anchor>"`, each entry's topic links, JSON-LD with every entry's text, older/newer
  blog links), the topics index (most mentioned, every topic with its count), each term's page
  (100 entries a page, oldest first, linking `blog#anchor`), 404, sitemap, robots.txt, and
  Atom, RSS and JSON feeds of the site (newest 100), each blog (every entry) and each term
  (newest 20), with the entries' full text, as site-gen's feeds are.

What it does not do that site-gen does: a large topic's month pages (Hugo pages by 100
instead), related topics on a term page, the per-entry citation and social metadata, the
search page (with search on, bench/run.py runs Pagefind over `public/` after Hugo), site-gen's
checks of the output.  What it does that site-gen does not: a /blogs/ list page.  Page paths are Hugo's (blogs/<slug>/, topics/<slug>/); anchors are
site-gen's.

Editing a dump (bench/run.py's "one" scenario) rewrites that blog's pages with the topics
recorded at conversion (site-gen-topics.json), so no topics phase runs per edit; an edit
that changes an entry's anchor is refused (convert again).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from site_gen.build.site import load_site, load_topics
from site_gen.config import load_config
from site_gen.model import RELATED, Blog, Site
from site_gen.render.feeds import author_of
from site_gen import default_templates_dir
from site_gen.render.localize import Language
from site_gen.render.views import time_display, timezone_sentence

SKELETON = Path(__file__).resolve().parent / "hugo_samework"
SITE_GEN_STATIC = Path(__file__).resolve().parent.parent / "templates" / "static"
RECORD = "site-gen-topics.json"  # beside hugo.toml: Hugo reads no such file


def _front(fields: dict) -> str:
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items()) + "---\n"


def _entry_body(entry) -> str:
    return "\n\n".join(f"**Related:** *{b.text}*" if b.kind == RELATED else b.text for b in entry.blocks) + "\n"


def blog_files(blog: Blog, entry_topics: dict[str, list[str]], blog_topics: list[str],
               author: str) -> dict[str, str]:
    """The blog's section page and its entries' pages: path under content/ -> text."""
    lede = [b.text for b in blog.lede]
    lang = _language(blog.language or "en")  # the blog's words and times as its site-gen page shows them
    files = {f"blogs/{blog.slug}/_index.md": _front({
        "title": blog.title,
        "date": blog.first_published.isoformat(),
        "description": lede[0] if lede else blog.title,
        "lede": lede[0] if lede else "",
        "author": author,
        "notice": blog.notice.text if blog.notice else "",
        "credit": blog.credit.text if blog.credit else "",
        "source_url": blog.source_url or "",
        "language": blog.language or "",
        "timezone_sentence": timezone_sentence(blog, lang),
        "topics": blog_topics,
    }) + "\n" + "\n\n".join(lede) + "\n"}
    for weight, entry in enumerate(blog.entries_as_read, 1):
        files[f"blogs/{blog.slug}/{entry.anchor}.md"] = _front({
            "title": entry.title,
            "date": entry.published.isoformat(),
            "anchor": entry.anchor,
            "time": time_display(entry, lang),
            "headline": entry.headline,
            "weight": weight,
            "topics": entry_topics.get(entry.anchor, []),
            "build": {"render": "link"},
            "sitemap": {"disable": True},  # (no file of its own: the sitemap would list 40,000 dead URLs)
        }) + "\n" + _entry_body(entry)
    return files


def record_of(site: Site) -> dict:
    """What the Hugo site needs of site-gen's topics phase, as JSON-able values."""
    tagged: dict[str, list[str]] = {}
    for topic in site.topics:
        for slug in topic.blogs:
            tagged.setdefault(slug, []).append(topic.slug)
    return {
        "topics": {t.slug: {"name": t.name, "written": list(t.aliases)} for t in site.topics},
        "blogs": {b.slug: {"tagged": tagged.get(b.slug, []),
                           "entries": {e.anchor: list(e.topics) for e in b.entries}}
                  for b in site.blogs},
    }


def convert(content: Path, site_dir: Path, config_path: Path | None) -> int:
    """Write the same-work Hugo site for every dump of `content`; returns the number of blogs."""
    config = load_config(config_path)
    site, _ = load_site(content, config)
    site = load_topics(site, config_path)
    record = record_of(site)
    shutil.rmtree(site_dir / "content", ignore_errors=True)
    shutil.copytree(SKELETON, site_dir, dirs_exist_ok=True)
    shutil.copytree(SITE_GEN_STATIC, site_dir / "static" / "static", dirs_exist_ok=True)
    root = site_dir / "content"
    _write(root, {"blogs/_index.md": _front({"title": "Blogs", "outputs": ["html"]}),
                  "topics/_index.md": _front({"title": "Topics"})})
    for slug, topic in record["topics"].items():
        _write(root, {f"topics/{slug}/_index.md": _front({"title": topic["name"], "written": topic["written"]})})
    for blog in site.blogs:
        mine = record["blogs"][blog.slug]
        _write(root, blog_files(blog, mine["entries"], mine["tagged"], author_of(site, blog)))
    (site_dir / RECORD).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return len(site.blogs)


def convert_dump(dump: Path, site_dir: Path, config_path: Path | None) -> Blog:
    """Rewrite one blog's pages after its dump changed, with the topics recorded at conversion."""
    from site_gen.read.parse import parse
    from site_gen.read.source import read_dump

    config = load_config(config_path)
    blog = parse(read_dump(dump), dump.name, default_timezone=config.timezone or None)
    mine = json.loads((site_dir / RECORD).read_text(encoding="utf-8"))["blogs"][blog.slug]
    if {e.anchor for e in blog.entries} != mine["entries"].keys():
        raise ValueError(f"{dump}: its entries changed since the conversion: convert the corpus again")
    folder = site_dir / "content" / "blogs" / blog.slug
    site = Site(config=config, blogs=(blog,))
    files = blog_files(blog, mine["entries"], mine["tagged"], author_of(site, blog))
    for old in folder.glob("*.md"):
        if f"blogs/{blog.slug}/{old.name}" not in files:
            old.unlink()
    _write(site_dir / "content", files)
    return blog


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


_LANGUAGES: dict[str, Language] = {}


def _language(tag: str) -> Language:
    if tag not in _LANGUAGES:
        _LANGUAGES[tag] = Language(tag, (default_templates_dir() / "locale",))
    return _LANGUAGES[tag]
