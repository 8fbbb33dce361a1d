"""Time-zone statements in an intro, zones printed after the times, and front matter winning."""

import datetime as dt

import pytest

from site_gen.read.parse import parse
from site_gen.timezones import parse_offset, zone_from_intro

NOVEMBER, JULY = dt.date(2022, 11, 10), dt.date(2022, 7, 10)


@pytest.mark.parametrize("text, november, july", [
    ("All times are Paris time (GMT+1).", "Europe/Paris", "+01:00"),
    ("All times are Paris time (GMT+2).", "+02:00", "Europe/Paris"),
    ("Times in GMT.", "UTC", "UTC"),
    ("Follow the day with us (UTC+2)", "+02:00", "+02:00"),
    ("All times are Kyiv time.", "Europe/Kyiv", "Europe/Kyiv"),
    ("Kyiv time (UTC+2)", "Europe/Kyiv", "+02:00"),
    ("All times ET.", "America/New_York", "America/New_York"),
    ("Times are Eastern.", "America/New_York", "America/New_York"),
    ("Live updates (ET)", "America/New_York", "America/New_York"),
    ("All times are GMT+1", "+01:00", "+01:00"),
    ("Times are in UTC+02:00.", "+02:00", "+02:00"),
    ("All times local (UTC+3).", "+03:00", "+03:00"),
    ("Times shown are local time in Kyiv (GMT+2).", "Europe/Kyiv", "+02:00"),
    ("Read our live blog for the latest. All times are Paris time (GMT+1).", "Europe/Paris", "+01:00"),
])
def test_statements(text, november, july):
    assert (zone_from_intro(text, NOVEMBER), zone_from_intro(text, JULY)) == (november, july)


@pytest.mark.parametrize("text", [
    "At times, Ukraine said it would fight on.",
    "The Times reported that London was worried.",
    "The New York Times said the talks had failed.",
    "Many times the United States warned Russia.",
    "The United Kingdom (UK) said it would send more.",
    "At the time, Ukraine said nothing.",
])
def test_sentences_that_state_no_zone(text):
    assert zone_from_intro(text, NOVEMBER) is None


def test_offsets_need_a_sign():
    assert parse_offset("+05:30") == dt.timedelta(hours=5, minutes=30)
    assert parse_offset("UTC−3") == -dt.timedelta(hours=3)
    assert parse_offset("05:00") is None


def _blog(front: str, intro: str, heading: str = "8:17pm: Headline", default=None):
    text = (f"---\n{front}\n---\n" if front else "") + f"{intro}\n{heading}\nBody.\n"
    return parse(text, "2022-11-10-zone.txt", default_timezone=default)


def test_front_matter_wins_over_the_intro_and_the_site_default():
    blog = _blog("timezone: +03:00\ntitle: T", "All times are Paris time (GMT+1).", default="Europe/London")
    assert (blog.timezone, blog.timezone_source) == ("+03:00", "front matter")
    assert blog.entries[0].published.isoformat() == "2022-11-10T20:17:00+03:00"


def test_intro_wins_over_the_site_default():
    blog = _blog("title: T", "Live coverage. Kyiv time.", default="Europe/London")
    assert (blog.timezone, blog.timezone_source) == ("Europe/Kyiv", "intro")
    assert blog.entries[0].published.isoformat() == "2022-11-10T20:17:00+02:00"


def test_zone_printed_after_each_time_comes_after_the_intro():
    blog = _blog("title: T", "Live coverage.", heading="8:17pm ET: Headline", default="Europe/London")
    assert (blog.timezone, blog.timezone_source) == ("America/New_York", "headings")
    assert blog.entries[0].published.isoformat() == "2022-11-10T20:17:00-05:00"
    stated = _blog("title: T", "All times are Kyiv time.", heading="8:17pm ET: Headline")
    assert stated.timezone == "Europe/Kyiv"


def test_no_statement_falls_back_to_the_site_default_then_utc():
    assert _blog("title: T", "Live coverage.", default="Europe/London").timezone_source == "site default"
    blog = _blog("title: T", "Live coverage.")
    assert (blog.timezone, blog.timezone_source) == ("UTC", "default (UTC)")
    assert blog.warnings[0].message == "no time zone stated; times are taken as UTC"
