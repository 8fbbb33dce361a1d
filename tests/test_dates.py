"""Dates: date lines in many languages, years across New Year, and a blog's date when it prints none."""

import datetime as dt

import pytest

from site_gen.errors import ContentError
from site_gen.read import dates
from site_gen.read.parse import parse


@pytest.mark.parametrize("line, day", [
    ("jeudi 10 novembre 2022", "2022-11-10"),
    ("Donnerstag, 10. November 2022", "2022-11-10"),
    ("10 de noviembre de 2022", "2022-11-10"),
    ("quinta-feira, 10 de novembro de 2022", "2022-11-10"),
    ("giovedì 10 novembre 2022", "2022-11-10"),
    ("donderdag 10 november 2022", "2022-11-10"),
    ("czwartek, 10 listopada 2022", "2022-11-10"),
    ("Nov. 6, 2020", "2020-11-06"),
    ("Thurs 10 Nov 2022", "2022-11-10"),
    ("18.12.2025", "2025-12-18"),
    ("11 10 2008", "2008-10-11"),
])
def test_date_lines_in_many_languages(line, day):
    assert dates.match_date_line(line).day_first.isoformat() == day


@pytest.mark.parametrize("line", ["Russia says November 10 is the deadline", "12 people", "5 Uhr", "Kherson 12"])
def test_lines_that_are_not_dates(line):
    assert dates.match_date_line(line) is None


def test_a_weekday_in_another_language_is_checked():
    assert dates.match_date_line("vendredi 10 novembre 2022").weekday_matches(dt.date(2022, 11, 10)) is False


def test_a_date_written_inside_the_intro():
    assert dates.find_date("Last Updated: Thursday, 7 July, 2005, 20:19 GMT 21:19 UK") == dt.date(2005, 7, 7)
    assert dates.find_date("Mis à jour le 06.05.2012 368 Commentaires") == dt.date(2012, 5, 6)
    assert dates.find_date("No date, only 20:19 and 2005") is None


def _when(blog):
    return [e.published.strftime("%Y-%m-%d %H:%M") for e in sorted(blog.entries, key=lambda e: e.line)]


def test_date_lines_without_a_year_cross_new_year_oldest_first():
    text = ("---\ntitle: T\ntimezone: UTC\n---\nIntro.\n31 December\n23:50 - Crowds gather\nA.\n"
            "1 January\n00:05 - Fireworks\nB.\n2 January\n09:00 - Clean-up\nC.\n")
    assert _when(parse(text, "content/2022-12-31-eve.txt")) == ["2022-12-31 23:50", "2023-01-01 00:05",
                                                                "2023-01-02 09:00"]


def test_date_lines_without_a_year_cross_new_year_newest_first():
    text = ("---\ntitle: T\ntimezone: UTC\n---\nIntro.\n1er janvier\n00:05 - Feux d'artifice\nA.\n"
            "31 décembre\n23:50 - La foule se rassemble\nB.\n")
    assert _when(parse(text, "content/2022-12-31-reveillon.txt")) == ["2023-01-01 00:05", "2022-12-31 23:50"]


def test_a_dump_that_prints_no_date_takes_the_file_day_with_one_warning():
    text = "---\ntitle: T\ntimezone: UTC\n---\n20:25 - Counting ends\nThe commission gave the figures.\n"
    blog = parse(text, "content/results.txt", file_date=dt.date(2019, 10, 14))
    assert _when(blog) == ["2019-10-14 20:25"] and blog.date_source == "file's modification day"
    assert [w.format() for w in blog.warnings] == [
        "content/results.txt: warning: this blog prints no date; its entries are dated by the file's "
        "modification day, 2019-10-14\n    hint: add 'date: YYYY-MM-DD' (the day of the oldest entry) in front matter"]
    with pytest.raises(ContentError, match="this blog has no date"):  # parse alone, with no file: still an error
        parse(text, "content/results.txt")


def test_a_date_in_the_intro_dates_the_blog_before_the_file_day():
    text = ("BBC News\nLast Updated: Thursday, 7 July, 2005, 20:19 GMT\nA timetable of the day:\n"
            "2103: The minister is back at the hotel after a long day in the city and will dine late.\n"
            "1915: Officials say the statement on trade will now come on Friday, not tonight.\n")
    blog = parse(text, "content/g8.txt", default_timezone="Europe/London", file_date=dt.date(2030, 1, 1))
    assert _when(blog) == ["2005-07-07 21:03", "2005-07-07 19:15"]
    assert blog.date_source == "date in the intro (line 2)" and not any("no date" in w.message for w in blog.warnings)


def test_date_lines_need_no_file_day():
    text = "---\ntitle: T\ntimezone: UTC\n---\nNov. 6, 2020\n11:35 a.m.\nBallots still to count\nText.\n"
    blog = parse(text, "content/count.txt", file_date=dt.date(2030, 1, 1))
    assert _when(blog) == ["2020-11-06 11:35"] and blog.warnings == ()
