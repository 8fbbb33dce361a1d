"""The built example site: microformats, anchors, links, validity, templates, packaging."""

import os
import zipfile

import pytest

from conftest import REPO, nu_check, run_cli, write_site
from htmlscan import Page
from test_sample import EXPECTED

BLOG = "blogs/2022-11-10-ukraine-kherson.html"


def test_blog_page_has_18_h_entries_with_datetimes_and_anchors(example_build):
    page = Page((example_build / BLOG).read_text(encoding="utf-8"))
    entries = page.with_class("h-entry")
    assert len(entries) == 18
    assert page.with_class("h-feed")[0][0] == "main"
    times = [a["datetime"] for t, a in page.with_class("dt-published")]
    assert times == [row[0] for row in EXPECTED]
    anchors = [a["id"] for t, a in entries]
    assert anchors[0] == "20221111-0128-us-to-buy-south-korean"
    assert "20221110-2017-russian-withdrawal-from-kherson" in anchors
    assert [a["href"] for t, a in page.with_class("u-url")] == ["#" + x for x in anchors]
    assert len(page.with_class("e-content")) == 18 and len(page.with_class("p-name")) >= 18
    assert len(set(page.ids)) == len(page.ids)


def test_blog_page_text(example_build):
    html = (example_build / BLOG).read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "All times are Paris time (Europe/Paris, UTC+01:00)." in html
    assert '<p class="notice" role="note">This live page is no longer being updated.' in html
    assert '<p class="credit">(FRANCE 24 with AFP, AP and Reuters)</p>' in html
    assert "<cite>Ukrainians flee occupied territories through Russian &#39;filtration&#39; checks</cite>" in html \
        or "<cite>Ukrainians flee occupied territories through Russian 'filtration' checks</cite>" in html
    # the sample's text comes out unchanged
    for fragment in ["[...]", "[Russia's announcement on Wednesday that it is withdrawing troops from Kherson city]",
                     "$400 million", "– let's say –", "Russia ‘likely’ committed", "Moscow’s forces"]:
        assert fragment in html, fragment
    assert "Friday 11 November 2022" in html and "Thursday 10 November 2022" in html


def test_home_page_lists_the_blog(example_build):
    html = (example_build / "index.html").read_text(encoding="utf-8")
    assert f'href="{BLOG}"' in html
    assert "10 November 2022" in html and "18 entries" in html
    assert "Ukraine retook dozens of villages" in html


def test_site_gen_check_finds_no_broken_link_anchor_or_duplicate_id(example_build):
    result = run_cli("check", str(example_build))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


def test_pages_pass_the_nu_html_checker(example_build):
    result = nu_check(example_build)
    assert result.returncode == 0, result.stdout + result.stderr


def test_same_input_gives_same_bytes(tmp_path, example_build):
    out = tmp_path / "again"
    assert run_cli("build", "--out", str(out), env={"TZ": "America/Los_Angeles"}).returncode == 0
    first = {p.relative_to(example_build): p.read_bytes() for p in example_build.rglob("*") if p.is_file()}
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first == second


def test_site_template_overrides_and_extends_the_default(tmp_path):
    write_site(tmp_path, {
        "site.toml": 'title = "Mine"\ntimezone = "UTC"\n',
        "content/2022-01-01-a.txt": "9:00am: First\nText.\n",
        "templates/blog.html": '{% extends "default:blog.html" %}\n'
                               '{% block footer %}<p class="mine">Kept by the archive</p>{{ super() }}{% endblock %}\n',
        "templates/static/extra.css": "p { color: red; }\n",
    })
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "build" / "blogs" / "2022-01-01-a.html").read_text(encoding="utf-8")
    assert '<p class="mine">Kept by the archive</p>' in html
    assert 'class="h-entry entry" id="20220101-0900-first"' in html  # the rest is the default
    assert (tmp_path / "build" / "static" / "extra.css").is_file()
    assert (tmp_path / "build" / "static" / "style.css").is_file()
    home = (tmp_path / "build" / "index.html").read_text(encoding="utf-8")
    assert "Kept by the archive" not in home


def test_wheel_ships_the_default_templates(tmp_path):
    hatchling = pytest.importorskip("hatchling.build")
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        name = hatchling.build_wheel(str(tmp_path))
    finally:
        os.chdir(cwd)
    names = zipfile.ZipFile(tmp_path / name).namelist()
    for needed in ("site_gen/templates/base.html", "site_gen/templates/blog.html",
                   "site_gen/templates/home.html", "site_gen/templates/static/style.css",
                   "site_gen/commands/cli.py"):
        assert needed in names
