"""The topics phase: the model in, the same model with topics out.  Pure: no files, no clock.

    add_topics(site, curated) -> Site      Site.topics filled, each Entry.topics = its topic slugs
    merge_scans([BlogScan, ...], curated) -> TopicIndex    the site-wide part, from scans alone
    topic_entries(site) -> [(Topic, [(Blog, Entry), ...]), ...]    for per-topic feeds

Each blog is read once (scan.py's scan_blog, with extract.py finding the runs of
capitalised words); everything after works on the distinct runs found (names.py judges
them), so a large site costs little more than reading it.  Merging rules are in merge.py,
the packed form of each entry's topics in packed.py; docs/topics.md explains them to site
owners.
"""

from __future__ import annotations

import dataclasses
import gc
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from site_gen.model import Blog, Entry, Site, Topic, entry_months
from site_gen.topics.curated import Curated
from site_gen.topics.extract import name_key, starts_sentence
from site_gen.topics.merge import Aliases, assign_slugs, display_name, is_person
from site_gen.topics.gazetteer import Knowledge
from site_gen.topics.languages.places import add_known, places_of
from site_gen.topics.languages.words import base
from site_gen.topics.names import Decider, gather_evidence, run_evidence, segments
from site_gen.topics.packed import EntryTopics, Found, Reading, mentions_of, read_rows
from site_gen.topics.scan import BlogScan, curated_pattern, scan_blog

__all__ = ["TopicIndex", "add_topics", "merge_scans", "topic_entries"]


def add_topics(site: Site, curated: Curated | None = None) -> Site:
    """Find the topics of every entry; return the site with Site.topics and Entry.topics filled."""
    with collector_paused():
        return _add_topics(site, curated or Curated())


@contextmanager
def collector_paused():
    """The cyclic garbage collector off for a while (also around a build's whole topics phase).

    This phase makes hundreds of thousands of small tuples and no reference cycles; the
    collector would otherwise walk the whole model again and again (40% of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class BlogEntries(NamedTuple):
    """What the topics phase keeps of each blog's scan after reading it."""

    slug: str
    title: str
    entries: Sequence  # ((published, anchor), ...) in the blog's order (an _Entries)


class _Entries(Sequence):
    """A blog's ((published, anchor), ...) in its order, read from the site's table of entries
    (a pair made on access: a site's worth of pairs, beside the table, was 21 MiB at 10,000 blogs)."""

    __slots__ = ("table", "places")

    def __init__(self, table: tuple, places: array):
        self.table = table  # ((published, blog slug, anchor), ...) sorted
        self.places = places  # array("i"): each entry's place in `table`

    def __len__(self) -> int:
        return len(self.places)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return tuple(self)[k]
        published, _, anchor = self.table[self.places[k]]
        return published, anchor

    def __iter__(self):
        table = self.table
        for p in self.places:
            published, _, anchor = table[p]
            yield published, anchor


@dataclass(frozen=True)
class TopicIndex:
    """The topics phase's result: the topics, and each entry's topics (blog by blog, in site order)."""

    topics: tuple[Topic, ...]  # sorted by name
    entries: Sequence  # per blog: per entry ((slug, written), ...) sorted by slug (made on access)
    blogs: tuple[BlogEntries, ...] = ()  # per blog, in site order


def merge_scans(scans: Iterable[BlogScan], curated: Curated | None = None, rows=None,
                language: str = "en", memo=None, kept_rows=None) -> TopicIndex:
    """Every blog's scan (in site order) -> the site's topics.  Site-wide: names merge across blogs.

    `scans` is read twice, one scan at a time (it may load them from the cache each time):
    first for the site-wide counts the names are judged on, then blog by blog for each
    entry's topics.  No more than one blog's scan is held at once.  `rows` receives each blog's
    packed topics as the blog is done (append), and gives them back (TopicIndex.entries reads
    it by position): a list unless given (build/topics_phase.py keeps them in a file).
    `language` is the site's: known names are shown in it ("Russie" on a French site).  `memo`: see judge;
    `kept_rows`: each blog's packed topics from the last build (packed.read_rows).
    """
    with collector_paused():
        return _merge(scans, curated or Curated(), rows, language, memo, kept_rows)


