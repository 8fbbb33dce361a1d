"""A deterministic corpus of live-blog dumps shaped like the real FRANCE 24 sample.

    python -m bench.corpus OUT_DIR --blogs 1000 --entries 40 [--seed 1]

Blog number i is generated from its own random stream (seed and i), so the first
1,000 blogs of a 10,000-blog corpus are the 1,000-blog corpus.  Each dump has
front matter, an intro stating the time zone, a notice, newest-first entries
with `h:mmam/pm:` headings (including the sample's quirks: a 24-hour time with
a stray suffix such as `23:13pm`, noon as `12:09pm`, and a crossing of midnight
such as `1:28am` above `11:40pm`), 1-5 paragraphs each, some `>>` related
lines, and the credit line.

The text draws on a world-wide vocabulary (REGIONS: places, people, organisations and
companies of eight regions, a blog mostly about one of them) so that topic extraction
has work to do, and on sentence shapes that put two names side by side with a small
word ("arrives in Abuja for the IMF talks", "UNICEF in Amman", "Airbus and Siemens",
"from Lagos to Accra", "Priya Raman of Tata Steel") beside names that hold one ("the
Bank of England", "Transport for Wales", "Bosnia and Herzegovina"): tests check that
the topic index keeps the first apart and the second whole (tests/test_topics_corpus.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path
from typing import NamedTuple


class Region(NamedTuple):
    places: list[str]
    first: list[str]  # first names
    last: list[str]  # surnames
    orgs: list[str]  # organisations, as written in a sentence ("the IMF")
    companies: list[str]


FIRST = ["Oleksii", "Volodymyr", "Sergei", "Hanna", "Maria", "Robert", "Margarita", "Sabrina",
         "Mykhailo", "Valeriy", "Yaroslav", "Gulliver", "Antony", "Olaf", "Emmanuel", "Ursula",
         "Jens", "Rafael", "Dmitry", "Anna", "Lloyd", "Kamala", "Rishi", "Annalena", "Josep",
         "Petro", "Iryna", "Denys", "Andriy", "Natalia", "Pedro", "Giorgia", "Recep", "Xi"]
LAST = ["Reznikov", "Zelensky", "Surovikin", "Malyar", "Zolkina", "Parsons", "Robles", "Singh",
        "Podolyak", "Zaluzhnyi", "Yanushevych", "Cragg", "Blinken", "Scholz", "Macron", "von der Leyen",
        "Stoltenberg", "Grossi", "Peskov", "Lavrov", "Austin", "Harris", "Sunak", "Baerbock", "Borrell",
        "Poroshenko", "Vereshchuk", "Shmyhal", "Yermak", "Kuleba", "Sanchez", "Meloni", "Erdogan", "Kirby"]
PLACES = ["Kherson", "Kyiv", "Kharkiv", "Mykolaiv", "Zaporizhzhia", "Mariupol", "Luhansk", "Donetsk",
          "Bakhmut", "Odesa", "Crimea", "Snihurivka", "Lviv", "Dnipro", "Moscow", "Belgorod", "Minsk",
          "Warsaw", "Brussels", "Washington", "Paris", "Berlin", "London", "Ankara", "Madrid", "Rome",
          "Soledar", "Izium", "Lyman", "Sievierodonetsk", "Kramatorsk", "Melitopol", "Enerhodar", "Vuhledar"]
ORGS = ["NATO", "IAEA", "the UN Security Council", "Amnesty International", "the Pentagon", "the Kremlin",
        "the European Union", "the Red Cross", "SpaceX", "Gazprom", "the G7", "the World Bank",
        "the IMF", "Reuters", "the OSCE", "the Democracy Initiatives Foundation", "Wagner Group",
        "the US Department of Commerce", "the Ukrainian army", "Russia's defence ministry"]
REGIONS = {
    "eastern-europe": Region(PLACES, FIRST, LAST, ORGS, ["Naftogaz", "Ukrzaliznytsia", "Rosatom"]),
    "west-africa": Region(
        ["Abuja", "Lagos", "Kano", "Ibadan", "Accra", "Kumasi", "Dakar", "Lome", "Niamey", "Bamako", "Freetown"],
        ["Amara", "Chidi", "Kwame", "Aminata", "Ibrahim", "Ngozi", "Kofi", "Fatou"],
        ["Okafor", "Eze", "Mensah", "Diallo", "Sow", "Adeyemi", "Boateng", "Ndiaye"],
        ["ECOWAS", "the African Union", "the African Development Bank", "the University of Lagos", "Congress"],
        ["MTN", "Dangote Cement", "Ecobank", "Safaricom"]),
    "east-africa": Region(
        ["Nairobi", "Mombasa", "Kampala", "Kigali", "Addis Ababa", "Dodoma", "Juba", "Goma"],
        ["Wanjiru", "Tendai", "Amani", "Baraka", "Halima", "Zawadi"],
        ["Kamau", "Otieno", "Mwangi", "Achieng", "Habimana", "Tesfaye"],
        ["the World Food Programme", "UNHCR", "the East African Community", "the WHO"],
        ["Ethiopian Airlines", "Kenya Power", "Equity Bank"]),
    "middle-east": Region(
        ["Amman", "Aleppo", "Beirut", "Baghdad", "Erbil", "Mosul", "Istanbul", "Izmir", "Riyadh", "Doha", "Muscat"],
        ["Layla", "Omar", "Yusuf", "Aylin", "Karim", "Rania", "Tariq"],
        ["Nasser", "Haddad", "Demir", "Kaya", "Mansour", "Khalil", "Aziz"],
        ["UNICEF", "the Arab League", "OPEC", "the Red Crescent"],
        ["Aramco", "Qatar Airways", "Turkish Airlines", "Airbus"]),
    "south-asia": Region(
        ["Dhaka", "Chittagong", "Karachi", "Mumbai", "Chennai", "Kolkata", "Colombo", "Kathmandu"],
        ["Priya", "Arjun", "Farhan", "Nusrat", "Kavita", "Rohan"],
        ["Raman", "Mehta", "Chowdhury", "Rahman", "Iyer", "Perera"],
        ["the Asian Development Bank", "the Reserve Bank of India", "the International Cricket Council"],
        ["Tata Steel", "Infosys", "Reliance Industries"]),
    "east-asia": Region(
        ["Jakarta", "Surabaya", "Manila", "Cebu", "Seoul", "Busan", "Osaka", "Hanoi", "Bangkok", "Taipei"],
        ["Mei", "Kenji", "Siti", "Minh", "Hana", "Arief"],
        ["Chen", "Watanabe", "Rahayu", "Nguyen", "Lim", "Tanaka"],
        ["ASEAN", "the Bank of Japan", "the Asian Infrastructure Investment Bank"],
        ["Samsung", "Toyota", "Huawei", "Foxconn"]),
    "americas": Region(
        ["Bogota", "Medellin", "Lima", "Quito", "Santiago", "Monterrey", "Sao Paulo", "Toronto", "Houston",
         "Chicago", "Denver", "Atlanta", "Trinidad and Tobago"],
        ["Lucia", "Diego", "Camila", "Mateo", "Grace", "Ethan", "Maya", "Dana"],
        ["Fernandez", "Morales", "Rojas", "Herrera", "Whitfield", "Brooks", "Delgado", "Castillo"],
        ["the Organization of American States", "the Inter-American Development Bank", "Congress",
         "the Senate", "the Federal Reserve"],
        ["Petrobras", "Vale", "Boeing", "Pemex"]),
    "western-europe": Region(
        ["London", "Cardiff", "Manchester", "Glasgow", "Leeds", "Krakow", "Gdansk", "Porto", "Turin", "Rotterdam",
         "Gothenburg", "Lyon", "Bosnia and Herzegovina"],
        ["Ingrid", "Thomas", "Fiona", "Marco", "Sofie", "Pieter"],
        ["Halvorsen", "Kowalski", "MacLeod", "Bellini", "Janssen", "Nowak"],
        ["the Bank of England", "the Department for Education", "Transport for Wales", "the European Central Bank",
         "UEFA", "the International Olympic Committee"],
        ["Siemens", "Maersk", "Ericsson", "Unilever"]),
}
GLOBAL_ORGS = ["the IMF", "the World Bank", "the United Nations", "the WHO", "the Red Cross", "FIFA", "Interpol",
               "NATO", "Amnesty International", "the Food and Agriculture Organization"]
ROLES = ["Defence Minister", "President", "Foreign Minister", "Prime Minister", "army chief",
         "spokeswoman", "spokesman", "governor", "adviser", "Chief Foreign Editor", "Secretary-General"]
VERBS = ["said", "told reporters", "wrote on Telegram", "told Reuters", "confirmed", "warned",
         "announced", "insisted", "claimed", "denied"]
THINGS = ["air defence systems", "howitzer rounds", "HIMARS launchers", "winter equipment", "drones",
          "artillery shells", "humanitarian aid", "power lines", "grain exports", "sanctions",
          "the nuclear plant", "the Kakhovka dam", "the exclusion zone", "Starlink terminals",
          "a prisoner exchange", "peace talks", "the front line", "the counteroffensive",
          "the vaccine rollout", "fuel subsidies", "the new port", "flood defences", "the rail link"]
ACTIONS = ["would send", "had destroyed", "was preparing", "would finance", "had captured",
           "was shelling", "had withdrawn from", "would inspect", "was negotiating over", "had repaired"]
AMOUNTS = ["$400 million", "$1.2 billion", "100,000 rounds", "40,000 troops", "12 settlements",
           "seven km (4.3 miles)", "€500 million", "2,500 km", "88 people", "six reactors"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CREDITS = ["(FRANCE 24 with AFP, AP and Reuters)", "(FRANCE 24 with AFP and Reuters)",
           "(FRANCE 24 with AP and Reuters)"]
HOME = 0.8  # how often a blog's names come from its own region


class Writer:
    """Sentences and headlines for one blog, from that blog's own random stream, mostly about its region."""

    def __init__(self, rng: random.Random, weekday: str, region: Region):
        self.rng = rng
        self.weekday = weekday
        self.region = region
        self.regions = [REGIONS[k] for k in sorted(REGIONS)]

    def _pick(self, field: str) -> str:
        r = self.rng
        region = self.region if r.random() < HOME else r.choice(self.regions)
        return r.choice(getattr(region, field))

    def place(self) -> str:
        return self._pick("places")

    def org(self) -> str:
        return self.rng.choice(GLOBAL_ORGS) if self.rng.random() < 0.25 else self._pick("orgs")

    def company(self) -> str:
        return self._pick("companies")

    def surname(self) -> str:
        return self._pick("last")

    def full_name(self) -> str:
        r = self.rng
        region = self.region if r.random() < HOME else r.choice(self.regions)
        return f"{r.choice(region.first)} {r.choice(region.last)}"

    def person(self) -> str:
        return f"{self.rng.choice(ROLES)} {self.full_name()}"

    def headline(self) -> str:
        r = self.rng
        forms = [
            lambda: f"{self.place()} {r.choice(['says', 'claims', 'denies'])} {r.choice(THINGS)} {r.choice(['hit', 'delayed', 'on track', 'under threat'])}",
            lambda: f"{self.org().removeprefix('the ').capitalize()} {r.choice(ACTIONS)} {r.choice(THINGS)} in {self.place()}",
            lambda: f"{self.surname()} {r.choice(['says', 'warns', 'rules out'])} {r.choice(THINGS)}, {r.choice(ROLES).lower()} says",
            lambda: f"'{r.choice(['Significant', 'Very complex', 'Much faster', 'Newly drafted'])}' {r.choice(THINGS)} expected in {self.place()}",
            lambda: f"US sending {self.place()} an extra {r.choice(AMOUNTS)} in {r.choice(THINGS)}",
            lambda: f"{self.company()} and {self.company()} {r.choice(['agree on', 'pull out of', 'bid for'])} {r.choice(THINGS)}",
            lambda: f"{self.full_name()} arrives in {self.place()} for {self.org()} talks",
        ]
        return r.choice(forms)()

    def sentence(self) -> str:
        r = self.rng
        forms = [
            lambda: f"{self.person()} {r.choice(VERBS)} on {self.weekday} that {self.org()} {r.choice(ACTIONS)} {r.choice(THINGS)} near {self.place()}.",
            lambda: f"\"We {r.choice(['will', 'cannot', 'must'])} {r.choice(['defend', 'rebuild', 'leave', 'protect'])} {self.place()},\" {self.surname()} {r.choice(VERBS)}.",
            lambda: f"According to {self.org()}, {r.choice(AMOUNTS)} {r.choice(['were', 'had been'])} {r.choice(['sent', 'lost', 'pledged', 'recovered'])} since the start of the month.",
            lambda: f"The situation around {r.choice(THINGS)} in {self.place()} {r.choice(['remained intact', 'was damaged', 'is near the front', 'was cut off'])}, {r.choice(['residents', 'officials', 'local sources'])} said.",
            lambda: f"{self.surname()}’s office said {self.place()} and {self.place()} {r.choice(['were', 'remain'])} {r.choice(['under fire', 'without power', 'calm', 'cut off'])}.",
            lambda: f"\"People in [...] {self.place()} are {r.choice(['afraid', 'hopeful', 'exhausted'])},\" said {self.full_name()} from {self.org()}.",
            lambda: f"It would {r.choice(['free up', 'slow down', 'delay'])} {r.choice(THINGS)} – {r.choice(['let us say', 'as expected', 'at least'])} – until the spring.",
            # two names side by side with a small word between them
            lambda: f"{self.full_name()} arrives in {self.place()} for {self.org()} talks on {self.weekday}.",
            lambda: f"A spokesperson for {self.org()} in {self.place()} said {r.choice(THINGS)} {r.choice(['would wait', 'was ready', 'had stalled'])}.",
            lambda: f"{self.company()} and {self.company()} {r.choice(ACTIONS)} {r.choice(THINGS)} in {self.place()}.",
            lambda: f"Flights between {self.place()} and {self.place()} {r.choice(['resumed', 'were cancelled', 'were full'])} on {self.weekday}.",
            lambda: f"The road from {self.place()} to {self.place()} {r.choice(['reopened', 'was closed', 'was flooded'])}, {r.choice(['police', 'officials'])} said.",
            lambda: f"{self.full_name()} of {self.company()} said {r.choice(THINGS)} {r.choice(['would go ahead', 'were on hold'])}.",
            lambda: f"Talks with {self.company()} at {self.place()} {r.choice(['ended early', 'went on late', 'broke down'])}.",
            lambda: f"Work on a plant near {self.place()} for {self.company()} {r.choice(['begins', 'stops', 'resumes'])} in the spring.",
        ]
        return r.choice(forms)()

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))


