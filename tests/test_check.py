"""`site-gen check [DIR]`: broken internal links, anchors, feed links and duplicate ids."""

from __future__ import annotations

import re

from conftest import run_cli, write_site
from site_gen.commands.check import check_site

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title>
<link rel="stylesheet" href="{css}">{head}</head><body id="top-of-page">{body}</body></html>
"""


def page(body: str, head: str = "", css: str = "static/style.css", title: str = "t") -> str:
    return PAGE.format(body=body, head=head, css=css, title=title)


def test_example_site_has_no_problems(example_build):
    result = run_cli("check", str(example_build))
    assert result.returncode == 0
    assert result.stderr == ""
    assert re.fullmatch(r"checked \d+ pages, \d+ internal links, \d+ feed links: no problems\n", result.stdout)
    report = check_site(example_build)
    assert report.pages >= 2 and report.links >= 40  # the sample's timeline alone links 18 anchors twice


def test_every_kind_of_problem_is_printed_as_page_link_problem(tmp_path):
    site = tmp_path / "build"
    write_site(site, {
        "index.html": page('<a href="blogs/a.html#e1">ok</a> <a href="blogs/a.html#nope">x</a> '
                           '<a href="blogs/missing.html">x</a> <a href="https://elsewhere.example/x">ext</a> '
                           '<a href="mailto:a@b.c">mail</a> <a href="javascript:alert(1)">js</a> <a href="../outside.html">x</a>'
                           '<a href="#top">top</a> <a href="#">hash</a> <a href="blogs/">folder</a> <a href="nofolder/">x</a>',
                           head='<link rel="alternate" type="application/atom+xml" href="feeds/all.atom">'
                                '<link rel="alternate" type="application/feed+json" href="feeds/missing.json">'),
        "blogs/index.html": page("<p>list</p>", css="../static/style.css"),
        "blogs/a.html": page('<article id="e1"><a href="#e1">self</a> <a href="#e2">gone</a></article>'
                             '<p id="dup">1</p><p id="dup">2</p> <a href="../index.html#top-of-page">home</a>'
                             '<a href="/blogs/a.html#e1">root-relative</a> <a href="a.html?x=1#e1">query</a>'
                             '<a href="b%20c.html">space</a> <a name="old-anchor"></a><a href="#old-anchor">n</a>',
                             css="../static/style.css"),
        "blogs/b c.html": page("<p>spaces in names</p>", css="../static/style.css"),
        "static/style.css": "body{}",
        "feeds/all.atom": "<feed/>",
    })
    result = run_cli("check", str(site))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'blogs/a.html: id="dup": duplicate id in this page',
        'blogs/a.html: #e2: no element with id "e2" in this page',
        "index.html: feeds/missing.json: no such file: feeds/missing.json",
        'index.html: blogs/a.html#nope: no element with id "nope" in blogs/a.html',
        "index.html: blogs/missing.html: no such file: blogs/missing.html",
        "index.html: javascript:alert(1): javascript: link (runs code when clicked)",
        "index.html: ../outside.html: points outside the site",
        "index.html: nofolder/: no such folder: nofolder/",
    ]
    assert result.stderr == "checked 4 pages, 20 internal links, 2 feed links: 8 problems\n"


def test_absolute_links_under_the_sites_address_are_checked(tmp_path):
    site = tmp_path / "out"
    write_site(site, {
        "index.html": page('<a href="https://example.org/archive/blogs/a.html#e1">a</a>'
                           '<a href="https://example.org/archive/blogs/zz.html">zz</a>',
                           head='<link rel="canonical" href="https://example.org/archive/">'
                                '<link rel="alternate" type="application/rss+xml" href="https://example.org/archive/rss.xml">'),
        "blogs/a.html": page('<p id="e1">x</p>', head='<link rel="canonical" href="https://example.org/archive/blogs/a.html">',
                             css="../static/style.css"),
        "static/style.css": "",
    })
    report = check_site(site)
    assert [p.format() for p in report.problems] == [
        "index.html: https://example.org/archive/rss.xml: no such file: rss.xml",
        "index.html: https://example.org/archive/blogs/zz.html: no such file: blogs/zz.html",
    ]
    assert (report.pages, report.links, report.feed_links) == (2, 6, 1)
    # with another address given, the same absolute links are external and skipped
    assert check_site(site, base_url="https://other.example/").problems == []


def test_check_needs_a_folder(tmp_path):
    result = run_cli("check", str(tmp_path / "nothing"))
    assert result.returncode == 2
    assert result.stderr == f"site-gen: error: not a folder: {tmp_path / 'nothing'}\n"


def test_check_defaults_to_build(tmp_path):
    write_site(tmp_path, {"build/index.html": page("<p>x</p>"), "build/static/style.css": ""})
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "checked 1 page, 1 internal link, 0 feed links: no problems\n"
