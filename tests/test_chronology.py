"""Reading order, days, date lines, 12-hour times, false headings and clear failures."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE, run_cli, write_site
from site_gen.errors import ContentError
from site_gen.read.parse import parse


def dump(*lines, front="date: 2022-11-10\ntimezone: Europe/Paris\ntitle: T"):
    head = f"---\n{front}\n---\n" if front else ""
    return head + "\n".join(lines) + "\n"


def when(blog):
    """(time as printed, local datetime) in the order of the file."""
    return [(e.time_text, e.published.strftime("%Y-%m-%d %H:%M%z")) for e in sorted(blog.entries, key=lambda e: e.line)]


def messages(blog):
    return [w.format().splitlines()[0] for w in blog.warnings]


# --- reading order ------------------------------------------------------------------------

def test_oldest_first_dump_is_recognised():
    blog = parse(dump("Intro.", "09:15: One", "a", "10:47: Two", "b", "12:09: Three", "c", "23:50: Four", "d",
                      "00:20: Five", "e"), "x.txt")
    assert blog.newest_first is False
    assert when(blog) == [("09:15", "2022-11-10 09:15+0100"), ("10:47", "2022-11-10 10:47+0100"),
                          ("12:09", "2022-11-10 12:09+0100"), ("23:50", "2022-11-10 23:50+0100"),
                          ("00:20", "2022-11-11 00:20+0100")]


def test_newest_first_dump_crossing_midnight_counts_back_from_the_oldest_day():
    blog = parse(dump("Intro.", "1:28am: Late", "a", "23:13pm: Stray suffix", "b", "10:20pm: Evening", "c"), "x.txt")
    assert blog.newest_first is True
    assert when(blog) == [("1:28am", "2022-11-11 01:28+0100"), ("23:13pm", "2022-11-10 23:13+0100"),
                          ("10:20pm", "2022-11-10 22:20+0100")]


def test_small_step_against_the_order_is_a_warning_and_stays_on_the_same_day():
    blog = parse(dump("Intro.", "9:14pm: A", "a", "8:56pm: B", "b", "9:07pm: C", "c", "8:17pm: D", "d"), "x.txt")
    assert when(blog)[2] == ("9:07pm", "2022-11-10 21:07+0100")
    assert messages(blog) == ["x.txt:11: warning: entry at 9:07pm goes against the order of the entries "
                              "(newest first) by 11 minutes"]


# --- 12-hour times without am/pm --------------------------------------------------------

def test_bare_twelve_hour_times_newest_first_across_noon():
    blog = parse(dump("Intro.", "8:17: A", "a", "5:10: B", "b", "12:30: C", "c", "11:45: D", "d", "9:00: E", "e"), "x.txt")
    assert [t for _, t in when(blog)] == ["2022-11-10 20:17+0100", "2022-11-10 17:10+0100", "2022-11-10 12:30+0100",
                                          "2022-11-10 11:45+0100", "2022-11-10 09:00+0100"]


def test_bare_twelve_hour_times_across_midnight_oldest_first():
    blog = parse(dump("Intro.", "9:00: A", "a", "11:50: B", "b", "12:20: C", "c", "2:05: D", "d"), "x.txt")
    assert [t for _, t in when(blog)] == ["2022-11-10 09:00+0100", "2022-11-10 11:50+0100", "2022-11-10 12:20+0100",
                                          "2022-11-10 14:05+0100"]
    night = parse(dump("Intro.", "10:40pm: A", "a", "11:50: B", "b", "12:20: C", "c", "1:05am: D", "d"), "x.txt")
    assert [t for _, t in when(night)] == ["2022-11-10 22:40+0100", "2022-11-10 23:50+0100",
                                           "2022-11-11 00:20+0100", "2022-11-11 01:05+0100"]


def test_times_with_a_leading_zero_or_past_twelve_are_24_hour():
    blog = parse(dump("Intro.", "08:17: A", "a", "09:10: B", "b", "11:00: C", "c"), "x.txt")
    assert [t for _, t in when(blog)] == ["2022-11-10 08:17+0100", "2022-11-10 09:10+0100", "2022-11-10 11:00+0100"]


# --- date lines ---------------------------------------------------------------------------

def test_date_lines_with_weekday_newest_first_over_two_days():
    blog = parse(dump("Intro.", "Friday 11 November 2022", "1:05am: A", "a", "Thursday 10 November 2022",
                      "11:50pm: B", "b", "9:15am: C", "c", front="timezone: Europe/Paris\ntitle: T"), "x.txt")
    assert blog.newest_first is True and blog.warnings == ()
    assert [t for _, t in when(blog)] == ["2022-11-11 01:05+0100", "2022-11-10 23:50+0100", "2022-11-10 09:15+0100"]


def test_date_lines_day_first_and_month_day_without_year():
    numeric = parse(dump("Intro.", "10/11/2022", "09:00: A", "a", "11/11/2022", "08:00: B", "b", front=None), "x.txt")
    assert numeric.newest_first is False
    assert [e.published.isoformat() for e in numeric.entries] == ["2022-11-10T09:00:00+00:00", "2022-11-11T08:00:00+00:00"]
    named = parse(dump("Intro.", "November 11", "8:00am: A", "a", "November 10", "9:00pm: B", "b"), "x.txt")
    assert [e.published.isoformat() for e in named.entries_as_read] == ["2022-11-11T08:00:00+01:00",
                                                                         "2022-11-10T21:00:00+01:00"]


def test_a_date_line_without_year_needs_a_known_year():
    with pytest.raises(ContentError) as exc:
        parse("Intro.\nNovember 10\n8:00am: A\na\n", "notes.txt")
    assert exc.value.first.format().splitlines()[0] == (
        "notes.txt:2: error: date line 'November 10': a date line without a year needs a 'date:' in front "
        "matter or a dated file name")


def test_numeric_date_lines_read_month_first_when_one_of_them_must_be():
    blog = parse(dump("All times ET.", "11/12/2022", "9:00am: A", "a", "11/13/2022", "9:00am: B", "b", front=None), "x.txt")
    assert [e.published.date().isoformat() for e in blog.entries] == ["2022-11-12", "2022-11-13"]


def test_numeric_date_lines_that_read_both_ways_follow_the_file_date():
    blog = parse(dump("Intro.", "11/10/2022", "9:00am: A", "a", "11/11/2022", "9:00am: B", "b", front=None),
                 "2022-11-10-x.txt")
    assert [e.published.date().isoformat() for e in blog.entries] == ["2022-11-10", "2022-11-11"]
    day_first = parse(dump("Intro.", "11/10/2022", "9:00am: A", "a", "12/10/2022", "9:00am: B", "b", front=None), "x.txt")
    assert [e.published.date().isoformat() for e in day_first.entries] == ["2022-10-11", "2022-10-12"]


def test_headings_before_the_first_date_line_are_counted_from_it():
    blog = parse(dump("Intro.", "08:00: Newest", "a", "09/11/2022", "22:00: Late", "b", "07:00: Early", "c",
                      front="timezone: Europe/Kyiv\ntitle: T"), "x.txt")
    assert [t for _, t in when(blog)] == ["2022-11-10 08:00+0200", "2022-11-09 22:00+0200", "2022-11-09 07:00+0200"]


def test_weekday_that_does_not_match_and_date_that_disagrees_with_the_file_name_are_warned():
    blog = parse(dump("Intro.", "Thursday 11 November 2022", "9:00am: A", "a", front=None), "2022-11-10-x.txt")
    assert blog.entries[0].published.date().isoformat() == "2022-11-11"
    assert "2022-11-10-x.txt:2: warning: 11 November 2022 is a Friday, not a Thursday" in messages(blog)
    assert ("2022-11-10-x.txt: warning: the file name gives 2022-11-10, but by the date lines the oldest entry "
            "is on 2022-11-11") in messages(blog)


def test_daylight_saving_change_inside_a_blog():
    blog = parse(dump("Intro.", "Sunday 26 March 2023", "01:30: Before", "a", "03:15: After", "b",
                      front="timezone: Europe/Paris\ntitle: T"), "x.txt")
    assert [e.published.isoformat() for e in blog.entries] == ["2023-03-26T01:30:00+01:00", "2023-03-26T03:15:00+02:00"]


# --- false headings -----------------------------------------------------------------------

FALSE_STARTS = [
    "10:30 was the deadline for the talks, officials said.",
    "12.5 million people live in the region.",
    "7.62 NATO rounds were part of the package.",
    "3:15 - the hour when the sirens started - was the earliest yet.",
    "11:00: the time by which troops had to leave, Kyiv said.",
]


def test_lines_starting_with_a_time_inside_a_sentence_never_become_entries():
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    before = parse("\n".join(lines), "2022-11-10-ukraine-kherson.txt")
    salted = []
    for line in lines:
        salted.append(line)
        if line[:1].isdigit() and ":" in line[:8]:
            salted.extend(FALSE_STARTS)
    after = parse("\n".join(salted), "2022-11-10-ukraine-kherson.txt")
    assert [(e.anchor, e.published) for e in after.entries] == [(e.anchor, e.published) for e in before.entries]
    assert all(len(a.paragraphs) == len(b.paragraphs) + len(FALSE_STARTS)
               for a, b in zip(after.entries_as_read, before.entries_as_read))
    assert [w for w in after.warnings if w.line] == []


def test_a_candidate_in_another_style_that_breaks_the_order_is_read_as_a_paragraph():
    blog = parse(dump("Intro.", "8:46pm: Russia became more brutal", "a", "9:30pm - That was when the convoy "
                      "finally left the city, witnesses said.", "8:34pm: Defence chief plays down threat", "b",
                      "8:17pm: Withdrawal to take a week", "c"), "x.txt")
    assert [e.time_text for e in blog.entries_as_read] == ["8:46pm", "8:34pm", "8:17pm"]
    assert blog.entries_as_read[0].blocks[1].text.startswith("9:30pm - That was when")
    assert messages(blog) == ["x.txt:9: warning: a time at the start of this line breaks the order of the "
                              "entries; read as a paragraph"]


def test_weak_candidates_in_a_dump_with_separators_are_paragraphs():
    blog = parse(dump("Intro.", "8:46pm: A", "8:40pm Kyiv time is when the sirens began.", "8:34pm: B", "b"), "x.txt")
    assert [e.time_text for e in blog.entries_as_read] == ["8:46pm", "8:34pm"]
    assert blog.entries_as_read[0].blocks[0].text == "8:40pm Kyiv time is when the sirens began."


def test_a_number_with_a_dot_is_not_an_impossible_time_but_a_colon_time_is():
    blog = parse(dump("Intro.", "20.75: Price of the new shells in dollars", "8:00pm: A", "a"), "x.txt")
    assert blog.lede[-1].text.startswith("20.75:")
    with pytest.raises(ContentError) as exc:
        parse(dump("Intro.", "25:61pm: Bad", "a"), "x.txt")
    assert exc.value.first.format().splitlines()[0] == 'x.txt:7: error: time "25:61pm" is not a clock time'


# --- clear failure ------------------------------------------------------------------------

NO_HEADINGS = "Ukraine says talks are off.\n10:30 was the deadline for an answer.\nMore later.\nAnd more.\n"


def test_a_dump_without_any_heading_is_an_error_quoting_its_first_lines():
    with pytest.raises(ContentError) as exc:
        parse(NO_HEADINGS, "content/2022-11-10-notes.txt")
    assert exc.value.first.format() == (
        "content/2022-11-10-notes.txt:1: error: no entry heading found in this file; it begins:\n"
        "    Ukraine says talks are off.\n"
        "    10:30 was the deadline for an answer.\n"
        "    More later.\n"
        "    hint: an entry starts with a line such as '8:17pm: Russian withdrawal from Kherson to take at least "
        "a week' (or '20:17:', '8:17 p.m. -', or the time alone on its line with the headline on the next)")


def test_a_dump_without_any_heading_fails_the_build(tmp_path):
    write_site(tmp_path, {"content/2022-11-10-notes.txt": NO_HEADINGS})
    result = run_cli("build", "--content", "content", "--out", "build", cwd=tmp_path)
    assert result.returncode == 1
    assert "content/2022-11-10-notes.txt:1: error: no entry heading found in this file; it begins:" in result.stderr
    assert "    10:30 was the deadline for an answer." in result.stderr
    assert not (tmp_path / "build").exists()


# --- robustness of the chronology -----------------------------------------------------------

PIECES = st.sampled_from([
    "8:17pm: Headline", "20:17 :", "20h17 Headline", "10:30 was the deadline", "Thursday 10 November 2022",
    "10/11/2022", "13/11/2022", "11/13/2022", "November 10", "31/02/2022", "Text paragraph.", "",
    "**8:17pm** Bold", "## 9:00: Nine", "12:30", "1:00", "11:59", "Times in GMT", "(UTC+2)", ">> Related",
    "A long sentence of prose that goes on for a while and ends with a full stop, as paragraphs do.",
    "# Title", "9.15am GMT", "8:17pm ET: Zone", "12:00am: Midnight", "0:00: Zero", "Thu 11 November 2022"])


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(PIECES, max_size=14), st.sampled_from(["2022-11-10-a.txt", "a.txt"]))
def test_any_mix_of_headings_and_date_lines_parses_or_raises_content_error(lines, name):
    try:
        blog = parse("\n".join(lines), name)
    except ContentError as exc:
        assert exc.diagnostics
        return
    assert [e.published for e in blog.entries] == sorted(e.published for e in blog.entries)
    assert len({e.anchor for e in blog.entries}) == len(blog.entries)


def test_crossing_midnight_under_one_date_line_is_warned():
    blog = parse(dump("Intro.", "Thursday 10 November 2022", "9:00pm: A", "a", "11:30pm: B", "b", "0:40am: C", "c",
                      front="timezone: Europe/Paris\ntitle: T"), "x.txt")
    assert [t for _, t in when(blog)] == ["2022-11-10 21:00+0100", "2022-11-10 23:30+0100", "2022-11-11 00:40+0100"]
    assert messages(blog) == ["x.txt:11: warning: entry at 0:40am crosses midnight under the same date line as "
                              "the entry before it"]


def test_a_heading_whose_time_would_add_a_day_between_its_neighbours_is_kept_on_their_day():
    blog = parse(dump("Intro.", "5:02am: A", "a", "10:30pm: Lights out in the east", "b", "4:58am: C", "c",
                      "4:40am: D", "d"), "x.txt")
    assert when(blog) == [("5:02am", "2022-11-10 05:02+0100"), ("10:30pm", "2022-11-10 22:30+0100"),
                          ("4:58am", "2022-11-10 04:58+0100"), ("4:40am", "2022-11-10 04:40+0100")]
    assert messages(blog) == ["x.txt:9: warning: entry at 10:30pm is out of order with the entries around it"]


def test_a_candidate_in_another_style_that_would_add_a_day_is_read_as_a_paragraph():
    blog = parse(dump("Intro.", "5:02am: A", "a", "10:30pm - Lights out", "4:58am: C", "c", "4:40am: D", "d"), "x.txt")
    assert [t for _, t in when(blog)] == ["2022-11-10 05:02+0100", "2022-11-10 04:58+0100", "2022-11-10 04:40+0100"]
    assert blog.entries_as_read[0].blocks[-1].text == "10:30pm - Lights out"
    assert messages(blog) == ["x.txt:9: warning: a time at the start of this line breaks the order of the "
                              "entries; read as a paragraph"]


def test_a_heading_that_lost_its_separator_is_a_paragraph_with_a_warning():
    blog = parse(dump("Intro.", "8:46pm: A", "a", "8:40pm Russia says the convoy left", "8:34pm: B", "b",
                      "9:30pm Kyiv time is when the talks begin", "8:10pm: C", "c", "8:05pm: D", "d"), "x.txt")
    assert [e.time_text for e in blog.entries_as_read] == ["8:46pm", "8:34pm", "8:10pm", "8:05pm"]
    assert messages(blog) == [
        "x.txt:9: warning: this line starts with a time (8:40pm) that fits between the entries around it, "
        "but has no ':' or dash after the time; read as a paragraph"]
