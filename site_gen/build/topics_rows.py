"""Each blog's packed topics (the topics merge's rows) in one build, kept for the next
(topics.packed.read_rows's `kept`).

A blog's packed topics are a pure function of its scan and of what its reading reads of the
site-wide judgement (topics.packed: the meaning of each of its runs, its credit line, its
entries' places, the people of its surnames).  This keeps, per blog, its packed row, its
places, the surnames it moved and a digest of all it read; and the whole Found (each topic's
mentions, in the ids and text numbers of these rows).  The next build takes a blog's row when
its digest is the same, and reads again the others (their old mentions are taken away): the
topics are those of a clean build (tests/test_incremental_topics.py), and a one-dump edit
reads one blog again instead of the site's 585,000 mentions.  It also keeps what each run,
headline, forced name and credit line stood for, and the site's people by surname: when all of
those the two builds share are the same, no blog's reads can have changed but through its own
scan or places, and a blog whose scan and places are the same is taken without its digest
being made, or its scan loaded (same_reading, take_unread: 0.3 s of a one-dump build at
1,000 blogs).

The rows themselves are in a file beside the cache's pickles (topics-rows.bin, 47 MB at
10,000 blogs), not in memory: this build's are written there as they are found and read back
when asked for (TopicIndex.entries), the last build's read one blog at a time.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
import threading
from array import array
from pathlib import Path

from site_gen.render.producer import around_digest
from site_gen.topics.packed import replay, topic_ids

_VERSION = 5
_SPARE = 0.25  # when more of the kept topics than this have no mention left, all is read again


class KeptRows:
    """One build's rows (`rows`, merge_scans's) and its use of the last build's (`store`'s)."""

    def __init__(self, store, memo, scan_keys: list | None = None):
        self.store, self.memo, self.scan_keys = store, memo, scan_keys  # memo: the build's TopicsMemo
        self.rows = RowsFile(store.folder)
        # blog slug -> (digest, row number, places, moved, topic ids, scan key, credit lines) the last build kept
        self.old: dict = {}
        self.new: dict = {}  # the same, this build's
        self.old_rows: RowsFile | None = None
        self.taken = 0  # blogs whose row was taken (for --verbose and tests)
        self.unread = 0  # of them, those taken without their reads hashed (take_unread)
        self.same: dict = {}  # blog slug -> its topic ids, for each blog whose row was taken
        self.kept_token = self.token = ""  # what the last build kept, what this one keeps (a hash of it)
        self.old_reading: dict | None = None  # what the last build's blogs read of the site (same_reading)
        self.reading: dict = {}  # this build's (what each run stood for: in topics-reading.pickle)
        self.credit_keys = None  # credit line -> the keys it names (packed.read_rows's, cached)

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
            self.old, self.kept_token, self.old_reading = kept["blogs"], kept["token"], kept["reading"]

    def same_reading(self, reading, credit_keys) -> bool:
        """Whether every blog of the last build reads now what it read then, its own scan and
        places apart: each run, title-case headline and forced name that both builds know stands
        for the same topics, each credit line of the last build names the same sources, and the
        site's people by surname and its ignored topics are the same.  Then a blog whose scan and
        places are the last build's has the same digest, and is taken unread (take_unread):
        a one-dump edit hashes no other blog's reads.  (A run, headline or name that only one
        of the builds knows is in no blog of both: an unchanged scan holds the same ones.)

        What each run stood for is saved here, for the next build, in a file of its own
        (topics-reading.pickle, 4 MB at 1,000 blogs), and let go of: it is not held while the
        rest of the build runs.  A token ties it to the rows state that close() saves."""
        surnames = reading.surnames
        self.credit_keys = credit_keys
        people = (surnames.surname, surnames.everywhere, surnames.candidates)
        old, self.old_reading = self.old_reading, None
        meanings = self.store.load_reading() if old else None
        if not (isinstance(meanings, dict) and meanings.get("token") == old["token"]):
            old = meanings = None
        same = bool(old) and bool(self.scan_keys) and old["people"] == people and old["ignored"] == reading.ignored
        if same:
            same = all(credit_keys(line) == keys for line, keys in old["credits"].items())
        token = secrets.token_hex(8)
        now = {"token": token}
        for part, stands in zip(("runs", "titles", "forced"), (reading.by_run, *reading.maps)):
            before, texts = meanings[part] if meanings else {}, {}
            for key, text in zip(map(repr, stands), map(repr, stands.values())):
                was = before.pop(key, None)  # (the last build's let go of as this one's is made)
                if was is not None and was != text:
                    same = False
                texts[key] = text
            now[part] = texts
            del before, texts
        meanings = None
        self.store.save_reading(now)
        del now
        self.reading = {"token": token, "people": people, "ignored": reading.ignored}
        return same

    def take_unread(self, position: int, slug: str, places, found, forms) -> bool:
        """The blog's row from the last build, when its scan and places are the same and so is
        what it reads of the site (same_reading, asked first)."""
        old = self.old.get(slug)
        if old is None or old[5] != self.scan_keys[position] or old[2] != places.tobytes():
            return False
        del self.old[slug]
        self._took(slug, old[0], old, found, forms)
        self.unread += 1
        return True

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
        if old[0] != digest:
            self._forget(found, old)
            return False
        self._took(slug, digest, old, found, forms)
        return True

    def _took(self, slug: str, digest: str, old: tuple, found, forms) -> None:
        found.take(self.old_rows[old[1]])
        replay(old[3], forms)
        self.new[slug] = (digest, len(self.rows) - 1, *old[2:])
        self.same[slug] = old[4]
        self.taken += 1

    def keep(self, position: int, slug: str, digest: str, row: array, places: array, moved: list,
             credits: tuple) -> None:
        """A blog read again (`row`: its packed topics); called before its row is added to `rows`."""
        key = self.scan_keys[position] if self.scan_keys else None
        self.new[slug] = (digest, len(self.rows), places.tobytes(), tuple(moved), topic_ids(row).tobytes(), key,
                          credits)

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
        if self.credit_keys is not None:  # (what the next build's same_reading compares with)
            lines = {line for kept in self.new.values() for line in kept[6]}
            self.reading["credits"] = {line: self.credit_keys(line) for line in sorted(lines)}
        self.store.save_rows({"version": _VERSION, "signature": self.signature, "rows": rows, "token": self.token,
                              "found": (found.keys, found.mentions, found.texts), "blogs": self.new,
                              "reading": self.reading or None})
        self.new, self.reading = {}, {}

    def _forget(self, found, old: tuple) -> None:
        """Take away the mentions a blog had in the last build (`old`: what was kept of it)."""
        found.forget(self.old_rows[old[1]], array("i", old[2]))


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

