"""Reading and writing one cache folder (what is in it: cache.py); never trusting what it reads.

Every file is written with its SHA-256 (`_write_checked`, atomically by one rename) and read
back only when the checksum matches (`_read_checked`): a truncated, corrupt or foreign file is
ignored and the work redone, never trusted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import itertools
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

from site_gen.build.cache import FORMAT, Manifest

_PART = 200  # blogs per pickle in state.pickle: what they share is written once, and the
# pickler's memo never holds more than this many blogs' objects


class Store:
    """Reads and writes one cache folder; never raises on a bad cache, only ignores it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.problem: str | None = None  # why the cache was ignored, for --verbose
        self._rest_of: tuple = (None, None)  # (state key, what state.pickle holds) read last

    @property
    def manifest_path(self) -> Path:
        return self.folder / "manifest.pickle"

    @property
    def state_path(self) -> Path:
        return self.folder / "state.pickle"

    @property
    def memo_path(self) -> Path:
        return self.folder / "topics-memo.pickle"

    @property
    def rows_path(self) -> Path:
        return self.folder / "topics-rows.pickle"

    def load_rows(self):
        """What the last build's topics merge found of each blog (build/topics_rows.py), or None."""
        return _value_or_none(_read_checked(self.rows_path))

    @property
    def rows_file_path(self) -> Path:
        return self.folder / "topics-rows.bin"

    def save_rows(self, value) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_checked(self.rows_path, value)

    @property
    def reading_path(self) -> Path:
        return self.folder / "topics-reading.pickle"

    def load_reading(self):
        """What each run, headline and forced name stood for in the last build (build/topics_rows.py), or None."""
        return _value_or_none(_read_checked(self.reading_path))

    def save_reading(self, value) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_checked(self.reading_path, value, plain=True)

    def load_memo(self):
        """What the last build's topics merge judged (build/topics_memo.py), or None."""
        return _value_or_none(_read_checked(self.memo_path))

    def save_memo(self, value) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_checked(self.memo_path, value, plain=True)

    def load(self) -> Manifest | None:
        data = _read_checked(self.manifest_path)
        if isinstance(data, str):
            self.problem = data
            return None
        if not isinstance(data, Manifest):
            self.problem = "the manifest holds something else"
            return None
        return data

    def _rest(self, manifest: Manifest) -> dict | None:
        """What Store.save kept apart from `manifest`; None when it is missing or another build's."""
        key = manifest.state_key
        if self._rest_of[0] != key:
            data = _read_checked(self.state_path, key, parts=True)
            rest = None
            if isinstance(data, list) and data and isinstance(data[0], dict):
                rest = {"site": data[0], "blogs": {name: kept for part in data[1:] for name, *kept in part}}
            self._rest_of = (key, rest)
        return self._rest_of[1]

    def load_site_state(self, manifest: Manifest) -> dict | None:
        """The site steps' state saved with `manifest`; None when it is missing or from another build."""
        rest = self._rest(manifest)
        return rest["site"] if rest else None

    def load_fragments(self, manifest: Manifest) -> bool:
        """Give `manifest`'s blog records back their fragments; False when they cannot be had."""
        rest = self._rest(manifest)
        if not rest or rest["blogs"].keys() != manifest.blogs.keys():
            return False
        for name, (fragments, linked_fragments, linked) in rest["blogs"].items():
            manifest.blogs[name] = dataclasses.replace(manifest.blogs[name], fragments=fragments,
                                                       linked_fragments=linked_fragments, linked=linked)
        return True

    def save(self, manifest: Manifest) -> None:
        """The rest first (site state, the blogs' fragments), then the manifest naming it: a crash
        between the two leaves the old manifest, which no longer matches the new rest and so
        reuses nothing."""
        self.folder.mkdir(parents=True, exist_ok=True)
        blogs = ((name, r.fragments, r.linked_fragments, r.linked) for name, r in manifest.blogs.items())
        rest = itertools.chain([manifest.site_state], iter(lambda: list(itertools.islice(blogs, _PART)), []))
        manifest.state_key = _write_checked(self.state_path, rest, parts=True)
        _write_checked(self.manifest_path, manifest)

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def prune(self, models: set[str], blobs: set[str]) -> None:
        """Delete the kept models and blobs that the current manifest no longer refers to (and
        files an older format of the cache kept beside the manifest)."""
        files = {p.name.removesuffix(".pickle") for p in (self.manifest_path, self.state_path, self.memo_path,
                                                                 self.rows_path, self.reading_path)}
        for folder, keep in ((self.folder, files), (self.folder / "models", models), (self.folder / "blobs", blobs)):
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                if folder == self.folder and name.startswith("rows-") and name.endswith(".tmp"):
                    pass  # (the rows of a build that failed: build/topics_rows.py)
                elif folder == self.folder and not name.endswith(".pickle"):
                    continue  # (models/, blobs/, templates/, topics-rows.bin)
                if name.removesuffix(".pickle") not in keep:
                    try:
                        os.unlink(folder / name)
                    except OSError:
                        pass

    def model_path(self, record_digest: str) -> Path:
        return self.folder / "models" / f"{record_digest}.pickle"

    def save_model(self, key: str, blog) -> None:
        path = self.model_path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_checked(path, blog)

    def load_model(self, key: str):
        return _value_or_none(_read_checked(self.model_path(key)))


