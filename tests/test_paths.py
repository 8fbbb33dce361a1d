"""No slug, file name, front matter value or symlink makes the build read or write outside
its folders; --out never names a folder whose replacement would destroy something else."""

from __future__ import annotations

import os

import pytest

from conftest import run_cli, write_site
from site_gen import urls
from site_gen.errors import ContentError
from site_gen.read.source import find_dumps
from site_gen.build.write import OutputRefused, UnsafePath, Writer, check_out_dir

GOOD = "---\ntitle: Kherson\ntimezone: Europe/Paris\n---\n8:17pm: Russian withdrawal\nText.\n"


def test_symlink_pointing_outside_content_is_refused(tmp_path):
    write_site(tmp_path, {"content/2022-11-10-a.txt": GOOD, "secret/passwords.txt": GOOD})
    os.symlink(tmp_path / "secret" / "passwords.txt", tmp_path / "content" / "2022-11-10-b.txt")
    os.symlink(tmp_path / "secret", tmp_path / "content" / "linked-folder")
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "content/2022-11-10-b.txt: error: symlink points outside the content folder; refused\n"
        "    hint: copy the file into the content folder instead\n"
        "content/linked-folder: error: symlink points outside the content folder; refused\n"
        "    hint: copy the file into the content folder instead\n"
        "site-gen: 2 errors; nothing was written\n")
    assert not (tmp_path / "build").exists()


def test_symlink_inside_content_is_followed_and_a_dangling_one_is_an_error(tmp_path):
    write_site(tmp_path, {"content/originals/2022-11-10-a.txt": GOOD})
    os.symlink("originals/2022-11-10-a.txt", tmp_path / "content" / "2022-11-10-alias.txt")
    assert [p.name for p in find_dumps(tmp_path / "content")] == ["2022-11-10-alias.txt", "2022-11-10-a.txt"]
    os.symlink("originals/nothing.txt", tmp_path / "content" / "2022-11-10-dangling.txt")
    with pytest.raises(ContentError) as caught:
        find_dumps(tmp_path / "content")
    assert [d.format() for d in caught.value.diagnostics] == [
        f"{tmp_path / 'content' / '2022-11-10-dangling.txt'}: error: symlink points to nothing\n"
        "    hint: remove it or fix its target"]


def test_hidden_files_and_other_suffixes_are_not_dumps(tmp_path):
    write_site(tmp_path, {"content/.draft.txt": "x", "content/.git/x.txt": "x", "content/notes.rtf": "x",
                          "content/2022-11-10-a.md": GOOD})
    assert [p.name for p in find_dumps(tmp_path / "content")] == ["2022-11-10-a.md"]


@pytest.mark.parametrize("rel", ["../escape.html", "/etc/passwd", "a/../../escape.html", "a/../b.html", "./a.html",
                                 "a//b.html", "", ".", "a\\..\\b.html", "blogs/..", "a\x00b.html"])
def test_writer_refuses_paths_outside_the_output_folder(tmp_path, rel):
    writer = Writer(tmp_path / "out")
    with pytest.raises(UnsafePath):
        writer.write(rel, "x")
    assert not (tmp_path / "escape.html").exists()


def test_writer_refuses_a_path_through_a_symlink_leading_out(tmp_path):
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path, tmp_path / "out" / "link")
    with pytest.raises(UnsafePath, match="refusing to write outside the output folder: 'link/x.html'"):
        Writer(tmp_path / "out").write("link/x.html", "x")
    assert not (tmp_path / "x.html").exists()


def test_writer_refuses_a_second_write():
    writer = Writer(__import__("pathlib").Path("/nonexistent-never-written"))
    writer.written.add("index.html")
    with pytest.raises(UnsafePath, match="index.html written twice in one build"):
        writer.write("index.html", "x")


@pytest.mark.parametrize("slug", ["../x", "a/b", "", "A", "-x", "x.html", "x y", "..", "%2e%2e"])
def test_urls_refuse_unsafe_slugs(slug):
    with pytest.raises(ValueError):
        urls.blog_path(slug)


def test_hostile_file_names_and_front_matter_stay_inside_the_output(tmp_path):
    hostile = {
        "content/2022-11-10-..%2f..%2fescape.txt": GOOD,
        "content/2022-11-11-<b>&amp;\"'.txt": GOOD.replace("title: Kherson", "title: ../../../escape"),
        "content/2022-11-12- spaces  and CAPS .md": GOOD.replace("title: Kherson", "title: /etc/passwd"),
        "content/2022-11-13-Zaporizhzhia’s-café.txt": GOOD,
    }
    write_site(tmp_path, hostile)
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "build").as_posix()
                     for p in (tmp_path / "build" / "blogs").rglob("*"))
    assert written == ["blogs/2022-11-10-2f-2fescape.html", "blogs/2022-11-11-b-amp.html",
                       "blogs/2022-11-12-spaces-and-caps.html", "blogs/2022-11-13-zaporizhzhias-cafe.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-gen-cache", "build", "content"]  # cache.py


