"""An entry's citation in APA style (7th edition), rendered at build time with citeproc-py.

The style is the CSL project's apa.csl (shipped beside this module; CC BY-SA 3.0, see its
<rights>).  citeproc-py takes about 15 ms to run APA's style for one citation, and a large
archive has 40,000 entries or more: rendered one by one, citations would cost ten minutes.
But a site's citations differ only in their text (author, title, blog, URL) and their
date, and a style prints text as it is or changes its case.  So each citation *shape*,
one per language, year and month, is rendered once with placeholders in the text fields
and the day; the case change the style made to each placeholder is read back from the
output (citeproc's own `text-case` code then changes the real text the same way); and
the shape is trusted only when two more renders, with awkward text (quotes, '&', a closing
'?' or '.', a day of 1 or 31), equal the shape filled with that text.  Otherwise (a style or locale
that treats some text specially) every citation of that month is rendered in full.

Text given to citeproc-py is escaped first: its HTML formatter does not escape field text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

STYLE = Path(__file__).with_name("apa.csl")
# Placeholders: one per text field, three words each so that the case change can be told
# apart (title case, capitalize-first/all, sentence, upper, lower, or none).
_FIELDS = {"author": "qqxa of qqxb Qqxc", "title": "qqya of qqyb Qqyc", "container-title": "qqza of qqzb Qqzc",
           "URL": "qqurlqq"}
_DAY = 23  # the day placeholder: found where no other digit touches it
_CASES = {"qq{0}a of qq{0}b Qq{0}c": None, "Qq{0}a of Qq{0}b Qq{0}c": "title", "Qq{0}a of qq{0}b Qq{0}c": "capitalize-first",
          "Qq{0}a Of Qq{0}b Qq{0}c": "capitalize-all", "Qq{0}a of qq{0}b qq{0}c": "sentence",
          "QQ{0}A OF QQ{0}B QQ{0}C": "uppercase", "qq{0}a of qq{0}b qq{0}c": "lowercase"}
# Awkward text a trusted shape must fill exactly as citeproc renders it: quotes, '&', a closing
# '?' (kept before the style's period), a closing '.' (citeproc then leaves the style's out).
_PROBES = ({"author": "Le Monde & \"AFP\"", "title": "Why did O'Brien say \"no\" to the U.N. plan?",
            "container-title": "War in Ukraine, day 261: the front.", "URL": "https://example.org/a_b?c=1&d=2#e"},
           {"author": "A.F.P.", "title": "After the vote.", "container-title": "Ukraine: live?",
            "URL": "https://example.org/x"})


def escape(text: str) -> str:
    """HTML-escaped with character references that hold no letters ('&#38;'), so that a
    style's case changes treat the text as they would the raw text."""
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


@lru_cache(maxsize=1)
def citations() -> "Citations":
    """This process's Citations: its shapes serve every blog the process renders."""
    return Citations()


class Citations:
    """Formats CSL-JSON items (cite.csl_item) as HTML citations; keeps the shapes it made."""

    def __init__(self, style: Path = STYLE):
        self.style_path = style
        self._styles: dict = {}  # locale -> citeproc style
        self._shapes: dict = {}  # (language, year, month) -> _Shape, or None: render in full

    def html(self, item: dict) -> Markup:
        """The item's citation in the style, as HTML (<i> for italics); its text escaped."""
        year, month, day = item["issued"]["date-parts"][0]
        texts = _texts(item)
        key = (item.get("language", "en"), year, month, tuple(f for f, t in texts.items() if t is not None))
        if key not in self._shapes:
            self._shapes[key] = self._shape(item)
        shape = self._shapes[key]
        if shape is None:
            return Markup(self.render(item))
        return Markup(_tidy(shape.fill(texts, day)))

    def render(self, item: dict) -> str:
        """One citation, rendered in full by citeproc-py (its text escaped first)."""
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        escaped = dict(item, id="item")
        for field, text in _texts(item).items():
            if text is not None:
                escaped = _with_text(escaped, field, escape(text))
        bibliography = CitationStylesBibliography(self._style(item.get("language", "en")),
                                                  CiteProcJSON([escaped]), formatter.html)
        bibliography.register(Citation([CitationItem("item")]))
        return _tidy(str(bibliography.bibliography()[0]))

    def _style(self, language: str):
        if language not in self._styles:
            from citeproc import CitationStylesStyle

            try:
                self._styles[language] = CitationStylesStyle(str(self.style_path), locale=language, validate=False)
            except Exception:  # noqa: BLE001 - no CSL locale for this language: the style's own (en-US)
                self._styles[language] = CitationStylesStyle(str(self.style_path), validate=False)
        return self._styles[language]

    def _shape(self, item: dict) -> "_Shape | None":
        placeholders = dict(item, issued={"date-parts": [[*item["issued"]["date-parts"][0][:2], _DAY]]})
        for field, text in _texts(item).items():
            if text is not None:
                placeholders = _with_text(placeholders, field, _FIELDS[field])
        shape = _Shape.read(self.render(placeholders), item.get("language", "en"))
        if shape is None:
            return None
        for day, awkward in zip((1, 31), _PROBES):
            probe = dict(item, issued={"date-parts": [[*item["issued"]["date-parts"][0][:2], day]]})
            texts = {}
            for field, text in _texts(item).items():
                if text is not None:
                    probe = _with_text(probe, field, awkward[field])
                    texts[field] = awkward[field]
            if _tidy(shape.fill(texts, day)) != self.render(probe):
                return None
        return shape


