"""Topics with more than MONTH_PAGES_ABOVE entries are listed one page per month.

A small inline site: one day-long blog in each of September, October and November 2022, and
two short blogs either side of midnight at the end of November written with different UTC
offsets.  Every entry names Kherson (116 entries: month pages); three name Mykolaiv (one page).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import run_cli, write_site
from site_gen.build.site import build
from site_gen.render.producer import TOPIC_FEED_LIMIT
from site_gen.render.topic_pages import MONTH_PAGES_ABOVE

BASE = "https://archive.example.org/"
SITE_TOML = f'title = "Archive"\nbase_url = "{BASE}"\n'
ENTRY_URL = re.compile(re.escape(BASE) + r"blogs/([^/.]+)\.html#(\d{8}-\d{4}-[a-z0-9-]+)")
ROW = re.compile(r'<li><p><time datetime="([^"]+)">[^<]*</time> · [^<]*</p>\n'
                 r'<h2><a href="\.\./blogs/([^".]+)\.html#([^"]+)">([^<]*)</a></h2>')
BACK_TO_KHERSON = '<a href="kherson.html">Kherson</a>'
MONTH = re.compile(r'<li><a href="([^"]+)">([^<]+)</a> <span class="count">(\d+) entr(?:y|ies)</span></li>')


class Blog(NamedTuple):
    name: str  # file stem, and so the blog's slug
    title: str
    offset: str  # the dump's `timezone:`, a fixed offset
    times: tuple[str, ...]  # local "YYYY-MM-DD HH:MM" of its entries, oldest first
    mykolaiv: frozenset[int] = frozenset()  # numbers (1 = oldest) of the entries that also name Mykolaiv


def day_blog(name: str, day: str, offset: str, count: int, mykolaiv=()) -> Blog:
    """A blog of `count` entries every 15 minutes from 08:00 on `day`."""
    times = tuple(f"{day} {8 + i // 4:02d}:{i % 4 * 15:02d}" for i in range(count))
    return Blog(name, name.split("-", 3)[3].capitalize() + " day", offset, times, frozenset(mykolaiv))


BLOGS = (
    day_blog("2022-09-15-september", "2022-09-15", "+03:00", 40, mykolaiv={3, 7}),
    day_blog("2022-10-12-october", "2022-10-12", "+03:00", 40, mykolaiv={5}),
    day_blog("2022-11-10-november", "2022-11-10", "+00:00", 30),
    # its entries cross midnight into 1 December, UTC
    Blog("2022-11-30-late", "Late November", "+00:00",
         ("2022-11-30 23:45", "2022-11-30 23:50", "2022-12-01 00:10", "2022-12-01 00:20")),
    # local December, but 23:30 and 23:40 on 30 November in UTC: before the late blog's entries
    Blog("2022-12-01-early", "Early December", "+01:00", ("2022-12-01 00:30", "2022-12-01 00:40")),
)
OCTOBER = BLOGS[1]
ONE_HOUR_EAST = dt.timezone(dt.timedelta(hours=1))


def headline(number: int) -> str:
    return f"Shelling report {number} from the south"


def dump(blog: Blog) -> str:
    """The blog as a dump: front matter, then its entries newest first."""
    lines = ["---", f"title: {blog.title}", f"date: {blog.times[0][:10]}", f'timezone: "{blog.offset}"', "---"]
    for number, time in reversed(list(enumerate(blog.times, 1))):
        lines += [f"{time[11:]}: {headline(number)}", f"Officials in Kherson counted {number} strikes overnight."]
        if number in blog.mykolaiv:
            lines.append("Aid also reached Mykolaiv by road.")
    return "\n".join(lines) + "\n"


class Expected(NamedTuple):
    published: dt.datetime
    blog: str
    title: str

    @property
    def month(self) -> str:
        return f"{self.published:%Y-%m}"


def expected(topic: str = "Kherson") -> list[Expected]:
    """The entries naming `topic`, oldest first (in absolute time)."""
    found = [Expected(dt.datetime.fromisoformat(f"{time.replace(' ', 'T')}:00{blog.offset}"), blog.name,
                      headline(number))
             for blog in BLOGS for number, time in enumerate(blog.times, 1)
             if topic == "Kherson" or number in blog.mykolaiv]
    return sorted(found, key=lambda e: e.published)


def write_fixture(root: Path) -> Path:
    return write_site(root, {"site.toml": SITE_TOML, **{f"content/{b.name}.txt": dump(b) for b in BLOGS}})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The fixture site built once through the real CLI (strict: a warning would fail it)."""
    root = write_fixture(tmp_path_factory.mktemp("months"))
    result = run_cli("build", "--strict", "--no-search", "--out", "build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "build"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def sitebuild(root: Path, out: str = "build", **kw):
    return build(root / "content", root / out, root / "site.toml", search_index=False, **kw)


def read(build: Path, rel: str) -> str:
    return (build / rel).read_text(encoding="utf-8")


def rows(html: str) -> list[tuple[str, str, str, str]]:
    """(datetime, blog, anchor, headline) of every row of a topic page, in page order."""
    return ROW.findall(html)


def shown(html: str) -> list[tuple[str, str, str]]:
    return [(when, blog, title) for when, blog, _, title in rows(html)]


def as_shown(entries: list[Expected]) -> list[tuple[str, str, str]]:
    return [(e.published.isoformat(), e.blog, e.title) for e in entries]


def month_list(build: Path, slug: str) -> list[tuple[str, str, int]]:
    """(href, label, count) of each month listed on a topic's page."""
    return [(href, label, int(count)) for href, label, count in MONTH.findall(read(build, f"topics/{slug}.html"))]


def pager(html: str) -> dict[str, str]:
    """rel -> href of the month pager's links."""
    nav = re.search(r'<nav class="month-pager" aria-label="Months">(.*?)</nav>', html)
    return dict(re.findall(r'<a rel="(prev|next)" href="([^"]+)">', nav.group(1))) if nav else {}


def assert_rows_link_to_their_entries(build: Path, html: str) -> None:
    for when, blog, anchor, _ in rows(html):
        assert anchor.startswith(dt.datetime.fromisoformat(when).strftime("%Y%m%d-%H%M-")), anchor
        assert f'id="{anchor}"' in read(build, f"blogs/{blog}.html")


def test_the_build_has_no_broken_links_or_anchors(built):
    result = run_cli("check", str(built))
    assert result.returncode == 0 and "no problems" in result.stdout, result.stdout + result.stderr


def test_fixture_has_one_big_topic_and_one_small_one():
    assert len(expected()) == 116 > MONTH_PAGES_ABOVE >= len(expected("Mykolaiv")) == 3


def test_big_topic_page_lists_its_months_and_each_month_page_its_entries(built):
    html = read(built, "topics/kherson.html")
    assert '<h2 id="months">Entries by month</h2>' in html
    assert '<p class="meta">116 entries, listed month by month</p>' in html
    assert '<ol class="mentions">' not in html and "<h2><a " not in html
    months = month_list(built, "kherson")
    assert months == [("kherson.2022-09.html", "September 2022", 40), ("kherson.2022-10.html", "October 2022", 40),
                      ("kherson.2022-11.html", "November 2022", 32), ("kherson.2022-12.html", "December 2022", 4)]
    assert sum(count for _, _, count in months) == len(expected())
    hrefs = [href for href, _, _ in months]
    for i, (href, label, count) in enumerate(months):
        page = read(built, f"topics/{href}")
        assert f"<h1>Kherson: {label}</h1>" in page
        assert f'<p class="meta">{count} entries of 116, oldest first</p>' in page
        assert f'<p class="breadcrumb"><a href="index.html">Topics</a> › {BACK_TO_KHERSON}</p>' in page
        month = href.split(".")[1]
        assert shown(page) == as_shown([e for e in expected() if e.month == month])
        assert_rows_link_to_their_entries(built, page)
        neighbours = {"prev": hrefs[i - 1] if i > 0 else None, "next": hrefs[i + 1] if i + 1 < len(hrefs) else None}
        assert pager(page) == {rel: h for rel, h in neighbours.items() if h}
    assert 'rel="prev"' not in read(built, "topics/kherson.2022-09.html")


def test_small_topic_lists_its_rows_on_its_own_page_without_month_pages(built):
    html = read(built, "topics/mykolaiv.html")
    assert "<h1>Mykolaiv</h1>" in html and '<p class="meta">3 entries, oldest first</p>' in html
    assert '<ol class="topic-months">' not in html and 'class="month-pager"' not in html
    assert shown(html) == as_shown(expected("Mykolaiv"))
    assert html.count('</h2>\n<p>Aid also reached <mark>Mykolaiv</mark> by road.</p></li>') == 3
    assert_rows_link_to_their_entries(built, html)
    assert sorted(p.name for p in (built / "topics").glob("mykolaiv.*")) == ["mykolaiv.html"]


def test_entries_either_side_of_midnight_land_on_their_own_local_month(built):
    november, december = read(built, "topics/kherson.2022-11.html"), read(built, "topics/kherson.2022-12.html")
    assert [(when, blog) for when, blog, _ in shown(november)[-2:]] == [
        ("2022-11-30T23:45:00+00:00", "2022-11-30-late"), ("2022-11-30T23:50:00+00:00", "2022-11-30-late")]
    assert [(when, blog) for when, blog, _ in shown(december)] == [  # oldest first, in absolute time
        ("2022-12-01T00:30:00+01:00", "2022-12-01-early"), ("2022-12-01T00:40:00+01:00", "2022-12-01-early"),
        ("2022-12-01T00:10:00+00:00", "2022-11-30-late"), ("2022-12-01T00:20:00+00:00", "2022-11-30-late")]
    assert "2022-12-01-early" not in november
    linked = [href for href, _, _ in month_list(built, "kherson")]
    assert len(linked) == len(set(linked))
    assert sorted(p.name for p in (built / "topics").glob("kherson.*.html")) == sorted(linked)


def test_big_topic_feeds_hold_its_newest_entries_newest_first(built):
    feed = json.loads(read(built, "feeds/topics/kherson.json"))
    newest = expected()[::-1][:TOPIC_FEED_LIMIT]  # no two entries share a minute: no ties to add
    assert [(i["date_published"], i["title"]) for i in feed["items"]] == [
        (e.published.isoformat(), e.title) for e in newest]
    ids = [i["id"] for i in feed["items"]]
    for item_id, entry in zip(ids, newest):
        blog, anchor = re.fullmatch(ENTRY_URL, item_id).groups()
        assert blog == entry.blog and anchor.startswith(f"{entry.published:%Y%m%d-%H%M-}")
        assert f'id="{anchor}"' in read(built, f"blogs/{blog}.html")
    assert re.findall(r"<entry>\n  <id>([^<]+)</id>", read(built, "feeds/topics/kherson.atom")) == ids
    assert re.findall(r'<guid isPermaLink="true">([^<]+)</guid>', read(built, "feeds/topics/kherson.rss")) == ids


def test_a_topic_feed_holds_exactly_its_newest_twenty_ties_broken_as_in_every_feed(tmp_path):
    """Two entries in the minute of the 20th: the feeds' order (time, then blog, newest first)
    decides, as in the site's feeds; the feed never grows past TOPIC_FEED_LIMIT."""
    cut = expected()[-TOPIC_FEED_LIMIT].published  # 12:00 UTC, in the November blog
    twin = Blog("2022-11-10-twin", "Twin day", "+01:00", (f"{cut.astimezone(ONE_HOUR_EAST):%Y-%m-%d %H:%M}",))
    root = write_site(write_fixture(tmp_path), {f"content/{twin.name}.txt": dump(twin)})
    sitebuild(root)
    feed = json.loads(read(root / "build", "feeds/topics/kherson.json"))
    published = [dt.datetime.fromisoformat(item["date_published"]) for item in feed["items"]]
    assert len(published) == TOPIC_FEED_LIMIT and published[-1] == cut
    assert f"/blogs/{twin.name}.html#" in feed["items"][-1]["id"]  # "twin" sorts after "november"


def test_editing_one_entry_rewrites_only_its_month_page_and_matches_a_clean_build(tmp_path):
    root = write_fixture(tmp_path)
    assert sitebuild(root).kind == "full"
    before = stamps(root / "build")
    path = root / "content" / f"{OCTOBER.name}.txt"
    old = "Officials in Kherson counted 20 strikes overnight."
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, "Officials in Kherson counted 20 heavy strikes overnight."), encoding="utf-8")

    result = sitebuild(root)
    after = stamps(root / "build")
    changed = {p for p in after if after[p] != before.get(p)}
    assert result.kind == "incremental" and result.parsed == 1
    # the blog's page and feeds, the site's feeds (the entry is among the newest 100 of the site),
    # Kherson's October page, and the data exports that hold entries' text; not its other months,
    # its own page or its feeds (newest 20 only)
    assert changed == {f"blogs/{OCTOBER.name}.html", "topics/kherson.2022-10.html"} | {
        f"feeds/{OCTOBER.name}.{fmt}" for fmt in ("atom", "rss", "json")} | {
        f"feed.{fmt}" for fmt in ("atom", "rss", "json")} | {
        "data/entries.jsonl", "data/entries.csv", "data/archive.sqlite"}
    assert result.written == len(changed)
    october = read(root / "build", "topics/kherson.2022-10.html")
    assert "<mark>Kherson</mark> counted 20 heavy strikes overnight." in october

    assert sitebuild(root, "clean-build", clean=True).kind == "full"
    assert tree(root / "build") == tree(root / "clean-build")


