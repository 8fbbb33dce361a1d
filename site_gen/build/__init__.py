"""Build: runs the stages over a site and writes it, redoing only what changed.

    site.build(content, out, config) -> BuildResult    the whole build (`site-gen build`)
    site.producers()                                    every kind of output, in order
    site.load_site(content, config)                     every dump parsed in memory (no cache)

plan.py decides against the cache (cache.py, store.py) what must be done;
incremental.py runs it: blogs in worker processes (perblog.py, parallel.py), the
site-wide topics phase (topics_phase.py), the site steps, the search index
(pagefind.py).  write.py is the only code that writes the site: all or nothing.
"""
