"""Anchors come from an entry's own date, time and headline, never from its position."""

from conftest import SAMPLE
from site_gen.read.parse import parse

NAME = "content/2022-11-10-ukraine-kherson.txt"


def anchors_by_line_text(text):
    blog = parse(text, NAME)
    lines = text.splitlines()
    return {lines[e.line - 1]: e.anchor for e in blog.entries}


def test_anchor_shape():
    blog = parse(SAMPLE.read_text(encoding="utf-8"), NAME)
    by_time = {e.time_text: e.anchor for e in blog.entries}
    assert by_time["8:17pm"] == "20221110-2017-russian-withdrawal-from-kherson"
    assert by_time["1:28am"] == "20221111-0128-us-to-buy-south-korean"
    assert by_time["9:15am"] == "20221110-0915-russia-likely-committed-crimes-against"
    for anchor in by_time.values():
        assert anchor == anchor.lower() and anchor.isascii() and len(anchor) <= 60
        assert all(c.isalnum() or c == "-" for c in anchor)
    assert len(set(by_time.values())) == 18


def test_adding_removing_and_editing_entries_keeps_other_anchors():
    original = SAMPLE.read_text(encoding="utf-8")
    before = anchors_by_line_text(original)
    lines = original.splitlines()
    # add a new entry at the top (newest first), remove the 5:35pm entry, edit the 8:04pm headline
    i_535 = lines.index(next(l for l in lines if l.startswith("5:35pm:")))
    i_523 = lines.index(next(l for l in lines if l.startswith("5:23pm:")))
    del lines[i_535:i_523]
    i_804 = lines.index(next(l for l in lines if l.startswith("8:04pm:")))
    edited = "8:04pm: Pentagon details new package"
    lines[i_804] = edited
    lines.insert(2, "2:05am: A new entry on top")
    lines.insert(3, "Its paragraph.")
    after = anchors_by_line_text("\n".join(lines) + "\n")
    assert after.pop("2:05am: A new entry on top") == "20221111-0205-a-new-entry-on-top"
    assert after.pop(edited) == "20221110-2004-pentagon-details-new-package"
    removed = [k for k in before if k.startswith("5:35pm:")]
    assert len(removed) == 1
    for heading, anchor in after.items():
        assert before[heading] == anchor, heading
    assert len(after) == 16


def test_clashing_anchors_get_deterministic_suffixes():
    text = "9:00am: Same words\nA.\n9:00am: Same words\nB.\n9:00am: Same words\nC.\n"
    blog = parse(text, "content/2022-01-01-x.txt", default_timezone="UTC")
    assert [e.anchor for e in sorted(blog.entries, key=lambda e: e.line)] == [
        "20220101-0900-same-words", "20220101-0900-same-words-2", "20220101-0900-same-words-3"]
