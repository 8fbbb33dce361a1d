"""Issue 18: a build never deletes or overwrites a file in the output folder that site-gen did not
write.  The most common case: build/ is a git checkout of the site's gh-pages branch, with CNAME,
.nojekyll and .well-known/security.txt beside the pages.  They survive every build (full,
incremental, --clean, failing, killed, search on or off); `keep` in site.toml names more.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import run_cli, write_site
from site_gen.build.output import swap
from site_gen.build.output.keep import RECORD, Keep
from test_atomic import killed_build, snapshot

FIRST = ("---\ntitle: Harbour storm\ntimezone: Europe/Lisbon\n---\n"
         "6:05am: Gale warning for the harbour\nFerries stay in port until noon.\n")
SECOND = ("---\ntitle: Valley flood\ntimezone: Europe/Lisbon\n---\n"
          "7:40pm: River rises above the old bridge\nThe mayor opens the school gym as a shelter.\n")
MORE = FIRST + "9:12am: First ferry leaves\nThe quay reopens to cars.\n"
SITE = 'title = "Weather desk"\nbase_url = "https://weather.example.org/"\n'

USER_FILES = {"CNAME": b"weather.example.org\n", ".nojekyll": b"",
              ".well-known/security.txt": b"Contact: mailto:desk@example.org\n"}

GIT_ENV = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="Desk", GIT_AUTHOR_EMAIL="desk@example.org",
               GIT_COMMITTER_NAME="Desk", GIT_COMMITTER_EMAIL="desk@example.org")


def git(folder, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], env=GIT_ENV, capture_output=True, text=True,
                          check=True).stdout


def users(build) -> dict:
    """The user's files, .git included, with their bytes."""
    found = {rel: (build / rel).read_bytes() for rel in USER_FILES if (build / rel).is_file()}
    found.update({p.relative_to(build).as_posix(): p.read_bytes()
                  for p in sorted((build / ".git").rglob("*")) if p.is_file()})
    return found


def status(build) -> list[str]:
    """`git status` as paths (untracked files one by one)."""
    lines = git(build, "status", "--porcelain", "--untracked-files=all").splitlines()
    return sorted(line[3:] for line in lines)


def recorded(build) -> set[str]:
    return {line for line in (build / RECORD).read_text(encoding="utf-8").splitlines() if not line.startswith("#")}


@pytest.fixture
def deployed(tmp_path):
    """A site built once, its build/ then made a git checkout (as a gh-pages clone is), with the
    hosting files committed beside the pages."""
    root = tmp_path / "site"
    write_site(root, {"site.toml": SITE, "content/2023-01-05-harbour.txt": FIRST,
                      "content/2023-01-06-valley.txt": SECOND})
    assert run_cli("build", "--no-search", cwd=root).returncode == 0
    build = root / "build"
    for rel, data in USER_FILES.items():
        (build / rel).parent.mkdir(parents=True, exist_ok=True)
        (build / rel).write_bytes(data)
    git(build, "init", "-q", "-b", "gh-pages")
    git(build, "add", "-A")
    git(build, "commit", "-q", "-m", "Deploy the weather desk")
    return root


def assert_user_files_intact(build, before: dict) -> None:
    assert {rel: (build / rel).read_bytes() for rel in USER_FILES} == USER_FILES
    now = users(build)
    objects = {rel: data for rel, data in before.items() if rel.startswith(".git/objects/")}
    assert {rel: now.get(rel) for rel in objects} == objects  # every commit and file of the history
    assert git(build, "log", "--format=%s") == "Deploy the weather desk\n"


