"""The work done for one blog, in a worker process: read, parse, run the per-blog steps.

A worker writes the blog's pages itself (into the build's staging folder) and sends
back only a small `cache.BlogRecord`, so the parent never holds the whole site's
output, and memory stays flat however many blogs there are.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_gen.build.cache import BlogRecord, digest, model_key
from site_gen.build.store import Blobs, Store
from site_gen.build.write import UnsafePath, Writer
from site_gen.errors import ContentError, crash, error
from site_gen.model import Site
from site_gen.read import parse  # called as parse.parse: tests replace it to simulate a crash
from site_gen.read.accounting import lost_line_warnings
from site_gen.read.source import decode
from site_gen.render.environment import environment, template_error
from site_gen.render.producer import TOPICS, Context, Split, with_topic_links


@dataclass(frozen=True)
class Job:
    path: Path
    name: str
    digest: str


@dataclass(frozen=True)
class Setup:
    """What every worker needs; picklable, so it also works with the spawn start method."""

    config: object
    site_templates: Path | None
    root: Path  # where pages are written
    live: Path | None  # compare with this live output folder (incremental builds)
    store: Path | None  # cache folder to keep models in (for linked steps and whole-site producers)
    bytecode: Path | None  # compiled templates, kept between builds
    fingerprint: str
    producers: tuple[Split, ...]
    search_enabled: bool = False
    curated: object = None  # topics.curated.Curated


_state: dict = {}


def start(setup: Setup) -> None:
    """Per-process set-up: one Jinja environment, templates compiled once."""
    # Parsing and rendering allocate many short-lived objects freed by reference counting;
    # collecting cycles every 700 allocations costs ~7 % for nothing.
    gc.set_threshold(50_000, 20, 20)
    env = environment(setup.site_templates, setup.bytecode)
    env.globals["site_templates"] = setup.site_templates
    env.globals["search_enabled"] = setup.search_enabled
    _state["setup"] = setup
    blobs = Blobs(setup.store) if setup.store else None
    _state["ctx"] = Context(Site(config=setup.config, blogs=()), env, setup.site_templates, blobs, setup.curated)
    _state["writer"] = Writer(setup.root, live=setup.live)
    _state["store"] = Store(setup.store) if setup.store else None


def ensure_started(setup: Setup) -> None:
    """start(setup) unless this process is set up for it already (a second pass in one process)."""
    if _state.get("setup") is not setup:
        start(setup)


def context(setup: Setup) -> Context:
    """The rendering context of this process for `setup` (started here if it was not)."""
    if _state.get("setup") is not setup:
        start(setup)
    return _state["ctx"]


def run(job: Job) -> tuple[BlogRecord, frozenset[str]]:
    """The blog's record, and which of its pages were written (the others equal the live files)."""
    setup: Setup = _state["setup"]
    ctx: Context = _state["ctx"]
    writer: Writer = _state["writer"]
    _fresh(writer)
    try:
        data = job.path.read_bytes()
    except OSError as exc:
        return BlogRecord(job.name, job.digest or "", errors=(error(
            job.name, None, f"cannot read this file: {exc.strerror or exc}",
            "check that it exists and that you may read it"),)), frozenset()
    job_digest = job.digest or digest(data)
    done, errors = _guarded(job.name, lambda: _run(job, setup, ctx, writer, data, job_digest))
    if errors:
        return BlogRecord(job.name, job_digest, errors=errors), frozenset()
    return done


@dataclass(frozen=True)
class LinkedJob:
    path: Path
    name: str
    digest: str
    around: dict  # producer name -> (previous fragment, next fragment)


def run_linked(job: LinkedJob) -> tuple[tuple[str, ...], frozenset[str], tuple, dict]:
    """The linked steps of one blog: (its pages, those written, errors, producer name -> fragment)."""
    writer: Writer = _state["writer"]
    _fresh(writer)
    done, errors = _guarded(job.name, lambda: _run_linked(job, _state["setup"], _state["ctx"], writer))
    if errors:
        return (), frozenset(), errors, {}
    pages, fragments = done
    return tuple(pages), frozenset(p for p in pages if p in writer.changed), (), fragments


def _run_linked(job: LinkedJob, setup: Setup, ctx: Context, writer: Writer) -> tuple[list[str], dict]:
    blog = None
    if _state["store"] is not None:
        blog = _state["store"].load_model(model_key(job.name, job.digest, setup.fingerprint))
    if blog is None:  # not cached (or the cache was damaged): parse the dump again
        blog = parse.parse(decode(job.path.read_bytes(), job.name), job.name,
                           default_timezone=setup.config.timezone or None)
    if TOPICS in job.around:
        blog, ctx = with_topic_links(blog, ctx, job.around[TOPICS])
    pages = []
    fragments = {}
    for producer in setup.producers:
        if producer.linked is not None:
            outputs, fragments[producer.name] = producer.linked(blog, ctx, job.around[producer.name])
            for path, data in outputs:
                writer.write(path, data)
                pages.append(path)
    return pages, fragments


def _fresh(writer: Writer) -> None:
    writer.changed.clear()  # a page name used twice is the parent's to report, with both files
    writer.kept.clear()
    writer.written.clear()


def _guarded(name: str, work):
    """(work(), ()) or (None, the errors that say what went wrong with this blog)."""
    try:
        return work(), ()
    except ContentError as exc:
        return None, tuple(exc.diagnostics)
    except UnsafePath as exc:
        return None, (error(name, None, str(exc)),)
    except jinja2.TemplateError as exc:  # a site's own template is broken: say where (once, see build/site.py)
        return None, (template_error(exc),)
    except Exception as exc:  # a bug in site-gen: report it with the file, and go on with the others
        return None, (crash(name, exc),)


def _run(job: Job, setup: Setup, ctx: Context, writer: Writer, data: bytes, job_digest: str):
    text = decode(data, job.name)
    blog = parse.parse(text, job.name, default_timezone=setup.config.timezone or None)
    pages: list[str] = []
    written: set[str] = set()
    fragments = {}
    for producer in setup.producers:
        if producer.per_blog is None:
            continue
        outputs, fragment = producer.per_blog(blog, ctx)
        for path, data in outputs:
            writer.write(path, data)
            pages.append(path)
            if path in writer.changed:
                written.add(path)
        fragments[producer.name] = fragment
    if _state["store"] is not None:
        _state["store"].save_model(model_key(job.name, job_digest, setup.fingerprint), blog)
    warnings = (*blog.warnings, *lost_line_warnings(text, blog))
    record = BlogRecord(job.name, job_digest, blog.slug, (blog.first_published, blog.slug),
                        len(blog.entries), warnings, (), tuple(pages), fragments)
    return record, frozenset(written)
