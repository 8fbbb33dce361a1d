"""Site settings from site.toml: typed, with defaults, unknown keys rejected by name."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from site_gen.errors import ContentError, error, warning
from site_gen.timezones import UnknownZone, tzinfo_for


@dataclass(frozen=True)
class Config:
    title: str = "Live blog archive"  # site title, shown on every page and in feeds
    description: str = ""  # one line about the archive, for the home page and feeds
    base_url: str = ""  # absolute URL the site is published at; needed for feeds and canonical links
    language: str = "en"  # the site's pages, and blogs whose language is neither in front matter nor detected (BCP 47)
    timezone: str = ""  # default time zone of dumps that state none (IANA name or +01:00)
    author: str = ""  # the archive's author or publisher, used when a blog names none
    templates: str = "templates"  # folder of the site's own templates, relative to site.toml
    feed_limit: int = 100  # entries in the site-wide feeds
    # your own files in the output folder, as glob patterns of paths in it ("google*.html",
    # "downloads/**"): a build never writes, replaces or deletes them; dotfiles and dot-folders
    # (.git, .nojekyll, .well-known/), CNAME, _headers and _redirects are always kept
    keep: list[str] = field(default_factory=list)

    @property
    def root_url(self) -> str:
        return self.base_url.rstrip("/") + "/" if self.base_url else ""

    def read_defaults(self) -> dict:
        """What the parser takes from the settings, as parse()'s keyword arguments."""
        return {"default_timezone": self.timezone or None, "default_language": self.language}


KEYS = tuple(f.name for f in fields(Config))


def load_config(path: Path | None) -> Config:
    """Read site.toml; a missing file gives the defaults."""
    if path is None or not path.exists():
        return Config()
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ContentError(error(name, _toml_line(exc), f"site settings are not valid TOML: {exc}")) from None
    problems = []
    values = {}
    types = {f.name: f.type for f in fields(Config)}
    for key, value in data.items():
        line = line_of_key(path, key)
        if key not in types:
            problems.append(error(name, line, f"unknown setting '{key}'", "known settings: " + ", ".join(KEYS)))
            continue
        if types[key] == "list[str]":
            problem = _list_problem(key, value)
            if problem:
                problems.append(error(name, line, problem, 'for example: keep = ["google*.html", "downloads/**"]'))
                continue
            values[key] = list(value)
            continue
        expected = int if types[key] == "int" else str
        if not isinstance(value, expected) or isinstance(value, bool):
            problems.append(error(name, line, f"setting '{key}' must be {'a whole number' if expected is int else 'text'}"))
            continue
        values[key] = value
    config = Config(**values)
    if config.timezone:
        try:
            tzinfo_for(config.timezone)
        except UnknownZone:
            problems.append(error(name, line_of_key(path, "timezone"), f"unknown time zone '{config.timezone}'",
                                  "use an IANA name such as Europe/Paris, or an offset such as +01:00"))
    if config.base_url and not config.base_url.startswith(("http://", "https://")):
        problems.append(error(name, line_of_key(path, "base_url"), "base_url must start with http:// or https://"))
    if config.feed_limit < 1:
        problems.append(error(name, line_of_key(path, "feed_limit"), "feed_limit must be at least 1"))
    if problems:
        raise ContentError(problems)
    return config


def checked_language(config: Config, path: Path | None) -> Config:
    """The settings with `language` checked against CLDR (Babel) and its case made canonical.

    Not part of load_config: a build with nothing to do never imports Babel (the setting
    is part of the cache's fingerprint, so a build that kept it had checked it)."""
    from site_gen.locales import check_tag

    try:
        tag = check_tag(config.language)
    except ValueError as exc:
        where = str(path) if path is not None else "site.toml"
        line = line_of_key(path, "language") if path is not None and path.exists() else None
        raise ContentError(error(where, line, f"setting 'language': {exc}")) from None
    return config if tag == config.language else replace(config, language=tag)


def _list_problem(key: str, value) -> str | None:
    """What is wrong with a list of path patterns (the `keep` setting), or None."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return f"setting '{key}' must be a list of text"
    for pattern in value:
        parts = pattern.rstrip("/").split("/")
        if (not pattern.strip() or pattern.startswith("/") or "\\" in pattern
                or any(part in ("", ".", "..") for part in parts)):
            return (f"'{key}' pattern {pattern!r} is not a path inside the output folder: "
                    "write it relative to the folder, with / between names and no '..'")
    return None


def replace(config: Config, **changes) -> Config:
    return dataclasses.replace(config, **changes)


def line_of_key(path: Path, key: str) -> int | None:
    """The line of site.toml that sets `key` (None when none does)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.split("=", 1)[0].strip().strip('"') == key:
            return number
    return None


def _toml_line(exc: Exception) -> int | None:
    return getattr(exc, "lineno", None)


def feed_warnings(config: Config, config_path: Path | None) -> list:
    """The build's warning when feeds cannot be written (--strict makes it an error)."""
    if config.root_url:
        return []
    where = str(config_path) if config_path is not None else "site.toml"
    hint = 'add the address the site is published at, e.g. base_url = "https://archive.example.org/"'
    if config_path is None:
        hint = "create site.toml with a line such as base_url = \"https://archive.example.org/\""
    return [warning(where, None, "base_url is not set, so no feeds (Atom, RSS, JSON Feed) were written "
                                 "and pages link none: feeds need absolute links", hint)]
