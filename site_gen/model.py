"""The typed model every phase after parsing works on.  Frozen: nothing mutates it."""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import NamedTuple

from site_gen.errors import Diagnostic

PARAGRAPH = "paragraph"
RELATED = "related"  # a ">> Headline" reference to another article; never a link


@dataclass(frozen=True)
class Block:
    """One line of text from the dump, with where it came from."""

    text: str
    line: int
    kind: str = PARAGRAPH


@dataclass(frozen=True)
class Entry:
    anchor: str  # stable id, unique within its blog page
    published: dt.datetime  # timezone-aware
    time_text: str  # the time exactly as printed in the dump ("23:13pm")
    headline: str  # "" when the outlet wrote none
    blocks: tuple[Block, ...]  # paragraphs and related references, in order
    line: int  # line of the heading in the dump
    topics: tuple[str, ...] = ()  # topic slugs, filled by the topics phase
    headline_line: int | None = None  # line the headline was read from, when not the heading line

    def with_topics(self, topics: tuple[str, ...]) -> "Entry":
        """A copy with `topics` set (what dataclasses.replace does, without its cost on 40,000 entries)."""
        copy = object.__new__(Entry)
        copy.__dict__.update(self.__dict__, topics=topics)
        return copy

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == PARAGRAPH)

    @property
    def related(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == RELATED)

    @property
    def title(self) -> str:
        """Headline, or the first sentence of the text for headline-less entries."""
        if self.headline:
            return self.headline
        from site_gen.text import first_sentence

        return first_sentence(self.blocks[0].text) if self.blocks else self.time_text


@dataclass(frozen=True)
class Blog:
    slug: str
    source: str  # path of the dump, as given to the parser
    title: str
    date: dt.date  # day of the oldest entry
    timezone: str  # IANA name ("Europe/Paris") or fixed offset ("+01:00")
    timezone_source: str  # "front matter", "intro", "site default" or "default (UTC)"
    entries: tuple[Entry, ...]  # chronological: oldest first
    newest_first: bool  # reading order of the dump itself
    lede: tuple[Block, ...] = ()
    notice: Block | None = None  # "This live page is no longer being updated..."
    credit: Block | None = None  # "(FRANCE 24 with AFP, AP and Reuters)"
    tags: tuple[str, ...] = ()
    source_url: str | None = None
    author: str | None = None
    summary: str | None = None
    language: str = "en"  # BCP 47 tag CLDR knows (language.py): the page, its dates and its feeds' language
    language_source: str = "site"  # "front matter", "detected" or "site" (the site's `language`)
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)
    # Lines read as structure rather than text (see accounting.py): front matter lines
    # 1..front_matter_lines, the date lines between entries, the line the title was read
    # from ('# Title', or a title line above the entries), and rules: lines of only
    # punctuation ('***', a lone dash) and lines that only repeat their entry's time.
    front_matter_lines: int = 0
    date_lines: tuple[int, ...] = ()
    title_line: int | None = None
    rule_lines: tuple[int, ...] = ()
    # How the parser read the dump, for `site-gen inspect`: its heading style(s) described,
    # each rejected heading candidate as (line, text, why), and where the date came from.
    heading_styles: tuple[str, ...] = field(default=(), compare=False)
    rejected: tuple[tuple[int, str, str], ...] = field(default=(), compare=False)
    date_source: str = field(default="", compare=False)

    @property
    def archived(self) -> bool:
        """An archive of ended coverage: every dump is, the notice only says so explicitly."""
        return True

    @property
    def first_published(self) -> dt.datetime:
        return self.entries[0].published

    @property
    def last_published(self) -> dt.datetime:
        return self.entries[-1].published

    @property
    def entries_as_read(self) -> tuple[Entry, ...]:
        """Entries in the dump's reading order: newest first when the dump reads newest first.

        Chronological (an out-of-order entry in the file takes its place by time), so the page
        and its order switch always show a clean timeline.
        """
        return tuple(reversed(self.entries)) if self.newest_first else self.entries


class Mention(NamedTuple):
    """One entry that mentions a topic (a tuple: sites have hundreds of thousands of them).

    Mentions sort chronologically, then by blog and anchor.
    """

    published: dt.datetime  # the entry's time
    blog: str  # slug of the blog
    anchor: str  # the entry's anchor
    text: str  # the words as written in it ("Reznikov", "Russian")


