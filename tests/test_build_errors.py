"""The build reports every error of every file, then exits 1; warnings fail it only with --strict.
Nothing lost: a line the model does not hold is a warning with its line."""

from __future__ import annotations

import dataclasses

from conftest import run_cli, write_site
from site_gen.read import parse as parse_module  # builds call parse_module.parse: tests replace it
from site_gen.read.accounting import covered_lines, lost_line_warnings, lost_lines
from site_gen.read.parse import parse

GOOD = ("---\ntitle: Kherson\ntimezone: Europe/Paris\n---\n"
        "8:17pm: Russian withdrawal from Kherson\nIt will take a week.\n")
WARNED = ("---\ntitle: Kyiv\n---\n"  # no time zone: a warning
          "9:00pm: Air raid sirens in Kyiv\nResidents sheltered.\n")


def test_every_error_of_every_file_then_exit_1(tmp_path):
    write_site(tmp_path, {
        "site.toml": 'title = "Archive"\ntimezon = "Europe/Paris"\n',
        "content/2022-11-10-a.txt": GOOD,
        "content/2022-11-10-b.txt": "---\ntitel: B\n---\n25:61pm: Bad time\nText.\n31 February 2022\n",
        "content/2022-11-10-c.txt": "",
        "content/2022-11-11-d.txt": WARNED,
        "content/undated.txt": "8:17pm: No date anywhere\nText.\n",
    })
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert [line for line in result.stderr.splitlines() if not line.startswith("    ")] == [
        "site.toml:2: error: unknown setting 'timezon'",
        "content/2022-11-10-b.txt:2: error: unknown front matter key 'titel'",
        'content/2022-11-10-b.txt:4: error: time "25:61pm" is not a clock time',
        "content/2022-11-10-b.txt:6: error: date line '31 February 2022': no such day",
        "content/2022-11-10-c.txt:1: error: the file is empty",
        "content/2022-11-11-d.txt: warning: no time zone stated; times are taken as UTC",
        "content/undated.txt:1: error: this blog has no date",
        "site-gen: 6 errors; nothing was written",
    ]
    assert not (tmp_path / "build").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site.toml"]  # no stage left behind


def test_warnings_do_not_fail_the_build_unless_strict(tmp_path):
    write_site(tmp_path, {"content/2022-11-11-kyiv.txt": WARNED,
                          "site.toml": 'base_url = "https://archive.example.org/"\n'})
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ("content/2022-11-11-kyiv.txt: warning: no time zone stated; times are taken as UTC\n"
                             "    hint: add 'timezone: Europe/Paris' in front matter or 'timezone' in site.toml\n")
    assert result.stdout.startswith("built 1 blog, 1 entry, ")
    page = (tmp_path / "build" / "blogs" / "2022-11-11-kyiv.html").read_text()
    assert 'datetime="2022-11-11T21:00:00+00:00"' in page

    before = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (tmp_path / "build").rglob("*") if p.is_file()}
    strict = run_cli("build", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert strict.stderr == ("content/2022-11-11-kyiv.txt: error: no time zone stated; times are taken as UTC\n"
                             "    hint: add 'timezone: Europe/Paris' in front matter or 'timezone' in site.toml\n"
                             "site-gen: 1 error; nothing was written\n")
    after = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (tmp_path / "build").rglob("*") if p.is_file()}
    assert after == before


def test_strict_reports_warnings_of_good_files_beside_errors_of_bad_ones(tmp_path):
    write_site(tmp_path, {"content/2022-11-11-kyiv.txt": WARNED + "\x07\n", "content/2022-11-12-x.txt": "nothing\n"})
    result = run_cli("build", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if not line.startswith("    ")] == [
        "content/2022-11-11-kyiv.txt: error: no time zone stated; times are taken as UTC",
        "content/2022-11-11-kyiv.txt:6:1: error: control character U+0007 removed",
        "content/2022-11-12-x.txt:1: error: no entry heading found in this file; it begins:",
        "site-gen: 3 errors; nothing was written",
    ]


def test_broken_site_template_names_its_file_and_line(tmp_path):
    write_site(tmp_path, {
        "site.toml": 'title = "Archive"\n',
        "templates/blog.html": '{% extends "default:blog.html" %}\n{% block footer %}\n{{ blog.no_such_thing.x }}\n{% endblock %}\n',
        "content/2022-11-10-a.txt": GOOD,
    })
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "templates/blog.html:3: error: template error: 'dict object' has no attribute 'no_such_thing'"
    assert not (tmp_path / "build").exists()


