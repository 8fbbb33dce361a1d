"""Atom, RSS and JSON Feed: exact times, stable ids, escaping, discovery, and the base_url rule."""

from __future__ import annotations

import dataclasses
import email.utils
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import jsonschema
import pytest

from conftest import REPO, run_cli, write_site
from site_gen import urls
from site_gen.render import feeds
from site_gen.build.site import build, load_site
from site_gen.config import load_config
from site_gen.render.environment import environment

ROOT = "https://archive.example.org/"
SLUG = "2022-11-10-ukraine-kherson"
BLOG_PAGE = ROOT + f"blogs/{SLUG}.html"
ATOM = "{http://www.w3.org/2005/Atom}"
FH = "{http://purl.org/syndication/history/1.0}"
SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def sample_site():
    """The example site's model, as the build makes it."""
    site, _ = load_site(REPO / "content", load_config(REPO / "site.toml"))
    return site


def parsed(path: Path):
    result = feedparser.parse(path.read_bytes())
    assert result.bozo == 0, (path, result.get("bozo_exception"))
    return result


def atom_entries(path: Path) -> list[ET.Element]:
    return ET.fromstring(path.read_bytes()).findall(f"{ATOM}entry")


def validate_json_feed(path: Path) -> dict:
    doc = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    return doc


def plain(detail) -> str:
    """A feedparser text value as the reader shows it: HTML-typed text unescaped."""
    return html.unescape(detail.value) if detail.type == "text/html" else detail.value


def build_site(root: Path, files: dict[str, str], name: str = "build") -> Path:
    write_site(root, files)
    out = root / name
    build(root / "content", out, root / "site.toml" if (root / "site.toml").exists() else None)
    return out


# --- the sample blog --------------------------------------------------------------------------

def test_sample_blog_feeds_hold_18_entries_newest_first_with_exact_times(example_build, sample_site):
    blog = sample_site.blogs[0]
    expected = list(reversed(blog.entries))  # newest first
    assert len(expected) == 18
    atom = parsed(example_build / f"feeds/{SLUG}.atom")
    rss = parsed(example_build / f"feeds/{SLUG}.rss")
    assert atom.version == "atom10" and rss.version == "rss20"
    assert len(atom.entries) == len(rss.entries) == 18
    assert atom.entries[0].published == atom.entries[0].updated == "2022-11-11T01:28:00+01:00"
    assert rss.entries[0].published == "Fri, 11 Nov 2022 01:28:00 +0100"
    assert atom.entries[-1].published == "2022-11-10T09:15:00+01:00"
    for entry, a, r in zip(expected, atom.entries, rss.entries, strict=True):
        moment = entry.published
        assert a.published == a.updated == moment.isoformat()
        assert r.published == email.utils.format_datetime(moment)
        utc = moment.utctimetuple()
        assert a.published_parsed == a.updated_parsed == r.published_parsed == utc
        assert a.id == r.id == BLOG_PAGE + "#" + entry.anchor
        assert a.link == r.link == a.id
        assert plain(a.title_detail) == plain(r.title_detail) == entry.title
        assert a.author == r.author == "FRANCE 24 with AFP, AP and Reuters"
    # the raw Atom text, too: the offset is the entry's own
    published = [e.findtext(f"{ATOM}published") for e in atom_entries(example_build / f"feeds/{SLUG}.atom")]
    assert published == [e.published.isoformat() for e in expected]


def test_item_ids_are_the_page_anchors(example_build, sample_site):
    page = (example_build / f"blogs/{SLUG}.html").read_text(encoding="utf-8")
    page_ids = re.findall(r'<article class="h-entry entry" id="([^"]+)"', page)
    doc = validate_json_feed(example_build / f"feeds/{SLUG}.json")
    feed_ids = [item["id"] for item in doc["items"]]
    assert feed_ids == [BLOG_PAGE + "#" + anchor for anchor in page_ids]  # the page reads newest first too
    assert [item["url"] for item in doc["items"]] == feed_ids
    rss = ET.fromstring((example_build / f"feeds/{SLUG}.rss").read_bytes())
    guids = rss.findall("channel/item/guid")
    assert [g.text for g in guids] == feed_ids and {g.get("isPermaLink") for g in guids} == {"true"}
    assert doc["items"][0]["date_published"] == "2022-11-11T01:28:00+01:00"


