"""When was each entry published?  Worked out from the times themselves, and date lines.

    work_out(items, known_date, path, warnings, errors) -> Chronology | None

`items` are the parser's classified lines, in file order; each has `kind`
("heading", "date", "text", ...), `no` (its line), `text`, and for headings
`heading` (a clock.Heading) and `prose` (its text reads as a sentence), for
date lines `date` (a clock.DateLine; the day it settles on is set as `day`).
Lines found not to be headings after all have their `kind` set to "text" here.
`known_date` is (date, where it came from) from front matter or the file name,
or None.

The steps:
1. weak candidates ("8:17pm Russia says", no separator) stay headings only when
   most of the dump is written that way;
2. numeric date lines ("10/11/2022") are read day-first unless the dump shows
   otherwise;
3. the reading order (newest or oldest first) comes from the date lines when
   they give one, else from the times: the order whose walk spans less time;
4. bare 12-hour times ("8:17" in a dump without 24-hour times) get their half
   of the day from their neighbours;
5. a candidate unlike the house style that breaks the order of times is read
   as a paragraph instead: a false heading is worse than a missed one;
6. each entry's day: a step against the order of MIDNIGHT_GAP or more crosses
   midnight, a smaller one is a warning; date lines set the day of the entries
   that follow, and the oldest entry is on `known_date` when there are none.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from site_gen.read import clock
from site_gen.errors import error, warning

MIDNIGHT_GAP = 4 * 60  # a step against the order of at least this many minutes crosses midnight
DAY = 24 * 60


@dataclass(frozen=True)
class Chronology:
    newest_first: bool
    moments: dict  # heading line -> (date, minutes after midnight)


def work_out(items, known_date, path, warnings, errors) -> Chronology | None:
    dropped = _drop_weak_candidates(items)
    if not any(it.kind == "heading" for it in items):
        return None
    _read_date_lines(items, known_date, path, warnings, errors)
    if errors:
        return None
    while True:
        headings = [it for it in items if it.kind == "heading"]
        segment = _segments(items)
        twelve = all(clock.is_bare_twelve_hour(h.heading) for h in headings if h.heading.ampm is None)
        candidates = [clock.minutes_of_day(h.heading, twelve) for h in headings]
        seg = [segment[h.no] for h in headings]
        dated = _after_date_line(items)
        dated = [h.no in dated for h in headings]
        newest_first = _order_from_date_lines(items)
        if newest_first is None:
            newest_first = _order_from_times(candidates, seg, dated)
        times = _resolve(candidates, seg, dated, newest_first)[1]
        odd = _odd_ones_out(headings, times, seg, dated, newest_first)
        if not odd:
            break
        for h in odd:
            h.kind = "text"
            warnings.append(warning(path, h.no, "a time at the start of this line breaks the order of the entries; "
                                    "read as a paragraph", "if it is an entry heading, check its time",
                                    source_line=h.text))
    _warn_missing_separators(dropped, headings, times, segment, newest_first, twelve, path, warnings)
    minutes = {h.no: t for h, t in zip(headings, times)}
    offsets = _day_offsets(headings, minutes, segment, _after_date_line(items), newest_first, path, warnings)
    days = _days(items, offsets, segment, known_date, path, warnings, errors)
    if errors:
        return None
    return Chronology(newest_first, {no: (days[no], minutes[no]) for no in minutes})


def _drop_weak_candidates(items) -> list:
    """'8:17pm Russia says ...' is a heading only in dumps mostly written that way."""
    candidates = [it for it in items if it.kind == "heading"]
    weak = [it for it in candidates if not it.heading.marked]
    if not weak or len(weak) * 2 > len(candidates):
        return []
    for it in weak:
        it.kind = "text"
    return weak


def _warn_missing_separators(dropped, headings, times, segment, newest_first, twelve, path, warnings) -> None:
    """A paragraph like '8:17pm Russia says' whose time fits between the entries around it."""
    lines = [h.no for h in headings]
    for it in dropped:
        k = bisect.bisect(lines, it.no)
        if k == 0 or k == len(lines) or segment[lines[k - 1]] != segment[lines[k]]:
            continue
        earlier, later = (times[k], times[k - 1]) if newest_first else (times[k - 1], times[k])
        for m in clock.minutes_of_day(it.heading, twelve):
            if (earlier <= m <= later) if earlier <= later else (m >= earlier or m <= later):
                warnings.append(warning(
                    path, it.no, f"this line starts with a time ({it.heading.time_text}) that fits between the "
                    "entries around it, but has no ':' or dash after the time; read as a paragraph",
                    f"if it is an entry heading, write it as '{it.heading.time_text}: {it.heading.rest[:40]}'",
                    source_line=it.text))
                break


def _read_date_lines(items, known_date, path, warnings, errors) -> None:
    """Settle each date line's day: day-first unless the dump's dates say month-first."""
    lines = [it for it in items if it.kind == "date"]
    numeric = [it.date for it in lines if it.date.numeric]
    if any(d.month_first is None for d in numeric):
        month_first = False
    elif any(d.day_first is None for d in numeric):
        month_first = True
    else:
        month_first = bool(numeric) and _prefers_month_first(numeric, known_date)
    for it in lines:
        day = it.date.month_first if month_first else it.date.day_first
        if day is None:
            errors.append(error(path, it.no, f"date line '{it.text}': no such day (dates like 10/11/2022 are "
                                "read day first in this file)", source_line=it.text))
            continue
        it.day = day
        if not it.date.weekday_matches(day):
            warnings.append(warning(path, it.no, f"{day.day} {day:%B %Y} is a {day:%A}, not a {it.date.weekday}",
                                    "check the date line", source_line=it.text))


def _prefers_month_first(numeric, known_date) -> bool:
    """Every numeric date reads both ways: month-first only when that agrees better with the dump."""
    def score(days):
        return (sum(known_date[0] == d for d in days) if known_date else 0,
                -sum(not x.weekday_matches(d) for x, d in zip(numeric, days)))
    return score([d.month_first for d in numeric]) > score([d.day_first for d in numeric])


def _segments(items) -> dict[int, int]:
    """Segment of each heading: the stretch after one date line.

    Headings before the first date line share its segment, so their day is
    counted from it by their times.
    """
    out: dict[int, int] = {}
    current, has_heading, first_dated = 0, False, None
    for it in items:
        if it.kind == "date":
            if has_heading:
                current, has_heading = current + 1, False
            if first_dated is None:
                first_dated = current
        elif it.kind == "heading":
            out[it.no] = current
            has_heading = True
    if first_dated:
        out = {no: first_dated if s == 0 else s for no, s in out.items()}
    return out


def _after_date_line(items) -> set[int]:
    """Lines of the headings that come after a date line."""
    out, seen = set(), False
    for it in items:
        seen = seen or it.kind == "date"
        if seen and it.kind == "heading":
            out.add(it.no)
    return out


def _order_from_date_lines(items) -> bool | None:
    """True (newest first) or False when the date lines go one way; None otherwise."""
    days = [it.day for it in items if it.kind == "date" and getattr(it, "day", None)]
    distinct = [d for i, d in enumerate(days) if i == 0 or d != days[i - 1]]
    if len(distinct) < 2:
        return None
    steps = [b > a for a, b in zip(distinct, distinct[1:])]
    if all(steps):
        return False
    if not any(steps):
        return True
    return None


def _order_from_times(candidates, seg, dated) -> bool:
    """The reading order whose walk from entry to entry spans less time (ties: newest first)."""
    forward = _resolve(candidates, seg, dated, False)[0][:4]
    backward = _resolve(candidates, seg, dated, True)[0][:4]
    return backward <= forward


def _step(a: int, b: int, dated: bool) -> tuple[int, int, int, int]:
    """Cost of walking forward in time from minute a to minute b.

    (steps against the order, midnight crossings under a date line, time spanned, crossings)
    """
    if b >= a:
        return 0, 0, b - a, 0
    if a - b >= MIDNIGHT_GAP:
        return 0, int(dated), DAY - (a - b), 1
    return 1, 0, 0, 0


def _resolve(candidates, seg, dated, newest_first):
    """Pick one time per heading (two choices for bare 12-hour times) for the cheapest walk.

    The cost (see _step, then the reading as written (the morning, but noon for 12:xx) for bare 12-hour
    times) is compared item by item.  Returns (cost, times in file order).
    """
    order = list(range(len(candidates)))[::-1 if newest_first else 1]
    if not order:
        return (0, 0, 0, 0, 0), []
    # per candidate: (cost, best previous); the last cost term prefers the first reading (as written)
    rows = [[((0, 0, 0, 0, j), None) for j, _ in enumerate(candidates[order[0]])]]
    for prev_i, i in zip(order, order[1:]):
        row = []
        for j, m in enumerate(candidates[i]):
            options = []
            for k, (cost, _) in enumerate(rows[-1]):
                step = (_step(candidates[prev_i][k], m, dated[prev_i] and dated[i])
                        if seg[prev_i] == seg[i] else (0, 0, 0, 0))
                options.append((tuple(c + d for c, d in zip(cost, step + (j,))), k))
            row.append(min(options))
        rows.append(row)
    k = min(range(len(rows[-1])), key=lambda j: rows[-1][j][0])
    cost = rows[-1][k][0]
    chosen = []
    for pos in range(len(order) - 1, -1, -1):
        chosen.append(candidates[order[pos]][k])
        k = rows[pos][k][1]
    chosen.reverse()  # chronological
    return cost, chosen[::-1] if newest_first else chosen


def _odd_ones_out(headings, times, seg, dated, newest_first) -> list:
    """Headings unlike the house style whose time breaks the walk (no two side by side).

    Compared with its neighbours alone, one breaks the walk when it adds a step
    against the order, or a midnight crossing (which would move every entry on
    one side of it by a day) between two neighbours, or at either end of its
    segment when its text is a sentence.
    """
    if len(headings) < 3:
        return []
    styles = [h.heading.style + (h.prose,) for h in headings]
    common = Counter(styles).most_common(1)[0][0]
    odd: list[int] = []
    for i, h in enumerate(headings):
        if styles[i] == common or (odd and odd[-1] == i - 1):
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(times) and seg[j] == seg[i]]
        with_it = _walk_cost(near + [i], times, dated, newest_first)
        without = _walk_cost(near, times, dated, newest_first)
        if with_it[0] > without[0] or (with_it[3] > without[3] and (len(near) == 2 or h.prose)):
            odd.append(i)
    return [headings[i] for i in odd]


def _walk_cost(indexes, times, dated, newest_first) -> tuple[int, int, int, int]:
    order = sorted(indexes, reverse=newest_first)
    cost = (0, 0, 0, 0)
    for a, b in zip(order, order[1:]):
        cost = tuple(c + d for c, d in zip(cost, _step(times[a], times[b], dated[a] and dated[b])))
    return cost


def _day_offsets(headings, minutes, segment, dated, newest_first, path, warnings) -> dict[int, int]:
    """Day of each heading relative to the first heading of its segment (in file order)."""
    sign = -1 if newest_first else 1
    offsets: dict[int, int] = {}
    prev = None
    for k, h in enumerate(headings):
        if prev is None or segment[prev.no] != segment[h.no]:
            offsets[h.no], prev = 0, h
            continue
        offsets[h.no] = offsets[prev.no]
        after = headings[k + 1] if k + 1 < len(headings) and segment[headings[k + 1].no] == segment[h.no] else None
        same_part = after is not None and (prev.no in dated) == (h.no in dated) == (after.no in dated)
        if same_part and _is_spike(minutes[prev.no], minutes[h.no], minutes[after.no], sign):
            warnings.append(warning(
                path, h.no, f"entry at {h.heading.time_text} is out of order with the entries around it",
                "check the time; it is kept on the same day as the entry before it", source_line=h.text))
            continue  # the next entry is counted from the one before this
        step = sign * (minutes[h.no] - minutes[prev.no])
        if _crosses(minutes[prev.no], minutes[h.no], sign):
            offsets[h.no] += sign
            if prev.no in dated:
                warnings.append(warning(
                    path, h.no, f"entry at {h.heading.time_text} crosses midnight under the same date line "
                    "as the entry before it", "add a date line where the new day starts, or check the time",
                    source_line=h.text))
        elif step < 0:
            warnings.append(warning(
                path, h.no, f"entry at {h.heading.time_text} goes against the order of the entries "
                f"({'newest' if newest_first else 'oldest'} first) by {-step} minutes",
                "check the time; it is kept on the same day as the entry before it", source_line=h.text))
        prev = h
    return offsets


def _crosses(a: int, b: int, sign: int) -> bool:
    """Walking the file from a time a to the next b crosses midnight."""
    return -sign * (b - a) >= MIDNIGHT_GAP


def _is_spike(before: int, t: int, after: int, sign: int) -> bool:
    """A time that crosses midnight with its neighbours when they do not with each other."""
    return _crosses(before, t, sign) + _crosses(t, after, sign) > _crosses(before, after, sign)


def _days(items, offsets, segment, known_date, path, warnings, errors) -> dict[int, dt.date]:
    """Calendar day of each heading: from the date line of its segment, or from known_date."""
    anchors: dict[int, tuple[dt.date, int]] = {}  # segment -> (date line's day, offset of its first heading)
    pending = None
    for it in items:
        if it.kind == "date":
            pending = it.day
        elif it.kind == "heading" and pending is not None:
            anchors.setdefault(segment[it.no], (pending, offsets[it.no]))
            pending = None
    days: dict[int, dt.date] = {}
    for no, off in offsets.items():
        if segment[no] in anchors:
            base, base_off = anchors[segment[no]]
            days[no] = base + dt.timedelta(days=off - base_off)
    if anchors:
        if known_date is not None and days and min(days.values()) != known_date[0]:
            warnings.append(warning(path, None, f"the {known_date[1]} gives {known_date[0]:%Y-%m-%d}, but by the "
                                    f"date lines the oldest entry is on {min(days.values()):%Y-%m-%d}",
                                    "the date lines are used; correct the date if it should be the same"))
        return days
    if known_date is None:
        errors.append(error(path, 1, "this blog has no date",
                            "add 'date: YYYY-MM-DD' (the day of the oldest entry) in front matter, "
                            "or start the file name with it: 2022-11-10-ukraine-kherson.txt"))
        return {}
    low = min(offsets.values())
    return {no: known_date[0] + dt.timedelta(days=off - low) for no, off in offsets.items()}
