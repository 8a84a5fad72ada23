"""What a person sees: markers on the offline map, filters, the article view, the paste box."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ("قتل ثلاثة عناصر من قوات النظام السوري، يوم الأحد، في هجوم شنه مسلحون على حاجز "
           "عسكري في بلدة الصنمين بريف درعا الشمالي.")

# Page functions (a function, not a string: the page's CSP forbids eval).
COUNT_IS = "n => document.querySelector('#count').dataset.total == n"
COUNT_IS_NOT = "n => document.querySelector('#count').dataset.total != n"


def total(page) -> int:
    return int(page.get_attribute("#count", "data-total"))


def test_map_shows_markers_on_the_offline_basemap(page, api):
    located = api.get("/events.geojson").json()["features"]
    assert located
    page.locator("path.event-marker:visible").first.wait_for()
    assert page.locator("path.event-marker").count() == len(located)
    assert int(page.get_attribute("#located", "data-n")) == len(located)
    assert page.locator("path.country").count() > 150  # world-atlas countries, drawn locally
    assert total(page) == api.get("/events").json()["total"]
    assert page.locator("#timeline rect.bar").count() > 0
    assert page.locator("#events-table tbody tr").count() == min(total(page), 50)


def test_a_filter_changes_the_count(page, api):
    everything = total(page)
    by_type = api.get("/stats").json()["by_type"]
    kind = next(t for t, n in sorted(by_type.items(), key=lambda x: -x[1]) if 0 < n < everything)
    page.select_option("#f-type", kind)
    page.click("#f-apply")
    page.wait_for_function(COUNT_IS_NOT, arg=str(everything))
    assert total(page) == by_type[kind] < everything
    chips = page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()
    assert chips and set(chips) == {kind}
    markers = api.get("/events.geojson", params={"type": kind}).json()["features"]
    page.wait_for_function("n => document.querySelectorAll('path.event-marker').length == n",
                           arg=len(markers))
    page.click("#f-reset")
    page.wait_for_function(COUNT_IS, arg=str(everything))


def test_the_article_view_highlights_the_evidence(page, api):
    row = page.locator("#events-table tbody tr").first
    event = api.get(f"/events/{row.get_attribute('data-id')}").json()
    row.click()
    active = page.locator("#article-text mark.ev-active")
    active.first.wait_for()
    text = page.locator("#article-text")
    assert text.get_attribute("dir") == "rtl" and text.get_attribute("lang") == "ar"
    assert "".join(active.all_text_contents()) == event["evidence"]["text"]
    doc = api.get(f"/documents/{event['doc_id']}").json()
    assert text.text_content() == doc["text"]  # the original text, unchanged
    assert page.locator("#article-text .actor").count() > 0
    assert page.locator("#article-text .place").count() > 0
    assert page.locator("#article-events li").count() == len(doc["events"])
    direction = page.eval_on_selector("#article-text", "e => getComputedStyle(e).direction")
    assert direction == "rtl"


def test_a_marker_opens_its_article(page):
    page.locator("path.event-marker:visible").last.click(force=True)
    page.locator("#article-text mark.ev").first.wait_for()
    assert page.is_hidden("#article-empty")


def test_the_paste_box_returns_events(page, api):
    before = api.get("/stats").json()["events"]
    page.fill("#paste-text", ARTICLE)
    page.fill("#paste-published", "2018-07-01")
    page.click("#paste-go")
    page.wait_for_selector("#paste-status[data-events]")
    n = int(page.get_attribute("#paste-status", "data-events"))
    assert n >= 1 and "found" in page.text_content("#paste-status")
    assert page.locator("#article-events li .chip").first.text_content() == "ASSAULT"
    marked = "".join(page.locator("#article-text mark.ev-active").all_text_contents())
    assert "الصنمين" in marked
    assert api.get("/stats").json()["events"] == before  # nothing stored


def test_screenshot(page, tmp_path):
    """docs/map.png: run once with RASAD_WEB_DB (the whole corpus) and RASAD_SCREENSHOT."""
    out = Path(os.environ.get("RASAD_SCREENSHOT") or tmp_path / "map.png")
    if not out.is_absolute():
        out = ROOT / out
    page.set_viewport_size({"width": 1400, "height": 1000})
    rows = page.locator("#events-table tbody tr")
    strike = rows.filter(has_text="ASSAULT").filter(has_text="asserted")
    (strike if strike.count() else rows).first.click()
    page.locator("#article-text mark.ev-active").first.wait_for()
    page.evaluate("() => window.scrollTo(0, 0)")  # the click scrolled the row into view
    page.wait_for_timeout(300)
    page.screenshot(path=str(out), full_page=False)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