def _add_topics(site: Site, curated: Curated) -> Site:
    extra = curated_pattern(curated)
    index = _merge([scan_blog(b, extra=extra) for b in site.blogs], curated, language=site.config.language)
    blogs = []
    for blog, entries in zip(site.blogs, index.entries):
        blogs.append(dataclasses.replace(blog, entries=tuple([
            e.with_topics(tuple(slug for slug, _ in topics)) for e, topics in zip(blog.entries, entries)])))
    return dataclasses.replace(site, blogs=tuple(blogs), topics=index.topics)


@dataclass
class Judged:
    """The first reading of a site's scans: what its names are and which forms are one topic."""

    know: Knowledge
    decider: Decider
    aliases: Aliases
    found_names: dict  # run -> the names it holds
    title: Counter  # title-case headline runs -> occurrences
    forced: Counter  # names found as written -> occurrences
    table: tuple  # ((published, blog slug, anchor), ...) sorted
    blogs: list  # BlogEntries per blog, in site order
    tags: list  # each blog's tags


def judge(scans: Iterable[BlogScan], curated: Curated, language: str = "en", memo=None) -> Judged:
    """Read every scan once for the site-wide counts, then judge each distinct run and merge the
    names found (`site-gen topics --explain` reads the same judgement).  Known names are shown
    in the site's `language` (languages/places.py).  A `memo` gives what an earlier build judged
    of the same runs and evidence (build/topics_memo.py: the same answers, pure functions)."""
    know = Knowledge.builtin()
    local = places_of(language).local if base(language) != "en" else {}
    if local:
        know.rename(local, f"CLDR's names in {language} (Babel), the site's language")
    for topic in curated.topics:
        know.add(topic.name, topic.aliases, curated=True, origin=f"curated in {curated.path or 'topics.toml'}")
    know.ignore = {name_key(n) for n in curated.ignore}
    definitions: Counter = Counter()
    runs: Counter = Counter()
    title: Counter = Counter()
    forced: Counter = Counter()
    items: list[tuple] = []  # (published, blog slug, anchor) of every entry, blog by blog
    spans: list[tuple[str, str, int]] = []  # per blog: slug, title, where its entries end in `items`
    tags: list[tuple[str, ...]] = []
    for scan in scans:
        for tag in scan.tags:
            if name_key(tag) not in know.canonical:
                know.add(tag, origin=f"a tag of the blog {scan.slug}")
        for form, canonical, kind in scan.known:
            if name_key(form) not in know.canonical:
                add_known(know, form, local.get(canonical, canonical), kind, scan.language)
        for run, n in zip(scan.runs, scan.counts):
            runs[run] += n
        title.update(chain.from_iterable(filter(None, scan.titles)))
        forced.update(chain.from_iterable(filter(None, scan.forced)))
        for pair, n in scan.definitions:
            definitions[pair] += n
        items.extend([(published, scan.slug, anchor) for published, anchor in scan.entries])
        spans.append((scan.slug, scan.title, len(items)))
        tags.append(scan.tags)
    table, blogs = _table(items, spans)
    del items

    # Everything below works on distinct runs of words, not on occurrences.
    defined = {long_form for _, long_form in definitions}
    if memo is None:
        pieces = {run: segments(know, run[0], starts_sentence(run)) for run in runs}
        evidence = gather_evidence(((segs, runs[run]) for run, segs in pieces.items()), know, defined)
        decider = Decider(know, evidence)
    else:
        memo.open(know)
        pieces, parts = memo.pieces(runs, lambda run: segments(know, run[0], starts_sentence(run)),
                                    lambda segs: run_evidence(segs, know))
        evidence = memo.evidence(parts, runs, defined)
        decider = Decider(know, memo.watch(evidence), memo=memo)
        del parts
    counts: Counter = Counter()
    found_names: dict = {}
    for run, segs in pieces.items():
        if isinstance(segs, str):  # (kept pieces, read as the memo holds them)
            names = memo.names(run, segs, decider)
        else:
            names = [n for words, first, last in segs for n in decider.names(words, first, run[2] if last else "")]
        found_names[run] = names
        for n in names:
            counts[n] += runs[run]
    for name, weight in forced.items():
        counts[name] += weight
    del pieces, runs
    if memo is not None:  # kept for the next build and let go of; later decisions are not kept
        decider.memo = memo.close()
    return Judged(know, decider, Aliases(counts, know, definitions), found_names, title, forced, table, blogs, tags)


