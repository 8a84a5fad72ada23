"""Read queries: events, documents, incidents and statistics as plain dicts."""
from __future__ import annotations

import json
from typing import Any

from rasad.store.filters import EventFilter, where

_EVENT_FROM = """
    FROM events e
    JOIN documents d ON d.id = e.doc_id
    LEFT JOIN incident_events ie ON ie.event_id = e.id
    LEFT JOIN incidents i ON i.id = ie.incident_id
"""
_EVENT_SELECT = ("SELECT e.record, e.evidence_spans, d.outlet, d.published, d.url, d.title, "
                 "ie.incident_id, i.n_sources ")
_ORDER = " ORDER BY e.date_from DESC NULLS LAST, e.doc_id, e.evidence_start, e.id"
# what a listing may be sorted by (``-key`` for descending); ties keep the default order
SORT_KEYS = {
    "date": "e.date_from", "type": "e.type", "modality": "e.modality",
    "place": "coalesce(e.location_name, e.location_name_ar)", "admin1": "e.admin1",
    "country": "e.country", "actor1": "coalesce(e.actor1_name, e.actor1_text)",
    "actor2": "coalesce(e.actor2_name, e.actor2_text)", "fatalities": "e.fatalities",
    "outlet": "d.outlet", "sources": "i.n_sources",
}


def _order(sort: str | None) -> str:
    if not sort:
        return _ORDER
    key = sort.lstrip("-")
    if key not in SORT_KEYS:
        raise ValueError(f"cannot sort by {sort!r}; one of {', '.join(SORT_KEYS)}")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f" ORDER BY {SORT_KEYS[key]} {direction} NULLS LAST," + _ORDER.removeprefix(" ORDER BY")


def _event_dict(row: tuple, spans: bool = False) -> dict[str, Any]:
    record, ev_spans, outlet, published, url, title, incident_id, n_sources = row
    out = json.loads(record)
    if spans:
        out["evidence_spans"] = json.loads(ev_spans or "[]")
    out.update(outlet=outlet, published=published, url=url, title=title,
               incident_id=incident_id, n_sources=n_sources)
    return out


def _page(limit: int, offset: int) -> list[int]:
    return [max(0, int(limit)), max(0, int(offset))]


def events(cur, f: EventFilter, limit: int = 100, offset: int = 0,
           sort: str | None = None) -> list[dict[str, Any]]:
    cond, params = where(f)
    rows = cur.execute(f"{_EVENT_SELECT}{_EVENT_FROM} WHERE {cond}{_order(sort)} LIMIT ? OFFSET ?",
                       params + _page(limit, offset)).fetchall()
    return [_event_dict(r) for r in rows]


def count_events(cur, f: EventFilter) -> int:
    cond, params = where(f)
    return cur.execute(f"SELECT count(*) {_EVENT_FROM} WHERE {cond}", params).fetchone()[0]


def event(cur, event_id: str) -> dict[str, Any] | None:
    row = cur.execute(f"{_EVENT_SELECT}{_EVENT_FROM} WHERE e.id = ?", [event_id]).fetchone()
    return _event_dict(row, spans=True) if row else None


def document(cur, doc_id: str) -> dict[str, Any] | None:
    row = cur.execute("SELECT id, title, published, url, outlet, language, text, warnings, "
                      "mentions, content_hash FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    keys = ("id", "title", "published", "url", "outlet", "language", "text", "warnings",
            "mentions", "content_hash")
    doc = dict(zip(keys, row, strict=True))
    doc["warnings"] = json.loads(doc["warnings"] or "[]")
    mentions = json.loads(doc.pop("mentions") or "{}")
    doc["actors"] = mentions.get("actors", [])
    doc["places"] = mentions.get("places", [])
    rows = cur.execute(f"{_EVENT_SELECT}{_EVENT_FROM} WHERE e.doc_id = ? "
                       "ORDER BY e.evidence_start, e.id", [doc_id]).fetchall()
    doc["events"] = [_event_dict(r, spans=True) for r in rows]
    return doc


# ------------------------------------------------------------------ incidents

_INCIDENT_COLUMNS = (
    "id", "type", "n_sources", "n_outlets", "n_events", "outlets", "date_value",
    "date_precision", "date_from", "date_to", "location_name", "location_name_ar", "admin1",
    "admin2", "country", "lat", "lon", "geo_precision", "actor1_id", "actor1_name", "actor2_id",
    "actor2_name", "fatalities_min", "fatalities_max", "injured_min", "injured_max",
    "arrested_min", "arrested_max",
)


def _incident_where(f: EventFilter) -> tuple[str, list[Any]]:
    """Incidents with at least one member event that passes the filter (and enough sources)."""
    member = EventFilter(**{k: getattr(f, k) for k in f.__slots__ if k != "min_sources"})
    cond, params = where(member)
    sql = ("i.id IN (SELECT ie.incident_id FROM incident_events ie "
           "JOIN events e ON e.id = ie.event_id JOIN documents d ON d.id = e.doc_id "
           f"WHERE {cond})")
    if f.min_sources:
        sql += " AND i.n_sources >= ?"
        params.append(int(f.min_sources))
    return sql, params


