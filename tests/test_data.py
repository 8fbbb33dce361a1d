"""The archive as data (docs/data.md): the exports a build publishes in data/, and `site-gen export`."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO, SAMPLE, run_cli, write_site
from site_gen.render.data.rows import COLUMNS

# The sample's 18 entries as the exports list them (site order: oldest first), time as printed
# and the exact moment: "23:13pm" is 23:13, "1:28am" is past midnight, on the 11th.
SAMPLE_TIMES = [
    ("9:15am", "2022-11-10T09:15:00+01:00"), ("10:47am", "2022-11-10T10:47:00+01:00"),
    ("10:58am", "2022-11-10T10:58:00+01:00"), ("12:09pm", "2022-11-10T12:09:00+01:00"),
    ("3:45pm", "2022-11-10T15:45:00+01:00"), ("4:56pm", "2022-11-10T16:56:00+01:00"),
    ("5:23pm", "2022-11-10T17:23:00+01:00"), ("5:35pm", "2022-11-10T17:35:00+01:00"),
    ("8:04pm", "2022-11-10T20:04:00+01:00"), ("8:17pm", "2022-11-10T20:17:00+01:00"),
    ("8:34pm", "2022-11-10T20:34:00+01:00"), ("8:46pm", "2022-11-10T20:46:00+01:00"),
    ("8:56pm", "2022-11-10T20:56:00+01:00"), ("9:07pm", "2022-11-10T21:07:00+01:00"),
    ("9:14pm", "2022-11-10T21:14:00+01:00"), ("10:20pm", "2022-11-10T22:20:00+01:00"),
    ("23:13pm", "2022-11-10T23:13:00+01:00"), ("1:28am", "2022-11-11T01:28:00+01:00"),
]
BLOG = "2022-11-10-ukraine-kherson"
FRENCH = "2022-11-11-guerre-ukraine-kherson"  # the example site's second blog (issue 20), 13 entries
BASE = "https://archive.example.org/"
CSL_SCHEMA = json.loads((Path(__file__).parent / "csl-data.schema.json").read_text(encoding="utf-8"))


def jsonl_rows(build: Path) -> list[dict]:
    return [json.loads(line) for line in (build / "data/entries.jsonl").read_text(encoding="utf-8").splitlines()]


def csv_rows(build: Path) -> list[dict]:
    with open(build / "data/entries.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def archive(build: Path) -> sqlite3.Connection:
    db = sqlite3.connect(f"file:{build / 'data/archive.sqlite'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    return db


def export_places(build: Path) -> dict:
    """What the last build kept of where each blog's part lies in each export file."""
    from site_gen.build import cache
    from site_gen.build.store import Store

    store = Store(cache.cache_dir(build))
    return store.load_site_state(store.load())["exports"]


def sample_rows(rows: list[dict]) -> list[dict]:
    """The sample blog's rows (the example site's first blog in site order), the French blog's after."""
    assert [r["blog"] for r in rows] == [BLOG] * 18 + [FRENCH] * 13
    return rows[:18]


def page_ids(build: Path, slug: str) -> set[str]:
    return set(re.findall(r' id="([^"]+)"', (build / f"blogs/{slug}.html").read_text(encoding="utf-8")))


# ---- the example site -------------------------------------------------------------------------

def test_json_lines_hold_the_18_entries_with_exact_times_and_working_urls(example_build):
    every = jsonl_rows(example_build)
    rows = sample_rows(every)
    assert [(r["time_as_printed"], r["published"]) for r in rows] == SAMPLE_TIMES
    french_ids = page_ids(example_build, FRENCH)
    for row in every[18:]:
        assert row["language"] == "fr" and row["url"] == f"{BASE}blogs/{FRENCH}.html#{row['anchor']}"
        assert row["anchor"] in french_ids
    assert (every[18]["time_as_printed"], every[18]["published"]) == ("07h30", "2022-11-11T07:30:00+01:00")
    assert all(list(r) == list(COLUMNS) for r in rows)
    ids = page_ids(example_build, BLOG)
    for row in rows:
        assert row["url"] == f"{BASE}blogs/{BLOG}.html#{row['anchor']}" and row["anchor"] in ids
        assert row["blog"] == BLOG and row["language"] == "en" and row["source"] == SAMPLE.name
    starlink = rows[12]
    assert starlink["headline"] == ("Ukraine will seek help from allies to finance Starlink service "
                                    "if SpaceX demands payment")
    assert starlink["published_utc"] == "2022-11-10T19:56:00Z" and starlink["line"] == 22
    assert starlink["text"].startswith("Ukraine will ask its foreign partners for help in funding Starlink")
    assert "\n\n" in starlink["text"] and "<" not in starlink["text"]
    assert "Oleksii Reznikov" in starlink["topics"] and "SpaceX" in starlink["topics"]
    assert rows[0]["related"] == ["Ukrainians flee occupied territories through Russian 'filtration' checks"]