@pytest.mark.parametrize("how", ["incremental", "clean", "search"])
def test_the_checkout_and_hosting_files_survive_a_build(deployed, how):
    root, build = deployed, deployed / "build"
    before = users(build)
    write_site(root, {"content/2023-01-05-harbour.txt": MORE})
    (root / "content/2023-01-06-valley.txt").unlink()
    args = {"incremental": ["--no-search"], "clean": ["--no-search", "--clean"], "search": []}[how]
    result = run_cli("build", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # nothing to warn about: every file is site-gen's or kept
    assert_user_files_intact(build, before)
    assert "First ferry leaves" in (build / "blogs/2023-01-05-harbour.html").read_text(encoding="utf-8")
    assert not (build / "blogs/2023-01-06-valley.html").exists()
    # git sees the site's own changes only: pages changed, the removed blog's page deleted
    changes = status(build)
    assert "blogs/2023-01-05-harbour.html" in changes and "blogs/2023-01-06-valley.html" in changes
    assert set(changes) <= recorded(build) | {RECORD, "blogs/2023-01-06-valley.html", "feeds/2023-01-06-valley.atom",
                                              "feeds/2023-01-06-valley.rss", "feeds/2023-01-06-valley.json"} | {
        rel for rel in changes if rel.startswith("pagefind/")}
    assert not any(rel in USER_FILES or rel.startswith(".") for rel in changes if rel != RECORD)
    if how == "search":
        assert (build / "pagefind/pagefind.js").is_file()
        assert "pagefind/" in recorded(build)


def test_a_failing_build_leaves_the_checkout_as_it_was(deployed):
    root, build = deployed, deployed / "build"
    before = snapshot(build)
    write_site(root, {"content/2023-01-06-valley.txt": SECOND + "31:15pm: Broken\n"})
    for clean in ([], ["--clean"]):
        result = run_cli("build", "--no-search", *clean, cwd=root)
        assert result.returncode == 1 and "is not a clock time" in result.stderr
        assert snapshot(build) == before
        assert status(build) == []


@pytest.mark.parametrize("point, n, clean", [
    ("write", 1, False), ("write", 3, False), ("write", 1, True), ("write", 3, True),
    ("before-swap", 1, True), ("after-exchange", 1, True), ("fallback", 1, False), ("fallback", 3, False),
])
def test_a_killed_build_leaves_the_checkout(deployed, point, n, clean):
    """Killed while writing, just before or just after the swap of a full build, or while an
    incremental build moves its files in (`fallback` without --clean counts those renames):
    the user's files are whole and in place at every point, and the next build finishes."""
    if point == "after-exchange" and swap._renameat2() is None:
        pytest.skip("renameat2 is Linux only")
    root, build = deployed, deployed / "build"
    before, mine = snapshot(build), users(build)
    write_site(root, {"content/2023-01-05-harbour.txt": MORE})
    killed_build(root, point, n, "--no-search", *(["--clean"] if clean else []))
    assert_user_files_intact(build, mine)
    if point in ("write", "before-swap"):
        assert snapshot(build) == before and status(build) == []
    assert run_cli("build", "--no-search", cwd=root).returncode == 0
    assert_user_files_intact(build, mine)
    assert status(build) == sorted(["blogs/2023-01-05-harbour.html", "feed.atom", "feed.json", "feed.rss",
                                    "feeds/2023-01-05-harbour.atom", "feeds/2023-01-05-harbour.json",
                                    "feeds/2023-01-05-harbour.rss", "index.html", "sitemap.xml",
                                    *status_of_topics(build)])
    assert not [p.name for p in root.iterdir() if p.name.startswith("build.")]


@pytest.mark.skipif(swap._renameat2() is None, reason="renameat2 is Linux only")
def test_a_full_build_carries_the_users_files_over_as_the_same_files(deployed):
    """The fresh folder takes the user's files as hard links: the same inodes, nothing copied."""
    root, build = deployed, deployed / "build"
    inodes = {rel: (build / rel).stat().st_ino for rel in [*USER_FILES, ".git/HEAD", ".git/index"]}
    assert run_cli("build", "--no-search", "--clean", cwd=root).returncode == 0
    assert {rel: (build / rel).stat().st_ino for rel in inodes} == inodes
    assert (build / ".git/HEAD").stat().st_nlink == 1  # the old folder's links are gone with it


def test_without_the_exchange_a_kill_between_the_renames_is_repaired_with_the_users_files(deployed):
    """Without renameat2 a full build swaps by two renames: killed between them, build/ is
    missing for a moment; the next build puts the old folder, .git and all, back first."""
    root, build = deployed, deployed / "build"
    before = snapshot(build)
    write_site(root, {"content/2023-01-05-harbour.txt": MORE})
    killed_build(root, "fallback", 1, "--no-search", "--clean")
    assert snapshot(build) is None
    swap.sweep_stale(build)
    assert snapshot(build) == before and status(build) == []


def status_of_topics(build) -> list[str]:
    return [rel for rel in status(build) if rel.startswith(("topics/", "feeds/topics/"))]


def test_a_fresh_clone_of_the_deployment_branch_is_an_output_folder(deployed, tmp_path):
    """A gh-pages clone holds .git and CNAME only at first (or the last deployment, with
    site-gen's list of what it wrote): both are accepted, without the cache."""
    root = deployed
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "gh-pages", str(bare))
    empty = tmp_path / "empty"
    git(tmp_path, "clone", "-q", str(bare), str(empty))
    (empty / "CNAME").write_bytes(USER_FILES["CNAME"])
    git(empty, "add", "CNAME")
    git(empty, "commit", "-q", "-m", "Custom domain")
    git(empty, "push", "-q", "origin", "gh-pages")
    shutil.rmtree(root / "build")
    shutil.rmtree(root / ".site-gen-cache")
    git(tmp_path, "clone", "-q", str(bare), str(root / "build"))
    result = run_cli("build", "--no-search", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "build/CNAME").read_bytes() == USER_FILES["CNAME"] and (root / "build/index.html").is_file()
    git(root / "build", "add", "-A")
    git(root / "build", "commit", "-q", "-m", "Deploy")
    git(root / "build", "push", "-q", "origin", "gh-pages")

    # Another machine: a clone of the deployed site, no cache; a blog was removed since.
    shutil.rmtree(root / "build")
    shutil.rmtree(root / ".site-gen-cache")
    git(tmp_path, "clone", "-q", str(bare), str(root / "build"))
    (root / "content/2023-01-06-valley.txt").unlink()
    result = run_cli("build", "--no-search", cwd=root)
    assert result.returncode == 0 and result.stderr == ""
    assert not (root / "build/blogs/2023-01-06-valley.html").exists()  # site-gen's (its list says so): deleted
    assert (root / "build/CNAME").read_bytes() == USER_FILES["CNAME"]
    assert git(root / "build", "log", "--format=%s") == "Deploy\nCustom domain\n"
    assert "blogs/2023-01-06-valley.html" in status(root / "build")
    assert not [rel for rel in status(root / "build") if rel == "CNAME" or rel.startswith(".") and rel != RECORD]


