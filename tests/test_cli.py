"""The command line as a user types it: python -m site_gen ..."""

import os

from conftest import REPO, run_cli, write_site
from site_gen import __version__


def test_version_and_help():
    assert run_cli("--version").stdout.strip() == f"site-gen {__version__}"
    for args in (["--help"], ["build", "--help"]):
        result = run_cli(*args)
        assert result.returncode == 0 and "usage: site-gen" in result.stdout


def test_build_example_site(tmp_path):
    out = tmp_path / "site"
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "built 2 blogs, 31 entries" in result.stdout  # the English sample (18) and a French blog (13)
    assert (out / "index.html").is_file()
    assert (out / "blogs" / "2022-11-10-ukraine-kherson.html").is_file()
    assert (out / "blogs" / "2022-11-11-guerre-ukraine-kherson.html").is_file()


def test_bad_usage_exits_2():
    result = run_cli("build", "--no-such-flag")
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-flag" in result.stderr
    assert run_cli("frobnicate").returncode == 2
    assert run_cli().returncode == 2


def test_missing_config_file_is_a_usage_error(tmp_path):
    result = run_cli("build", "--config", str(tmp_path / "nope.toml"), cwd=tmp_path)
    assert result.returncode == 2
    assert "config file not found" in result.stderr


def test_a_dump_without_a_date_builds_with_one_warning_saying_how_to_date_it(tmp_path):
    write_site(tmp_path, {"content/undated.txt": "---\ntitle: U\ntimezone: UTC\n---\n9:00am: Opening\nText.\n",
                          "site.toml": 'base_url = "https://example.org/"\n'})
    os.utime(tmp_path / "content/undated.txt", (1_700_000_000, 1_700_000_000))  # 2023-11-14 UTC
    result = run_cli("build", "--no-search", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "content/undated.txt: warning: this blog prints no date; its entries are dated by the file's "
        "modification day, 2023-11-14",
        "    hint: add 'date: YYYY-MM-DD' (the day of the oldest entry) in front matter"]
    page = (tmp_path / "build/blogs/undated.html").read_text(encoding="utf-8")
    assert 'datetime="2023-11-14T09:00:00+00:00"' in page


def test_every_error_of_every_file_is_reported(tmp_path):
    write_site(tmp_path, {
        "content/2022-01-01-a.txt": "9:00am: A\nText.\n25:61pm: Broken\nText.\n",
        "content/2022-01-02-b.txt": "---\ntitle: B\nmood: grim\n---\n9:00am: B\nText.\n",
    })
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert 'content/2022-01-01-a.txt:3: error: time "25:61pm" is not a clock time' in result.stderr
    assert "content/2022-01-02-b.txt:3: error: unknown front matter key 'mood'" in result.stderr
    assert "2 errors" in result.stderr


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    write_site(tmp_path, {"content/2022-01-01-a.txt": "9:00am: A\nText.\n"})
    assert run_cli("build", cwd=tmp_path).returncode == 0
    before = (tmp_path / "build" / "blogs" / "2022-01-01-a.html").read_bytes()
    write_site(tmp_path, {"content/2022-01-02-b.txt": "no heading here\n"})
    assert run_cli("build", cwd=tmp_path).returncode == 1
    assert (tmp_path / "build" / "blogs" / "2022-01-01-a.html").read_bytes() == before
    assert not (tmp_path / "build" / "blogs" / "2022-01-02-b.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-gen-cache", "build", "content"]  # cache.py


def test_strict_turns_warnings_into_errors(tmp_path):
    write_site(tmp_path, {"content/2022-01-01-a.txt": "9:00am: A\nText.\n"})  # no zone, no title
    assert run_cli("build", cwd=tmp_path).returncode == 0
    result = run_cli("build", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert "error: no time zone stated" in result.stderr


def test_many_warnings_of_a_kind_are_summed_up_and_verbose_prints_each(tmp_path):
    files = {f"content/2023-01-0{n}-day-{n}.txt": f"9:00am: Opening {n}\nText.\n" for n in range(1, 6)}
    write_site(tmp_path, {**files, "site.toml": 'base_url = "https://example.org/"\ntimezone = "UTC"\n'})
    result = run_cli("build", "--no-search", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: no title given; guessed from the file name (5 warnings in 5 files)",
        "    content/2023-01-01-day-1.txt, content/2023-01-02-day-2.txt, content/2023-01-03-day-3.txt and 2 more",
        "    hint: add 'title: ...' in front matter",
        "site-gen: 5 warnings summed up by kind; --verbose prints each one"]
    verbose = run_cli("build", "--no-search", "--verbose", cwd=tmp_path)
    assert [line for line in verbose.stderr.splitlines() if "warning:" in line] == [
        f"content/2023-01-0{n}-day-{n}.txt: warning: no title given; guessed 'Day {n}' from the file name"
        for n in range(1, 6)]


def test_the_build_cache_notices_when_an_undated_dump_changes_day(tmp_path):
    write_site(tmp_path, {"content/undated.txt": "---\ntitle: U\ntimezone: UTC\n---\n9:00am: Opening\nText.\n",
                          "site.toml": 'base_url = "https://example.org/"\n'})
    page = tmp_path / "build/blogs/undated.html"
    os.utime(tmp_path / "content/undated.txt", (1_700_000_000, 1_700_000_000))  # 2023-11-14 UTC
    assert run_cli("build", "--no-search", cwd=tmp_path).returncode == 0
    assert 'datetime="2023-11-14T09:00:00+00:00"' in page.read_text(encoding="utf-8")
    os.utime(tmp_path / "content/undated.txt", (1_700_200_000, 1_700_200_000))  # same bytes, 2023-11-17
    again = run_cli("build", "--no-search", cwd=tmp_path)
    assert again.returncode == 0 and "(1 blog rebuilt" in again.stdout
    assert 'datetime="2023-11-17T09:00:00+00:00"' in page.read_text(encoding="utf-8")
