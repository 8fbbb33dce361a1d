"""HTML pages and static files.  Each producer yields (output path, bytes or text).

build.py runs every producer in `build.PRODUCERS`; a new kind of output (feeds,
topic pages, sitemap) is a new producer there, not a change here.  These ones are
`producer.Split` producers, so incremental builds redo only what changed.  Blog pages
link to the blogs before and after them in time (the "neighbours" pager): each blog's
card (views.neighbour_card) is its fragment, and its page is made by the `linked` step
from the cards of its two neighbours, so it is made again only when its own dump or
one of those two cards changed.
"""

from __future__ import annotations

from site_gen import urls
from site_gen.render import views
from site_gen.render.producer import Context, Split
from site_gen.render.environment import static_files


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
