"""The example site in headless Chromium (Playwright driving Debian's /usr/bin/chromium).

The site is built once through the real CLI (search included), served on
127.0.0.1 by a test HTTP server thread, and read as a person would: timeline,
order switch, arriving on an anchor, copy link, search, accessibility (axe-core)
in light and dark, and screenshots for a human to look at in test-artifacts/.
"""

from __future__ import annotations

import json
import re

import pytest

from browser_support import ARTIFACTS, AXE_JS, DESKTOP, SiteServer, require

BLOG = "blogs/2022-11-10-ukraine-kherson.html"
STARLINK = "20221110-2056-ukraine-will-seek-help"  # the 8:56pm entry
FIRST_AS_READ = "20221111-0128-us-to-buy-south-korean"  # the dump is newest first
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="module")
def site_url(example_build):
    assert (example_build / "pagefind" / "pagefind.js").exists(), "site-gen build should index the site"
    with SiteServer(example_build) as server:
        yield server.url


def by_id(anchor: str) -> str:
    """CSS for an element by id: anchors start with a digit, which '#id' selectors cannot."""
    return f'[id="{anchor}"]'


def article_ids(page) -> list[str]:
    return page.eval_on_selector_all(".entries article.entry", "els => els.map(e => e.id)")


def timeline_hrefs(page) -> list[str]:
    return page.eval_on_selector_all(".timeline-day li a", "els => els.map(a => a.getAttribute('href'))")


def in_viewport(page, selector) -> bool:
    return page.eval_on_selector(selector, """el => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight;
    }""")


def is_highlighted(page, anchor) -> bool:
    """The entry is the :target and painted differently from an ordinary entry."""
    return page.evaluate("""id => {
        const el = document.getElementById(id);
        const other = [...document.querySelectorAll('article.entry')].find(e => e.id !== id);
        return el.matches(':target')
            && getComputedStyle(el).backgroundColor !== getComputedStyle(other).backgroundColor;
    }""", anchor)


def test_timeline_link_scrolls_to_and_highlights_the_entry(site_url, open_page):
    page = open_page(site_url + BLOG)
    assert page.get_attribute(".timeline-details", "open") is not None, "the timeline is open on a desktop"
    assert not in_viewport(page, by_id(STARLINK))
    page.click(f'.timeline a[href="#{STARLINK}"]')
    page.wait_for_function(f"location.hash === '#{STARLINK}'")
    page.wait_for_function(f"document.getElementById('{STARLINK}').getBoundingClientRect().top < innerHeight / 2")
    assert in_viewport(page, by_id(STARLINK))
    assert is_highlighted(page, STARLINK)
    assert page.get_attribute(f'.timeline a[href="#{STARLINK}"]', "aria-current") == "location"
    assert page.inner_text(by_id(STARLINK) + " .entry-heading").startswith("8:56 pm Ukraine will seek help")
    assert page.js_errors == []


def test_timeline_is_folded_on_a_phone_and_opens(site_url, open_page):
    page = open_page(site_url + BLOG, viewport=PHONE)
    assert page.get_attribute(".timeline-details", "open") is None
    assert not page.is_visible(f'.timeline a[href="#{STARLINK}"]')
    page.click(".timeline summary")
    page.click(f'.timeline a[href="#{STARLINK}"]')
    page.wait_for_function(f"location.hash === '#{STARLINK}'")
    assert is_highlighted(page, STARLINK)


def test_arriving_on_an_anchor_highlights_that_entry(site_url, open_page):
    page = open_page(f"{site_url}{BLOG}#{STARLINK}", viewport=PHONE)
    assert in_viewport(page, by_id(STARLINK))
    assert is_highlighted(page, STARLINK)


def test_order_switch_reverses_the_entries_and_is_remembered(site_url, open_page):
    page = open_page(site_url + BLOG)
    newest_first = article_ids(page)
    timeline = timeline_hrefs(page)
    assert len(newest_first) == 18 and newest_first[0] == FIRST_AS_READ
    assert page.get_attribute('.order-control button[data-order="newest"]', "aria-pressed") == "true"

    page.click('.order-control button[data-order="oldest"]')
    assert article_ids(page) == newest_first[::-1]
    assert timeline_hrefs(page) == timeline[::-1]
    assert page.get_attribute('.order-control button[data-order="oldest"]', "aria-pressed") == "true"
    days = page.eval_on_selector_all(".entries .day-heading", "els => els.map(e => e.textContent)")
    assert days == ["Thursday, 10 November 2022", "Friday, 11 November 2022"]

    page.reload()
    assert article_ids(page) == newest_first[::-1], "the choice is remembered (localStorage)"
    page.click('.order-control button[data-order="newest"]')
    assert article_ids(page) == newest_first
    page.reload()
    assert article_ids(page) == newest_first


