"""Each entry's topics, packed in arrays of ints as the merge finds them (a site's worth of
tuples would fill memory), and unpacked when asked for: EntryTopics, and each topic's Mentions.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from site_gen.model import Mentions


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


_TEXT_BITS = 20  # a mention packed in one int: its entry's place, and which of the topic's texts
_FIELD = 1 << 21


class EntryTopics(Sequence):
    """TopicIndex.entries: per blog, per entry ((slug, written), ...) sorted by slug, made from
    the packed mentions when asked for (a site's worth of these tuples would fill memory)."""

    def __init__(self, rows: list[array], slugs: list[str], texts: list[tuple], sizes: list[int]):
        self._rows, self._slugs, self._texts, self._sizes = rows, slugs, texts, sizes

    def __len__(self) -> int:
        return len(self._rows)

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
