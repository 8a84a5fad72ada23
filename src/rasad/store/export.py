"""Export stored events or incidents as CSV, JSONL, GeoJSON or Parquet."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from typing import Any

from rasad.errors import OutputError
from rasad.store.filters import EventFilter, where
from rasad.store.incident_db import INCIDENT_COLUMNS
from rasad.store.queries import _incident_where

PAGE = 5000


def _arrow(cur, sql: str, params: list):
    """A query's rows as a pyarrow Table (the relational API avoids an extra copy)."""
    try:
        return cur.sql(sql, params=params).to_arrow_table()
    except (AttributeError, TypeError):  # older DuckDB
        return cur.execute(sql, params).fetch_arrow_table()


def flat_event_rows(cur, f: EventFilter) -> list[dict[str, Any]]:
    """Events as rows of the one flat schema (:mod:`rasad.acled_table`: ACLED's columns,
    then rasad's), for CSV, Parquet and ``/events.csv``."""
    from rasad.acled_table import row

    cond, params = where(f)
    rows = cur.execute(
        "SELECT e.record, d.outlet, d.published, d.url, ie.incident_id, i.n_sources "
        "FROM events e JOIN documents d ON d.id = e.doc_id "
        "LEFT JOIN incident_events ie ON ie.event_id = e.id "
        "LEFT JOIN incidents i ON i.id = ie.incident_id "
        f"WHERE {cond} ORDER BY e.date_from NULLS LAST, e.doc_id, e.evidence_start, e.id",
        params).fetchall()
    return [row(json.loads(rec), outlet=outlet, published=published and str(published)[:10],
                url=url, incident_id=inc, n_sources=n)
            for rec, outlet, published, url, inc, n in rows]


def flat_events(cur, f: EventFilter):
    """Events as one flat Arrow table in the flat schema."""
    from rasad.acled_table import arrow_table

    return arrow_table(flat_event_rows(cur, f))


def flat_incidents(cur, f: EventFilter):
    cond, params = _incident_where(f)
    cols = ", ".join(f"i.{c}" for c in INCIDENT_COLUMNS if c != "first_event")
    return _arrow(
        cur,
        f"SELECT {cols}, (SELECT string_agg(ie.event_id, ' ' ORDER BY ie.event_id) "
        "FROM incident_events ie WHERE ie.incident_id = i.id) AS event_ids "
        f"FROM incidents i WHERE {cond} ORDER BY i.date_from NULLS LAST, i.id",
        params)


def _pages(fetch, f: EventFilter):
    offset = 0
    while True:
        page = fetch(f, PAGE, offset)
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


@contextmanager
def _text_out(path: str):
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
    else:
        try:
            fh = open(path, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None
        with fh:
            yield fh


def _point(item: dict[str, Any]) -> dict | None:
    loc = item.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    return {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}


def geojson(items: list[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the items that have coordinates (properties: the item)."""
    feats = []
    for item in items:
        geom = _point(item)
        if geom is not None:
            feats.append({"type": "Feature", "id": item["id"], "geometry": geom,
                          "properties": item})
    return {"type": "FeatureCollection", "features": feats}


def export(store, f: EventFilter, fmt: str, path: str, incidents: bool = False) -> int:
    """Write the selection to ``path``; returns the number of records written."""
    cur = store._cur()
    if fmt in ("csv", "parquet"):
        table = flat_incidents(cur, f) if incidents else flat_events(cur, f)
        if fmt == "parquet" and path == "-":
            raise OutputError("-", "parquet is binary and needs a file: -o PATH")
        try:
            if fmt == "parquet":
                import pyarrow.parquet as pq

                pq.write_table(table, path)
            else:
                import pyarrow.csv as pacsv

                pacsv.write_csv(table, sys.stdout.buffer if path == "-" else path)
        except OSError as exc:
            raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None
        return table.num_rows
    fetch = store.incidents if incidents else store.events
    n = 0
    with _text_out(path) as out:
        if fmt == "jsonl":
            for item in _pages(fetch, f):
                out.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")
                n += 1
        elif fmt == "geojson":
            collection = geojson(list(_pages(fetch, f)))
            json.dump(collection, out, ensure_ascii=False, default=str)
            out.write("\n")
            n = len(collection["features"])
        else:
            raise ValueError(f"unknown export format {fmt!r}")
    return n