def test_item_content_is_the_page_text(example_build, sample_site):
    atom = parsed(example_build / f"feeds/{SLUG}.atom")
    first = atom.entries[0]
    assert first.content[0].type == "text/html"
    assert first.content[0].value.startswith(
        "<p>The US will buy 100,000 rounds of howitzer artillery from South Korean manufacturers")
    assert first.content[0].value.count("<p>") == 4
    assert first.summary == ("The US will buy 100,000 rounds of howitzer artillery from South Korean manufacturers "
                             "to provide to Ukraine, a US official said Thursday, in a deal the two governments "
                             "have been working on for some time.")
    related = [e for e in atom.entries if "related-label" in e.content[0].value]
    assert related, "the sample has related-article lines"
    assert "<cite>Ukrainians flee occupied territories through Russian 'filtration' checks</cite>" in \
        " ".join(e.content[0].value for e in related)


def test_full_text_is_in_the_atom_feed_only(example_build):
    """The full text is written once: RSS and JSON Feed items carry the summary and the link."""
    atom = parsed(example_build / f"feeds/{SLUG}.atom")
    summaries = [e.summary for e in atom.entries]
    doc = validate_json_feed(example_build / f"feeds/{SLUG}.json")
    assert [i["content_text"] for i in doc["items"]] == summaries
    assert not any("content_html" in i or "tags" in i or "summary" in i for i in doc["items"])
    rss_bytes = (example_build / f"feeds/{SLUG}.rss").read_bytes()
    assert b"content:encoded" not in rss_bytes and b"<category>" not in rss_bytes
    rss = parsed(example_build / f"feeds/{SLUG}.rss")
    assert [e.summary for e in rss.entries] == summaries
    assert [e.link for e in rss.entries] == [e.link for e in atom.entries]


