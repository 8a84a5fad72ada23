"""Charts (the timeline as a date-range control, governorates), downloads, the API docs."""
from __future__ import annotations

import csv
import json

from .helpers import COUNT_IS_NOT, all_features, total


def test_dragging_over_the_timeline_chooses_a_date_range_without_collapsing_it(page, api):
    everything = total(page)
    bars = page.locator("#timeline rect.bar").count()
    assert bars > 0 and page.locator("#timeline polyline.fatalities").count() == 1
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=5)
    page.mouse.up()
    page.wait_for_function(COUNT_IS_NOT, arg=str(everything))
    start, end = page.input_value("#f-from"), page.input_value("#f-to")
    assert start and end and start < end
    expect = api.get("/events", params={"date_from": start, "date_to": end}).json()["total"]
    page.wait_for_function("() => !document.body.classList.contains('loading')")
    assert total(page) == expect < everything
    assert page.locator("#timeline rect.bar").count() == bars  # the whole axis stays
    assert page.locator("#timeline rect.range").count() == 1
    assert f"date_from={start}" in page.url
    page.click("#dates-clear")
    page.wait_for_function("n => document.querySelector('#count').dataset.total == n",
                           arg=str(everything))


def test_the_governorate_chart_filters_on_click(page, api):
    rows = api.get("/stats").json()["by_admin1"]
    bars = page.locator("#admin1-chart .admin1-bar")
    assert bars.count() == min(len(rows), 12) > 0
    first = bars.first
    name = first.get_attribute("data-admin1")
    assert name == rows[0]["admin1"]
    assert f"{rows[0]['events']} · {rows[0]['fatalities']}" in first.text_content()
    first.click()
    page.wait_for_function("n => document.querySelector('#f-admin1').value == n", arg=name)
    page.wait_for_function("() => !document.body.classList.contains('loading')")
    assert total(page) == api.get("/events", params={"admin1": name}).json()["total"]


def test_downloads_hold_what_the_page_shows(page, api, tmp_path):
    with page.expect_download() as dl:
        page.click("#dl-csv")
    path = tmp_path / "events.csv"
    dl.value.save_as(path)
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == total(page)
    assert list(rows[0])[:3] == ["event_id_cnty", "event_date", "year"]  # ACLED's columns
    with page.expect_download() as dl:
        page.click("#dl-geojson")
    path = tmp_path / "events.geojson"
    dl.value.save_as(path)
    fc = json.loads(path.read_text(encoding="utf-8"))
    assert len(fc["features"]) == len(all_features(api))


def test_the_api_docs_page_works_offline(browser, base_url):
    context = browser.new_context()
    pg = context.new_page()
    outside, errors = [], []
    pg.on("request", lambda r: r.url.startswith((base_url, "data:", "blob:")) or outside.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        pg.goto(base_url + "/docs")
        pg.wait_for_selector("body[data-ready='1']")
        pg.locator(".opblock").first.wait_for()
        assert pg.locator(".opblock").count() >= 10
        assert "/events.geojson" in pg.locator("#swagger-ui").inner_text()
    finally:
        context.close()
    assert not outside and not errors, (outside, errors)
