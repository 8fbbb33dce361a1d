"""The gettext catalogs of the default templates (templates/locale/*.po) hold every message.

The messages are extracted from the templates and the code exactly as a maintainer does it
(babel.cfg, Babel's extractors, Jinja's for templates), and compared with each catalog.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import REPO
from site_gen.render.localize import language_for
from site_gen.render.environment import environment

LOCALE = REPO / "templates" / "locale"
REQUIRED = ("fr", "de", "it", "es", "pt", "ar", "he")  # English is the messages' own language


def _mapping():
    try:
        from babel.messages.frontend import parse_mapping_cfg as parse
    except ImportError:  # Babel < 2.14
        from babel.messages.frontend import parse_mapping as parse
    with (REPO / "babel.cfg").open(encoding="utf-8") as f:
        return parse(f)


@pytest.fixture(scope="module")
def extracted() -> dict:
    """msgid (or (singular, plural)) -> where it is used."""
    method_map, options_map = _mapping()
    found: dict = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(str(REPO), method_map, options_map):
        key = message if isinstance(message, str) else tuple(message[:2])
        found.setdefault(key, f"{filename}:{lineno}")
    return found


def _catalog(path: Path):
    with path.open("rb") as f:
        return read_po(f, abort_invalid=True)


def _key(message):
    return message.id if isinstance(message.id, str) else tuple(message.id)


def test_extraction_finds_the_templates_and_the_views_messages(extracted):
    assert extracted["Newest first"].startswith("templates/blog.html:")
    assert extracted[("%(num)s entry", "%(num)s entries")].startswith("templates/")
    assert extracted["All times are %(place)s time (%(zone)s, %(offsets)s)."].startswith("site_gen/render/views.py:")
    assert extracted["Copy link"].startswith("site_gen/render/localize.py:")
    assert len(extracted) > 50


def test_the_shipped_languages_have_catalogs():
    assert sorted(p.stem for p in LOCALE.glob("*.po")) == sorted(REQUIRED)


@pytest.mark.parametrize("code", REQUIRED)
def test_catalog_holds_every_message_translated(code, extracted):
    catalog = _catalog(LOCALE / f"{code}.po")
    assert str(catalog.locale) == code
    held = {_key(m): m for m in catalog if m.id}
    missing = sorted(str(k) for k in set(extracted) - set(held))
    assert missing == [], f"{code}.po misses messages (used at {[extracted[k] for k in set(extracted) - set(held)]})"
    assert sorted(str(k) for k in set(held) - set(extracted)) == [], f"{code}.po holds messages no longer used"
    for key, message in held.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(strings) == (catalog.num_plurals if isinstance(key, tuple) else 1), key
        assert all(s.strip() for s in strings), f"{code}.po leaves {key!r} untranslated"
        assert not message.fuzzy, f"{code}.po marks {key!r} fuzzy"
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert problems == []  # placeholders: a translation uses only those its message has


def test_the_template_file_is_up_to_date(extracted):
    pot = {_key(m) for m in _catalog(LOCALE / "site-gen.pot") if m.id}
    assert pot == set(extracted), "run the pybabel extract command in docs/templates.md"


def test_catalogs_compile_in_memory_and_translate():
    env = environment()
    assert language_for(env, "de").gettext("Timeline") == "Zeitleiste"
    assert language_for(env, "fr").ngettext("%(num)s entry", "%(num)s entries", 13) == "%(num)s entrées"
    assert language_for(env, "ar").ngettext("%(num)s entry", "%(num)s entries", 2) == "تدوينتان"
    assert language_for(env, "pt-BR").gettext("Timeline") == "Linha do tempo"  # the region falls back to pt
    assert language_for(env, "en").gettext("Timeline") == "Timeline"
    assert language_for(env, "nl").gettext("Timeline") == "Timeline"  # no catalog: the English message


def test_a_sites_own_catalog_comes_first(tmp_path):
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale" / "fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Timeline"\nmsgstr "Fil du direct"\n', encoding="utf-8")
    lang = language_for(environment(tmp_path), "fr")
    assert lang.gettext("Timeline") == "Fil du direct"
    assert lang.gettext("Newest first") == "Plus récentes d’abord"  # the rest from the shipped catalog
