"""All or nothing: a failed build leaves build/ exactly as it was; a build killed (SIGKILL)
at any point leaves build/ either the old site or the new one, never half of either.

The kills are deterministic: the build runs in a child process that kills itself
with SIGKILL at a chosen point (the Nth file written, just after the swap, between
the two renames of the fallback).  No timing is involved.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from conftest import REPO, run_cli, write_site
from site_gen.build.output import patch, swap, writer

A = ("---\ntitle: Kherson\ntimezone: Europe/Paris\n---\n"
     "8:17pm: Russian withdrawal from Kherson\nIt will take a week.\n")
A2 = A + "9:30pm: Ukrainian troops enter the city\nCrowds in the square.\n"
B = "---\ntitle: Kyiv\ntimezone: Europe/Kyiv\n---\n9:00pm: Air raid sirens in Kyiv\nResidents sheltered.\n"


def snapshot(folder):
    """Every file under `folder` with its bytes; None when the folder does not exist."""
    if not folder.exists():
        return None
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path):
    """A site built once (the 'old' site), and the bytes the next build will produce (the 'new' one)."""
    root = tmp_path / "site"
    write_site(root, {"content/2022-11-10-a.txt": A})
    assert run_cli("build", cwd=root).returncode == 0
    old = snapshot(root / "build")
    write_site(root, {"content/2022-11-10-a.txt": A2, "content/2022-11-11-b.txt": B})
    assert run_cli("build", "--out", str(tmp_path / "expected"), cwd=root).returncode == 0
    new = snapshot(tmp_path / "expected")
    assert old and new and old != new
    return root, old, new


def leftovers(root):
    # .site-gen-cache/ is the incremental build's cache (see cache.py), not a leftover
    return sorted(p.name for p in root.iterdir()
                  if p.name not in ("content", "build", "templates", "site.toml", ".site-gen-cache"))


# ---- failures ----------------------------------------------------------------------------------

def test_content_error_in_the_second_file_leaves_build_unchanged(site):
    root, old, _ = site
    write_site(root, {"content/2022-11-11-b.txt": B + "25:61pm: Broken\n"})
    result = run_cli("build", cwd=root)
    assert result.returncode == 1
    assert 'content/2022-11-11-b.txt:7: error: time "25:61pm" is not a clock time' in result.stderr
    assert snapshot(root / "build") == old
    assert leftovers(root) == []


def test_render_failure_on_the_second_page_leaves_build_unchanged(site):
    root, old, _ = site
    write_site(root, {
        "site.toml": "",
        "templates/blog.html": ('{% extends "default:blog.html" %}\n{% block footer %}\n'
                                '{% if blog.slug.endswith("-b") %}{{ blog.no_such_thing.x }}{% endif %}\n'
                                '{% endblock %}\n'),
    })
    result = run_cli("build", cwd=root)
    assert result.returncode == 1
    assert result.stderr.startswith("templates/blog.html:3: error: template error: ")
    assert snapshot(root / "build") == old
    assert leftovers(root) == []


def test_disk_full_while_writing_leaves_build_unchanged(site, monkeypatch, capsys):
    root, old, _ = site
    real = writer.Writer.write

    def full(self, rel, data):
        if rel == "index.html":  # the disk fills up part way through the build
            raise OSError(28, "No space left on device", rel)
        return real(self, rel, data)

    monkeypatch.setattr(writer.Writer, "write", full)
    monkeypatch.chdir(root)
    from site_gen.commands.cli import main

    assert main(["build", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.endswith("site-gen: error: could not write the site: [Errno 28] No space left on device: "
                        "'index.html'; build was left as it was\n")
    assert snapshot(root / "build") == old
    assert leftovers(root) == []


def test_disk_full_while_the_archive_is_made_in_its_own_process_leaves_build_unchanged(site, monkeypatch, capsys):
    """The SQLite archive is made in a process of its own while the build goes on: its failure
    is the build's, reported as such, and nothing of the build goes live or stays behind."""
    root, old, _ = site
    from site_gen.render.data import archive

    def full(path, *args, **kwargs):
        path.write_bytes(b"half an archive")
        raise OSError(28, "No space left on device", "data/archive.sqlite")

    monkeypatch.setattr(archive, "write_archive", full)
    monkeypatch.chdir(root)
    from site_gen.commands.cli import main

    assert main(["build", "--quiet"]) == 1
    assert capsys.readouterr().err.endswith(
        "site-gen: error: could not write the site: [Errno 28] No space left on device: "
        "'data/archive.sqlite'; build was left as it was\n")
    assert snapshot(root / "build") == old
    assert leftovers(root) == []


