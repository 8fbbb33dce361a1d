"""The labelled test set: precision and recall of the topic index against hand-written labels.

tests/data/topics/gold.toml lists, for every entry of the sample dump and of three
hand-written dumps (an election night, a storm, wildfires), the topics a careful
reader would index it under.  A found topic matches a label when the label is its
name or one of its merged forms.  Micro precision and recall over (entry, topic)
pairs must both reach 0.9; run with -s to see the figures.
"""

from __future__ import annotations

import tomllib

import pytest

from conftest import REPO, SAMPLE
from site_gen.config import Config
from site_gen.model import Site
from site_gen.read.parse import parse
from site_gen.topics.index import add_topics
from site_gen.topics.extract import name_key
from site_gen.topics import known as topics_known

DATA = REPO / "tests" / "data" / "topics"
DUMPS = [SAMPLE] + sorted(DATA.glob("*.txt"))
BAR = 0.9


@pytest.fixture(scope="module")
def labelled_site() -> Site:
    blogs = [parse(p.read_text(encoding="utf-8"), p.name) for p in DUMPS]
    blogs.sort(key=lambda b: (b.first_published, b.slug))
    return add_topics(Site(Config(), tuple(blogs)))


@pytest.fixture(scope="module")
def gold() -> dict:
    return tomllib.loads((DATA / "gold.toml").read_text(encoding="utf-8"))


def score(site: Site, gold: dict, only: str | None = None) -> tuple[int, int, int, list[str]]:
    """True positives, false positives, false negatives, and a line per mistake."""
    by_slug = site.topics_by_slug
    tp = fp = fn = 0
    mistakes = []
    for blog in site.blogs:
        if only and blog.slug != only:
            continue
        labels = gold[blog.slug]
        assert set(labels) == {e.anchor for e in blog.entries}, f"gold.toml and {blog.slug} disagree on entries"
        for entry in blog.entries:
            wanted = {name_key(x): x for x in labels[entry.anchor]}
            matched: set[str] = set()
            for slug in entry.topics:
                topic = by_slug[slug]
                forms = {name_key(topic.name)} | {name_key(a) for a in topic.aliases}
                hit = sorted(k for k in wanted if k in forms and k not in matched)
                if hit:
                    matched.add(hit[0])
                    tp += 1
                else:
                    fp += 1
                    mistakes.append(f"{blog.slug}#{entry.anchor}: not a topic here: {topic.name}")
            for key in sorted(set(wanted) - matched):
                fn += 1
                mistakes.append(f"{blog.slug}#{entry.anchor}: missed: {wanted[key]}")
    return tp, fp, fn, mistakes


def test_precision_and_recall_on_the_labelled_set(labelled_site, gold):
    report = []
    for blog in labelled_site.blogs:
        tp, fp, fn, _ = score(labelled_site, gold, blog.slug)
        report.append(f"  {blog.slug}: precision {tp / (tp + fp):.3f}, recall {tp / (tp + fn):.3f} "
                      f"({tp} right, {fp} wrong, {fn} missed)")
    tp, fp, fn, mistakes = score(labelled_site, gold)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"\ntopic index on the labelled set: precision {precision:.3f}, recall {recall:.3f} "
          f"over {tp + fn} labelled (entry, topic) pairs")
    print("\n".join(report + [f"  {m}" for m in mistakes]))
    assert precision >= BAR and recall >= BAR, "\n".join(mistakes)


def test_every_entry_of_the_labelled_dumps_is_labelled(gold):
    for path in DUMPS:
        blog = parse(path.read_text(encoding="utf-8"), path.name)
        assert set(gold[blog.slug]) == {e.anchor for e in blog.entries}


SAMPLE_SUBJECTS = {
    # places
    "Kherson": (), "Mykolaiv": (), "Snihurivka": (), "Zaporizhzhia": (), "Crimea": (), "Mariupol": (),
    "Dnipro": ("Dnipro River", "River Dnipro"), "Kyiv": (), "Kharkiv": (), "Luhansk": (), "Black Sea": (),
    # people, their surnames merged
    "Oleksii Reznikov": ("Reznikov",), "Volodymyr Zelensky": ("Zelensky",),
    "Sergei Surovikin": ("Surovikin",), "Elon Musk": (), "Vladimir Putin": (), "Margarita Robles": ("Robles",),
    "Mykhailo Podolyak": (), "Valeriy Zaluzhnyi": (), "Hanna Malyar": (), "Maria Zolkina": ("Zolkina",),
    # organisations and companies
    "IAEA": (), "Amnesty International": ("Amnesty",), "Pentagon": (), "SpaceX": (), "Starlink": ("Starlinks",),
    "NATO": (), "United Nations": ("UN",), "Twitter": (), "Telegram": (),
    "Democracy Initiatives Foundation": (), "Republican Party": ("Republicans",),
    # countries, with their adjectives
    "South Korea": ("South Korean",), "Spain": ("Spanish",), "Russia": ("Russian", "Russians"),
    "Ukraine": ("Ukrainian", "Ukrainians"), "United States": ("US",), "Iran": ("Iranian",), "Belarus": (),
    # weapons systems and infrastructure
    "High Mobility Artillery Rocket Systems": ("HIMARS",), "Hawk": ("HAWK",),
    "Avenger": ("Avenger Air Defense Systems",), "Aspide": (), "Kakhovka dam": (), "Zaporizhzhia nuclear plant": (),
}


def test_the_sample_index_holds_the_subjects_of_the_coverage_each_under_one_name(labelled_site):
    by_name = {t.name: t for t in labelled_site.topics}
    for name, merged in SAMPLE_SUBJECTS.items():
        assert name in by_name, f"{name} is not a topic"
        assert set(merged) <= set(by_name[name].aliases), (name, by_name[name].aliases)
    # one topic per subject: no other topic carries one of these names
    for topic in labelled_site.topics:
        for name, merged in SAMPLE_SUBJECTS.items():
            if topic.name != name:
                assert not {name, *merged} & {topic.name, *topic.aliases}, (topic.name, name)


JUNK = {"The", "But", "Asked", "Thursday", "Wednesday", "Tuesday", "October", "Oct", "February", "President",
        "Minister", "Defence", "Defence Minister", "General", "Deputy", "Officials", "Other", "He", "They", "We",
        "It", "I", "Army", "House", "Efforts", "Talks", "Concern", "Locals", "Significant", "Significant Russian",
        "TV", "GDP", "Chief", "Foreign", "Air Defense Systems", "Polls", "Turnout", "Storm", "Reuters", "AP", "AFP",
        "FRANCE 24", "Sunday", "Monday", "September", "January", "Prime Minister", "Coxswain"}


def test_no_junk_topics(labelled_site):
    forms = {f for t in labelled_site.topics for f in (t.name, *t.aliases)}
    assert not forms & JUNK
    for topic in labelled_site.topics:
        for form in (topic.name, *topic.aliases):
            words = form.casefold().split()
            assert not (len(words) == 1 and (words[0] in topics_known.STOP or words[0] in topics_known.TITLES)), form
            assert not all(w in topics_known.GENERIC or w in topics_known.TITLES for w in words) or \
                any(w in topics_known.ORG_HEADS or w in topics_known.GEO_HEADS for w in words), form
