"""Topics: the blogs' text -> the people, places and organisations they mention, across the site.

    scan.scan_blog(blog, curated) -> BlogScan           one pass over one blog (in its worker)
    index.merge_scans(scans, curated) -> TopicIndex     the site-wide merge, from scans alone
    index.add_topics(site, curated) -> Site             both, on an in-memory site
    curated.load_curated(path) -> Curated               topics.toml, checked key by key

extract.py finds runs of capitalised words, names.py judges which are names (with the
word lists and gazetteer of known.py), merge.py merges written forms into one topic with
one display name and slug, packed.py holds each entry's topics compactly.
"""
