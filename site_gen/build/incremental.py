"""Running a planned build: redo only what changed.

run() parses and renders the blogs that need it (in worker processes when there are many),
runs the site-wide topics phase (topics_phase.py) and the site steps from every blog's
fragments, writes only files whose bytes changed, and saves the new manifest.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import time

import jinja2

from site_gen import urls
from site_gen.build import cache, pagefind, parallel, perblog
from site_gen.build.cache import Manifest
from site_gen.build.plan import Plan, result_of
from site_gen.build.topics_phase import LINKS_STATE, topics_phase
from site_gen.build.output.keep import RECORD
from site_gen.build.output.patch import patched_output, stat_outputs
from site_gen.build.output.swap import staged_output
from site_gen.build.output.writer import UnsafePath
from site_gen.errors import ContentError, OutputChanged, error
from site_gen.model import Site
from site_gen.read import parse as read
from site_gen.read.source import file_date, read_dump
from site_gen.render.environment import template_error
from site_gen.render.producer import (KEEP, TOPICS, Context, Later, TopicLinks, Written, around, around_digest,
                                      blob_keys, is_split, with_topic_links)
from site_gen.topics.index import collector_paused


APART_FROM = 100  # blogs: in a smaller site the topics phase is small, and a worker's start (~30 ms) a large part of an edit


def run(plan: Plan, producers, config, site_templates, *, strict, workers, progress, check,
        search_index: bool = False, curated=None, claims=None):
    """Parse/render what changed, run the site steps, write; returns a BuildResult.

    `curated` (topics.toml, possibly empty) turns the topics phase on; None: no topics.
    `claims` (output.folder.Claims): what in the output folder is the user's and what site-gen's.
    """
    try:
        return _run(plan, producers, config, site_templates, strict=strict, workers=workers,
                    progress=progress, check=check, search_index=search_index, curated=curated,
                    claims=claims)
    finally:
        gc.unfreeze()  # (frozen in _run) a long-lived process (serve, tests) builds again


def _run(plan: Plan, producers, config, site_templates, *, strict, workers, progress, check,
         search_index: bool, curated, claims):
    clock = [time.perf_counter()]

    def lap() -> float:
        clock.append(time.perf_counter())
        return clock[-1] - clock[-2]

    split = tuple(p for p in producers if is_split(p))
    linked = [p for p in split if p.linked is not None]
    jobs = [perblog.Job(path, name, plan.states[name].digest)
            for path, name in zip(plan.paths, plan.names) if name not in plan.reuse]
    parsed = len(jobs)  # (the pool empties `jobs` as it hands them out)
    output = staged_output(plan.out_dir, claims) if plan.fresh else patched_output(plan.out_dir, claims)
    # A large site's blogs are parsed and rendered in a worker even when only one changed:
    # that work's memory (35 MiB for one blog) is then not added to the topics phase's here.
    # (--workers N is taken as asked: with 1, everything runs in this process.)
    apart = workers is None and curated is not None and len(plan.names) >= APART_FROM
    with output as writer, parallel.Workers(workers, perblog.ensure_started, apart=apart) as pool:
        setup = perblog.Setup(config, site_templates, writer.root, writer.live,
                              plan.store.folder, plan.store.folder / "templates",
                              plan.fingerprint, split, search_index, curated)
        pool.initargs = (setup,)
        records = dict(plan.reuse)
        fresh_records = []
        for done, (record, written) in enumerate(pool.map(perblog.run, jobs), 1):
            records[record.name] = record
            plan.states[record.name].digest = record.digest  # hashed by the worker on a first build
            fresh_records.append((record, written))
            if progress:
                progress(done, parsed)
        ordered = [records[n] for n in plan.names]
        warnings = check(ordered, strict)  # raises ContentError: nothing is written
        in_site_order = sorted(ordered, key=lambda r: r.order)
        ctx = perblog.context(setup)  # already set up here when the blogs were done in this process
        # A site step keeps a page (KEEP) only when the live folder is patched: a fresh folder
        # (first build, --clean, output missing) has no old page to keep.
        keeping = plan.trusted and not plan.fresh
        previous_state = (plan.store.load_site_state(plan.previous) or {}) if keeping else {}
        # Files that need little of the topics are begun now, made while the topics are found.
        begun = _begin_early(plan, split, in_site_order, config, ctx, previous_state, writer)
        # The topics phase is site-wide (names merge across blogs): it runs on every blog's scan
        # (made by its worker), and each blog's linked pages are made again when its topic links
        # (or what the topic feeds want of it) changed.
        site = Site(config=config, blogs=())
        topic_links: dict = {}
        wanted: dict = {}
        if curated is not None:
            with collector_paused():
                site, topic_links, wanted = topics_phase(plan, in_site_order, config, curated)
            site_state = {LINKS_STATE: topic_links.state}
        else:
            site_state = {}
        # What is alive now (the topics, the records) lives to the end of the build: the garbage
        # collector need not walk it again at every full collection (that made the site steps
        # and the topic links several times slower).
        gc.freeze()
        again = _linked_jobs(plan, linked, in_site_order, topic_links, wanted)
        for record in plan.reuse.values():
            for page in record.pages:
                if record.name not in again or page not in record.linked_pages:
                    writer.keep(page)
        for record, written in fresh_records:
            for page in record.pages:
                writer.adopt(page, page in written)
        blogs_seconds = lap()
        linked_jobs = [job for job, _ in again.values()]  # in site order
        # The linked steps' results are applied as they come back, in site order: a site step
        # that streams (topic pages) runs in this process while the workers are still busy.
        arrivals = _Arrivals({name: digests for name, (_, digests) in again.items()},
                             pool.map(perblog.run_linked, _handed_out(linked_jobs, topic_links), len(linked_jobs)),
                             records, writer)
        count = pool.size

        def settle() -> None:
            """Every linked result applied (raises the linked steps' errors); the workers stopped."""
            arrivals.drain()
            pool.close()  # before the other site steps: idle workers would hold their memory

        del again, wanted
        if all(is_split(p) for p in producers):
            topic_links = {}  # (only whole-site producers need the entries' topics again)

        ctx = dataclasses.replace(ctx, site=site,  # site steps see the topics, never the models
                                  spread=functools.partial(parallel.spread, write=_child_writes(writer),
                                                           requested=workers))
        whole = None
        for producer in producers:  # in producers() order
            streams = is_split(producer) and producer.site_streams and producer.linked is not None
            if not is_split(producer) or producer.site is not None and producer.linked is not None and not streams:
                settle()  # this step needs every blog's linked results
            if not is_split(producer):  # a whole-site producer sees every blog's model (cached, else parsed)
                if whole is None:
                    whole = _whole_site(plan, in_site_order, config, site, topic_links)
                with producer_errors(producer):
                    for path, data in producer(whole, ctx.env):
                        writer.write(path, data)
                continue
            if producer.site is None:
                continue
            if streams:
                fragments = (r.linked_fragments.get(producer.name) for r in arrivals.in_order(in_site_order))
            elif producer.linked is not None:
                fragments = [arrivals.records[r.name].linked_fragments.get(producer.name) for r in in_site_order]
            else:
                fragments = [r.fragments.get(producer.name) for r in in_site_order]
            previous = previous_state.get(producer.name)
            state, paths = begun.get(producer.name, ({}, frozenset()))
            step = dataclasses.replace(ctx, previous=previous, state=state, begun=paths)
            with producer_errors(producer):
                for path, data in producer.site(fragments, step):
                    if data is KEEP:
                        writer.keep(path)
                    elif isinstance(data, Later):  # the rest of a file its early step began
                        writer.send(path, data.value)
                    elif isinstance(data, Written):  # written by a process of Context.spread
                        writer.adopt(path, data.changed)
                    elif callable(data):  # a file its maker writes, in a process of its own
                        writer.made(path, data, step.state)
                    else:
                        writer.write(path, data)
            site_state[producer.name] = step.state
        settle()
        ordered = [records[n] for n in plan.names]
        if search_index:  # after the pages, before they go live: a failed index keeps the old build
            pagefind.build_index(writer, [urls.blog_path(r.slug) for r in ordered], config.language)
        pages_seconds = lap()
    previous = {} if plan.fresh or not plan.trusted else plan.previous.outputs.as_dict()
    known = {rel: previous[rel] for rel in writer.kept if rel in previous}
    try:  # the site is built: a failure now costs the next build its cache, never its output
        outputs = stat_outputs(plan.out_dir, [*writer.written, RECORD], known)
        plan.store.save(Manifest(plan.fingerprint, plan.states, {r.name: r for r in ordered},
                                 cache.Outputs(outputs), len(outputs), len(site.topics), site_state,
                                 whole=tuple(sorted(writer.whole))))
    except OSError as exc:
        plan.store.clear()
        raise OutputChanged(f"the site was built into {plan.out_dir}, but its cache could not be saved: {exc}; "
                            "the next build builds everything again") from exc
    plan.store.prune({cache.model_key(r.name, r.digest, plan.fingerprint) for r in ordered},
                     {key for r in ordered for f in (*r.fragments.values(), *r.linked_fragments.values())
                      for key in blob_keys(f)})
    plan.notes.append(f"time: blogs and topics phase {blogs_seconds:.2f} s, pages that link blogs and "
                      f"site-wide pages {pages_seconds:.2f} s, output and cache {lap():.2f} s")
    kind = "full" if plan.fresh else "incremental"
    plan.notes.append(f"cache: {len(plan.reuse)} blogs reused, {parsed} parsed "
                      f"({count} process{'es' if count > 1 else ''}); {len(writer.changed)} files written, "
                      f"{len(writer.kept)} unchanged")
    result = result_of(ordered, len(outputs), parsed, len(writer.changed) + writer.record_changed, kind,
                       plan.notes)
    result.warnings = warnings + writer.notices
    result.site = whole  # the models, when a whole-site producer needed them
    result.topics = len(site.topics)
    return result


def _begin_early(plan: Plan, split, in_site_order, config, ctx, previous_state: dict, writer) -> dict:
    """Run the producers' early steps (producer.Split.early): the files they yield are begun
    (Writer.begin), each in a process of its own, before the topics phase.  Producer name ->
    (the state its steps fill for the next build, the paths begun)."""
    by_name = dict(zip(plan.names, plan.paths))
    blogs = [(cache.model_key(r.name, r.digest, plan.fingerprint), functools.partial(_model, plan, r, by_name, config))
             for r in in_site_order]
    begun = {}
    for producer in split:
        if producer.early is None or producer.site is None:
            continue
        state: dict = {}
        step = dataclasses.replace(ctx, previous=previous_state.get(producer.name), state=state)
        paths = set()
        with producer_errors(producer):
            for path, make in producer.early(blogs, step):
                writer.begin(path, make, state)
                paths.add(path)
        begun[producer.name] = (state, frozenset(paths))
    return begun


class _Arrivals:
    """The results of the blogs' linked steps, applied to their records as they come back."""

    def __init__(self, again: dict, results, records: dict, writer):
        self.pending = zip(list(again), results)  # lazily: results come in the jobs' (site) order
        self.again = again  # name -> the digests of its linked inputs
        self.records = records
        self.writer = writer
        self.applied: set[str] = set()
        self.errors: list = []

    def _apply(self, name: str, result) -> None:
        pages_, written, problems, fragments = result
        self.errors.extend(problems)
        record = self.records[name]
        per_blog_pages = tuple(p for p in record.pages if p not in record.linked_pages)
        self.records[name] = dataclasses.replace(
            record, pages=per_blog_pages + pages_, linked_pages=pages_, linked=self.again[name],
            linked_fragments=fragments)
        for page in pages_:
            self.writer.adopt(page, page in written)
        self.applied.add(name)

    def in_order(self, in_site_order):
        """Each blog's record in site order, its linked results applied (waiting for them)."""
        for record in in_site_order:
            if record.name in self.again and record.name not in self.applied:
                name, result = next(self.pending)
                assert name == record.name, "linked jobs run in site order"
                self._apply(name, result)
            yield self.records[record.name]

    def drain(self) -> None:
        """Every result applied; the linked steps' errors raised (a broken blog.html: said once)."""
        for name, result in self.pending:
            self._apply(name, result)
        if self.errors:
            raise ContentError(list(dict.fromkeys(self.errors)))


def _child_writes(writer):
    """How a process forked by parallel.spread writes a page: through its copy of this build's
    writer (the same folder, the same live files to compare with); True when the bytes changed.
    The parent claims the page when the child says it wrote it (Written)."""

    def write(path: str, text: str) -> bool:
        writer.write(path, text)
        return path in writer.changed

    return write


_LINKS = "(the blog's topic links, filled in when the job is handed out)"


def _linked_jobs(plan: Plan, linked, in_site_order, topic_links, wanted: dict) -> dict:
    """name -> (LinkedJob, digests) for each blog whose linked pages must be made (again).

    A job's topic links are left out (_LINKS) and made again as it is handed out (_handed_out):
    only the jobs on their way hold theirs."""
    by_name = dict(zip(plan.names, plan.paths))
    neighbours = {producer.name: around([r.fragments.get(producer.name) for r in in_site_order])
                  for producer in linked if producer.linked_input == "neighbours"}
    jobs = {}
    unchanged = getattr(topic_links, "unchanged", ())
    for i, record in enumerate(in_site_order):
        if record.name in unchanged and TOPICS in record.linked:  # (not made: known to be the same)
            links, links_digest = _LINKS, record.linked[TOPICS]
        else:
            links = topic_links.get(record.name)
            links_digest = around_digest(links) if links is not None else None
        inputs = {} if links is None else {TOPICS: links}
        for producer in linked:
            if producer.linked_input == "neighbours":
                inputs[producer.name] = neighbours[producer.name][i]
            elif producer.linked_input == "topics":
                inputs[producer.name] = links if links is not None else TopicLinks()
            else:
                inputs[producer.name] = wanted.get(record.name, ())
        digests = {name: links_digest if value is links else around_digest(value) for name, value in inputs.items()}
        if record.name not in plan.reuse or record.linked != digests:
            inputs = {name: _LINKS if value is links else value for name, value in inputs.items()}
            jobs[record.name] = (perblog.LinkedJob(by_name[record.name], record.name, record.digest, inputs), digests)
    return jobs


def _handed_out(jobs: list, topic_links):
    """The linked jobs with their topic links, made one by one as the pool takes them."""
    for job in parallel.handed_out(jobs):
        if _LINKS in job.around.values():
            links = topic_links[job.name]
            job = dataclasses.replace(job, around={k: links if v is _LINKS else v for k, v in job.around.items()})
        yield job


def _whole_site(plan: Plan, records, config, site, topic_links: dict):
    """The Site with every blog's model, in site order, entries' topics set: from the cache, or
    parsed again when missing."""
    by_name = dict(zip(plan.names, plan.paths))
    blogs = []
    ctx = Context(site, None, None)
    for record in records:
        blog = _model(plan, record, by_name, config)
        if record.name in topic_links:
            blog, _ = with_topic_links(blog, ctx, topic_links[record.name])
        blogs.append(blog)
    return dataclasses.replace(site, blogs=tuple(blogs))


def _model(plan: Plan, record, paths: dict, config):
    """The blog's model: from the cache, or parsed again (from its dump, paths[name]) when missing."""
    blog = plan.store.load_model(cache.model_key(record.name, record.digest, plan.fingerprint))
    if blog is None:
        path = paths[record.name]
        blog = read.parse(read_dump(path, record.name), record.name, **config.read_defaults(), file_date=file_date(path))
    return blog


class producer_errors:
    """A broken site template or an unsafe output path -> ContentError naming it."""

    def __init__(self, produce):
        self.name = getattr(produce, "name", None) or getattr(produce, "__name__", "producer")

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if isinstance(exc, jinja2.TemplateError):  # a site's own template is broken: say where
            raise ContentError(template_error(exc)) from None
        if isinstance(exc, UnsafePath):
            raise ContentError(error(self.name, None, str(exc))) from None
        return False


