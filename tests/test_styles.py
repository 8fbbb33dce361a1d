"""Heading styles of many outlets, in small dumps written for these tests (several languages).

Each dump is read as a whole: its recurring heading shape is its style.  Every case
asserts each entry's line, datetime, headline ("" for none) and paragraph count.
"""

import textwrap

import pytest

from site_gen.read.parse import parse

# name: (file name, dump, [(line, local datetime, headline, paragraphs)])
CASES = {
    "zone word then a bar": ("2021-03-04-ticker.txt", """\
        Pandemie-Ticker: Schulen im Land bleiben offen
        22:25 Uhr | Landtag vertagt die Abstimmung
        Die Fraktionen wollen am Montag weiter beraten.
        21:40 Uhr | Bürgermeister wirbt für Geduld
        Er bat die Eltern um Verständnis.
        Die Stadt prüft weitere Hilfen.
        """, [(2, "2021-03-04 22:25", "Landtag vertagt die Abstimmung", 1),
              (4, "2021-03-04 21:40", "Bürgermeister wirbt für Geduld", 2)]),
    "zone words alone, prose below": ("2021-03-05-direct.txt", """\
        Le point sur la journée
        19:10 heure de Paris
        La préfecture a levé l'alerte en fin d'après-midi, après trois jours de crue.
        18:02 heure de Paris
        Les routes départementales rouvrent une à une, selon le conseil départemental.
        Les écoles resteront fermées lundi.
        """, [(2, "2021-03-05 19:10", "", 1), (4, "2021-03-05 18:02", "", 2)]),
    "four digits": ("2005-06-06-timetable.txt", """\
        A timetable of the day as it happened:
        2130: The delegates have left the conference centre and gone back to their hotels for the night.
        1845: A spokesman says the final statement will be published in the morning instead.
        1210: The first session opened twenty minutes late because of a fire alarm in the building.
        """, [(2, "2005-06-06 21:30", "", 1), (3, "2005-06-06 18:45", "", 1), (4, "2005-06-06 12:10", "", 1)]),
    "time after the headline": ("2024-02-01-night.txt", """\
        Follow the night's results as they come in
        Turnout tops the last election — 10:52 p.m.
        By a staff writer
        Officials said queues were still forming at some schools.
        Polls close in the east — 8:00 p.m.
        The first counties report within the hour.
        """, [(2, "2024-02-01 22:52", "Turnout tops the last election", 2),
              (5, "2024-02-01 20:00", "Polls close in the east", 1)]),
    "ticker markers around": ("2016-08-02-tag.txt", """\
        Der Tag im Überblick
        +++ 18.20 Uhr: Fähre nach Sylt fällt aus +++
        Der Sturm hält die Schiffe im Hafen.
        +++ 16.05 Uhr: Hitzerekord in Köln +++
        Das Thermometer zeigte 37 Grad.
        """, [(2, "2016-08-02 18:20", "Fähre nach Sylt fällt aus", 1),
              (4, "2016-08-02 16:05", "Hitzerekord in Köln", 1)]),
    "bracketed update": ("2021-12-11-storms.txt", """\
        Storm watch through the night
        [2:05am Update] Warnings expire in the east
        The line of storms has moved offshore.
        [11:40pm Update] Hail reported near the lake
        Spotters saw stones the size of marbles.
        """, [(2, "2021-12-12 02:05", "Warnings expire in the east", 1),
              (4, "2021-12-11 23:40", "Hail reported near the lake", 1)]),
    "bullets and region codes": ("2014-10-05-apuracao.txt", """\
        Acompanhe a apuração minuto a minuto
          • 19h12 MG - O candidato do partido lidera com 52% dos votos válidos na capital mineira.
          • 19h05 BA - A votação terminou sem filas nas seções do interior, segundo o tribunal.
        """, [(2, "2014-10-05 19:12", "", 1), (3, "2014-10-05 19:05", "", 1)]),
    "zone abbreviation, prose": ("2019-05-23-count.txt", """\
        Counting day live
        10:12 IST: The ruling alliance leads in more than half of the seats, early trends show.
        10:05 IST: Counting of postal ballots is over in most centres, officials say.
        """, [(2, "2019-05-23 10:12", "", 1), (3, "2019-05-23 10:05", "", 1)]),
    "hour alone beside hours and minutes": ("2022-06-12-soiree.txt", """\
        Les résultats de la soirée
        20h05 : Les premières estimations donnent l'abstention au-dessus de la moitié des inscrits.
        20h : Les bureaux de vote ferment dans les grandes villes, et le dépouillement commence.
        19h40 : La participation reste faible dans la plupart des départements, selon le ministère.
        """, [(2, "2022-06-12 20:05", "", 1), (3, "2022-06-12 20:00", "", 1), (4, "2022-06-12 19:40", "", 1)]),
    "dotted time and a dash": ("2020-09-20-spoglio.txt", """\
        Lo spoglio in diretta
        16.40 – Nelle Marche il candidato del centrodestra appare in vantaggio di una decina di punti.
        16.31 – In Liguria il presidente uscente è avanti secondo i primi exit poll.
        """, [(2, "2020-09-20 16:40", "", 1), (3, "2020-09-20 16:31", "", 1)]),
    "uur": ("2023-03-15-uitslag.txt", """\
        De uitslagenavond
        22.10 uur: In Arnhem is het tellen begonnen.
        21.55 uur: De opkomst ligt hoger dan vier jaar geleden.
        """, [(2, "2023-03-15 22:10", "", 1), (3, "2023-03-15 21:55", "", 1)]),
    "no separator, one line each": ("2019-10-14-wybory.txt", """\
        20:31 Komisja: frekwencja wyniosła ponad 61 procent uprawnionych
        20:30 Rozpoczęła się konferencja komisji wyborczej w sprawie mandatów.
        20:12 Lider opozycji: nasz wynik w Senacie jest dobry
        """, [(1, "2019-10-14 20:31", "", 1), (2, "2019-10-14 20:30", "", 1), (3, "2019-10-14 20:12", "", 1)]),
    "hours": ("2021-11-23-updates.txt", """\
        Here are the updates from the day:
        13:20 hours: The state government has announced compensation for the families of the victims.
        12:45 hours: Heavy rain has flooded several roads in the city, the traffic police say.
        """, [(2, "2021-11-23 13:20", "", 1), (3, "2021-11-23 12:45", "", 1)]),
    "bullet and time alone": ("2012-05-06-soiree.txt", """\
        Revivez la soirée électorale
          • 22:41
            Sur la place, la foule attend le vainqueur depuis plus d'une heure déjà.
          • 22:30
            Le candidat sortant a reconnu sa défaite devant ses partisans.
            Il a appelé au calme.
        """, [(2, "2012-05-06 22:41", "", 1), (4, "2012-05-06 22:30", "", 2)]),
    "a word before the time": ("2022-03-10-diretta.txt", """\
        Guerra, la diretta
        ORE 20:30 – Il vertice si chiude senza un accordo
        I ministri torneranno a vedersi la prossima settimana.
        ORE 18:15 – Colloqui in corso
        Le delegazioni sono riunite da tre ore.
        """, [(2, "2022-03-10 20:30", "Il vertice si chiude senza un accordo", 1),
              (4, "2022-03-10 18:15", "Colloqui in corso", 1)]),
    "posted at, headline below": ("2023-03-02-live.txt", """\
        Live reporting
        Posted at 14:32
        Ministers meet in emergency session
        The cabinet was called in this afternoon.
        Posted at 14:05
        Opposition demands a statement
        The opposition leader wants answers today.
        """, [(2, "2023-03-02 14:32", "Ministers meet in emergency session", 1),
              (5, "2023-03-02 14:05", "Opposition demands a statement", 1)]),
    "date after the time": ("storm-coast.txt", """\
        Live updates: Storm batters the coast
        8:17 p.m. ET, March 3, 2023
        Power outages top 200,000
        Crews are out in every county.
        6:59 p.m. ET, March 3, 2023
        Flights cancelled
        About 300 flights were cancelled.
        """, [(2, "2023-03-03 20:17", "Power outages top 200,000", 1), (5, "2023-03-03 18:59", "Flights cancelled", 1)]),
    "date before the time": ("budget-day.txt", """\
        Budget day live updates
        Mar 04, 2023 12:45 PM IST
        The minister has finished her speech, which lasted about ninety minutes.
        Mar 04, 2023 12:10 PM IST
        The minister announced a new scheme for small businesses, with a fund for loans.
        """, [(2, "2023-03-04 12:45", "", 1), (4, "2023-03-04 12:10", "", 1)]),
    "a line repeating the time": ("2023-05-12-harbour.txt", """\
        Harbour fire
        11.08am BST
        11:08
        Fire out, crew safe
        The fire on the ferry is out, the coastguard said.
        9.40am BST
        09:40
        Lifeboat launched
        A lifeboat joined the search.
        """, [(2, "2023-05-12 11:08", "Fire out, crew safe", 1), (6, "2023-05-12 09:40", "Lifeboat launched", 1)]),
    "slips in the time": ("2023-06-01-slips.txt", """\
        The race, live
        5:14pm: Leaders reach the coast road
        Three riders lead.
        5:1pm: Crash in the peloton
        Nobody is hurt.
        5:09pm: Breakaway caught
        The bunch is together again.
        """, [(2, "2023-06-01 17:14", "Leaders reach the coast road", 1), (4, "2023-06-01 17:10", "Crash in the peloton", 1),
              (6, "2023-06-01 17:09", "Breakaway caught", 1)]),
    "seconds and a space": ("2023-06-02-launch.txt", """\
        Launch control
        07:31:59 Liftoff confirmed
        07:30:12 Engines ignite
        07: 28 Final checks complete
        """, [(2, "2023-06-02 07:31", "", 1), (3, "2023-06-02 07:30", "", 1), (4, "2023-06-02 07:28", "", 1)]),
    "kicker in the title line": ("2023-06-22-unwetter.txt", """\
        Panorama
        Unwetter im Ticker +++ 03:10 Gewitter ziehen nach Osten +++
        Der Wetterdienst warnt vor Hagel.
        +++ 02:40 Keller unter Wasser +++
        Die Feuerwehr rückte mehr als hundert Mal aus.
        +++ 01:55 Bahnstrecke gesperrt +++
        Ein Baum liegt auf den Gleisen.
        """, [(2, "2023-06-22 03:10", "Gewitter ziehen nach Osten", 1), (4, "2023-06-22 02:40", "Keller unter Wasser", 1),
              (6, "2023-06-22 01:55", "Bahnstrecke gesperrt", 1)]),
    "update lines at the foot of entries": ("2023-03-01-strike.txt", """\
        Rail strike - as it happened
        8.05pm GMT
        Evening summary
        Here is where things stand tonight.
        Updated at 8.12pm GMT
        7.50pm GMT
        The minister said talks could resume on Friday if the unions called off the next walkout.
        Updated at 7.58pm GMT
        """, [(2, "2023-03-01 20:05", "Evening summary", 2), (6, "2023-03-01 19:50", "", 2)]),
    "a word of the dump's own after the time": ("2023-04-01-floods.txt", """\
        Flood updates
        1530 hrs: Army called in to help with the evacuation
        Boats reached the villages by noon.
        1410 hrs: Rain eases in the hills
        The weather office expects a dry night.
        """, [(2, "2023-04-01 15:30", "Army called in to help with the evacuation", 1),
              (4, "2023-04-01 14:10", "Rain eases in the hills", 1)]),
    "a short word alone after every time": ("2023-04-02-elecciones.txt", """\
        Elecciones en vivo
        20:17 hs
        El oficialismo reconoce la derrota
        El candidato habló ante sus seguidores.
        19:40 hs
        Primeros datos oficiales
        El escrutinio supera el 30%.
        19:05 hs
        Cierran las mesas
        Comienza el recuento.
        """, [(2, "2023-04-02 20:17", "El oficialismo reconoce la derrota", 1),
              (5, "2023-04-02 19:40", "Primeros datos oficiales", 1), (8, "2023-04-02 19:05", "Cierran las mesas", 1)]),
    "a kicker before one heading": ("2023-04-03-storm.txt", """\
        Storm day
        8:17pm: Power back in the city
        Crews restored most lines.
        BREAKING 7:55pm: Bridge collapses
        Nobody was on it, police said.
        7:40pm: Winds ease
        Gusts are below 40 mph.
        """, [(2, "2023-04-03 20:17", "Power back in the city", 1), (4, "2023-04-03 19:55", "Bridge collapses", 1),
              (6, "2023-04-03 19:40", "Winds ease", 1)]),
    "time in brackets after the headline": ("2023-04-04-results.txt", """\
        Results night
        Polls close in the east (20:17)
        The first counts come within the hour.
        Turnout tops last time (19:40)
        Queues formed at some schools.
        """, [(2, "2023-04-04 20:17", "Polls close in the east", 1), (4, "2023-04-04 19:40", "Turnout tops last time", 1)]),
    "a middle dot": ("2023-04-05-landtag.txt", """\
        Liveblog aus dem Landtag
        20:17 · Minister tritt zurück
        Der Rücktritt kam überraschend.
        19:40 · Debatte im Landtag
        Die Opposition fordert Neuwahlen.
        """, [(2, "2023-04-05 20:17", "Minister tritt zurück", 1), (4, "2023-04-05 19:40", "Debatte im Landtag", 1)]),
    "the hour and an hour word": ("2023-05-01-matin.txt", """\
        Le point de la matinée
        5 heures : Les secours sont sur place
        Les pompiers sont arrivés avant l'aube.
        4 heures : Un premier bilan
        Trois blessés légers.
        """, [(2, "2023-05-01 05:00", "Les secours sont sur place", 1), (4, "2023-05-01 04:00", "Un premier bilan", 1)]),
    "12-hour, no separator": ("2023-05-02-markets.txt", """\
        Markets live
        2:42 p.m. Treasury Secretary says talks will go on
        The secretary spoke to reporters outside the building.
        1:15 p.m. Stocks slide after the open
        The index fell 2 percent in the first hour.
        """, [(2, "2023-05-02 14:42", "Treasury Secretary says talks will go on", 1),
              (4, "2023-05-02 13:15", "Stocks slide after the open", 1)]),
    "dashes around the time": ("2023-05-03-night.txt", """\
        Election night
        — 10:15 —
        Polls close in the west
        Counting starts at once.
        — 9:40 —
        Queues at the last stations
        Voters waited an hour.
        """, [(2, "2023-05-03 10:15", "Polls close in the west", 1), (5, "2023-05-03 09:40", "Queues at the last stations", 1)]),
    "a capital word before each time": ("2023-05-04-match.txt", """\
        Match day
        UPDATE 10:15
        Teams arrive at the stadium
        Fans have been gathering since dawn.
        UPDATE 9:30
        Gates open
        The first fans are in.
        """, [(2, "2023-05-04 10:15", "Teams arrive at the stadium", 1), (5, "2023-05-04 09:30", "Gates open", 1)]),
    "at, before each time": ("2023-05-05-march.txt", """\
        Evening report
        At 3.45pm: Police close the square
        Officers moved the crowd back.
        At 2.10pm: Marchers set off
        About 2,000 people joined the march.
        """, [(2, "2023-05-05 15:45", "Police close the square", 1), (4, "2023-05-05 14:10", "Marchers set off", 1)]),
    "hours alone with h and am": ("2023-05-06-jornada.txt", """\
        Jornada electoral
        21h - Se cierran los colegios en Canarias
        El recuento empieza ya.
        10am - Los colegios abren en la península
        Hay colas en Madrid.
        """, [(2, "2023-05-06 21:00", "Se cierran los colegios en Canarias", 1),
              (4, "2023-05-06 10:00", "Los colegios abren en la península", 1)]),
}


