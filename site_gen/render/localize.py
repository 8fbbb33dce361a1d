"""A page's language, as views and templates use it: words from gettext catalogs, dates,
clock times, city names, plural rules and writing direction from CLDR (Babel).

    language_for(env, tag) -> Language        one per tag and Jinja environment (so per process)
    lang.gettext(message) / lang.ngettext(singular, plural, n)
    lang.long_date(day)          "10 November 2022" · "10 novembre 2022" · "10. November 2022"
    lang.full_date(day)          "Thursday, 10 November 2022" · "jeudi 10 novembre 2022"
    lang.month(year, month)      "November 2022" · "novembre 2022"
    lang.clock(hour, minute, twelve_hour)
                                 "8:17 pm" · "20:17": the hour cycle is the dump's (how the outlet
                                 printed its times), the form is the language's
    lang.city(zone)              "Paris", "Kyiv" · "Kiev" · "Kiew": CLDR's name of a zone's city
    lang.plural_samples          ((category, n), ...): one number of each CLDR plural category
    lang.script_text(name)       the words site.js or search.js writes, for the page to carry
    lang.tag, lang.direction     "pt-BR", "ltr" | "rtl"
    lang.context                 what a render adds to its view: the i18n extension's gettext,
                                 ngettext, pgettext, npgettext and _, in this language

Catalogs.  Messages are the English text of the default templates and views (so English needs
no catalog).  Each language's translations are `<templates>/locale/<ll>.po` (or
`<ll>_<RR>.po` for a region), looked up in the site's own templates folder first, then in the
packaged one: a site adds a language, or rewords a label, with a .po file of its own.  They
are compiled in memory (Babel reads the .po, writes the .mo into a buffer, Python's gettext
reads that), once per language and process: no .mo is kept in the source tree, the wheel or
the build, so nothing generated can go stale or carry a date.

Formats.  `en` alone formats as CLDR's international English, `en_001` ("10 November 2022",
"8:17 pm", as pages always read); `en-US` gives "November 10, 2022", "8:17 PM".  Any other
tag is CLDR's own locale for it.  Results are cached: a build formats each day and minute once.
"""

from __future__ import annotations

import copy
import datetime as dt
import gettext as _gettext
import io
from pathlib import Path

from markupsafe import Markup

ENGLISH_FORMATS = "en_001"  # CLDR locale used for the bare tag `en` (see the docstring)


def language_for(env, tag: str) -> "Language":
    """The Language for `tag` with the catalogs of `env`'s templates (render.environment)."""
    languages = env.site_gen_languages
    found = languages.get(tag)
    if found is None:
        found = languages[tag] = Language(tag, env.site_gen_catalog_dirs)
    return found


def catalog_dirs(site_templates: Path | None, default_templates: Path) -> tuple[Path, ...]:
    """Where catalogs are looked up, first found first: the site's templates/locale, the default."""
    dirs = [site_templates / "locale"] if site_templates is not None else []
    return tuple(d for d in dirs + [default_templates / "locale"] if d.is_dir())


