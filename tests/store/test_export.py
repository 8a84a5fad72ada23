"""Export formats, each read back."""
from __future__ import annotations

import csv
import json

import pytest

from rasad.store import EventFilter, Store
from rasad.store.export import export

from .helpers import corpus


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "t.duckdb", similarity="tfidf") as s:
        s.ingest(corpus())
        yield s


def test_jsonl_events(store, tmp_path):
    out = tmp_path / "e.jsonl"
    assert export(store, EventFilter(), "jsonl", str(out)) == 6
    rows = [json.loads(line) for line in out.open(encoding="utf-8")]
    assert {r["doc_id"] for r in rows} == {"a1", "b1", "c1", "d1", "e1"}
    assert all("evidence" in r and "outlet" in r for r in rows)


def test_csv_events_with_filter(store, tmp_path):
    out = tmp_path / "e.csv"
    assert export(store, EventFilter(type="ASSAULT", modality="asserted"), "csv", str(out)) == 4
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4 and {r["plover_type"] for r in rows} == {"ASSAULT"}
    assert "الجنينة" in {r["location_ar"] for r in rows}
    assert {r["source"] for r in rows} == {"skynews", "alarabia", "BBC", "france24"}


def test_geojson_events(store, tmp_path):
    out = tmp_path / "e.geojson"
    n = export(store, EventFilter(), "geojson", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == n == 5
    f = next(f for f in data["features"] if f["properties"]["doc_id"] == "a1")
    assert f["geometry"]["coordinates"] == [40.10, 35.30]


def test_parquet_events_and_incidents(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "e.parquet"
    assert export(store, EventFilter(), "parquet", str(out)) == 6
    table = pq.read_table(out)
    assert table.num_rows == 6 and "fatalities" in table.column_names
    out = tmp_path / "i.parquet"
    assert export(store, EventFilter(min_sources=2), "parquet", str(out), incidents=True) == 1
    row = pq.read_table(out).to_pylist()[0]
    assert row["n_sources"] == 3 and len(row["event_ids"].split()) == 3


def test_incidents_jsonl_and_geojson(store, tmp_path):
    out = tmp_path / "i.jsonl"
    assert export(store, EventFilter(), "jsonl", str(out), incidents=True) == 3
    rows = [json.loads(line) for line in out.open(encoding="utf-8")]
    assert max(r["n_sources"] for r in rows) == 3
    out = tmp_path / "i.geojson"
    export(store, EventFilter(min_sources=3), "geojson", str(out), incidents=True)
    feats = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(feats) == 1 and feats[0]["properties"]["fatalities_max"] == 7
