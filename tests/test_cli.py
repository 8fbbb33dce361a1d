"""The command line as a user types it: python -m site_gen ..."""

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
    assert "built 1 blog, 18 entries" in result.stdout
    assert (out / "index.html").is_file()
    assert (out / "blogs" / "2022-11-10-ukraine-kherson.html").is_file()


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


def test_missing_date_exits_1_with_file_and_fix(tmp_path):
    write_site(tmp_path, {"content/undated.txt": "9:00am: Opening\nText.\n"})
    out = tmp_path / "build"
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "content/undated.txt:1: error: this blog has no date" in result.stderr
    assert "date: YYYY-MM-DD" in result.stderr
    assert "nothing was written" in result.stderr
    assert not out.exists()


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