def test_template_syntax_error(tmp_path):
    write_site(tmp_path, {"site.toml": "", "templates/home.html": "{% if %}\n", "content/2022-11-10-a.txt": GOOD})
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "templates/home.html:1: error: template error: Expected an expression, got 'end of statement block'"


def test_a_crash_on_one_file_is_reported_with_it_and_the_others_still_checked(tmp_path, monkeypatch):
    write_site(tmp_path, {"content/2022-11-10-a.txt": GOOD, "content/2022-11-10-b.txt": "", "content/2022-11-10-c.txt": GOOD})
    real = parse_module.parse

    def flaky(text, name, **kw):
        if name.endswith("-a.txt"):
            raise ZeroDivisionError("boom")
        return real(text, name, **kw)

    monkeypatch.setattr(parse_module, "parse", flaky)
    monkeypatch.chdir(tmp_path)
    from site_gen.commands.cli import main

    assert main(["build"]) == 1
    assert not (tmp_path / "build").exists()


def test_crash_message(tmp_path, monkeypatch, capsys):
    write_site(tmp_path, {"content/2022-11-10-a.txt": GOOD})
    monkeypatch.setattr(parse_module, "parse", lambda *a, **k: 1 / 0)
    monkeypatch.chdir(tmp_path)
    from site_gen.commands.cli import main

    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("content/2022-11-10-a.txt: error: site-gen failed on this file "
                          "(ZeroDivisionError: division by zero, at test_build_errors.py:")
    assert "hint: this is a bug in site-gen: please report it with the file" in err


# ---- nothing lost ------------------------------------------------------------------------------

def test_every_line_of_the_sample_is_in_the_model(sample_text):
    blog = parse(sample_text, "content/2022-11-10-ukraine-kherson.txt")
    nonblank = {n for n, line in enumerate(sample_text.splitlines(), 1) if line.strip()}
    assert covered_lines(blog) == nonblank
    assert lost_lines(sample_text, blog) == []


def test_every_kind_of_line_is_accounted_for():
    text = ("---\ntitle: All kinds\ndate: 2022-11-09\ntimezone: Europe/Paris\n---\n"
            "An intro.\nThis live page is no longer being updated.\n"
            "Thursday 10 November 2022\n"
            "9:00pm\nA headline on its own line\nA paragraph.\n>> A related story\n"
            "8:00pm: An earlier entry\nSome text.\n"
            "Wednesday 9 November 2022\n"
            "11:00pm: Late the day before\n"
            "(FRANCE 24 with AFP)\n")
    blog = parse(text, "content/kinds.txt")
    assert [(e.line, e.headline_line) for e in blog.entries_as_read] == [(9, 10), (13, None), (16, None)]
    assert blog.date_lines == (8, 15)
    assert blog.front_matter_lines == 5
    assert covered_lines(blog) == set(range(1, 18))


def test_a_line_the_model_dropped_is_reported(sample_text, tmp_path, monkeypatch):
    blog = parse(sample_text, "content/2022-11-10-ukraine-kherson.txt")
    entry = blog.entries[-1]
    dropped = entry.blocks[0]
    broken = dataclasses.replace(blog, entries=blog.entries[:-1] + (dataclasses.replace(entry, blocks=entry.blocks[1:]),))
    assert lost_lines(sample_text, broken) == [dropped.line]
    assert [w.format() for w in lost_line_warnings(sample_text, broken)] == [
        f"content/2022-11-10-ukraine-kherson.txt:{dropped.line}: warning: this line was not placed in the page "
        f"and is left out\n    {dropped.text[:159]}…\n    hint: this is a bug in site-gen: please report it with the file"]

    # and the build prints it (and fails with --strict)
    write_site(tmp_path, {"content/2022-11-10-ukraine-kherson.txt": sample_text})
    monkeypatch.setattr(parse_module, "parse", lambda *a, **k: broken)
    monkeypatch.chdir(tmp_path)
    from site_gen.commands.cli import main

    assert main(["build", "--strict", "--quiet"]) == 1
