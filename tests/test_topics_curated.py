"""topics.toml: strict loading with file:line errors, and curated topics winning over extraction."""

from __future__ import annotations

import pytest

from conftest import run_cli, write_site
from site_gen.errors import ContentError
from site_gen.topics.curated import Curated, CuratedTopic, load_curated
from test_topics_extract import dump, names, site_of, topic


def load_text(tmp_path, text: str) -> Curated:
    path = tmp_path / "topics.toml"
    path.write_text(text, encoding="utf-8")
    return load_curated(path)


def errors_of(tmp_path, text: str) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load_text(tmp_path, text)
    return [d.format() for d in exc.value.diagnostics]


def test_a_full_file_loads(tmp_path):
    curated = load_text(tmp_path, '''
ignore = ["Mayday"]

[[topic]]
name = "Volodymyr Zelensky"
aliases = ["Zelenskyy"]
description = "President of Ukraine."
slug = "zelensky"
''')
    assert curated.ignore == ("Mayday",)
    assert curated.topics == (CuratedTopic("Volodymyr Zelensky", ("Zelenskyy",), "President of Ukraine.", "zelensky", 4),)


def test_missing_file_curates_nothing(tmp_path):
    assert load_curated(tmp_path / "topics.toml") == Curated()


def test_unknown_keys_are_errors_naming_key_file_and_line(tmp_path):
    errors = errors_of(tmp_path, 'ignored = ["x"]\n\n[[topic]]\nname = "Kyiv"\nalias = ["Kiev"]\n')
    path = str(tmp_path / "topics.toml")
    assert errors[0].startswith(f"{path}:1: error: unknown key 'ignored' in the topics file")
    assert errors[1].startswith(f"{path}:5: error: unknown key 'alias' in a [[topic]]")
    assert "known keys: name, aliases, description, slug" in errors[1]


def test_bad_values_are_errors_with_lines(tmp_path):
    errors = errors_of(tmp_path, '[[topic]]\ndescription = "no name"\n\n[[topic]]\nname = "A"\nslug = "Not OK"\n'
                                 'aliases = "Kiev"\n')
    assert any(":1: error: a [[topic]] needs a name" in e for e in errors)
    assert any(":6: error: slug 'Not OK' is not usable in a page name" in e for e in errors)
    assert any(":7: error: 'aliases' must be a list of names" in e for e in errors)


def test_a_name_given_to_two_topics_or_ignored_and_curated_is_an_error(tmp_path):
    errors = errors_of(tmp_path, 'ignore = ["Kiev"]\n[[topic]]\nname = "Kyiv"\naliases = ["Kiev"]\n'
                                 '[[topic]]\nname = "Kyiv City"\naliases = ["kyiv"]\n')
    assert any(":5: error: 'kyiv' is already a name or alias of topic 'Kyiv' (line 2)" in e for e in errors)
    assert any(":1: error: 'Kiev' is both ignored and the name or alias of topic 'Kyiv'" in e for e in errors)


def test_invalid_toml_is_an_error_with_its_line(tmp_path):
    errors = errors_of(tmp_path, '[[topic]]\nname = "Kyiv\n')
    assert f"{tmp_path / 'topics.toml'}:2: error: topics file is not valid TOML" in errors[0]


def test_curated_names_win_aliases_merge_and_descriptions_and_slugs_apply():
    curated = Curated(topics=(
        CuratedTopic("Volodymyr Zelensky", ("Zelenskyy",), "President of Ukraine.", "zelensky"),
        CuratedTopic("HIMARS", ("High Mobility Artillery Rocket Systems",)),
        CuratedTopic("Nova Kakhovka dam", ("Kakhovka dam",)),
    ))
    site = site_of(("a.txt", dump(
        "10:00: Zelenskyy speaks",
        "President Zelenskyy asked for more High Mobility Artillery Rocket Systems near the Kakhovka dam.",
    )), curated=curated)
    assert names(site) == {"Volodymyr Zelensky", "HIMARS", "Nova Kakhovka dam"}
    zelensky = topic(site, "Volodymyr Zelensky")
    assert (zelensky.slug, zelensky.description, zelensky.curated) == ("zelensky", "President of Ukraine.", True)
    assert zelensky.aliases == ("Zelenskyy",)


def test_a_curated_name_counts_even_at_a_sentence_start_and_even_if_generic():
    curated = Curated(topics=(CuratedTopic("Storm"),))
    site = site_of(("a.txt", dump("10:00: Weather", "Storm warnings were raised.")), curated=curated)
    assert names(site) == {"Storm"}


def test_ignored_names_go_with_every_form_merged_into_them():
    curated = Curated(ignore=("Gulliver Cragg", "Mayday"))
    site = site_of(("a.txt", dump(
        "10:00: Report", "In Kyiv, correspondent Gulliver Cragg heard a Mayday call.",
        "11:00: More", "Later, Cragg said the city was calm.",
    )), curated=curated)
    assert names(site, 0, 0) == {"Kyiv"}
    assert names(site, 0, 1) == set()


def test_the_build_reads_topics_toml_beside_site_toml_and_reports_its_errors(tmp_path):
    write_site(tmp_path, {
        "site.toml": 'title = "T"\n',
        "topics.toml": '[[topic]]\nname = "Kyiv"\ndescriptoin = "Capital."\n',
        "content/2024-03-05-a.txt": dump("10:00: News", "Sirens sounded in Kyiv."),
    })
    result = run_cli("build", "--out", str(tmp_path / "build"), cwd=tmp_path)
    assert result.returncode == 1
    assert "topics.toml:3: error: unknown key 'descriptoin' in a [[topic]]" in result.stderr
    assert not (tmp_path / "build").exists()
