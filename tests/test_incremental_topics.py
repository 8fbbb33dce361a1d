"""The topics merge across builds: after each kind of edit that changes the topic index, an
incremental build writes exactly what a clean build of the same input writes, byte for byte.

The four edits of issue 22: one that adds a new topic, one that removes the last mention of a
topic, one that flips a merge decision (a new alias in topics.toml), and a removed dump.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import corpus
from site_gen.build.site import build

SITE_TOML = 'title = "Archive"\nbase_url = "https://archive.example.org/"\ntimezone = "Europe/Paris"\n'

# Two small dumps of our own, in the FRANCE 24 layout, that name a few topics more than once.
HARBOUR = """\
---
title: "Storm over the Baltic: ferries halted"
date: 2024-02-02
---
Ferries across the Baltic stayed in port on Friday. All times are Paris time (GMT+1).
9:05am: Ferries halted at Tallinn
The port of Tallinn kept every ferry in harbour as the storm reached Estonia. Marta Kask, who runs the port, said crews were safe.
10:40am: Helsinki waits
Ferries to Helsinki will not sail before noon, Marta Kask told reporters in Tallinn.
11:15am: Wind eases near Riga
The wind eased near Riga, and Latvia said its ports would reopen in the evening.
12:30pm: Power cuts on the islands
Saaremaa lost power for two hours. Crews restored it by noon.
"""

VALLEY = """\
---
title: "Floods in the valley: the day's events"
date: 2024-02-03
---
The river burst its banks overnight. All times are Paris time (GMT+1).
8:00am: Villages cut off near Tallinn
Rescue teams from Estonia reached the villages near Tallinn, and Marta Kask sent two ferries.
9:30am: Red Cross sends tents
The Red Cross sent tents to the valley, and Latvia offered pumps.
"""


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path) -> Path:
    content = tmp_path / "content"
    corpus.write_corpus(content, 6, 5)
    (content / "2024-02-02-baltic-storm.txt").write_text(HARBOUR, encoding="utf-8")
    (content / "2024-02-03-valley-floods.txt").write_text(VALLEY, encoding="utf-8")
    (tmp_path / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    (tmp_path / "topics.toml").write_text("", encoding="utf-8")
    return tmp_path


def sitebuild(site: Path, out: str = "build", **kw):
    kw.setdefault("search_index", False)
    return build(site / "content", site / out, site / "site.toml", **kw)


def rebuild_equals_clean(site: Path, read_again: int | None = None, links_unchanged: int | None = None,
                         kinds=("incremental",), unread: int | None = None):
    """Build incrementally on the kept output and cache, then clean into another folder: the same
    bytes.  `read_again`: how many blogs' entry topics the incremental build read again (the
    others' were taken from the last build, build/topics_rows.py); `unread`: how many of those
    taken were taken without hashing their reads (KeptRows.same_reading); `links_unchanged`: how
    many blogs' topic links it knew to be the last build's without making them (topics_phase.py)."""
    result = sitebuild(site)
    assert result.kind in kinds
    if read_again is not None:
        assert f", {read_again} read again" in next(n for n in result.notes if n.startswith("topics: "))
    if unread is not None:
        assert f"({unread} unread:" in next(n for n in result.notes if n.startswith("topics: "))
    if links_unchanged is not None:
        assert f"links: {links_unchanged} blogs'" in next(n for n in result.notes if n.startswith("topic links: "))
    clean = sitebuild(site, "clean-build", clean=True)
    assert clean.kind == "full"
    incremental, fresh = tree(site / "build"), tree(site / "clean-build")
    assert sorted(incremental) == sorted(fresh)
    assert [name for name in incremental if incremental[name] != fresh[name]] == []
    return incremental


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def topic_pages(files: dict[str, bytes]) -> set[str]:
    return {name for name in files if name.startswith("topics/") and name.count("/") == 1}


def test_an_edit_that_adds_a_new_topic(site):
    sitebuild(site)
    assert "topics/vilnius.html" not in tree(site / "build")
    edit(site / "content" / "2024-02-02-baltic-storm.txt", "The wind eased near Riga,",
         "The wind eased near Riga and Vilnius,")
    files = rebuild_equals_clean(site, read_again=1, links_unchanged=7, unread=7)  # (nothing else means more)
    page = files["topics/vilnius.html"].decode()
    assert "Wind eases near Riga" in page and "blogs/2024-02-02-baltic-storm.html#" in page


def test_an_edit_that_turns_a_word_into_a_name_elsewhere(site):
    """A word written only at the start of a sentence is not taken for a name until some entry
    writes it inside one: then the first entry names it too (a decision of the last build that
    read the evidence the edit changed is made again)."""
    sitebuild(site)
    assert "topics/saaremaa.html" not in tree(site / "build")
    edit(site / "content" / "2024-02-03-valley-floods.txt", "Latvia offered pumps.",
         "Latvia offered pumps, and ferries left for Saaremaa.")
    # (both blogs; a word of the other blog means something else now: every blog's reads are hashed)
    page = rebuild_equals_clean(site, read_again=2, unread=0)["topics/saaremaa.html"].decode()
    assert "Power cuts on the islands" in page and "Red Cross sends tents" in page


def test_an_edit_that_removes_the_last_mention_of_a_topic(site):
    sitebuild(site)
    assert "topics/helsinki.html" in tree(site / "build")
    edit(site / "content" / "2024-02-02-baltic-storm.txt", "Helsinki waits", "The northern route waits")
    edit(site / "content" / "2024-02-02-baltic-storm.txt", "Ferries to Helsinki will", "Ferries north will")
    files = rebuild_equals_clean(site, read_again=1)
    assert "topics/helsinki.html" not in files
    assert "feeds/topics/helsinki.atom" not in files
    assert b"helsinki.html" not in files["topics/index.html"]


def test_a_new_alias_in_topics_toml_flips_a_merge(site):
    sitebuild(site)
    before = tree(site / "build")
    assert "topics/tallinn.html" in before and "topics/estonia.html" in before
    (site / "topics.toml").write_text(
        '[[topic]]\nname = "Estonia"\naliases = ["Tallinn"]\n', encoding="utf-8")
    files = rebuild_equals_clean(site, read_again=8)  # (other knowledge: every blog read again)
    assert "topics/tallinn.html" not in files
    estonia = files["topics/estonia.html"].decode()
    assert "Ferries halted at Tallinn" in estonia and "Villages cut off near Tallinn" in estonia


def test_an_edit_elsewhere_that_changes_whom_a_surname_names(site):
    """A blog that writes only "Kask" names the site's only person of that surname; when the other
    blog no longer names her, the first is read again, though its dump did not change."""
    valley = site / "content" / "2024-02-03-valley-floods.txt"
    harbour = site / "content" / "2024-02-02-baltic-storm.txt"
    edit(valley, "and Marta Kask sent", "and Kask sent")
    sitebuild(site)
    assert "Villages cut off near Tallinn" in tree(site / "build")["topics/marta-kask.html"].decode()
    edit(harbour, "Marta Kask, who runs the port, said", "The harbour master said")
    edit(harbour, "Marta Kask told reporters", "officials told reporters")
    files = rebuild_equals_clean(site, read_again=2, unread=0)  # (the site's people changed)
    assert "topics/marta-kask.html" not in files
    assert "Villages cut off near Tallinn" in files["topics/kask.html"].decode()


def test_a_topic_renamed_by_an_edit_elsewhere_is_renamed_on_every_blog(site):
    """The valley blog is not read again (its words mean what they meant), but the topic it
    names has another name now: its page, which shows the topic's name, is made again."""
    harbour = site / "content" / "2024-02-02-baltic-storm.txt"
    sitebuild(site)
    assert "Marta Kask" in tree(site / "build")["blogs/2024-02-03-valley-floods.html"].decode()
    edit(harbour, "Marta Kask, who runs", "Márta Kask, who runs")
    edit(harbour, "Marta Kask told", "Márta Kask told")  # (now the commonest way of writing her)
    files = rebuild_equals_clean(site, read_again=1, links_unchanged=6)  # (not the valley's)
    assert "Márta Kask" in files["blogs/2024-02-03-valley-floods.html"].decode()


