"""Orchestrates the phases: read -> parse -> model -> views -> render -> write.

Each phase finishes before the next.  Every error of every file is collected
before anything is written; the output folder is replaced only when the whole
build succeeded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from site_gen import pages, topic_pages
from site_gen.config import Config, load_config
from site_gen.errors import ContentError, Diagnostic, error
from site_gen.model import Blog, Site
from site_gen.parse import parse
from site_gen.render import environment
from site_gen.source import find_dumps, read_dump
from site_gen.topics import add_topics
from site_gen.topics_curated import load_curated, topics_file_for
from site_gen.write import Writer, staged_output


@dataclass
class BuildResult:
    site: Site | None = None
    files: int = 0
    seconds: float = 0.0
    warnings: list[Diagnostic] = field(default_factory=list)


def load_site(content_dir: Path, config: Config) -> tuple[Site, list[Diagnostic]]:
    """Read and parse every dump; raise ContentError with all errors of all files."""
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    blogs: list[Blog] = []
    try:
        paths = find_dumps(content_dir)
    except ContentError as exc:
        raise ContentError(exc.diagnostics) from None
    if not paths:
        raise ContentError(error(content_dir, None, "no dumps found (*.txt or *.md)",
                                 "put your live-blog dumps in this folder"))
    for path in paths:
        name = _display_name(path)
        try:
            blog = parse(read_dump(path, name), name, default_timezone=config.timezone or None)
        except ContentError as exc:
            errors.extend(exc.diagnostics)
            continue
        blogs.append(blog)
        warnings.extend(blog.warnings)
    seen: dict[str, str] = {}
    for blog in blogs:
        if blog.slug in seen:
            errors.append(error(blog.source, None, f"page name '{blog.slug}' is also used by {seen[blog.slug]}",
                                "rename one of the two files"))
        seen[blog.slug] = blog.source
    if errors:
        raise ContentError(errors)
    blogs.sort(key=lambda b: (b.first_published, b.slug))
    return Site(config=config, blogs=tuple(blogs)), warnings


def load_topics(site: Site, config_path: Path | None) -> Site:
    """The topics phase: names found in the entries, merged with topics.toml (beside site.toml)."""
    return add_topics(site, load_curated(topics_file_for(config_path)))


def _display_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


# Everything the site is made of, in order.  Each yields (output path, text or bytes).
PRODUCERS = (
    pages.blog_pages,
    pages.home_page,
    topic_pages.topic_pages,
    pages.static,
)


def render_site(site: Site, writer: Writer, site_templates: Path | None) -> int:
    """Run every producer into `writer`; returns the number of files written."""
    env = environment(site_templates)
    env.globals["site_templates"] = site_templates
    for produce in PRODUCERS:
        for path, data in produce(site, env):
            writer.write(path, data)
    return len(writer.written)


def build(content_dir: Path, out_dir: Path, config_path: Path | None = None,
          *, strict: bool = False) -> BuildResult:
    started = time.perf_counter()
    config = load_config(config_path)
    site, warnings = load_site(content_dir, config)
    site = load_topics(site, config_path)
    if strict and warnings:
        raise ContentError([Diagnostic("error", w.path, w.line, w.message, w.hint, w.column, w.source_line)
                            for w in warnings])
    site_templates = None
    if config_path is not None:
        site_templates = (config_path.parent / config.templates)
    with staged_output(out_dir) as writer:
        files = render_site(site, writer, site_templates)
    return BuildResult(site, files, time.perf_counter() - started, warnings)