def test_csv_holds_the_same_rows(example_build):
    rows = csv_rows(example_build)
    assert list(rows[0]) == list(COLUMNS)
    for row, as_json in zip(rows, jsonl_rows(example_build), strict=True):
        assert row["topics"] == "; ".join(as_json["topics"]) and row["related"] == "\n".join(as_json["related"])
        assert {k: v for k, v in row.items() if k not in ("topics", "related", "line")} == {
            k: v for k, v in as_json.items() if k not in ("topics", "related", "line")}
        assert int(row["line"]) == as_json["line"]


def test_sqlite_archive_holds_the_entries_topics_and_a_full_text_index(example_build):
    db = archive(example_build)
    every = db.execute("SELECT * FROM entries ORDER BY id").fetchall()
    assert [e["blog"] for e in every] == [BLOG] * 18 + [FRENCH] * 13
    entries = every[:18]
    assert [(e["time_as_printed"], e["published"]) for e in entries] == SAMPLE_TIMES
    ids = page_ids(example_build, BLOG)
    assert all(e["url"].endswith("#" + e["anchor"]) and e["anchor"] in ids for e in entries)
    blog, french = db.execute("SELECT * FROM blogs").fetchall()
    assert (blog["slug"], blog["entry_count"], blog["url"]) == (BLOG, 18, f"{BASE}blogs/{BLOG}.html")
    assert (french["slug"], french["entry_count"]) == (FRENCH, 13)
    found = db.execute("SELECT e.time_as_printed, e.headline FROM entries_fts JOIN entries e ON e.id = "
                       "entries_fts.rowid WHERE entries_fts MATCH 'Starlink'").fetchall()
    assert [tuple(r) for r in found] == [("8:56pm", jsonl_rows(example_build)[12]["headline"])]
    spacex = db.execute("SELECT e.time_as_printed FROM entry_topics et JOIN entries e ON e.id = et.entry_id "
                        "JOIN topics t ON t.slug = et.topic WHERE t.name = 'SpaceX'").fetchall()
    assert "8:56pm" in [r[0] for r in spacex]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = {(r["table"], r["from"], r["to"]) for t in ("entries", "entry_topics")
            for r in db.execute(f"PRAGMA foreign_key_list({t})")}
    assert keys == {("blogs", "blog", "slug"), ("entries", "entry_id", "id"), ("topics", "topic", "slug")}
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"entries_published_utc", "entry_topics_topic"} <= indexes
    counts = {r["name"]: r["entry_count"] for r in db.execute("SELECT * FROM topics")}
    assert counts["SpaceX"] == len(spacex)


def test_datasette_serves_the_archive_offline(example_build):
    from datasette.app import Datasette

    metadata = json.loads((example_build / "data/metadata.json").read_text(encoding="utf-8"))
    assert metadata["title"] == "Live blog archive"
    assert set(metadata["databases"]["archive"]["tables"]) == {"blogs", "entries", "topics", "entry_topics"}

    async def ask():
        ds = Datasette([str(example_build / "data/archive.sqlite")], metadata=metadata)
        tables = (await ds.client.get("/archive.json")).json()
        found = (await ds.client.get("/archive/entries.json?_search=Starlink&_shape=array")).json()
        page = (await ds.client.get("/archive/entries")).text
        return tables, found, page

    tables, found, page = asyncio.run(ask())
    names = {t["name"] for t in tables["tables"]}
    assert {"blogs", "entries", "topics", "entry_topics", "entries_fts"} <= names
    assert [(r["time_as_printed"], r["published"]) for r in found] == [("8:56pm", "2022-11-10T20:56:00+01:00")]
    assert "One row per entry of every blog" in page


