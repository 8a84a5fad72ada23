"""The map: clustered markers with counts, precision symbols, governorates, labels, legend."""
from __future__ import annotations

from .helpers import all_features, total

MARKER_COUNT = "() => window.rasad.map.markerCount()"
ZOOM = "z => window.rasad.map.leaflet().getZoom() == z"


def set_view(page, lat, lon, zoom):
    page.evaluate("a => window.rasad.map.leaflet().setView([a[0], a[1]], a[2], {animate: false})",
                  [lat, lon, zoom])
    page.wait_for_function(ZOOM, arg=zoom)
    page.wait_for_timeout(400)  # clusters are redrawn after the move


def in_view(page, selector):
    """The first element matching ``selector`` whose centre lies inside the map (Leaflet
    keeps markers a little beyond the visible area)."""
    box = page.locator("#map").bounding_box()
    items = page.locator(selector)
    for i in range(items.count()):
        b = items.nth(i).bounding_box()
        if b and box["x"] < b["x"] + b["width"] / 2 < box["x"] + box["width"] \
                and box["y"] < b["y"] + b["height"] / 2 < box["y"] + box["height"] - 60:
            return items.nth(i)  # (the legend covers the map's bottom edge)
    return None


def test_every_located_event_is_on_the_map_in_clusters_with_counts(page, api):
    located = all_features(api)
    assert located and page.evaluate(MARKER_COUNT) == len(located)
    assert int(page.get_attribute("#located", "data-n")) == len(located)
    clusters = page.locator(".marker-cluster:visible")
    clusters.first.wait_for()
    counts = [int(t) for t in clusters.all_inner_texts()]
    singles = page.locator(".event-marker:visible").count()
    assert max(counts) > 1 and sum(counts) + singles <= len(located)
    assert total(page) == api.get("/events").json()["total"]
    assert page.locator("path.country").count() > 150  # world-atlas countries, drawn locally
    assert page.locator("path.admin1").count() >= 60  # governorates of the nine countries


def test_a_cluster_click_opens_its_events(page):
    """A click zooms in to the cluster's events, or spreads them out when they share one
    point (a town's events, all at its centre)."""
    before = page.evaluate("() => [window.rasad.map.leaflet().getZoom(), "
                           "document.querySelectorAll('.event-marker').length]")
    in_view(page, ".marker-cluster").click()
    page.wait_for_function("b => window.rasad.map.leaflet().getZoom() > b[0] || "
                           "document.querySelectorAll('.event-marker').length > b[1]", arg=before)


def test_symbols_show_how_precisely_the_place_is_known(page, api):
    located = all_features(api)
    wanted = {"p1": lambda p: p["geo_precision"] == 1 and p["place_feature"] != "country",
              "p4": lambda p: p["place_feature"] == "country"}
    for cls, test in wanted.items():
        f = next((f for f in located if test(f["properties"])), None)
        assert f is not None, cls
        assert page.evaluate("id => window.rasad.map.show(id)", f["id"])
        symbol = page.locator(f".event-marker.selected.{cls}")
        symbol.wait_for()
        assert in_view(page, f".event-marker.selected.{cls}") is not None, cls
        shape = page.eval_on_selector(f".event-marker.selected.{cls} i",
                                      "e => getComputedStyle(e).borderStyle")
        assert shape == ("dashed" if cls == "p4" else "solid")


def test_labels_appear_as_the_map_zooms_in(page):
    set_view(page, 33.5, 36.3, 4)
    assert page.locator(".admin1-label span:visible").count() == 0
    few = page.locator(".place-label span:visible").count()
    set_view(page, 33.5, 36.3, 8)
    assert page.locator(".admin1-label span:visible").count() > 0
    names = page.locator(".place-label span:visible").all_inner_texts()
    assert "Damascus" in names and len(names) > few


def test_the_legend_lists_every_type_and_symbol(page):
    types = page.locator("#legend .type-key").evaluate_all("es => es.map(e => e.dataset.type)")
    assert len(types) == 16 and "SANCTION" in types and "AID" in types
    assert page.locator("#legend .precision-key").count() == 4


def test_a_table_row_shows_its_marker_and_a_marker_opens_its_article(page):
    located = set(page.evaluate("() => window.rasad.map.features().map(f => f.id)"))
    rows = [(r.get_attribute("data-id"), r.get_attribute("data-doc"))
            for r in page.locator("#events-table tbody tr").all()]
    first = next(r for r in rows if r[0] in located)
    other = next(r for r in rows if r[0] in located and r[1] != first[1])
    page.locator(f"#events-table tbody tr[data-id='{first[0]}']").click()
    page.wait_for_selector(f"#article-events li.active[data-id='{first[0]}']")
    page.locator(".event-marker.selected").wait_for()  # zoomed to it, its cluster opened
    assert page.evaluate("id => window.rasad.map.show(id)", other[0])  # another event's marker
    page.locator(".event-marker.selected").click()
    page.wait_for_selector(f"#article-events li.active[data-id='{other[0]}']")