def _clock(minutes: int, quirk: bool) -> str:
    hour, minute = divmod(minutes % 1440, 60)
    if quirk and hour > 12:
        return f"{hour}:{minute:02d}pm"  # the sample's "23:13pm"
    suffix = "am" if hour < 12 else "pm"
    return f"{hour % 12 or 12}:{minute:02d}{suffix}"


def entry_times(rng: random.Random, count: int) -> list[int]:
    """Minutes since the first day's midnight, oldest first; the last ones may pass midnight.

    Steps are 5-40 minutes: never as long as four hours, so only a real
    midnight crossing reads as one.  Noon is hit on purpose once ("12:09pm").
    """
    start = rng.randint(6 * 60, 11 * 60)
    times = [start]
    for _ in range(count - 1):
        times.append(times[-1] + rng.randint(5, 40))
    if count > 4:
        noon = 12 * 60 + rng.randint(0, 20)
        for i, t in enumerate(times):
            if t >= noon:
                if times[i - 1] < noon < times[i + 1] if 0 < i < count - 1 else False:
                    times[i] = noon
                break
    return times


def blog_text(index: int, entries: int, seed: int = 1) -> tuple[str, str]:
    """(file name, text) of blog number `index`."""
    rng = random.Random(f"site-gen-bench/{seed}/{index}")
    day = dt.date(2015, 1, 1) + dt.timedelta(days=index % 3650)
    weekday = WEEKDAYS[day.weekday()]
    region = REGIONS[rng.choice(sorted(REGIONS))]
    w = Writer(rng, weekday, region)
    place, other = rng.choice(region.places), w.place()
    slug_words = f"{place}-{rng.choice(['retreat', 'talks', 'strikes', 'aid', 'offensive', 'summit'])}"
    slug_words = slug_words.lower().replace(" ", "-")
    name = f"{day.isoformat()}-{slug_words}-{index:05d}.txt"
    title = f"{place}: {w.headline()}"
    tags = sorted({place, other, w.org().removeprefix("the ")})
    winter = day.month in (11, 12, 1, 2, 3)
    zone_line = "All times are Paris time (GMT+1)." if winter else "All times are Paris time (GMT+2)."
    lines = [
        "---",
        f"title: \"{title}\"",
        f"date: {day.isoformat()}",
        f"tags: [{', '.join(tags)}]",
        f"source: https://www.example.com/en/live/{day:%Y%m%d}-{slug_words}-{index}",
        "author: FRANCE 24",
        "---",
        f"{w.paragraph()} Read FRANCE 24’s live blog for the latest developments. {zone_line}",
        "This live page is no longer being updated. For more of our coverage, click here.",
    ]
    times = entry_times(rng, entries)
    quirk_at = rng.randrange(entries) if entries else -1
    for i in reversed(range(entries)):  # newest first, as the real dumps
        headline = w.headline()  # capitalised: "5:30pm: von der Leyen ..." reads as a sentence, not a heading
        lines.append(f"{_clock(times[i], i == quirk_at)}: {headline[:1].upper()}{headline[1:]}")
        for p in range(rng.randint(1, 5)):
            lines.append(w.paragraph())
            if p == 0 and rng.random() < 0.12:
                lines.append(f">> {w.headline()}")
    lines.append(rng.choice(CREDITS))
    return name, "\n".join(lines) + "\n"


def write_corpus(out: Path, blogs: int, entries: int, seed: int = 1) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(blogs):
        name, text = blog_text(index, entries, seed)
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--blogs", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.blogs, args.entries, args.seed)
    print(f"wrote {len(paths)} dumps to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
