"""Small hand-written dumps: reading order, midnight crossings, front matter."""

import pytest

from site_gen.errors import ContentError
from site_gen.read.parse import parse


def times(blog):
    return [e.published.isoformat() for e in blog.entries_as_read]


def test_oldest_first_dump():
    text = ("Morning briefing from the storm desk. All times are London time.\n"
            "7:05am: Flood warnings issued for the coast\nThe agency issued 12 warnings.\n"
            "9:40am: Rail services suspended\nTrains between two cities stopped.\n"
            "1:15pm: Winds ease in the west\nGusts fell below 60 mph.\n")
    blog = parse(text, "content/2023-01-16-storm.txt")
    assert blog.newest_first is False
    assert blog.timezone == "Europe/London"
    assert times(blog) == ["2023-01-16T07:05:00+00:00", "2023-01-16T09:40:00+00:00", "2023-01-16T13:15:00+00:00"]
    assert [e.headline for e in blog.entries] == [
        "Flood warnings issued for the coast", "Rail services suspended", "Winds ease in the west"]


def test_midnight_crossing_oldest_first():
    text = ("10:50pm: Polls close\nCounting begins.\n11:40pm: First results\nTurnout is high.\n"
            "0:20am: Challenger concedes\nShe called the winner.\n1:05am: Winner speaks\nHe thanked voters.\n")
    blog = parse(text, "content/2024-05-02-election-night.txt", default_timezone="+01:00")
    assert blog.newest_first is False
    assert times(blog) == ["2024-05-02T22:50:00+01:00", "2024-05-02T23:40:00+01:00",
                           "2024-05-03T00:20:00+01:00", "2024-05-03T01:05:00+01:00"]


def test_midnight_crossing_newest_first_24_hour_clock():
    text = ("02:10: Curfew lifted\nShops may reopen.\n00:45: Storm passes the capital\nWind drops.\n"
            "23:30: Power cut in the north\n40,000 homes affected.\n21:00: Storm makes landfall\nWaves of 8 metres.\n")
    blog = parse(text, "content/2023-09-03-storm.txt", default_timezone="Europe/Paris")
    assert blog.newest_first is True
    assert times(blog) == ["2023-09-04T02:10:00+02:00", "2023-09-04T00:45:00+02:00",
                           "2023-09-03T23:30:00+02:00", "2023-09-03T21:00:00+02:00"]
    assert blog.date.isoformat() == "2023-09-03"
    assert blog.timezone_source == "site default"


def test_no_front_matter_date_and_title_from_file_name_with_warning():
    blog = parse("9:00am: Opening\nText.\n", "content/2022-03-01-budget-day.txt", default_timezone="UTC")
    assert blog.title == "Budget Day"
    assert blog.date.isoformat() == "2022-03-01"
    assert any("guessed 'Budget Day' from the file name" in w.message for w in blog.warnings)


def test_front_matter_with_every_key():
    text = ("---\ntitle: Budget day, live\ndate: 2022-03-01\ntimezone: +05:30\ntags: [Budget, Tax]\n"
            "source: https://news.example/live/budget\nauthor: Example News\nsummary: The budget, line by line.\n"
            "language: en-GB\n---\nIntro line.\n11:00: Speech begins\nThe minister rose.\n12:30: Speech ends\nApplause.\n")
    blog = parse(text, "content/anything.txt")
    assert (blog.title, blog.date.isoformat(), blog.timezone, blog.timezone_source) == (
        "Budget day, live", "2022-03-01", "+05:30", "front matter")
    assert blog.tags == ("Budget", "Tax")
    assert (blog.source_url, blog.author, blog.summary, blog.language) == (
        "https://news.example/live/budget", "Example News", "The budget, line by line.", "en-GB")
    assert times(blog) == ["2022-03-01T11:00:00+05:30", "2022-03-01T12:30:00+05:30"]
    assert [b.line for b in blog.lede] == [11] and blog.entries[0].line == 12
    assert blog.warnings == ()


def test_front_matter_wins_over_the_intro_statement():
    text = "---\ntimezone: Europe/Kyiv\n---\nAll times are Paris time (GMT+1).\n9:00am: A\nB.\n"
    blog = parse(text, "content/2022-11-10-x.txt")
    assert blog.timezone == "Europe/Kyiv"
    assert blog.entries[0].published.isoformat() == "2022-11-10T09:00:00+02:00"


def test_unknown_front_matter_key_names_key_file_and_line():
    text = "---\ntitle: X\ndate: 2022-01-01\ncolour: blue\n---\n9:00am: A\nB.\n"
    with pytest.raises(ContentError) as info:
        parse(text, "content/x.txt")
    d = info.value.first
    assert (d.path, d.line) == ("content/x.txt", 4)
    assert d.message == "unknown front matter key 'colour'"
    assert d.format().startswith("content/x.txt:4: error: unknown front matter key 'colour'")


def test_missing_date_says_how_to_fix_it():
    with pytest.raises(ContentError) as info:
        parse("9:00am: A\nB.\n", "content/undated.txt", default_timezone="UTC")
    d = info.value.first
    assert d.message == "this blog has no date"
    assert "date: YYYY-MM-DD" in d.hint and "2022-11-10-ukraine-kherson.txt" in d.hint


def test_intro_offset_that_disagrees_with_the_city_gives_fixed_offset():
    blog = parse("All times are Paris time (GMT+2).\n9:00am: A\nB.\n", "content/2022-11-10-x.txt")
    assert blog.timezone == "+02:00"
    assert blog.entries[0].published.isoformat() == "2022-11-10T09:00:00+02:00"


def test_no_zone_anywhere_falls_back_to_utc_with_warning():
    blog = parse("9:00am: A\nB.\n", "content/2022-11-10-x.txt")
    assert blog.timezone == "UTC"
    assert any("times are taken as UTC" in w.message for w in blog.warnings)