def test_a_file_name_with_no_usable_page_name(tmp_path):
    write_site(tmp_path, {"content/2022-11-10-キーウ.txt": GOOD.replace("---\ntitle", "---\ndate: 2022-11-10\ntitle")})
    os.rename(tmp_path / "content" / "2022-11-10-キーウ.txt", tmp_path / "content" / "キーウ.txt")
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("content/キーウ.txt:1: error: the file name gives no usable page name\n"
                             "    hint: name the file like 2022-11-10-ukraine-kherson.txt\n"
                             "site-gen: 1 error; nothing was written\n")


def test_two_files_for_one_page_name(tmp_path):
    write_site(tmp_path, {"content/2022-11-10-a.txt": GOOD, "content/2022-11-10-a.md": GOOD})
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("content/2022-11-10-a.txt: error: page name '2022-11-10-a' is also used by "
                             "content/2022-11-10-a.md\n    hint: rename one of the two files\n"
                             "site-gen: 1 error; nothing was written\n")


# ---- the output folder -----------------------------------------------------------------------

@pytest.mark.parametrize("out, message", [
    (".", "--out .: refusing to replace a folder that holds {content}"),
    ("..", "--out ..: refusing to replace a folder that holds {content}"),
    ("content", "--out content: refusing to replace a folder that holds {content}"),
    ("content/build", "--out content/build: the output folder must not be inside the content folder"),
    ("docs", "--out docs: this folder is not empty and does not look like a built site (no index.html); "
             "refusing to replace it. Choose another --out or empty it"),
    ("notes.txt", "--out notes.txt: exists and is not a folder"),
])
def test_out_folder_that_must_not_be_replaced(tmp_path, out, message):
    write_site(tmp_path, {"content/2022-11-10-a.txt": GOOD, "docs/guide.md": "my notes", "notes.txt": "x"})
    result = run_cli("build", "--out", out, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "site-gen: error: " + message.format(content=tmp_path / "content") + "\n"
    assert (tmp_path / "docs" / "guide.md").read_text() == "my notes"
    assert (tmp_path / "content" / "2022-11-10-a.txt").read_text() == GOOD


def test_out_folder_that_may_be_replaced(tmp_path):
    (tmp_path / "content").mkdir()
    for ok in ("build", "empty", "site"):
        (tmp_path / ok).mkdir()
    (tmp_path / "site" / "index.html").write_text("old")
    for ok in ("build", "empty", "site", "new/deeper"):
        check_out_dir(tmp_path / ok, tmp_path / "content")
    with pytest.raises(OutputRefused):
        check_out_dir(tmp_path / "x", tmp_path / "content", keep=[tmp_path / "x" / "site.toml"])


def test_writer_refuses_symlinks_planted_in_the_output_folder(tmp_path):
    """A file or folder in the output replaced by a symlink (an incremental build writes into the
    live folder) is refused, never followed: nothing outside the output folder changes."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.html").write_text("safe", encoding="utf-8")
    out = tmp_path / "out"
    (out / "blogs").mkdir(parents=True)
    os.symlink(outside / "victim.html", out / "blogs" / "a.html")
    os.symlink(outside, out / "topics")
    writer = Writer(out)
    with pytest.raises(UnsafePath):
        writer.write("blogs/a.html", "x")
    with pytest.raises(UnsafePath):
        writer.write("topics/b.html", "x")
    writer.write("blogs/c.html", "fine")
    assert (outside / "victim.html").read_text(encoding="utf-8") == "safe"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.html"]
    assert (out / "blogs" / "c.html").read_text(encoding="utf-8") == "fine"


from hypothesis import given, strategies as st

_NAMES = st.sampled_from(["index.html", "a.html", "b.2022-11.html", "x.atom"])
_FOLDERS = st.lists(st.sampled_from(["blogs", "topics", "feeds", "static"]), max_size=2).map("/".join)


@given(_FOLDERS, _NAMES, _FOLDERS, _NAMES)
def test_relative_urls_are_what_posixpath_relpath_says(from_folder, from_name, to_folder, to_name):
    import posixpath

    from_path = f"{from_folder}/{from_name}" if from_folder else from_name
    to_path = f"{to_folder}/{to_name}" if to_folder else to_name
    assert urls.relative(from_path, to_path) == posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
