"""The build cache: what the last successful build read and wrote, to redo only what changed.

It lives in ``.site-gen-cache/<output folder name>/`` beside the output folder (so
``build/`` at the site root is cached in ``./.site-gen-cache/build/``).  It holds:

- ``manifest.pickle``: the environment fingerprint (program version and source, config
  file, every template and static file), per dump its size, times, SHA-256 and the day it
  was modified (the date of a dump that prints none, see read/parse.py), per blog
  its record (slug, counts, warnings, its pages, the producers' fragments), and the
  size and modification time of every output file (``Outputs``: folder by folder, in
  arrays, so that a build with nothing to do reads and checks them quickly);
- ``state.pickle``: what the site steps keep between builds (the hash of each topic
  page's and topic feed's inputs) and each blog record's fragments, read only when
  something changed, and used only with the manifest that names its checksum (a pickle
  for the site steps, then one per 200 blogs);
- ``models/``: pickled Blog models, for linked steps (a blog page whose neighbours
  changed) and whole-site producers;
- ``blobs/``: bulky per-blog values a site step loads on demand (the newest feed items
  of each blog), named by their hash.  Both are pruned to what the manifest refers to.

Nothing in it is trusted blindly: a file that is truncated, corrupt (checksum), from
another format or program version, or whose outputs were changed on disk is ignored
and the work redone.  Deleting the folder (or ``--clean``) only costs a full build.
"""

from __future__ import annotations

import array
import dataclasses
import hashlib
import io
import itertools
import os
import pickle
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

FORMAT = b"site-gen-cache 6\n"
RACY_NS = 2_000_000_000  # a dump modified this close to when it was hashed is hashed again
_PART = 200  # blogs per pickle in state.pickle: what they share is written once, and the
# pickler's memo never holds more than this many blogs' objects


@dataclass
class BlogRecord:
    """What the build keeps of one blog; rebuilding an unchanged blog needs only this."""

    name: str  # the dump's display name
    digest: str  # SHA-256 of the dump's bytes
    slug: str = ""
    order: tuple = ()  # site order: (first entry time, slug)
    entries: int = 0
    warnings: tuple = ()
    errors: tuple = ()  # a blog with errors is never cached
    pages: tuple = ()  # outputs of the per-blog and linked steps
    fragments: dict = field(default_factory=dict)  # producer name -> fragment
    linked_pages: tuple = ()  # outputs of the linked steps (also in pages)
    linked: dict = field(default_factory=dict)  # producer name -> around_digest its linked pages were made with
    linked_fragments: dict = field(default_factory=dict)  # producer name -> fragment of its linked step


@dataclass
class DumpState:
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    digest: str
    hashed_at_ns: int

    def same_file(self, st: os.stat_result) -> bool:
        """True when the stat says the bytes are the ones hashed (git's index check, racy-safe)."""
        return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino) == (
            self.size, self.mtime_ns, self.ctime_ns, self.ino) and \
            self.mtime_ns < self.hashed_at_ns - RACY_NS and self.ctime_ns < self.hashed_at_ns - RACY_NS


@dataclass
class Manifest:
    fingerprint: str
    dumps: dict[str, DumpState] = field(default_factory=dict)
    blogs: dict[str, BlogRecord] = field(default_factory=dict)
    outputs: "Outputs" = field(default_factory=lambda: Outputs({}))  # path -> (size, mtime_ns)
    pages: int = 0
    topics: int = 0
    site_state: dict = field(default_factory=dict)  # producer name -> what its site step keeps (Context.state)
    state_key: str = ""  # the checksum of the file the rest is kept in (Store.save)

    def __getstate__(self):
        """Pickled without site_state and the blogs' fragments: Store keeps those in a file of
        its own (state.pickle), read only when something changed."""
        state = dict(vars(self))
        state["site_state"] = None
        state["blogs"] = {name: dataclasses.replace(r, fragments={}, linked_fragments={}, linked={})
                          for name, r in self.blogs.items()}
        return state


class Outputs:
    """The built files' (size, mtime_ns) by path, kept folder by folder in arrays.

    A build with nothing to do reads this and stats every file, nothing else: in this form
    41,667 paths unpickle in a millisecond (a dict of tuples takes ~20 ms) and are checked
    with one open folder per folder (no path joins, shorter lookups).
    """

    def __init__(self, stats: dict[str, tuple[int, int]]):
        self._dict: dict | None = stats
        self._folders: dict | None = None

    def _by_folder(self) -> dict[str, tuple[str, array.array, array.array]]:
        if self._folders is None:
            grouped: dict[str, tuple[list, list, list]] = {}
            for rel, (size, mtime_ns) in sorted(self._dict.items()):
                folder, _, name = rel.rpartition("/")
                names, sizes, times = grouped.setdefault(folder, ([], [], []))
                names.append(name)
                sizes.append(size)
                times.append(mtime_ns)
            self._folders = {folder: ("\0".join(n), array.array("q", s), array.array("q", t))
                             for folder, (n, s, t) in grouped.items()}
        return self._folders

    def as_dict(self) -> dict[str, tuple[int, int]]:
        if self._dict is None:
            self._dict = {}
            for folder, (names, sizes, times) in self._folders.items():
                prefix = f"{folder}/" if folder else ""
                for name, size, mtime_ns in zip(names.split("\0"), sizes, times):
                    self._dict[prefix + name] = (size, mtime_ns)
        return self._dict

    def __len__(self) -> int:
        return len(self._dict) if self._dict is not None else sum(len(s) for _, s, _ in self._folders.values())

    def __getstate__(self):
        return self._by_folder()

    def __setstate__(self, folders):
        self._dict, self._folders = None, folders

    def changed_on_disk(self, out_dir: Path) -> set[str]:
        """The recorded outputs that are no longer on disk as they were written."""
        broken = set()
        stat = os.stat
        for folder, (names, sizes, times) in self._by_folder().items():
            prefix = f"{folder}/" if folder else ""
            try:
                fd = os.open(os.path.join(out_dir, folder), os.O_RDONLY | os.O_DIRECTORY)
            except OSError:
                broken.update(prefix + name for name in names.split("\0"))
                continue
            try:
                for name, size, mtime_ns in zip(names.split("\0"), sizes, times):
                    try:
                        st = stat(name, dir_fd=fd)
                    except OSError:
                        broken.add(prefix + name)
                        continue
                    if st.st_size != size or st.st_mtime_ns != mtime_ns:
                        broken.add(prefix + name)
            finally:
                os.close(fd)
        return broken


