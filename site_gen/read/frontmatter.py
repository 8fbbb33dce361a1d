"""Optional YAML front matter at the top of a dump, checked key by key."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from site_gen import urls
from site_gen.errors import ContentError, Diagnostic, error
from site_gen.read.lines import forbidden_characters

KEYS = ("title", "date", "timezone", "tags", "source", "author", "summary", "language")
# Dates outside these years are refused: they cannot be a live blog, and near the
# ends of Python's calendar (years 1 and 9999) date arithmetic overflows.
MIN_YEAR, MAX_YEAR = 1000, 9000
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEB = re.compile(r"^https?://[^\s/?#]+", re.I)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_EXAMPLE = "---\ntitle: Kherson retreat\ndate: 2022-11-10\ntimezone: Europe/Paris\n---"


@dataclass(frozen=True)
class FrontMatter:
    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)  # key -> 1-based line of the key
    body_start: int = 0  # index of the first line after the closing '---'

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without implicit timestamps: `date` is checked here, by our rules.

    (The stock loader turns `date: 2022-13-45` into a ValueError with no line.)
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(lines: list[str], path: str) -> FrontMatter:
    """Read front matter from `lines` (no line endings); raise ContentError on any problem."""
    fm, problems = read_front_matter(lines, path)
    if problems:
        raise ContentError(problems)
    return fm


def read_front_matter(lines: list[str], path: str) -> tuple[FrontMatter, list[Diagnostic]]:
    """Front matter values and line marks, and every problem found in it.

    On problems the FrontMatter still says where the body starts, so the rest
    of the file can be checked too (all errors at once).
    """
    if not lines or lines[0].strip() != "---":
        return FrontMatter(), []
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return FrontMatter(body_start=len(lines)), [error(
            path, 1, "front matter starts with '---' but has no closing '---'",
            "end the front matter with a line holding only '---'", source_line=lines[0])]
    body = FrontMatter(body_start=end + 1)
    text = "\n".join(line.rstrip() for line in lines[1:end])  # a trailing tab is a YAML error; forgive it
    try:
        node, values = _load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = min(mark.line + 2, end) if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return body, [error(path, line, f"front matter is not valid YAML: {problem}",
                            f"front matter looks like:\n{_EXAMPLE}", source_line=lines[line - 1])]
    except RecursionError:
        return body, [error(path, 2, "front matter is not valid YAML: nested too deeply",
                            f"front matter looks like:\n{_EXAMPLE}", source_line=lines[1])]
    if values is None:
        return body, []
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        return body, [error(path, 2, "front matter must be 'key: value' lines",
                            f"front matter looks like:\n{_EXAMPLE}", source_line=lines[1])]
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
    return FrontMatter(clean, key_lines, end + 1), problems


# libyaml when PyYAML has it (ten times faster), with the same resolvers as _Loader;
# on a YAML error the pure-Python loader reads it again to word the message.
_FastLoader = type("_FastLoader", (getattr(yaml, "CSafeLoader", _Loader),), {})
_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _load(text: str):
    """(node with line marks, values) of a YAML document."""
    for loader_class in (_FastLoader, _Loader):
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            return node, (loader.construct_document(node) if node is not None else None)
        except yaml.YAMLError:
            if loader_class is _Loader:
                raise
        finally:
            loader.dispose()


def _check(key: str, value):
    for text in (value if isinstance(value, list) else [value]):
        found = forbidden_characters(str(text)) if isinstance(text, str) else []
        if found:  # written as a YAML escape ("\e", "\x07"): pages and feeds cannot carry it
            raise ValueError(f"contains the control character{'s' if len(found) > 1 else ''} {', '.join(found)}; "
                             "remove it")
    if key == "date":
        if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
            raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD")
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD") from None
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ValueError(f"'{value}' is out of range; years {MIN_YEAR} to {MAX_YEAR} are accepted")
        return day
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
    if key == "source":
        return _web_address(text)
    if key == "language" and not _LANGUAGE.match(text):
        raise ValueError(f"'{text}' is not a language tag; write e.g. en, fr or pt-BR")
    return text


def _web_address(text: str) -> str:
    """An absolute http(s) URL; characters a URL may not hold are percent-encoded."""
    if not _WEB.match(text):
        raise ValueError(f"'{text}' is not a web address; write the original page's http:// or https:// URL")
    return urls.clean_href(text)
