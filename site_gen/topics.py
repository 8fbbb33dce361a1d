"""The topics phase: the model in, the same model with topics out.  Pure: no files, no clock.

    add_topics(site, curated) -> Site      Site.topics filled, each Entry.topics = its topic slugs
    scan_blog(blog, curated) -> BlogScan    the one pass over a blog's text (in its worker)
    merge_scans([BlogScan, ...], curated) -> TopicIndex    the site-wide part, from scans alone
    topic_entries(site) -> [(Topic, [(Blog, Entry), ...]), ...]    for per-topic feeds

Extraction (topics_extract.py) reads each entry once; everything after works
on the distinct runs found (topics_names.py judges them), so a large site costs
little more than reading it.  Merging rules are in topics_merge.py;
docs/topics.md explains them to site owners.
"""

from __future__ import annotations

import dataclasses
import gc
from array import array
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from site_gen.model import Blog, Entry, Mentions, Site, Topic
from site_gen.topics_curated import Curated
from site_gen.topics_extract import SPAN_RE, name_key, scan_entry, starts_sentence, trie
from site_gen.topics_names import Decider, Knowledge, gather_evidence
from site_gen.topics_merge import Aliases, assign_slugs, display_name, is_person

__all__ = ["BlogScan", "TopicIndex", "add_topics", "merge_scans", "scan_blog", "topic_entries"]


def add_topics(site: Site, curated: Curated | None = None) -> Site:
    """Find the topics of every entry; return the site with Site.topics and Entry.topics filled."""
    with collector_paused():
        return _add_topics(site, curated or Curated())


@contextmanager
def collector_paused():
    """(Also used by incremental.py around the whole topics phase.)  This phase makes hundreds of thousands of small tuples and no reference cycles; the cyclic
    garbage collector would otherwise walk the whole model again and again (40% of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class BlogScan(NamedTuple):
    """What the topics phase needs of one blog: made in the blog's worker, kept in the cache.

    The runs of capitalised words are stored once per blog (`runs`, with how often
    each occurs), and each entry's runs as indices into them, so a site's scans stay small.
    """

    slug: str
    title: str
    tags: tuple[str, ...]
    credits: tuple[str, ...]  # credit line and author: sources, not topics
    entries: tuple  # ((published, anchor), ...) in the blog's order
    runs: tuple  # distinct SPAN_RE.findall tuples, in order of first occurrence
    counts: tuple[int, ...]  # occurrences of each run in the blog
    found: tuple  # per entry: indices into `runs`, in reading order
    titles: tuple  # per entry: title-case headline runs, or None
    forced: tuple  # per entry: names found as written (definitions, curated forms), or None
    definitions: tuple  # ((acronym, long form), count) pairs


def scan_blog(blog: Blog, curated: Curated | None = None, extra: re.Pattern | None = None) -> BlogScan:
    """Read one blog's entries once (the only step that reads all the text; it runs per blog)."""
    if extra is None and curated is not None:
        extra = curated_pattern(curated)
    definitions: Counter = Counter()
    index: dict = {}
    counts: list[int] = []
    found, titles, forced = [], [], []
    for entry in blog.entries:
        runs, title, names = scan_entry(entry, definitions, extra)
        positions = []
        for run in runs:
            i = index.get(run)
            if i is None:
                i = index[run] = len(counts)
                counts.append(0)
            counts[i] += 1
            positions.append(i)
        found.append(tuple(positions))
        titles.append(tuple(title) if title else None)
        forced.append(tuple(names) if names else None)
    credits = tuple(t for t in ((blog.credit.text if blog.credit else ""), blog.author or "") if t)
    return BlogScan(blog.slug, blog.title, tuple(blog.tags), credits, tuple((e.published, e.anchor) for e in blog.entries),
                    tuple(index), tuple(counts), tuple(found), tuple(titles), tuple(forced),
                    tuple(definitions.items()))


@dataclass(frozen=True)
class TopicIndex:
    """The topics phase's result: the topics, and each entry's topics (blog by blog, in site order)."""

    topics: tuple[Topic, ...]  # sorted by name
    entries: tuple  # per blog: per entry ((slug, written), ...) sorted by slug


def merge_scans(scans: list[BlogScan], curated: Curated | None = None) -> TopicIndex:
    """Every blog's scan (in site order) -> the site's topics.  Site-wide: names merge across blogs."""
    with collector_paused():
        return _merge(scans, curated or Curated())


