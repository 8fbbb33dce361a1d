"""HTML pages and static files.  Each producer yields (output path, bytes or text).

build.py runs every producer in `build.PRODUCERS`; a new kind of output (feeds,
topic pages, sitemap) is a new producer there, not a change here.
"""

from __future__ import annotations

from collections.abc import Iterator

import jinja2

from site_gen import urls, views
from site_gen.model import Site
from site_gen.render import static_files

Output = Iterator[tuple[str, "str | bytes"]]


def blog_pages(site: Site, env: jinja2.Environment) -> Output:
    template = env.get_template("blog.html")
    for blog in site.blogs:
        yield urls.blog_path(blog.slug), template.render(views.blog_page(site, blog))


def home_page(site: Site, env: jinja2.Environment) -> Output:
    yield urls.HOME, env.get_template("home.html").render(views.home_page(site))


def static(site: Site, env: jinja2.Environment) -> Output:
    for name, path in static_files(env.globals["site_templates"]).items():
        yield urls.static_path(name), path.read_bytes()