def _parse(name):
    file_name, text, _ = CASES[name]
    return parse(textwrap.dedent(text), f"content/{file_name}", default_timezone="UTC", file_date=None)


@pytest.mark.parametrize("name", sorted(CASES))
def test_heading_style(name):
    blog = _parse(name)
    got = [(e.line, e.published.strftime("%Y-%m-%d %H:%M"), e.headline, len(e.blocks))
           for e in sorted(blog.entries, key=lambda e: e.line)]
    assert got == CASES[name][2]
    assert blog.heading_styles


def test_an_out_of_order_entry_in_the_dumps_style_stays_an_entry_with_a_warning():
    blog = parse(textwrap.dedent("""\
        Tornado live
        (06:12 p.m. EDT) Latest reports
        Hail in the north.
        (05:40 p.m. EDT) Shelters open
        Four shelters are open.
        (05:57 p.m. EDT) No shelter? Read this
        Go to the lowest floor.
        (04:20 p.m. EDT) Watch issued
        The watch runs until 11 p.m.
        """), "content/2025-05-19-tornado.txt")
    assert [(e.line, e.published.isoformat()) for e in sorted(blog.entries, key=lambda e: e.line)] == [
        (2, "2025-05-19T18:12:00-04:00"), (4, "2025-05-19T17:40:00-04:00"), (6, "2025-05-19T17:57:00-04:00"),
        (8, "2025-05-19T16:20:00-04:00")]
    assert blog.timezone == "America/New_York" and blog.timezone_source == "headings"
    assert [w.format().splitlines()[0] for w in blog.warnings if w.line] == [
        "content/2025-05-19-tornado.txt:6: warning: entry at 05:57 p.m. goes against the order of the entries "
        "(newest first) by 17 minutes"]