def _add_topics(site: Site, curated: Curated) -> Site:
    extra = curated_pattern(curated)
    index = _merge([scan_blog(b, extra=extra) for b in site.blogs], curated)
    blogs = []
    for blog, entries in zip(site.blogs, index.entries):
        blogs.append(dataclasses.replace(blog, entries=tuple([
            e.with_topics(tuple(slug for slug, _ in topics)) for e, topics in zip(blog.entries, entries)])))
    return dataclasses.replace(site, blogs=tuple(blogs), topics=index.topics)


def _merge(scans: list[BlogScan], curated: Curated) -> TopicIndex:
    know = _knowledge(scans, curated)
    definitions: Counter = Counter()
    runs: Counter = Counter()
    title: Counter = Counter()
    forced: Counter = Counter()
    for scan in scans:
        for run, n in zip(scan.runs, scan.counts):
            runs[run] += n
        title.update(chain.from_iterable(filter(None, scan.titles)))
        forced.update(chain.from_iterable(filter(None, scan.forced)))
        for pair, n in scan.definitions:
            definitions[pair] += n

    # Everything below works on distinct runs of words, not on occurrences.
    pieces = {run: know.segments(run[0], starts_sentence(run)) for run in runs}
    decider = Decider(know, gather_evidence(pieces.values(), know))
    counts: Counter = Counter()
    found_names: dict = {}
    for run, segs in pieces.items():
        names = [n for words, first, last in segs for n in decider.names(words, first, run[2] if last else "")]
        found_names[run] = names
        for n in names:
            counts[n] += runs[run]
    for name, weight in forced.items():
        counts[name] += weight
    aliases = Aliases(counts, know, definitions)

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
    maps = ({run: topic_map(_known_names(run[0], aliases)) for run in title},
            {name: topic_map([name]) for name in forced})
    per_entry = []
    for scan in scans:
        local = list(map(by_run.__getitem__, scan.runs))
        per_entry.append([_entry_topics(local, found, titles, names, maps)
                          for found, titles, names in zip(scan.found, scan.titles, scan.forced)])

    forms: dict[str, Counter] = {}
    for key, written in aliases.forms.items():
        forms.setdefault(aliases.resolve(key), Counter()).update(written)
    for name, key in keys_of.items():
        if key not in forms:  # known only from a title-case headline
            forms[key] = Counter({name: 1})
    names = {key: display_name(key, f, know) for key, f in forms.items()}
    _surnames(per_entry, names, forms, know)
    ignored = {aliases.resolve(k) for k in know.ignore}
    for scan, entries in zip(scans, per_entry):
        drop = ignored | _credit_keys(scan.credits, know, decider, aliases)
        for topics in entries:
            for key in drop & topics.keys():
                del topics[key]
    return _assemble(scans, curated, know, aliases, per_entry, names, forms)


def _entry_topics(local: list, found: tuple, title, forced, maps) -> dict[str, str]:
    """topic key -> the name of it first written in this entry (all in C: map, filter, chain)."""
    pairs = filter(None, map(local.__getitem__, found))
    if title or forced:
        pairs = chain(pairs, filter(None, map(maps[0].__getitem__, title or ())),
                      filter(None, map(maps[1].__getitem__, forced or ())))
    pairs = list(chain.from_iterable(pairs))
    pairs.reverse()  # the first way the entry writes a topic wins
    return dict(pairs)


def _knowledge(scans: list[BlogScan], curated: Curated) -> Knowledge:
    know = Knowledge.builtin()
    for topic in curated.topics:
        know.add(topic.name, topic.aliases, curated=True)
    know.ignore = {name_key(n) for n in curated.ignore}
    for scan in scans:
        for tag in scan.tags:
            if name_key(tag) not in know.canonical:
                know.add(tag)
    return know


def curated_pattern(curated: Curated) -> re.Pattern | None:
    """Curated names with lower-case words or digits ("Kakhovka dam") are looked for as written."""
    forms = sorted({f for t in curated.topics for f in (t.name, *t.aliases)
                    if any(w[:1].islower() or w[:1].isdigit() for w in f.split())}, key=lambda f: (-len(f), f))
    if not forms:
        return None
    # A trie of literals, so the regex engine skips in C to the next possible first letter;
    # the word boundary before a match is checked by scan_entry.
    return re.compile(f"(?:{trie(forms)})(?!\\w)")


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


