"""Golden tests on the real FRANCE 24 dump."""

import json
from pathlib import Path

from conftest import SAMPLE
from site_gen.read.parse import parse
from site_gen.commands.serialize import blog_dict

GOLDEN = Path(__file__).parent / "golden" / "2022-11-10-ukraine-kherson.json"
NAME = "content/2022-11-10-ukraine-kherson.txt"

EXPECTED = [  # (datetime, time as printed, paragraphs, related, headline start)
    ("2022-11-11T01:28:00+01:00", "1:28am", 4, 0, "US to buy South Korean howitzer rounds"),
    ("2022-11-10T23:13:00+01:00", "23:13pm", 2, 0, "US to no longer treat Russia as a market economy"),
    ("2022-11-10T22:20:00+01:00", "10:20pm", 3, 0, "Russian troops blow up Kherson TV center"),
    ("2022-11-10T21:14:00+01:00", "9:14pm", 2, 0, "Locals reported 'newly drafted' Russian men"),
    ("2022-11-10T21:07:00+01:00", "9:07pm", 3, 0, "Ukrainian forces advancing 'much faster' in Kherson"),
    ("2022-11-10T20:56:00+01:00", "8:56pm", 5, 0, "Ukraine will seek help from allies to finance Starlink"),
    ("2022-11-10T20:46:00+01:00", "8:46pm", 6, 0, "Russia became more brutal, disciplined under new commander"),
    ("2022-11-10T20:34:00+01:00", "8:34pm", 3, 0, "Ukraine defence chief plays down Russian nuclear strike threat"),
    ("2022-11-10T20:17:00+01:00", "8:17pm", 6, 0, "Russian withdrawal from Kherson to take at least a week"),
    ("2022-11-10T20:04:00+01:00", "8:04pm", 2, 0, "New US weapons package for Ukraine includes Avenger"),
    ("2022-11-10T17:35:00+01:00", "5:35pm", 3, 0, "US sending Ukraine an extra $400 million in military aid"),
    ("2022-11-10T17:23:00+01:00", "5:23pm", 3, 0, "Talks on Ukraine nuclear plant exclusion zone 'very complex'"),
    ("2022-11-10T16:56:00+01:00", "4:56pm", 3, 0, "'Significant Russian rearguard' expected in Kherson retreat"),
    ("2022-11-10T15:45:00+01:00", "3:45pm", 4, 0, "Spain to send two more air defence systems to Ukraine"),
    ("2022-11-10T12:09:00+01:00", "12:09pm", 3, 0, "Ukrainian forces advance in south, capture 12 settlements"),
    ("2022-11-10T10:58:00+01:00", "10:58am", 3, 0, "Zelensky adviser says Russia has mined Kherson"),
    ("2022-11-10T10:47:00+01:00", "10:47am", 2, 0, "Ukrainian troops claim recapture of town in Mykolaiv region"),
    ("2022-11-10T09:15:00+01:00", "9:15am", 6, 1, "Russia ‘likely’ committed crimes against humanity"),
]


def sample_blog():
    return parse(SAMPLE.read_text(encoding="utf-8"), NAME)


def test_model_matches_golden_json_exactly():
    assert blog_dict(sample_blog()) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_eighteen_entries_with_exact_times_headlines_and_paragraph_counts():
    blog = sample_blog()
    got = [(e.published.isoformat(), e.time_text, len(e.paragraphs), len(e.related), e.headline)
           for e in blog.entries_as_read]
    assert len(got) == 18
    for (iso, printed, paras, related, headline), want in zip(got, EXPECTED):
        assert (iso, printed, paras, related) == want[:4]
        assert headline.startswith(want[4])


def test_reading_order_and_dates():
    blog = sample_blog()
    assert blog.newest_first is True
    assert blog.date.isoformat() == "2022-11-10"  # day of the oldest entry
    assert [e.published for e in blog.entries] == sorted(e.published for e in blog.entries)
    assert blog.timezone == "Europe/Paris" and blog.timezone_source == "intro"


def test_lede_notice_related_and_credit_in_their_places():
    blog = sample_blog()
    assert len(blog.lede) == 1 and blog.lede[0].line == 1
    assert blog.lede[0].text.startswith("Ukraine retook dozens of villages")
    assert blog.lede[0].text.endswith("All times are Paris time (GMT+1).")
    assert blog.notice.line == 2 and blog.notice.text.startswith("This live page is no longer being updated.")
    assert blog.credit.text == "(FRANCE 24 with AFP, AP and Reuters)" and blog.credit.line == 85
    last = blog.entries[0]  # 9:15am, the oldest
    assert last.blocks[-1].text.startswith("The transfers \"amounted to war crimes")
    assert [b.kind for b in last.blocks].count("related") == 1
    related = last.related[0]
    assert related.text == "Ukrainians flee occupied territories through Russian 'filtration' checks"
    assert related.line == 81
    assert last.blocks.index(related) == 3


def test_noon_and_stray_suffix_quirks():
    by_text = {e.time_text: e for e in sample_blog().entries}
    assert by_text["12:09pm"].published.hour == 12
    assert by_text["23:13pm"].published.strftime("%Y-%m-%d %H:%M") == "2022-11-10 23:13"
    assert by_text["1:28am"].published.strftime("%Y-%m-%d %H:%M") == "2022-11-11 01:28"


def test_split_quote_paragraphs_stay_two_paragraphs():
    noon = next(e for e in sample_blog().entries if e.time_text == "12:09pm")
    assert [p.text[:20] for p in noon.paragraphs] == [
        "Ukrainian forces hav", '"We can\'t yet confir', "We continue to condu"]


def test_every_non_blank_line_is_in_the_model():
    blog = sample_blog()
    covered = {b.line for b in blog.lede} | {blog.notice.line, blog.credit.line}
    for e in blog.entries:
        covered.add(e.line)
        covered.update(b.line for b in e.blocks)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert covered == {i for i, line in enumerate(lines, 1) if line.strip()}
