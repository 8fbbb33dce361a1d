"""Optional YAML front matter at the top of a dump, checked key by key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import yaml

from site_gen.errors import ContentError, Diagnostic, error

KEYS = ("title", "date", "timezone", "tags", "source", "author", "summary", "language")
_EXAMPLE = "---\ntitle: Kherson retreat\ndate: 2022-11-10\ntimezone: Europe/Paris\n---"


@dataclass(frozen=True)
class FrontMatter:
    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)  # key -> 1-based line of the key
    body_start: int = 0  # index of the first line after the closing '---'

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


def split_front_matter(lines: list[str], path: str) -> FrontMatter:
    """Read front matter from `lines` (no line endings); return values and line marks."""
    if not lines or lines[0].strip() != "---":
        return FrontMatter()
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentError(error(path, 1, "front matter starts with '---' but has no closing '---'",
                                 "end the front matter with a line holding only '---'",
                                 source_line=lines[0])) from None
    text = "\n".join(lines[1:end])
    try:
        node, values = _load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContentError(error(path, line, f"front matter is not valid YAML: {problem}",
                                 f"front matter looks like:\n{_EXAMPLE}",
                                 source_line=lines[line - 1] if line <= len(lines) else None)) from None
    if values is None:
        return FrontMatter(body_start=end + 1)
    if not isinstance(values, dict) or node is None or not hasattr(node, "value"):
        raise ContentError(error(path, 2, "front matter must be 'key: value' lines",
                                 f"front matter looks like:\n{_EXAMPLE}", source_line=lines[1]))
    key_lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value}
    problems: list[Diagnostic] = []
    for key in values:
        if str(key) not in KEYS:
            line = key_lines.get(str(key), 1)
            problems.append(error(path, line, f"unknown front matter key '{key}'",
                                  "allowed keys: " + ", ".join(KEYS), source_line=lines[line - 1]))
    clean = {}
    for key in KEYS:
        if key in values:
            try:
                clean[key] = _check(key, values[key])
            except ValueError as exc:
                line = key_lines.get(key, 1)
                problems.append(error(path, line, f"front matter '{key}': {exc}",
                                      source_line=lines[line - 1]))
    if problems:
        raise ContentError(problems)
    return FrontMatter(clean, key_lines, end + 1)


# libyaml when PyYAML has it (ten times faster); the pure-Python loader words the errors.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(text: str):
    """(node with line marks, values) of a YAML document."""
    try:
        return yaml.compose(text, Loader=_FAST_LOADER), yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)


def _check(key: str, value):
    if key == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD") from None
    if key == "tags":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            raise ValueError("must be a list of topic names, e.g. [Kherson, NATO]")
        return tuple(str(v).strip() for v in value if str(v).strip())
    if value is None or isinstance(value, (list, dict)):
        raise ValueError("must be a single line of text")
    text = str(value).strip()
    if not text:
        raise ValueError("must not be empty")
    return text