needs_fork = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="spread() forks (POSIX only)")


@needs_fork
def test_topic_pages_made_in_two_processes_are_those_of_one(tmp_path, monkeypatch):
    """With enough rows the topic pages are shared between this process and a forked one
    (build/parallel.py spread): the same pages, byte for byte, counted as written once each;
    an edit afterwards rewrites only what changed, as a clean build would have it."""
    from site_gen.build import parallel

    root = write_fixture(tmp_path)
    assert sitebuild(root, "one", workers=1).kind == "full"  # (one worker: never spread)
    forks = []
    real_fork = parallel.Forked
    monkeypatch.setattr(parallel, "Forked",
                        lambda work, inbox=None: forks.append(getattr(work, "func", None) is parallel._shard)
                        or real_fork(work, inbox))
    monkeypatch.setattr(parallel, "SPREAD_ABOVE", 0)
    monkeypatch.setattr(parallel, "cpu_count", lambda: 2)
    result = sitebuild(root, "two")
    assert forks.count(True) == 1  # one child for the second shard of topic pages (the others: exports)
    assert tree(root / "two") == tree(root / "one")
    assert result.written == result.files  # every file counted once, as written (the RECORD too)
    path = root / "content" / f"{OCTOBER.name}.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("counted 20 strikes", "counted 20 heavy strikes"), encoding="utf-8")
    assert sitebuild(root, "two").kind == "incremental"
    assert "<mark>Kherson</mark> counted 20 heavy strikes overnight." in read(root / "two", "topics/kherson.2022-10.html")
    assert sitebuild(root, "clean", workers=1, clean=True).kind == "full"
    assert tree(root / "two") == tree(root / "clean")


