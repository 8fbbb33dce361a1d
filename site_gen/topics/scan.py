"""The per-blog pass of the topics phase: one reading of a blog's entries -> its BlogScan.

It runs in the blog's worker (render/topic_pages.py); the scan is kept in the cache and
the site-wide merge (topics/index.py) reads only scans, never the blogs' text again.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from site_gen.model import Blog
from site_gen.topics.curated import Curated
from site_gen.topics.extract import scan_entry, trie
from site_gen.topics.languages.runs import LanguagePass


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
    language: str = "en"  # the blog's language, which the runs were read in
    known: tuple = ()  # ((written form, built-in name, kind), ...): names of the language (languages/)


def scan_blog(blog: Blog, curated: Curated | None = None, extra: re.Pattern | None = None) -> BlogScan:
    """Read one blog's entries once (the only step that reads all the text; it runs per blog).

    A blog in another language than English has its runs read in its language (languages/)."""
    if extra is None and curated is not None:
        extra = curated_pattern(curated)
    language = blog.language or "en"
    own = None
    if language.split("-")[0].casefold() != "en":
        own = LanguagePass(language)
    definitions: Counter = Counter()
    index: dict = {}
    counts: list[int] = []
    found, titles, forced = [], [], []
    for entry in blog.entries:
        runs, title, names = scan_entry(entry, definitions, extra)
        if own is not None:
            runs = own.runs(runs)
            names = (names or []) + own.adjectives(entry) or None
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
                    tuple(definitions.items()), language,
                    tuple((form, *found) for form, found in sorted(own.known.items())) if own else ())



def curated_pattern(curated: Curated) -> re.Pattern | None:
    """Curated names with lower-case words or digits ("Kakhovka dam") are looked for as written."""
    forms = sorted({f for t in curated.topics for f in (t.name, *t.aliases)
                    if any(w[:1].islower() or w[:1].isdigit() for w in f.split())}, key=lambda f: (-len(f), f))
    if not forms:
        return None
    # A trie of literals, so the regex engine skips in C to the next possible first letter;
    # the word boundary before a match is checked by scan_entry.
    return re.compile(f"(?:{trie(forms)})(?!\\w)")
