"""Heading candidates: lines that start (or end) with a clock time.  One line at a time, cheap.

    find(line) -> Candidate | None        BadTime for a heading-shaped line with an impossible time
    read_tail(candidate, recurring=()) -> Tail   what follows the time: zone words, separator, text
    implausible(candidate, tail), shape(candidate, tail)   one line judged alone, its shape

A candidate is a line that starts, after an optional short prefix, with a clock
token in any common style, or ends with one after a dash:

    prefix   markers (# ** • + [ ( — |), a few words ("UPDATE", "ORE", "Unwetter im
             Liveticker +++"), or a date ("10/11", "Nov 10, 2022", "June 6")
    clock    8:17pm, 8:17 p.m., 20:17, 20.17, 20h17, 20 h 17, 07:31:59, 15: 12, 5:1pm,
             2103 (four digits), and the hour alone: 21h, 10am, 6 p.m., 5 heures
    after    zone or hour words (GMT, ET, UTC+2, Uhr, uur, hours, heure de Beyrouth), a
             second clock for a second zone ("10am EST, 6pm EAT"), a date ("ET, March
             3, 2023"), a closing bracket or a separator (: | - – — ·), then the
             headline or prose, or nothing
    at end   "Delegates approve the platform — 10:05 p.m.", "Polls close (20:17)"

Whether a candidate is an entry heading is decided for the dump as a whole
(style.py): here each line only says what it looks like, and what no dump could
make a heading (implausible: "10:30 was the deadline").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.read import dates
from site_gen.read.dates import is_hour_word
from site_gen.timezones import is_zone_abbreviation

_MARK = r"[#>*_•·▪‣◦●○■□►▶◆◇+|~=\[(\-–—]"
_WORD = r"[^\W\d_][^\s\d]{0,24}+"
_AMPM = r"(?P<ampm>[ ]?(?P<ap>[apAP])[ ]?\.?[ ]?[mM](?:[ ]?\.)?(?![^\W\d_]))"
_CLOCK = (
    r"(?P<hour>\d{1,2})"
    r"(?:(?P<hsep>:[ ]?|\.|[ ]?[hH][ ]?)(?P<minute>\d{2})(?!\d)(?::(?P<second>\d{2})(?!\d))?"
    r"|:(?P<minute1>\d)(?=[ ]?[apAP]\.?[ ]?[mM])"  # 5:1pm, a slip
    r"|(?<=\d\d)(?P<minute4>\d{2})(?!\d)"  # 2103
    r"|(?P<hour_h>[hH])(?![^\W\d_])"  # 21h
    r"|(?=[ ]?[apAP]\.?[ ]?[mM](?:[ ]?\.)?(?![^\W\d_]))"  # 10am, 6 p.m.
    r"|(?=[ \t]+[^\W\d_]))"  # 5 heures, 20 Uhr (the word is checked)
    + _AMPM + "?"
)
_DATE = (r"(?P<date>\d{1,2}[/.]\d{1,2}(?:[/.](?:\d{4}|\d{2}))?\.?|\d{4}-\d{2}-\d{2}"
         r"|\d{1,2}\.?[ ][^\W\d_]{3,}\.?(?:[ ]\d{4})?|[^\W\d_]{3,}\.?[ ]\d{1,2}(?:,?[ ]\d{4})?)"
         r"(?:,?[ \t]+|[ \t]*[-–—|][ \t]*)")
# 'ET, March 3, 2023': a date after the time (and its zone), before a separator or the end
_DATE_AFTER_TIME = re.compile(
    r"[ \t]*[,–—-]?[ \t]*(?P<date>(?:[^\W\d_]+,?[ ]+)?(?:[^\W\d_]{3,}\.?[ ]\d{1,2}(?:st|nd|rd|th)?,?(?:[ ]\d{4})?"
    r"|\d{1,2}\.?[ ](?:de[ ])?[^\W\d_]{3,}\.?,?(?:[ ](?:de[ ])?\d{4})?|\d{1,2}[/.]\d{1,2}[/.]\d{4}))"
    r"(?=[ \t]*(?:[:|–—)\]]|-[ \t]|$))")
_START = re.compile(
    rf"(?P<lead>(?:{_MARK}+[ \t]*)*+)"
    rf"(?:{_DATE}|(?P<words>{_WORD}(?:[ \t]+{_WORD}){{0,2}}+)[ \t]+(?P<mid>(?:{_MARK}+[ \t]*)*+))?"
    + _CLOCK)
_END = re.compile(r"[ \t](?:(?P<dash>[-–—|])[ \t]*|(?P<paren>\())" + _CLOCK.replace("|(?=[ \\t]+[^\\W\\d_]))", ")")
                  + r"(?:[ \t]+(?P<zone>[A-Z]{2,5}))?(?(paren)\))[ \t]*$")
_EMPHASIS = ("**", "__", "*", "_")
_DIGIT = re.compile(r"\d")
_DATE_AFTER = re.compile(r"[./\-]\d")


_LOWER_START = re.compile(r"^[a-zà-ÿ]")
# Lower-case starts that are still names: "von der Leyen", "de Gaulle", "iPhone", "eBay".
_NAME_PARTICLE = re.compile(r"^(?:(?:von|van|de|der|den|du|da|di|del|della|la|le|al|el|bin|ibn)\s+\S|[a-z]+[A-Z])")
_WEAK_START = re.compile(r"^[^\W\d_]|^[0-9\"“‘'«(\[¿¡]")


class BadTime(ValueError):
    pass


@dataclass(slots=True)
class Clock:
    hour: int
    minute: int | None  # None: the hour alone ("21h", "6 a.m.")
    ampm: str | None  # "a" or "p"
    text: str  # as printed: "8:17pm", "20h17", "5:39 p.m ."
    hsep: str  # ":", ".", "h", "" (four digits "2103"), "-" (the hour alone)
    slip: bool = False  # "5:1pm": one digit of minutes


@dataclass(slots=True)
class Candidate:
    text: str  # the line, stripped
    clock: Clock
    lead: str  # markers before the time (or before its words), as printed: "## ", "+++ ", "• ", "[", "**"
    words: str  # a few words before the time ("UPDATE", "Unwetter im Liveticker"), or ""
    mid: str  # markers between those words and the time ("+++ ")
    date: str  # a date before the time ("10/11", "June 6"), or ""
    tail: str  # everything after the clock
    at_end: bool = False  # "Headline — 10:05 p.m.": the tail is the headline before the time
    zone_after_end: str = ""  # "EDT" after a time at the end

    @property
    def attached_emphasis(self) -> str:
        """'**' in '**8:17pm**': emphasis opened right before the time, to be closed after it."""
        lead = self.lead if not self.words else self.mid
        return next((e for e in _EMPHASIS if lead.endswith(e)), "") if lead else ""

    @property
    def bare_prefix(self) -> bool:
        """Nothing but Markdown before the time (an impossible time here is an error, not a number)."""
        return not self.words and not self.date and all(c in "#*_ " for c in self.lead)


@dataclass(slots=True)
class Tail:
    decoration: str  # zone and hour words after the time, as printed ("GMT", "Uhr", "heure de Beyrouth")
    zone: str | None  # a zone abbreviation among them ("GMT"), if any
    second: str  # a second clock for another zone ("6pm EAT"), as printed, or ""
    sep: str  # ":", "-", "|", "close" (a bracket), "alone" (nothing after), "none"
    rest: str  # the headline or text after all that
    balanced: bool  # emphasis or brackets opened before the time are closed
    date: str = ""  # a date printed after the time ("8:17 p.m. ET, March 3, 2023"), or ""


def find(line: str) -> Candidate | None:
    text = line.strip()
    if not text:
        return None
    m = _START.match(text)
    if m:
        found = _candidate(text, m, False)
        if found is not None and not (found.words and found.mid.strip() in ("-", "–", "—", "|")
                                      and (not found.tail.strip() or found.tail.strip().isupper())):
            return found  # (not 'Talks end — 10:05 p.m.', read below as a time after its headline)
    last = text[-1]
    if (last.isdigit() or last.isupper() or last in "mM)" or (last == "." and text[-2:-1] in ("m", "M"))) \
            and _DIGIT.search(text, len(text) - 16):
        m = _END.search(text, max(0, len(text) - 40))
        if m and m.start() > 0:
            return _candidate(text, m, True)
    return None


def _candidate(text: str, m: re.Match, at_end: bool) -> Candidate | None:
    hour = int(m["hour"])
    minute_text = m["minute"] or m["minute1"] or m["minute4"]
    minute = int(minute_text) if minute_text is not None else None
    ampm = m["ap"].lower() if m["ap"] else None
    hsep = ("" if m["minute4"] else "-" if minute is None else ":" if m["minute1"] else
            m["hsep"].strip().lower()[:1])
    tail = "" if at_end else text[m.end():]
    if minute is None and not ampm and not m["hour_h"]:  # '5 heures', '20 Uhr', not '12 people'
        word = tail.split(None, 1)[0].rstrip(",:;") if tail.strip() else ""
        if not is_hour_word(word):
            return None
    if not at_end and (_DATE_AFTER.match(tail) or (m["date"] and m["minute4"])):
        return None  # '10.11.2022', '2022-11-10', '31 February 2022': a date, not a time
    start = m.start("hour")
    end = m.end("ampm") if ampm else m.end()
    if not at_end and m["hour_h"]:
        end = m.end("hour_h")
    clock = Clock(hour, minute, ampm, text[start:end].strip(), hsep, bool(m["minute1"]))
    candidate = Candidate(text, clock, "" if at_end else m["lead"], "" if at_end else (m["words"] or ""),
                          "" if at_end else (m["mid"] or ""), "" if at_end else (m["date"] or "").strip(),
                          text[: m.start()].strip() if at_end else tail, at_end,
                          (m["zone"] or "") if at_end else "")
    if hour > 23 or (minute or 0) > 59 or (ampm == "p" and hour == 0):
        if at_end or not candidate.bare_prefix or hsep in ("", "-") or (hsep == "." and not ampm):
            return None  # "7.62 NATO rounds", "20.75: Price", "1 48:38": numbers, not times
        if read_tail(candidate).sep == "none" and not candidate.lead:
            return None  # '25:61 was the score': not written as a time
        raise BadTime(clock.text)
    return candidate


# A separator after the time (and its zone words): ':' (not '10:30:15'), '|', a dash before a
# space or the end, an en or em dash, '>' or '»'.
_SEP = re.compile(r"[ \t]*(?P<sep>:(?!\d)|\||[-–—](?=[ \t]|$)|[–—]|>(?!>)|»|[·•](?=[ \t]))[ \t]*")
_OFFSET_TOKEN = re.compile(r"\(?(?:GMT|UTC)(?:[+\-−]\d{1,2}(?::?\d{2})?)?\)?$")
_CLOSERS = {"(": ")", "[": "]", "<": ">", "«": "»"}
_SECOND = re.compile(r"[ \t]*[,/|–—-]?[ \t]*(?P<clock>\d{1,2}(?:[:.hH]\d{2})?(?:[ ]?[apAP]\.?[ ]?[mM]\.?)?)"
                     r"[ \t]+(?P<zone>[A-Z]{2,5})(?![\w])")


def read_tail(c: Candidate, recurring: tuple[str, ...] = ()) -> Tail:
    """Split what follows the time: zone or hour words, a second clock, the separator, the text.

    `recurring` are the words the dump prints after every time of this shape, alone on the
    line ("heure de Beyrouth"): words of the dump's own heading style.
    """
    if c.at_end:
        return Tail(c.zone_after_end, c.zone_after_end or None, "", "-", c.tail, True)
    tail = c.tail
    if not c.lead and not c.words and not recurring:  # the common case: '8:17pm: Headline'
        m = _SEP.match(tail)
        if m:
            s, rest = m["sep"], tail[m.end():].strip()
            if len(rest) > 4 and rest.startswith("**") and rest.endswith("**"):
                rest = rest[2:-2].strip()
            sep = ":" if s == ":" else "|" if s == "|" else ">" if s in ">»" else "-"
            return Tail("", None, "", sep if rest else "alone", rest, True)
    decoration: list[str] = []
    zone = None
    balanced = True
    emphasis = c.attached_emphasis
    if emphasis and tail.startswith(emphasis):  # '**8:17pm** Headline'
        tail, emphasis = tail[len(emphasis):], ""
    if recurring and _words(tail)[: len(recurring)] == list(recurring):
        taken = tail.split(None, len(recurring))
        last = taken[len(recurring) - 1]
        kept = last[len(last.rstrip(",;:|)]")):]  # 'hrs:': the colon is the separator
        decoration.append(" ".join(taken[: len(recurring) - 1] + [last[: len(last) - len(kept)]]))
        tail = kept + " " + (taken[len(recurring)] if len(taken) > len(recurring) else "")
        zone = next((w.strip("(),") for w in taken[: len(recurring)] if _is_zone(w.strip("(),"))), None)
    while True:
        token = tail.split(None, 1)[0] if tail.strip() else ""
        bare = token.rstrip(",;:|)]")
        if not bare:
            break
        inner = bare.strip("()")
        if _OFFSET_TOKEN.match(bare) or _is_zone(inner):
            zone = zone or inner
        elif not is_hour_word(bare):
            break
        decoration.append(bare)
        tail = tail.lstrip()[len(bare):]
    second = ""
    m = _SECOND.match(tail) if zone else None
    if m:
        second = (m["clock"] + " " + m["zone"])
        tail = tail[m.end():]
    date = ""
    m = _DATE_AFTER_TIME.match(tail) if tail[:1] in (" ", ",", "\t", "–", "—", "-") else None
    if m and _is_date(m["date"]):
        date, tail = m["date"], tail[m.end():]
    opener = (c.mid if c.words else c.lead).strip()
    closer = _CLOSERS.get(opener[-1:]) if opener else None
    sep = None
    if closer:
        head, found, after = tail.partition(closer)
        if found and len(head) <= 25:
            if head.strip():
                decoration.append(head.strip())
            tail, sep = after, "close"
            m = _SEP.match(tail)
            if m:  # 'Update (20:17): Headline'
                tail = tail[m.end():]
        else:
            balanced = False
    if emphasis and tail.startswith(emphasis):  # '**8:17pm** Headline' with a zone or closer between
        tail, emphasis = tail[len(emphasis):], ""
    if sep is None:
        m = _SEP.match(tail)
        if m:
            s = m["sep"]
            sep = ":" if s == ":" else "|" if s == "|" else ">" if s in ">»" else "-"
            tail = tail[m.end():]
    if emphasis and tail.startswith(emphasis):  # '**8:17pm:** Headline'
        tail, emphasis = tail[len(emphasis):], ""
    rest = tail.strip()
    if emphasis:  # '**8:17pm: Headline**'
        if rest.endswith(emphasis) and len(rest) > len(emphasis):
            rest, emphasis = rest[: -len(emphasis)].rstrip(), ""
        else:
            balanced = False
    mirror = (c.mid or c.lead).replace(" ", "")
    if mirror and not emphasis and mirror[-1] in "+—–~=|#" and rest.endswith(mirror):
        rest = rest[: -len(mirror)].rstrip()  # '+++ 17.45 Uhr: Headline +++', '— 10:15 —'
    if len(rest) > 4 and rest.startswith("**") and rest.endswith("**"):
        rest = rest[2:-2].strip()  # '## 8:17pm: **Headline**'
    if not rest:
        sep = "alone"
    elif sep is None:
        sep = "none"
    return Tail(" ".join(decoration), zone, second, sep, rest, balanced, date)


def _is_date(text: str) -> bool:
    try:
        return dates.match_date_line(text) is not None
    except ValueError:
        return False


def _is_zone(token: str) -> bool:
    return token.isupper() and 2 <= len(token) <= 5 and is_zone_abbreviation(token)


def _words(text: str) -> list[str]:
    return [w.rstrip(",;:|)]").casefold() for w in text.split()]


# --- one line judged alone ------------------------------------------------------------------------

NO_SEPARATOR = "no separator after the time, unlike the dump's headings"


def implausible(c: Candidate, tail: Tail) -> str | None:
    """Why one line cannot be a heading whatever the dump does, or None."""
    rest = tail.rest
    if not tail.balanced:
        return "the Markdown or bracket opened before the time is not closed"
    if rest[:1] in (",", ";", ")", "%"):
        return "the time is part of a sentence"
    if _LOWER_START.match(rest) and not _NAME_PARTICLE.match(rest):
        if not (tail.sep not in ("none", "alone") and (c.clock.ampm or c.clock.hsep == "h")):
            return "a lower-case word follows the time: a sentence"
    if tail.sep == "none" and not _WEAK_START.match(rest):
        return "no separator, and what follows the time does not start like a headline"
    if c.words and not (c.mid or c.lead).strip() and tail.sep == "none":
        return "words before the time and none after it: a sentence"
    return None


def shape(c: Candidate, tail: Tail) -> tuple:
    """(where, prefix, clock, words after the time, separator)."""
    decoration = "zone" if tail.zone else tail.decoration.casefold()
    return ("end" if c.at_end else "start", prefix_of(c), clock_family(c), decoration, tail.sep)


def prefix_of(c: Candidate) -> str:
    """The prefix part of a shape: its markers ('+++', '•', '##'), and its words when there
    are no markers between them and the time ('words:posted at'), or 'date'."""
    marks = (c.lead + c.mid).replace(" ", "")
    if c.date:
        return marks + "date"
    if c.words and not c.mid.strip():
        return marks + "words:" + c.words.casefold()
    return marks


def clock_family(c: Candidate) -> str:
    """'12h', or a 24-hour clock by what separates hours and minutes (':', '.', 'h'), 'hhmm'
    for four digits, '24h-hour' for the hour alone ('20 Uhr', '21h')."""
    if c.clock.ampm:
        return "12h"
    return {"": "hhmm", "-": "24h-hour"}.get(c.clock.hsep, c.clock.hsep)


def needs_company(s: tuple) -> bool:
    """Shapes never believed once: words before the time, a time after the text, four digits."""
    return "words:" in s[1] or s[0] == "end" or s[2] == "hhmm"