def test_a_build_that_failed_after_keeping_its_rows(site, monkeypatch):
    """The rows it kept are used, but not the shortcut to the topic links, which needs the
    manifest of the build that kept them."""
    harbour = site / "content" / "2024-02-02-baltic-storm.txt"
    sitebuild(site)
    edit(harbour, "Marta Kask, who runs", "Márta Kask, who runs")
    edit(harbour, "Marta Kask told", "Márta Kask told")

    def fails(*args):
        raise OSError("no space left on device")

    monkeypatch.setattr("site_gen.build.incremental._linked_jobs", fails)
    with pytest.raises(OSError):
        sitebuild(site)
    monkeypatch.undo()
    files = rebuild_equals_clean(site, read_again=0, links_unchanged=0)
    assert "Márta Kask" in files["blogs/2024-02-03-valley-floods.html"].decode()


def test_a_topic_page_that_only_another_topic_changed_is_made_again(site, monkeypatch):
    """Topic pages named by no blog whose rows changed are kept without hashing their inputs,
    unless what they show besides their rows changed: here "Narva", named by the valley blog
    only, gets a "See also" link to a topic an edit of the harbour blog adds."""
    import site_gen.render.topic_pages as step

    edit(site / "content" / "2024-02-03-valley-floods.txt", "and Latvia offered pumps.",
         "and Latvia offered pumps, and boats came from Narva.")
    sitebuild(site)
    assert "See also" not in tree(site / "build")["topics/narva.html"].decode()
    edit(site / "content" / "2024-02-02-baltic-storm.txt", "Crews restored it", "Crews from Narva Energia restored it")
    kept = []
    unchanged = step._Unchanged.pages
    monkeypatch.setattr(step._Unchanged, "pages",
                        lambda self, slug, head: unchanged(self, slug, head) and (kept.append(slug) or True))
    files = rebuild_equals_clean(site)
    assert 'See also: <a href="narva-energia.html">Narva Energia</a>' in files["topics/narva.html"].decode()
    assert "narva" not in kept and "tallinn" not in kept  # (named by the harbour blog)
    assert len(kept) > 0.9 * len(topic_pages(files))