def test_keep_patterns_survive_every_kind_of_build(deployed):
    root, build = deployed, deployed / "build"
    write_site(root, {"site.toml": SITE + 'keep = ["google*.html", "downloads", "**/*.pdf"]\n'})
    mine = {"google1234.html": b"google-site-verification: google1234.html",
            "downloads/maps/harbour.png": b"\x89PNG...", "blogs/storm-report.pdf": b"%PDF-1.4",
            "blogs/.DS_Store": b"finder", "pagefind/.DS_Store": b"finder too"}
    for rel, data in mine.items():
        (build / rel).parent.mkdir(parents=True, exist_ok=True)
        (build / rel).write_bytes(data)
    for args in ([], ["--no-search"], ["--clean"], ["--no-search", "--clean"], []):
        write_site(root, {"content/2023-01-05-harbour.txt": MORE if args else FIRST})
        result = run_cli("build", *args, cwd=root)
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", args
        assert {rel: (build / rel).read_bytes() for rel in mine if (build / rel).exists()} == mine, args
        assert (build / "index.html").is_file()
        assert (build / "pagefind/pagefind.js").is_file() == ("--no-search" not in args)
    assert git(build, "log", "--format=%s") == "Deploy the weather desk\n"


def test_a_kept_file_where_the_build_writes_is_an_error_naming_both(deployed):
    root, build = deployed, deployed / "build"
    write_site(root, {"site.toml": SITE + 'keep = ["index.html"]\n'})
    (build / "index.html").write_text("<p>my own home page</p>", encoding="utf-8")
    before = snapshot(build)
    for clean in ([], ["--clean"]):
        result = run_cli("build", "--no-search", *clean, cwd=root)
        assert result.returncode == 1
        assert result.stderr.startswith(
            'site.toml:3: error: build/index.html is kept (keep pattern "index.html"), but the build writes '
            "index.html too: a path is either yours or site-gen's\n"
            "    hint: narrow the keep pattern so that it names only your own files\n")
        assert result.stderr.endswith("nothing was written\n")
        assert snapshot(build) == before


def test_a_file_site_gen_wrote_and_the_user_edited_is_replaced_with_a_warning(deployed):
    root, build = deployed, deployed / "build"
    (build / "blogs/2023-01-05-harbour.html").write_text("my hand edit", encoding="utf-8")
    (build / "feeds/2023-01-06-valley.atom").write_text("edited too", encoding="utf-8")
    (root / "content/2023-01-06-valley.txt").unlink()  # its feed is no longer made
    result = run_cli("build", "--no-search", cwd=root)
    assert result.returncode == 0
    hint = ("    hint: site-gen replaces the files it writes: change the dumps, templates or site.toml instead, "
            "or keep a file of your own under another name (listed in keep)\n")
    assert result.stderr == (
        "build/blogs/2023-01-05-harbour.html: warning: changed since site-gen wrote it: replaced by the file "
        "the build makes\n" + hint +
        "build/feeds/2023-01-06-valley.atom: warning: changed since site-gen wrote it, and the build no longer "
        "makes it: deleted\n" + hint)
    assert "Gale warning" in (build / "blogs/2023-01-05-harbour.html").read_text(encoding="utf-8")
    assert not (build / "feeds/2023-01-06-valley.atom").exists()
    # a file only touched (same bytes) is not an edit
    page = build / "index.html"
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 10**9))
    result = run_cli("build", "--no-search", cwd=root)
    assert result.returncode == 0 and result.stderr == ""
    # --strict: an edit to be lost is an error, and nothing is written
    (build / "index.html").write_text("edited home", encoding="utf-8")
    result = run_cli("build", "--no-search", "--strict", cwd=root)
    assert result.returncode == 1
    assert result.stderr.startswith("build/index.html: error: changed since site-gen wrote it: replaced")
    assert (build / "index.html").read_text(encoding="utf-8") == "edited home"


