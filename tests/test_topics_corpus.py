"""The topic index of the broadened bench corpus (bench/corpus.py): a world-wide vocabulary in
sentences that put two names side by side with a small word.  No topic is two names glued
together; the names that hold a small word stay whole.  Run with -s to see the counts."""

from __future__ import annotations

import re

import pytest

from bench import corpus
from site_gen.config import Config
from site_gen.model import PARAGRAPH, Site
from site_gen.read.parse import parse
from site_gen.topics.extract import name_key
from site_gen.topics.gazetteer import Knowledge
from site_gen.topics.glue import joints, parts
from site_gen.topics.index import add_topics

BLOGS, ENTRIES = 120, 12
WHOLE = ["Bank of England", "Department for Education", "Transport for Wales", "Bosnia and Herzegovina",
         "Trinidad and Tobago", "Reserve Bank of India", "University of Lagos", "Bank of Japan",
         "Organization of American States", "Food and Agriculture Organization"]


@pytest.fixture(scope="module")
def site() -> Site:
    blogs = [parse(text, name) for name, text in (corpus.blog_text(i, ENTRIES) for i in range(BLOGS))]
    blogs.sort(key=lambda b: (b.first_published, b.slug))
    return add_topics(Site(Config(), tuple(blogs)))


def vocabulary() -> set[str]:
    """Keys of every name the corpus writes: places, organisations, companies, people and surnames."""
    names = set()
    for region in corpus.REGIONS.values():
        names.update(region.places, region.companies, region.last)
        names.update(o.removeprefix("the ") for o in region.orgs)
        names.update(f"{f} {s}" for f in region.first for s in region.last)
    names.update(o.removeprefix("the ") for o in corpus.GLOBAL_ORGS)
    return {name_key(n) for n in names}


def glued(form: str, known: set[str]) -> bool:
    """Whether a written form is two known names joined by a small word ("Abuja for the IMF"):
    the parts on either side of a small word, or everything before and after it, both known."""
    words = form.split()
    where = joints(words)
    keys = [name_key(" ".join(p)) for p in parts(words, where)]
    return any(keys[k] in known and keys[k + 1] in known
               or name_key(" ".join(words[:s])) in known and name_key(" ".join(words[e:])) in known
               for k, (s, e) in enumerate(where))


def test_no_topic_is_two_known_names_glued_by_a_small_word(site):
    know = Knowledge.builtin()
    known = vocabulary() | set(know.canonical)
    whole = {name_key(n) for n in WHOLE}
    joined = [f for t in site.topics for f in (t.name, *t.aliases) if joints(f.split())]
    bad = [f for f in joined if name_key(f) not in whole | known and glued(f, known)]
    print(f"\nbench corpus, {BLOGS} blogs x {ENTRIES} entries: {len(site.topics)} topics, "
          f"{len(joined)} written forms with a small word inside, {len(bad)} glued")
    assert bad == []
    assert joined  # the corpus does write names with a small word inside


def test_the_names_that_hold_a_small_word_stay_whole(site):
    by_name = {t.name: t for t in site.topics}
    for name in WHOLE:
        assert name in by_name, name
        assert len(by_name[name].mentions) > 1


def test_names_side_by_side_are_indexed_apart_in_the_entry_that_writes_them(site):
    by_slug = site.topics_by_slug
    checked = 0
    shape = re.compile(r"\b[A-Z]\w+ [A-Z]\w+ arrives in ([A-Z][\w ]*?) for (?:the )?([A-Z][\w ]*?) talks")
    for blog in site.blogs:
        for entry in blog.entries:
            topics = {name_key(n) for s in entry.topics
                      for n in (by_slug[s].name, *by_slug[s].aliases)}
            for block in entry.blocks:
                if block.kind != PARAGRAPH:
                    continue  # ">> ..." lines are other articles
                for place, org in shape.findall(block.text):
                    if not all(w[:1].isupper() for w in org.split()) or org in blog.credit.text:
                        continue  # "the Ukrainian army" is Ukraine; the credit line's agencies are sources
                    assert name_key(place) in topics and name_key(org) in topics, (block.text, topics)
                    checked += 1
    assert checked > 50
