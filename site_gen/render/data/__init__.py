"""The archive as data, and every entry citable: pure functions from the model to records.

    rows.entry_row(site, blog, entry, topic_names)   one entry as the exports' row (docs/data.md)
    cite.csl_item / bibtex / coins                  one entry as a CSL-JSON item, a BibTeX entry
                                                    and a COinS (Z39.88-2004) query string
    formatted.Citations                             the entry's citation in a common style (APA),
                                                    rendered with citeproc-py at build time
    exports.exports                                 the producer: data/entries.jsonl, .csv,
                                                    .csl.json and archive.sqlite (+ Datasette's
                                                    metadata.json), from per-blog fragments
    exports.export_file(site, fmt)                  one export of a whole Site (`site-gen export`)
    archive.write_archive(path, ...)                the SQLite database, rows streamed in

Nothing here reads the clock: the same model gives the same records and the same bytes.
"""
