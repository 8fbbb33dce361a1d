"""What a build must do, decided against the cache: a `Plan`, and the `BuildResult` it ends with.

plan() compares the dumps, templates, config and program with the cache's manifest and
the output folder on disk: which blogs are unchanged (their pages intact), whether the
output can be patched or must be written afresh, or whether there is nothing to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from site_gen.build import cache
from site_gen.build.cache import BlogRecord, Manifest
from site_gen.build.store import Store
from site_gen.errors import Diagnostic

if TYPE_CHECKING:
    from site_gen.model import Site


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



@dataclass
class Plan:
    store: Store
    fingerprint: str
    paths: list[Path]
    names: list[str]
    states: dict[str, cache.DumpState]
    out_dir: Path
    previous: Manifest | None
    fresh: bool  # write a whole new output folder (else patch the existing one)
    reuse: dict[str, BlogRecord] = field(default_factory=dict)  # unchanged blogs, pages intact
    nothing_changed: bool = False
    trusted: bool = False  # the last build's output is intact and made by the same program and settings
    notes: list[str] = field(default_factory=list)

    def result_without_building(self):
        records = [self.reuse[n] for n in self.names]
        result = result_of(records, len(self.previous.outputs), 0, 0, "nothing changed", self.notes)
        result.topics = self.previous.topics
        return result


def plan(store: Store, config_path, site_templates, paths, names, out_dir: Path, clean: bool,
         extra: str = "") -> Plan:
    from site_gen import default_templates_dir

    previous = None if clean else store.load()
    notes = []
    if clean:
        notes.append("cache: cleared (--clean)")
    elif previous is None:
        notes.append(f"cache: not used: {store.problem}")
    fingerprint = cache.fingerprint(config_path, [site_templates, default_templates_dir()], extra)
    states = cache.dump_states(paths, names, previous)
    out_dir = out_dir.absolute()
    fresh = previous is None or not out_dir.is_dir()
    p = Plan(store, fingerprint, paths, names, states, out_dir, previous, fresh, notes=notes)
    if fresh:
        if previous is not None:
            notes.append("cache: output folder missing, full build")
        return p
    if previous.fingerprint != fingerprint:
        notes.append("cache: program, templates or config changed; every blog is rendered again")
        return p
    broken = previous.outputs.changed_on_disk(out_dir)
    if broken:
        notes.append(f"cache: {len(broken)} output files changed on disk since the last build; rebuilt")
    for name in names:
        record = previous.blogs.get(name)
        if record is not None and record.digest == states[name].digest and not broken.intersection(record.pages):
            p.reuse[name] = record
    p.nothing_changed = not broken and len(p.reuse) == len(names) == len(previous.blogs)
    p.trusted = not broken
    if not p.nothing_changed and p.reuse:  # a build: the reused records need their fragments
        if store.load_fragments(previous):
            p.reuse = {name: previous.blogs[name] for name in p.reuse}
        else:
            notes.append("cache: the blogs' kept fragments are missing; every blog is rendered again")
            p.reuse.clear()
            p.trusted = False
    return p



def result_of(records, files, parsed, written, kind, notes):
    return BuildResult(site=None, files=files, warnings=[w for r in records for w in r.warnings],
                       blogs=len(records), entries=sum(r.entries for r in records),
                       parsed=parsed, written=written, kind=kind, notes=notes)