def test_two_clocks_the_intro_names_the_zone():
    text = ("---\ntitle: Polling day\n---\nAll times are local (EAT).\n10am EST, 6pm EAT\nPolls close\n"
            "Counting begins.\n9am EST, 5pm EAT\nTurnout passes half\nThe commission gave the figure.\n")
    blog = parse(text, "content/2022-08-09-kenya.txt")
    assert (blog.timezone, blog.timezone_source) == ("+03:00", "intro")
    assert [(e.published.isoformat(), e.time_text) for e in blog.entries_as_read] == [
        ("2022-08-09T18:00:00+03:00", "10am EST, 6pm EAT"), ("2022-08-09T17:00:00+03:00", "9am EST, 5pm EAT")]


def test_two_clocks_without_a_stated_zone_take_the_first():
    text = "---\ntitle: Polling day\n---\n10am EST, 6pm EAT\nPolls close\nCounting begins.\n"
    blog = parse(text, "content/2022-08-09-kenya.txt")
    assert blog.timezone == "America/New_York"
    assert blog.entries[0].published.isoformat() == "2022-08-09T10:00:00-04:00"


def test_a_title_printed_above_the_entries_is_the_title_and_nothing_is_lost():
    from site_gen.read.accounting import lost_lines

    text = "Séisme : les secours face au froid\nL'essentiel\n***\n20:44\nFin du direct\nÀ demain.\n"
    blog = parse(text, "content/2023-02-06-seisme.txt")
    assert blog.title == "Séisme : les secours face au froid" and blog.title_line == 1
    assert [b.text for b in blog.lede] == ["L'essentiel"] and blog.rule_lines == (3,)
    assert not [w for w in blog.warnings if "title" in w.message]
    assert lost_lines(text, blog) == []