class Blobs:
    """Content-addressed values a per-blog step keeps for a site step (feed items, ...)."""

    def __init__(self, folder: Path):
        self.folder = folder / "blobs"

    def save(self, value) -> str:
        """Keep `value`; returns the key to load it with."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        key = hashlib.sha256(FORMAT + payload).hexdigest()[:32]  # another format: another name
        path = self.folder / f"{key}.pickle"
        if not path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
            tmp.write_bytes(FORMAT + hashlib.sha256(payload).digest() + payload)
            os.rename(tmp, path)
        return key

    def load(self, key: str):
        """The value kept under `key`; raises Missing when it is gone or damaged."""
        data = _read_checked(self.folder / f"{key}.pickle")
        if isinstance(data, str):
            raise Missing(f"cache: a kept value is missing or damaged ({data}); build again with --clean")
        return data


class Missing(RuntimeError):
    """A value the cache's manifest refers to is gone: the cache cannot be used."""


def _write_checked(path: Path, value: Any, parts: bool = False, plain: bool = False) -> str:
    """Write `value` with its checksum (returned, in hex), pickled straight to the file: a large
    site's state is never held twice in memory as bytes.  With `parts`, `value` is an iterable
    pickled item by item (the pickler's memo of objects seen is emptied after each: a memo of
    the whole site's state would cost as much memory again).  `plain`: `value` is plain data
    that holds no object twice and no cycle, pickled with no memo at all (the topics memo:
    the pickler's table of its 400,000 strings was 8 MiB at a one-dump build's peak)."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(FORMAT + bytes(32))  # the checksum's place, filled in below
            hashing = _Hashing(f)
            pickler = pickle.Pickler(hashing, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.fast = plain  # (no memo: an object met twice would be written twice)
            for item in value if parts else (value,):
                pickler.dump(item)
                pickler.clear_memo()
            checksum = hashing.sha.digest()
            f.seek(len(FORMAT))
            f.write(checksum)
        os.rename(tmp, path)  # atomic on POSIX; os.replace is left to output/swap.py (tests count its calls)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return checksum.hex()


def _value_or_none(data: Any) -> Any:
    """_read_checked's value, or None where it says why there is none."""
    return None if isinstance(data, str) else data


class _Hashing:
    """A file that hashes what is written to it."""

    def __init__(self, f):
        self.f, self.sha = f, hashlib.sha256()

    def write(self, data) -> int:
        self.sha.update(data)
        return self.f.write(data)


def _read_checked(path: Path, checksum: str | None = None, parts: bool = False) -> Any:
    """The value (with `parts`, the list of items written), or a string saying why there is
    none (missing, corrupt, other format, or not the `checksum` expected)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return "no cache yet"
    head = len(FORMAT)
    if not raw.startswith(FORMAT) or len(raw) < head + 32:
        return "the cache is from another format"
    payload = memoryview(raw)[head + 32:]  # (not a copy)
    if hashlib.sha256(payload).digest() != raw[head:head + 32]:
        return "the cache is corrupt (checksum mismatch)"
    if checksum is not None and raw[head:head + 32].hex() != checksum:
        return "the cache holds another build's file"
    try:
        if not parts:
            return pickle.loads(payload)
        stream = io.BytesIO(raw)  # (shares the bytes)
        stream.seek(head + 32)
        items = []
        while stream.tell() < len(raw):  # one unpickler each: each item was pickled with an empty memo
            items.append(pickle.load(stream))
        return items
    except Exception as exc:  # noqa: BLE001 - any unreadable cache is ignored, never trusted
        return f"the cache cannot be read ({type(exc).__name__})"
