"""One flat table for every CSV and Parquet rasad writes: ACLED's columns, in ACLED's
order and with ACLED's values where the meaning is the same, then rasad's own columns.

An ACLED user's script (``pd.read_csv(...)[["event_date", "event_type", "fatalities"]]``,
``df.groupby("admin1").fatalities.sum()``) runs unchanged. Choices where ACLED's meaning
differs or rasad has nothing to say:

- ``event_id_cnty`` is the ISO3 code and a stable number from rasad's event id (ACLED
  numbers its rows); ``event_id`` (rasad's) is among the extra columns.
- ``time_precision`` is ACLED's 1 (day), 2 (week or a few days), 3 (month or coarser);
  ``event_date`` is always a day (a month's or a year's first day).
- ``inter1``/``inter2``/``interaction`` are ACLED's numeric actor-type codes
  (``resources/export/acled.toml``); empty when the actor is unknown.
- ``iso`` is the ISO 3166-1 numeric code and ``region`` ACLED's region, for the countries
  in the table (empty elsewhere); ``admin3``, ``assoc_actor_*`` and ``source_scale`` are
  empty (rasad does not code them).
- ``fatalities`` is 0 when no toll is reported, as in ACLED; ``fatalities_reported``
  keeps rasad's value (empty: not reported).
- ``notes`` is a one-line English summary; the Arabic evidence is in ``evidence``.
- ``timestamp`` is the publication day (UTC midnight, seconds since 1970), so output is
  reproducible; ACLED's is its own last update.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from functools import cache
from typing import Any

from rasad import resources

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
EXTRA_COLUMNS = (
    "event_id", "doc_id", "plover_type", "mode", "modality", "fatalities_reported", "injured",
    "arrested", "actor1_id", "actor2_id", "actor1_ar", "actor2_ar", "location_ar",
    "country_iso3", "attribution", "evidence", "evidence_start", "evidence_end", "confidence",
    "incident_id", "n_sources", "published", "url",
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
INTEGER_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction", "iso",
                             "geo_precision", "fatalities", "timestamp", "fatalities_reported",
                             "injured", "arrested", "evidence_start", "evidence_end", "n_sources"})
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


@cache
def _data() -> dict[str, Any]:
    return resources.load_toml("export", "acled.toml")


@cache
def _country_name(iso3: str) -> str | None:
    from rasad.geo.gazetteer import default_gazetteer

    rec = default_gazetteer().country_record(iso3)
    return rec.name if rec else None


def _inter(actor: dict | None, event_country: str | None) -> int | None:
    if not actor:
        return None
    kind = actor.get("kind")
    if kind in ("state", "state_military", "police") and actor.get("country") and \
            event_country and actor["country"] != event_country:
        kind = "external"
    return _data()["inter"].get(kind)


def _number(event_id: str) -> int:
    return int(hashlib.sha1(event_id.encode()).hexdigest()[:8], 16) % 10**8


def _timestamp(published: str | None) -> int | None:
    try:
        day = date.fromisoformat(str(published)[:10])
    except ValueError:
        return None
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())


def _full_date(value: str | None) -> str | None:
    """ACLED's event_date is always a day: a month or a year is its first day (with
    ``time_precision`` 3 saying how much is known)."""
    if not value:
        return None
    value = str(value)[:10]
    return value + "-01" * ((10 - len(value)) // 3) if len(value) in (4, 7) else value


def _name(actor: dict | None) -> str | None:
    return (actor.get("name") or actor.get("text")) if actor else None


def _notes(e: dict, location: str | None) -> str:
    date_value = (e.get("date") or {}).get("value")
    parts = [f"On {date_value}" if date_value else "On an unreported date",
             f"{_name(e.get('actor1')) or 'unidentified actors'}"]
    what = (e.get("acled") or {}).get("sub_event_type") or e.get("type", "").lower()
    parts.append(f"({what})")
    if e.get("actor2"):
        parts.append(f"against {_name(e['actor2'])}")
    if location:
        parts.append(f"in {location}")
    counts = [f"{e[k]} {w}" for k, w in (("fatalities", "killed"), ("injured", "injured"),
                                           ("arrested", "arrested")) if e.get(k)]
    return " ".join(parts) + (f": {', '.join(counts)}" if counts else "") + "."


def row(e: dict, *, outlet: str | None = None, published: str | None = None,
        url: str | None = None, incident_id: str | None = None,
        n_sources: int | None = None) -> dict[str, Any]:
    """The flat row of one event record (``Event.to_dict()``, EVENTS.md §2)."""
    loc = e.get("location") or {}
    iso3 = loc.get("country")
    numeric, region = (_data()["countries"].get(iso3) or (None, None)) if iso3 else (None, None)
    acled = e.get("acled") or {}
    a1, a2 = e.get("actor1"), e.get("actor2")
    i1, i2 = _inter(a1, iso3), _inter(a2, iso3)
    d = e.get("date") or {}
    date_value = _full_date(d.get("value"))
    location = loc.get("name") or loc.get("name_ar") or loc.get("text")
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{_number(e['id'])}",
        "event_date": date_value,
        "year": int(date_value[:4]) if date_value else None,
        "time_precision": _PRECISION.get(d.get("precision")),
        "disorder_type": _data()["disorder"].get(acled.get("event_type")),
        "event_type": acled.get("event_type"), "sub_event_type": acled.get("sub_event_type"),
        "actor1": _name(a1), "assoc_actor_1": None, "inter1": i1,
        "actor2": _name(a2), "assoc_actor_2": None, "inter2": i2,
        "interaction": (10 * min(i1, i2) + max(i1, i2)) if i1 and i2 else
        (10 * i1 if i1 else None),
        "civilian_targeting": "Civilian targeting" if i2 == 7 else None,
        "iso": numeric, "region": region,
        "country": _country_name(iso3) if iso3 else None,
        "admin1": loc.get("admin1"), "admin2": loc.get("admin2"), "admin3": None,
        "location": location, "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": loc.get("geo_precision"),
        "source": outlet or (e.get("attribution") or {}).get("source"), "source_scale": None,
        "notes": _notes(e, location), "fatalities": e.get("fatalities") or 0, "tags": None,
        "timestamp": _timestamp(published),
        "event_id": e["id"], "doc_id": e.get("doc_id"), "plover_type": e.get("type"),
        "mode": e.get("mode"), "modality": e.get("modality"),
        "fatalities_reported": e.get("fatalities"), "injured": e.get("injured"),
        "arrested": e.get("arrested"),
        "actor1_id": a1.get("id") if a1 else None, "actor2_id": a2.get("id") if a2 else None,
        "actor1_ar": (a1.get("name_ar") or a1.get("text")) if a1 else None,
        "actor2_ar": (a2.get("name_ar") or a2.get("text")) if a2 else None,
        "location_ar": loc.get("name_ar") or loc.get("text"), "country_iso3": iso3,
        "attribution": (e.get("attribution") or {}).get("source"),
        "evidence": (e.get("evidence") or {}).get("text"),
        "evidence_start": (e.get("evidence") or {}).get("start"),
        "evidence_end": (e.get("evidence") or {}).get("end"),
        "confidence": e.get("confidence"), "incident_id": incident_id, "n_sources": n_sources,
        "published": published, "url": url,
    }


def arrow_table(rows: list[dict[str, Any]]):
    """The rows as a pyarrow Table with the schema's column types (for Parquet)."""
    import pyarrow as pa

    def kind(c: str):
        return pa.int64() if c in INTEGER_COLUMNS else pa.float64() if c in FLOAT_COLUMNS \
            else pa.string()

    schema = pa.schema([(c, kind(c)) for c in COLUMNS])
    return pa.Table.from_pylist([{c: r.get(c) for c in COLUMNS} for r in rows], schema=schema)