# --- properties ----------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from site_gen.errors import ContentError  # noqa: E402

BASE = ("---\ntitle: Base\ndate: 2022-11-10\ntimezone: Europe/Paris\n---\nIntro paragraph of the day.\n"
        "9:14pm: Convoy leaves the city\nWitnesses saw trucks on the bridge.\n"
        "8:40pm: Talks end without a deal\nBoth sides blamed each other.\n"
        "7:05pm: Sirens in the capital\nResidents went to the shelters.\n")
_WORDS = st.sampled_from(["the", "mayor", "said", "Kyiv", "troops", "of", "and", "2022", "1,200", "12.5", "7.62",
                          "million", "at", "8:17pm", "20:17", "20h17", "Uhr", "GMT", "on", "Thursday", "(AFP)",
                          "-", "–", ":", "«", "»", "people", "in", "were", "11", "November", "police", "arrived"])
_LEADS = st.sampled_from(["Officials said", "The mayor", "Residents of the city told us", "In 2022,", "10:30 was",
                          "12.5 million", "1,200 people", "7.62 rounds", "3:15 - the hour", "11:00: the time",
                          "At 3.45pm the police", "By 5pm", "20:17 heures plus tard,", "2019 was", "Around 9pm,"])
_PROSE = st.builds(lambda lead, words, end: " ".join([lead, *words]) + end, _LEADS, st.lists(_WORDS, max_size=14),
                   st.sampled_from([".", "", "!", " (AFP)."]))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(5, 12), _PROSE), max_size=8, unique_by=lambda x: x[1]))