def _incident_dict(row: tuple, members: list[tuple]) -> dict[str, Any]:
    r = dict(zip(_INCIDENT_COLUMNS, row, strict=True))
    iso = lambda v: v.isoformat() if v is not None else None  # noqa: E731
    return {
        "id": r["id"], "type": r["type"], "n_sources": r["n_sources"],
        "n_outlets": r["n_outlets"], "n_events": r["n_events"],
        "outlets": json.loads(r["outlets"] or "[]"),
        "events": [m[0] for m in members], "doc_ids": sorted({m[1] for m in members}),
        "n_documents": len({m[1] for m in members}),
        "date": {"value": r["date_value"], "precision": r["date_precision"],
                 "from": iso(r["date_from"]), "to": iso(r["date_to"])},
        "location": None if r["location_name"] is None and r["lat"] is None else {
            k: r[c] for k, c in (("name", "location_name"), ("name_ar", "location_name_ar"),
                                 ("admin1", "admin1"), ("admin2", "admin2"),
                                 ("country", "country"), ("lat", "lat"), ("lon", "lon"),
                                 ("geo_precision", "geo_precision"))},
        "actor1": {"id": r["actor1_id"], "name": r["actor1_name"]}
        if r["actor1_id"] or r["actor1_name"] else None,
        "actor2": {"id": r["actor2_id"], "name": r["actor2_name"]}
        if r["actor2_id"] or r["actor2_name"] else None,
        **{k: r[k] for k in ("fatalities_min", "fatalities_max", "injured_min", "injured_max",
                             "arrested_min", "arrested_max")},
    }


def _members(cur, ids: list[str]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {i: [] for i in ids}
    if ids:
        for inc, ev, doc in cur.execute(
                "SELECT incident_id, event_id, doc_id FROM incident_events "
                "WHERE incident_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY event_id",
                [ids]).fetchall():
            out[inc].append((ev, doc))
    return out


def incidents(cur, f: EventFilter, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    cond, params = _incident_where(f)
    rows = cur.execute(
        f"SELECT {', '.join('i.' + c for c in _INCIDENT_COLUMNS)} FROM incidents i "
        f"WHERE {cond} ORDER BY i.date_from DESC NULLS LAST, i.n_sources DESC, i.id "
        "LIMIT ? OFFSET ?", params + _page(limit, offset)).fetchall()
    members = _members(cur, [r[0] for r in rows])
    return [_incident_dict(r, members[r[0]]) for r in rows]


def count_incidents(cur, f: EventFilter) -> int:
    cond, params = _incident_where(f)
    return cur.execute(f"SELECT count(*) FROM incidents i WHERE {cond}", params).fetchone()[0]


def incident(cur, incident_id: str) -> dict[str, Any] | None:
    row = cur.execute(f"SELECT {', '.join(_INCIDENT_COLUMNS)} FROM incidents WHERE id = ?",
                      [incident_id]).fetchone()
    if row is None:
        return None
    out = _incident_dict(row, _members(cur, [incident_id])[incident_id])
    rows = cur.execute(f"{_EVENT_SELECT}{_EVENT_FROM} WHERE ie.incident_id = ? {_ORDER}",
                       [incident_id]).fetchall()
    out["members"] = [_event_dict(r) for r in rows]
    return out


# ------------------------------------------------------------------ statistics

def stats(cur, f: EventFilter) -> dict[str, Any]:
    cond, params = where(f)

    def grouped(expr: str, value: str = "count(*)") -> dict[str, int]:
        rows = cur.execute(f"SELECT {expr} AS k, {value} {_EVENT_FROM} WHERE {cond} "
                           "GROUP BY k ORDER BY k NULLS LAST", params).fetchall()
        return {("unknown" if k is None else str(k)): int(n or 0) for k, n in rows}

    # a week date is the publication date, a month date its month; years say too little
    month = "CASE WHEN e.date_precision IN ('day', 'week', 'month') THEN strftime(e.date_to, '%Y-%m') END"
    admin1 = cur.execute(
        f"SELECT e.admin1, e.country, count(*), coalesce(sum(e.fatalities), 0) {_EVENT_FROM} "
        f"WHERE {cond} AND e.admin1 IS NOT NULL AND e.admin1 <> '' GROUP BY 1, 2 "
        "ORDER BY 3 DESC, 1, 2", params).fetchall()
    return {
        "documents": cur.execute("SELECT count(*) FROM documents").fetchone()[0],
        "events": count_events(cur, f),
        "incidents": count_incidents(cur, f),
        "fatalities": int(cur.execute(f"SELECT coalesce(sum(e.fatalities), 0) {_EVENT_FROM} "
                                      f"WHERE {cond}", params).fetchone()[0]),
        "by_type": grouped("e.type"),
        "by_modality": grouped("e.modality"),
        "by_country": grouped("e.country"),
        "by_month": grouped(month),
        "fatalities_by_month": grouped(month, "sum(e.fatalities)"),
        "by_outlet": grouped("d.outlet"),
        "by_admin1": [{"admin1": a, "country": c, "events": n, "fatalities": int(k)}
                      for a, c, n, k in admin1],
    }


def weekly(cur, f: EventFilter) -> dict[str, Any]:
    """Matching events per week (weeks start on Monday) by type, with their fatalities.
    An event counts in the week of its date when the date is a day (a week-precision date
    is the publication day); month and year dates are ``undated`` here."""
    cond, params = where(f)
    day = ("CASE WHEN length(e.date_value) = 10 AND e.date_precision IN ('day', 'week') "
           "THEN TRY_CAST(e.date_value AS DATE) END")
    rows = cur.execute(
        f"SELECT date_trunc('week', {day}) AS w, e.type, count(*), coalesce(sum(e.fatalities), 0) "
        f"{_EVENT_FROM} WHERE {cond} GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2", params).fetchall()
    weeks: dict[str, dict[str, Any]] = {}
    undated = 0
    for week, kind, n, killed in rows:
        if week is None:
            undated += n
            continue
        key = week.isoformat()[:10]
        w = weeks.setdefault(key, {"week": key, "total": 0, "fatalities": 0, "by_type": {}})
        w["total"] += n
        w["fatalities"] += int(killed)
        w["by_type"][kind] = n
    return {"weeks": list(weeks.values()), "undated": undated}
