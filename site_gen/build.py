"""Orchestrates the phases: read -> parse -> model -> views -> render -> write.

Every error of every file is collected before the output folder is touched; the
output changes only when the whole build succeeded (see write.py).

A build is one of three kinds (see cache.py and producer.py):

- nothing changed: the dumps, templates, config and program are those of the last
  build and its output is intact -> nothing is parsed, rendered or written;
- incremental: only the blogs whose dump changed are parsed and their pages
  rendered (in worker processes when there are many); the site-wide steps run from
  the cached fragments of the others; only files whose bytes changed are written;
- full (first build, --clean, output missing): everything, into a fresh folder.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_gen import cache, pages
from site_gen.config import Config, load_config
from site_gen.errors import ContentError, Diagnostic, error
from site_gen.model import Blog, Site
from site_gen.source import find_dumps, read_dump

# Everything the site is made of, in order.  See producer.py for the two shapes a
# producer can take (a plain function of the whole site, or a per-blog/site Split).
PRODUCERS = (
    pages.blog_pages,
    pages.home_page,
    pages.static,
)


@dataclass
class BuildResult:
    site: Site | None = None  # the whole model, only when a build had it in memory anyway
    files: int = 0  # files in the output folder
    seconds: float = 0.0
    warnings: list[Diagnostic] = field(default_factory=list)
    blogs: int = 0
    entries: int = 0
    topics: int = 0
    parsed: int = 0  # blogs parsed and rendered in this build (the others came from the cache)
    written: int = 0  # files written (the others were already right)
    kind: str = "full"  # "full", "incremental" or "nothing changed"
    notes: list[str] = field(default_factory=list)  # what the cache did, for --verbose


def load_site(content_dir: Path, config: Config) -> tuple[Site, list[Diagnostic]]:
    """Read and parse every dump; raise ContentError with all errors of all files."""
    from site_gen.parse import parse

    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    blogs: list[Blog] = []
    for path in _dumps(content_dir):
        name = _display_name(path)
        try:
            blog = parse(read_dump(path, name), name, default_timezone=config.timezone or None)
        except ContentError as exc:
            errors.extend(exc.diagnostics)
            continue
        blogs.append(blog)
        warnings.extend(blog.warnings)
    errors += _duplicate_slugs([(b.source, b.slug) for b in blogs])
    if errors:
        raise ContentError(errors)
    blogs.sort(key=lambda b: (b.first_published, b.slug))
    return Site(config=config, blogs=tuple(blogs)), warnings


def _dumps(content_dir: Path) -> list[Path]:
    try:
        paths = find_dumps(content_dir)
    except ContentError as exc:
        raise ContentError(exc.diagnostics) from None
    if not paths:
        raise ContentError(error(content_dir, None, "no dumps found (*.txt or *.md)",
                                 "put your live-blog dumps in this folder"))
    return paths


def _duplicate_slugs(sources_and_slugs) -> list[Diagnostic]:
    seen: dict[str, str] = {}
    errors = []
    for source, slug in sources_and_slugs:
        if slug in seen:
            errors.append(error(source, None, f"page name '{slug}' is also used by {seen[slug]}",
                                "rename one of the two files"))
        seen[slug] = source
    return errors


def _display_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _display_names(content_dir: Path, paths: list[Path]) -> list[str]:
    """_display_name of each dump, resolving the content folder once instead of every file."""
    cwd = Path.cwd().resolve()
    root = content_dir.resolve()
    try:
        prefix = root.relative_to(cwd).as_posix()
    except ValueError:
        return [_display_name(p) for p in paths]
    names = []
    for path in paths:
        rel = path.relative_to(content_dir)
        if os.path.islink(path) or any(os.path.islink(content_dir / parent) for parent in rel.parents if parent.parts):
            names.append(_display_name(path))
        else:
            names.append(rel.as_posix() if prefix == "." else f"{prefix}/{rel.as_posix()}")
    return names


def render_site(site: Site, writer, site_templates: Path | None) -> int:
    """Run every producer over a whole in-memory Site into `writer`; returns the number of files."""
    from site_gen.producer import Context, is_split
    from site_gen.render import environment

    env = environment(site_templates)
    env.globals["site_templates"] = site_templates
    ctx = Context(Site(config=site.config, blogs=()), env, site_templates)
    for produce in PRODUCERS:
        if not is_split(produce):
            outputs = produce(site, env)
        else:
            fragments = []
            for blog in site.blogs:
                blog_outputs, fragment = produce.per_blog(blog, ctx) if produce.per_blog else ((), None)
                for path, data in blog_outputs:
                    writer.write(path, data)
                fragments.append(fragment)
            outputs = produce.site(fragments, ctx) if produce.site else ()
        for path, data in outputs:
            writer.write(path, data)
    return len(writer.written)


def build(content_dir: Path, out_dir: Path, config_path: Path | None = None, *, strict: bool = False,
          clean: bool = False, workers: int | None = None,
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the site; raise ContentError (output untouched) when any dump has errors."""
    from site_gen import incremental

    started = time.perf_counter()
    config = load_config(config_path)
    site_templates = (config_path.parent / config.templates) if config_path is not None else None
    paths = _dumps(content_dir)
    names = _display_names(content_dir, paths)
    store = cache.Store(cache.cache_dir(out_dir))
    if clean:
        store.clear()
    plan = incremental.plan(store, config_path, site_templates, paths, names, out_dir, clean)
    if plan.nothing_changed:
        result = plan.result_without_building()
        _raise_if_strict(result.warnings, strict)
    else:
        result = incremental.run(plan, PRODUCERS, config, site_templates, strict=strict,
                                 workers=workers, progress=progress, check=_check_records)
    result.seconds = time.perf_counter() - started
    return result


def _check_records(records, strict: bool) -> list[Diagnostic]:
    """All errors of all blogs (and duplicate page names); warnings as errors with --strict."""
    errors = [d for r in records for d in r.errors]
    errors += _duplicate_slugs([(r.name, r.slug) for r in records if not r.errors])
    if errors:
        raise ContentError(errors)
    warnings = [w for r in records for w in r.warnings]
    _raise_if_strict(warnings, strict)
    return warnings


def _raise_if_strict(warnings: list[Diagnostic], strict: bool) -> None:
    if strict and warnings:
        raise ContentError([Diagnostic("error", w.path, w.line, w.message, w.hint, w.column, w.source_line)
                            for w in warnings])
