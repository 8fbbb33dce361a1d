"""The build cache: what the last successful build read and wrote, to redo only what changed.

It lives in ``.site-gen-cache/<output folder name>/`` beside the output folder (so
``build/`` at the site root is cached in ``./.site-gen-cache/build/``).  It holds:

- ``manifest.pickle``: the environment fingerprint (program version and source, the
  versions of the packages whose data shape the output, config file, every template and
  static file), per dump its size, times, SHA-256 and the day it
  was modified (the date of a dump that prints none, see read/parse.py), per blog
  its record (slug, counts, warnings, its pages, the producers' fragments), and the
  size and modification time of every output file (``Outputs``: folder by folder, in
  arrays, so that a build with nothing to do reads and checks them quickly) and the
  folders written whole: what in the output folder is site-gen's (build/output/folder.py);
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
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = b"site-gen-cache 6\n"
RACY_NS = 2_000_000_000  # a dump modified this close to when it was hashed is hashed again


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
    # folders written whole (the search index); a manifest from before this field was
    # kept reads the default: the search index, the only folder site-gen ever wrote whole
    whole: tuple = ("pagefind",)

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
    h.update(FORMAT + f"{__version__} {sys.version_info[:2]} {extra} {_data_packages()}".encode())
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


# Packages whose data or rules shape the output besides site-gen's own code: CLDR (Babel), the
# word lists and lexicons of topics in other languages, ISO names, language detection, Markdown,
# Jinja, citation styles.  Another version of any of them is another build.
_DATA_PACKAGES = frozenset("babel simplemma wordfreq pycountry pycld2 markdown jinja2 markupsafe citeproc_py pyyaml".split())


def _data_packages() -> str:
    """The installed versions of _DATA_PACKAGES, from their dist-info folders' names (one listdir
    per site-packages folder: a build with nothing to do must not import importlib.metadata)."""
    found = []
    for folder in sys.path:
        if not folder.endswith("-packages"):
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project = name.partition("-")[0].casefold()
                if project in _DATA_PACKAGES:
                    found.append(name)
    return " ".join(sorted(found))


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


def model_key(name: str, digest: str, fingerprint_: str) -> str:
    return hashlib.sha256(f"{name}\0{digest}\0{fingerprint_}".encode()).hexdigest()[:32]
