"""Full-text search with Pagefind: the search page, and the index built after the pages.

Pagefind (pip `pagefind[bin]`) reads the finished HTML in the staging folder and
writes its index and `pagefind.js` into `pagefind/` there, before the folder is
swapped in; the search page loads them with no server code, so search works from
the built files on any static host.  Only the entries are indexed
(`data-pagefind-body` in blog.html); each entry's `id` lets the search page
return one result per entry, linking to its anchor.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

from site_gen import urls, views
from site_gen.producer import Split

Output = Iterator[tuple[str, "str | bytes"]]


from site_gen.errors import SearchIndexError  # noqa: E402  (defined there so a build that does nothing need not import this)


def _search_page(_fragments, ctx) -> Output:
    site, env = ctx.site, ctx.env
    if not env.globals.get("search_enabled"):
        return
    path = urls.SEARCH
    page = views.page_view(path, "Search", f"Search the entries of {site.config.title}.", site.config.root_url)
    yield path, env.get_template("search.html").render(
        site=views.site_view(site), page=page,
        search_ui=urls.relative(path, urls.static_path("search.js")),
        search_bundle=urls.relative(path, urls.search_script()))


search_page = Split("search_page", site=_search_page)


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


def build_index(site_dir: Path, language: str) -> None:
    """Index the built site in `site_dir` (all pages in one index, in the site's language)."""
    command = [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", urls.SEARCH_BUNDLE,
               "--force-language", language.split("-")[0].lower(), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise SearchIndexError(f"Pagefind failed to index {site_dir} (exit {result.returncode}): {detail}")
