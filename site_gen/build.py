"""Orchestrates the phases: read -> parse -> model -> views -> render -> write.

Each phase finishes before the next.  Every error of every file is collected
before anything is written; the output folder is replaced only when the whole
build succeeded.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from site_gen import crawl, feeds, pages, search
from site_gen.accounting import lost_line_warnings
from site_gen.config import Config, load_config
from site_gen.errors import ContentError, Diagnostic, error
from site_gen.model import Blog, Site
from site_gen.parse import parse
from site_gen.render import environment, template_error
from site_gen.source import find_dumps, read_dump
from site_gen.write import UnsafePath, Writer, check_out_dir, staged_output


@dataclass
class BuildResult:
    site: Site | None = None
    files: int = 0
    seconds: float = 0.0
    warnings: list[Diagnostic] = field(default_factory=list)


def load_site(content_dir: Path, config: Config, *, strict: bool = False) -> tuple[Site, list[Diagnostic]]:
    """Read and parse every dump; return the site and its warnings.

    Raises ContentError carrying every error of every file, and the warnings
    beside them (so they are printed too), each file's in line order.  With
    `strict`, warnings count as errors.
    """
    diagnostics: list[Diagnostic] = []
    blogs: list[Blog] = []
    paths = find_dumps(content_dir)
    if not paths:
        raise ContentError(error(content_dir, None, "no dumps found (*.txt or *.md)",
                                 "put your live-blog dumps in this folder"))
    for path in paths:
        name = _display_name(path)
        found, blog = _load_one(path, name, config)
        diagnostics.extend(sorted(found, key=lambda d: (d.line or 0)))
        if blog is not None:
            blogs.append(blog)
    seen: dict[str, str] = {}
    for blog in blogs:
        if blog.slug in seen:
            diagnostics.append(error(blog.source, None, f"page name '{blog.slug}' is also used by {seen[blog.slug]}",
                                     "rename one of the two files"))
        seen[blog.slug] = blog.source
    if strict:
        diagnostics = [as_error(d) for d in diagnostics]
    if any(d.severity == "error" for d in diagnostics):
        raise ContentError(diagnostics)
    blogs.sort(key=lambda b: (b.first_published, b.slug))
    return Site(config=config, blogs=tuple(blogs)), diagnostics


def _load_one(path: Path, name: str, config: Config) -> tuple[list[Diagnostic], Blog | None]:
    """One dump -> (its errors and warnings, its blog or None)."""
    try:
        text = read_dump(path, name)
        blog = parse(text, name, default_timezone=config.timezone or None)
    except ContentError as exc:
        return exc.diagnostics, None
    except Exception as exc:  # a bug in site-gen: report it with the file, and go on with the others
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        return [error(name, None, f"site-gen failed on this file ({type(exc).__name__}: {exc}, at {where})",
                      "this is a bug in site-gen: please report it with the file")], None
    return [*blog.warnings, *lost_line_warnings(text, blog)], blog


def as_error(d: Diagnostic) -> Diagnostic:
    """A warning promoted to an error (--strict)."""
    return Diagnostic("error", d.path, d.line, d.message, d.hint, d.column, d.source_line)


def _display_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


# Everything the site is made of, in order.  Each yields (output path, text or bytes).
PRODUCERS = (
    pages.blog_pages,
    pages.home_page,
    pages.static,
    feeds.feeds,
    search.search_page,
    crawl.sitemap,
    crawl.robots,
    crawl.not_found_page,
)


def render_site(site: Site, writer: Writer, site_templates: Path | None, *, search_enabled: bool = False) -> int:
    """Run every producer into `writer`; returns the number of files written."""
    env = environment(site_templates)
    env.globals["site_templates"] = site_templates
    env.globals["search_enabled"] = search_enabled
    for produce in PRODUCERS:
        try:
            for path, data in produce(site, env):
                writer.write(path, data)
        except jinja2.TemplateError as exc:  # a site's own template is broken: say where
            raise ContentError(template_error(exc)) from None
        except UnsafePath as exc:
            raise ContentError(error(produce.__name__, None, str(exc))) from None
    return len(writer.written)


def build(content_dir: Path, out_dir: Path, config_path: Path | None = None,
          *, strict: bool = False, search_index: bool = True) -> BuildResult:
    started = time.perf_counter()
    check_out_dir(out_dir, content_dir, [config_path] if config_path is not None else [])
    try:
        config, problems = load_config(config_path), []
    except ContentError as exc:  # report the settings' errors with the content's
        config, problems = Config(), exc.diagnostics
    try:
        site, warnings = load_site(content_dir, config, strict=strict)
    except ContentError as exc:
        raise ContentError(problems + exc.diagnostics) from None
    if problems:
        raise ContentError(problems + warnings)
    settings_warnings = feeds.config_warnings(config, config_path)
    if strict and settings_warnings:
        raise ContentError([as_error(w) for w in settings_warnings])
    warnings += settings_warnings
    site_templates = None
    if config_path is not None:
        site_templates = (config_path.parent / config.templates)
    with staged_output(out_dir) as writer:
        files = render_site(site, writer, site_templates, search_enabled=search_index)
        if search_index:  # after the pages, before the swap: a failed index keeps the old build
            search.build_index(writer.root, config.language)
    return BuildResult(site, files, time.perf_counter() - started, warnings)