def test_blog_feed_level_fields_and_archive_marks(example_build):
    path = example_build / f"feeds/{SLUG}.atom"
    root = ET.fromstring(path.read_bytes())
    assert root.findtext(f"{ATOM}id") == ROOT + f"feeds/{SLUG}.atom"
    assert root.findtext(f"{ATOM}updated") == "2022-11-11T01:28:00+01:00"  # newest entry, not the clock
    links = {(link.get("rel"), link.get("type")): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {("self", "application/atom+xml"): ROOT + f"feeds/{SLUG}.atom",
                     ("alternate", "text/html"): BLOG_PAGE}
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "FRANCE 24 with AFP, AP and Reuters"
    assert root.findtext(f"{ATOM}generator") == "site-gen"
    assert root.find(f"{FH}complete") is not None  # RFC 5005: an archived blog is a complete feed
    assert b'xmlns:fh="http://purl.org/syndication/history/1.0"' in path.read_bytes()

    rss = ET.fromstring((example_build / f"feeds/{SLUG}.rss").read_bytes())
    channel = rss.find("channel")
    assert channel.find(f"{ATOM}link").get("href") == ROOT + f"feeds/{SLUG}.rss"
    assert channel.findtext("link") == BLOG_PAGE
    assert channel.findtext("lastBuildDate") == "Fri, 11 Nov 2022 01:28:00 +0100"
    assert channel.findtext("language") == "en"

    doc = validate_json_feed(example_build / f"feeds/{SLUG}.json")
    assert doc["expired"] is True
    assert doc["feed_url"] == ROOT + f"feeds/{SLUG}.json" and doc["home_page_url"] == BLOG_PAGE
    assert doc["language"] == "en" and doc["authors"] == [{"name": "FRANCE 24 with AFP, AP and Reuters"}]


def test_site_feeds_are_not_marked_complete(example_build):
    atom = parsed(example_build / "feed.atom")
    assert len(atom.entries) == 31 and atom.feed.title == "Live blog archive"  # 18 English and 13 French entries
    assert atom.feed.id == ROOT + "feed.atom" and atom.feed.updated == "2022-11-11T23:52:00+01:00"
    assert atom.feed.link == ROOT
    assert ET.fromstring((example_build / "feed.atom").read_bytes()).find(f"{FH}complete") is None
    assert len(parsed(example_build / "feed.rss").entries) == 31
    doc = validate_json_feed(example_build / "feed.json")
    assert "expired" not in doc and doc["feed_url"] == ROOT + "feed.json" and doc["home_page_url"] == ROOT


def test_pages_announce_their_feeds(example_build):
    home = (example_build / "index.html").read_text(encoding="utf-8")
    blog = (example_build / f"blogs/{SLUG}.html").read_text(encoding="utf-8")
    alternates = re.compile(r'<link rel="alternate" type="([^"]+)" href="([^"]+)" title="([^"]+)">')
    assert alternates.findall(home) == [
        ("application/atom+xml", "feed.atom", "Live blog archive (Atom)"),
        ("application/rss+xml", "feed.rss", "Live blog archive (RSS)"),
        ("application/feed+json", "feed.json", "Live blog archive (JSON Feed)")]
    found = alternates.findall(blog)
    assert [href for _, href, _ in found] == [f"../feeds/{SLUG}.atom", f"../feeds/{SLUG}.rss",
                                               f"../feeds/{SLUG}.json", "../feed.atom", "../feed.rss", "../feed.json"]
    for _, href, _ in found:
        assert (example_build / "blogs" / href).resolve().is_file()
    assert f'<a href="../feeds/{SLUG}.atom" type="application/atom+xml">Atom</a>' in blog  # visible


# --- escaping ---------------------------------------------------------------------------------

NASTY = """---
title: "Tags <b> & ]]> blog"
tags: [Kherson, "R&D <x>"]
author: "Agence <France> & Co"
---
9:00am: Use <b>bold</b> & ]]> here\x01 now
Body < & ]]> text\x02 with [a relative link](../x.html), [an anchor](#top) and *emphasis*.
>> Related & <cite>
9:05am: Second
Plain text.
"""


def test_markup_characters_and_control_characters_give_well_formed_feeds(tmp_path):
    out = build_site(tmp_path, {"site.toml": 'base_url = "https://ex.org/a/"\ntimezone = "UTC"\n',
                                "content/2022-01-01-nasty.txt": NASTY})
    title = "Use <b>bold</b> & ]]> here now"
    for fmt in ("atom", "rss"):
        path = out / f"feeds/2022-01-01-nasty.{fmt}"
        data = path.read_bytes()
        ET.fromstring(data)  # well-formed
        assert not CONTROL.search(data.decode("utf-8"))
        result = parsed(path)
        assert plain(result.feed.title_detail) == "Tags <b> & ]]> blog"
        entry = result.entries[-1]
        assert plain(entry.title_detail) == title
        assert entry.author == "Agence <France> & Co"
        assert entry.summary == "Body &lt; &amp; ]]&gt; text with a relative link, an anchor and emphasis."
        if fmt == "rss":  # the full text and the categories are in the Atom feed only
            continue
        content = entry.content[0].value
        assert "Body &lt; &amp; ]]&gt; text with" in content
        assert '<a href="https://ex.org/a/x.html">a relative link</a>' in content
        assert '<a href="https://ex.org/a/blogs/2022-01-01-nasty.html#top">an anchor</a>' in content
        assert "<em>emphasis</em>" in content
        assert "<cite>Related &amp; &lt;cite&gt;</cite>" in content
        assert [t.term for t in entry.tags] == ["Kherson", "R&D <x>"]
    # How the text is spelt, so that no reader (nor the W3C validator) takes a headline for markup:
    # Atom says type="html" and escapes; RSS escapes too, with hexadecimal references (RSS Profile).
    atom_title = atom_entries(out / "feeds/2022-01-01-nasty.atom")[-1].find(f"{ATOM}title")
    assert atom_title.get("type") == "html" and atom_title.text == html.escape(title, quote=False)
    assert atom_entries(out / "feeds/2022-01-01-nasty.atom")[0].find(f"{ATOM}title").get("type") is None
    rss_bytes = (out / "feeds/2022-01-01-nasty.rss").read_bytes()
    assert ET.fromstring(rss_bytes).findall("channel/item/title")[-1].text == html.escape(title, quote=False)
    assert b"&amp;" not in rss_bytes and b"&lt;" not in rss_bytes and \
        b"<title>Use &#x26;lt;b&#x26;gt;bold&#x26;lt;/b&#x26;gt; &#x26;amp; ]]&#x26;gt; here now</title>" in rss_bytes
    doc = validate_json_feed(out / "feeds/2022-01-01-nasty.json")
    item = doc["items"][-1]
    assert item["title"] == title and "tags" not in item
    assert item["content_text"] == "Body < & ]]> text with a relative link, an anchor and emphasis."
    assert not CONTROL.search(json.dumps(doc, ensure_ascii=False))


def test_xml_safe_removes_only_what_xml_forbids():
    assert feeds.xml_safe("a\x00b\x08c\x0bd\x1fe\x7ff\x85g\ufffeh") == "abcdefgh"
    assert feeds.xml_safe("tab\tline\nreturn\r é ’ 😀") == "tab\tline\nreturn\r é ’ 😀"


# --- scopes -----------------------------------------------------------------------------------

TWO_BLOGS = {
    "site.toml": 'title = "Two"\nbase_url = "https://ex.org"\ntimezone = "Europe/Paris"\nfeed_limit = 3\n'
                 'author = "The archive"\n',
    "content/2022-03-01-first.txt": "---\ntitle: First\n---\n10:00am: A1\nText.\n11:00am: A2\nText.\n",
    "content/2022-03-02-second.txt": "---\ntitle: Second\nlanguage: fr\n---\n9:00am: B1\nTexte.\n"
                                     "9:30am: B2\nTexte.\n",
}


def test_site_feed_holds_the_newest_feed_limit_entries_across_blogs(tmp_path):
    out = build_site(tmp_path, TWO_BLOGS)
    atom = parsed(out / "feed.atom")
    assert [e.title for e in atom.entries] == ["B2", "B1", "A2"]
    assert [e.published for e in atom.entries] == ["2022-03-02T09:30:00+01:00", "2022-03-02T09:00:00+01:00",
                                                   "2022-03-01T11:00:00+01:00"]
    assert atom.entries[0].author == "The archive"  # no author, no credit: the site's author
    root = ET.fromstring((out / "feed.atom").read_bytes())
    assert [e.get("{http://www.w3.org/XML/1998/namespace}lang") for e in root.findall(f"{ATOM}entry")] == \
        ["fr", "fr", None]  # entries of a French blog in an English site feed say so
    assert [i["title"] for i in validate_json_feed(out / "feed.json")["items"]] == ["B2", "B1", "A2"]
    assert len(parsed(out / "feeds/2022-03-01-first.atom").entries) == 2  # blog feeds hold every entry
    assert parsed(out / "feeds/2022-03-02-second.rss").feed.language == "fr"


def test_topic_feeds_from_pairs(tmp_path):
    write_site(tmp_path, TWO_BLOGS)
    site, _ = load_site(tmp_path / "content", load_config(tmp_path / "site.toml"))
    first, second = site.blogs
    a2 = dataclasses.replace(first.entries[1], topics=("kherson",))
    pairs = [(first, a2), (second, second.entries[0])]
    out = dict(feeds.topic_feeds(site, environment(), slug="kherson", title="Kherson",
                                 page_path="topics/kherson.html", pairs=pairs, topic_names={"kherson": "Kherson"}))
    assert sorted(out) == ["feeds/topics/kherson.atom", "feeds/topics/kherson.json", "feeds/topics/kherson.rss"]
    assert [urls.topic_feed_path("kherson", f) for f in urls.FEED_FORMATS] == list(out)
    result = feedparser.parse(out["feeds/topics/kherson.atom"])
    assert result.bozo == 0 and result.feed.link == "https://ex.org/topics/kherson.html"
    assert [e.id for e in result.entries] == [urls.entry_url("https://ex.org/", second.slug, "20220302-0900-b1"),
                                              urls.entry_url("https://ex.org/", first.slug, "20220301-1100-a2")]
    # a topic's feed is a "what's new" list: each entry's summary and link, no full text
    assert [e.summary for e in result.entries] == ["Texte.", "Text."]
    assert not any("content" in e or "tags" in e for e in result.entries)
    doc = json.loads(out["feeds/topics/kherson.json"])
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    assert doc["feed_url"] == "https://ex.org/feeds/topics/kherson.json" and "expired" not in doc
    with pytest.raises(ValueError, match="no entries"):
        list(feeds.topic_feeds(site, environment(), slug="empty", title="Empty", page_path="topics/empty.html",
                               pairs=[]))


# --- stability ----------------------------------------------------------------------------------

def test_feeds_are_byte_identical_across_builds(tmp_path, example_build):
    again = tmp_path / "again"
    assert run_cli("build", "--out", str(again), env={"TZ": "Pacific/Auckland"}).returncode == 0
    names = ["feed.atom", "feed.rss", "feed.json"] + [f"feeds/{SLUG}.{f}" for f in urls.FEED_FORMATS]
    for name in names:
        assert (again / name).read_bytes() == (example_build / name).read_bytes(), name


def test_adding_an_entry_adds_one_item_and_changes_no_other(tmp_path):
    before = build_site(tmp_path, TWO_BLOGS, "before")
    grown = dict(TWO_BLOGS)
    grown["content/2022-03-01-first.txt"] = TWO_BLOGS["content/2022-03-01-first.txt"] + "10:30am: A1b\nNew.\n"
    after = build_site(tmp_path, grown, "after")
    path = "feeds/2022-03-01-first.atom"
    old = {e.findtext(f"{ATOM}id"): ET.tostring(e) for e in atom_entries(before / path)}
    new = {e.findtext(f"{ATOM}id"): ET.tostring(e) for e in atom_entries(after / path)}
    added = set(new) - set(old)
    assert added == {"https://ex.org/blogs/2022-03-01-first.html#20220301-1030-a1b"}
    assert set(old) <= set(new)
    assert all(new[i] == old[i] for i in old)  # every other item is unchanged, byte for byte
    other = "feeds/2022-03-02-second.atom"
    assert (after / other).read_bytes() == (before / other).read_bytes()


# --- no base_url --------------------------------------------------------------------------------

def test_without_base_url_no_feeds_and_a_warning_naming_site_toml(tmp_path):
    write_site(tmp_path, {"site.toml": 'title = "No URL"\ntimezone = "UTC"\n',
                          "content/2022-01-01-a.txt": "---\ntitle: A\n---\n9:00am: First\nText.\n"})
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "site.toml: warning: base_url is not set, so no feeds (Atom, RSS, JSON Feed) were written" in result.stderr
    assert 'base_url = "https://archive.example.org/"' in result.stderr
    built = tmp_path / "build"
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert {"blogs/2022-01-01-a.html", "index.html", "static/style.css"} <= set(files)
    assert [f for f in files if f.startswith("feed") or f.endswith((".atom", ".rss"))] == []
    for page in ("index.html", "blogs/2022-01-01-a.html"):
        text = (built / page).read_text(encoding="utf-8")
        assert 'rel="alternate"' not in text and 'class="feeds"' not in text

    strict = run_cli("build", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert "site.toml: error: base_url is not set" in strict.stderr and "nothing was written" in strict.stderr


def test_items_carry_their_entrys_topics_as_categories_in_blog_and_site_feeds(example_build):
    """categories = the entry's topics (from the topic index), the same in every Atom feed that
    holds the entry's full text (the blog's and the site's)."""
    first = "https://archive.example.org/blogs/2022-11-10-ukraine-kherson.html#20221111-0128-us-to-buy-south-korean"
    for name in ("feeds/2022-11-10-ukraine-kherson.atom", "feed.atom"):
        entry = next(e for e in parsed(example_build / name).entries if e.id == first)
        tags = [t.term for t in entry.tags]
        assert {"South Korea", "Pentagon", "Ukraine"} <= set(tags) and tags == sorted(tags), name
    atom = (example_build / "feeds/2022-11-10-ukraine-kherson.atom").read_text(encoding="utf-8")
    entry = atom[atom.index(f"<id>{first}</id>"):]
    entry = entry[:entry.index("</entry>")]
    assert '<category term="South Korea" />' in entry and '<category term="Pentagon" />' in entry


FRENCH = "2022-11-11-guerre-ukraine-kherson"


def test_each_feed_carries_its_language(example_build):
    """A blog's feeds are in the blog's language (here detected: the dump names none), the site's
    feeds in the site's, and a site feed's entry from a blog in another language says so."""
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = ET.fromstring((example_build / f"feeds/{FRENCH}.atom").read_bytes())
    assert root.get(lang) == "fr" and all(e.get(lang) is None for e in root.findall(f"{ATOM}entry"))
    assert ET.fromstring((example_build / f"feeds/{FRENCH}.rss").read_bytes()).find("channel").findtext("language") == "fr"
    assert validate_json_feed(example_build / f"feeds/{FRENCH}.json")["language"] == "fr"
    site = ET.fromstring((example_build / "feed.atom").read_bytes())
    assert site.get(lang) == "en"
    marked = {e.findtext(f"{ATOM}id").split("#")[0].rsplit("/", 1)[1]: e.get(lang) for e in site.findall(f"{ATOM}entry")}
    assert marked == {f"{FRENCH}.html": "fr", f"{SLUG}.html": None}
    items = validate_json_feed(example_build / "feed.json")["items"]
    assert {item.get("language") for item in items if FRENCH in item["id"]} == {"fr"}
    assert {item.get("language") for item in items if SLUG + ".html" in item["id"]} == {None}
    related = [e for e in root.findall(f"{ATOM}entry") if "Reportage" in (e.findtext(f"{ATOM}content") or "")]
    assert len(related) == 1 and "À lire aussi\u00a0:" in related[0].findtext(f"{ATOM}content")
