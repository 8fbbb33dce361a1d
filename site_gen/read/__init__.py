"""Read: dumps on disk -> text -> `model.Blog`.  The first stage; it imports only the shared vocabulary.

    source.find_dumps(folder), source.read_dump(path, name)    the dumps, and their bytes as text
    parse.parse(text, name, default_timezone) -> Blog          pure: no file system, no clock

parse.py reads a dump's lines (lines.py) once: front matter (frontmatter.py), entry
headings and date lines (clock.py), then works out when each entry was published
(chronology.py).  accounting.py checks that every line of the dump is in the model.
"""
