"""model.Mentions (a topic's mentions in two int columns) behaves as the tuple of Mention it replaces."""

from __future__ import annotations

import datetime as dt
import pickle
from array import array

from site_gen.model import Mention, Mentions, entry_months
from site_gen.render.topic_pages import _by_month

PARIS = dt.timezone(dt.timedelta(hours=1))
KYIV = dt.timezone(dt.timedelta(hours=2))
UTC = dt.timezone.utc

# Sorted as mentions sort: chronologically, then blog, then anchor.  Two entries are written in
# February in their own time (Paris, Kyiv) while it is still 31 January in UTC.
TABLE = tuple(sorted([
    (dt.datetime(2022, 1, 31, 23, 30, tzinfo=UTC), "b", "late-january"),       # 1 Feb 01:30 in Kyiv
    (dt.datetime(2022, 2, 1, 0, 10, tzinfo=PARIS), "a", "early-february"),     # 31 Jan 23:10 UTC
    (dt.datetime(2022, 1, 10, 9, 0, tzinfo=PARIS), "a", "january"),
    (dt.datetime(2022, 3, 5, 12, 0, tzinfo=KYIV), "c", "march"),
]))
TABLE = tuple((p.astimezone(KYIV) if b == "b" else p, b, a) for p, b, a in TABLE)


def mentions() -> tuple[Mentions, tuple]:
    ids = array("i", range(len(TABLE)))
    written = array("i", [0, 1, 0, 1])
    texts = ("Kyiv", "Kiev")
    compact = Mentions(TABLE, ids, written, texts, entry_months(TABLE))
    plain = tuple(Mention(*TABLE[i], texts[w]) for i, w in zip(ids, written))
    return compact, plain


def test_mentions_are_the_tuple_they_replace():
    compact, plain = mentions()
    assert compact == plain and plain == compact and tuple(compact) == plain
    assert len(compact) == 4 and bool(compact) and not Mentions(TABLE, array("i"), array("i"), ())
    assert compact[0] == plain[0] and compact[-1] == plain[-1] and compact[-1].text == "Kiev"
    assert tuple(compact[1:]) == plain[1:] and tuple(compact[-2:]) == plain[-2:]
    assert pickle.loads(pickle.dumps(compact)) == plain
    assert hash(compact) == hash(plain)


def test_mentions_group_by_their_own_month_as_tuples_do():
    compact, plain = mentions()
    grouped = [(month, tuple(group)) for month, group in compact.by_month()]
    assert grouped == [(month, tuple(group)) for month, group in _by_month(plain, lambda m: m.published)]
    assert [month for month, _ in grouped] == [202201, 202202, 202203]
    # both are 1 February in their own time, though 31 January in UTC
    assert [m.anchor for m in grouped[1][1]] == ["early-february", "late-january"]
    assert compact.blogs() == {"a", "b", "c"}
