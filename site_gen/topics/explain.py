"""Why a name is a topic, and which written forms merged into it (`site-gen topics --explain NAME`).

    explain(site, curated, name) -> Explanation

It judges the site's names as a build does (scan.scan_blog per blog, then index.judge), asks
the Decider again, with reasons, about the runs of capitalised words that gave the name,
takes each merge's rule from merge.Aliases.why, and finds where each is written
(file:line).  commands/report.py prints it.  Nothing here is on a build's path.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from site_gen.model import PARAGRAPH, Blog, Site, Topic
from site_gen.topics.curated import Curated
from site_gen.topics.extract import name_key, starts_sentence
from site_gen.topics.index import add_topics, judge
from site_gen.topics.names import Decider, segments
from site_gen.topics.scan import curated_pattern, scan_blog

_RUNS_SHOWN = 8  # runs whose judgement is shown, the most written first


@dataclass(frozen=True)
class Form:
    written: str  # as written in the entries
    entries: int  # entries that write the topic this way
    how: str  # the rule that merged it into the topic ("" for the topic's own name)
    where: str  # "content/x.txt:14", the first entry that writes it ("" when none: a tag only)


@dataclass(frozen=True)
class Judgement:
    run: str  # the run of capitalised words, as written
    times: int  # how often it is written in the site
    where: str  # file:line of its first occurrence
    reasons: tuple[str, ...]  # what the Decider said about it, in order


@dataclass(frozen=True)
class Explanation:
    query: str
    topic: Topic | None  # None: the name is no topic
    known: str  # why the name is known before any text is read ("" when it is not)
    forms: tuple[Form, ...]
    runs: tuple[Judgement, ...]  # the runs that gave the topic (or, for no topic, that hold the name)


def explain(site: Site, curated: Curated, name: str) -> Explanation:
    """What the topics phase made of `name`: a topic's name, one of its written forms, or its slug."""
    extra = curated_pattern(curated)
    scans = [scan_blog(b, extra=extra) for b in site.blogs]
    judged = judge(scans, curated, site.config.language)
    topics = add_topics(site, curated).topics
    key = name_key(name)
    topic = next((t for t in topics if key in {name_key(f) for f in (t.name, *t.aliases)} or t.slug == name), None)
    places = _Places(site.blogs)
    aliases = judged.aliases
    decider = judged.decider
    if topic is None:
        wanted = {key}
        runs = [r for r, found in judged.found_names.items() if key in name_key(r[0])]
    else:
        wanted = {name_key(f) for f in (topic.name, *topic.aliases)}
        runs = [r for r, found in judged.found_names.items() if any(name_key(n) in wanted for n in found)]
    times = Counter()
    for scan in scans:
        for run, n in zip(scan.runs, scan.counts):
            if run in judged.found_names:
                times[run] += n
    # one judgement per run as written, however it starts (the reasons differ at a sentence's start)
    by_text: dict[tuple, list] = {}
    for run in runs:
        by_text.setdefault((run[0], run[2]), []).append(run)
    shown = sorted(by_text.values(), key=lambda rs: (-sum(times[r] for r in rs), rs[0]))[:_RUNS_SHOWN]
    judgements = tuple(_judgement(rs, sum(times[r] for r in rs), decider, places) for rs in shown)
    forms: tuple[Form, ...] = ()
    if topic is not None:
        target = aliases.resolve(name_key(topic.name))
        found = {f: places.in_mentions(topic, f) for f in {topic.name, *topic.aliases}}
        forms = tuple(Form(f, found[f][0], _how(f, topic, target, aliases), found[f][1] or places.of_text(f))
                      for f in sorted(found, key=lambda f: (-found[f][0], f)))
    known_key = name_key(topic.name) if topic is not None else key
    known = decider.known_as(known_key) if known_key in judged.know.canonical else ""
    return Explanation(name, topic, known, forms, judgements)


def _how(form: str, topic: Topic, target: str, aliases) -> str:
    """The rules that merged a written form into its topic, hop by hop."""
    key = name_key(form)
    if key == name_key(topic.name):
        return ""
    steps, seen = [], {key}
    while key in aliases.target and key != target:
        steps.append(aliases.why.get(key, "merged"))
        key = aliases.target[key]
        if key in seen:
            break
        seen.add(key)
    if steps:
        return "; then ".join(steps)
    if len(form.split()) == 1 and len(topic.name.split()) > 1:
        return "a surname: the person of that name in the same blog, else the only one in the site"
    return "written the same way (case, accents and hyphens aside)"


def _judgement(runs: list[tuple], times: int, decider: Decider, places: "_Places") -> Judgement:
    """What the Decider says of a run written one way (inside a sentence, at its start, or both)."""
    why: list[str] = []
    asking = Decider(decider.know, decider.ev, why)
    for run in sorted(runs, key=starts_sentence):
        for words, first, last in segments(decider.know, run[0], starts_sentence(run)):
            asking.names(words, first, run[2] if last else "")
    text = runs[0][0] + (f" {runs[0][2]}" if runs[0][2] else "")
    return Judgement(text, times, places.of_text(runs[0][0]), tuple(dict.fromkeys(why)))


class _Places:
    """Where text is written: file:line of the first headline or paragraph that holds it."""

    def __init__(self, blogs: tuple[Blog, ...]):
        self.blogs = blogs
        self.by_anchor = {(b.slug, e.anchor): (b, e) for b in blogs for e in b.entries}

    def of_text(self, text: str) -> str:
        pattern = _word(text)
        for blog in self.blogs:
            for entry in blog.entries:
                found = _line_in(blog, entry, pattern)
                if found:
                    return found
        return ""

    def in_mentions(self, topic: Topic, text: str) -> tuple[int, str]:
        """How many of the topic's entries write `text`, and where the first does."""
        pattern, count, first = _word(text), 0, ""
        for m in topic.mentions:
            found = _line_in(*self.by_anchor[(m.blog, m.anchor)], pattern)
            if found:
                count += 1
                first = first or found
        return count, first


def _line_in(blog: Blog, entry, pattern: re.Pattern) -> str:
    if entry.headline and pattern.search(entry.headline.replace("’", "'")):
        return f"{blog.source}:{entry.headline_line or entry.line}"
    for block in entry.blocks:
        if block.kind == PARAGRAPH and pattern.search(block.text.replace("’", "'")):
            return f"{blog.source}:{block.line}"
    return ""


def _word(text: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(text.replace("’", "'")) + r"(?!\w)", re.IGNORECASE)