class Mentions(Sequence):
    """A topic's mentions, chronological: a sequence of Mention made on access from two columns.

    A site has hundreds of thousands of mentions (ten times that at 10,000 blogs); as tuples
    they were most of a build's memory.  Here each is two ints: the entry's place in the
    site's table of entries (`entries`, shared by every topic, sorted as mentions sort, so
    the ids sort the same way) and the index of the words written in `texts`.
    """

    __slots__ = ("_entries", "_ids", "_texts", "_written", "_months")

    def __init__(self, entries: tuple, ids: array, written: array, texts: tuple, months: array | None = None):
        self._entries = entries  # ((published, blog slug, anchor), ...) sorted
        self._ids = ids  # array("i"): places in `entries`, ascending
        self._written = written  # array("i"): index in `texts` of each mention's words
        self._texts = texts
        self._months = months  # array("i"), shared: each entry's month_of (made when first needed)

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Mentions(self._entries, self._ids[i], self._written[i], self._texts, self._months)
        return tuple.__new__(Mention, self._entries[self._ids[i]] + (self._texts[self._written[i]],))

    def __iter__(self):
        entries, texts, make = self._entries, self._texts, tuple.__new__
        for i, w in zip(self._ids, self._written):
            yield make(Mention, entries[i] + (texts[w],))

    def blogs(self) -> set[str]:
        """The slugs of the blogs the mentions are in."""
        entries = self._entries
        return {entry[1] for entry in _pick(entries, self._ids)}

    def by_month(self) -> list[tuple[int, "Mentions"]]:
        """The mentions grouped by their entry's own month (year * 100 + month), months in
        order; each group chronological."""
        if self._months is None:
            self._months = entry_months(self._entries)
        months = self._months
        of = list(map(months.__getitem__, self._ids))
        if of == sorted(of):  # (nearly always: mentions are in time order) each month one run, cut in C
            cuts = [bisect_left(of, month) for month in sorted(set(of))] + [len(of)]
            return [(of[start], Mentions(self._entries, self._ids[start:end], self._written[start:end],
                                         self._texts, months)) for start, end in zip(cuts, cuts[1:])]
        groups: dict[int, tuple[array, array]] = {}
        for i, w in zip(self._ids, self._written):
            group = groups.get(months[i])
            if group is None:
                group = groups[months[i]] = (array("i"), array("i"))
            group[0].append(i)
            group[1].append(w)
        return [(month, Mentions(self._entries, ids, written, self._texts, months))
                for month, (ids, written) in sorted(groups.items())]

    def __eq__(self, other) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Mentions({list(self)!r})"

    def __reduce__(self):  # (the table and its months are shared: a pickle holds them once)
        return Mentions, (self._entries, self._ids, self._written, self._texts, self._months)


def _pick(values, indices) -> tuple:
    """values[i] for each i in indices, as a tuple (operator.itemgetter: in C)."""
    if len(indices) == 1:
        return (values[indices[0]],)
    return itemgetter(*indices)(values) if indices else ()


def entry_months(entries: tuple) -> array:
    """Each (published, ...) entry's month in its own time, as year * 100 + month."""
    return array("i", [published.year * 100 + published.month for published, *_ in entries])


@dataclass(frozen=True)
class Topic:
    slug: str  # stable: from the canonical name (or the curated slug)
    name: str  # canonical display name ("Oleksii Reznikov")
    aliases: tuple[str, ...] = ()  # other written forms merged into it ("Reznikov"), sorted
    description: str = ""  # one line, from topics.toml
    mentions: Sequence[Mention] = ()  # every mentioning entry, chronological (Mentions, or a tuple)
    blogs: tuple[str, ...] = ()  # slugs of blogs whose front matter tags name it
    curated: bool = False  # named in topics.toml


@dataclass(frozen=True)
class Site:
    config: object  # site_gen.config.Config
    blogs: tuple[Blog, ...]  # sorted by (first entry time, slug), oldest first
    topics: tuple[Topic, ...] = ()  # sorted by name; filled by the topics phase
    blog_titles: dict = field(default_factory=dict, compare=False)  # slug -> title when `blogs` is not loaded

    @cached_property
    def topics_by_slug(self) -> dict[str, Topic]:
        return {t.slug: t for t in self.topics}