def test_a_made_file_is_claimed_at_once_and_counted_when_finished(tmp_path):
    out = writer.Writer(tmp_path / "out")
    out.write("data/a.bin", lambda path, live: path.write_bytes(b"made"))
    with pytest.raises(writer.UnsafePath, match="data/a.bin written twice in one build"):
        out.write("data/a.bin", "again")
    assert out.changed == set()  # (not known before finish)
    out.finish()
    assert out.changed == {"data/a.bin"} and (tmp_path / "out" / "data" / "a.bin").read_bytes() == b"made"


def _two_parts(path, live, receive):
    path.write_bytes(b"first part, " + receive())  # (the rest: what send() gives, once it is sent)


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "without fork"])
def test_a_begun_file_waits_for_its_rest_and_a_large_rest_does_not_wait_for_it(tmp_path, monkeypatch, fork):
    """Writer.begin: the file's maker starts at once (in a process of its own) and receives its
    rest when the build sends it; sending a rest larger than a pipe holds returns at once (the
    child reads it when it is ready); where there is no fork, the maker runs when it is sent."""
    if not fork:
        monkeypatch.delattr(os, "fork", raising=False)
    out = writer.Writer(tmp_path / "out")
    state = {}
    out.begin("data/a.bin", _two_parts, state)
    with pytest.raises(writer.UnsafePath, match="data/a.bin written twice in one build"):
        out.write("data/a.bin", "again")
    rest = b"x" * (1 << 20)
    out.send("data/a.bin", rest)
    with pytest.raises(RuntimeError, match="sent to, but not begun"):
        out.send("data/a.bin", b"twice")
    out.finish()
    assert out.changed == {"data/a.bin"}
    assert (tmp_path / "out" / "data" / "a.bin").read_bytes() == b"first part, " + rest


def test_a_begun_file_never_sent_its_rest_fails_the_build_and_one_abandoned_stops(tmp_path):
    out = writer.Writer(tmp_path / "out")
    out.begin("data/a.bin", _two_parts)
    with pytest.raises(RuntimeError, match="data/a.bin: begun, but never sent the rest"):
        out.finish()
    out = writer.Writer(tmp_path / "other")
    out.begin("data/b.bin", _two_parts)
    out.abandon()  # (the build failed before it could send the rest: the maker is stopped, not waited for)
    assert not (tmp_path / "other" / "data" / "b.bin").exists()


def test_a_failure_in_the_topics_phase_stops_the_archive_begun_before_it(site, monkeypatch, capsys):
    """The archive is begun before the topics phase (exports' early step): a build that fails
    there stops it, and leaves build/ as it was."""
    from site_gen.build import incremental
    from site_gen.commands.cli import main

    root, old, _ = site
    begun = []
    real_begin = writer.Writer.begin
    monkeypatch.setattr(writer.Writer, "begin", lambda self, path, *a: begun.append(path) or real_begin(self, path, *a))

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", "topics-rows.bin")

    monkeypatch.setattr(incremental, "topics_phase", broken)
    monkeypatch.chdir(root)
    assert main(["build", "--quiet"]) == 1
    assert begun == ["data/archive.sqlite"]
    assert "No space left on device: 'topics-rows.bin'; build was left as it was" in capsys.readouterr().err
    assert snapshot(root / "build") == old
    assert leftovers(root) == []


def test_the_first_build_failing_writes_no_build_folder(tmp_path):
    write_site(tmp_path, {"content/2022-11-10-a.txt": A, "content/2022-11-11-b.txt": "no heading\n"})
    assert run_cli("build", cwd=tmp_path).returncode == 1
    assert not (tmp_path / "build").exists() and leftovers(tmp_path) == []