def test_random_prose_never_becomes_an_entry(insertions):
    lines = BASE.splitlines()
    for at, prose in sorted(insertions, reverse=True):
        lines.insert(at, prose)
    blog = parse("\n".join(lines) + "\n", "content/2022-11-10-base.txt")
    assert [(e.headline, e.published.isoformat()) for e in blog.entries_as_read] == [
        ("Convoy leaves the city", "2022-11-10T21:14:00+01:00"), ("Talks end without a deal", "2022-11-10T20:40:00+01:00"),
        ("Sirens in the capital", "2022-11-10T19:05:00+01:00")]


def _h12(h, m):
    return f"{h % 12 or 12}:{m:02d}", "pm" if h >= 12 else "am"


# One heading per style: how the outlet prints hours h and minutes m before a headline t.
ANY_STYLE = [
    lambda h, m, t: "{}{}: {}".format(*_h12(h, m), t), lambda h, m, t: "{} {}.m. – {}".format(_h12(h, m)[0], _h12(h, m)[1][0], t),
    lambda h, m, t: f"{h:02d}:{m:02d} Uhr | {t}", lambda h, m, t: f"{h:02d}h{m:02d} : {t}",
    lambda h, m, t: f"{h:02d}.{m:02d} uur: {t}", lambda h, m, t: f"+++ {h:02d}.{m:02d} Uhr: {t} +++",
    lambda h, m, t: f"[{h:02d}:{m:02d} GMT] {t}", lambda h, m, t: f"({h:02d}:{m:02d} GMT) {t}",
    lambda h, m, t: f"  • {h:02d}:{m:02d}\n{t}", lambda h, m, t: f"{h:02d}:{m:02d} GMT\n{t}",
    lambda h, m, t: f"{t} — " + "{} {}.m.".format(_h12(h, m)[0], _h12(h, m)[1][0]),
    lambda h, m, t: f"{h:02d}{m:02d}: {t}", lambda h, m, t: f"{h:02d}:{m:02d} {t}",
    lambda h, m, t: f"ORE {h:02d}:{m:02d} – {t}", lambda h, m, t: f"**{h:02d}:{m:02d}** {t}",
    lambda h, m, t: f"## {h:02d}:{m:02d} - {t}", lambda h, m, t: f"Posted at {h:02d}:{m:02d}\n{t}",
]
_TITLES = st.sampled_from(["Convoy leaves the city", "Ministers meet again", "Storm reaches the coast",
                           "Polls close in the north", "Crowds gather outside"])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(range(len(ANY_STYLE))), st.lists(st.integers(0, 23 * 60 + 59), min_size=2, max_size=6, unique=True),
       st.lists(_TITLES, min_size=6, max_size=6), st.booleans())
def test_a_dump_with_clock_headings_of_any_style_builds_with_every_entry(style, minutes, titles, newest_first):
    minutes = sorted(minutes, reverse=newest_first)
    body, heading_lines = ["Intro paragraph of the day."], []
    for m, title in zip(minutes, titles):
        heading_lines.append(len(body) + 1)
        body += ANY_STYLE[style](m // 60, m % 60, title).split("\n")
        body.append(f"The text of the entry at {m // 60}:{m % 60:02d}.")
    blog = parse("\n".join(body) + "\n", "content/2022-11-10-any.txt", default_timezone="UTC")
    assert sorted(e.line for e in blog.entries) == heading_lines
    assert [e.published.hour * 60 + e.published.minute for e in sorted(blog.entries, key=lambda e: e.line)] == minutes


def test_a_dump_without_clock_headings_is_still_the_clear_error():
    with pytest.raises(ContentError) as exc:
        parse("Ukraine says talks are off.\nAt 3pm the convoy left.\n2022 was a hard year.\n", "content/2022-11-10-n.txt")
    assert exc.value.first.message.startswith("no entry heading found in this file; it begins:")