class Language:
    def __init__(self, tag: str, catalog_dirs: tuple[Path, ...] = ()):
        from babel import Locale

        self.tag = tag
        self.locale = Locale.parse(ENGLISH_FORMATS if tag == "en" else tag.replace("-", "_"))
        self.direction = "rtl" if self.locale.character_order == "right-to-left" else "ltr"
        self.translations = _translations(self.locale, catalog_dirs)
        self.gettext = self.translations.gettext
        self.ngettext = self.translations.ngettext
        self.context = _template_functions(self.translations)
        self._dates: dict = {}
        self._clocks: dict = {}
        self._cities: dict = {}
        self._samples = None

    def __repr__(self) -> str:
        return f"Language({self.tag!r})"

    def long_date(self, day: dt.date) -> str:
        return self._date("long", day)

    def full_date(self, day: dt.date) -> str:
        return self._date("full", day)

    def _date(self, width: str, day: dt.date) -> str:
        """CLDR's date of that width in this language, made once per day and width."""
        key = (width, day)
        text = self._dates.get(key)
        if text is None:
            from babel.dates import format_date

            text = self._dates[key] = format_date(day, width, locale=self.locale)
        return text

    def month(self, year: int, month: int) -> str:
        key = ("month", year, month)
        text = self._dates.get(key)
        if text is None:
            from babel.dates import format_skeleton

            text = self._dates[key] = format_skeleton("yMMMM", dt.date(year, month, 1), locale=self.locale)
        return text

    def clock(self, hour: int, minute: int, twelve_hour: bool) -> str:
        key = (hour, minute, twelve_hour)
        text = self._clocks.get(key)
        if text is None:
            from babel.dates import format_skeleton

            text = self._clocks[key] = format_skeleton("hm" if twelve_hour else "Hm", dt.time(hour, minute),
                                                       locale=self.locale)
        return text

    def city(self, zone: str) -> str:
        """CLDR's name of the city that names an IANA zone, in this language ("Europe/Kyiv" -> "Kyiv")."""
        text = self._cities.get(zone)
        if text is None:
            from babel.dates import get_timezone, get_timezone_location

            try:
                text = get_timezone_location(get_timezone(zone), locale=self.locale, return_city=True)
            except LookupError:
                text = zone.split("/")[-1].replace("_", " ")
            self._cities[zone] = text
        return text

    @property
    def plural_samples(self) -> tuple[tuple[str, int], ...]:
        """(CLDR plural category, the smallest whole number in it) for each category this
        language has: a script picks the form with Intl.PluralRules, made here with ngettext."""
        if self._samples is None:
            rule = self.locale.plural_form
            found: dict[str, int] = {}
            for n in (*range(0, 200), 1000, 10**6):
                found.setdefault(rule(n), n)
            self._samples = tuple(sorted(found.items(), key=lambda item: item[1]))
        return self._samples

    def script_text(self, script: str) -> dict:
        """The words a script of the default theme writes, in this language: the page carries them
        as JSON (base.html), `{name}` marks what the script fills in, and words that count come
        in each plural category ({"one": ..., "other": ...}) for Intl.PluralRules to choose."""
        fill = {"time": "{time}", "query": "{query}", "num": "{count}", "shown": "{shown}"}
        if script == "site.js":
            return {
                "copy": self.gettext("Copy link"),
                "copy_label": self.gettext("Copy link to the %(time)s entry") % fill,
                "copied": self.gettext("Link copied"),
                "refused": self.gettext("Copying is not allowed here: the link is in the address bar"),
            }
        if script == "search.js":
            return {
                "searching": self.gettext("Searching…"),
                "unavailable": self.gettext("The search index could not be loaded. "
                                            "Search works when the site is served over http(s)."),
                "none": self.gettext("No entries found for “%(query)s”.") % fill,
                "found": {category: self.ngettext("%(num)s entry found for “%(query)s”.",
                                                  "%(num)s entries found for “%(query)s”.", n) % fill
                          for category, n in self.plural_samples},
                "found_some": {category: self.ngettext(
                    "%(num)s entry found for “%(query)s”, showing the first %(shown)s.",
                    "%(num)s entries found for “%(query)s”, showing the first %(shown)s.", n) % fill
                    for category, n in self.plural_samples},
            }
        raise KeyError(script)


def _translations(locale, dirs: tuple[Path, ...]) -> _gettext.NullTranslations:
    """The catalogs for `locale`, most specific first (site pt_BR, site pt, default pt_BR,
    default pt), chained as fallbacks; the English messages themselves when none has it."""
    names = [str(locale)] if locale.territory or locale.script else []
    names.append(locale.language)
    chain = [_compiled(d / f"{name}.po") for d in dirs for name in dict.fromkeys(names)
             if (d / f"{name}.po").is_file()]
    if not chain:
        return _gettext.NullTranslations()
    for catalog, fallback in zip(chain, chain[1:]):
        catalog.add_fallback(fallback)
    return chain[0]


_COMPILED: dict[tuple[str, int, int], _gettext.GNUTranslations] = {}


def _compiled(po: Path) -> _gettext.GNUTranslations:
    """A .po file read and compiled in memory (fuzzy and untranslated messages left out)."""
    stat = po.stat()
    key = (str(po), stat.st_mtime_ns, stat.st_size)
    if key not in _COMPILED:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as f:
            catalog = read_po(f, abort_invalid=True)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        _COMPILED[key] = _gettext.GNUTranslations(buffer)
    return copy.copy(_COMPILED[key])  # its own fallback chain, the messages shared


def _template_functions(translations: _gettext.NullTranslations) -> dict:
    """gettext and friends as jinja2.ext.i18n calls them with newstyle gettext (render.environment
    installs it): keyword arguments fill %(name)s placeholders, the result is Markup when the
    template autoescapes, and variables are escaped.  (Jinja's own wrappers are private API.)"""
    from jinja2 import pass_context

    def finish(context, text: str, variables: dict):
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    labels: dict = {}  # message -> its Markup: a label is asked for on every page

    @pass_context
    def gettext(context, message, **variables):
        if not variables and context.eval_ctx.autoescape:
            label = labels.get(message)
            if label is None:
                label = labels[message] = Markup(translations.gettext(message)) % {}
            return label
        return finish(context, translations.gettext(message), variables)

    @pass_context
    def ngettext(context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        return finish(context, translations.ngettext(singular, plural, num), variables)

    @pass_context
    def pgettext(context, message_context, message, **variables):
        return finish(context, translations.pgettext(message_context, message), variables)

    @pass_context
    def npgettext(context, message_context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        return finish(context, translations.npgettext(message_context, singular, plural, num), variables)

    return {"gettext": gettext, "_": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}
