"""One entry as citation data: a CSL-JSON item, a BibTeX entry, a COinS query string.

Every field comes from the model and the site's settings, never from the clock (no
"accessed" date).  The author is the outlet (rows.author_of: the blog's author, its
credit line, else the site's author); the entry's URL is its permanent one
(urls.entry_url), so a citation keeps working however the site is rebuilt.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from site_gen import urls
from site_gen.model import Blog, Entry
from site_gen.render.data.rows import author_of, language_of

CSL_TYPE = "post-weblog"  # CSL's type for a blog post (Zotero's "Blog Post")


def csl_item(site, blog: Blog, entry: Entry, topic_names: dict[str, str] | None = None) -> dict:
    """The entry as a CSL-JSON item (https://citationstyles.org/; schema in tests/)."""
    config = site.config
    day = entry.published.date()
    item = {
        "id": urls.citation_key(blog.slug, entry.anchor),
        "type": CSL_TYPE,
        "title": entry.title,
        "container-title": blog.title,
        "author": [{"literal": author_of(site, blog)}],
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
        "language": language_of(blog, config),
    }
    if config.root_url:
        item["URL"] = urls.entry_url(config.root_url, blog.slug, entry.anchor)
    names = [topic_names[s] for s in entry.topics if s in topic_names] if topic_names else []
    if names:
        item["keyword"] = ", ".join(names)
    return item


# ---- BibTeX -----------------------------------------------------------------------------------

def bibtex(site, blog: Blog, entry: Entry) -> str:
    """The entry as a BibTeX @misc entry (BibTeX and biblatex read it; text escaped for LaTeX)."""
    config = site.config
    day = entry.published.date()
    fields = [
        ("author", "{" + latex(author_of(site, blog)) + "}"),  # braced twice: an organisation, not "Last, First"
        ("title", "{" + latex(entry.title) + "}"),  # braced twice: its capitals kept as written
        ("howpublished", latex(blog.title)),
        ("year", str(day.year)),
        ("month", str(day.month)),
        ("date", day.isoformat()),
        ("note", latex(f"Live blog entry, {entry.published.isoformat()} ({entry.time_text})")),
        ("language", language_of(blog, config)),
    ]
    if config.root_url:
        fields.append(("url", urls.entry_url(config.root_url, blog.slug, entry.anchor)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{urls.citation_key(blog.slug, entry.anchor)},\n{body}\n}}\n"


_ENCODER = None
# What pylatexenc changes: LaTeX's specials, quotes and brackets, and everything past ASCII.
# Other text (most headlines) is returned as it is, without the encoder (0.3 ms a call).
_LATEX_CHANGES = re.compile(r'["#$%&<>\\^_{}~]|[^\x00-\x7f]')


@lru_cache(maxsize=4096)  # (an outlet and a blog title come back for every entry)
def latex(text: str) -> str:
    """`text` safe in a BibTeX field: LaTeX's special characters ({ } & % $ # _ ^ ~ \\ and
    quotes) escaped, accented Latin letters as LaTeX accents (pylatexenc), other scripts kept
    as UTF-8 (biber and modern LaTeX read them)."""
    if not _LATEX_CHANGES.search(text):
        return text
    global _ENCODER
    if _ENCODER is None:
        from pylatexenc.latexencode import RULE_CALLABLE, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

        keep = UnicodeToLatexConversionRule(RULE_CALLABLE, _keep_other_scripts, replacement_latex_protection="none")
        _ENCODER = UnicodeToLatexEncoder(
            conversion_rules=[keep, "defaults"],
            replacement_latex_protection="braces-all", unknown_char_policy="keep", unknown_char_warning=False)
    return _ENCODER.unicode_to_latex(unicodedata.normalize("NFC", text))


def _keep_other_scripts(text: str, pos: int):
    """A pylatexenc rule: letters past Latin (Greek, Cyrillic, Arabic, CJK...) stay as they are."""
    char = text[pos]
    if ord(char) > 0x24F and unicodedata.category(char)[0] in "LM":
        return 1, char
    return None


# ---- COinS ------------------------------------------------------------------------------------

COINS_FORMAT = "info:ofi/fmt:kev:mtx:dc"  # Dublin Core: Zotero reads rft.type as its item type


def coins(site, blog: Blog, entry: Entry) -> str:
    """The entry as a COinS ContextObject (Z39.88-2004 KEV), for <span class="Z3988" title="...">.

    Zotero's COinS translator makes a "Blog Post" of it: rft.type=blogPost, rft.title (the
    entry's title), rft.source (the blog, its "Blog Title"), rft.aucorp (the outlet, an
    organisation), rft.date, rft_id (its URL), rft.language.  Values are percent-encoded
    (UTF-8); the page's template escapes the '&' between pairs."""
    config = site.config
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", COINS_FORMAT), ("rft.type", "blogPost"),
             ("rft.title", entry.title), ("rft.source", blog.title), ("rft.aucorp", author_of(site, blog)),
             ("rft.date", entry.published.isoformat()), ("rft.language", language_of(blog, config))]
    if config.root_url:
        pairs.append(("rft_id", urls.entry_url(config.root_url, blog.slug, entry.anchor)))
    return "&".join(f"{key}={_kev(value)}" for key, value in pairs)


_NOT_KEV_SAFE = re.compile(r"[^A-Za-z0-9_.~:/-]")  # what urllib.parse.quote(value, safe=":/") escapes


@lru_cache(maxsize=4096)  # (a blog's title, its outlet and language come back for every entry)
def _kev(value: str) -> str:
    """`value` percent-encoded as UTF-8, as quote(value, safe=":/") does, in a tenth of the time."""
    return _NOT_KEV_SAFE.sub(_percent, value)


def _percent(match: re.Match) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8"))


# ---- on the blog page -------------------------------------------------------------------------

def entry_cite_view(site, blog: Blog, entry: Entry, citations) -> dict:
    """What an entry's Cite control and COinS span show (citations: a formatted.Citations)."""
    return {"coins": coins(site, blog, entry), "citation": citations.html(csl_item(site, blog, entry)),
            "cite_key": urls.citation_key(blog.slug, entry.anchor)}


def highwire_tags(site, blog: Blog) -> list[tuple[str, str, str]]:
    """Highwire Press citation_* <meta> tags for a blog page as a whole (Zotero, Google Scholar)."""
    config = site.config
    tags = [("name", "citation_title", blog.title), ("name", "citation_author", author_of(site, blog)),
            ("name", "citation_publication_date", f"{blog.date:%Y/%m/%d}"),
            ("name", "citation_language", language_of(blog, config))]
    if config.root_url:
        tags.append(("name", "citation_fulltext_html_url", urls.absolute(config.root_url, urls.blog_path(blog.slug))))
    return tags
