"""Orchestrates the phases: read -> parse -> model -> views -> render -> write.

Every error of every file is collected before the output folder is touched; the
output changes only when the whole build succeeded, and never where the user's own
files are (see build/output/).

A build is one of three kinds (see build/cache.py and render/producer.py):

- nothing changed: the dumps, templates, config and program are those of the last
  build and its output is intact -> nothing is parsed, rendered or written;
- incremental: only the blogs whose dump changed are parsed and their pages
  rendered (in worker processes when there are many); the site-wide steps run from
  the cached fragments of the others; only files whose bytes changed are written;
- full (first build, --clean, output missing): everything, into a fresh folder
  swapped in atomically, the user's files carried over (build/output/swap.py).

With search on (the default) the Pagefind index is made again by every build that
changes anything, from the blog pages as the build leaves them, before anything goes
live (build/pagefind.py); its folder replaces the old one whole.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from site_gen.build import cache, plan as planner, store as cache_store
from site_gen.build.plan import BuildResult
from site_gen.build.output.folder import Claims, check_out_dir
from site_gen.build.output.keep import Keep
from site_gen.config import Config, checked_language, feed_warnings, load_config
from site_gen.errors import ContentError, Diagnostic, as_error, crash, error
from site_gen.read.source import file_date, find_dumps, read_dump
from site_gen.topics.curated import load_curated, topics_file_for

if TYPE_CHECKING:
    from site_gen.model import Blog, Site


def producers() -> tuple:
    """Everything the site is made of, in order.  See render/producer.py for the two shapes a
    producer can take (a plain function of the whole site, or a per-blog/site Split)."""
    from site_gen.render import feeds, pages, topic_pages
    from site_gen.render.data import exports

    return (
        pages.blog_pages,
        pages.home_page,
        # The exports' big files (the SQLite archive) are made in processes of their own
        # (output/writer.py): asked for first, they are written while the topic pages are made.
        exports.exports,
        topic_pages.topic_pages,
        pages.static,
        feeds.feeds,
        pages.search_page,
        pages.sitemap,
        pages.robots,
        pages.not_found_page,
    )


def load_site(content_dir: Path, config: Config, *, strict: bool = False) -> tuple[Site, list[Diagnostic]]:
    """Read and parse every dump in this process, without the cache (`site-gen topics`, tests);
    return the site and its warnings.

    Raises ContentError carrying every error of every file, and the warnings
    beside them (so they are printed too), each file's in line order.  With
    `strict`, warnings count as errors.
    """
    from site_gen.model import Site

    diagnostics: list[Diagnostic] = []
    blogs: list[Blog] = []
    paths = _dumps(content_dir)
    for path, name in zip(paths, _display_names(content_dir, paths)):
        found, blog = _load_one(path, name, config)
        diagnostics.extend(sorted(found, key=lambda d: (d.line or 0)))
        if blog is not None:
            blogs.append(blog)
    diagnostics += _duplicate_slugs([(b.source, b.slug) for b in blogs])
    if strict:
        diagnostics = [as_error(d) for d in diagnostics]
    if any(d.severity == "error" for d in diagnostics):
        raise ContentError(diagnostics)
    blogs.sort(key=lambda b: (b.first_published, b.slug))
    return Site(config=config, blogs=tuple(blogs)), diagnostics


def _load_one(path: Path, name: str, config: Config) -> tuple[list[Diagnostic], Blog | None]:
    """One dump -> (its errors and warnings, its blog or None)."""
    from site_gen.read import parse
    from site_gen.read.accounting import lost_line_warnings

    try:
        text = read_dump(path, name)
        blog = parse.parse(text, name, **config.read_defaults(), file_date=file_date(path))
    except ContentError as exc:
        return exc.diagnostics, None
    except Exception as exc:  # a bug in site-gen: report it with the file, and go on with the others
        return [crash(name, exc)], None
    return [*blog.warnings, *lost_line_warnings(text, blog)], blog


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


def _file_digest(path: Path | None) -> str:
    """A short hash of a settings file, '' when there is none (part of the cache's fingerprint)."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path is not None and path.is_file() else ""


def load_topics(site: Site, config_path: Path | None) -> Site:
    """The topics phase: names found in the entries, merged with topics.toml (beside site.toml)."""
    from site_gen.topics.index import add_topics

    return add_topics(site, load_curated(topics_file_for(config_path)))


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
        prefix = None  # outside the working folder: each dump's path as given (as _display_name says)
    names = []
    for path in paths:
        if os.path.islink(path):  # (find_dumps never enters a symlinked folder)
            names.append(_display_name(path))
        elif prefix is None:
            names.append(str(path))
        else:
            rel = path.relative_to(content_dir)
            names.append(rel.as_posix() if prefix == "." else f"{prefix}/{rel.as_posix()}")
    return names


def build(content_dir: Path, out_dir: Path, config_path: Path | None = None, *, strict: bool = False,
          search_index: bool = True, clean: bool = False, workers: int | None = None,
          progress: Callable[[int, int], None] | None = None, outputs: tuple | None = None) -> BuildResult:
    """Build the site; raise ContentError (output untouched) when any dump or setting has errors.

    `outputs`: the producers to run (default: producers(), the whole site)."""
    started = time.perf_counter()
    try:
        config = load_config(config_path)
    except ContentError as exc:  # report the settings' errors with the content's
        try:
            _, warnings = load_site(content_dir, Config(), strict=strict)
        except ContentError as content:
            raise ContentError(exc.diagnostics + content.diagnostics) from None
        raise ContentError(exc.diagnostics + warnings) from None
    keep = Keep(config.keep, config_path)
    check_out_dir(out_dir, content_dir, [config_path] if config_path is not None else [], keep)
    settings_warnings = feed_warnings(config, config_path)
    site_templates = (config_path.parent / config.templates) if config_path is not None else None
    paths = _dumps(content_dir)
    names = _display_names(content_dir, paths)
    store = cache_store.Store(cache.cache_dir(out_dir))
    earlier = None
    if clean:
        earlier = store.load()  # what the last build wrote is still site-gen's to replace or delete
        store.clear()
    topics_file = topics_file_for(config_path)
    curated = load_curated(topics_file)  # topics.toml: its errors stop the build here

    extra = f"search={search_index};topics={_file_digest(topics_file)}"
    plan = planner.plan(store, config_path, site_templates, paths, names, out_dir, clean, extra=extra,
                        earlier=earlier)

    def check(records, strict_):
        warnings = _check_records(records, strict_)
        if strict_ and settings_warnings:
            raise ContentError([as_error(w) for w in settings_warnings])
        return warnings + settings_warnings

    if plan.nothing_changed:
        result = plan.result_without_building()
        result.warnings = check([plan.reuse[n] for n in names], strict)
    else:
        config = checked_language(config, config_path)
        from site_gen.build import incremental  # a build with work to do: see "Start-up" in docs/architecture.md

        outputs = outputs or producers()
        claims = Claims(keep, plan.owned(), _display_name(out_dir), strict)
        try:
            result = incremental.run(plan, outputs, config, site_templates, strict=strict,
                                     workers=workers, progress=progress, check=check,
                                     search_index=search_index, curated=curated, claims=claims)
        except cache_store.Missing as exc:  # part of the cache is gone: the output is untouched, build afresh
            store.clear()
            plan = planner.plan(store, config_path, site_templates, paths, names, out_dir, True, extra=extra,
                                earlier=plan.last)
            plan.notes.append(str(exc))
            result = incremental.run(plan, outputs, config, site_templates, strict=strict,
                                     workers=workers, progress=progress, check=check,
                                     search_index=search_index, curated=curated, claims=claims)
    result.seconds = time.perf_counter() - started
    return result


def _check_records(records, strict: bool) -> list[Diagnostic]:
    """All errors of all blogs, with their warnings, each file's in line order; warnings as errors with --strict."""
    diagnostics: list[Diagnostic] = []
    seen = set()
    for r in records:
        for d in sorted([*r.errors, *r.warnings], key=lambda d: d.line or 0):
            if d not in seen:  # a broken template is reported by every blog: say it once
                seen.add(d)
                diagnostics.append(d)
    diagnostics += _duplicate_slugs([(r.name, r.slug) for r in records if not r.errors])
    if strict:
        diagnostics = [as_error(d) for d in diagnostics]
    if any(d.severity == "error" for d in diagnostics):
        raise ContentError(diagnostics)
    return diagnostics
