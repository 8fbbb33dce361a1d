"""Each blog's page in its language, the site's pages in the site's (issue 20): <html lang dir>,
CLDR dates and times, translated labels, right-to-left layout, feeds that say their language.

One small site with blogs in German, Italian, French (detected, no front matter), Arabic and
Hebrew is built through the real CLI; the browser tests look at it at 390 px as a phone shows it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from browser_support import ARTIFACTS, AXE_JS, SiteServer, require
from conftest import nu_check, run_cli, write_site

SITE_TOML = ('title = "Storm archive"\nbase_url = "https://archive.example.org/"\n'
             'language = "en"\ntimezone = "Europe/Paris"\n')
DUMPS = {
    "content/2017-08-31-unwetter.txt": """\
---
title: Unwetter im Norden
language: de
timezone: Europe/Berlin
---
Heftige Gewitter ziehen über den Norden des Landes. Wir berichten live.
21:40: Feuerwehr meldet Hunderte Einsätze
Vor allem umgestürzte Bäume und vollgelaufene Keller beschäftigen die Einsatzkräfte.
>> Hintergrund: Warum die Sommergewitter heftiger werden
20:15: Bahn stellt den Fernverkehr ein
Zwischen Hamburg und Hannover fahren vorerst keine Züge mehr, teilte das Unternehmen mit.
""",
    "content/2022-12-12-maltempo.txt": """\
---
title: Maltempo al Nord, la diretta
language: it
timezone: Europe/Rome
---
Allerta rossa in tre regioni: seguite con noi gli aggiornamenti.
21:40 - Esondato un torrente nel Bresciano
I vigili del fuoco hanno evacuato alcune case vicino all'argine.
20:15 - Scuole chiuse domani in tre province
Lo hanno deciso i sindaci dopo l'allerta diffusa dalla protezione civile.
""",
    "content/2022-12-13-tempete.txt": """\
Suivez en direct le passage de la tempête sur la côte atlantique, où les vents ont dépassé les 150 km/h.
21h40 : Plus de cinquante mille foyers privés d'électricité
Les équipes de réparation interviendront dès que le vent sera retombé, selon le gestionnaire du réseau.
20h15 : Les trains régionaux restent à quai jusqu'à demain matin
La circulation ne reprendra qu'après l'inspection des voies par les agents, a précisé la compagnie.
""",
    "content/2022-12-14-asifa.txt": """\
---
title: العاصفة على الساحل لحظة بلحظة
language: ar
timezone: Africa/Cairo
---
تغطية مباشرة لآثار العاصفة التي ضربت الساحل الليلة الماضية.
21:40: فرق الإنقاذ تواصل البحث في الأحياء المنخفضة
قال الدفاع المدني إن عشرات العائلات نُقلت إلى المدارس القريبة، وإن المياه بدأت تنحسر في بعض الشوارع.
>> خريطة الأحياء المتضررة
20:15: انقطاع الكهرباء عن أجزاء واسعة من المدينة
أعلنت شركة الكهرباء أن فرقها تعمل على إصلاح الأعطال، وطلبت من السكان الابتعاد عن الأسلاك المتضررة.
""",
    "content/2022-12-15-sufa.txt": """\