def test_a_new_dump_older_than_the_others(site):
    """Its entries come first in the site's table of entries: every other blog's entries move
    down, so every blog is read again."""
    sitebuild(site)
    (site / "content" / "1999-01-05-ice-road.txt").write_text(
        "---\ntitle: \"Ice road opens\"\ndate: 1999-01-05\n---\nThe sea froze. All times are Paris time (GMT+1).\n"
        "9:00am: Ice road to Hiiumaa opens\nCars crossed the ice to Hiiumaa, Estonia said.\n", encoding="utf-8")
    files = rebuild_equals_clean(site, read_again=9)
    assert "Ice road to Hiiumaa opens" in files["topics/estonia.html"].decode()


def test_damaged_kept_rows_are_not_trusted(site):
    from site_gen.build import cache

    sitebuild(site)
    (cache.cache_dir(site / "build") / "topics-rows.bin").write_bytes(b"\0" * 64)
    edit(site / "content" / "2024-02-02-baltic-storm.txt", "The wind eased near Riga,",
         "The wind eased near Riga and Vilnius,")
    rebuild_equals_clean(site, read_again=8)


def test_a_removed_dump(site):
    sitebuild(site)
    red_cross = "topics/international-committee-of-the-red-cross.html"  # the gazetteer's name
    assert "Red Cross sends tents" in tree(site / "build")[red_cross].decode()
    (site / "content" / "2024-02-03-valley-floods.txt").unlink()
    files = rebuild_equals_clean(site, read_again=0, unread=7)
    assert "blogs/2024-02-03-valley-floods.html" not in files
    assert all(b"valley-floods" not in files[name] for name in topic_pages(files))
    latvia = files["topics/latvia.html"].decode()
    assert "Wind eases near Riga" in latvia and "Red Cross sends tents" not in latvia


NAMES = ("Marta Kask", "Kask", "Márta Kask", "Tallinn", "Vilnius", "Ingrid Vaskmaa", "Vaskmaa", "Narva",
         "Narva Energia", "Helsinki", "the Red Cross", "Saaremaa")


def test_rounds_of_random_edits_each_equal_a_clean_build(site):
    """Names added to and taken from entries of random dumps, a dump taken away and put back:
    after each round the incremental build equals a clean one (what each cache keeps is checked
    against everything it could have missed, not only the edits the tests above thought of).
    EDIT_SEED and EDIT_ROUNDS in the environment run other rounds."""
    import os
    import random
    import re

    rng = random.Random(int(os.environ.get("EDIT_SEED", "22")))
    sitebuild(site)
    dumps = sorted((site / "content").glob("*.txt"))
    added: list[tuple[Path, str]] = []
    away: dict[Path, str] = {}
    for _ in range(int(os.environ.get("EDIT_ROUNDS", "8"))):
        for _ in range(rng.randint(1, 3)):
            present = [d for d in dumps if d not in away]
            choice = rng.random()
            if choice < 0.15 and not away and len(present) > 2:
                dump = rng.choice(present)
                away[dump] = dump.read_text(encoding="utf-8")
                dump.unlink()
            elif choice < 0.3 and away:
                dump, text = away.popitem()
                dump.write_text(text, encoding="utf-8")
            elif choice < 0.5 and added:
                dump, sentence = added.pop(rng.randrange(len(added)))
                if dump not in away:
                    dump.write_text(dump.read_text(encoding="utf-8").replace(sentence, "", 1), encoding="utf-8")
            else:
                dump = rng.choice(present)
                lines = dump.read_text(encoding="utf-8").split("\n")
                headings = [i for i, line in enumerate(lines) if re.match(r"^\d{1,2}:\d\d[ap]m: ", line)]
                sentence = f" Later, {rng.choice(NAMES)} spoke of round {len(added)}."
                lines[rng.choice(headings) + 1] += sentence
                dump.write_text("\n".join(lines), encoding="utf-8")
                added.append((dump, sentence))
        rebuild_equals_clean(site, kinds=("incremental", "nothing changed"))  # (a round may undo itself)


