"""Full-text search with Pagefind: the index built after the pages (the page: render/pages.py).

Pagefind (pip `pagefind[bin]`) reads the finished HTML in the staging folder and
writes its index and `pagefind.js` into `pagefind/` there, before the folder is
swapped in; the search page loads them with no server code, so search works from
the built files on any static host.  Only the entries are indexed
(`data-pagefind-body` in blog.html); each entry's `id` lets the search page
return one result per entry, linking to its anchor.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from site_gen import urls
from site_gen.errors import SearchIndexError


def pagefind_executable() -> Path:
    try:
        import pagefind_bin
    except ImportError:
        raise SearchIndexError("search needs Pagefind: pip install 'pagefind[bin]' "
                               "(or build without search: site-gen build --no-search)") from None
    try:
        return pagefind_bin.get_executable()
    except FileNotFoundError as exc:
        raise SearchIndexError(f"the Pagefind binary is missing ({exc}); reinstall 'pagefind[bin]'") from None


def build_index(writer, pages: list[str], language: str) -> None:
    """Index `pages` (the blog pages: the only ones whose entries are searchable) as this build
    leaves them, into the writer's search bundle folder, which replaces the live one whole.

    Pagefind reads a folder of hard links to just those pages (from this build's folder where
    a page was written, else from the live site), not the whole site: the index is the same,
    as no other page has `data-pagefind-body`, and a build that changed one blog need not
    copy or re-read the site's other pages.
    """
    import shutil

    executable = pagefind_executable()
    source = writer.root / ".search-pages"
    shutil.rmtree(source, ignore_errors=True)
    folders: set[Path] = set()
    try:
        for rel in pages:
            origin = writer.built(rel)
            link = source / rel
            if link.parent not in folders:
                link.parent.mkdir(parents=True, exist_ok=True)
                folders.add(link.parent)
            try:
                os.link(origin, link)
            except OSError:  # a file system without hard links
                shutil.copyfile(origin, link)
        bundle = writer.whole_folder(urls.SEARCH_BUNDLE)
        command = [str(executable), "--site", str(source), "--output-path", str(bundle),
                   "--force-language", language.split("-")[0].lower(), "--silent"]
        result = subprocess.run(command, capture_output=True, text=True)
    finally:
        shutil.rmtree(source, ignore_errors=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise SearchIndexError(f"Pagefind failed to index {writer.root} (exit {result.returncode}): {detail}")