def _merge(scans: Iterable[BlogScan], curated: Curated, rows=None, language: str = "en", memo=None,
           kept_rows=None) -> TopicIndex:
    j = judge(scans, curated, language, memo)
    know, decider, aliases, found_names, title, forced = j.know, j.decider, j.aliases, j.found_names, j.title, j.forced
    table, blogs, tags = j.table, j.blogs, j.tags
    del j

    keys_of: dict[str, str] = {}

    def topic_map(names: list[str]) -> tuple | None:
        """((topic key, name as written), ...) for one run."""
        out: dict[str, str] = {}
        for name in names:
            key = keys_of.get(name)
            if key is None:
                key = keys_of[name] = aliases.resolve(name_key(name))
            out.setdefault(key, name)
        return tuple(out.items()) or None

    by_run = {run: topic_map(names) for run, names in found_names.items()}
    del found_names
    maps = ({run: topic_map(_known_names(run[0], aliases)) for run in title},
            {name: topic_map([name]) for name in forced})

    forms: dict[str, Counter] = {}
    for key, written in aliases.forms.items():
        forms.setdefault(aliases.resolve(key), Counter()).update(written)
    for name, key in keys_of.items():
        if key not in forms:  # known only from a title-case headline
            forms[key] = Counter({name: 1})
    names = {key: display_name(key, f, know) for key, f in forms.items()}
    surnames = _Surnames(names, know)
    ignored = {aliases.resolve(k) for k in know.ignore}

    # Second reading, blog by blog: each entry's topics, packed as they are found (packed.py).
    found = read_rows(scans, blogs, Reading(by_run, maps, surnames, forms, ignored, know, decider, aliases),
                      rows, kept_rows)
    surnames.rename(names, forms, know)
    return _assemble(blogs, tags, curated, know, aliases, found, names, forms, table)


def _table(items: list[tuple], spans: list[tuple[str, str, int]]) -> tuple[tuple, list[BlogEntries]]:
    """The site's table of entries, sorted (as mentions sort), and each blog's entries in it."""
    order = sorted(range(len(items)), key=items.__getitem__)
    table = tuple(map(items.__getitem__, order))
    places = array("i", bytes(4 * len(order)))
    for place, i in enumerate(order):
        places[i] = place
    blogs, start = [], 0
    for slug, title, end in spans:
        blogs.append(BlogEntries(slug, title, _Entries(table, places[start:end])))
        start = end
    return table, blogs


def _known_names(span: str, aliases: Aliases) -> list[str]:
    """Names already known elsewhere inside a title-case headline run ("Clean-Up Begins As Orla Moves")."""
    words = span.replace("’", "'").replace("[", "").replace("]", "").split()
    found: list[str] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 6), i, -1):
            written = " ".join(words[i:j])
            if aliases.known(name_key(written)):
                found.append(written)
                i = j
                break
        else:
            i += 1
    return found


