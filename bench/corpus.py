"""A deterministic corpus of live-blog dumps shaped like the real FRANCE 24 sample.

    python -m bench.corpus OUT_DIR --blogs 1000 --entries 40 [--seed 1]

Blog number i is generated from its own random stream (seed and i), so the first
1,000 blogs of a 10,000-blog corpus are the 1,000-blog corpus.  Each dump has
front matter, an intro stating the time zone, a notice, newest-first entries
with `h:mmam/pm:` headings (including the sample's quirks: a 24-hour time with
a stray suffix such as `23:13pm`, noon as `12:09pm`, and a crossing of midnight
such as `1:28am` above `11:40pm`), 1-5 paragraphs each, some `>>` related
lines, and the credit line.  The text draws on a vocabulary of people, places
and organisations so that topic extraction has work to do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

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
ROLES = ["Defence Minister", "President", "Foreign Minister", "Prime Minister", "army chief",
         "spokeswoman", "spokesman", "governor", "adviser", "Chief Foreign Editor", "Secretary-General"]
VERBS = ["said", "told reporters", "wrote on Telegram", "told Reuters", "confirmed", "warned",
         "announced", "insisted", "claimed", "denied"]
THINGS = ["air defence systems", "howitzer rounds", "HIMARS launchers", "winter equipment", "drones",
          "artillery shells", "humanitarian aid", "power lines", "grain exports", "sanctions",
          "the nuclear plant", "the Kakhovka dam", "the exclusion zone", "Starlink terminals",
          "a prisoner exchange", "peace talks", "the front line", "the counteroffensive"]
ACTIONS = ["would send", "had destroyed", "was preparing", "would finance", "had captured",
           "was shelling", "had withdrawn from", "would inspect", "was negotiating over", "had repaired"]
AMOUNTS = ["$400 million", "$1.2 billion", "100,000 rounds", "40,000 troops", "12 settlements",
           "seven km (4.3 miles)", "€500 million", "2,500 km", "88 people", "six reactors"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CREDITS = ["(FRANCE 24 with AFP, AP and Reuters)", "(FRANCE 24 with AFP and Reuters)",
           "(FRANCE 24 with AP and Reuters)"]


class Writer:
    """Sentences and headlines for one blog, from that blog's own random stream."""

    def __init__(self, rng: random.Random, weekday: str):
        self.rng = rng
        self.weekday = weekday

    def person(self) -> str:
        r = self.rng
        return f"{r.choice(ROLES)} {r.choice(FIRST)} {r.choice(LAST)}"

    def headline(self) -> str:
        r = self.rng
        forms = [
            lambda: f"{r.choice(PLACES)} {r.choice(['says', 'claims', 'denies'])} {r.choice(THINGS)} {r.choice(['hit', 'delayed', 'on track', 'under threat'])}",
            lambda: f"{r.choice(ORGS).removeprefix('the ').capitalize()} {r.choice(ACTIONS)} {r.choice(THINGS)} in {r.choice(PLACES)}",
            lambda: f"{r.choice(LAST)} {r.choice(['says', 'warns', 'rules out'])} {r.choice(THINGS)}, {r.choice(ROLES).lower()} says",
            lambda: f"'{r.choice(['Significant', 'Very complex', 'Much faster', 'Newly drafted'])}' {r.choice(THINGS)} expected in {r.choice(PLACES)}",
            lambda: f"US sending {r.choice(PLACES)} an extra {r.choice(AMOUNTS)} in {r.choice(THINGS)}",
        ]
        return r.choice(forms)()

    def sentence(self) -> str:
        r = self.rng
        forms = [
            lambda: f"{self.person()} {r.choice(VERBS)} on {self.weekday} that {r.choice(ORGS)} {r.choice(ACTIONS)} {r.choice(THINGS)} near {r.choice(PLACES)}.",
            lambda: f"\"We {r.choice(['will', 'cannot', 'must'])} {r.choice(['defend', 'rebuild', 'leave', 'protect'])} {r.choice(PLACES)},\" {r.choice(LAST)} {r.choice(VERBS)}.",
            lambda: f"According to {r.choice(ORGS)}, {r.choice(AMOUNTS)} {r.choice(['were', 'had been'])} {r.choice(['sent', 'lost', 'pledged', 'recovered'])} since the start of the month.",
            lambda: f"The situation around {r.choice(THINGS)} in {r.choice(PLACES)} {r.choice(['remained intact', 'was damaged', 'is near the front', 'was cut off'])}, {r.choice(['residents', 'officials', 'local sources'])} said.",
            lambda: f"{r.choice(LAST)}’s office said {r.choice(PLACES)} and {r.choice(PLACES)} {r.choice(['were', 'remain'])} {r.choice(['under fire', 'without power', 'calm', 'cut off'])}.",
            lambda: f"\"People in [...] {r.choice(PLACES)} are {r.choice(['afraid', 'hopeful', 'exhausted'])},\" said {r.choice(FIRST)} {r.choice(LAST)} from {r.choice(ORGS)}.",
            lambda: f"It would {r.choice(['free up', 'slow down', 'delay'])} {r.choice(THINGS)} – {r.choice(['let us say', 'as expected', 'at least'])} – until the spring.",
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
    w = Writer(rng, weekday)
    place, other = rng.choice(PLACES), rng.choice(PLACES)
    slug_words = f"{place}-{rng.choice(['retreat', 'talks', 'strikes', 'aid', 'offensive', 'summit'])}".lower()
    name = f"{day.isoformat()}-{slug_words}-{index:05d}.txt"
    title = f"{place}: {w.headline()}"
    tags = sorted({place, other, rng.choice(ORGS).removeprefix("the ")})
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