def cache_dir(out_dir: Path) -> Path:
    out_dir = out_dir.absolute()
    return out_dir.parent / ".site-gen-cache" / out_dir.name


def fingerprint(config_path: Path | None, template_dirs: list[Path | None], extra: str = "") -> str:
    """Everything besides the dumps that the output depends on (`extra`: build options such as search)."""
    from site_gen import __version__

    h = hashlib.sha256()
    h.update(FORMAT + f"{__version__} {sys.version_info[:2]} {extra}".encode())
    package = Path(__file__).parent.parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    if config_path is not None and config_path.exists():
        h.update(b"config\0" + config_path.read_bytes())
    for folder in template_dirs:
        if folder is None or not folder.is_dir():
            h.update(b"no templates\0")
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def dump_states(paths: list[Path], names: list[str], previous: Manifest | None) -> dict[str, DumpState]:
    """name -> DumpState; a dump whose stat is unchanged since the last build is not read again.

    Without a previous build to compare with, digests are left empty ("") for the
    worker that parses the dump to fill in from the bytes it reads anyway.
    """
    states = {}
    known = previous.dumps if previous else {}
    now = time.time_ns()
    for path, name in zip(paths, names):
        st = os.stat(path)
        old = known.get(name)
        if old is not None and old.same_file(st):
            states[name] = old
            continue
        digest = ""
        if previous is not None:
            with open(path, "rb") as f:
                digest = dated(hashlib.file_digest(f, "sha256").hexdigest(), st.st_mtime)
        states[name] = DumpState(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, digest, now)
    return states


def digest(data: bytes, mtime: float | None = None) -> str:
    """SHA-256 of a dump's bytes, and the day (UTC) it was modified: the date of a dump that
    prints none is that day (parse's `file_date`), so the same bytes on another day are
    another input."""
    return dated(hashlib.sha256(data).hexdigest(), mtime)


def dated(hexdigest: str, mtime: float | None) -> str:
    day = time.strftime("%Y-%m-%d", time.gmtime(mtime)) if mtime is not None else "?"
    return f"{hexdigest}@{day}"


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
        files = {self.manifest_path.name.removesuffix(".pickle"), self.state_path.name.removesuffix(".pickle")}
        for folder, keep in ((self.folder, files), (self.folder / "models", models), (self.folder / "blobs", blobs)):
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                if folder == self.folder and not name.endswith(".pickle"):
                    continue  # (models/, blobs/, templates/)
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
        data = _read_checked(self.model_path(key))
        return None if isinstance(data, str) else data


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


class Kept(NamedTuple):
    """A bulky fragment: in the cache's blobs (`blob`) when there is one, else the value itself."""

    blob: str | None
    value: object = None

    def load(self, blobs: "Blobs | None"):
        return self.value if self.blob is None else blobs.load(self.blob)


def blob_keys(fragment):
    """The blobs a fragment refers to (a Kept, or a tuple holding some): what the cache must keep."""
    if isinstance(fragment, Kept):
        if fragment.blob is not None:
            yield fragment.blob
    elif isinstance(fragment, tuple):
        for part in fragment:
            yield from blob_keys(part)


def kept(value, ctx) -> Kept:
    """`value` kept for a site step: in ctx.blobs when the build has a cache."""
    return Kept(None, value) if ctx.blobs is None else Kept(ctx.blobs.save(value))


class Missing(RuntimeError):
    """A value the cache's manifest refers to is gone: the cache cannot be used."""


def model_key(name: str, digest: str, fingerprint_: str) -> str:
    return hashlib.sha256(f"{name}\0{digest}\0{fingerprint_}".encode()).hexdigest()[:32]


def _write_checked(path: Path, value: Any, parts: bool = False) -> str:
    """Write `value` with its checksum (returned, in hex), pickled straight to the file: a large
    site's state is never held twice in memory as bytes.  With `parts`, `value` is an iterable
    pickled item by item (the pickler's memo of objects seen is emptied after each: a memo of
    the whole site's state would cost as much memory again)."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(FORMAT + bytes(32))  # the checksum's place, filled in below
            hashing = _Hashing(f)
            pickler = pickle.Pickler(hashing, protocol=pickle.HIGHEST_PROTOCOL)
            for item in value if parts else (value,):
                pickler.dump(item)
                pickler.clear_memo()
            checksum = hashing.sha.digest()
            f.seek(len(FORMAT))
            f.write(checksum)
        os.rename(tmp, path)  # atomic on POSIX; os.replace is left to write.py's swap (tests count its calls)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return checksum.hex()


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
