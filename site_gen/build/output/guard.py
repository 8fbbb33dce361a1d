"""Before a build goes live: what it would overwrite or delete in the output folder, refused or said.

- A path the build writes that is the user's (kept: keep.py) is an error naming both.
- A path the build writes where a file lies that site-gen has no record of writing
  (folder.py) is an error: site-gen does not overwrite a stranger.
- A stranger anywhere else is left as it is, with a warning naming it.
- A file site-gen wrote that was changed since (its size or time differ from the cache's)
  is replaced, or deleted when the build no longer makes it, with a warning naming it.

Errors are raised (ContentError) before anything in the output folder changes; with
--strict the warnings are errors too.
"""

from __future__ import annotations

import os
from pathlib import Path

from site_gen.build.output.folder import Claims, Inventory
from site_gen.build.output.keep import RECORD
from site_gen.errors import ContentError, Diagnostic, as_error, error, warning

_SHOWN = 5  # strangers named one by one; more are summed up in one message


def check(writer, found: Inventory, claims: Claims, out_dir: Path) -> list[Diagnostic]:
    """The warnings about the output folder; raises ContentError when the build must not go live."""
    produced = set(writer.written)
    for folder in writer.whole:
        produced.update(_files_below(writer.root, folder))
    errors = _kept_clashes(produced, claims)
    strangers_hit, left = _strangers(found.foreign, produced, writer.whole)
    errors += _strangers_hit(strangers_hit, claims.display)
    warnings = _edited(writer, found, claims, out_dir, produced) + _left(left, claims.display)
    if errors:
        raise ContentError(errors + warnings)
    if claims.strict and warnings:
        raise ContentError([as_error(w) for w in warnings])
    return warnings


def carried(found: Inventory, produced_paths, whole=()) -> list[str]:
    """What a fresh folder must take over from the old one: kept entries, strangers, empty folders
    (those not where the build puts something of its own)."""
    produced = set(produced_paths)
    return [*found.kept, *(rel for rel in found.foreign if rel not in produced),
            *(rel for rel in found.empty if rel not in produced and not under(rel, whole))]


def _files_below(root: Path, folder: str):
    base = root / folder
    for here, _, names in os.walk(base):
        rel = Path(here).relative_to(root).as_posix()
        for name in names:
            yield f"{rel}/{name}"


def under(rel: str, folders) -> bool:
    """True when `rel` is one of `folders` or inside one."""
    return any(rel == f or rel.startswith(f + "/") for f in folders)


def _kept_clashes(produced: set[str], claims: Claims) -> list[Diagnostic]:
    keep = claims.keep
    clashes = sorted(rel for rel in produced if keep.covers(rel))
    problems = []
    for rel in clashes[:_SHOWN]:
        reason = keep.reason(rel)
        where, line = keep.source() if reason.startswith("keep pattern") else (f"{claims.display}/{rel}", None)
        problems.append(error(where, line, f"{claims.display}/{rel} is kept ({reason}), but the build writes "
                                           f"{rel} too: a path is either yours or site-gen's",
                              "narrow the keep pattern so that it names only your own files"))
    if len(clashes) > _SHOWN:
        problems.append(error(*keep.source(), f"and {len(clashes) - _SHOWN} more paths the build writes are kept"))
    return problems


def _strangers(foreign: list[str], produced: set[str], whole) -> tuple[list[str], list[str]]:
    """(strangers where the build puts a file or folder of its own, the other strangers)."""
    if not foreign:
        return [], []
    folders = {rel.rpartition("/")[0] for rel in produced}
    for folder in list(folders):
        while folder:
            folder = folder.rpartition("/")[0]
            folders.add(folder)
    hit, left = [], []
    for rel in foreign:
        ancestors = rel.split("/")[:-1]
        clash = (rel in produced or rel in folders or under(rel, whole)
                 or any("/".join(ancestors[:i]) in produced for i in range(1, len(ancestors) + 1)))
        (hit if clash else left).append(rel)
    return hit, left


def _strangers_hit(hit: list[str], display: str) -> list[Diagnostic]:
    lists = (f"site-gen lists what it writes in {display}/{RECORD} and in its cache; "
             "both are missing or do not name")
    if len(hit) <= _SHOWN:
        hint = (f"if it is a page of an earlier build, delete it ({lists} it); if it is yours, move it, "
                "or rename it and list it in keep in site.toml")
        return [error(f"{display}/{rel}", None, f"site-gen did not write this file, and the build writes {rel}: "
                                                "refusing to overwrite it", hint) for rel in hit]
    hint = (f"if they are pages of an earlier build, delete them ({lists} them); if they are yours, move "
            "them, or rename them and list them in keep in site.toml")
    return [error(display, None, f"{len(hit)} files site-gen did not write are where the build writes its own "
                                 f"({_names(hit)}): refusing to overwrite them", hint)]


def _left(left: list[str], display: str) -> list[Diagnostic]:
    if len(left) <= _SHOWN:
        hint = 'list it in keep in site.toml (keep = ["..."]) to say it is yours, or delete it if it is an old page'
        return [warning(f"{display}/{rel}", None, "site-gen did not write this file, and it is not kept: "
                                                  "left as it is", hint) for rel in left]
    hint = 'list them in keep in site.toml (keep = ["..."]) to say they are yours, or delete the old pages among them'
    return [warning(display, None, f"{len(left)} files here site-gen did not write and that are not kept are "
                                   f"left as they are: {_names(left)}", hint)]


def _edited(writer, found: Inventory, claims: Claims, out_dir: Path, produced: set[str]) -> list[Diagnostic]:
    """Warnings for site-gen's own files that were changed since it wrote them (the cache knows)."""
    if claims.owned.outputs is None:
        return []
    changed = claims.owned.changed_on_disk(out_dir).intersection(found.ours)
    notes = []
    for rel in sorted(changed):
        if rel in produced:
            if writer.live is not None:
                replaced = rel in writer.changed
            else:
                replaced = not _same_file(writer.root / rel, out_dir / rel)
            if replaced:
                notes.append(warning(f"{claims.display}/{rel}", None, "changed since site-gen wrote it: replaced by "
                                     "the file the build makes", _EDIT_HINT))
        elif not under(rel, writer.whole):
            notes.append(warning(f"{claims.display}/{rel}", None, "changed since site-gen wrote it, and the build no "
                                 "longer makes it: deleted", _EDIT_HINT))
    return notes


_EDIT_HINT = ("site-gen replaces the files it writes: change the dumps, templates or site.toml instead, "
              "or keep a file of your own under another name (listed in keep)")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _names(paths: list[str]) -> str:
    shown = ", ".join(paths[:_SHOWN])
    return shown + (f" and {len(paths) - _SHOWN} more" if len(paths) > _SHOWN else "")