def test_clean_removes_only_what_site_gen_wrote(deployed):
    root, build = deployed, deployed / "build"
    written_before = recorded(build)
    (build / "notes.txt").write_text("my notes", encoding="utf-8")
    (build / "drafts").mkdir()
    (root / "content/2023-01-06-valley.txt").unlink()
    result = run_cli("build", "--no-search", "--clean", cwd=root)
    assert result.returncode == 0
    assert result.stderr == ("build/notes.txt: warning: site-gen did not write this file, and it is not kept: "
                             "left as it is\n    hint: list it in keep in site.toml (keep = [\"...\"]) to say it "
                             "is yours, or delete it if it is an old page\n")
    assert (build / "notes.txt").read_text(encoding="utf-8") == "my notes" and (build / "drafts").is_dir()
    assert not (build / "blogs/2023-01-06-valley.html").exists()
    changes = status(build)  # the site's own files (listed before or now), and the untracked notes
    assert {"blogs/2023-01-06-valley.html", "index.html", "notes.txt"} <= set(changes)
    assert set(changes) <= written_before | recorded(build) | {RECORD, "notes.txt"}


def test_without_the_cache_the_record_in_the_folder_says_what_is_site_gens(deployed):
    root, build = deployed, deployed / "build"
    (build / "notes.txt").write_text("my notes", encoding="utf-8")
    shutil.rmtree(root / ".site-gen-cache")
    (root / "content/2023-01-06-valley.txt").unlink()
    result = run_cli("build", "--no-search", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "build/notes.txt: warning: site-gen did not write this file" in result.stderr
    assert not (build / "blogs/2023-01-06-valley.html").exists()
    assert (build / "notes.txt").is_file() and (build / "CNAME").is_file()


def test_without_the_record_the_cache_says_what_is_site_gens(deployed):
    """A build/ made before site-gen kept its record (or the record deleted): the cache names
    the files, and the search index folder, so nothing is a stranger; the record is written."""
    from site_gen.build.site import build as site_build

    root, build = deployed, deployed / "build"
    assert run_cli("build", cwd=root).returncode == 0  # with search: pagefind/ is written whole
    (build / RECORD).unlink()
    result = site_build(root / "content", build, root / "site.toml")
    assert result.kind == "incremental" and result.written == 1 and result.warnings == []
    assert "pagefind/" in recorded(build) and "index.html" in recorded(build)


def test_a_manifest_from_before_whole_folders_were_kept_names_the_search_index():
    import pickle

    from site_gen.build.cache import Manifest

    old = Manifest("fingerprint")
    del old.__dict__["whole"]  # as an older site-gen pickled it
    assert pickle.loads(pickle.dumps(old)).whole == ("pagefind",)


def test_without_the_cache_and_the_record_nothing_unknown_is_overwritten_or_deleted(deployed):
    """An output folder whose files site-gen has no record of (an older site-gen's build, the
    cache deleted): site-gen refuses to overwrite them and never deletes them."""
    root, build = deployed, deployed / "build"
    shutil.rmtree(root / ".site-gen-cache")
    (build / RECORD).unlink()
    before = snapshot(build)
    result = run_cli("build", "--no-search", cwd=root)
    assert result.returncode == 1
    assert "files site-gen did not write are where the build writes its own (404.html, blogs/" in result.stderr
    assert "refusing to overwrite them" in result.stderr and "nothing was written" in result.stderr
    assert snapshot(build) == before
    # once the old pages are gone (git rm), the same checkout builds
    git(build, "rm", "-rq", "--", *[p.name for p in build.iterdir() if p.name not in (".git", *USER_FILES, ".well-known")])
    result = run_cli("build", "--no-search", cwd=root)
    assert result.returncode == 0, result.stderr
    assert git(build, "log", "--format=%s") == "Deploy the weather desk\n" and (build / "CNAME").is_file()


def test_a_folder_with_strangers_is_still_refused_and_hosting_files_alone_are_not(tmp_path):
    write_site(tmp_path, {"content/2023-01-05-harbour.txt": FIRST, "docs/guide.md": "my guide",
                          "pages/CNAME": "x.example.org\n", "pages/.git/HEAD": "ref: refs/heads/gh-pages\n"})
    refused = run_cli("build", "--out", "docs", cwd=tmp_path)
    assert refused.returncode == 2 and "does not look like a built site" in refused.stderr
    assert run_cli("build", "--out", "pages", "--no-search", cwd=tmp_path).returncode == 0
    assert (tmp_path / "pages/CNAME").read_text() == "x.example.org\n"
    assert (tmp_path / "pages/.git/HEAD").read_text() == "ref: refs/heads/gh-pages\n"


def test_the_serve_preview_builds_in_its_own_folder(deployed, tmp_path):
    from site_gen.commands import serve

    root, build = deployed, deployed / "build"
    write_site(root, {"site.toml": SITE + 'keep = ["downloads"]\n'})
    before = snapshot(build)
    preview = serve.Preview(root / "content", root / "site.toml", tmp_path / "work")
    assert preview.rebuild()
    site_dir, errors, _ = preview.snapshot()
    assert errors == [] and (site_dir / "index.html").is_file() and (site_dir / RECORD).is_file()
    write_site(root, {"content/2023-01-05-harbour.txt": MORE})
    assert preview.rebuild()
    assert "First ferry leaves" in (site_dir / "blogs/2023-01-05-harbour.html").read_text(encoding="utf-8")
    assert snapshot(build) == before


def test_a_themes_dotfiles_are_not_published(deployed):
    root, build = deployed, deployed / "build"
    write_site(root, {"templates/static/.DS_Store": "finder", "templates/static/img/.gitkeep": "",
                      "templates/static/extra.css": "p { margin: 0 }"})
    result = run_cli("build", "--no-search", cwd=root)
    assert result.returncode == 0 and result.stderr == ""
    assert (build / "static/extra.css").is_file()
    assert not (build / "static/.DS_Store").exists() and not (build / "static/img").exists()


@pytest.mark.parametrize("setting, message", [
    ('keep = "CNAME"', "site.toml:3: error: setting 'keep' must be a list of text"),
    ('keep = ["../notes"]', "site.toml:3: error: 'keep' pattern '../notes' is not a path inside the output folder"),
    ('keep = ["/notes"]', "site.toml:3: error: 'keep' pattern '/notes' is not a path inside the output folder"),
])
def test_a_wrong_keep_setting_is_an_error_at_its_line(tmp_path, setting, message):
    write_site(tmp_path, {"site.toml": SITE + setting + "\n", "content/2023-01-05-harbour.txt": FIRST})
    result = run_cli("build", "--no-search", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr.startswith(message)
    assert not (tmp_path / "build").exists()


@pytest.mark.parametrize("pattern, kept, not_kept", [
    ("google*.html", ["google1234.html"], ["blogs/google1.html", "index.html"]),
    ("downloads", ["downloads", "downloads/a/b.zip"], ["downloads.zip", "blogs/downloads"]),
    ("downloads/", ["downloads/x"], ["downloadsx"]),
    ("**/*.pdf", ["a.pdf", "blogs/x/report.pdf"], ["a.pdfx", "pdf"]),
    ("files/*.zip", ["files/a.zip"], ["files/sub/a.zip", "a.zip"]),
    ("files/**/x", ["files/x", "files/a/b/x"], ["filesx", "other/x"]),
    ("img/[ab]?.png", ["img/a1.png", "img/bz.png"], ["img/c1.png", "img/a/b.png"]),
    ("[!x]*.txt", ["notes.txt"], ["xnotes.txt"]),
])
def test_keep_patterns(pattern, kept, not_kept):
    keep = Keep([pattern])
    assert [p for p in kept if not keep.covers(p)] == []
    assert [p for p in not_kept if keep.covers(p)] == []


def test_always_kept():
    keep = Keep()
    for rel in (".git", ".git/config", ".nojekyll", ".well-known/security.txt", "blogs/.DS_Store", "CNAME",
                "_headers", "_redirects"):
        assert keep.covers(rel), rel
    for rel in (RECORD, "index.html", "blogs/CNAME", "static/_headers", "blogs/a.html"):
        assert not keep.covers(rel), rel