def test_copy_link_puts_the_entry_permalink_on_the_clipboard(site_url, open_page):
    page = open_page(site_url + BLOG, permissions=["clipboard-read", "clipboard-write"])
    button = page.locator(by_id(STARLINK) + " button.copy-link")
    assert button.get_attribute("aria-label") == "Copy link to the 8:56 pm entry"
    button.click()
    page.wait_for_selector(by_id(STARLINK) + " .copy-status:has-text('Link copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"https://archive.example.org/{BLOG}#{STARLINK}"


def test_reading_needs_no_javascript(site_url, open_page):
    page = open_page(site_url + BLOG, java_script_enabled=False, viewport=PHONE)
    assert len(article_ids(page)) == 18
    assert page.get_attribute(".timeline-details", "open") is not None
    assert not page.is_visible(".order-control")
    assert page.locator("button.copy-link").count() == 0
    assert "Starlink" in page.inner_text(by_id(STARLINK))


def test_search_finds_the_starlink_entry_and_lands_on_its_anchor(site_url, open_page):
    page = open_page(site_url + BLOG)
    page.fill("#site-search-q", "Starlink")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=Starlink"))
    page.wait_for_selector(".search-results li a")
    links = page.eval_on_selector_all(".search-results li a", "els => els.map(a => [a.textContent, a.href])")
    assert len(links) == 1, links  # only that entry mentions Starlink
    text, href = links[0]
    assert text.startswith("8:56 pm Ukraine will seek help from allies to finance Starlink")
    assert href == f"{site_url}{BLOG}#{STARLINK}"
    assert "entry found" in page.inner_text(".search-status")
    assert page.locator(".search-results mark", has_text="Starlink").count() >= 1

    page.click(".search-results li a")
    page.wait_for_url(f"**/{BLOG}#{STARLINK}")
    assert in_viewport(page, by_id(STARLINK))
    assert is_highlighted(page, STARLINK)
    assert page.js_errors == []


def test_search_gives_one_result_per_entry(site_url, open_page):
    page = open_page(site_url + "search.html?q=Reznikov")
    page.wait_for_selector(".search-results li a")
    hrefs = page.eval_on_selector_all(".search-results li a", "els => els.map(a => a.hash)")
    # Reznikov is named in four entries of the sample (8:17pm, 8:34pm, 8:46pm, 8:56pm).
    assert sorted(hrefs) == sorted(["#20221110-2017-russian-withdrawal-from-kherson",
                                    "#20221110-2034-ukraine-defence-chief-plays-down",
                                    "#20221110-2046-russia-became-more-brutal-disciplined",
                                    f"#{STARLINK}"])


def _axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violations(site_url, open_page, scheme):
    require(AXE_JS.exists(), f"axe-core is missing at {AXE_JS} (npm install --prefix .cache/axe axe-core)")
    problems = {}
    pages = {
        "blog": BLOG,
        "blog targeted": f"{BLOG}#{STARLINK}",
        "home": "index.html",
        "search results": "search.html?q=Kherson",
        "not found": "no/such/page.html",
    }
    for name, path in pages.items():
        for viewport in (PHONE, DESKTOP):
            page = open_page(site_url + path, viewport=viewport, color_scheme=scheme)
            if "search" in path:
                page.wait_for_selector(".search-results li")
            assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
            violations = _axe_violations(page)
            if violations:
                problems[f"{name} at {viewport['width']}px"] = violations
    assert problems == {}, json.dumps(problems, indent=1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_for_people_to_look_at(site_url, open_page, scheme):
    """Phone (375 px) and desktop (1280 px) in both themes, saved in test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = open_page(site_url + BLOG, viewport=viewport, color_scheme=scheme)
        page.screenshot(path=str(ARTIFACTS / f"blog-{label}-{scheme}.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "no sideways scrolling"
        page = open_page(f"{site_url}{BLOG}#{STARLINK}", viewport=viewport, color_scheme=scheme)
        page.screenshot(path=str(ARTIFACTS / f"blog-target-{label}-{scheme}.png"))
        page = open_page(site_url + "index.html", viewport=viewport, color_scheme=scheme)
        page.screenshot(path=str(ARTIFACTS / f"home-{label}-{scheme}.png"))
        page = open_page(site_url + "search.html?q=Starlink", viewport=viewport, color_scheme=scheme)
        page.wait_for_selector(".search-results li")
        page.screenshot(path=str(ARTIFACTS / f"search-{label}-{scheme}.png"))
    for label in ("phone", "desktop"):
        assert (ARTIFACTS / f"blog-{label}-{scheme}.png").stat().st_size > 10_000


def test_narrowest_phone_has_no_sideways_scrolling(site_url, open_page):
    for path in (BLOG, "index.html", "search.html", "no/such/page.html"):
        page = open_page(site_url + path, viewport={"width": 320, "height": 640})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_print_hides_navigation_and_keeps_every_entry(site_url, open_page):
    page = open_page(site_url + BLOG)
    page.emulate_media(media="print")
    assert not page.is_visible(".timeline")
    assert not page.is_visible(".order-control")
    assert not page.is_visible("button.copy-link")
    assert len([i for i in article_ids(page) if page.is_visible(by_id(i))]) == 18


def test_cite_opens_from_the_keyboard_and_reads_well_on_a_phone(site_url, open_page):
    """The Cite control of the 8:56pm entry: Tab to it, Enter opens it; no serious axe violation
    with it open; a 390 px screenshot in test-artifacts/ for a person to look at."""
    page = open_page(f"{site_url}{BLOG}#{STARLINK}", viewport={"width": 390, "height": 844})
    summary = f'{by_id(STARLINK)} details.cite summary'
    assert not page.is_visible(f"{by_id(STARLINK)} .citation")
    page.focus(summary)
    page.keyboard.press("Enter")
    assert page.eval_on_selector(f"{by_id(STARLINK)} details.cite", "d => d.open")
    citation = page.inner_text(f"{by_id(STARLINK)} .citation")
    assert citation.startswith("FRANCE 24 with AFP, AP and Reuters. (2022, November 10). Ukraine will seek help")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    described = page.eval_on_selector(summary, "s => document.getElementById(s.getAttribute('aria-describedby'))"
                                               ".textContent")
    assert "Starlink" in described
    ARTIFACTS.mkdir(exist_ok=True)
    page.eval_on_selector(f"{by_id(STARLINK)} details.cite", "d => d.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(ARTIFACTS / "cite-phone-390.png"))
    if AXE_JS.exists():
        assert _axe_violations(page) == []
    assert page.js_errors == []
