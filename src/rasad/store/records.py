"""Documents and events flattened into column batches for bulk (Arrow) inserts."""
from __future__ import annotations

import calendar
import hashlib
import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

from rasad import __version__
from rasad.schema import Document, Event
from rasad.text.normalize import match_key, normalize

DOCUMENT_COLUMNS = ("id", "url", "outlet", "published", "title", "text", "content_hash",
                    "language", "warnings", "mentions", "n_events", "rasad_version",
                    "ingested_at")

_ACTOR_FIELDS = ("id", "name", "name_ar", "kind", "country", "text")
_PLACE_FIELDS = (("location_name", "name"), ("location_name_ar", "name_ar"),
                 ("feature", "feature"), ("admin1", "admin1"), ("admin2", "admin2"),
                 ("country", "country"), ("lat", "lat"), ("lon", "lon"),
                 ("geo_precision", "geo_precision"), ("gazetteer_id", "gazetteer_id"))

EVENT_COLUMNS = (
    "id", "doc_id", "type", "mode", "modality", "acled_event_type", "acled_sub_event_type",
    *[f"actor{n}_{f}" for n in (1, 2) for f in _ACTOR_FIELDS],
    *[c for c, _ in _PLACE_FIELDS],
    "date_value", "date_precision", "date_text", "date_from", "date_to",
    "fatalities", "injured", "arrested", "attribution_source",
    "evidence_text", "evidence_start", "evidence_end", "evidence_key", "confidence", "record",
    "evidence_spans",
)


def content_hash(text: str, published: str | None) -> str:
    """What decides whether a document must be extracted again: its text and its date
    (relative dates resolve against the publication date)."""
    h = hashlib.sha256()
    h.update(text.encode("utf-8"))
    h.update(b"\x1f")
    h.update((published or "").encode("utf-8"))
    return h.hexdigest()[:32]


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def date_window(value: str | None, precision: str | None) -> tuple[date | None, date | None]:
    """The days a date of this precision may stand for.

    A ``week`` date is the publication-date fallback (EVENTS.md: "precision lowered"), so
    the event lies in the week up to it; month and year values are ``YYYY-MM`` / ``YYYY``.
    """
    if not value:
        return None, None
    try:
        parts = [int(p) for p in value[:10].split("-")]
    except ValueError:
        return None, None
    try:
        if len(parts) == 1 or precision == "year":
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2 or precision == "month":
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        day = date(*parts[:3])
    except ValueError:
        return None, None
    if precision == "week":
        return day - timedelta(days=7), day
    return day, day


def document_row(doc: Document, chash: str) -> dict[str, Any]:
    mentions = {
        "actors": [a.to_dict() for a in doc.actors],
        "places": [p.to_dict() for p in doc.places],
    }
    return {
        "id": doc.id, "url": doc.url, "outlet": doc.outlet, "published": doc.published,
        "title": doc.title, "text": doc.text, "content_hash": chash,
        "language": doc.language, "warnings": json.dumps(doc.warnings, ensure_ascii=False),
        "mentions": json.dumps(mentions, ensure_ascii=False), "n_events": len(doc.events),
        "rasad_version": __version__,
        "ingested_at": datetime.now(timezone.utc).replace(tzinfo=None),
    }


def event_row(ev: Event) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": ev.id, "doc_id": ev.doc_id, "type": ev.type, "mode": ev.mode,
        "modality": ev.modality,
        "acled_event_type": ev.acled.event_type if ev.acled else None,
        "acled_sub_event_type": ev.acled.sub_event_type if ev.acled else None,
    }
    for n, actor in ((1, ev.actor1), (2, ev.actor2)):
        for f in _ACTOR_FIELDS:
            row[f"actor{n}_{f}"] = getattr(actor, f) if actor is not None else None
    for col, attr in _PLACE_FIELDS:
        row[col] = getattr(ev.location, attr) if ev.location is not None else None
    d = ev.date
    row["date_value"] = d.value if d else None
    row["date_precision"] = d.precision if d else None
    row["date_text"] = d.text if d else None
    row["date_from"], row["date_to"] = date_window(row["date_value"], row["date_precision"])
    row["fatalities"], row["injured"], row["arrested"] = ev.fatalities, ev.injured, ev.arrested
    row["attribution_source"] = ev.attribution.source if ev.attribution else None
    e = ev.evidence
    row["evidence_text"] = e.text if e else None
    row["evidence_start"] = e.start if e else None
    row["evidence_end"] = e.end if e else None
    row["evidence_key"] = match_key(normalize(e.text).text) if e else None
    row["confidence"] = ev.confidence
    row["record"] = json.dumps(ev.to_dict(debug=False), ensure_ascii=False)
    row["evidence_spans"] = json.dumps([s.to_dict() for s in ev.evidence_spans], ensure_ascii=False)
    return row


def to_arrow(rows: list[dict[str, Any]], columns: tuple[str, ...]):
    """Rows as a pyarrow Table (column order fixed), for ``INSERT ... SELECT`` from DuckDB."""
    import pyarrow as pa

    return pa.table({c: [r[c] for r in rows] for c in columns}, schema=_schema(columns))


_TYPES = {
    "lat": "float64", "lon": "float64", "confidence": "float64",
    "geo_precision": "int32", "fatalities": "int32", "injured": "int32", "arrested": "int32",
    "evidence_start": "int32", "evidence_end": "int32", "n_events": "int32",
    "date_from": "date32", "date_to": "date32", "ingested_at": "timestamp",
}


def _schema(columns: tuple[str, ...]):
    import pyarrow as pa

    def tp(c: str):
        t = _TYPES.get(c, "string")
        if t == "timestamp":
            return pa.timestamp("us")
        return getattr(pa, t)()

    return pa.schema([(c, tp(c)) for c in columns])