def _scans(blogs: int, seed: int):
    from site_gen.read.parse import parse
    from site_gen.topics.scan import scan_blog

    texts = [corpus.blog_text(i + seed, 6) for i in range(blogs)]
    # (without their tags, which would add to what is known and so make the memo another's)
    return [scan_blog(parse(text, name))._replace(tags=()) for name, text in texts]


def test_a_memo_from_another_site_gives_the_judgement_of_a_clean_merge():
    """The memo's decisions are taken only where the evidence they read is unchanged: judging a
    site with the memo another site left gives what judging it afresh gives."""
    from site_gen.build.topics_memo import TopicsMemo
    from site_gen.topics.curated import Curated
    from site_gen.topics.index import judge

    before, after = _scans(30, 0), _scans(30, 12)  # 18 blogs shared, 12 gone, 12 new
    first, second = [], []
    judge(before, Curated(), memo=TopicsMemo("fingerprint", save=first.append))
    with_memo = judge(after, Curated(), memo=TopicsMemo("fingerprint", first[0], save=second.append))
    fresh = judge(after, Curated())
    assert with_memo.found_names == fresh.found_names
    assert second[0]["evidence"] == fresh.decider.ev  # (evidence made from the kept pieces' parts)
    assert sorted(with_memo.aliases.target.items()) == sorted(fresh.aliases.target.items())
    same = TopicsMemo("fingerprint", first[0])
    same.open(with_memo.know)
    assert same.kept is not None  # (the memo was used, not thrown away: the same knowledge)
    assert sum(1 for key in second[0]["decisions"] if key in first[0]["decisions"]) > 0
    other = TopicsMemo("another fingerprint", first[0])  # other code or options: nothing is taken
    other.open(with_memo.know)
    assert other.kept is None


def test_what_the_blogs_read_of_the_site_is_compared_part_by_part(tmp_path):
    """KeptRows.same_reading: blogs are taken unread only when every run, headline, forced name
    and credit line that both builds know means what it meant, and the site's people by surname
    and its ignored topics are the same; a run that only the new build knows changes nothing
    (no blog of both builds writes it)."""
    from types import SimpleNamespace

    from site_gen.build.store import Store
    from site_gen.build.topics_rows import KeptRows
    from site_gen.topics.packed import Reading

    tallinn, riga = ("Tallinn", "", ""), ("Riga", "", "")

    def reading(runs=(), titles=(), forced=(), everywhere=None, ignored=()):
        people = SimpleNamespace(surname={"marta kask": "kask"}, everywhere=everywhere or {"kask": {"marta kask"}},
                                 candidates={"kask"})
        return Reading({tallinn: (("tallinn", "Tallinn"),), riga: None, **dict(runs)},
                       ({"Clean-Up Begins": None, **dict(titles)}, {"NATO": (("nato", "NATO"),), **dict(forced)}),
                       people, {}, set(ignored), None, None, None)

    def same(new, credits=("baltic wire",), token=None):
        store = Store(tmp_path / "cache")
        first = KeptRows(store, None, scan_keys=["scan"])
        first.same_reading(reading(), lambda line: ("baltic wire",))
        first.reading["credits"] = {"(Baltic Wire)": ("baltic wire",)}  # (as close() leaves it)
        second = KeptRows(store, None, scan_keys=["scan"])
        second.old_reading = {**first.reading, "token": token or first.reading["token"]}
        return second.same_reading(new, lambda line: credits)

    assert same(reading())
    assert same(reading(runs={("Vilnius", "", ""): (("vilnius", "Vilnius"),)}))  # (a run new to the site)
    assert not same(reading(runs={riga: (("riga", "Riga"),)}))
    assert not same(reading(titles={"Clean-Up Begins": (("clean-up", "Clean-Up"),)}))
    assert not same(reading(forced={"NATO": (("north atlantic treaty organization", "NATO"),)}))
    assert not same(reading(), credits=("baltic wire", "nordic press"))
    assert not same(reading(everywhere={"kask": {"marta kask", "jaan kask"}}))
    assert not same(reading(ignored={"riga"}))
    assert not same(reading(), token="another build's")  # (what stood for what: saved by a build that failed)
