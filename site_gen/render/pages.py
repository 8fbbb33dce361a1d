"""The site's pages: blogs, home, search, 404, sitemap, robots.txt, static files.

Each producer yields (output path, bytes or text).  build/site.py runs every producer
in `PRODUCERS`; a new kind of output (feeds, topic pages) is a new producer there,
not a change here.  These ones are `producer.Split` producers, so incremental builds
redo only what changed.  Blog pages link to the blogs before and after them in time
(the "neighbours" pager): each blog's card (views.neighbour_card) is its fragment, and
its page is made by the `linked` step from the cards of its two neighbours, so it is
made again only when its own dump or one of those two cards changed.

Dates in the sitemap come from the content (the newest entry of each blog), never
from the clock, so the same content always gives the same files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from site_gen import urls
from site_gen.render import views
from site_gen.render.producer import Context, Split
from site_gen.render.environment import static_files

Output = Iterator[tuple[str, "str | bytes"]]
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _blog_card(blog, ctx: Context):
    return [], views.neighbour_card(blog)


def _blog_page(blog, ctx: Context, around: tuple):
    page = ctx.env.get_template("blog.html").render(views.blog_page(ctx.site, blog, around=around))
    return [(urls.blog_path(blog.slug), page)], None


blog_pages = Split("blog_pages", per_blog=_blog_card, linked=_blog_page)


def _home_card(blog, ctx: Context):
    """What the home page shows of one blog, and the key it is sorted by."""
    return [], ((blog.last_published, blog.slug), views.blog_summary(blog, urls.HOME))


def _home_page(cards, ctx: Context):
    ordered = [card for _, card in sorted(cards, key=lambda c: c[0], reverse=True)]
    yield urls.HOME, ctx.env.get_template("home.html").render(views.home_page_from(ctx.site, ordered))


def _static(_fragments, ctx: Context):
    for name, path in static_files(ctx.site_templates).items():
        yield urls.static_path(name), path.read_bytes()


home_page = Split("home_page", per_blog=_home_card, site=_home_page)
static = Split("static", site=_static)


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


def _card(blog, ctx) -> tuple[list, tuple]:
    return [], (blog.slug, blog.last_published)


def _rows(root: str, cards: list[tuple]) -> list[tuple[str, str]]:
    if not root or not cards:
        return []
    newest = max(last for _, last in cards)
    rows = [(urls.absolute(root, urls.HOME), newest.isoformat())]
    rows += [(urls.absolute(root, urls.blog_path(slug)), last.isoformat()) for slug, last in cards]
    return rows


def _sitemap(cards: list, ctx: Context) -> Output:
    """sitemap.xml, only when base_url is set: the protocol requires absolute URLs."""
    rows = _rows(ctx.site.config.root_url, cards)
    if not rows:
        return
    urlset = ET.Element("urlset", xmlns=SITEMAP_NS)
    for loc, lastmod in rows:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = loc
        ET.SubElement(url, "lastmod").text = lastmod
    ET.indent(urlset)
    yield urls.SITEMAP, '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


def _robots(fragments: list, ctx: Context) -> Output:
    lines = ["User-agent: *", "Allow: /"]
    if ctx.site.config.root_url and fragments:  # the sitemap exists
        lines.append(f"Sitemap: {urls.absolute(ctx.site.config.root_url, urls.SITEMAP)}")
    yield urls.ROBOTS, "\n".join(lines) + "\n"


sitemap = Split("sitemap", per_blog=_card, site=_sitemap)
robots = Split("robots", site=_robots)


def _not_found_page(_fragments, ctx: Context) -> Output:
    """404.html: served for any missing address, so its own links are root-relative."""
    site, env = ctx.site, ctx.env
    root = site.config.root_url
    page = views.page_view(urls.NOT_FOUND, "Page not found", "", "")
    page.update(home=urls.from_root(root, urls.HOME), css=urls.from_root(root, urls.static_path("style.css")),
                script=urls.from_root(root, urls.static_path("site.js")), search=urls.from_root(root, urls.SEARCH))
    yield urls.NOT_FOUND, env.get_template("404.html").render(site=views.site_view(site), page=page)


not_found_page = Split("not_found_page", site=_not_found_page)
