"""Every entry citable: CSL-JSON, BibTeX, COinS and the APA citation of one entry (render/data/)."""

from __future__ import annotations

import html.parser
import json
from pathlib import Path

import jsonschema
import pytest

from conftest import SAMPLE
from site_gen.build.site import load_site, load_topics
from site_gen.config import Config
from site_gen.read.parse import parse
from site_gen.render.data import cite
from site_gen.render.data.formatted import Citations
from zotero_coins import parse_context_object

CSL_SCHEMA = json.loads((Path(__file__).parent / "csl-data.schema.json").read_text(encoding="utf-8"))
HOSTILE = 'He said "no" & <b>{Kherson}</b> 100% #1 $5 a_b ~ ^ \\ Kyïv'
SETTINGS = Config(title="Test archive", base_url="https://archive.example.org/", author="Test desk")


def site_of(text: str, name: str = "content/2023-03-01-test.txt", config: Config = SETTINGS):
    from site_gen.model import Site

    return Site(config=config, blogs=(parse(text, name),))


HOSTILE_SITE = site_of(f"---\ntitle: '{HOSTILE} & co'\nauthor: 'Le Monde & {{AFP}}'\ntimezone: Europe/Kyiv\n---\n"
                       f"Thursday 2 March 2023\n9:05pm: {HOSTILE}\nOdesa was quiet.\n")


@pytest.fixture(scope="module")
def sample():
    site, _ = load_site(SAMPLE.parent, Config(title="Live blog archive", base_url="https://archive.example.org/",
                                              timezone="Europe/Paris"))
    site = load_topics(site, None)
    blog = site.blogs[0]
    return site, blog, next(e for e in blog.entries if e.time_text == "8:56pm")


# ---- CSL-JSON -----------------------------------------------------------------------------------

def test_csl_item_of_an_entry(sample):
    site, blog, entry = sample
    item = cite.csl_item(site, blog, entry, {t.slug: t.name for t in site.topics})
    jsonschema.validate([item], CSL_SCHEMA)
    assert item == {
        "id": f"{blog.slug}:{entry.anchor}", "type": "post-weblog", "title": entry.headline,
        "container-title": "Ukraine Kherson", "author": [{"literal": "FRANCE 24 with AFP, AP and Reuters"}],
        "issued": {"date-parts": [[2022, 11, 10]]}, "language": "en",
        "URL": f"https://archive.example.org/blogs/{blog.slug}.html#{entry.anchor}",
        "keyword": item["keyword"]}
    assert "SpaceX" in item["keyword"].split(", ")


def test_csl_json_of_hostile_text_is_valid_and_exact():
    blog = HOSTILE_SITE.blogs[0]
    item = cite.csl_item(HOSTILE_SITE, blog, blog.entries[0])
    assert json.loads(json.dumps(item)) == item
    jsonschema.validate([item], CSL_SCHEMA)
    assert item["title"] == HOSTILE and item["author"] == [{"literal": "Le Monde & {AFP}"}]


# ---- BibTeX -------------------------------------------------------------------------------------

def bibtex_fields(text: str) -> dict[str, str]:
    """The fields of one BibTeX entry, read as BibTeX does: a value is a {...} group, braces balanced."""
    head, body = text.split(",\n", 1)
    assert head.startswith("@misc{") and text.endswith("\n}\n")
    fields, i = {}, 0
    while True:
        eq = body.find(" = {", i)
        if eq < 0:
            return fields
        name = body[i:eq].strip()
        depth, j = 0, eq + 3
        while True:  # to the brace that closes the value (an escaped \{ or \} does not count)
            c = body[j]
            if c == "\\":
                j += 2
                continue
            depth += {"{": 1, "}": -1}.get(c, 0)
            j += 1
            if depth == 0:
                break
        fields[name] = body[eq + 4:j - 1]
        i = j + 2  # past ",\n"


def test_bibtex_escapes_what_latex_would_read_as_commands():
    blog = HOSTILE_SITE.blogs[0]
    text = cite.bibtex(HOSTILE_SITE, blog, blog.entries[0])
    fields = bibtex_fields(text)
    assert fields["title"] == ("{He said {''}no{''} {\\&} {\\ensuremath{<}}b{\\ensuremath{>}}{\\{}Kherson{\\}}"
                               "{\\ensuremath{<}}/b{\\ensuremath{>}} 100{\\%} {\\#}1 {\\$}5 a{\\_}b "
                               "{\\textasciitilde} {\\textasciicircum} {\\textbackslash} Ky{\\\"\\i}v}")
    assert fields["author"] == "{Le Monde {\\&} {\\{}AFP{\\}}}"
    assert fields["url"] == f"https://archive.example.org/blogs/{blog.slug}.html#{blog.entries[0].anchor}"
    assert fields["date"] == "2023-03-02" and fields["year"] == "2023" and fields["month"] == "3"
    assert "urldate" not in fields  # nothing from the build's clock
    for value in fields.values():
        unescaped = value.replace("\\{", "").replace("\\}", "")
        assert unescaped.count("{") == unescaped.count("}")
        assert "%" not in value.replace("\\%", "") or value.startswith("http")


