"""Bad input: one test per kind, each asserting the exact message and the file:line it names.

The first few go through the real command line, as a user would meet them; the
rest call the parser and the reader directly (same messages, faster).
"""

from __future__ import annotations

import pytest

from conftest import run_cli
from site_gen.errors import ContentError
from site_gen.read.parse import parse
from site_gen.read.source import decode, read_dump

NAME = "content/2022-11-10-kherson.txt"
GOOD_BODY = "All times are Paris time (GMT+1).\n8:17pm: Russian withdrawal from Kherson\nIt will take a week.\n"
HEADING_HINT = ("    hint: a dump holds entries whose headings look like "
                "'8:17pm: Russian withdrawal from Kherson to take at least a week'")
FRONT_MATTER_HINT = ("    hint: front matter looks like:\n---\ntitle: Kherson retreat\ndate: 2022-11-10\n"
                     "timezone: Europe/Paris\n---")


def messages(text: str, name: str = NAME) -> list[str]:
    """Every diagnostic of a dump that does not parse, as printed."""
    with pytest.raises(ContentError) as caught:
        parse(text, name)
    assert all(d.severity == "error" for d in caught.value.diagnostics)
    return [d.format() for d in caught.value.diagnostics]


def cli_errors(tmp_path, files: dict[str, str | bytes]) -> tuple[int, str]:
    for rel, data in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    result = run_cli("build", cwd=tmp_path)
    assert not (tmp_path / "build").exists()
    return result.returncode, result.stderr


# ---- through the command line ---------------------------------------------------------------

def test_cli_other_encoding_names_file_line_and_byte_position(tmp_path):
    data = "Intro line.\n8:17pm: Kherson\nLe pr\u00e9sident a parl\u00e9.\n".encode("windows-1252")
    code, err = cli_errors(tmp_path, {"content/2022-11-10-kherson.txt": data})
    assert code == 1
    assert err == ("content/2022-11-10-kherson.txt:3: error: not UTF-8 text: byte 0xe9 at byte position 33 "
                   "cannot be decoded\n"
                   "    hint: save the file as UTF-8 (e.g. iconv -f windows-1252 -t utf-8)\n"
                   "site-gen: 1 error; nothing was written\n")


