"""Read endpoints over the small seeded store."""
from __future__ import annotations

import pytest


def test_events_page_has_total_and_items(client):
    body = client.get("/events").json()
    assert body["total"] == len(body["items"]) >= 6
    assert body["limit"] == 100 and body["offset"] == 0
    first = body["items"][0]
    assert {"id", "doc_id", "type", "modality", "evidence", "outlet"} <= set(first)


def test_events_paging_walks_every_event_once(client):
    total = client.get("/events").json()["total"]
    seen = []
    for offset in range(0, total, 2):
        page = client.get("/events", params={"limit": 2, "offset": offset}).json()
        assert page["total"] == total and len(page["items"]) <= 2
        seen += [e["id"] for e in page["items"]]
    assert len(seen) == len(set(seen)) == total


def test_limit_is_capped_at_the_server_maximum(client):
    assert client.get("/events", params={"limit": 50_000}).json()["limit"] == 500


@pytest.mark.parametrize("params, check", [
    ({"type": "COERCE"}, lambda e: e["type"] == "COERCE"),
    ({"modality": "future"}, lambda e: e["modality"] == "future"),
    ({"admin1": "deir ez zor"}, lambda e: e["location"]["admin1"] == "Deir ez-Zor"),
    ({"country": "YEM"}, lambda e: e["location"]["country"] == "YEM"),
    ({"outlet": "outlet-b"}, lambda e: e["outlet"] == "outlet-b"),
    ({"actor": "SDF"}, lambda e: "SDF" in (e["actor1"]["id"], (e["actor2"] or {}).get("id"))),
    ({"date_from": "2018-08-01", "date_to": "2018-08-31"},
     lambda e: e["date"]["value"].startswith("2018-08")),
    ({"min_sources": 2}, lambda e: e["n_sources"] >= 2),
    ({"text": "هجين"}, lambda e: "هجين" in e["evidence"]["text"]),
])
def test_filters_select_a_nonempty_subset(client, params, check):
    everything = client.get("/events").json()["total"]
    body = client.get("/events", params=params).json()
    assert 0 < body["total"] < everything
    assert body["total"] == len(body["items"])
    assert all(check(e) for e in body["items"])


@pytest.mark.parametrize("params, field", [
    ({"limit": 0}, "limit"), ({"limit": "ten"}, "limit"), ({"offset": -1}, "offset"),
    ({"type": "EXPLODE"}, "type"), ({"modality": "maybe"}, "modality"),
    ({"date_from": "yesterday"}, "date_from"), ({"date_to": "2018-02-30"}, "date_to"),
    ({"min_sources": 0}, "min_sources"), ({"text": "x" * 201}, "text"),
])
def test_bad_query_parameters_are_422_with_a_message(client, params, field):
    r = client.get("/events", params=params)
    assert r.status_code == 422
    body = r.json()
    assert field in body["message"]
    assert body["detail"][0]["loc"][-1] == field


def test_reversed_date_range_is_an_error_as_in_the_cli(client):
    forwards = client.get("/events", params={"date_from": "2018-08-01", "date_to": "2018-09-01"})
    backwards = client.get("/events", params={"date_from": "2018-09-01", "date_to": "2018-08-01"})
    assert forwards.json()["total"] > 0
    assert backwards.status_code == 422 and "after --to" in backwards.json()["message"]


@pytest.mark.parametrize("params, expect", [
    ({"actor": "قسد"}, "SDF"), ({"country": "Syria"}, "SYR"), ({"country": "سوريا"}, "SYR"),
    ({"type": "ASSAULT,COERCE"}, None),
])
def test_filters_understand_aliases_names_and_lists(client, params, expect):
    r = client.get("/events", params={**params, "limit": 500})
    assert r.status_code == 200 and r.json()["total"] > 0
    items = r.json()["items"]
    if expect == "SDF":
        assert all("SDF" in ((e.get("actor1") or {}).get("id") or "") + ((e.get("actor2") or {}).get("id") or "")
                   or "قسد" in str(e) for e in items)
    elif expect:
        assert {e["location"]["country"] for e in items} == {expect}


@pytest.mark.parametrize("params, word", [
    ({"type": "attack"}, "ASSAULT"), ({"country": "Syriaa"}, "Syria"), ({"admin1": "Dier ez-Zor"}, "Deir ez-Zor"),
])
def test_unknown_filter_values_are_422_with_suggestions(client, params, word):
    r = client.get("/events", params=params)
    assert r.status_code == 422 and word in r.json()["message"]


def test_events_are_asserted_unless_asked(client):
    default = client.get("/events", params={"limit": 500}).json()
    every = client.get("/events", params={"limit": 500, "modality": "all"}).json()
    assert {e["modality"] for e in default["items"]} == {"asserted"}
    assert every["total"] > default["total"]


def test_event_by_id_and_unknown_id(client):
    some = client.get("/events").json()["items"][0]
    one = client.get(f"/events/{some['id']}").json()
    assert one["id"] == some["id"] and one["evidence"] == some["evidence"]
    assert "evidence_spans" in one
    r = client.get("/events/no-such-event")
    assert r.status_code == 404 and "no-such-event" in r.json()["detail"]