def test_a_failure_after_the_output_changed_says_so(site, monkeypatch, capsys):
    """Only errors before the output changes may say it was left as it was: a failure while
    an incremental build moves its files in, or while the cache is saved, says what happened."""
    from site_gen.build import store
    from site_gen.commands.cli import main

    root, old, new = site
    monkeypatch.chdir(root)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(patch, "_remove_others", full)  # (after the changed files were moved in)
        assert main(["build", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "could not finish updating" in err and "the next build repairs it" in err
    assert "left as it was" not in err and leftovers(root) == []
    with monkeypatch.context() as m:
        m.setattr(store.Store, "save", full)
        assert main(["build", "--quiet", "--clean"]) == 1
    err = capsys.readouterr().err
    assert "but its cache could not be saved" in err and "builds everything again" in err
    assert snapshot(root / "build") == new and leftovers(root) == []
    assert main(["build", "--quiet"]) == 0
    assert snapshot(root / "build") == new


# ---- kills -------------------------------------------------------------------------------------

KILLER = r"""
import os, signal, sys
from site_gen.build.output import swap, writer

point, n = sys.argv[1], int(sys.argv[2])

def die():
    os.kill(os.getpid(), signal.SIGKILL)

if point == "write":                       # die in the middle of the nth file
    real_write, count = writer.Writer.write, [0]
    def write_then_die(self, rel, data):
        count[0] += 1
        if count[0] == n:
            target = self.root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            data = data.encode() if isinstance(data, str) else data
            target.write_bytes(data[: len(data) // 2])
            die()
        return real_write(self, rel, data)
    writer.Writer.write = write_then_die
elif point == "before-swap":
    real_swap = swap.swap_in
    swap.swap_in = lambda stage, out: die()
elif point == "after-exchange":           # the new site is in, the old one not yet deleted
    real_exchange = swap.exchange
    def exchange_then_die(a, b):
        assert real_exchange(a, b)
        die()
    swap.exchange = exchange_then_die
elif point == "fallback":                 # no renameat2: die after the nth of the two renames
    swap.exchange = lambda a, b: False
    real_replace, count = os.replace, [0]
    def replace_then_die(a, b):
        real_replace(a, b)
        count[0] += 1
        if count[0] == n:
            die()
    os.replace = replace_then_die

from site_gen.commands.cli import main
sys.exit(main(sys.argv[3:]))
"""


def killed_build(root, point, n=1, *args):
    """(A build after an edit patches build/ in place; `--clean` in `args` makes it build a
    fresh folder and swap it in.)"""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", KILLER, point, str(n), "build", "--quiet", *args], cwd=root, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr
    return result


@pytest.mark.parametrize("fresh", [False, True])
@pytest.mark.parametrize("n", [1, 2, 3])
def test_killed_while_writing_leaves_the_old_site(site, n, fresh):
    root, old, new = site
    killed_build(root, "write", n, *(["--clean"] if fresh else []))
    assert snapshot(root / "build") == old
    assert leftovers(root) != []  # the dead build's stage, swept by the next build
    assert run_cli("build", cwd=root).returncode == 0
    assert snapshot(root / "build") == new
    assert leftovers(root) == []


def test_killed_just_before_the_swap_leaves_the_old_site(site):
    root, old, new = site
    killed_build(root, "before-swap", 1, "--clean")
    assert snapshot(root / "build") == old
    assert run_cli("build", cwd=root).returncode == 0
    assert snapshot(root / "build") == new and leftovers(root) == []


@pytest.mark.skipif(swap._renameat2() is None, reason="renameat2 is Linux only")
def test_killed_just_after_the_atomic_exchange_has_the_new_site(site):
    root, old, new = site
    killed_build(root, "after-exchange", 1, "--clean")
    assert snapshot(root / "build") == new
    stale = [p for p in root.iterdir() if p.name.startswith("build.tmp-")]
    assert [snapshot(p) for p in stale] == [old]  # the previous site, waiting to be deleted
    assert run_cli("build", cwd=root).returncode == 0
    assert snapshot(root / "build") == new and leftovers(root) == []


def test_fallback_killed_between_the_two_renames_is_repaired_by_the_next_build(site):
    """Without renameat2 there is a moment with no build/ at all (never a half one);
    the next build puts the old site back before it starts."""
    root, old, new = site
    killed_build(root, "fallback", 1, "--clean")
    assert snapshot(root / "build") is None
    [moved] = [p for p in root.iterdir() if p.name.startswith("build.old-")]
    assert snapshot(moved) == old
    swap.sweep_stale(root / "build")
    assert snapshot(root / "build") == old and leftovers(root) == []


def test_fallback_swap_without_kill(site, monkeypatch):
    root, old, new = site
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)
    monkeypatch.chdir(root)
    from site_gen.commands.cli import main

    assert main(["build", "--quiet", "--clean"]) == 0  # (a fresh folder: swapped in)
    assert snapshot(root / "build") == new and leftovers(root) == []


def test_exchange_swaps_two_folders(tmp_path):
    if swap._renameat2() is None:
        pytest.skip("renameat2 is Linux only")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one").write_text("1")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two").write_text("2")
    assert swap.exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["two"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["one"]


def test_a_live_builds_stage_is_not_swept(tmp_path):
    out = tmp_path / "build"
    live = tmp_path / f"build.tmp-{os.getppid()}"  # our parent is alive
    live.mkdir()
    swap.sweep_stale(out)
    assert live.exists()
