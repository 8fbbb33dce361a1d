"""Each entry's topics: found blog by blog in the topics merge's second reading (read_rows),
once the site's names have been judged (index.judge), and packed in arrays of ints as they are
found (Found: a site's worth of tuples would fill memory); unpacked when asked for
(EntryTopics, and each topic's Mentions).

    read_rows(scans, blogs, reading, rows, kept) -> Found

A blog's reading reads, besides its own scan: what each of its runs of words, title-case
headlines and forced names stands for (site-wide), its credit line's names, its entries'
places in the site's table, and the site's people of the surnames it writes.  `kept`
(build/topics_rows.py) remembers each blog's packed topics with a digest of exactly those
reads, and gives them back when the digest is the same: an edit reads again the blogs whose
reads it changed, not the whole site (tests/test_incremental_topics.py: the same bytes as a
clean build).  When none of what any blog reads of the site changed (KeptRows.same_reading),
a blog whose scan and places are unchanged is taken without hashing its reads.  Whatever an
entry's topics come to depend on must be in both, `_reads` and `same_reading`.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from site_gen.model import Mentions
from site_gen.topics.extract import SPAN_RE, name_key
from site_gen.topics.names import segments


class Found:
    """Each entry's topics, packed as they are found.  Per topic (by id, in order of finding):
    its mentions as place << _TEXT_BITS | n (`place` in the site's table of entries, `n` the
    words it is written with, numbered in `texts`).  Per blog: each mention as
    entry << 42 | topic id << 21 | n, `entry` its position in the blog (appended to `blogs`
    when the blog is done)."""

    def __init__(self, blogs):
        self.ids: dict[str, int] = {}  # topic key -> id
        self.keys: list[str] = []
        self.mentions: list[array] = []
        self.texts: list[dict[str, int]] = []
        self.blogs = blogs  # per blog, its row (a list, or merge_scans's `rows`)
        self.row: array | None = None
        self._kept: list[int] = []  # per topic, how many of its mentions an earlier build found (restore)
        self._gone: dict[int, set] = {}  # topic id -> those of them to take away (forget)

    # An earlier build's Found given back (build/topics_rows.py), then blogs taken whole from it
    # or read again: topic ids and text numbers stay those it gave, new ones come after.
    def restore(self, keys: list[str], mentions: list[array], texts: list[dict]) -> None:
        self.keys, self.mentions, self.texts = keys, mentions, texts
        self.ids = {key: t for t, key in enumerate(keys)}
        self._kept = [len(m) for m in mentions]

    def take(self, row: array) -> None:
        """A blog's row as the earlier build found it (its mentions are still in `mentions`)."""
        self.end_blog()
        self.blogs.append(row)

    def forget(self, row: array, places: array) -> None:
        """Take away the earlier build's mentions of a blog read again, or gone (`places`: its
        entries' places then); done by settle, so that no mention found since is taken."""
        mask = _FIELD - 1
        for v in row:
            self._gone.setdefault(v >> 21 & mask, set()).add(places[v >> 42] << _TEXT_BITS | v & mask)

    def settle(self) -> None:
        for t, gone in self._gone.items():
            old, kept = self.mentions[t], self._kept[t]
            self.mentions[t] = array("q", [v for v in old[:kept] if v not in gone]) + old[kept:]
        self._gone, self._kept = {}, [len(m) for m in self.mentions]

    def start_blog(self) -> None:
        self.end_blog()
        self.row = array("q")

    def end_blog(self) -> None:
        if self.row is not None:
            self.blogs.append(self.row)
            self.row = None

    def add(self, entry: int, place: int, topics: dict[str, str]) -> None:
        row = self.row
        if entry >= _FIELD:
            raise ValueError("a blog of over two million entries")
        for key, written in topics.items():
            t = self.ids.get(key)
            if t is None:
                t = self.ids[key] = len(self.keys)
                if t >= _FIELD:
                    raise ValueError("a site of over two million topics")
                self.keys.append(key)
                self.mentions.append(array("q"))
                self.texts.append({})
            texts = self.texts[t]
            n = texts.get(written)
            if n is None:
                n = texts[written] = len(texts)
                if n >= _FIELD >> 1:
                    raise ValueError("a topic written in over a million ways")
            self.mentions[t].append(place << _TEXT_BITS | n)
            row.append(entry << 42 | t << 21 | n)


def topic_ids(row: array) -> array:
    """The ids of the topics a blog's row names, ascending."""
    mask = _FIELD - 1
    return array("i", sorted({v >> 21 & mask for v in row}))


_TEXT_BITS = 20  # a mention packed in one int: its entry's place, and which of the topic's texts
_FIELD = 1 << 21


class EntryTopics(Sequence):
    """TopicIndex.entries: per blog, per entry ((slug, written), ...) sorted by slug, made from
    the packed mentions when asked for (a site's worth of these tuples would fill memory)."""

    def __init__(self, rows: list[array], slugs: list[str], texts: list[tuple], sizes: list[int]):
        self._rows, self._slugs, self._texts, self._sizes = rows, slugs, texts, sizes

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def slugs(self) -> list:
        """Each topic id's slug (None for an id whose mentions are all gone)."""
        return self._slugs

    def __getitem__(self, position: int) -> tuple:
        row, size = self._rows[position], self._sizes[position]
        slugs, texts = self._slugs, self._texts
        mask = _FIELD - 1
        entries: list[list] = [[] for _ in range(size)]
        for v in row:
            t = v >> 21 & mask
            entries[v >> 42].append((slugs[t], texts[t][v & mask]))
        return tuple(tuple(sorted(e)) for e in entries)



