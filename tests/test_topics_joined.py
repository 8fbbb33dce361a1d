"""Runs of capitalised words joined by a small word (of, for, to, and, in): one name, or two
side by side (topics/glue.py); one rule per test, on small dumps written for the test."""

from __future__ import annotations

from test_topics_extract import dump, names, site_of, topic


def entry_names(*paragraphs: str, also: tuple[str, ...] = ()) -> list[set[str]]:
    """Topic names of each entry of a one-blog site: one entry per paragraph, then `also` entries."""
    lines = []
    for i, text in enumerate(paragraphs + also):
        lines += [f"{10 + i}:00: Update {i + 1}", text]
    site = site_of(("a.txt", dump(*lines)))
    return [names(site, 0, i) for i in range(len(paragraphs))]


def test_two_names_side_by_side_with_for_are_two_topics():
    # the left part is a known place (the built-in gazetteer) or an acronym
    assert entry_names("Thomas Kowalski arrives in Abuja for Congress talks.",
                       "A team went to Ankara for the IMF review.",
                       "Teachers in Amman for UNICEF said the schools were full.") == [
        {"Thomas Kowalski", "Abuja", "Congress"}, {"Ankara", "International Monetary Fund"}, {"Amman", "UNICEF"}]


def test_the_left_part_is_a_name_when_the_site_writes_it_on_its_own():
    # "Aleppo" is in no built-in list: the site writes it on its own inside a sentence elsewhere
    [first] = entry_names("Work on a plant near Aleppo for Airbus begins soon.",
                           also=("Shelling near Aleppo stopped at dawn.",))
    assert first == {"Aleppo", "Airbus"}


def test_a_generic_head_before_of_or_for_makes_one_name():
    assert entry_names("Statements came from the Department for Education and the Bank of England.",
                       "Transport for Wales ran buses instead of trains.") == [
        {"Department for Education", "Bank of England"}, {"Transport for Wales"}]


def test_a_name_known_as_a_whole_stays_whole():
    # Bosnia and Herzegovina is in the built-in list; Trinidad and Tobago comes from ISO 3166 (pycountry)
    assert entry_names("Bosnia and Herzegovina will play Trinidad and Tobago in June.") == [
        {"Bosnia and Herzegovina", "Trinidad and Tobago"}]


def test_a_phrase_written_as_a_unit_is_one_name_when_its_parts_are_not_names():
    assert entry_names("The Unite to Remain pact was signed by three parties.",
                       "Under Unite to Remain, candidates stand aside in 60 seats.") == [
        {"Unite to Remain"}, {"Unite to Remain"}]


def test_a_phrase_written_once_is_not_taken_for_a_name():
    # nothing says "Kiotari to Gennadi" is a name: written once, its parts are judged on their own
    assert entry_names("The coast road from Kiotari to Gennadi reopened.") == [{"Kiotari", "Gennadi"}]


def test_a_list_of_two_places_is_two_topics_even_when_written_twice():
    # "Mayo and Clare" is written twice, but "Mayo" is also written on its own
    assert entry_names("Red warnings for Galway, Mayo and Clare stay in place.",
                       "Rivers in Mayo and Clare burst their banks.",
                       also=("Roads near Mayo were closed.",)) == [
        {"Galway", "Mayo", "Clare"}, {"Mayo", "Clare"}]


def test_and_between_names_never_seen_apart_still_splits_when_written_once():
    assert entry_names("Flights by Aer Lingus and Ryanair were cancelled.") == [{"Aer Lingus", "Ryanair"}]


def test_people_and_places_joined_by_in_or_of_are_apart():
    assert entry_names("Governor Ana Ruiz in Monterrey said the plant would reopen.",
                       "Priya Raman of Tata Steel confirmed it.") == [
        {"Ana Ruiz", "Monterrey"}, {"Priya Raman", "Tata Steel"}]


def test_a_long_form_defined_in_the_text_stays_whole_elsewhere():
    first, second = entry_names("The Office for Budget Responsibility (OBR) published its forecast.",
                                "Economists at the Office for Budget Responsibility disagreed.")
    assert first == second == {"Office for Budget Responsibility"}


def test_names_joined_at_the_start_of_a_sentence_follow_the_same_rule():
    site = site_of(("a.txt", dump("10:00: Visit", "Kyiv and Lviv lost power. Later, officials in Lviv said it was back.")))
    assert names(site) == {"Kyiv", "Lviv"}
    assert topic(site, "Lviv").aliases == ()
