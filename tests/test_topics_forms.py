"""Short and long forms of one organisation or party merge into one topic (topics/merge.py):
one rule per test, on small dumps written for the test in the styles of a UK campaign
launch, a US election night and a US coronavirus day."""

from __future__ import annotations

from test_topics_extract import dump, names, site_of, topic

UK_LAUNCH = dump(
    "9:05am: Swinson sets out her stall",
    "Jo Swinson opened the Liberal Democrats' campaign in Bermondsey, promising to stop Brexit. "
    "The Lib Dems hope to win seats in the south-west.",
    "9:40am: Pact confirmed",
    "Under the Unite to Remain pact, the Greens and Plaid Cymru will stand aside for the Lib Dems in 60 seats. "
    "A Lib Dem spokesperson said the deal was final.",
    "10:15am: Tories respond",
    "The Tories dismissed the pact. A Conservative Party spokesman said voters wanted Brexit done, "
    "and Conservatives in Kent echoed him. One Tory candidate called it a stitch-up.",
    "11:00am: Labour",
    "Labour said the Unite to Remain deal would help the Conservatives.",
    date="2019-11-05", tz="Europe/London")

US_NIGHT = dump(
    "8:02pm: Polls close in Georgia",
    "Democrats are watching the Atlanta suburbs, where the Dems gained ground two years ago. "
    "Republicans expect a strong rural vote.",
    "9:30pm: GOP holds Ohio",
    "The GOP kept Ohio. Democratic Party officials said the count in Cleveland was slow.",
    "11:45pm: Senate still open",
    "The Democrats need two more seats; Republican strategists were upbeat in Phoenix.",
    date="2020-11-03", tz="America/New_York")

US_VIRUS_DAY = dump(
    "10:00 a.m.: Governor orders schools closed",
    "New Jersey Governor Phil Murphy closed every school in New Jersey. "
    "The Centers for Disease Control and Prevention (CDC) urged people to stay home.",
    "1:30 p.m.: Testing",
    "The CDC said labs in New Mexico and New Hampshire would get test kits by Friday.",
    date="2020-03-16", tz="America/New_York")


def test_a_party_named_by_its_members_is_the_party():
    site = site_of(("uk.txt", UK_LAUNCH))
    party = topic(site, "Conservative Party")
    assert {"Conservatives", "Tories", "Tory"} <= set(party.aliases)
    assert names(site, 0, 2) == {"Conservative Party", "Kent", "Brexit"}
    assert "Conservative Party" in names(site, 0, 3)  # "the Conservatives", in Labour's entry


def test_a_clipped_form_merges_with_the_name_it_clips():
    site = site_of(("uk.txt", UK_LAUNCH))
    lib = topic(site, "Liberal Democrats")
    assert set(lib.aliases) == {"Lib Dems", "Lib Dem"}
    assert "Liberal Democrats" in names(site, 0, 0) and "Liberal Democrats" in names(site, 0, 1)
    assert not [t for t in site.topics if t.name in ("Lib Dems", "Lib Dem")]


def test_a_movement_with_a_small_word_inside_is_one_topic():
    site = site_of(("uk.txt", UK_LAUNCH))
    assert "Unite to Remain" in names(site, 0, 1) and "Unite to Remain" in names(site, 0, 3)
    assert not [t for t in site.topics if t.name in ("Unite", "Remain")]


def test_members_and_clippings_of_a_known_party_go_to_it():
    site = site_of(("us.txt", US_NIGHT))
    dems = topic(site, "Democratic Party")
    assert {"Democrats", "Dems"} <= set(dems.aliases)
    gop = topic(site, "Republican Party")
    assert {"Republicans", "GOP"} <= set(gop.aliases)
    assert names(site, 0, 0) == {"Georgia", "Democratic Party", "Atlanta", "Republican Party"}
    assert names(site, 0, 2) == {"Democratic Party", "Republican Party", "Phoenix"}  # "Senate" only starts a headline


