"""The optional topics.toml beside site.toml: curated topics and names to ignore.

    ignore = ["FRANCE 24", "Gulliver Cragg"]

    [[topic]]
    name = "Volodymyr Zelensky"
    aliases = ["Zelenskyy", "Zelenskiy"]
    description = "President of Ukraine since 2019."
    slug = "zelensky"

Every key is checked: an unknown one is an error naming the key, the file and
its line, like site.toml (docs/topics.md).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from site_gen.errors import ContentError, error

FILE_NAME = "topics.toml"
TOP_KEYS = ("ignore", "topic")
TOPIC_KEYS = ("name", "aliases", "description", "slug")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_EXAMPLE = '[[topic]]\nname = "Volodymyr Zelensky"\naliases = ["Zelenskyy"]'


@dataclass(frozen=True)
class CuratedTopic:
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    slug: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Curated:
    topics: tuple[CuratedTopic, ...] = ()
    ignore: tuple[str, ...] = ()
    path: str = ""


def topics_file_for(config_path: Path | None) -> Path:
    """topics.toml sits beside site.toml (or in the current folder when there is no site.toml)."""
    return (config_path.parent if config_path is not None else Path(".")) / FILE_NAME


def load_curated(path: Path | None) -> Curated:
    """Read topics.toml; a missing file means nothing is curated."""
    if path is None or not path.exists():
        return Curated()
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise ContentError(error(name, line, f"topics file is not valid TOML: {exc}",
                                 f"a curated topic looks like:\n{_EXAMPLE}")) from None
    lines = text.splitlines()
    problems = []
    for key in data:
        if key not in TOP_KEYS:
            problems.append(error(name, _top_line(lines, key), f"unknown key '{key}' in the topics file",
                                  "known keys: ignore, [[topic]]"))
    ignore = _strings(data.get("ignore", []), name, _top_line(lines, "ignore"), "ignore", problems)
    raw_topics = data.get("topic", [])
    if not isinstance(raw_topics, list) or not all(isinstance(t, dict) for t in raw_topics):
        problems.append(error(name, _top_line(lines, "topic"), "'topic' must be written as [[topic]] tables",
                              f"a curated topic looks like:\n{_EXAMPLE}"))
        raw_topics = []
    topics = [_topic(raw, i, lines, name, problems) for i, raw in enumerate(raw_topics)]
    topics = [t for t in topics if t is not None]
    _check_clashes(topics, ignore, name, lines, problems)
    if problems:
        raise ContentError(problems)
    return Curated(tuple(topics), tuple(ignore), name)


def _topic(raw: dict, index: int, lines, path, problems) -> CuratedTopic | None:
    header = _topic_line(lines, index)
    before = len(problems)
    for key in raw:
        if key not in TOPIC_KEYS:
            problems.append(error(path, _key_line(lines, index, key), f"unknown key '{key}' in a [[topic]]",
                                  "known keys: " + ", ".join(TOPIC_KEYS)))
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip() or "\n" in name:
        problems.append(error(path, _key_line(lines, index, "name") if "name" in raw else header,
                              "a [[topic]] needs a name: one line of text", f"for example:\n{_EXAMPLE}"))
    aliases = _strings(raw.get("aliases", []), path, _key_line(lines, index, "aliases"), "aliases", problems)
    description = raw.get("description", "")
    if not isinstance(description, str) or "\n" in description:
        problems.append(error(path, _key_line(lines, index, "description"), "'description' must be one line of text"))
    slug = raw.get("slug", "")
    if not isinstance(slug, str) or slug and (not _SLUG.match(slug) or slug == "index"):
        problems.append(error(path, _key_line(lines, index, "slug"), f"slug {slug!r} is not usable in a page name",
                              "use lower-case letters, digits and hyphens, e.g. \"zelensky\" (not \"index\")"))
    if len(problems) > before:
        return None
    return CuratedTopic(name.strip(), tuple(aliases), description.strip(), slug, header)


def _strings(value, path, line, key, problems) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() and "\n" not in v for v in value):
        problems.append(error(path, line, f"'{key}' must be a list of names, e.g. [\"Kyiv\", \"Kiev\"]"))
        return []
    return [v.strip() for v in value]


def _check_clashes(topics, ignore, path, lines, problems):
    from site_gen.topics.extract import name_key  # compiles the extractor's patterns: only when needed

    owner: dict[str, CuratedTopic] = {}
    slugs: dict[str, CuratedTopic] = {}
    for topic in topics:
        for written in (topic.name, *topic.aliases):
            key = name_key(written)
            other = owner.get(key)
            if other is not None and other is not topic:
                problems.append(error(path, topic.line, f"'{written}' is already a name or alias of topic "
                                      f"'{other.name}' (line {other.line})", "give each name to one topic only"))
            owner.setdefault(key, topic)
        if topic.slug:
            if topic.slug in slugs:
                problems.append(error(path, topic.line, f"slug '{topic.slug}' is also used by topic "
                                      f"'{slugs[topic.slug].name}'"))
            slugs.setdefault(topic.slug, topic)
    for written in ignore:
        if name_key(written) in owner:
            problems.append(error(path, _top_line(lines, "ignore"), f"'{written}' is both ignored and the name or "
                                  f"alias of topic '{owner[name_key(written)].name}'", "remove one of the two"))


def _top_line(lines, key) -> int | None:
    """Line of a top-level `key = ...` (before any table) or of a `[key]` / `[[key]]` header."""
    assignment = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    header = re.compile(rf"^\s*\[\[?\s*[\"']?{re.escape(key)}[\"']?\s*\]")
    in_table = False
    for number, line in enumerate(lines, 1):
        if header.match(line):
            return number
        if line.lstrip().startswith("["):
            in_table = True
        elif not in_table and assignment.match(line):
            return number
    return None


def _topic_line(lines, index) -> int | None:
    seen = -1
    for number, line in enumerate(lines, 1):
        if re.match(r"^\s*\[\[\s*topic\s*\]\]", line):
            seen += 1
            if seen == index:
                return number
    return None


def _key_line(lines, index, key) -> int | None:
    start = _topic_line(lines, index)
    if start is None:
        return None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.lstrip().startswith("["):
            break
        if pattern.match(line):
            return number
    return start


def _line_from_message(message: str) -> int | None:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None
