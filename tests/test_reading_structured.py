"""JSON-LD (schema.org LiveBlogPosting) on blog pages: parses as JSON-LD, matches the page.

pyld expands the data offline: the schema.org context is supplied locally by the
document loader, which refuses every other URL, so no test touches the network.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import run_cli, write_site

pyld = pytest.importorskip("pyld")
from pyld import jsonld  # noqa: E402

SCHEMA = "https://schema.org/"
# The part of schema.org's own context this data relies on: the vocabulary, and url/@id as IRIs.
LOCAL_SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA, "url": {"@id": SCHEMA + "url", "@type": "@id"}}}


def offline_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": LOCAL_SCHEMA_CONTEXT}
    raise AssertionError(f"JSON-LD tried to load {url}: everything must resolve offline")


class PageFacts(HTMLParser):
    """The ld+json scripts and, in order, each entry's id and <time class="dt-published">."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.entries: list[tuple[str, str]] = []
        self._in_script = False
        self._article = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_script = True
            self.scripts.append("")
        elif tag == "article" and "h-entry" in (a.get("class") or ""):
            self._article = a["id"]
        elif tag == "time" and "dt-published" in (a.get("class") or "") and self._article:
            self.entries.append((self._article, a["datetime"]))
            self._article = None

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def facts(html: str) -> PageFacts:
    parser = PageFacts()
    parser.feed(html)
    return parser


def expand(data: dict) -> dict:
    expanded = jsonld.expand(data, {"documentLoader": offline_loader})
    assert len(expanded) == 1
    return expanded[0]


def values(node: dict, name: str) -> list:
    return [v.get("@value", v.get("@id", v)) for v in node.get(SCHEMA + name, [])]


@pytest.fixture(scope="module")
def sample_page(example_build) -> str:
    return (example_build / "blogs" / "2022-11-10-ukraine-kherson.html").read_text(encoding="utf-8")


def test_sample_page_has_one_live_blog_posting_that_expands_offline(sample_page):
    page = facts(sample_page)
    assert len(page.scripts) == 1
    node = expand(json.loads(page.scripts[0]))
    assert node["@type"] == [SCHEMA + "LiveBlogPosting"]
    assert values(node, "headline") == ["Ukraine Kherson"]
    assert values(node, "url") == ["https://archive.example.org/blogs/2022-11-10-ukraine-kherson.html"]
    assert values(node, "coverageStartTime") == ["2022-11-10T09:15:00+01:00"]
    assert values(node, "coverageEndTime") == ["2022-11-11T01:28:00+01:00"]
    assert values(node, "datePublished") == ["2022-11-10T09:15:00+01:00"]
    assert values(node, "dateModified") == ["2022-11-11T01:28:00+01:00"]
    assert values(node, "description")[0].startswith("Ukraine retook dozens of villages in the Kherson region")
    publisher = node[SCHEMA + "publisher"][0]
    assert publisher["@type"] == [SCHEMA + "Organization"]
    assert values(publisher, "name") == ["site-gen example archive"]


def test_eighteen_updates_with_the_anchors_and_times_of_the_page(sample_page):
    page = facts(sample_page)
    node = expand(json.loads(page.scripts[0]))
    updates = node[SCHEMA + "liveBlogUpdate"]
    assert len(updates) == 18 == len(page.entries)
    from_json_ld = []
    for update in updates:
        assert update["@type"] == [SCHEMA + "BlogPosting"]
        (url,) = values(update, "url")
        (published,) = values(update, "datePublished")
        assert values(update, "headline") and not values(update, "articleBody")  # the text is on the page, once
        from_json_ld.append((url.split("#", 1)[1], published))
        assert url.startswith("https://archive.example.org/blogs/2022-11-10-ukraine-kherson.html#")
    assert from_json_ld == page.entries  # same anchors, same times, same order as the page


def test_the_starlink_update_carries_headline_time_and_url_not_its_text(sample_page):
    data = json.loads(facts(sample_page).scripts[0])
    (update,) = [u for u in data["liveBlogUpdate"] if u["url"].endswith("#20221110-2056-ukraine-will-seek-help")]
    assert update == {
        "@type": "BlogPosting",
        "headline": "Ukraine will seek help from allies to finance Starlink service if SpaceX demands payment",
        "datePublished": "2022-11-10T20:56:00+01:00",
        "url": "https://archive.example.org/blogs/2022-11-10-ukraine-kherson.html#20221110-2056-ukraine-will-seek-help",
    }
    assert "Ukraine will ask its foreign partners for help in funding Starlink" not in facts(sample_page).scripts[0]


HOSTILE = """---
title: Closing </script><!-- tags & "quotes"
summary: A <b>bold</b> & risky summary </script>
---
9:00pm: Second </SCRIPT> headline
Text with </script><script>alert(1)</script> and & and <!-- comment.
8:00pm: First *headline*
Plain [link](https://example.org/) text.
"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("hostile"), {
        "content/2022-10-05-hostile.txt": HOSTILE,
        "site.toml": 'title = "Hostile"\ntimezone = "UTC"\n',
    })
    result = run_cli("build", "--no-search", "--content", str(root / "content"), "--out", str(root / "build"),
                     "--config", str(root / "site.toml"))
    assert result.returncode == 0, result.stderr
    return root / "build"


def test_dump_text_cannot_break_out_of_the_json_ld_script(hostile_build):
    html = (hostile_build / "blogs" / "2022-10-05-hostile.html").read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003c/script\\u003e" in raw
    data = json.loads(raw)
    assert data["headline"] == 'Closing </script><!-- tags & "quotes"'
    assert data["description"] == "A <b>bold</b> & risky summary </script>"
    second, first = data["liveBlogUpdate"]
    assert second["headline"] == "Second </SCRIPT> headline"
    assert first["headline"] == "First *headline*"  # headlines are shown as written, so they stay so
    expand(data)


def test_without_base_url_the_urls_are_relative_to_the_page(hostile_build):
    html = (hostile_build / "blogs" / "2022-10-05-hostile.html").read_text(encoding="utf-8")
    data = json.loads(facts(html).scripts[0])
    assert data["url"] == "2022-10-05-hostile.html"
    assert [u["url"] for u in data["liveBlogUpdate"]] == [
        "2022-10-05-hostile.html#20221005-2100-second-script-headline",
        "2022-10-05-hostile.html#20221005-2000-first-headline"]
    assert "publisher" in data and data["publisher"]["name"] == "Hostile"


def test_script_json_round_trips_and_escapes_everything_that_could_end_the_script():
    from site_gen.render.structured import script_json

    data = {"a": "</script><!--<script>&amp;", "b": "line\u2028and\u2029paragraph", "c": ["é", 1, None]}
    text = str(script_json(data))
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == data
