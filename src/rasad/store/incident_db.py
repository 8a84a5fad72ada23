"""Incidents in the database: which events to re-cluster after an ingest, and writing
the clusters (see :mod:`rasad.store.incidents` for the clustering itself)."""
from __future__ import annotations

from rasad.store.incidents import EV_COLUMNS, Ev, cluster, summarise

INCIDENT_COLUMNS = (
    "id", "type", "n_sources", "n_outlets", "n_events", "outlets", "date_value",
    "date_precision", "date_from", "date_to", "location_name", "location_name_ar", "admin1",
    "admin2", "country", "lat", "lon", "geo_precision", "actor1_id", "actor1_name", "actor2_id",
    "actor2_name", "fatalities_min", "fatalities_max", "injured_min", "injured_max",
    "arrested_min", "arrested_max", "first_event",
)
_SELECT = ("SELECT e.id, e.doc_id, d.outlet, " + ", ".join(f"e.{c}" for c in EV_COLUMNS[2:])
           + " FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.modality = 'asserted'")


def _load(cur, where: str = "", params: list | None = None) -> list[Ev]:
    return [Ev(*r) for r in cur.execute(_SELECT + where, params or []).fetchall()]


def detach_documents(cur, doc_ids: list[str]) -> set[str]:
    """Unlink the events of documents about to be replaced; returns the incidents touched."""
    if not doc_ids:
        return set()
    rows = cur.execute("SELECT DISTINCT incident_id FROM incident_events "
                       "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]).fetchall()
    cur.execute("DELETE FROM incident_events WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                [doc_ids])
    return {r[0] for r in rows}


def _scope(cur, new_ids: list[str], touched: set[str]) -> set[str]:
    """Events whose incidents may change: the new ones, the remaining members of touched
    incidents, every asserted event of the same type whose date window comes within a day
    of theirs, and every member of an incident that holds one of these.

    (Near events of near events are not followed: that chain would reach the whole type.)
    """
    seeds = set(new_ids)
    if touched:
        seeds |= {r[0] for r in cur.execute(
            "SELECT event_id FROM incident_events WHERE incident_id IN "
            "(SELECT unnest(?::VARCHAR[]))", [sorted(touched)]).fetchall()}
    if not seeds:
        return set()
    near = cur.execute(
        "SELECT DISTINCT o.id FROM events s JOIN events o ON o.type = s.type "
        "AND o.modality = 'asserted' AND o.date_from <= s.date_to + 1 "
        "AND s.date_from <= o.date_to + 1 AND o.date_precision IN ('day', 'week', 'month') "
        "WHERE s.id IN (SELECT unnest(?::VARCHAR[])) AND s.modality = 'asserted' "
        "AND s.date_precision IN ('day', 'week', 'month')", [sorted(seeds)]).fetchall()
    scope = seeds | {r[0] for r in near}
    linked = cur.execute(
        "SELECT DISTINCT b.event_id FROM incident_events a JOIN incident_events b "
        "ON a.incident_id = b.incident_id WHERE a.event_id IN "
        "(SELECT unnest(?::VARCHAR[]))", [sorted(scope)]).fetchall()
    return scope | {r[0] for r in linked}


def _write(cur, clusters: list[list[Ev]]) -> None:
    import pyarrow as pa

    rows = [summarise(c) for c in clusters]
    if not rows:
        return
    inc = pa.table({c: [r[c] for r in rows] for c in INCIDENT_COLUMNS})
    links = pa.table({
        "incident_id": [r["id"] for r, c in zip(rows, clusters, strict=True) for _ in c],
        "event_id": [e.id for c in clusters for e in c],
        "doc_id": [e.doc_id for c in clusters for e in c],
    })
    cur.register("_in_incidents", inc)
    cur.register("_in_links", links)
    try:
        cols = ", ".join(INCIDENT_COLUMNS)
        cur.execute(f"INSERT INTO incidents ({cols}) SELECT {cols} FROM _in_incidents")
        cur.execute("INSERT INTO incident_events (incident_id, event_id, doc_id) "
                    "SELECT incident_id, event_id, doc_id FROM _in_links")
    finally:
        cur.unregister("_in_incidents")
        cur.unregister("_in_links")


def refresh(cur, new_ids: list[str], touched: set[str], similarity) -> int:
    """Re-cluster what the new events and the touched incidents can affect (in the
    caller's transaction); returns the number of events re-clustered."""
    if touched:
        cur.execute("DELETE FROM incidents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [sorted(touched)])
    scope = _scope(cur, new_ids, touched)
    # incidents that lost every member (their document was replaced without the event)
    cur.execute("DELETE FROM incidents WHERE id NOT IN (SELECT incident_id FROM incident_events)")
    if not scope:
        return 0
    ids = sorted(scope)
    old = {r[0] for r in cur.execute(
        "SELECT DISTINCT incident_id FROM incident_events WHERE event_id IN "
        "(SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}
    if old:
        cur.execute("DELETE FROM incident_events WHERE incident_id IN "
                    "(SELECT unnest(?::VARCHAR[]))", [sorted(old)])
        cur.execute("DELETE FROM incidents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [sorted(old)])
    events = _load(cur, " AND e.id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    _write(cur, cluster(events, similarity(), cur))
    return len(events)


def rebuild(cur, similarity) -> int:
    """Cluster every asserted event from scratch; returns the number of incidents."""
    cur.execute("DELETE FROM incident_events")
    cur.execute("DELETE FROM incidents")
    clusters = cluster(_load(cur), similarity(), cur)
    _write(cur, clusters)
    return len(clusters)
