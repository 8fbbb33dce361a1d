"""Topics in each blog's language (issue 20): one Russia and one Ukraine across English, French,
German and Italian blogs, and no sentence words or common nouns taken for names."""

import re

import pytest

from conftest import run_cli, write_site

ENGLISH = """---
title: "War in Ukraine: day 262"
language: en
---
Follow our coverage of the war in Ukraine.
09:10: Russia shells the outskirts of Kyiv
Russian artillery hit two villages near Kyiv overnight, Ukrainian officials said.
08:05: Moscow says talks are off
The Kremlin said Moscow saw no reason to resume talks with Ukraine this month.
"""

FRENCH = """---
title: "Guerre en Ukraine, le direct"
language: fr
---
Suivez avec nous la journée en Ukraine.
11h40 : Un convoi humanitaire arrive à Kherson
Un convoi de l'ONU est arrivé dans la ville, selon les autorités ukrainiennes.
10h15 : Pour le Kremlin, rien n'a changé
Moscou affirme que la Russie garde ses objectifs. Le ministre des Affaires étrangères s'est exprimé à la Défense.
09h30 : À Mykolaïv, les habitants réparent leurs fenêtres
L'AIEA demande une zone de sécurité ; les Ukrainiens attendent l'hiver place de la Liberté.
"""

GERMAN = """---
title: "Krieg in der Ukraine: Der Liveblog"
language: de
---
Alle Entwicklungen zum Krieg in der Ukraine im Überblick.
14:20 Uhr: Russland verlegt Truppen nach Süden
Die russischen Einheiten ziehen nach Angaben aus Kiew weitere Soldaten zusammen. Das Netz der Stromversorgung bleibt im Herbst anfällig.
13:05 Uhr: Moskau kündigt neue Gebühren an
Die Bauarbeiten am Hafen sollen Millionen Euro kosten, teilte Moskau mit. Im nächsten Jahr steigen die Gebühren.
12:00 Uhr: Ukraine bekommt Luftabwehr
Die ukrainische Armee erhält zusätzliche Systeme. Der Datenraum der Regierung wird im Herbst eröffnet, sagte Olaf Scholz in Berlin.
"""

ITALIAN = """---
title: "Guerra in Ucraina, la diretta"
language: it
---
Tutti gli aggiornamenti sulla guerra in Ucraina.
16:30: L'Ucraina chiede nuove armi
Dopo l'attacco della notte, Kiev chiede altri sistemi di difesa aerea. I soldati ucraini avanzano verso il fiume.
15:10: Mosca risponde agli alleati
Il Cremlino accusa l'Occidente; secondo Mosca la Russia non tratterà. I russi hanno lasciato due villaggi.
14:00: Dopo Kherson, la prossima tappa
Dopo Kherson, gli ucraini puntano a sud, secondo fonti militari.
"""

JUNK = ["Jahr", "Netz", "Herbst", "Gebühren", "Datenraum", "Die Bauarbeiten", "Bauarbeiten", "Millionen Euro",
        "Millionen", "Euro", "Un", "À Mykolaïv", "Affaires", "Agence", "Défense", "Liberté", "L'AIEA",
        "Pour le Kremlin", "Dopo", "Dopo Kherson", "Il", "Die", "Im", "Uhr", "Das", "Le", "Au", "African Union"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("languages")
    write_site(root, {
        "site.toml": 'title = "Four languages"\nlanguage = "en"\n',
        "content/2022-11-11-en.txt": ENGLISH,
        "content/2022-11-11-fr.txt": FRENCH,
        "content/2022-11-11-de.txt": GERMAN,
        "content/2022-11-11-it.txt": ITALIAN,
    })
    return root


@pytest.fixture(scope="module")
def table(site):
    result = run_cli("topics", "--content", "content", cwd=site)
    assert result.returncode == 0, result.stderr
    rows = {}
    for line in result.stdout.splitlines()[1:-1]:
        m = re.match(r"\s*(\d+)  (.+?)\s{2,}(\S+)(?:\s{2,}(.*))?$", line)
        rows[m.group(2)] = (int(m.group(1)), m.group(4) or "")
    return rows


def test_one_russia_and_one_ukraine_with_the_forms_of_every_language(table):
    russia, ukraine = table["Russia"], table["Ukraine"]
    assert russia[0] == 4 and ukraine[0] == 7  # entries of all four blogs
    for form in ("Russie", "Russland", "Russian", "russischen", "russi"):
        assert form in russia[1]
    for form in ("Ucraina", "Ukrainian", "ukrainische", "ucraini", "Ukrainiens", "ukrainiennes"):
        assert form in ukraine[1]
    for other in ("Russie", "Russland", "Ucraina", "Moscou", "Moskau", "Mosca", "Kiev", "Kiew", "Cremlino"):
        assert other not in table  # merged, not topics of their own


def test_capitals_merge_across_languages(table):
    assert table["Moscow"][0] == 4 and {"Moscou", "Moskau", "Mosca"} <= set(table["Moscow"][1].split(", "))
    assert table["Kyiv"][0] == 3 and {"Kiew", "Kiev"} <= set(table["Kyiv"][1].split(", "))
    assert "Cremlino" in table["Kremlin"][1] and table["United Nations"][1] == "ONU"
    assert table["IAEA"][1] == "AIEA"


def test_sentence_words_and_common_nouns_are_no_topics(table):
    assert [name for name in JUNK if name in table] == []
    assert "Mykolaïv" in table and "Kherson" in table and "Olaf Scholz" in table and "Berlin" in table


def test_the_russia_page_lists_entries_of_all_four_blogs(site):
    result = run_cli("build", "--content", "content", "--out", "build", cwd=site)
    assert result.returncode == 0, result.stderr
    page = (site / "build" / "topics" / "russia.html").read_text(encoding="utf-8")
    for title in ("War in Ukraine: day 262", "Guerre en Ukraine, le direct", "Krieg in der Ukraine: Der Liveblog",
                  "Guerra in Ucraina, la diretta"):
        assert title in page
    assert not (site / "build" / "topics" / "russie.html").exists()