@needs_fork
def test_a_failure_in_a_forked_page_process_fails_the_build_and_leaves_build_unchanged(tmp_path, monkeypatch):
    from site_gen.build import parallel
    from site_gen.render import topic_views

    root = write_fixture(tmp_path)
    assert sitebuild(root).kind == "full"
    before = tree(root / "build")
    monkeypatch.setattr(parallel, "SPREAD_ABOVE", 0)
    monkeypatch.setattr(parallel, "cpu_count", lambda: 2)
    parent = __import__("os").getpid()
    real = topic_views.topic_page

    def broken(*args, **kwargs):
        if __import__("os").getpid() != parent:
            raise RuntimeError("the child's template broke")
        return real(*args, **kwargs)

    monkeypatch.setattr(topic_views, "topic_page", broken)
    (root / "site.toml").write_text(SITE_TOML.replace('title = "', 'title = "Renamed: '), encoding="utf-8")
    with pytest.raises(RuntimeError, match="the child's template broke"):
        sitebuild(root)
    assert tree(root / "build") == before
    assert [p.name for p in root.iterdir() if p.name.startswith("build.")] == []


def test_without_fork_the_same_site_is_made_in_this_process(tmp_path, monkeypatch):
    """Where there is no fork (Windows), what spread() and the exports' own processes do runs here."""
    from site_gen.build import parallel

    root = write_fixture(tmp_path)
    assert sitebuild(root, "forked", workers=1).kind == "full"
    monkeypatch.setattr(parallel, "SPREAD_ABOVE", 0)
    monkeypatch.delattr(parallel.os, "fork", raising=False)
    assert sitebuild(root, "here", workers=1).kind == "full"  # (one worker: no pool to fork either)
    assert tree(root / "here") == tree(root / "forked")
    monkeypatch.setattr(parallel, "cpu_count", lambda: 2)
    made = list(parallel.spread(lambda shard: ((f"{x}.html", x, None) for x in shard), ["a", "b", "c"], [1, 1, 1],
                                write=lambda path, text: True))
    assert made == [("a.html", "a", None), ("b.html", "b", None), ("c.html", "c", None)]  # all here, in order
