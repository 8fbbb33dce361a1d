"""Render: the model (with its topics) -> views -> the site's files as text: HTML, feeds, sitemap.

    producer.Split, producer.Context    the contract every kind of output follows (per blog,
                                        linked to its neighbours or topics, site-wide)
    pages, topic_pages, feeds           the producers: blog, home, search, 404 and topic pages,
                                        sitemap, robots.txt, static files, Atom/RSS/JSON feeds
    views, topic_views                  model -> the plain values templates read (their contract)
    environment.environment()           the Jinja environment: site templates, then the defaults

markup.py turns entry text into safe HTML, structured.py writes JSON-LD and social
tags, feed_formats.py the feed documents.  Producers yield (path, text); they never
write files (build/write.py does) and never build URLs by hand (urls.py does).
"""