def mentions_of(table: tuple, packed: array, texts: tuple, months: array) -> Mentions:
    """A topic's packed mentions -> its Mentions, chronological."""
    packed = sorted(packed)  # by place (one mention per entry: places never tie)
    mask = (1 << _TEXT_BITS) - 1
    return Mentions(table, array("i", [v >> _TEXT_BITS for v in packed]), array("i", [v & mask for v in packed]),
                    texts, months)


class Reading(NamedTuple):
    """What the second reading takes from the first (index._merge): site-wide, the same for every blog."""

    by_run: dict  # run -> ((topic key, written), ...) or None
    maps: tuple  # (title-case headline run -> the same, forced name -> the same)
    surnames: object  # index._Surnames
    forms: dict  # topic key -> Counter of ways written (the surnames moved add to it)
    ignored: set  # topic keys of topics.toml's ignore
    know: object
    decider: object
    aliases: object


def read_rows(scans, blogs, reading: Reading, rows=None, kept=None) -> Found:
    """Every blog's packed topics, in site order (`rows` receives each, see index.merge_scans).

    `scans` is iterated, unless `kept` says that what the last build's blogs read of the site
    is the same (KeptRows.same_reading): then each blog whose scan and places are the same is
    taken unread, and only the others' scans are loaded (scans[position])."""
    found = Found([] if rows is None else rows)
    credit_keys = _CreditKeys(reading)
    unread = False
    if kept is not None:
        kept.start(found)
        unread = kept.same_reading(reading, credit_keys)
    by_run, maps, surnames, forms = reading.by_run, reading.maps, reading.surnames, reading.forms
    for position, scan in enumerate(scans) if not unread else ((p, None) for p in range(len(blogs))):
        places = blogs[position].entries.places
        if scan is None:
            if kept.take_unread(position, blogs[position].slug, places, found, forms):
                continue
            scan = scans[position]
        local = list(map(by_run.__getitem__, scan.runs))
        drop = reading.ignored | credit_keys.union(scan.credits)
        digest = None
        if kept is not None:
            digest = kept.digest(position, scan, _reads(local, scan, maps, surnames, drop, places))
            if kept.take(scan.slug, digest, found, forms):
                continue
        found.start_blog()
        entries = [_entry_topics(local, found_, titles, forced_, maps)
                   for found_, titles, forced_ in zip(scan.found, scan.titles, scan.forced)]
        moved: list = []
        surnames.apply(entries, forms, moved)
        for n, topics in enumerate(entries):
            for key in drop & topics.keys():
                del topics[key]
            found.add(n, places[n], topics)
        if kept is not None:
            kept.keep(position, scan.slug, digest, found.row, places, moved, scan.credits)
    found.end_blog()
    if kept is not None:
        kept.close(found)
    return found


def _reads(local: list, scan, maps, surnames, drop: set, places) -> tuple:
    """All that reading one blog reads beyond its scan (whose digest build/topics_rows.py adds)."""
    titles = [maps[0][run] for runs in scan.titles if runs for run in runs]
    forced = [maps[1][name] for names in scan.forced if names for name in names]
    keys = set(map(itemgetter(0), chain.from_iterable(filter(None, chain(local, titles, forced)))))
    here = sorted(surnames.candidates & keys)  # (a superset of what _Surnames.apply reads)
    people = [(last, sorted(surnames.everywhere[last])) for last in here]
    # (the keys an entry may hold when the credit line's are taken away: its own, and the
    # people its surnames may be moved to)
    held = keys.union(*(persons for _, persons in people))
    return (local, titles, forced, sorted(drop & held), places.tobytes(), here,
            sorted((key, surnames.surname[key]) for key in surnames.surname.keys() & keys), people)


def _entry_topics(local: list, found: tuple, title, forced, maps) -> dict[str, str]:
    """topic key -> the name of it first written in this entry (all in C: map, filter, chain)."""
    pairs = filter(None, map(local.__getitem__, found))
    if title or forced:
        pairs = chain(pairs, filter(None, map(maps[0].__getitem__, title or ())),
                      filter(None, map(maps[1].__getitem__, forced or ())))
    pairs = list(chain.from_iterable(pairs))
    pairs.reverse()  # the first way the entry writes a topic wins
    return dict(pairs)


class _CreditKeys:
    """Agencies and outlet of a credit line ("(FRANCE 24 with AFP, AP and Reuters)") are
    sources, not topics: line -> the topic keys it names (sorted), found once per line."""

    def __init__(self, reading: Reading):
        self.reading = reading
        self.found: dict[str, tuple] = {}

    def __call__(self, text: str) -> tuple:
        keys = self.found.get(text)
        if keys is None:
            know, decider, aliases = self.reading.know, self.reading.decider, self.reading.aliases
            keys = self.found[text] = tuple(sorted({
                aliases.resolve(name_key(name)) for m in SPAN_RE.finditer(text)
                for words, _, _ in segments(know, m.group(1), False) for name in decider.names(words, False)}))
        return keys

    def union(self, texts: tuple[str, ...]) -> set[str]:
        return set().union(*map(self, texts))


def replay(moved, forms: dict) -> None:
    """Add a blog's surnames moved to people (kept from an earlier reading) to `forms`, as apply did."""
    for person, written in moved:
        forms.setdefault(person, Counter())[written] += 1
