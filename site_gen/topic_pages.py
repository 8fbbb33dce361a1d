"""The topic index and one page per topic (a producer in build.PRODUCERS)."""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from site_gen import feeds, topic_views, topics, urls
from site_gen.model import Site
from site_gen.producer import Output


def topic_pages(site: Site, env: jinja2.Environment) -> Output:
    yield urls.TOPICS_INDEX, env.get_template("topics.html").render(topic_views.topics_index(site))
    template = env.get_template("topic.html")
    lookup = topic_views.entry_lookup(site)
    related = topic_views.related_topics(site)
    head = env.get_template("topic_mention.html")
    cache: dict = {}  # per entry: what every topic page shows the same, rendered once

    def render_head(row) -> Markup:
        return Markup(head.render(m=row).rstrip("\n"))

    names = {t.slug: t.name for t in site.topics}
    items = feeds.item_maker(site, env, names)
    for topic, pairs in topics.topic_entries(site):
        view = topic_views.topic_page(site, topic, lookup, related, cache, render_head)
        yield urls.topic_path(topic.slug), template.render(view)
        if pairs:  # a topic named only by front matter tags has no entries to follow
            yield from feeds.topic_feeds(site, env, slug=topic.slug, title=f"{topic.name} · {site.config.title}",
                                         page_path=urls.topic_path(topic.slug), pairs=pairs,
                                         subtitle=topic.description, limit=site.config.feed_limit,
                                         topic_names=names, items=items)
