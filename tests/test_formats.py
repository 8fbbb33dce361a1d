"""Other outlets' live blogs: every heading style, with exact datetimes.

tests/data/formats/ holds one small dump per outlet style, written for these
tests; together they are also the mixed site of test_mixed_site.py.
"""

import json
from pathlib import Path

import pytest

from conftest import SAMPLE
from site_gen.read.parse import parse
from site_gen.commands.serialize import blog_dict

DATA = Path(__file__).parent / "data" / "formats"
GOLDEN = Path(__file__).parent / "golden" / "2022-11-10-ukraine-kherson.json"

# file: (zone, where the zone came from, newest first, [(line, datetime, time as printed, headline)])
EXPECTED = {
    # AP style: '12:40 a.m.:', '5:39 p.m .:', newest first, crossing midnight, 'All times ET.'
    "2023-05-02-harbour-strike.txt": ("America/New_York", "intro", True, [
        (3, "2023-05-03T00:40:00-04:00", "12:40 a.m.", "Union says talks will resume at noon"),
        (6, "2023-05-02T23:05:00-04:00", "11:05 p.m.", "Port authority warns of week-long backlog"),
        (10, "2023-05-02T17:39:00-04:00", "5:39 p.m .", "Governor calls for calm"),
        (13, "2023-05-02T14:15:00-04:00", "2:15 p.m.", "Picket lines form at three terminals"),
    ]),
    # French style '22h48 :', 'Paris time (GMT+2)' in May is Europe/Paris; '10:30 was the deadline' stays a paragraph
    "2023-05-02-council-vote.txt": ("Europe/Paris", "intro", True, [
        (5, "2023-05-02T22:48:00+02:00", "22h48", "Plan adopted by 31 votes to 24"),
        (7, "2023-05-02T20:17:00+02:00", "20h17", "Opposition walks out"),
        (10, "2023-05-02T19:05:00+02:00", "19h05", "Debate opens"),
        (12, "2023-05-02T16:30:00+02:00", "16h30", "Protesters gather outside city hall"),
    ]),
    # '21.30' alone on its line, the headline on the next; 'Times in GMT.'
    "2023-05-02-river-floods.txt": ("UTC", "intro", True, [
        (6, "2023-05-02T21:30:00+00:00", "21.30", "Evacuation centres stay open overnight"),
        (10, "2023-05-02T20:17:00+00:00", "20.17", "River peaks at record level"),
        (15, "2023-05-02T18:45:00+00:00", "18.45", "Main road closed"),
    ]),
    # headline-less entries ('05:20: <prose>', '04:00' then prose), '01:35 –', 'Kyiv time', date from front matter
    "kyiv-overnight.txt": ("Europe/Kyiv", "intro", True, [
        (6, "2023-05-03T05:20:00+03:00", "05:20", ""),
        (8, "2023-05-03T04:00:00+03:00", "04:00", ""),
        (10, "2023-05-03T01:35:00+03:00", "01:35", "Air defence active over the capital"),
        (12, "2023-05-02T23:50:00+03:00", "23:50", "Alerts in most regions"),
    ]),
    # Markdown: '# Title', '## 9:40am: Headline', oldest first, '(UTC+2)'
    "2023-05-09-summit.md": ("+02:00", "intro", False, [
        (5, "2023-05-09T09:40:00+02:00", "9:40am", "Delegations arrive"),
        (8, "2023-05-09T11:15:00+02:00", "11:15am", "Opening session starts late"),
        (11, "2023-05-09T15:05:00+02:00", "3:05pm", "Joint statement on grid links"),
    ]),
    # Markdown: '**4:05pm** Headline', bold date lines '**Wednesday 10 May 2023**'
    "2023-05-09-trade-talks.md": ("Europe/Brussels", "intro", True, [
        (5, "2023-05-10T16:05:00+02:00", "4:05pm", "Ministers agree on a timetable"),
        (8, "2023-05-10T13:30:00+02:00", "1:30pm", "Talks resume after lunch"),
        (13, "2023-05-09T18:50:00+02:00", "6:50pm", "First day ends without a deal"),
    ]),
    # oldest first over three days, date lines 'Friday 28 April 2023', '17:30 - Headline'
    "2023-04-28-election-week.txt": ("Europe/London", "intro", False, [
        (6, "2023-04-28T17:30:00+01:00", "17:30", "Final debate announced"),
        (8, "2023-04-28T21:55:00+01:00", "21:55", "Debate ends in a draw, say viewers"),
        (11, "2023-04-29T09:00:00+01:00", "09:00", "Campaigns return to the road"),
        (13, "2023-04-29T23:40:00+01:00", "23:40", "Last rally of the campaign"),
        (16, "2023-04-30T00:15:00+01:00", "00:15", "Campaigning is now banned until polls close"),
        (18, "2023-04-30T22:00:00+01:00", "22:00", "Polls close"),
    ]),
    # date lines '06/06/2023' (day first), newest first, 'Madrid time (GMT+2)'
    "2023-06-05-heatwave.txt": ("Europe/Madrid", "intro", True, [
        (6, "2023-06-06T09:10:00+02:00", "09:10", "Schools shorten the day"),
        (9, "2023-06-05T18:45:00+02:00", "18:45", "Record for early June"),
        (11, "2023-06-05T11:20:00+02:00", "11:20", "Heat alert raised to red"),
    ]),
    # date lines 'June 6' without a year (the year comes from the file name)
    "2023-06-05-storm.txt": ("America/New_York", "intro", True, [
        (6, "2023-06-06T01:10:00-04:00", "1:10am", "Power cut for 80,000 customers"),
        (9, "2023-06-05T22:45:00-04:00", "10:45pm", "Storm makes landfall"),
        (11, "2023-06-05T16:30:00-04:00", "4:30pm", "Evacuation ordered for the islands"),
    ]),
    # 12-hour times without am/pm, placed in the day by their order
    "2023-07-09-bare-clock.txt": ("+03:00", "intro", False, [
        (5, "2023-07-09T09:05:00+03:00", "9:05", "Runners set off"),
        (7, "2023-07-09T11:40:00+03:00", "11:40", "Winner crosses the line"),
        (9, "2023-07-09T12:25:00+03:00", "12:25", "Last runners reach halfway"),
        (11, "2023-07-09T13:15:00+03:00", "1:15", "Roads reopen in the centre"),
        (13, "2023-07-09T16:50:00+03:00", "4:50", "Course closed"),
        (15, "2023-07-09T22:20:00+03:00", "10:20", "Fireworks end the day"),
    ]),
    # false headings: '10:30 was the deadline', '4.5 million homes', and '9:40pm - ...' breaking the order
    "2023-05-11-power-cuts.txt": ("Europe/Kyiv", "intro", True, [
        (5, "2023-05-11T21:52:00+03:00", "9:52pm", "Power back in most districts"),
        (9, "2023-05-11T21:14:00+03:00", "9:14pm", "Hospital switches to generators"),
        (12, "2023-05-11T20:31:00+03:00", "8:31pm", "Operator announces new cuts"),
        (14, "2023-05-11T19:58:00+03:00", "7:58pm", "Mayor asks residents to save power"),
    ]),
    # '11.05am BST' alone on its line: the zone printed after every time
    "2023-05-12-sea-rescue.txt": ("Europe/London", "headings", True, [
        (5, "2023-05-12T11:05:00+01:00", "11.05am", "Boat found, crew safe"),
        (8, "2023-05-12T09:40:00+01:00", "9.40am", "Lifeboat launched"),
        (11, "2023-05-12T07:15:00+01:00", "7.15am", "Fishing boat reported missing"),
    ]),
}


