"""The topics phase: the model in, the same model with topics out.  Pure: no files, no clock.

    add_topics(site, curated) -> Site      Site.topics filled, each Entry.topics = its topic slugs
    topic_entries(site) -> [(Topic, [(Blog, Entry), ...]), ...]    for per-topic feeds

Extraction (topics_extract.py) reads each entry once; everything after works
on the distinct names found, so a large site costs little more than reading it.
Merging rules are in topics_merge.py; docs/topics.md explains them to site owners.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from site_gen.model import Blog, Entry, Mention, Site, Topic
from site_gen.topics_curated import Curated
from site_gen.topics_extract import (
    FORCED, HEADLINE, INITIAL, INSIDE, SPAN_RE, TITLE_CASE, Decider, Knowledge, gather_evidence, name_key,
    scan_entry,
)
from site_gen.topics_merge import Aliases, assign_slugs, display_name, is_person

__all__ = ["add_topics", "topic_entries"]


def add_topics(site: Site, curated: Curated | None = None) -> Site:
    """Find the topics of every entry; return the site with Site.topics and Entry.topics filled."""
    curated = curated or Curated()
    know = _knowledge(site, curated)
    definitions: Counter = Counter()
    extra = _curated_pattern(curated)
    scans = [[scan_entry(e, definitions, extra) for e in blog.entries] for blog in site.blogs]
    occurrences: Counter = Counter()
    for blog_scans in scans:
        for found in blog_scans:
            occurrences.update(found.keys())

    segments = {k: know.segments(k[0], k[1] == INITIAL) for k in occurrences if k[1] in (INSIDE, INITIAL)}
    decider = Decider(know, gather_evidence(segments.values(), know))
    names_of: dict = {}
    counts: Counter = Counter()
    for occ, pieces in segments.items():
        names = [n for words, initial, last in pieces for n in decider.names(words, initial, occ[2] if last else "")]
        names_of[occ] = names
        for n in names:
            counts[n] += occurrences[occ]
    for occ in occurrences:
        if occ[1] == FORCED:
            names_of[occ] = [occ[0]]
            counts[occ[0]] += occurrences[occ]
    aliases = Aliases(counts, know, definitions)
    for occ in occurrences:
        if occ[1] == TITLE_CASE:
            names_of[occ] = _known_names(occ[0], aliases)

    per_entry = [[_entry_topics(found, names_of, aliases) for found in blog_scans] for blog_scans in scans]
    forms: dict[str, Counter] = {}
    for key, written in aliases.forms.items():
        forms.setdefault(aliases.resolve(key), Counter()).update(written)
    for entries in per_entry:
        for topics in entries:
            for key, (_, _, name) in topics.items():
                if key not in forms:  # known only from a title-case headline
                    forms[key] = Counter({name: 1})
    names = {key: display_name(key, f, know) for key, f in forms.items()}
    _surnames(site, per_entry, names, forms, know)
    ignored = {aliases.resolve(k) for k in know.ignore}
    for blog, entries in zip(site.blogs, per_entry):
        drop = ignored | _credit_keys(blog, know, decider, aliases)
        for topics in entries:
            for key in drop & topics.keys():
                del topics[key]
    return _assemble(site, curated, know, aliases, per_entry, names, forms)


def _knowledge(site: Site, curated: Curated) -> Knowledge:
    know = Knowledge.builtin()
    for topic in curated.topics:
        know.add(topic.name, topic.aliases, curated=True)
    know.ignore = {name_key(n) for n in curated.ignore}
    for blog in site.blogs:
        for tag in blog.tags:
            if name_key(tag) not in know.canonical:
                know.add(tag)
    return know


def _curated_pattern(curated: Curated) -> re.Pattern | None:
    """Curated names with lower-case words or digits ("Kakhovka dam") are looked for as written."""
    forms = sorted({f for t in curated.topics for f in (t.name, *t.aliases)
                    if any(w[:1].islower() or w[:1].isdigit() for w in f.split())}, key=lambda f: (-len(f), f))
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


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


def _entry_topics(found: dict, names_of: dict, aliases: Aliases) -> dict:
    """topic key -> (block, words as written, name), in order of first mention; a paragraph beats the headline."""
    topics: dict = {}
    for occ, block in found.items():
        for name in names_of[occ]:
            key = aliases.resolve(name_key(name))
            held = topics.get(key)
            if held is None or held[0] == HEADLINE and block != HEADLINE:
                topics[key] = (block, name if name in occ[0] else occ[0], name)
    return topics


def _surnames(site: Site, per_entry, names: dict, forms: dict, know: Knowledge) -> None:
    """'Reznikov' -> 'Oleksii Reznikov': the blog's own person of that surname, else the site's only one."""
    site_people: dict[str, set] = {}
    blog_people: list[dict[str, Counter]] = []
    for entries in per_entry:
        people: dict[str, Counter] = {}
        for topics in entries:
            for key in topics:
                name = names.get(key, "")
                if is_person(name, know):
                    last = name_key(name.split()[-1])
                    people.setdefault(last, Counter())[key] += 1
                    site_people.setdefault(last, set()).add(key)
        blog_people.append(people)
    for entries, people in zip(per_entry, blog_people):
        for topics in entries:
            for key in [k for k in topics if " " not in k and k not in know.canonical]:
                if key in people:
                    person = min(people[key], key=lambda k: (-people[key][k], k))
                elif len(site_people.get(key, ())) == 1:
                    person = next(iter(site_people[key]))
                else:
                    continue
                mention = topics.pop(key)
                forms.setdefault(person, Counter())[mention[2]] += 1
                held = topics.get(person)
                if held is None or held[0] == HEADLINE and mention[0] != HEADLINE:
                    topics[person] = mention
    for key in list(names):
        names[key] = display_name(key, forms[key], know) if key in forms else names[key]


def _credit_keys(blog: Blog, know: Knowledge, decider: Decider, aliases: Aliases) -> set[str]:
    """Agencies and outlet of the credit line ("(FRANCE 24 with AFP, AP and Reuters)") are sources, not topics."""
    texts = [blog.credit.text] if blog.credit else []
    texts += [blog.author] if blog.author else []
    keys = set()
    for text in texts:
        for m in SPAN_RE.finditer(text):
            for words, _, _ in know.segments(m.group("span"), False):
                for name in decider.names(words, False):
                    keys.add(aliases.resolve(name_key(name)))
    return keys


def _assemble(site, curated, know, aliases, per_entry, names, forms) -> Site:
    by_curated = {name_key(t.name): t for t in curated.topics}
    tagged: dict[str, list[str]] = {}
    for blog in site.blogs:
        for tag in blog.tags:
            key = aliases.resolve(name_key(tag))
            tagged.setdefault(key, []).append(blog.slug)
            names.setdefault(key, know.canonical.get(key, tag))
    mentions: dict[str, list] = {}
    for blog, entries in zip(site.blogs, per_entry):
        for entry, topics in zip(blog.entries, entries):
            for key, (block, written, _) in topics.items():
                mentions.setdefault(key, []).append((entry.published, blog.slug, entry.anchor, block, written))
    keys = set(mentions) | set(tagged)
    slugs = assign_slugs({k: names[k] for k in keys}, {k: t.slug for k, t in by_curated.items() if t.slug and k in keys})
    topics = []
    for key in keys:
        name = names[key]
        written = {f for f in forms.get(key, ()) if f != name}
        found = sorted(mentions.get(key, ()), key=lambda m: (m[0], m[1], m[2]))
        cur = by_curated.get(key)
        topics.append(Topic(
            slug=slugs[key], name=name, aliases=tuple(sorted(written, key=lambda f: (f.casefold(), f))),
            description=cur.description if cur else "",
            mentions=tuple(Mention(b, a, blk, w) for _, b, a, blk, w in found),
            blogs=tuple(sorted(set(tagged.get(key, ())))), curated=cur is not None))
    topics.sort(key=lambda t: (name_key(t.name), t.slug))
    blogs = []
    for blog, entries in zip(site.blogs, per_entry):
        new_entries = tuple(dataclasses.replace(e, topics=tuple(slugs[k] for k in t))
                            for e, t in zip(blog.entries, entries))
        blogs.append(dataclasses.replace(blog, entries=new_entries))
    return dataclasses.replace(site, blogs=tuple(blogs), topics=tuple(topics))


def topic_entries(site: Site) -> list[tuple[Topic, list[tuple[Blog, Entry]]]]:
    """Every topic with its mentioning entries, chronological: what per-topic feeds are made from."""
    entries = {(b.slug, e.anchor): (b, e) for b in site.blogs for e in b.entries}
    return [(t, [entries[(m.blog, m.anchor)] for m in t.mentions]) for t in site.topics]
