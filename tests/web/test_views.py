"""Filters, the sortable table, the article and incident views, shareable URLs, the paste
box and a phone-sized screen."""
from __future__ import annotations

import os
from pathlib import Path

from .helpers import COUNT_IS, apply, total

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ("قتل ثلاثة عناصر من قوات النظام السوري، يوم الأحد، في هجوم شنه مسلحون على حاجز "
           "عسكري في بلدة الصنمين بريف درعا الشمالي.")


def test_a_type_filter_changes_the_count_and_reset_restores_it(page, api):
    everything = total(page)
    by_type = api.get("/stats").json()["by_type"]
    kind = next(t for t, n in sorted(by_type.items(), key=lambda x: -x[1]) if 0 < n < everything)
    apply(page, type=kind)
    assert total(page) == by_type[kind] < everything
    chips = page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()
    assert chips and set(chips) == {kind}
    page.click("#f-reset")
    page.wait_for_function(COUNT_IS, arg=str(everything))


def test_governorate_outlet_sources_and_text_filters_agree_with_the_api(page, api):
    stats = api.get("/stats").json()
    admin1 = stats["by_admin1"][0]["admin1"]
    outlet = max((k for k in stats["by_outlet"] if k != "unknown"), key=stats["by_outlet"].get)
    word = "قتل"
    for fields in ({"admin1": admin1}, {"outlet": outlet}, {"min_sources": 2}, {"text": word}):
        page.click("#f-reset")
        page.wait_for_function(COUNT_IS, arg=str(stats["events"]))
        apply(page, **fields)
        expect = api.get("/events", params={**fields, "limit": 50}).json()
        assert 0 < total(page) == expect["total"] < stats["events"], fields
        rows = page.locator("#events-table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.id)")
        assert rows == [e["id"] for e in expect["items"]], fields


def test_the_table_sorts_by_a_column_both_ways(page, api):
    head = page.locator("#events-table th[data-sort='fatalities']")
    head.click()
    page.wait_for_selector("#events-table th[data-sort='fatalities'][aria-sort='descending']")
    top = api.get("/events", params={"sort": "-fatalities", "limit": 1}).json()["items"][0]
    first = page.locator("#events-table tbody tr").first
    assert first.get_attribute("data-id") == top["id"]
    assert int(first.locator("td:nth-child(7)").inner_text()) == top["fatalities"] > 0
    head.click()
    page.wait_for_selector("#events-table th[data-sort='fatalities'][aria-sort='ascending']")
    low = api.get("/events", params={"sort": "fatalities", "limit": 1}).json()["items"][0]
    assert page.locator("#events-table tbody tr").first.get_attribute("data-id") == low["id"]
    assert "sort=fatalities" in page.url


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
    assert page.eval_on_selector("#article-text", "e => getComputedStyle(e).direction") == "rtl"


def test_an_incident_shows_its_reports_side_by_side(page, api):
    inc = api.get("/incidents", params={"min_sources": 2}).json()["items"][0]
    apply(page, min_sources=2)
    button = page.locator(f"#events-table button.incident-link[data-incident='{inc['id']}']").first
    button.click()
    reports = page.locator("#incident-reports .report")
    reports.first.wait_for()
    full = api.get(f"/incidents/{inc['id']}").json()
    assert reports.count() == len(full["members"]) >= 2
    boxes = [reports.nth(i).bounding_box() for i in range(2)]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[0]["x"] != boxes[1]["x"]  # side by side
    evidence = page.locator("#incident-reports .report-evidence")
    assert evidence.first.get_attribute("dir") == "rtl"
    assert sorted(evidence.all_text_contents()) == sorted(m["evidence"]["text"] for m in full["members"])
    assert set(page.locator("#incident-reports strong").all_inner_texts()) == set(inc["outlets"])
    assert f"incident={inc['id']}" in page.url


def test_a_shared_url_restores_the_filters_sort_and_open_event(page, browser, base_url, api):
    by_type = api.get("/stats").json()["by_type"]
    kind = max(by_type, key=by_type.get)
    apply(page, type=kind, min_sources=1)
    page.click("#events-table th[data-sort='date']")
    page.wait_for_selector("#events-table th[data-sort='date'][aria-sort='descending']")
    page.locator("#events-table tbody tr").nth(1).click()
    page.locator("#article-text mark.ev-active").first.wait_for()
    page.wait_for_function("() => location.search.includes('event=')")
    url, count = page.url, total(page)
    opened = page.evaluate("() => window.rasad.state.event")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    other = context.new_page()
    try:
        other.goto(url)
        other.wait_for_selector("body[data-ready='1']")
        assert other.input_value("#f-type") == kind and other.input_value("#f-min-sources") == "1"
        assert total(other) == count
        assert other.get_attribute("#events-table th[data-sort='date']", "aria-sort") == "descending"
        assert other.get_attribute("#article-events li.active", "data-id") == opened
    finally:
        context.close()


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


def test_a_phone_sized_screen_scrolls_the_table_not_the_page(browser, base_url):
    context = browser.new_context(viewport={"width": 420, "height": 800})
    pg = context.new_page()
    try:
        pg.goto(base_url + "/")
        pg.wait_for_selector("body[data-ready='1']")
        assert pg.evaluate("() => document.documentElement.scrollWidth") <= 420
        wrap = pg.locator(".table-wrap")
        assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls inside
        assert pg.locator("#map").bounding_box()["width"] <= 420
    finally:
        context.close()


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
    page.wait_for_timeout(500)
    page.screenshot(path=str(out), full_page=False)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
