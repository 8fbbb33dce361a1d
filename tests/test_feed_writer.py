"""The feed serializer (feed_formats) writes what ElementTree and json.dumps wrote, byte for byte,
and feeds._entry_html writes what the shipped templates/feeds/entry.html renders."""

from __future__ import annotations

import json
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.render import feed_formats as ff
from site_gen.render import feeds, views
from site_gen.config import Config
from site_gen.render.localize import language_for
from site_gen.model import Block, Entry, Site
from site_gen.render.environment import environment

HOSTILE = ["", " ", "a", "<", ">", "&", '"', "'", "]]>", "&amp;", "\t", "\n", "\r", "\r\n", "<b>x</b>",
           "é ✓ 😀", "\x85", "\u2028", "  lead and trail  "]
texts = st.one_of(st.sampled_from(HOSTILE), st.text(alphabet=st.sampled_from(list("ab <>&\"'\t\r\n]é")), max_size=12),
                  st.text(max_size=8))


def _by_elementtree(root_attrs: dict, leaves: list[tuple[str, str, dict]]) -> str:
    root = Element("feed", root_attrs)
    group = SubElement(root, "entry")
    for tag, text, attrs in leaves:
        node = SubElement(group, tag, attrs)
        node.text = text
        node = SubElement(root, tag, attrs)
        node.text = text
    indent(root, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def _by_writer(root_attrs: dict, leaves: list[tuple[str, str, dict]]) -> str:
    lines = [ff._open("feed", root_attrs), ff._open("entry", None, 1)]
    lines += [ff._leaf(2, tag, text, attrs) for tag, text, attrs in leaves]
    lines.append(" </entry>")
    lines += [ff._leaf(1, tag, text, attrs) for tag, text, attrs in leaves]
    lines.append("</feed>")
    return ff._xml(lines)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["id", "dc:creator", "link"]), texts,
                          st.dictionaries(st.sampled_from(["href", "xml:lang", "type"]), texts, max_size=3)),
                min_size=1, max_size=5),
       st.dictionaries(st.sampled_from(["xmlns", "xml:lang", "xmlns:fh"]), texts, max_size=3))
def test_xml_writer_matches_elementtree(leaves, root_attrs):
    assert _by_writer(root_attrs, leaves) == _by_elementtree(root_attrs, leaves)


def test_xml_writer_escapes_hostile_text_as_elementtree_did():
    line = ff._leaf(1, "title", 'a < b & c ]]> "q"', {"term": 'x"y<z>&\t\n\r'})
    assert line == ' <title term="x&quot;y&lt;z&gt;&amp;&#09;&#10;&#13;">a &lt; b &amp; c ]]&gt; "q"</title>'
    assert ff._leaf(2, "content", "", {"type": "html"}) == '  <content type="html" />'


json_values = st.recursive(st.one_of(texts, st.just(True)),
                           lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                   st.dictionaries(texts, inner, max_size=3)), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_json_writer_matches_json_dumps(value):
    assert ff.json_text(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_entry_html_is_the_shipped_template_output():
    blocks = (Block("Plain words.", 3), Block("A [link](/blogs/x.html#e) & *em* <b> ]]>", 4),
              Block("A related story", 5, "related"), Block("  spaced  ", 6))
    env = environment()
    template = env.get_template("feeds/entry.html")
    base = "https://archive.example.org/blogs/x.html"
    for tag in ("en", "fr", "ar"):  # the related line's label is in the blog's language
        lang = language_for(env, tag)
        for chosen in (blocks, blocks[:1], blocks[2:3], ()):
            entry = Entry.__new__(Entry)
            object.__setattr__(entry, "blocks", chosen)
            expected = template.render(blocks=views.blocks_view(chosen, base=base), **lang.context).strip()
            assert feeds._entry_html(entry, base, lang) == expected
    entry = Entry.__new__(Entry)
    object.__setattr__(entry, "blocks", blocks)
    html = feeds._entry_html(entry, base, language_for(env, "en"))
    assert '<a href="https://archive.example.org/blogs/x.html#e">link</a> &amp; <em>em</em> &lt;b&gt; ]]&gt;' in html
    assert '<p class="related"><span class="related-label">Related:</span> <cite>A related story</cite></p>' in html
    french = feeds._entry_html(entry, base, language_for(env, "fr"))
    assert '<p class="related"><span class="related-label">À lire aussi\u00a0:</span> <cite>A related story</cite></p>' in french


def test_a_site_entry_template_is_still_rendered(tmp_path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "entry.html").write_text("{% for b in blocks %}<div>{{ b.html }}</div>{% endfor %}")
    site = Site(config=Config(base_url="https://archive.example.org/"), blogs=())
    items = feeds._Items(site, environment(tmp_path), None, blogs=())
    assert not items.shipped
    assert feeds._Items(site, environment(), None, blogs=()).shipped


def test_a_site_override_of_entry_body_changes_page_and_feeds_alike(tmp_path):
    from conftest import run_cli, write_site

    write_site(tmp_path, {
        "site.toml": 'title = "T"\ntimezone = "UTC"\nbase_url = "https://example.org/"\n',
        "content/2022-01-01-a.txt": "---\ntitle: A\n---\n9:00am: First\nSome text.\n",
        "templates/entry_body.html": '{% for block in blocks %}<p class="mine">{{ block.html }}</p>\n{% endfor %}',
    })
    assert run_cli("build", "--no-search", cwd=tmp_path).returncode == 0
    page = (tmp_path / "build/blogs/2022-01-01-a.html").read_text(encoding="utf-8")
    feed = (tmp_path / "build/feeds/2022-01-01-a.atom").read_text(encoding="utf-8")  # the full text's feed
    assert '<p class="mine">Some text.</p>' in page
    assert '&lt;p class="mine"&gt;Some text.&lt;/p&gt;' in feed
