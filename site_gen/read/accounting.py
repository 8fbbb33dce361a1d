"""Nothing lost: every non-blank line of a dump is in the model, or the build says so.

The parser files each line somewhere: front matter, the lede, the notice, an
entry heading (and the headline line after a time that stands alone), a
paragraph or related reference of an entry, the credit, or a date line between
entries.  `covered_lines` collects those line numbers from the model;
`lost_lines` lists every non-blank line that is neither covered nor named by
one of the blog's warnings.  The build turns each lost line into a warning, so
a parser change that drops text is never silent, and the tests assert that
none is ever lost.
"""

from __future__ import annotations

from site_gen.errors import Diagnostic, warning
from site_gen.read.lines import split_lines
from site_gen.model import Blog


def covered_lines(blog: Blog) -> set[int]:
    """Line numbers (1-based) the model holds: text, headings, front matter and date lines."""
    covered = set(range(1, blog.front_matter_lines + 1))
    covered.update(blog.date_lines)
    if blog.title_line is not None:
        covered.add(blog.title_line)
    for block in (*blog.lede, blog.notice, blog.credit):
        if block is not None:
            covered.add(block.line)
    for entry in blog.entries:
        covered.add(entry.line)
        if entry.headline_line is not None:
            covered.add(entry.headline_line)
        covered.update(block.line for block in entry.blocks)
    return covered


def lost_lines(text: str, blog: Blog) -> list[int]:
    """Non-blank lines of `text` that are neither in `blog` nor named by one of its warnings."""
    warned = {w.line for w in blog.warnings if w.line is not None}
    covered = covered_lines(blog)
    return [number for number, line in enumerate(split_lines(text), 1)
            if line.strip() and number not in covered and number not in warned]


def lost_line_warnings(text: str, blog: Blog) -> list[Diagnostic]:
    lines = split_lines(text)
    return [warning(blog.source, number, "this line was not placed in the page and is left out",
                    "this is a bug in site-gen: please report it with the file", source_line=lines[number - 1])
            for number in lost_lines(text, blog)]