def test_cli_binary_file(tmp_path):
    code, err = cli_errors(tmp_path, {"content/photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    assert code == 1
    assert err == ("content/photo.txt:1: error: this looks like a binary file, not a text dump\n"
                   "    hint: remove it from the content folder\n"
                   "site-gen: 1 error; nothing was written\n")


def test_cli_empty_file(tmp_path):
    code, err = cli_errors(tmp_path, {"content/2022-11-10-empty.txt": ""})
    assert code == 1
    assert err == ("content/2022-11-10-empty.txt:1: error: the file is empty\n"
                   + HEADING_HINT + "\nsite-gen: 1 error; nothing was written\n")


def test_cli_impossible_time(tmp_path):
    code, err = cli_errors(tmp_path, {"content/2022-11-10-kherson.txt": GOOD_BODY + "\n25:61pm: Later\nText.\n"})
    assert code == 1
    assert err == ('content/2022-11-10-kherson.txt:5: error: time "25:61pm" is not a clock time\n'
                   "    25:61pm: Later\n"
                   "    hint: write hours 0-23 (or 1-12 with am/pm) and minutes 00-59\n"
                   "site-gen: 1 error; nothing was written\n")


def test_cli_unknown_time_zone(tmp_path):
    code, err = cli_errors(tmp_path, {"content/2022-11-10-kherson.txt":
                                      "---\ntitle: Kherson\ntimezone: Europe/Kherson-Oblast\n---\n" + GOOD_BODY})
    assert code == 1
    assert err == ("content/2022-11-10-kherson.txt:3: error: unknown time zone 'Europe/Kherson-Oblast'\n"
                   "    hint: use an IANA name such as Europe/Paris, or an offset such as +01:00\n"
                   "site-gen: 1 error; nothing was written\n")


# ---- reading bytes ----------------------------------------------------------------------------

def test_utf16_file_is_named_as_such():
    with pytest.raises(ContentError) as caught:
        decode("8:17pm: Kherson\n".encode("utf-16"), NAME)
    assert caught.value.first.format() == (f"{NAME}:1: error: the file is UTF-16 text, not UTF-8\n"
                                           "    hint: save it as UTF-8 (e.g. iconv -f UTF-16 -t utf-8)")


def test_invalid_byte_on_first_line():
    with pytest.raises(ContentError) as caught:
        decode(b"\xff\xfeabc", NAME)  # UTF-16 BOM
    assert caught.value.first.line == 1
    with pytest.raises(ContentError) as caught:
        decode(b"abc \x80 def\n", NAME)
    assert caught.value.first.format().splitlines()[0] == (
        f"{NAME}:1: error: not UTF-8 text: byte 0x80 at byte position 4 cannot be decoded")


def test_unreadable_file(tmp_path):
    with pytest.raises(ContentError) as caught:
        read_dump(tmp_path / "gone.txt", "content/gone.txt")
    assert caught.value.first.format() == ("content/gone.txt: error: cannot read this file: No such file or directory\n"
                                           "    hint: check that it exists and that you may read it")


# ---- the text of a dump ---------------------------------------------------------------------

def test_blank_file_is_empty():
    assert messages(" \n\t\n\n") == [f"{NAME}:1: error: the file is empty\n" + HEADING_HINT]


def test_front_matter_only():
    assert messages("---\ntitle: Kherson\n---\n\n") == [
        f"{NAME}:1: error: the file has no text after its front matter\n" + HEADING_HINT]


def test_no_recognisable_entry_quotes_the_first_lines():
    text = "\nRussia ordered a retreat.\nUkraine is cautious.\nMore text here.\nAnd more.\n"
    assert messages(text) == [
        f"{NAME}:2: error: no entry heading found in this file; it begins:\n"
        "    Russia ordered a retreat.\n    Ukraine is cautious.\n    More text here.\n"
        "    hint: an entry starts with a line such as '8:17pm: Russian withdrawal from Kherson to take at "
        "least a week' (or '20:17:', '8:17 p.m. -', or the time alone on its line with the headline on the next)"]


@pytest.mark.parametrize("time", ["25:61pm", "24:00", "12:60", "0:15pm"])
def test_impossible_times(time):
    assert messages(f"{GOOD_BODY}{time}: Later\n")[0].splitlines()[0] == (
        f'{NAME}:4: error: time "{time}" is not a clock time')


def test_bad_date_in_front_matter():
    assert messages("---\ndate: 2022-13-45\n---\n" + GOOD_BODY) == [
        f"{NAME}:2: error: front matter 'date': '2022-13-45' is not a date; write it as YYYY-MM-DD\n"
        "    date: 2022-13-45"]


def test_date_and_time_in_front_matter_date():
    assert messages("---\ntitle: x\ndate: 2022-11-10 20:17\n---\n" + GOOD_BODY)[0].splitlines()[0] == (
        f"{NAME}:3: error: front matter 'date': '2022-11-10 20:17' is not a date; write it as YYYY-MM-DD")


def test_impossible_date_line():
    assert messages(GOOD_BODY + "31 February 2022\n9:00pm: Later\n") == [
        f"{NAME}:4: error: date line '31 February 2022': no such day\n    31 February 2022\n"
        "    hint: write a real day; numeric dates are day first (10/11/2022 is 10 November)"]


def test_date_line_out_of_range():
    assert messages("1 January 0001\n" + GOOD_BODY)[0].splitlines()[0] == (
        f"{NAME}:1: error: date line '1 January 0001': the year is out of range")


def test_bad_date_in_file_name():
    assert messages(GOOD_BODY, "content/2022-02-30-kherson.txt") == [
        "content/2022-02-30-kherson.txt:1: error: the file name starts with '2022-02-30', which is not a date\n"
        "    hint: use a real day, YYYY-MM-DD, years 1000 to 9000"]


def test_no_date_says_how_to_add_one():
    assert messages(GOOD_BODY, "content/kherson.txt") == [
        "content/kherson.txt:1: error: this blog has no date\n"
        "    hint: add 'date: YYYY-MM-DD' (the day of the oldest entry) in front matter, or start the file "
        "name with it: 2022-11-10-ukraine-kherson.txt"]


def test_date_line_without_year_and_no_date():
    assert messages("November 10\n" + GOOD_BODY, "content/kherson.txt")[0].splitlines()[0] == (
        "content/kherson.txt:1: error: date line 'November 10': a date line without a year needs a 'date:' "
        "in front matter or a dated file name")


def test_unclosed_front_matter():
    assert messages("---\ntitle: Kherson\n" + GOOD_BODY) == [
        f"{NAME}:1: error: front matter starts with '---' but has no closing '---'\n    ---\n"
        "    hint: end the front matter with a line holding only '---'"]


def test_front_matter_not_yaml():
    assert messages("---\ntitle: Kherson\ntags: [a, b\n---\n" + GOOD_BODY) == [
        f"{NAME}:3: error: front matter is not valid YAML: expected ',' or ']', but got '<stream end>'\n"
        "    tags: [a, b\n" + FRONT_MATTER_HINT]


def test_front_matter_not_a_mapping():
    assert messages("---\n- title\n- date\n---\n" + GOOD_BODY) == [
        f"{NAME}:2: error: front matter must be 'key: value' lines\n    - title\n" + FRONT_MATTER_HINT]


def test_front_matter_nested_too_deeply_is_an_error_not_a_crash():
    assert messages("---\ntitle: " + "[" * 600 + "\n---\n" + GOOD_BODY)[0].splitlines()[0] == (
        f"{NAME}:2: error: front matter is not valid YAML: nested too deeply")


def test_front_matter_cannot_run_code():
    found = messages("---\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\n" + GOOD_BODY)
    assert found[0].splitlines()[0] == (
        f"{NAME}:2: error: front matter is not valid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'")


def test_unknown_front_matter_key():
    assert messages("---\ntitle: Kherson\ntitel: typo\n---\n" + GOOD_BODY) == [
        f"{NAME}:3: error: unknown front matter key 'titel'\n    titel: typo\n"
        "    hint: allowed keys: title, date, timezone, tags, source, author, summary, language"]


def test_front_matter_wrong_types():
    assert messages("---\ntitle: [a, b]\ntags: {a: 1}\n---\n" + GOOD_BODY) == [
        f"{NAME}:2: error: front matter 'title': must be a single line of text\n    title: [a, b]",
        f"{NAME}:3: error: front matter 'tags': must be a list of topic names, e.g. [Kherson, NATO]\n"
        "    tags: {a: 1}"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "JavaScript:alert(1)", "//evil.example/x", "ftp://x.org/a"])
def test_front_matter_source_must_be_a_web_address(url):
    assert messages(f"---\nsource: '{url}'\n---\n" + GOOD_BODY) == [
        f"{NAME}:2: error: front matter 'source': '{url}' is not a web address; "
        f"write the original page's http:// or https:// URL\n    source: '{url}'"]


def test_front_matter_escapes_cannot_smuggle_control_characters():
    assert messages('---\ntitle: "Kherson\\e[2J"\ntags: ["a", "b\\x07\\x0b"]\n---\n' + GOOD_BODY) == [
        f"{NAME}:2: error: front matter 'title': contains the control character U+001B; remove it\n"
        '    title: "Kherson\\e[2J"',
        f"{NAME}:3: error: front matter 'tags': contains the control characters U+0007, U+000B; remove it\n"
        '    tags: ["a", "b\\x07\\x0b"]']


def test_front_matter_language_must_be_a_language_tag():
    assert messages('---\nlanguage: en" onmouseover="alert(1)\n---\n' + GOOD_BODY) == [
        f"{NAME}:2: error: front matter 'language': 'en\" onmouseover=\"alert(1)' is not a language tag; "
        "write e.g. en, fr or pt-BR\n    language: en\" onmouseover=\"alert(1)"]


def test_every_error_of_a_file_at_once():
    text = "---\ntitel: x\n---\n" + GOOD_BODY + "25:61pm: Bad\n31 February 2022\n"
    assert [m.splitlines()[0] for m in messages(text)] == [
        f"{NAME}:2: error: unknown front matter key 'titel'",
        f'{NAME}:7: error: time "25:61pm" is not a clock time',
        f"{NAME}:8: error: date line '31 February 2022': no such day",
    ]


def test_control_characters_are_removed_with_a_warning():
    blog = parse("---\ntitle: T\ntimezone: UTC\n---\n8:17pm: Kher\x1b[2Json\nA\x07B\x0cC\n", NAME)
    assert blog.entries[0].headline == "Kher[2Json"
    assert blog.entries[0].blocks[0].text == "AB C"
    assert [w.format() for w in blog.warnings] == [
        f"{NAME}:5:13: warning: control character U+001B removed\n    hint: save the file as plain UTF-8 text",
        f"{NAME}:6:2: warning: control characters U+0007, U+000C removed\n    hint: save the file as plain UTF-8 text",
    ]


def test_messages_never_send_control_characters_to_the_terminal():
    found = messages("---\ntitle: T\ntitel: \x1b]0;pwned\x07\n---\n" + GOOD_BODY)
    # the control characters were removed before parsing (with a warning), and the format escapes any left
    assert "\x1b" not in "".join(found) and "\x07" not in "".join(found)
    from site_gen.errors import error

    assert error("a\x1bb.txt", 3, "bad \x9b thing", source_line="x\x1by").format() == (
        "a\\x1bb.txt:3: error: bad \\x9b thing\n    x\\x1by")


def test_input_variants_give_the_same_model(sample_text):
    """UTF-8 with BOM, CRLF, CR, trailing spaces and extra blank lines read exactly like plain LF."""
    from site_gen.commands.serialize import blog_dict

    plain = blog_dict(parse(sample_text, NAME))
    lines = sample_text.splitlines()
    variants = {
        "bom": "\ufeff" + sample_text,
        "crlf": "\r\n".join(lines) + "\r\n",
        "cr": "\r".join(lines),
        "trailing spaces": "\n".join(line + "  \t" for line in lines),
    }
    for label, text in variants.items():
        assert blog_dict(parse(text, NAME)) == plain, label
    spaced = blog_dict(parse("\n\n".join(lines), NAME))  # a blank line between all lines: numbers move
    strip = lambda d: [(e["anchor"], e["published"], e["headline"], [b["text"] for b in e["blocks"]])
                       for e in d["entries"]]
    assert strip(spaced) == strip(plain)


def test_bytes_with_bom_and_crlf_decode(sample_text):
    data = b"\xef\xbb\xbf" + sample_text.replace("\n", "\r\n").encode("utf-8")
    assert parse(decode(data, NAME), NAME).entries == parse(sample_text, NAME).entries

