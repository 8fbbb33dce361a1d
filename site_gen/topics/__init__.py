"""Topics: the blogs' text -> the people, places and organisations they mention, across the site.

    scan.scan_blog(blog, curated) -> BlogScan           one pass over one blog (in its worker)
    index.merge_scans(scans, curated) -> TopicIndex     the site-wide merge, from scans alone
    index.add_topics(site, curated) -> Site             both, on an in-memory site
    curated.load_curated(path) -> Curated               topics.toml, checked key by key

    explain.explain(site, curated, name) -> Explanation  why a name is a topic (--explain)

extract.py finds runs of capitalised words, names.py judges which are names (with the
word lists of known.py and the gazetteer of gazetteer.py), glue.py whether a run joined by
a small word is one name or two, merge.py merges written forms into one topic with one
display name and slug, packed.py reads each entry's topics blog by blog (taking a blog's from
the last build when nothing it reads has changed) and holds them compactly.
"""