def _surnames(per_entry, names: dict, forms: dict, know: Knowledge) -> None:
    """'Reznikov' -> 'Oleksii Reznikov': the blog's own person of that surname, else the site's only one."""
    surname = {k: name_key(n.split()[-1]) for k, n in names.items() if " " in k and is_person(n, know)}
    everywhere: dict[str, set] = {}
    for key, last in surname.items():
        everywhere.setdefault(last, set()).add(key)
    candidates = {k for k in everywhere if k not in know.canonical and k in names}
    for entries in per_entry:
        in_blog = set().union(*entries)
        here = candidates & in_blog
        if not here:
            continue
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
    for key in list(names):
        if key in forms:
            names[key] = display_name(key, forms[key], know)


def _credit_keys(texts: tuple[str, ...], know: Knowledge, decider: Decider, aliases: Aliases) -> set[str]:
    """Agencies and outlet of the credit line ("(FRANCE 24 with AFP, AP and Reuters)") are sources, not topics."""
    keys = set()
    for text in texts:
        for m in SPAN_RE.finditer(text):
            for words, _, _ in know.segments(m.group(1), False):
                for name in decider.names(words, False):
                    keys.add(aliases.resolve(name_key(name)))
    return keys


def _assemble(scans, curated, know, aliases, per_entry, names, forms) -> TopicIndex:
    by_curated = {name_key(t.name): t for t in curated.topics}
    tagged: dict[str, list[str]] = {}
    for scan in scans:
        for tag in scan.tags:
            key = aliases.resolve(name_key(tag))
            tagged.setdefault(key, []).append(scan.slug)
            names.setdefault(key, know.canonical.get(key, tag))
    # Every entry of the site, sorted as mentions sort (chronologically, then blog and anchor):
    # a topic's mentions are places in this table, and sort as the places do.
    table = tuple(sorted((published, scan.slug, anchor) for scan in scans for published, anchor in scan.entries))
    place = {(slug, anchor): i for i, (_, slug, anchor) in enumerate(table)}
    # topic key -> (its mentions as place << 20 | n, the words written: n -> text as a dict's order)
    mentions: dict[str, tuple[array, dict]] = {}
    for scan, entries in zip(scans, per_entry):
        slug = scan.slug
        for (_, anchor), topics in zip(scan.entries, entries):
            i = place[slug, anchor] << _TEXT_BITS
            for key, written in topics.items():
                found = mentions.get(key)
                if found is None:
                    found = mentions[key] = (array("q"), {})
                texts = found[1]
                n = texts.get(written)
                if n is None:
                    n = texts[written] = len(texts)
                found[0].append(i | n)
    del place
    keys = set(mentions) | set(tagged)
    slugs = assign_slugs({k: names[k] for k in keys}, {k: t.slug for k, t in by_curated.items() if t.slug and k in keys})
    topics = []
    for key in keys:
        name = names[key]
        written = {f for f in forms.get(key, ()) if f != name}
        found = _mentions(table, mentions.pop(key, ()))
        cur = by_curated.get(key)
        topics.append(Topic(
            slug=slugs[key], name=name, aliases=tuple(sorted(written, key=lambda f: (f.casefold(), f))),
            description=cur.description if cur else "",
            mentions=found,
            blogs=tuple(sorted(set(tagged.get(key, ())))), curated=cur is not None))
    topics.sort(key=lambda t: (name_key(t.name), t.slug))
    entry_topics = tuple(tuple(tuple(sorted((slugs[k], w) for k, w in t.items())) for t in entries)
                         for entries in per_entry)
    return TopicIndex(tuple(topics), entry_topics)


_TEXT_BITS = 20  # a mention packed in one int: its entry's place, and which of the topic's texts


def _mentions(table: tuple, found: tuple[array, dict] | tuple) -> Mentions | tuple:
    """A topic's packed mentions -> its Mentions, chronological."""
    if not found:
        return ()
    packed, texts = found
    if len(texts) >= 1 << _TEXT_BITS:
        raise ValueError("a topic written in over a million ways")
    packed = sorted(packed)  # by place (one mention per entry: places never tie)
    mask = (1 << _TEXT_BITS) - 1
    return Mentions(table, array("i", [v >> _TEXT_BITS for v in packed]), array("i", [v & mask for v in packed]),
                    tuple(texts))


def topic_entries(site: Site) -> list[tuple[Topic, list[tuple[Blog, Entry]]]]:
    """Every topic with its mentioning entries, chronological: what per-topic feeds are made from."""
    entries = {(b.slug, e.anchor): (b, e) for b in site.blogs for e in b.entries}
    return [(t, [entries[(m.blog, m.anchor)] for m in t.mentions]) for t in site.topics]
