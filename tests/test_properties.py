"""Property tests (hypothesis) for the parser and the pages.

1. Any text either parses or raises ContentError; never another exception.  Every
   error names the file and a line inside the text (line 1 for a whole-file
   problem: empty, no date; see errors.py).  Warnings name a line inside the text
   or None (a whole-file warning such as "no title given").
2. Whatever parses loses nothing: every non-blank line is in the model or named
   by a warning (accounting.lost_lines is empty).
3. A generated valid dump -> parse -> render its page -> re-read the entries from
   the HTML gives back exactly the entries that were written.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pagescan import read_blog_page
from site_gen.render import views
from site_gen.read.accounting import lost_lines
from site_gen.config import Config
from site_gen.errors import ContentError
from site_gen.read.lines import split_lines
from site_gen.model import Site
from site_gen.read.parse import parse
from site_gen.render.environment import environment

NAME = "content/2022-11-10-generated.txt"
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_parse(text: str, name: str = NAME, zone: str | None = None):
    """Property 1 and 2 for one text; returns the blog or None."""
    count = max(1, len(split_lines(text)))
    try:
        blog = parse(text, name, default_timezone=zone)
    except ContentError as exc:
        assert exc.diagnostics
        for d in exc.diagnostics:
            assert d.path == name
            assert d.severity == "error"
            assert isinstance(d.line, int) and 1 <= d.line <= count, d.format()
            d.format()
        return None
    for w in blog.warnings:
        assert w.line is None or 1 <= w.line <= count, w.format()
    assert lost_lines(text, blog) == []
    assert len({e.anchor for e in blog.entries}) == len(blog.entries)
    assert list(blog.entries) == sorted(blog.entries, key=lambda e: (e.published, e.line))
    return blog


# ---- 1 and 2: any text ------------------------------------------------------------------------

@FAST
@given(st.text())
@example("")
@example("\ufeff")
@example("---")
@example("---\n---")
@example("---\n: :\n---\n8:17pm: x")
@example("8:17pm: x\n\x00\x85\u2028y\r\rz")
@example("1 January 0001\n00:10: a\n23:50: b")
@example("31 December 8999\n23:50: a\n00:10: b\n23:40: c\n00:05: d")
def test_any_text_parses_or_raises_content_error(text):
    check_parse(text)


_TIMES = st.builds(lambda h, m, suffix, sep: f"{h}{sep}{m:02d}{suffix}",
                   st.integers(0, 30), st.integers(0, 70),
                   st.sampled_from(["", "pm", "am", " p.m.", "PM", " a.m .", "h"]),
                   st.sampled_from([":", ".", "h"]))
_LINE = st.one_of(
    st.builds(lambda t, s, rest: f"{t}{s}{rest}", _TIMES, st.sampled_from([": ", " - ", " – ", ":", "", " "]),
              st.text(max_size=40)),
    st.builds(lambda t, rest: f"## {t}: {rest}", _TIMES, st.text(max_size=20)),
    st.builds(lambda t, rest: f"**{t}** {rest}", _TIMES, st.text(max_size=20)),
    st.sampled_from(["Thursday 10 November 2022", "10/11/2022", "November 10", "2022-11-10", "31/02/2022",
                     "1 January 0001", "9 May", "Sept 3rd, 1999", "(FRANCE 24 with AFP)", ">> Related story",
                     ">>", "All times are Paris time (GMT+1).", "Times in GMT", "(UTC+2)", "Kyiv time", "All times ET",
                     "This live page is no longer being updated.", "---", "title: x", "date: 2022-11-10",
                     "timezone: Mars/Base", "tags: [a, b", "", "   ", "\t"]),
    st.text(max_size=60),
)
_ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@FAST
@given(st.lists(_LINE, max_size=25), _ENDINGS, st.sampled_from([NAME, "content/undated.txt", "content/2022-02-30-x.md"]),
       st.sampled_from([None, "Europe/Paris", "+05:30"]))
def test_dump_like_text_parses_or_raises_content_error(lines, ending, name, zone):
    check_parse(ending.join(lines), name, zone)


def test_sample_loses_nothing(sample_text):
    blog = check_parse(sample_text, "content/2022-11-10-ukraine-kherson.txt")
    assert blog is not None and blog.warnings  # the title is guessed from the file name: a warning without a line
    nonblank = [n for n, line in enumerate(sample_text.splitlines(), 1) if line.strip()]
    from site_gen.read.accounting import covered_lines

    assert sorted(covered_lines(blog)) == nonblank  # every line is in the model itself, none only warned


# ---- 3: generated valid dumps round-trip through the page ----------------------------------------

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzKHERSONéüçø", min_size=1, max_size=8)
# Text that Markdown leaves alone, but full of what HTML must escape.
_TOKEN = st.one_of(_WORD, st.text(alphabet="abcxyz<>&\"'’—–-…,.:?()/%#=+$€日本語🙂", min_size=1, max_size=6),
                   st.sampled_from(["<script>alert(1)</script>", "\"onmouseover=\"alert(1)", "]]>", "</p>",
                                    "<!--", "&amp", "AT&T", "a<b", "x>y", "'quoted'", "\"double\""]))
_HEAD_TOKEN = _TOKEN.filter(lambda t: not any(c in t for c in ".!?…"))


# The first word keeps a line from reading as something else ("May 5" is a date line).
_FIRST = st.sampled_from(["Officials", "Kherson", "Troops", "Residents", "Élus", "Kyiv"])


def _sentence(token, low, high):
    return st.builds(lambda first, rest: " ".join([first, *rest]), _FIRST, st.lists(token, min_size=low, max_size=high))


@st.composite
def dumps(draw):
    """A valid dump and the entries a reader must see: (text, file name, expected)."""
    zone = draw(st.sampled_from(["Europe/Paris", "UTC", "America/New_York", "+05:30", "Asia/Kolkata"]))
    day = draw(st.sampled_from([dt.date(2022, 11, 10), dt.date(2022, 3, 27), dt.date(2022, 10, 30), dt.date(2024, 2, 29)]))
    twelve = draw(st.booleans())
    newest_first = draw(st.booleans())
    start = draw(st.integers(0, 13 * 60))
    minutes = sorted(draw(st.sets(st.integers(start, start + 600), min_size=1, max_size=6)))
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["---", "title: Generated", f"date: {day.isoformat()}", f"timezone: '{zone}'", "---"]
        name = "content/generated.txt"
    else:
        lines += ["---", f"timezone: '{zone}'", "---"]
        name = f"content/{day.isoformat()}-generated.txt"
    lede = draw(st.lists(_sentence(_TOKEN, 2, 8), max_size=2))
    notice = draw(st.booleans())
    lines += lede + (["This live page is no longer being updated."] if notice else [])
    entries = []
    for m in (reversed(minutes) if newest_first else minutes):
        h, mi = divmod(m, 60)
        time = f"{(h % 12) or 12}:{mi:02d}{'am' if h < 12 else 'pm'}" if twelve else f"{h:02d}:{mi:02d}"
        headline = draw(_sentence(_HEAD_TOKEN, 1, 6))
        blocks = draw(st.lists(st.tuples(st.sampled_from(["paragraph", "paragraph", "related"]),
                                         _sentence(_TOKEN, 1, 12)), max_size=3))
        if draw(st.booleans()):
            lines.append(f"{time}: {headline}")
        else:
            lines += [time, headline]  # a time alone on its line: the headline is the next one
        for kind, text in blocks:
            lines.append((">> " if kind == "related" else "") + text)
        published = dt.datetime(day.year, day.month, day.day, h, mi, tzinfo=_tz(zone))
        entries.append({"datetime": published.isoformat(), "headline": headline, "blocks": blocks})
    credit = "(Generated with AFP & <Reuters>)" if draw(st.booleans()) else None
    if credit:
        lines.append(credit)
    lines = [line + draw(st.sampled_from(["", "  ", "\t"])) for line in lines]  # trailing spaces
    ending = draw(_ENDINGS)
    separator = ending * draw(st.sampled_from([1, 2]))  # blank lines between paragraphs, or none
    text = ("\ufeff" if draw(st.booleans()) else "") + separator.join(lines) + ending
    expected = {"lede": lede, "notice": "This live page is no longer being updated." if notice else None,
                "credit": credit, "entries": entries}
    return text, name, expected


def _tz(zone):
    if zone.startswith("+"):
        return dt.timezone(dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return ZoneInfo(zone)


ENV = environment(None)
ENV.globals["site_templates"] = None


def render_blog(blog) -> str:
    site = Site(config=Config(), blogs=(blog,))
    return ENV.get_template("blog.html").render(views.blog_page(site, blog))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps())
def test_generated_dump_round_trips_through_its_page(generated):
    text, name, expected = generated
    blog = check_parse(text, name)
    assert blog is not None
    seen = read_blog_page(render_blog(blog))
    got = {"lede": seen["lede"], "notice": seen["notice"], "credit": seen["credit"],
           "entries": [{"datetime": e["datetime"], "headline": e["headline"], "blocks": [list(b) for b in e["blocks"]]}
                       for e in seen["entries"]]}
    want = dict(expected, entries=[dict(e, blocks=[list(b) for b in e["blocks"]]) for e in expected["entries"]])
    assert got == want
    assert [e["anchor"] for e in seen["entries"]] == [e.anchor for e in blog.entries_as_read]


# ---- bytes and inline Markdown -----------------------------------------------------------------

@FAST
@given(st.one_of(st.binary(), st.text().map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.text().map(lambda t: t.encode("utf-16")), st.text().map(lambda t: t.encode("latin-1", "replace"))))
def test_any_bytes_decode_or_raise_content_error_with_a_line(data):
    from site_gen.read.source import decode

    try:
        text = decode(data, NAME)
    except ContentError as exc:
        [d] = exc.diagnostics
        assert d.line is not None and 1 <= d.line <= data.count(b"\n") + 1
        return
    check_parse(text)


_MARKUP = st.lists(st.one_of(
    st.sampled_from(["[", "]", "(", ")", "](", "![", "<", ">", "\"", "'", "&", "#", ";", ":", "\\", "`", "*", "_",
                     "javascript:", "JaVaScRiPt:", "vbscript:", "data:", "&#106;", "&#x6A;", "&colon;", "&amp;",
                     "&Tab;", "\t", " ", "alert(1)", "http://x.org/", "mailto:a@b.c", "<a@b.c>", "<http://x.y>",
                     "onmouseover=", "<script>", "</script>", "<img src=x onerror=alert(1)>", "]]>", "%0a", "%"]),
    st.text(max_size=3)), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_MARKUP)
@example("[x](&#106;avascript:alert(1))")
@example("[x](javascript&colon;alert(1))")
@example("[x](&amp;#106;avascript:alert(1))")
def test_no_inline_text_renders_to_executable_markup(text):
    from pagescan import executable_markup
    from site_gen.render.markup import render_inline

    assert executable_markup(f"<p>{render_inline(text)}</p>") == []