def parse_data(name: str, **kwargs):
    return parse((DATA / name).read_text(encoding="utf-8"), f"content/{name}", **kwargs)


def test_every_data_file_has_expectations():
    assert sorted(p.name for p in DATA.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outlet_dump_parses_with_exact_datetimes(name):
    zone, source, newest_first, entries = EXPECTED[name]
    blog = parse_data(name)
    assert (blog.timezone, blog.timezone_source, blog.newest_first) == (zone, source, newest_first)
    got = [(e.line, e.published.isoformat(), e.time_text, e.headline) for e in blog.entries_as_read]
    assert got == entries
    assert [e.published for e in blog.entries] == sorted(e.published for e in blog.entries)
    assert blog.date.isoformat() == min(iso for _, iso, _, _ in entries)[:10]


def test_site_default_time_zone_does_not_override_a_stated_one():
    blog = parse_data("2023-05-02-harbour-strike.txt", default_timezone="Europe/Paris")
    assert blog.timezone == "America/New_York" and blog.timezone_source == "intro"


def test_headline_less_entries_keep_their_prose_as_first_paragraph():
    blog = parse_data("kyiv-overnight.txt")
    first, second = blog.entries_as_read[:2]
    assert first.headline == "" and second.headline == ""
    assert first.blocks[0].text.startswith("The all-clear was given in the capital shortly after five")
    assert first.blocks[0].line == 6 and len(first.paragraphs) == 2
    assert second.blocks[0].line == 9 and len(second.paragraphs) == 1
    # feeds and the timeline use the first sentence, trimmed
    assert second.title == "Emergency crews were still putting out a fire in a warehouse on the left bank, the mayor said."
    assert first.title.endswith("…") and len(first.title) <= 110
    assert first.anchor == "20230503-0520-the-all-clear-was-given"


def test_false_headings_stay_in_the_paragraphs_of_their_entry():
    blog = parse_data("2023-05-11-power-cuts.txt")
    by_line = {e.line: e for e in blog.entries}
    assert [b.text[:12] for b in by_line[5].blocks] == ["Engineers re", "10:30 was th", "4.5 million "]
    assert [b.line for b in by_line[9].blocks] == [10, 11]
    assert by_line[9].blocks[1].text.startswith("9:40pm - That was when the lights went out")
    [warning] = [w for w in blog.warnings if w.line is not None]
    assert warning.format().splitlines()[0] == (
        "content/2023-05-11-power-cuts.txt:11: warning: a time at the start of this line breaks "
        "the order of the entries; read as a paragraph")
    council = parse_data("2023-05-02-council-vote.txt")
    assert council.entries_as_read[1].blocks[1].text.startswith("10:30 was the deadline")


def test_markdown_title_and_credit():
    summit = parse_data("2023-05-09-summit.md")
    assert summit.title == "Two-day summit opens in the capital"
    assert not any("title" in w.message for w in summit.warnings)
    strike = parse_data("2023-05-02-harbour-strike.txt")
    assert strike.credit.text == "(Reporting by our staff on the waterfront)" and strike.credit.line == 16


# --- every clock style of the issue, in a small newest-first dump of its own ----------------

TIMES = [(20, 17), (17, 39), (4, 0)]  # newest first, 2022-11-10, Europe/Paris (+01:00)
HEADLINES = ["Convoy leaves the city", "Talks end without a deal", "Sirens in the capital"]


def _h12(h, m, ap):
    return f"{h % 12 or 12}:{m:02d}", ("pm" if h >= 12 else "am") if ap == "lower" else ("PM" if h >= 12 else "AM")


STYLES = {
    "8:17pm: Headline": lambda h, m, t: "{0}{1}: {t}".format(*_h12(h, m, "lower"), t=t),
    "8:17 pm: Headline": lambda h, m, t: "{0} {1}: {t}".format(*_h12(h, m, "lower"), t=t),
    "8:17 p.m.: Headline": lambda h, m, t: "{0} {1}.m.: {t}".format(_h12(h, m, "lower")[0], _h12(h, m, "lower")[1][0], t=t),
    "5:39 p.m .: Headline": lambda h, m, t: "{0} {1}.m .: {t}".format(_h12(h, m, "lower")[0], _h12(h, m, "lower")[1][0], t=t),
    "8:17 PM - Headline": lambda h, m, t: "{0} {1} - {t}".format(*_h12(h, m, "upper"), t=t),
    "8:17pm – Headline": lambda h, m, t: "{0}{1} – {t}".format(*_h12(h, m, "lower"), t=t),
    "20:17: Headline": lambda h, m, t: f"{h:02d}:{m:02d}: {t}",
    "20:17 : Headline": lambda h, m, t: f"{h:02d}:{m:02d} : {t}",
    "20.17: Headline": lambda h, m, t: f"{h:02d}.{m:02d}: {t}",
    "20h17: Headline": lambda h, m, t: f"{h:02d}h{m:02d}: {t}",
    "20:17 - Headline": lambda h, m, t: f"{h:02d}:{m:02d} - {t}",
    "20:17 – Headline": lambda h, m, t: f"{h:02d}:{m:02d} – {t}",
    "8:17pm alone, headline below": lambda h, m, t: "{0}{1}\n{t}".format(*_h12(h, m, "lower"), t=t),
    "20:17 alone, headline below": lambda h, m, t: f"{h:02d}:{m:02d}\n{t}",
    "## 8:17pm: Headline": lambda h, m, t: "## {0}{1}: {t}".format(*_h12(h, m, "lower"), t=t),
    "**8:17pm** Headline": lambda h, m, t: "**{0}{1}** {t}".format(*_h12(h, m, "lower"), t=t),
    "**8:17pm:** Headline": lambda h, m, t: "**{0}{1}:** {t}".format(*_h12(h, m, "lower"), t=t),
    "8:17pm Headline (no separator)": lambda h, m, t: "{0}{1} {t}".format(*_h12(h, m, "lower"), t=t),
}


def style_dump(style: str) -> str:
    lines = ["---", "date: 2022-11-10", "timezone: Europe/Paris", "title: Style test", "---",
             "Intro paragraph about the day."]
    for (h, m), headline in zip(TIMES, HEADLINES):
        lines += [STYLES[style](h, m, headline), f"Body of the entry at {h}:{m:02d} in one sentence."]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("style", sorted(STYLES))
def test_clock_style(style):
    blog = parse(style_dump(style), "content/style.txt")
    got = [(e.published.isoformat(), e.headline, len(e.paragraphs)) for e in blog.entries_as_read]
    assert got == [("2022-11-10T20:17:00+01:00", HEADLINES[0], 1),
                   ("2022-11-10T17:39:00+01:00", HEADLINES[1], 1),
                   ("2022-11-10T04:00:00+01:00", HEADLINES[2], 1)]
    assert blog.newest_first and blog.warnings == ()


def test_times_as_printed_are_kept():
    printed = {style: [e.time_text for e in parse(style_dump(style), "s.txt").entries_as_read]
               for style in ("8:17 p.m.: Headline", "5:39 p.m .: Headline", "8:17 PM - Headline",
                             "20:17 : Headline", "20h17: Headline", "20.17: Headline")}
    assert printed == {
        "8:17 p.m.: Headline": ["8:17 p.m.", "5:39 p.m.", "4:00 a.m."],
        "5:39 p.m .: Headline": ["8:17 p.m .", "5:39 p.m .", "4:00 a.m ."],
        "8:17 PM - Headline": ["8:17 PM", "5:39 PM", "4:00 AM"],
        "20:17 : Headline": ["20:17", "17:39", "04:00"],
        "20h17: Headline": ["20h17", "17h39", "04h00"],
        "20.17: Headline": ["20.17", "17.39", "04.00"],
    }


def test_sample_model_still_matches_golden_json_exactly():
    blog = parse(SAMPLE.read_text(encoding="utf-8"), "content/2022-11-10-ukraine-kherson.txt")
    assert blog_dict(blog) == json.loads(GOLDEN.read_text(encoding="utf-8"))
