"""Producers for crawlers and lost readers: sitemap.xml, robots.txt and the 404 page.

Dates in the sitemap come from the content (the newest entry of each blog), never
from the clock, so the same content always gives the same files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import jinja2

from site_gen import urls, views
from site_gen.model import Site

Output = Iterator[tuple[str, "str | bytes"]]
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_entries(site: Site) -> list[tuple[str, str]]:
    """(absolute URL, lastmod) for every page worth crawling: the home page, then each blog."""
    root = site.config.root_url
    if not root or not site.blogs:
        return []
    newest = max(b.last_published for b in site.blogs)
    rows = [(urls.absolute(root, urls.HOME), newest.isoformat())]
    rows += [(urls.absolute(root, urls.blog_path(b.slug)), b.last_published.isoformat()) for b in site.blogs]
    return rows


def sitemap(site: Site, env: jinja2.Environment) -> Output:
    """sitemap.xml, only when base_url is set: the protocol requires absolute URLs."""
    rows = sitemap_entries(site)
    if not rows:
        return
    urlset = ET.Element("urlset", xmlns=SITEMAP_NS)
    for loc, lastmod in rows:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = loc
        ET.SubElement(url, "lastmod").text = lastmod
    ET.indent(urlset)
    yield urls.SITEMAP, '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


def robots(site: Site, env: jinja2.Environment) -> Output:
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_entries(site):
        lines.append(f"Sitemap: {urls.absolute(site.config.root_url, urls.SITEMAP)}")
    yield urls.ROBOTS, "\n".join(lines) + "\n"


def not_found_page(site: Site, env: jinja2.Environment) -> Output:
    """404.html: served for any missing address, so its own links are root-relative."""
    root = site.config.root_url
    page = views.page_view(urls.NOT_FOUND, "Page not found", "", "")
    page.update(home=urls.from_root(root, urls.HOME), css=urls.from_root(root, urls.static_path("style.css")),
                script=urls.from_root(root, urls.static_path("site.js")), search=urls.from_root(root, urls.SEARCH))
    yield urls.NOT_FOUND, env.get_template("404.html").render(site=views.site_view(site), page=page)
