"""The fast path of markup.render_inline returns text unchanged: prove that Python-Markdown
(the slow path, with the same safe-inline extension) renders exactly the same for that text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from site_gen.render import markup

# Characters that matter to Markdown, weighted in, plus any text at all.
MARKDOWNISH = st.text(alphabet=st.sampled_from(list("[]()<>&!*_`\\#:-+=.1 \t\n\"'’–€$aZ/")), max_size=40)
ANY_TEXT = st.text(max_size=60)
SAMPLE_LIKE = st.lists(st.sampled_from([
    "Ukraine's defence minister", "[...]", "[Russia's announcement]", "(it will take)", "said:",
    "$400 million", "“quoted”", "–", "1.", "#", ">", "-", " ", "[the]", "(GMT+1)", "[a] [b]",
    "[x]:", "](", "] (", "][", "] [", "10:30", "https://example.org", "AT&T", "<b>", "*", "_",
]), max_size=12).map("".join)


def _check(text: str) -> None:
    if markup._plain(text):
        assert markup.render_inline(text) == markup._render_markdown(text) == text


@settings(max_examples=2000, deadline=None)
@given(st.one_of(MARKDOWNISH, ANY_TEXT, SAMPLE_LIKE))
@example("People in [...] occupied areas")
@example("about [Russia's announcement on Wednesday] that it is withdrawing")
@example("[note] see [this] too")
@example("1. Not a list")
@example("# Not a heading")
@example("> not a quote")
@example("--- not a rule")
def test_fast_path_renders_what_python_markdown_renders(text):
    _check(text)


def test_fast_path_is_taken_for_the_sample_text(sample_text):
    plain = [line for line in sample_text.splitlines() if line.strip() and markup._plain(line.strip())]
    assert len(plain) >= 60  # nearly every paragraph of the real sample skips Python-Markdown
    assert markup._plain("in [...] occupied areas") and markup._plain("[Russia's announcement]")


def test_slow_path_still_handles_syntax():
    assert markup.render_inline("a [link](https://x.org) & *b*") == \
        'a <a href="https://x.org">link</a> &amp; <em>b</em>'
    assert markup.render_inline("[x](javascript:alert(1))") == "x"
    assert not markup._plain("[a] (b)") and not markup._plain("[a]: b") and not markup._plain("[a][b]")
