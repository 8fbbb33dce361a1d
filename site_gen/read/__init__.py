"""Read: dumps on disk -> text -> `model.Blog`.  The first stage; it imports only the shared vocabulary.

    source.find_dumps(folder), source.read_dump(path, name)    the dumps, and their bytes as text
    source.file_date(path)                                     the day a dump was modified (UTC)
    parse.parse(text, name, default_timezone, file_date, default_language) -> Blog
                                                               pure: no file system, no clock

parse.py reads a dump's lines (lines.py) once: front matter (frontmatter.py), then
classifies every line (layout.py): heading candidates (headings.py), date lines
(dates.py, with CLDR's month, weekday and hour words), rules and text.  style.py
infers the dump's heading style from all its candidates and decides which are
headings and which are headlines or prose; clock.py gives the minutes a heading
stands for, and chronology.py works out when each entry was published.  The blog's
language is decided by locales.decide (front matter, else detected from its text, else the site's).
accounting.py checks that every line of the dump is in the model.
"""