---
title: "הסערה בחוף: עדכונים שוטפים"
language: he
timezone: Asia/Jerusalem
---
סיקור חי של הסערה שפקדה את מישור החוף.
21:40: צוותי החילוץ ממשיכים לסרוק את השכונות הנמוכות
לדברי כוחות ההצלה, עשרות משפחות פונו לבתי ספר סמוכים והמים מתחילים לרדת.
20:15: הפסקות חשמל בחלקים נרחבים של העיר
חברת החשמל הודיעה כי הצוותים פועלים לתיקון התקלות וביקשה מהתושבים להתרחק מכבלים שנפלו.
""",
}
PAGES = {"de": "blogs/2017-08-31-unwetter.html", "it": "blogs/2022-12-12-maltempo.html",
         "fr": "blogs/2022-12-13-tempete.html", "ar": "blogs/2022-12-14-asifa.html",
         "he": "blogs/2022-12-15-sufa.html"}
ENGLISH_LABELS = ("Timeline", "Newest first", "Oldest first", "Follow this blog", "Skip to content", "Topics:",
                  "Order of entries", "Related:", "Live coverage from", "All times are", "entries")


@pytest.fixture(scope="module")
def storm_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("languages")
    write_site(root, {"site.toml": SITE_TOML, **DUMPS})
    result = run_cli("build", "--no-search", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "build"


def read(build: Path, rel: str) -> str:
    return (build / rel).read_text(encoding="utf-8")


def test_each_blog_page_has_its_language_and_direction(storm_build):
    for code, page in PAGES.items():
        direction = "rtl" if code in ("ar", "he") else "ltr"
        assert f'<html lang="{code}" dir="{direction}">' in read(storm_build, page), code
    for page in ("index.html", "topics/index.html", "404.html"):
        assert '<html lang="en" dir="ltr">' in read(storm_build, page), page


def test_dates_and_times_follow_cldr(storm_build):
    german, italian, french = (read(storm_build, PAGES[c]) for c in ("de", "it", "fr"))
    assert '<h2 class="day-heading" id="day-2017-08-31"><time datetime="2017-08-31">Donnerstag, 31. August 2017</time></h2>' in german
    assert "Liveberichterstattung vom <time datetime=\"2017-08-31T20:15:00+02:00\">31. August 2017</time>" in german
    assert "Alle Zeitangaben in der Ortszeit von Berlin (Europe/Berlin, UTC+02:00)." in german
    assert ">lunedì 12 dicembre 2022</time>" in italian and "Diretta del" in italian
    assert ">mardi 13 décembre 2022</time>" in french
    assert re.search(r'datetime="2022-12-13T21:40:00\+01:00" id="t-[^"]+">21:40</time>', french)
    arabic = read(storm_build, PAGES["ar"])
    assert ">الأربعاء، 14 ديسمبر 2022</time>" in arabic
    assert "جميع الأوقات بتوقيت القاهرة (Africa/Cairo، UTC+02:00)." in arabic


def test_labels_are_translated(storm_build):
    german = read(storm_build, PAGES["de"])
    for label in ("Zeitleiste", "Neueste zuerst", "Älteste zuerst", "Diesem Blog folgen:", "Zum Inhalt springen",
                  '<span class="related-label">Mehr dazu:</span>', "2 Einträge"):
        assert label in german, label
    arabic = read(storm_build, PAGES["ar"])
    assert "الخط الزمني" in arabic and "تدوينتان" in arabic  # Arabic's dual: "two entries"
    assert "נושאים:" in read(storm_build, PAGES["he"]) or "ציר זמן" in read(storm_build, PAGES["he"])
    for code, page in PAGES.items():
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", read(storm_build, page), flags=re.S))
        left = [label for label in ENGLISH_LABELS if label in text]
        assert left == [], f"{code}: English labels on the page: {left}"


def test_the_scripts_words_come_in_the_page_language(storm_build):
    arabic = read(storm_build, PAGES["ar"])
    block = re.search(r'<script type="application/json" id="site-gen-text">(.*?)</script>', arabic).group(1)
    assert '"copy": "\\u0646\\u0633\\u062e \\u0627\\u0644\\u0631\\u0627\\u0628\\u0637"' in block  # "نسخ الرابط"
    assert "{time}" in block


def test_text_in_another_language_is_marked_with_its_own(storm_build):
    home = read(storm_build, "index.html")
    assert '<h3 lang="de"><a href="blogs/2017-08-31-unwetter.html">Unwetter im Norden</a></h3>' in home
    assert '<h3 lang="ar"><a href="blogs/2022-12-14-asifa.html">' in home
    assert ">31 August 2017</time>" in home  # the home page is in the site's language
    italian = read(storm_build, PAGES["it"])
    assert '<span class="pager-title" lang="fr">Tempete</span> <span class="pager-date">13 dicembre 2022</span>' in italian


def test_each_blogs_feeds_carry_its_language(storm_build):
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for code, page in PAGES.items():
        slug = Path(page).stem
        assert ET.fromstring(read(storm_build, f"feeds/{slug}.atom")).get(xml_lang) == code
        assert ET.fromstring(read(storm_build, f"feeds/{slug}.rss")).find("channel").findtext("language") == code
        assert f'"language": "{code}"' in read(storm_build, f"feeds/{slug}.json")
    assert ET.fromstring(read(storm_build, "feed.atom")).get(xml_lang) == "en"


def test_localized_pages_pass_the_nu_checker(storm_build):
    result = nu_check(storm_build)
    assert result.returncode == 0, result.stdout + result.stderr


# --- in a browser, at 390 px ------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def storm_url(storm_build):
    with SiteServer(storm_build) as server:
        yield server.url


@pytest.fixture()
def phone_page(open_page):
    return lambda url: open_page(url, viewport=PHONE)


@pytest.mark.parametrize("code", ["ar", "he", "fr", "de"])
def test_phone_screenshots_and_layout(storm_url, phone_page, code):
    """Saved in test-artifacts/ for a person to look at.  Right-to-left pages read from the right:
    the headline starts at the right edge, the timeline's rule and the related line's bar are on
    the right, the pager's older blog is on the right."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = phone_page(storm_url + PAGES[code])
    page.screenshot(path=str(ARTIFACTS / f"language-{code}-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
    assert page.js_errors == []
    rtl = code in ("ar", "he")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == ("rtl" if rtl else "ltr")
    heading = page.eval_on_selector("h1", "h => { const r = document.createRange(); r.selectNodeContents(h); "
                                          "const b = r.getBoundingClientRect(); return [b.left, b.right]; }")
    if rtl:
        assert heading[1] > PHONE["width"] - 40, heading  # text starts at the right margin
    else:
        assert heading[0] < 40, heading
    page.click(".timeline summary")  # folded on phones: open it to measure its links
    rule = page.eval_on_selector(".timeline-day li a", "a => [getComputedStyle(a).borderLeftWidth, "
                                                       "getComputedStyle(a).borderRightWidth]")
    assert rule == (["0px", "2px"] if rtl else ["2px", "0px"]), rule
    copy = page.inner_text("button.copy-link")
    assert copy == {"ar": "نسخ الرابط", "he": "העתקת קישור", "fr": "Copier le lien", "de": "Link kopieren"}[code]


def test_rtl_pages_have_no_serious_axe_violations(storm_url, phone_page):
    require(AXE_JS.exists(), f"axe-core is missing at {AXE_JS} (npm install --prefix .cache/axe axe-core)")
    problems = {}
    for code in ("ar", "he", "fr"):
        page = phone_page(storm_url + PAGES[code])
        page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
                   if v["impact"] in ("serious", "critical")]
        if serious:
            problems[code] = serious
    assert problems == {}


def test_search_speaks_the_sites_language(tmp_path, phone_page):
    """A French site: the search page's words, and the count's plural form chosen in the browser."""
    write_site(tmp_path, {"site.toml": SITE_TOML.replace('language = "en"', 'language = "fr"'),
                          "content/2022-12-13-tempete.txt": DUMPS["content/2022-12-13-tempete.txt"]})
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with SiteServer(tmp_path / "build") as server:
        page = phone_page(server.url + "search.html?q=électricité")
        page.wait_for_selector(".search-results li a")
        assert page.inner_text(".search-status") == "1 entrée trouvée pour «\u00a0électricité\u00a0»."
        assert page.inner_text(".search-results .result-time") == "21:40"
        assert page.inner_text("h1") == "Rechercher"
        page.screenshot(path=str(ARTIFACTS / "language-fr-search-390.png"))
        page = phone_page(server.url + "search.html?q=les")
        page.wait_for_selector(".search-results li a")
        assert page.inner_text(".search-status") == "2 entrées trouvées pour «\u00a0les\u00a0»."
        assert page.js_errors == []