def test_bibtex_keeps_other_scripts_as_utf8():
    assert cite.latex("Київ, Ελλάδα, 北京") == "Київ, Ελλάδα, 北京"
    assert cite.latex("Zaporizhzhia – “front”") == "Zaporizhzhia {\\textendash} {\\textquotedblleft}front{\\textquotedblright}"


# ---- COinS --------------------------------------------------------------------------------------

def test_zotero_reads_an_entrys_coins_as_a_blog_post(sample):
    site, blog, entry = sample
    item = parse_context_object(cite.coins(site, blog, entry))
    assert item["itemType"] == "blogPost"
    assert item["title"] == entry.headline and item["publicationTitle"] == "Ukraine Kherson"
    assert item["url"] == f"https://archive.example.org/blogs/{blog.slug}.html#{entry.anchor}"
    assert item["creators"] == [{"lastName": "FRANCE 24 with AFP, AP and Reuters", "isInstitution": True}]
    assert item["date"].startswith("2022-11-10T20:56:00") and item["language"] == "en"


def test_coins_of_hostile_text_round_trips():
    blog = HOSTILE_SITE.blogs[0]
    co = cite.coins(HOSTILE_SITE, blog, blog.entries[0])
    assert not set(co) & set(' "<>{}\'')  # nothing an attribute or a URL parser would trip on
    item = parse_context_object(co)
    assert item["title"] == HOSTILE and item["creators"][0]["lastName"] == "Le Monde & {AFP}"
    assert item["publicationTitle"] == f"{HOSTILE} & co"


# ---- the APA citation ---------------------------------------------------------------------------

class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags = "", []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def text_of(markup: str) -> tuple[str, list[str]]:
    parsed = _Text()
    parsed.feed(str(markup))
    return parsed.text, parsed.tags


def test_the_apa_citation_of_a_sample_entry(sample):
    site, blog, entry = sample
    citation = Citations().html(cite.csl_item(site, blog, entry))
    assert citation == ("FRANCE 24 with AFP, AP and Reuters. (2022, November 10). Ukraine will seek help from allies "
                        "to finance Starlink service if SpaceX demands payment. <i>Ukraine Kherson</i>. "
                        f"https://archive.example.org/blogs/{blog.slug}.html#{entry.anchor}")


def test_the_citation_of_hostile_text_is_escaped_html():
    blog = HOSTILE_SITE.blogs[0]
    citation = Citations().html(cite.csl_item(HOSTILE_SITE, blog, blog.entries[0]))
    text, tags = text_of(citation)
    assert tags == ["i"]  # the style's italics; none of the dump's <b>
    assert text.startswith(f"Le Monde & {{AFP}}. (2023, March 2). {HOSTILE}. He Said \"no\" & <b>{{Kherson}}</b>")
    assert text.endswith(f"Kyïv & Co. https://archive.example.org/blogs/{blog.slug}.html#{blog.entries[0].anchor}")


def item(title, blog="Russia withdraws from Kherson", author="FRANCE 24", day=(2022, 11, 10), language="en",
         url="https://archive.example.org/blogs/x.html#20221110-2056"):
    made = {"id": "a", "type": "post-weblog", "title": title, "container-title": blog,
            "author": [{"literal": author}], "issued": {"date-parts": [list(day)]}, "language": language}
    if url:
        made["URL"] = url
    return made


@pytest.mark.parametrize("made", [
    item(HOSTILE), item("Is it over?", blog="the war: day 3 & more <i>x</i>"), item("a title", day=(2022, 11, 1)),
    item("Q&A with AT&T", author="Le Monde & AFP", day=(2023, 2, 23)), item("after the U.N. vote...", day=(2024, 2, 29)),
    item("L'armée : « repli »", blog="guerre en Ukraine", language="fr", day=(2022, 11, 1)),
    item("Ein Tag", blog="krieg in der ukraine", language="de"), item("no URL", url=None),
    item("Russia said so.", blog="War.", author="A.F.P."), item("Why?", blog="War?", author="Who?"),
])
def test_a_filled_citation_shape_is_what_citeproc_renders_in_full(made):
    citations = Citations()
    assert citations.html(made) == citations.render(made)
    assert any(shape is not None for shape in citations._shapes.values())  # the shape was used, not a full render


def test_citation_shapes_are_made_once_a_month():
    citations = Citations()
    for day in range(1, 29):
        citations.html(item(f"entry {day}", day=(2022, 11, day)))
    assert len(citations._shapes) == 1
    assert citations.html(item("entry 7", day=(2022, 11, 7))).startswith("FRANCE 24. (2022, November 7). entry 7. ")
