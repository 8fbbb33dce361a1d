"""HTML pages and static files.  Each producer yields (output path, bytes or text).

build.py runs every producer in `build.PRODUCERS`; a new kind of output (feeds,
topic pages, sitemap) is a new producer there, not a change here.  These ones are
`producer.Split` producers (home page, static files), so incremental builds redo only
what changed; blog pages link to the blogs before and after them in time (main's
"neighbours" pager), so they depend on other blogs and are a plain whole-site
producer: every build renders them, and writes only those whose bytes changed.
"""

from __future__ import annotations

from site_gen import urls, views
from site_gen.producer import Context, Split
from site_gen.render import static_files


def blog_pages(site, env):
    template = env.get_template("blog.html")
    for blog in site.blogs:
        yield urls.blog_path(blog.slug), template.render(views.blog_page(site, blog))


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
