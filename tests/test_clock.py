"""Single lines: which are headings, which are date lines, which are neither."""

import datetime as dt

import pytest

from site_gen.read import clock


@pytest.mark.parametrize("line, time_text, minutes, rest", [
    ("8:17pm: Headline", "8:17pm", 20 * 60 + 17, "Headline"),
    ("12:09pm: Noon", "12:09pm", 12 * 60 + 9, "Noon"),
    ("12:40 a.m.: Just after midnight", "12:40 a.m.", 40, "Just after midnight"),
    ("23:13pm: Stray suffix", "23:13pm", 23 * 60 + 13, "Stray suffix"),
    ("8:17 P.M.: Capitals", "8:17 P.M.", 20 * 60 + 17, "Capitals"),
    ("20H17 : Capital h", "20H17", 20 * 60 + 17, "Capital h"),
    ("20:17 — Em dash", "20:17", 20 * 60 + 17, "Em dash"),
    ("20:17:No space", "20:17", 20 * 60 + 17, "No space"),
    ("**8:17pm: Headline**", "8:17pm", 20 * 60 + 17, "Headline"),
    ("*8:17pm* Italic", "8:17pm", 20 * 60 + 17, "Italic"),
    ("## **8:17pm** Both", "8:17pm", 20 * 60 + 17, "Both"),
    ("## 8:17pm: **Bold headline**", "8:17pm", 20 * 60 + 17, "Bold headline"),
    ("9.15am GMT", "9.15am", 9 * 60 + 15, ""),
    ("8:17pm ET: Zone", "8:17pm", 20 * 60 + 17, "Zone"),
])
def test_headings(line, time_text, minutes, rest):
    h = clock.match_heading(line)
    assert (h.time_text, clock.minutes_of_day(h, False), h.rest) == (time_text, (minutes,), rest)


@pytest.mark.parametrize("line", [
    "10:30 was the deadline", "11:00: the time by which troops had to leave", "12.5 million people fled",
    "7.62 NATO rounds were sent", "20.75: Price of a shell", "2:1 was the score", "**8:17pm Unclosed",
    "10.11.2022", "## 10.11.2022", "**10.11.2022**", "At 8:17pm: nothing",
])
def test_not_headings(line):
    assert clock.match_heading(line) is None


@pytest.mark.parametrize("line", ["25:61pm: Bad", "24:10 : Bad", "20h75: Bad", "0:30pm: Bad"])
def test_impossible_times(line):
    with pytest.raises(clock.BadTime):
        clock.match_heading(line)


def test_weak_candidates_and_bare_times():
    weak = clock.match_heading("8:17pm Russia says it will leave")
    assert weak.marked is False and weak.rest == "Russia says it will leave"
    assert clock.minutes_of_day(clock.match_heading("8:17: X"), True) == (8 * 60 + 17, 20 * 60 + 17)
    assert clock.minutes_of_day(clock.match_heading("12:20: X"), True) == (12 * 60 + 20, 20)
    assert not clock.is_bare_twelve_hour(clock.match_heading("08:17: X"))


@pytest.mark.parametrize("line, day_first, month_first", [
    ("Thursday 10 November 2022", "2022-11-10", "2022-11-10"),
    ("Thu 10 Nov 2022", "2022-11-10", "2022-11-10"),
    ("Thursday, November 10, 2022", "2022-11-10", "2022-11-10"),
    ("November 10", "2022-11-10", "2022-11-10"),
    ("10 November", "2022-11-10", "2022-11-10"),
    ("2022-11-10", "2022-11-10", "2022-11-10"),
    ("**Thursday 10 November 2022**", "2022-11-10", "2022-11-10"),
    ("## 10/11/2022", "2022-11-10", "2022-10-11"),
    ("10.11.2022", "2022-11-10", "2022-10-11"),
    ("13/11/2022", "2022-11-13", None),
    ("11/13/2022", None, "2022-11-13"),
])
def test_date_lines(line, day_first, month_first):
    d = clock.match_date_line(line, 2022)
    iso = lambda x: x.isoformat() if x else None  # noqa: E731
    assert (iso(d.day_first), iso(d.month_first)) == (day_first, month_first)


def test_date_line_weekday_and_errors():
    assert clock.match_date_line("Thursday 10 November 2022", None).weekday_matches(dt.date(2022, 11, 10))
    assert not clock.match_date_line("Friday 10 November 2022", None).weekday_matches(dt.date(2022, 11, 10))
    with pytest.raises(ValueError, match="no such day"):
        clock.match_date_line("31 February 2022", None)
    with pytest.raises(ValueError, match="without a year"):
        clock.match_date_line("November 10", None)
    assert clock.match_date_line("Russia says November 10 is the deadline", 2022) is None


@pytest.mark.parametrize("line, rest", [
    ("5:30pm: von der Leyen arrives in Kyiv", "von der Leyen arrives in Kyiv"),
    ("17:30: von der Leyen arrives in Kyiv", "von der Leyen arrives in Kyiv"),
    ("8:17pm - iPhone sales halted", "iPhone sales halted"),
    ("9:05am: de Gaulle's statue moved", "de Gaulle's statue moved"),
])
def test_names_that_start_lower_case_still_make_headings(line, rest):
    heading = clock.match_heading(line)
    assert heading is not None and heading.marked and heading.rest == rest


@pytest.mark.parametrize("line", ["10:30: the deadline passed", "10:30 was the deadline"])
def test_sentences_that_start_with_a_time_are_not_headings(line):
    assert clock.match_heading(line) is None
