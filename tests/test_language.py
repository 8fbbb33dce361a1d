"""A blog's language: front matter wins, else detected from its text, else the site's (issue 20)."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli, write_site
from site_gen.errors import ContentError
from site_gen.locales import check_tag
from site_gen.read.parse import parse

FRENCH = """\
Suivez en direct les dernières informations sur la guerre en Ukraine. Toutes les heures sont à l'heure de Paris.
21h40 : Le maire de la ville annonce la réouverture des écoles
Les cours reprendront lundi dans la plupart des établissements, a-t-il précisé lors d'une conférence de presse.
20h15 : Les coupures d'électricité se poursuivent dans le nord du pays
Les équipes de réparation travaillent jour et nuit, selon l'opérateur national, qui demande aux habitants de limiter leur consommation.
"""

GERMAN = """\
Alle Zeitangaben in mitteleuropäischer Zeit.
21:40 Uhr: Bürgermeister kündigt die Öffnung der Schulen an
Der Unterricht soll am Montag in den meisten Schulen wieder beginnen, sagte er auf einer Pressekonferenz.
20:15 Uhr: Stromausfälle im Norden des Landes halten an
Die Reparaturteams arbeiten rund um die Uhr, teilte der Netzbetreiber mit und bat die Bewohner, Strom zu sparen.
"""


def test_front_matter_wins_over_the_text():
    blog = parse("---\nlanguage: fr-ca\n---\n" + GERMAN, "2023-03-01-x.txt")
    assert (blog.language, blog.language_source) == ("fr-CA", "front matter")


def test_language_is_detected_from_the_blogs_own_text():
    french = parse(FRENCH, "2023-03-01-x.txt", default_language="en")
    assert (french.language, french.language_source) == ("fr", "detected")
    german = parse(GERMAN.replace(" Uhr", ""), "2023-03-01-y.txt", default_language="en")
    assert (german.language, german.language_source) == ("de", "detected")


def test_detected_codes_are_written_as_cldr_writes_them():
    hebrew = ("סיקור חי של הסערה שפקדה את מישור החוף.\n21:40: צוותי החילוץ ממשיכים לסרוק את השכונות הנמוכות\n"
              "לדברי כוחות ההצלה, עשרות משפחות פונו לבתי ספר סמוכים והמים מתחילים לרדת.\n")
    assert parse(hebrew, "2023-03-01-x.txt").language == "he"  # CLD2 says "iw", an old code for Hebrew
    arabic = ("تغطية مباشرة لآثار العاصفة التي ضربت الساحل الليلة الماضية.\n21:40: فرق الإنقاذ تواصل البحث\n"
              "قال الدفاع المدني إن عشرات العائلات نُقلت إلى المدارس القريبة.\n")
    assert parse(arabic, "2023-03-01-x.txt").language == "ar"


def test_too_little_text_leaves_the_sites_language():
    blog = parse("9:00: Mise à jour\nRien.\n", "2023-03-01-x.txt", default_language="it")
    assert (blog.language, blog.language_source) == ("it", "site")


def test_detection_is_deterministic():
    first = parse(FRENCH, "2023-03-01-x.txt")
    assert all(parse(FRENCH, "2023-03-01-x.txt").language == first.language for _ in range(3))


@pytest.mark.parametrize("tag, canonical", [("en", "en"), ("EN", "en"), ("pt-br", "pt-BR"), ("pt_BR", "pt-BR"),
                                            ("zh-hant-tw", "zh-Hant-TW"), ("ar", "ar"), ("he", "he")])
def test_tags_are_checked_against_cldr_and_made_canonical(tag, canonical):
    assert check_tag(tag) == canonical


@pytest.mark.parametrize("tag, message", [
    ("xx", "'xx' is not a language CLDR knows; write a code such as en, fr, de, ar or pt-BR "
           "(ISO 639 language, optional region)"),
    ("fr-XX", "'fr-XX' is not a language CLDR knows; write a code such as en, fr, de, ar or pt-BR "
              "(ISO 639 language, optional region)"),
    ("english", "'english' is not a language tag; write e.g. en, fr or pt-BR"),
    ("und", "'und' is not the code of one language (CLDR reads it as 'en'); write 'en' if that is what you mean"),
    ("en us", "'en us' is not a language tag; write e.g. en, fr or pt-BR"),
])
def test_unknown_codes_are_refused_with_the_reason(tag, message):
    with pytest.raises(ValueError) as caught:
        check_tag(tag)
    assert str(caught.value) == message


def test_an_unknown_code_in_front_matter_is_a_file_line_error():
    with pytest.raises(ContentError) as caught:
        parse("---\ntitle: T\nlanguage: xx\n---\n" + FRENCH, "content/2023-03-01-x.txt")
    assert [d.format() for d in caught.value.diagnostics] == [
        "content/2023-03-01-x.txt:3: error: front matter 'language': 'xx' is not a language CLDR knows; "
        "write a code such as en, fr, de, ar or pt-BR (ISO 639 language, optional region)\n    language: xx"]


def test_an_unknown_site_language_is_an_error_naming_site_toml(tmp_path):
    write_site(tmp_path, {"site.toml": 'title = "T"\nlanguage = "tlh"\n', "content/2023-03-01-x.txt": FRENCH})
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("site.toml:2: error: setting 'language': 'tlh' is not a language CLDR knows")
    assert not (tmp_path / "build").exists()


def test_inspect_says_where_the_language_came_from(tmp_path):
    write_site(tmp_path, {"site.toml": 'language = "es"\n', "2023-03-01-fr.txt": FRENCH,
                          "2023-03-01-short.txt": "9:00: Hola\nNada.\n",
                          "2023-03-01-fm.txt": "---\nlanguage: de\n---\n" + FRENCH})
    assert "language   fr (detected from the text)\n" in run_cli("inspect", "2023-03-01-fr.txt", cwd=tmp_path).stdout
    assert ("language   es (the site's language (site.toml): none in the front matter, none detected)\n"
            in run_cli("inspect", "2023-03-01-short.txt", cwd=tmp_path).stdout)
    assert "language   de (from the front matter)\n" in run_cli("inspect", "2023-03-01-fm.txt", cwd=tmp_path).stdout
    model = json.loads(run_cli("inspect", "--json", "2023-03-01-fr.txt", cwd=tmp_path).stdout)
    assert (model["language"], model["language_source"]) == ("fr", "detected")