def test_csl_json_validates_against_the_csl_schema(example_build):
    items = json.loads((example_build / "data/entries.csl.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, CSL_SCHEMA)
    assert len(items) == 31 and len({i["id"] for i in items}) == 31
    assert [i["id"].split(":")[0] for i in items] == [BLOG] * 18 + [FRENCH] * 13
    starlink = items[12]
    assert starlink["type"] == "post-weblog" and starlink["issued"] == {"date-parts": [[2022, 11, 10]]}
    assert starlink["URL"] == jsonl_rows(example_build)[12]["url"]
    assert starlink["author"] == [{"literal": "FRANCE 24 with AFP, AP and Reuters"}]
    assert "accessed" not in starlink  # nothing from the build's clock


# ---- small sites --------------------------------------------------------------------------------

HOSTILE = 'He said "no" & <b>{Kherson}</b> 100% #1 $5 a_b ~ ^ \\ Kyïv'


def dump(title: str, lines: list[str]) -> str:
    return f'---\ntitle: "{title}"\ntimezone: Europe/Kyiv\n---\n' + "\n".join(lines) + "\n"


def small_site(root: Path, extra: str = "") -> Path:
    return write_site(root, {
        "site.toml": f'title = "Test archive"\nbase_url = "{BASE}"\n{extra}',
        "content/2023-03-01-first.txt": dump("First day", [
            "Thursday 2 March 2023", f"9:05pm: {HOSTILE}", "Odesa was quiet. Kyiv said so.",
            "8:40pm: Evening in Odesa", "The mayor of Odesa spoke."]),
        "content/2023-03-05-second.txt": dump("Second day", [
            "Sunday 5 March 2023", "11:10am: Kharkiv update", "Power came back in Kharkiv."]),
    })


def build(site: Path, *args: str, env: dict | None = None) -> Path:
    result = run_cli("build", "--no-search", *args, cwd=site, env=env)
    assert result.returncode == 0, result.stderr
    return site / "build"


def test_text_with_quotes_ampersands_angle_brackets_and_braces_breaks_no_format(tmp_path):
    out = build(small_site(tmp_path))
    rows = jsonl_rows(out)
    hostile = next(r for r in rows if r["time_as_printed"] == "9:05pm")
    assert hostile["headline"] == HOSTILE and hostile["published"] == "2023-03-02T21:05:00+02:00"
    assert [r for r in csv_rows(out) if r["time_as_printed"] == "9:05pm"][0]["headline"] == HOSTILE
    assert archive(out).execute("SELECT headline FROM entries WHERE time_as_printed = '9:05pm'").fetchone()[0] == HOSTILE
    items = json.loads((out / "data/entries.csl.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, CSL_SCHEMA)
    assert [i["title"] for i in items if i["title"] == HOSTILE]


def test_exports_after_an_edit_equal_a_clean_builds(tmp_path):
    site = small_site(tmp_path)
    build(site)
    first = site / "content/2023-03-01-first.txt"
    first.write_text(first.read_text(encoding="utf-8").replace("The mayor of Odesa spoke.",
                                                             "The mayor of Lviv spoke, then Odesa's."),
                     encoding="utf-8")
    (site / "content/2023-03-05-second.txt").unlink()
    write_site(site, {"content/2023-03-07-third.txt": dump("Third day", [
        "Tuesday 7 March 2023", "7:00am: Morning in Lviv", "Lviv woke up to sirens."])})
    incremental = build(site)
    clean = build(site, "--clean", "--out", "clean")
    for name in ("entries.jsonl", "entries.csv", "entries.csl.json", "archive.sqlite", "metadata.json"):
        assert (incremental / "data" / name).read_bytes() == (site / "clean/data" / name).read_bytes(), name
    rows = jsonl_rows(incremental)
    assert [r["blog"] for r in rows] == ["2023-03-01-first"] * 2 + ["2023-03-07-third"]
    assert "Lviv" in rows[0]["topics"] or "Lviv" in rows[1]["topics"]


def test_exports_are_the_same_bytes_whatever_the_clock_hash_seed_and_time_zone(tmp_path):
    one = build(small_site(tmp_path / "one"), env={"PYTHONHASHSEED": "1", "TZ": "UTC"})
    two = build(small_site(tmp_path / "two"), env={"PYTHONHASHSEED": "4242", "TZ": "America/Los_Angeles"})
    for name in ("entries.jsonl", "entries.csv", "entries.csl.json", "archive.sqlite", "metadata.json"):
        assert (one / "data" / name).read_bytes() == (two / "data" / name).read_bytes(), name


def test_the_exports_setting_chooses_the_files(tmp_path):
    out = build(small_site(tmp_path / "some", 'exports = ["csv", "csl"]'))
    assert sorted(p.name for p in (out / "data").iterdir()) == ["entries.csl.json", "entries.csv"]
    out = build(small_site(tmp_path / "none", "exports = []"))
    assert not (out / "data").exists()


def test_an_unknown_export_is_an_error_naming_the_line(tmp_path):
    site = small_site(tmp_path, 'exports = ["jsonl", "xlsx"]\n')
    result = run_cli("build", "--no-search", cwd=site)
    assert result.returncode == 1
    assert result.stderr.startswith("site.toml:3: error: unknown export 'xlsx' in 'exports'\n"
                                    "    hint: known exports: jsonl, csv, sqlite, csl\n")


def test_site_gen_export_writes_what_the_build_publishes(tmp_path):
    site = small_site(tmp_path)
    out = build(site)
    for fmt, name in (("jsonl", "entries.jsonl"), ("csv", "entries.csv"), ("sqlite", "archive.sqlite"),
                      ("csl", "entries.csl.json")):
        result = run_cli("export", "--format", fmt, "--out", f"one.{fmt}", cwd=site)
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"wrote 3 entries of 2 blogs to one.{fmt}\n"
        assert (site / f"one.{fmt}").read_bytes() == (out / "data" / name).read_bytes(), fmt
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".one")) == []  # no temporary left
    result = run_cli("export", "--format", "csv", "--out", "content", cwd=site)
    assert result.returncode == 2 and "is a folder" in result.stderr


def test_docs_data_md_explains_every_column_and_table():
    from site_gen.render.data import archive as tables

    from site_gen.render.data.rows import COLUMN_DOCS

    text = (REPO / "docs/data.md").read_text(encoding="utf-8")
    for docs in (COLUMN_DOCS, tables.BLOG_DOCS, tables.TOPIC_DOCS):
        for column, meaning in docs.items():
            assert f"| `{column}` | {meaning} |" in text, column
    for name in ("data/entries.jsonl", "data/entries.csv", "data/archive.sqlite", "data/entries.csl.json",
                 "data/metadata.json", "exports"):
        assert name in text, name


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_plain_rows_parse_with_the_standard_library(example_build, fmt):
    data = (example_build / f"data/entries.{fmt}").read_bytes().decode("utf-8")
    count = len(data.splitlines()) if fmt == "jsonl" else len(list(csv.reader(io.StringIO(data)))) - 1
    assert count == 31  # the sample's 18 entries and the French blog's 13


# ---- citable entries on the pages ---------------------------------------------------------------

def test_zotero_finds_the_18_entries_on_the_blog_page_as_blog_posts(example_build):
    from zotero_coins import coins_items

    page = (example_build / f"blogs/{BLOG}.html").read_text(encoding="utf-8")
    items = coins_items(page)
    rows = {r["url"]: r for r in sample_rows(jsonl_rows(example_build))}
    assert len(items) == 18 and {i["itemType"] for i in items} == {"blogPost"}
    assert {i["url"] for i in items} == set(rows)
    for item in items:
        row = rows[item["url"]]
        assert item["title"] == (row["headline"] or item["title"]) and item["publicationTitle"] == row["blog_title"]
        assert item["date"].startswith(row["published"][:19])  # Zotero reads '+01:00' as ' 01:00'
        assert item["creators"] == [{"lastName": "FRANCE 24 with AFP, AP and Reuters", "isInstitution": True}]


def test_the_blog_page_has_highwire_citation_tags(example_build):
    page = (example_build / f"blogs/{BLOG}.html").read_text(encoding="utf-8")
    tags = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', page))
    assert tags == {"citation_title": "Ukraine Kherson", "citation_author": "FRANCE 24 with AFP, AP and Reuters",
                    "citation_publication_date": "2022/11/10", "citation_language": "en",
                    "citation_fulltext_html_url": f"{BASE}blogs/{BLOG}.html"}


def test_each_entry_has_a_cite_control_with_its_citation_and_files(example_build):
    import html as html_module

    page = (example_build / f"blogs/{BLOG}.html").read_text(encoding="utf-8")
    controls = re.findall(r'<details class="cite" data-pagefind-ignore><summary aria-describedby="h-([^"]+)">Cite'
                          r'</summary>\n<p class="citation">(.*?)</p>\n<p class="cite-files">(.*?)</p>', page)
    rows = {r["anchor"]: r for r in sample_rows(jsonl_rows(example_build))}
    assert len(controls) == 18 and {anchor for anchor, _, _ in controls} == set(rows)
    citations = {anchor: html_module.unescape(re.sub("<[^>]+>", "", text)) for anchor, text, _ in controls}
    starlink = rows["20221110-2056-ukraine-will-seek-help"]
    assert citations[starlink["anchor"]] == (f"FRANCE 24 with AFP, AP and Reuters. (2022, November 10). "
                                             f"{starlink['headline']}. Ukraine Kherson. {starlink['url']}")
    files = controls[0][2]
    assert f'href="../cite/{BLOG}.bib"' in files and f'href="../cite/{BLOG}.json"' in files
    bib = (example_build / f"cite/{BLOG}.bib").read_text(encoding="utf-8")
    assert sorted(re.findall(r"(?m)^@misc\{([^,]+),$", bib)) == sorted(f"{BLOG}:{a}" for a in rows)
    items = json.loads((example_build / f"cite/{BLOG}.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, CSL_SCHEMA)
    every = json.loads((example_build / "data/entries.csl.json").read_text(encoding="utf-8"))
    assert items == every[:18]  # the site's file: this blog's items, then the French blog's
    assert items + json.loads((example_build / f"cite/{FRENCH}.json").read_text(encoding="utf-8")) == every
    for anchor, _, files in controls:
        assert f"<code>{BLOG}:{anchor}</code>" in files


def test_the_home_page_says_where_the_data_is(example_build):
    home = (example_build / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="(data/[^"]+)" type="[^"]+" download>([^<]+)</a>', home)
    assert links == [("data/entries.jsonl", "JSON Lines"), ("data/entries.csv", "CSV"),
                     ("data/archive.sqlite", "SQLite"), ("data/entries.csl.json", "CSL-JSON")]
    assert all((example_build / href).is_file() for href, _ in links)


def test_unchanged_blogs_are_copied_from_the_live_files_and_still_equal_a_clean_build(tmp_path, monkeypatch):
    site = small_site(tmp_path)
    write_site(site, {"content/2023-03-09-fourth.txt": dump("Fourth day", [
        "Thursday 9 March 2023", "6:15pm: Kharkiv again", "Kharkiv lost power again."])})
    build(site)
    first = site / "content/2023-03-01-first.txt"  # the oldest blog gains an entry: later entry ids all move
    first.write_text(first.read_text(encoding="utf-8").replace(
        "8:40pm: Evening in Odesa", "10:15pm: Night in Mykolaiv\nMykolaiv heard blasts.\n8:40pm: Evening in Odesa"),
        encoding="utf-8")
    incremental = build(site)
    # Where each blog's part lies in each export (kept for the next build by the process that
    # made the file) is in the cache: the next build copies from the live files what it can.
    state = export_places(incremental)
    assert sorted(state) == ["csl", "csv", "jsonl", "sqlite"]
    # (the archive's entries are named by each blog's model, its topic links by their part)
    rows, links = state["sqlite"]["rows"], state["sqlite"]["links"]
    assert sorted(slug for _, _, slug in rows.values()) == ["2023-03-01-first", "2023-03-05-second", "2023-03-09-fourth"]
    assert [place[:2] for place in rows.values()] == [(1, 3), (4, 1), (5, 1)]  # first entry id, entries
    assert list(links.values()) == [(1, 3), (4, 1), (5, 1)]
    assert all(len(state[fmt]) == 3 for fmt in ("csl", "csv", "jsonl"))
    clean = build(site, "--clean", "--out", "clean")
    for name in ("entries.jsonl", "entries.csv", "entries.csl.json", "archive.sqlite"):
        assert (incremental / "data" / name).read_bytes() == (site / "clean/data" / name).read_bytes(), name
    db = archive(incremental)
    assert [r[0] for r in db.execute("SELECT blog FROM entries ORDER BY id")] == (
        ["2023-03-01-first"] * 3 + ["2023-03-05-second", "2023-03-09-fourth"])
    found = db.execute("SELECT e.id, e.time_as_printed FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid "
                       "WHERE entries_fts MATCH 'Kharkiv' ORDER BY e.id").fetchall()
    assert [tuple(r) for r in found] == [(4, "11:10am"), (5, "6:15pm")]
    topics = db.execute("SELECT et.entry_id, t.name FROM entry_topics et JOIN topics t ON t.slug = et.topic "
                        "WHERE t.name = 'Kharkiv' ORDER BY et.entry_id").fetchall()
    assert [r[0] for r in topics] == [4, 5]


def test_an_export_copies_the_unchanged_blogs_from_the_live_file_in_a_few_runs(tmp_path, monkeypatch):
    """One blog edited among many: the parts before and after it are copied from the live file in
    one run each (separators included), and the file is the one a fresh write gives."""
    from site_gen.render.data import exports
    from site_gen.render.producer import Kept

    class Blobs(dict):
        def load(self, key):
            return self[key]

    blobs = Blobs({f"b{i}": f'{{"blog": {i}}}\n'.encode() * (i + 1) for i in range(8)})
    parts = [{"csl": Kept(f"b{i}")} for i in range(8)]
    live = tmp_path / "live.json"
    state: dict = {}
    exports._Joined(parts, blobs, {}, state, "csl", head=b"[\n", between=b",\n", tail=b"\n]\n")(live, None)
    blobs["b5"] = b'{"blog": "five, edited"}\n'
    parts[5] = {"csl": Kept("b5-edited")}
    blobs["b5-edited"] = blobs.pop("b5")
    copies = []
    real = exports._copy
    monkeypatch.setattr(exports, "_copy", lambda old, out, at, n: copies.append((at, n)) or real(old, out, at, n))
    again, fresh = tmp_path / "again.json", tmp_path / "fresh.json"
    exports._Joined(parts, blobs, state, {}, "csl", head=b"[\n", between=b",\n", tail=b"\n]\n")(again, live)
    exports._Joined(parts, blobs, {}, {}, "csl", head=b"[\n", between=b",\n", tail=b"\n]\n")(fresh, None)
    assert again.read_bytes() == fresh.read_bytes()
    assert b'"five, edited"' in again.read_bytes()
    assert len(copies) == 2  # blogs 0-4 with their separators, then 6-7


def test_without_fork_the_archive_is_made_when_its_rest_is_sent_and_is_the_same(tmp_path, monkeypatch):
    """Where there is no fork (Windows), the archive begun before the topics phase is made in
    this process when the site step sends it the rest: the same bytes, clean or incremental."""
    import os

    from site_gen.build.site import build as site_build

    site = small_site(tmp_path)

    def built(out: str, **kw) -> bytes:
        site_build(site / "content", site / out, site / "site.toml", search_index=False, workers=1, **kw)
        return (site / out / "data" / "archive.sqlite").read_bytes()

    forked = built("forked")
    monkeypatch.delattr(os, "fork")
    assert built("unforked") == forked
    first = site / "content/2023-03-01-first.txt"
    first.write_text(first.read_text(encoding="utf-8").replace(
        "8:40pm: Evening in Odesa", "10:15pm: Night in Mykolaiv\nMykolaiv heard blasts.\n8:40pm: Evening in Odesa"),
        encoding="utf-8")
    incremental = built("unforked")
    assert incremental == built("clean", clean=True) != forked
    db = archive(site / "unforked")
    assert [tuple(r) for r in db.execute("SELECT id, time_as_printed FROM entries ORDER BY id")] == [
        (1, "8:40pm"), (2, "9:05pm"), (3, "10:15pm"), (4, "11:10am")]
    assert [tuple(r) for r in db.execute("SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'Mykolaiv'")] == [(3,)]
    assert [tuple(r) for r in db.execute("SELECT entry_id, topic FROM entry_topics WHERE topic = 'mykolaiv'")] == [
        (3, "mykolaiv")]
