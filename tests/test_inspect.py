"""`site-gen inspect FILE [--json]`, as an archivist runs it."""

import json
from pathlib import Path

from conftest import run_cli, write_site

GOLDEN = Path(__file__).parent / "golden" / "2022-11-10-ukraine-kherson.json"

DUMP = """\
Air raid alerts sounded through the night. All times are Kyiv time.
This live page is no longer being updated.
05:20: The all-clear was given shortly after five in the morning, the city administration said.
Residents were asked to stay away from the damaged districts.
01:35 – Air defence active over the capital
Several explosions were heard, our correspondent reported.
>> Earlier: how the air defence network works
01:50 – Drone debris falls on a school
Nobody was hurt.
23:50: Alerts in most regions
Sirens sounded in most regions shortly before midnight.
(Our correspondents in Kyiv)
"""

EXPECTED = """\
file       content/2023-05-02-night.txt
title      Night
date       2023-05-02 (day of the oldest entry; from the file name)
time zone  Europe/Kyiv (stated in the intro)
language   en (detected from the text)
order      newest first
headings   '05:20: …': 2 headings (lines 3, 10)
           '01:35 – …': 2 headings (lines 5, 8)
entries    4, 2023-05-02T23:50:00+03:00 to 2023-05-03T05:20:00+03:00

3   2023-05-03T05:20:00+03:00  20230503-0520-the-all-clear-was-given  [no headline] The all-clear was given shortly after five in the morning, the city administration said.  (2 paragraphs)
5   2023-05-03T01:35:00+03:00  20230503-0135-air-defence-active-over  Air defence active over the capital  (1 paragraph, 1 related)
8   2023-05-03T01:50:00+03:00  20230503-0150-drone-debris-falls       Drone debris falls on a school  (1 paragraph)
10  2023-05-02T23:50:00+03:00  20230502-2350-alerts-in-most-regions   Alerts in most regions  (1 paragraph)

rejected   none

lede       line 1: Air raid alerts sounded through the night. All times are Kyiv time.
notice     line 2: This live page is no longer being updated.
credit     line 12: (Our correspondents in Kyiv)

warnings   2
content/2023-05-02-night.txt:8: warning: entry at 01:50 goes against the order of the entries (newest first) by 15 minutes
    01:50 – Drone debris falls on a school
    hint: check the time; it is kept on the same day as the entry before it
content/2023-05-02-night.txt: warning: no title given; guessed 'Night' from the file name
    hint: add 'title: ...' in front matter
"""


def test_inspect_prints_what_the_parser_understood(tmp_path):
    write_site(tmp_path, {"content/2023-05-02-night.txt": DUMP})
    result = run_cli("inspect", "content/2023-05-02-night.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED
    assert result.stderr == ""


def test_inspect_json_of_the_sample_is_its_golden_model():
    result = run_cli("inspect", "content/2022-11-10-ukraine-kherson.txt", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_inspect_json_carries_every_entry_and_warning(tmp_path):
    write_site(tmp_path, {"content/2023-05-02-night.txt": DUMP})
    result = run_cli("inspect", "content/2023-05-02-night.txt", "--json", cwd=tmp_path)
    model = json.loads(result.stdout)
    assert sorted((e["line"], e["published"], e["headline"]) for e in model["entries"]) == [
        (3, "2023-05-03T05:20:00+03:00", ""),
        (5, "2023-05-03T01:35:00+03:00", "Air defence active over the capital"),
        (8, "2023-05-03T01:50:00+03:00", "Drone debris falls on a school"),
        (10, "2023-05-02T23:50:00+03:00", "Alerts in most regions"),
    ]
    assert (model["timezone"], model["timezone_source"], len(model["warnings"])) == ("Europe/Kyiv", "intro", 2)


def test_inspect_uses_the_site_default_time_zone(tmp_path):
    write_site(tmp_path, {"site.toml": 'timezone = "Europe/Madrid"\n', "d.txt": "2023-05-02\n9:00am: A\nBody.\n"})
    result = run_cli("inspect", "d.txt", cwd=tmp_path)
    assert "time zone  Europe/Madrid (the site's default (site.toml))" in result.stdout
    assert "2023-05-02T09:00:00+02:00" in result.stdout


def test_inspect_errors(tmp_path):
    write_site(tmp_path, {"bad.txt": "Nothing here looks like an entry.\n"})
    missing = run_cli("inspect", "nope.txt", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, "site-gen: error: dump not found: nope.txt\n")
    bad = run_cli("inspect", "bad.txt", cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr.startswith("bad.txt:1: error: no entry heading found in this file; it begins:\n"
                                 "    Nothing here looks like an entry.\n")
    assert bad.stdout == ""


def test_inspect_shows_the_heading_style_and_every_rejected_candidate(tmp_path):
    dump = ("Wahlabend im Liveticker\n"
            "22:10 Uhr | Erste Hochrechnung\n"
            "Die Partei liegt vorn.\n"
            "Ab 18 Uhr sollen die Lokale schließen, sagte der Sprecher.\n"
            "21:40 Uhr | Wahllokale geschlossen\n"
            "Die Auszählung beginnt.\n"
            "23:59 Uhr | Spät in der Nacht\n"
            "Das war vorgezogen.\n")
    write_site(tmp_path, {"content/2023-10-08-wahl.txt": dump})
    result = run_cli("inspect", "content/2023-10-08-wahl.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "title      Wahlabend im Liveticker"
    assert lines[2] == "date       2023-10-08 (day of the oldest entry; from the file name)"
    assert lines[4] == "language   de (detected from the text)"
    assert lines[6] == "headings   '22:10 Uhr | …': 3 headings (lines 2, 5, 7)"
    start = lines.index("rejected   line 4: a lower-case word follows the time: a sentence")
    assert lines[start + 1] == "               Ab 18 Uhr sollen die Lokale schließen, sagte der Sprecher."
    assert "warning: entry at 23:59 goes against the order of the entries (newest first) by 139 minutes" in result.stdout