def test_a_clipping_needs_the_clipped_name_in_the_site():
    # "Dems" alone, with no name it clips among the site's forms or the known names: no merge to invent
    site = site_of(("a.txt", dump("10:00: Count", "Officials said the Feds would audit the count in Reno.")))
    assert names(site) == {"Feds", "Reno"}


def test_a_clipped_first_name_is_not_taken_for_the_same_person():
    site = site_of(("a.txt", dump("10:00: Two people", "Ben Ortiz met Benjamin Ortiz in Denver.")))
    assert names(site) == {"Ben Ortiz", "Benjamin Ortiz", "Denver"}


def test_a_clipped_singular_is_another_name():
    # only plurals clip: "Anna" starts "Annalena", "Ben" starts "Benin"
    site = site_of(("a.txt", dump("10:00: Two guests", "Minister Anna met Minister Annalena, and Ben flew to Benin.")))
    assert names(site) == {"Anna", "Annalena", "Ben", "Benin"}


def test_states_of_a_federation_are_known_names():
    # (the CDC's acronym no longer spells its name: it is one of the built-in organisations)
    site = site_of(("us.txt", US_VIRUS_DAY))
    assert names(site, 0, 0) == {"New Jersey", "Phil Murphy", "Centers for Disease Control and Prevention"}
    assert names(site, 0, 1) == {"Centers for Disease Control and Prevention", "New Mexico", "New Hampshire"}
    assert topic(site, "Centers for Disease Control and Prevention").aliases == ("CDC",)


def test_country_names_of_iso_3166_are_aliases_of_the_built_in_country():
    site = site_of(("a.txt", dump("10:00: Trade", "Exports from Viet Nam and the Russian Federation rose.")))
    assert names(site) == {"Vietnam", "Russia"}
    assert topic(site, "Vietnam").aliases == ("Viet Nam",)


def test_explain_says_which_forms_merged_into_a_topic_by_which_rule_and_where(tmp_path):
    from conftest import run_cli, write_site

    write_site(tmp_path, {"content/2019-11-05-launch.txt": UK_LAUNCH,
                          "content/2019-11-06-visits.txt": dump(
                              "9:00am: Visits", "Jo Swinson arrives in Cardiff for Lib Dems rally.",
                              "9:30am: Abuja", "Thomas Kowalski arrives in Abuja for Congress talks.",
                              date="2019-11-06", tz="Europe/London")})
    result = run_cli("topics", "--explain", "Lib Dems", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Liberal Democrats: a topic, 3 entries, page topics/liberal-democrats.html\n")
    assert ("        3  Lib Dems  content/2019-11-05-launch.txt:6\n"
            "           a clipped form: each word starts the same word of 'liberal democrats'\n") in out
    assert ("        1  Lib Dem  content/2019-11-05-launch.txt:8\n"
            "           the singular of a name written in the plural; then a clipped form") in out
    assert "'Cardiff' is a name apart from 'Lib Dems': 'Cardiff' is a known name (the built-in places)" in out
    assert '    name = "Liberal Democrats"\n    aliases = ["Lib Dem", "Lib Dems"]\n' in out

    glued = run_cli("topics", "--explain", "Abuja for Congress", cwd=tmp_path).stdout
    assert glued.startswith("'Abuja for Congress' is not a topic.\n")
    assert ("  'Abuja for Congress', written once, first at content/2019-11-06-visits.txt:8:\n"
            "      'Abuja' is a name apart from 'Congress': 'Abuja' is a known name (the built-in places)\n") in glued

    party = run_cli("topics", "--explain", "Tories", cwd=tmp_path).stdout
    assert party.startswith("Conservative Party: a topic, 2 entries")
    assert "Conservative Party is a known name (the built-in organisations)." in party
    assert ("        2  Conservatives  content/2019-11-05-launch.txt:10\n"
            "           a name of Conservative Party in the built-in organisations: what a party's members are called\n"
            ) in party
    assert "        1  Tories  content/2019-11-05-launch.txt:9\n" in party  # its headline
