"""Each blog's packed topics (the topics merge's rows) in one build, kept for the next
(topics.packed.read_rows's `kept`).

A blog's packed topics are a pure function of its scan and of what its reading reads of the
site-wide judgement (topics.packed: the meaning of each of its runs, its credit line, its
entries' places, the people of its surnames).  This keeps, per blog, its packed row, its
places, the surnames it moved and a digest of all it read; and the whole Found (each topic's
mentions, in the ids and text numbers of these rows).  The next build takes a blog's row when
its digest is the same, and reads again the others (their old mentions are taken away): the
topics are those of a clean build (tests/test_incremental_topics.py), and a one-dump edit
reads one blog again instead of the site's 585,000 mentions.

The rows themselves are in a file beside the cache's pickles (topics-rows.bin, 47 MB at
10,000 blogs), not in memory: this build's are written there as they are found and read back
when asked for (TopicIndex.entries), the last build's read one blog at a time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from array import array
from pathlib import Path

from site_gen.render.producer import around_digest
from site_gen.topics.packed import replay, topic_ids

_VERSION = 4
_SPARE = 0.25  # when more of the kept topics than this have no mention left, all is read again


class KeptRows:
    """One build's rows (`rows`, merge_scans's) and its use of the last build's (`store`'s)."""

    def __init__(self, store, memo, scan_keys: list | None = None):
        self.store, self.memo, self.scan_keys = store, memo, scan_keys  # memo: the build's TopicsMemo
        self.rows = RowsFile(store.folder)
        self.old: dict = {}  # blog slug -> (digest, row number, places, moved, topic ids) the last build kept
        self.new: dict = {}  # the same, this build's
        self.old_rows: RowsFile | None = None
        self.taken = 0  # blogs whose row was taken (for --verbose and tests)
        self.same: dict = {}  # blog slug -> its topic ids, for each blog whose row was taken
        self.kept_token = self.token = ""  # what the last build kept, what this one keeps (a hash of it)

    def start(self, found) -> None:
        """Called once the names are judged: what was kept is usable under the same code and knowledge."""
        self.signature = self.memo.signature
        kept = self.store.load_rows()
        if not (isinstance(kept, dict) and kept.get("version") == _VERSION and kept["signature"] == self.signature):
            return
        keys, mentions, texts = kept["found"]
        if sum(1 for m in mentions if not m) > _SPARE * len(keys):
            return
        self.old_rows = RowsFile.open(self.store.rows_file_path, *kept["rows"])
        if self.old_rows is not None:
            found.restore(keys, mentions, texts)
            self.old, self.kept_token = kept["blogs"], kept["token"]

    def digest(self, position: int, scan, reads: tuple) -> str:
        """The hash of what reading the blog at `position` reads: its scan (by its key in the
        cache's blobs, when it has one) and `reads`."""
        key = self.scan_keys[position] if self.scan_keys else None
        return around_digest((key, reads) if key else (scan, reads))

    def take(self, slug: str, digest: str, found, forms: dict) -> bool:
        """The blog's row from the last build when it read the same; else its old mentions are forgotten."""
        old = self.old.pop(slug, None)
        if old is None:
            return False
        row = self.old_rows[old[1]]
        if old[0] != digest:
            self._forget(found, old, row)
            return False
        found.take(row)
        replay(old[3], forms)
        self.new[slug] = (digest, len(self.rows) - 1, *old[2:])
        self.same[slug] = old[4]
        self.taken += 1
        return True

    def keep(self, slug: str, digest: str, row: array, places: array, moved: list) -> None:
        """A blog read again (`row`: its packed topics); called before its row is added to `rows`."""
        self.new[slug] = (digest, len(self.rows), places.tobytes(), tuple(moved), topic_ids(row).tobytes())

    def close(self, found) -> None:
        """Every blog read: the mentions of blogs gone are taken away, and what this build found is kept."""
        for old in self.old.values():
            self._forget(found, old)
        self.old = {}
        if self.old_rows is not None:
            self.old_rows.close()
        found.settle()
        self.store.folder.mkdir(parents=True, exist_ok=True)
        rows = self.rows.keep(self.store.rows_file_path)
        self.token = hashlib.sha256(f"{self.signature} {rows[0]}".encode()).hexdigest()
        self.store.save_rows({"version": _VERSION, "signature": self.signature, "rows": rows, "token": self.token,
                              "found": (found.keys, found.mentions, found.texts), "blogs": self.new})
        self.new = {}

    def _forget(self, found, old: tuple, row: array | None = None) -> None:
        """Take away the mentions a blog had in the last build (`old`: what was kept of it)."""
        found.forget(self.old_rows[old[1]] if row is None else row, array("i", old[2]))


class RowsFile:
    """Each blog's packed topics, in a file, not in memory (47 MiB at 10,000 blogs): appended
    blog by blog, each read back when asked for (by this thread, or by the pool's thread that
    hands out the linked jobs)."""

    def __init__(self, folder: Path | None, file=None, ends=None):
        self.path = None  # (this build's, until kept: Store.prune deletes one a failed build left)
        if file is None:
            folder.mkdir(parents=True, exist_ok=True)
            fd, self.path = tempfile.mkstemp(dir=folder, prefix="rows-", suffix=".tmp")
            file = open(fd, "w+b")
        self.file = file
        self.ends = array("q") if ends is None else ends  # where each blog's row ends in the file
        self.sha = hashlib.sha256()
        self.lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, checksum: str, ends: array) -> RowsFile | None:
        """The rows kept in `path`, or None when it is missing or not what the state says."""
        try:
            file = open(path, "rb")
        except OSError:
            return None
        if hashlib.file_digest(file, "sha256").hexdigest() != checksum or (ends and ends[-1] != file.tell()):
            file.close()
            return None
        return cls(None, file, ends)

    def append(self, row: array) -> None:
        with self.lock:
            data = row.tobytes()
            self.file.write(data)
            self.sha.update(data)
            self.ends.append(self.file.tell())

    def keep(self, path: Path) -> tuple[str, array]:
        """This build's rows kept as `path` (the file stays open, and readable, for this build)."""
        with self.lock:
            self.file.flush()
            os.rename(self.path, path)
            self.path = None
        return self.sha.hexdigest(), self.ends

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> array:
        start = self.ends[i - 1] if i else 0
        row = array("q")
        with self.lock:
            self.file.seek(start)
            row.fromfile(self.file, (self.ends[i] - start) // row.itemsize)
            self.file.seek(0, 2)  # (back to the end, where rows are appended)
        return row

    def close(self) -> None:
        self.file.close()
        if self.path is not None:
            os.unlink(self.path)
            self.path = None