def test_geojson_points_are_lon_lat(client):
    fc = client.get("/events.geojson").json()
    assert fc["type"] == "FeatureCollection" and fc["features"]
    assert fc["total"] == client.get("/events").json()["total"]
    hays = [f for f in fc["features"] if f["properties"]["place"] == "Hays"]
    lon, lat = hays[0]["geometry"]["coordinates"]
    assert 43 < lon < 44 and 13 < lat < 15  # Yemen: longitude first
    assert hays[0]["properties"]["fatalities"] == 12
    only = client.get("/events.geojson", params={"type": "PROTEST"}).json()
    assert {f["properties"]["type"] for f in only["features"]} == {"PROTEST"}


def test_timeline_counts_every_dated_event_once(client):
    tl = client.get("/timeline").json()
    total = client.get("/events").json()["total"]
    assert sum(w["total"] for w in tl["weeks"]) + tl["undated"] == total
    weeks = [w["week"] for w in tl["weeks"]]
    assert weeks == sorted(weeks) and "2018-08-06" in weeks  # Monday of 2018-08-11
    assert all(sum(w["by_type"].values()) == w["total"] for w in tl["weeks"])


def test_incidents_merge_the_same_strike_from_two_outlets(client):
    body = client.get("/incidents", params={"min_sources": 2}).json()
    assert body["total"] == 1
    inc = body["items"][0]
    assert inc["n_sources"] == 2 and sorted(inc["outlets"]) == ["outlet-a", "outlet-b"]
    full = client.get(f"/incidents/{inc['id']}").json()
    assert {m["doc_id"] for m in full["members"]} == {"fx-hajin-1", "fx-hajin-2"}
    assert client.get("/incidents").json()["total"] > 1
    r = client.get("/incidents/inc_nothing")
    assert r.status_code == 404


def test_document_has_text_and_evidence_offsets(client, articles):
    doc = client.get("/documents/fx-hays").json()
    assert doc["text"] == next(a["text"] for a in articles if a["id"] == "fx-hays")
    assert doc["events"]
    for ev in doc["events"]:
        span = ev["evidence"]
        assert doc["text"][span["start"]:span["end"]] == span["text"]
    for mention in doc["actors"] + doc["places"]:
        assert doc["text"][mention["start"]:mention["end"]] == mention["text"]
    assert any(p["text"].endswith("حيس") for p in doc["places"])
    r = client.get("/documents/unknown-doc")
    assert r.status_code == 404 and "unknown-doc" in r.json()["detail"]


def test_health_names_the_version(client):
    from rasad import __version__

    assert client.get("/health").json() == {"status": "ok", "version": __version__}


def test_ids_with_control_characters_are_422(client):
    assert client.get("/documents/a%01b").status_code == 422


def test_stats_agree_with_the_listing(client):
    stats = client.get("/stats").json()
    events = client.get("/events").json()["items"]
    assert stats["events"] == len(events) and stats["documents"] == 6
    assert stats["by_type"]["ASSAULT"] == sum(e["type"] == "ASSAULT" for e in events)
    assert stats["by_country"]["SYR"] >= 4
    filtered = client.get("/stats", params={"country": "YEM"}).json()
    assert set(filtered["by_country"]) == {"YEM"}
    by_admin1 = {r["admin1"]: r for r in stats["by_admin1"]}
    for name, row in by_admin1.items():
        mine = [e for e in events if (e.get("location") or {}).get("admin1") == name]
        assert row["events"] == len(mine)
        assert row["fatalities"] == sum(e.get("fatalities") or 0 for e in mine)
    assert stats["fatalities"] == sum(e.get("fatalities") or 0 for e in events)
    assert sum(stats["fatalities_by_month"].values()) == stats["fatalities"]


@pytest.mark.parametrize("key, value", [
    ("fatalities", lambda e: e.get("fatalities")),
    ("date", lambda e: (e.get("date") or {}).get("value")),
    ("type", lambda e: e["type"]),
    ("outlet", lambda e: e.get("outlet")),
])
def test_events_sort_by_a_column_either_way(client, key, value):
    for sort, reverse in ((key, False), ("-" + key, True)):
        items = client.get("/events", params={"sort": sort, "modality": "all"}).json()["items"]
        known = [value(e) for e in items if value(e) is not None]
        assert known and known == sorted(known, reverse=reverse), sort
        nulls = [i for i, e in enumerate(items) if value(e) is None]
        assert nulls == list(range(len(known), len(items)))  # unknown values last


def test_an_unknown_sort_key_is_422(client):
    r = client.get("/events", params={"sort": "evidence"})
    assert r.status_code == 422 and "sort" in r.json()["message"]


def test_timeline_covers_the_whole_store_with_fatalities(make_client):
    """Weeks are counted in the database, not over the first page of events."""
    with make_client(max_features=2) as client:
        tl = client.get("/timeline", params={"modality": "all"}).json()
        total = client.get("/events", params={"modality": "all"}).json()["total"]
        assert sum(w["total"] for w in tl["weeks"]) + tl["undated"] == total > 2
        events = client.get("/events", params={"modality": "all", "limit": 500}).json()["items"]
        dated = [e for e in events if len((e.get("date") or {}).get("value") or "") == 10]
        assert sum(w["fatalities"] for w in tl["weeks"]) == sum(e.get("fatalities") or 0 for e in dated)
