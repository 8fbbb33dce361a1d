"""Topic extraction and merging, on small dumps written in the tests."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, SAMPLE
from site_gen.config import Config
from site_gen.model import Site
from site_gen.read.parse import parse
from site_gen.topics.index import add_topics, topic_entries


def dump(*entries: str, date="2024-03-05", tz="UTC", extra="") -> str:
    return f"---\ndate: {date}\ntimezone: {tz}\n{extra}---\n" + "\n".join(entries) + "\n"


def site_of(*dumps: tuple[str, str], curated=None) -> Site:
    blogs = [parse(text, name) for name, text in dumps]
    blogs.sort(key=lambda b: (b.first_published, b.slug))
    return add_topics(Site(Config(), tuple(blogs)), curated)


def names(site: Site, blog: int = 0, entry: int = 0) -> set[str]:
    """Topic names of one entry (entries in chronological order)."""
    by_slug = site.topics_by_slug
    return {by_slug[s].name for s in site.blogs[blog].entries[entry].topics}


def topic(site: Site, name: str):
    return next(t for t in site.topics if t.name == name)


def test_words_that_only_start_sentences_are_not_topics_but_names_are():
    site = site_of(("a.txt", dump(
        "10:00: Talks resume",
        "Asked about the plan, Kovalenko said nothing. Efforts to reach Madrid failed.",
        "11:00: Second meeting",
        "Madrid at the start of the month said it would help. Officials told Kovalenko to wait.",
    )))
    assert names(site, 0, 0) == {"Kovalenko", "Madrid"}
    assert names(site, 0, 1) == {"Kovalenko", "Madrid"}


def test_a_word_seen_only_at_sentence_starts_is_not_a_name():
    site = site_of(("a.txt", dump("10:00: Update", "Zarvek said the road was closed. Zarvek added more.")))
    assert names(site) == set()


def test_possessives_and_curly_apostrophes_merge():
    site = site_of(("a.txt", dump("10:00: Update", "Russia's army and Moscow’s forces moved. The talks in Moscow ended.")))
    assert names(site) == {"Russia", "Moscow"}
    assert topic(site, "Russia").mentions[0].text == "Russia"


def test_titles_are_cut_and_surnames_merge_within_a_blog():
    site = site_of(("a.txt", dump(
        "10:00: Minister speaks",
        "Defence Minister Oleksii Reznikov said the plan held.",
        "11:00: Reznikov again",
        "Later, Reznikov told reporters more.",
    )))
    assert names(site, 0, 0) == {"Oleksii Reznikov"}
    assert names(site, 0, 1) == {"Oleksii Reznikov"}
    assert topic(site, "Oleksii Reznikov").aliases == ("Reznikov",)


def test_the_same_surname_in_two_blogs_goes_to_each_blogs_own_person():
    a = dump("10:00: One", "Anna Berg said yes.", "11:00: Two", "Then Berg said no.", date="2024-03-05")
    b = dump("10:00: One", "Tomas Berg said maybe.", "11:00: Two", "Later Berg left.", date="2024-04-01")
    site = site_of(("a.txt", a), ("b.txt", b))
    assert names(site, 0, 1) == {"Anna Berg"}
    assert names(site, 1, 1) == {"Tomas Berg"}


def test_case_variants_merge_under_the_mixed_case_form():
    site = site_of(("a.txt", dump("10:00: Air defence", "It sent HAWK launchers and ammunition for the Hawk system.")))
    assert names(site) == {"Hawk"}
    assert topic(site, "Hawk").aliases == ("HAWK",)


def test_adjectives_stand_for_their_country_but_not_languages():
    site = site_of(("a.txt", dump("10:00: Coast", "The Swedish government helped towns on the Finnish-speaking coast.")))
    assert names(site) == {"Sweden"}


def test_acronym_definitions_merge_long_and_short_forms():
    site = site_of(("a.txt", dump(
        "10:00: Party result",
        "Tomas Lindqvist, leader of the National Renewal Party (NRP), conceded.",
        "11:00: Rockets",
        "There will be ammunition for the High Mobility Artillery Rocket Systems, known as HIMARS, it said.",
        "12:00: NRP gains",
        "The NRP won three seats.",
    )))
    party = topic(site, "National Renewal Party")
    assert party.aliases == ("NRP",) and len(party.mentions) == 2
    assert names(site, 0, 1) == {"High Mobility Artillery Rocket Systems"}
    assert names(site, 0, 0) == {"Tomas Lindqvist", "National Renewal Party"}


def test_title_case_headlines_only_give_names_known_elsewhere():
    site = site_of(("a.txt", dump(
        "08:00: Ferries Cancelled Between Holyhead And Dublin Port",
        "Sailings from Holyhead were cancelled by the operator.",
    )))
    assert names(site) == {"Holyhead", "Dublin"}


def test_infrastructure_nouns_make_a_named_thing():
    site = site_of(("a.txt", dump("10:00: Dam", "He said Russia might blow up the Kakhovka dam as it withdraws.")))
    assert names(site) == {"Russia", "Kakhovka dam"}


def test_generic_words_around_a_name_merge_into_it():
    site = site_of(("a.txt", dump(
        "10:00: River", "Forces crossed the Dnipro River and then the Dnipro again.",
        "11:00: Systems", "It includes Avenger air defence systems and more Avenger Air Defense Systems.",
    )))
    assert names(site, 0, 0) == {"Dnipro"} and topic(site, "Dnipro").aliases == ("Dnipro River",)
    assert names(site, 0, 1) == {"Avenger"}


def test_credit_line_sources_lede_and_related_lines_are_not_topics():
    site = site_of(("a.txt", dump(
        "Follow Kyiv news with us.",
        "10:00: Update",
        "It was calm in Kherson, Reznikov told Reuters.",
        ">> Warsaw hosts talks",
        "(Nordic Wire with Reuters and AFP)",
    )))
    assert names(site) == {"Reznikov", "Kherson"}


def test_abbreviations_do_not_end_sentences():
    site = site_of(("a.txt", dump("10:00: Visit", "He met Mr. Kowalczyk and Dr. Nowak in the capital.")))
    assert names(site) == {"Kowalczyk", "Nowak"}


def test_weekdays_months_pronouns_and_titles_alone_are_never_topics():
    site = site_of(("a.txt", dump(
        "10:00: Statement",
        "On Thursday the President said in October that We and They would meet the Minister. "
        "The Army and the House agreed, Officials said.",
    )))
    assert names(site) == set()


def test_mentions_are_chronological_across_blogs_and_feed_helper_pairs_blog_and_entry():
    later = dump("09:00: Kherson later", "It was quiet in Kherson.", date="2024-05-01")
    earlier = dump("09:00: Kherson earlier", "It was loud in Kherson.", "10:00: Again", "Sirens in Kherson.",
                   date="2024-01-01")
    site = site_of(("later.txt", later), ("earlier.txt", earlier))
    kherson = topic(site, "Kherson")
    assert [(m.blog, m.anchor) for m in kherson.mentions] == [
        ("earlier", "20240101-0900-kherson-earlier"), ("earlier", "20240101-1000-again"),
        ("later", "20240501-0900-kherson-later")]
    pairs = dict(topic_entries(site))[kherson]
    assert [(b.slug, e.anchor) for b, e in pairs] == [(m.blog, m.anchor) for m in kherson.mentions]
    assert site.blogs[0].entries[0].topics == ("kherson",)


def test_tags_list_the_blog_on_the_topic_page_and_merge_like_names():
    site = site_of(("a.txt", dump("10:00: Vote", "Turnout was high in Helsinki.", extra="tags: [Finnish, Elections 2027]\n")))
    finland = topic(site, "Finland")
    assert finland.blogs == ("a",) and finland.mentions == ()
    assert topic(site, "Elections 2027").blogs == ("a",)


def _topics_json(blogs_order_seed: int | None) -> str:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in [SAMPLE, *sorted((REPO / "tests/data/topics").glob("*.txt"))]]
    if blogs_order_seed is not None:
        random.Random(blogs_order_seed).shuffle(texts)
    blogs = [parse(t, n) for n, t in texts]
    site = add_topics(Site(Config(), tuple(blogs)))
    return json.dumps([[t.slug, t.name, list(t.aliases), [list(m[1:]) for m in t.mentions]] for t in site.topics]
                      + [[b.slug, [list(e.topics) for e in b.entries]] for b in sorted(site.blogs, key=lambda b: b.slug)])


def test_same_topics_slugs_and_order_whatever_the_file_order():
    first = _topics_json(None)
    assert _topics_json(1) == first
    assert _topics_json(7) == first


def test_same_topics_whatever_the_hash_seed():
    code = ("import sys; sys.path.insert(0, 'tests'); import test_topics_extract as t; "
            "sys.stdout.write(t._topics_json(None))")
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(REPO))
        out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        outputs.add(out.stdout)
    assert len(outputs) == 1


def test_slugs_are_unique_stable_and_never_index():
    from site_gen.topics.merge import assign_slugs
    slugs = assign_slugs({"c": "C++", "c2": "C#", "i": "Index", "k": "Київ"}, {})
    assert slugs == {"c": "c-2", "c2": "c", "i": "index-topic", "k": "topic-" + slugs["k"][6:]}  # "c#" < "c++"
    assert len(slugs["k"]) == len("topic-") + 8
    assert assign_slugs({"c": "C++", "c2": "C#", "i": "Index", "k": "Київ"}, {}) == slugs


def test_names_in_other_scripts_are_found_and_get_a_usable_slug():
    site = site_of(("a.txt", dump("10:00: Новини", "Сирени лунали у місті Київ, повідомив Кличко.")))
    kyiv = topic(site, "Київ")
    assert names(site) == {"Київ", "Кличко"}
    assert kyiv.slug.startswith("topic-")


_TOKENS = st.sampled_from(list("abcXYZ .,'\"()-:!?É") + [
    "Kyiv ", "The ", "U.S. ", "NATO ", "Mr. ", " of ", "River ", " dam", "(IAEA) ", ", known as HIMARS ",
    "Anna Berg ", "Berg ", "Thursday ", "Russian ", "Swedish-speaking ", "[Volodymyr] "])
_PARAGRAPH = st.lists(_TOKENS, max_size=40).map("".join)


@given(st.lists(_PARAGRAPH, min_size=1, max_size=4))
@settings(max_examples=60, deadline=None)
def test_any_text_gives_consistent_topics(paragraphs):
    lines = [f"1{i}:00: Entry {i}\nText {p.strip()}" for i, p in enumerate(paragraphs)]
    site = site_of(("a.txt", dump(*lines)))
    slugs = {t.slug for t in site.topics}
    for entry in site.blogs[0].entries:
        assert set(entry.topics) <= slugs and list(entry.topics) == sorted(entry.topics)
    for t in site.topics:
        assert t.mentions and all(m.anchor in {e.anchor for e in site.blogs[0].entries} for m in t.mentions)