class _Surnames:
    """'Reznikov' -> 'Oleksii Reznikov': the blog's own person of that surname, else the site's only one.

    Planned from the site's names, applied blog by blog (apply), then the names of the
    people given entries this way are made again from all the ways they were written (rename).
    """

    def __init__(self, names: dict, know: Knowledge):
        self.surname = {k: name_key(n.split()[-1]) for k, n in names.items() if " " in k and is_person(n, know)}
        self.everywhere: dict[str, set] = {}
        for key, last in self.surname.items():
            self.everywhere.setdefault(last, set()).add(key)
        self.candidates = {k for k in self.everywhere if k not in know.canonical and k in names}

    def apply(self, entries: list[dict], forms: dict, moved: list) -> None:
        """One blog's entries (topic key -> written, each): single-word surnames moved to people
        (each added to `forms` and, as (person, written), to `moved`)."""
        surname, everywhere = self.surname, self.everywhere
        in_blog = set().union(*entries)
        here = self.candidates & in_blog
        if not here:
            return
        mine: dict[str, list] = {}
        for key in sorted(surname.keys() & in_blog):
            mine.setdefault(surname[key], []).append(key)
        # Entries naming each topic (what follows only moves single-word surnames to full names,
        # so the counts of full names it compares stay as they are now).
        entries_naming = None
        for last in sorted(here):
            people = mine.get(last)
            if people:
                if len(people) > 1 and entries_naming is None:
                    entries_naming = Counter(chain.from_iterable(entries))
                person = people[0] if len(people) == 1 else min(people, key=lambda k: (-entries_naming[k], k))
            elif len(everywhere[last]) == 1:
                person = next(iter(everywhere[last]))
            else:
                continue
            forms.setdefault(person, Counter())
            for topics in entries:
                written = topics.pop(last, None)
                if written is not None:
                    topics.setdefault(person, written)
                    forms[person][written] += 1
                    moved.append((person, written))

    @staticmethod
    def rename(names: dict, forms: dict, know: Knowledge) -> None:
        for key in list(names):
            if key in forms:
                names[key] = display_name(key, forms[key], know)


def _assemble(blogs, tags, curated, know, aliases, found: Found, names, forms, table) -> TopicIndex:
    by_curated = {name_key(t.name): t for t in curated.topics}
    tagged: dict[str, list[str]] = {}
    for blog, blog_tags in zip(blogs, tags):
        for tag in blog_tags:
            key = aliases.resolve(name_key(tag))
            tagged.setdefault(key, []).append(blog.slug)
            names.setdefault(key, know.canonical.get(key, tag))
    keys = {key for key, t in found.ids.items() if found.mentions[t]} | set(tagged)  # (packed.read_rows may
    # have taken a topic's last mentions away)
    slugs = assign_slugs({k: names[k] for k in keys}, {k: t.slug for k, t in by_curated.items() if t.slug and k in keys})
    texts = [tuple(t) for t in found.texts]  # (a dict keeps its keys in the order of their numbers)
    months = entry_months(table)  # shared by every topic's Mentions
    topics = []
    for key in keys:
        name = names[key]
        written = {f for f in forms.get(key, ()) if f != name}
        t = found.ids.get(key)
        mentions = () if t is None or not found.mentions[t] else mentions_of(table, found.mentions[t], texts[t], months)
        if t is not None:
            found.mentions[t] = None
        cur = by_curated.get(key)
        topics.append(Topic(
            slug=slugs[key], name=name, aliases=tuple(sorted(written, key=lambda f: (f.casefold(), f))),
            description=cur.description if cur else "",
            mentions=mentions,
            blogs=tuple(sorted(set(tagged.get(key, ())))), curated=cur is not None))
    topics.sort(key=lambda t: (name_key(t.name), t.slug))
    entries = EntryTopics(found.blogs, [slugs.get(k) for k in found.keys], texts, [len(b.entries) for b in blogs])
    return TopicIndex(tuple(topics), entries, tuple(blogs))


def topic_entries(site: Site) -> list[tuple[Topic, list[tuple[Blog, Entry]]]]:
    """Every topic with its mentioning entries, chronological: what per-topic feeds are made from."""
    entries = {(b.slug, e.anchor): (b, e) for b in site.blogs for e in b.entries}
    return [(t, [entries[(m.blog, m.anchor)] for m in t.mentions]) for t in site.topics]