_DOUBLED = re.compile(r"(?<=[?!…])\.")


def _tidy(rendered: str) -> str:
    """No period after a title's own '?', '!' or '…' ("Is it over?." -> "Is it over?"): CSL
    processors drop it (the spec's punctuation rules), citeproc-py does not."""
    return _DOUBLED.sub("", rendered)


def _texts(item: dict) -> dict:
    """The text fields of an item that a shape leaves open (None: the item has no such field)."""
    authors = item.get("author") or [{}]
    return {"author": authors[0].get("literal") if len(authors) == 1 else None,
            "title": item.get("title"), "container-title": item.get("container-title"), "URL": item.get("URL")}


def _with_text(item: dict, field: str, text: str) -> dict:
    return dict(item, author=[{"literal": text}]) if field == "author" else dict(item, **{field: text})


class _Shape:
    """A rendered citation with its placeholders marked: [text, (field, case), text, ..., "day", ...]."""

    def __init__(self, parts: list, language: str):
        self.parts = parts
        self.language = language

    @classmethod
    def read(cls, rendered: str, language: str) -> "_Shape | None":
        patterns = []
        for field, placeholder in _FIELDS.items():
            letter = placeholder[2]  # x, y, z, u
            if field == "URL":
                patterns.append((re.escape(placeholder), field, {placeholder: None}))
            else:
                cases = {form.format(letter): case for form, case in _CASES.items()}
                patterns.append(("|".join(map(re.escape, cases)), field, cases))
        found = []
        for pattern, field, cases in patterns:
            matches = list(re.finditer(pattern, rendered))
            if len(matches) > 1:
                return None
            found += [(m.start(), m.end(), field, cases[m.group()]) for m in matches]
        days = list(re.finditer(rf"(?<!\d){_DAY}(?!\d)", rendered))
        if len(days) > 1:
            return None
        found += [(m.start(), m.end(), "day", None) for m in days]
        parts, at = [], 0
        for start, end, field, case in sorted(found):
            parts += [rendered[at:start], (field, case)]
            at = end
        parts.append(rendered[at:])
        rest = "".join(p for p in parts if isinstance(p, str))
        if re.search("(?i)qq[xyz]|qqurlqq", rest):  # a placeholder changed beyond a case change
            return None
        return cls(parts, language)

    def fill(self, texts: dict, day: int) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, str):  # after a text ending in '.', citeproc leaves out the style's '.'
                out.append(part[1:] if part[:1] == "." and out and out[-1].endswith(".") else part)
            elif part[0] == "day":
                out.append(str(day))
            else:
                out.append(_cased(escape(texts[part[0]]), part[1], self.language))
        return "".join(out)


@lru_cache(maxsize=4096)  # (a blog's title and outlet come back for every entry)
def _cased(text: str, case: str | None, language: str) -> str:
    """`text` with the style's `text-case` applied by citeproc-py's own code."""
    if case is None:
        return text
    from citeproc.string import String

    return str(_case_element(case).case(String(text), language[:2]))


@lru_cache(maxsize=None)
def _case_element(case: str):
    """Just enough of a CSL element for citeproc's TextCased.case: its text-case attribute."""
    from citeproc.model import TextCased

    class Cased(TextCased):
        def get(self, name: str, default=None):
            return case if name == "text-case" else default

    return Cased()
