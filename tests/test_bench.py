"""The benchmark scripts on a tiny corpus: shape of the generated dumps, the Hugo and
Pelican conversions, and bench/run.py end to end with site-gen only.  No timings asserted."""

from __future__ import annotations

import re

from bench import convert, corpus, run
from site_gen.read.parse import parse


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

    assert build.producers()[2] is topic_pages.topic_pages  # the timing wrappers are gone again
