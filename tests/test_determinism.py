"""Byte-identical output: across builds, machine time zones (TZ), hash seeds, locales and
the order in which the file system lists the dumps.  Dates come from the content."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO, SAMPLE, write_site

OLDEST_FIRST = ("---\ntitle: Oldest first, New York\ntimezone: America/New_York\n---\n"
                "10:05: Polls open across the state\nLines are long.\n"
                "14:30: Turnout already above 2018\n>> Results map\n"
                "23:55: Networks call the race\nIt was close.\n")
# First entry at the same instant as another blog's (2022-11-10 06:00 UTC): the tie is broken by page name.
SAME_TIME_A = "---\ntitle: Same instant A\ntimezone: +05:30\n---\n11:30: Morning briefing\nText.\n"
SAME_TIME_B = "---\ntitle: Same instant B\ntimezone: UTC\n---\n06:00: Morning briefing\nText.\n"

# Run the CLI with the directory listings the build uses (Path.rglob/glob/iterdir, os.listdir,
# os.scandir) reversed, as another file system might list them.
REVERSED_LISTINGS = r"""
import os, pathlib, sys
for name in ("rglob", "glob", "iterdir"):
    real = getattr(pathlib.Path, name)
    setattr(pathlib.Path, name, (lambda real: lambda self, *a, **k: iter(list(real(self, *a, **k))[::-1]))(real))
real_listdir = os.listdir
os.listdir = lambda *a: real_listdir(*a)[::-1]
from site_gen.commands.cli import main
sys.exit(main(sys.argv[1:]))
"""


def build(root, out, env_changes, reversed_listings=False):
    env = dict(os.environ, PYTHONPATH=str(REPO), **env_changes)
    code = ["-c", REVERSED_LISTINGS] if reversed_listings else ["-m", "site_gen"]
    result = subprocess.run([sys.executable, *code, "build", "--out", str(out)], cwd=root, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical_across_tz_hash_seed_locale_and_listing_order(tmp_path):
    write_site(tmp_path, {
        "site.toml": (REPO / "site.toml").read_text(encoding="utf-8"),
        "content/2022-11-10-ukraine-kherson.txt": SAMPLE.read_text(encoding="utf-8"),
        "content/2022-11-08-election-night.txt": OLDEST_FIRST,
        "content/2022-11-10-same-instant-b.txt": SAME_TIME_B,
        "content/2022-11-10-same-instant-a.txt": SAME_TIME_A,
        "content/sub/2022-11-09-nested.md": OLDEST_FIRST.replace("New York", "Nested"),
    })
    first = build(tmp_path, tmp_path / "one", {"TZ": "UTC", "PYTHONHASHSEED": "0", "LC_ALL": "C"})
    second = build(tmp_path, tmp_path / "two", {"TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "4242",
                                                "LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, reversed_listings=True)
    third = build(tmp_path, tmp_path / "three", {"TZ": "America/Los_Angeles", "PYTHONHASHSEED": "random"})
    assert {"index.html", "blogs/2022-11-10-ukraine-kherson.html", "blogs/2022-11-08-election-night.html",
            "blogs/2022-11-09-nested.html", "blogs/2022-11-10-same-instant-a.html"} <= first.keys()
    assert first.keys() == second.keys() == third.keys()
    for name in first:
        assert first[name] == second[name], name
        assert first[name] == third[name], name
    # equal times never fall back on listing order: the tie is broken by page name (home: reverse order)
    home = first["index.html"].decode()
    assert home.index("Same instant B") < home.index("Same instant A")
