"""Producers for crawlers and lost readers: sitemap.xml, robots.txt and the 404 page.

Dates in the sitemap come from the content (the newest entry of each blog), never
from the clock, so the same content always gives the same files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from site_gen import urls
from site_gen.render import views
from site_gen.model import Site
from site_gen.render.producer import Context, Split

Output = Iterator[tuple[str, "str | bytes"]]
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_entries(site: Site) -> list[tuple[str, str]]:
    """(absolute URL, lastmod) for every page worth crawling: the home page, then each blog."""
    return _rows(site.config.root_url, [_card(b, None)[1] for b in site.blogs])


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
