"""Writers for document results: JSON, JSONL, ACLED-like CSV, GeoJSON."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from rasad.schema import Document, Event

FORMATS = ("json", "jsonl", "csv", "geojson")

CSV_COLUMNS = (
    "event_id", "doc_id", "event_date", "time_precision", "type", "mode", "acled_event_type",
    "acled_sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "injured", "arrested", "modality",
    "source", "evidence",
)


def event_row(ev: Event) -> dict[str, Any]:
    """One flat ACLED-like row; empty cells where a value is unknown."""
    loc = ev.location
    return {
        "event_id": ev.id,
        "doc_id": ev.doc_id,
        "event_date": ev.date.value if ev.date else None,
        "time_precision": ev.date.precision if ev.date else None,
        "type": ev.type,
        "mode": ev.mode,
        "acled_event_type": ev.acled.event_type if ev.acled else None,
        "acled_sub_event_type": ev.acled.sub_event_type if ev.acled else None,
        "actor1": ev.actor1.name or ev.actor1.text if ev.actor1 else None,
        "actor2": ev.actor2.name or ev.actor2.text if ev.actor2 else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "location": (loc.name or loc.name_ar or loc.text) if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "fatalities": ev.fatalities,
        "injured": ev.injured,
        "arrested": ev.arrested,
        "modality": ev.modality,
        "source": ev.attribution.source if ev.attribution else None,
        "evidence": ev.evidence.text if ev.evidence else None,
    }


def geojson_feature(ev: Event, explain: bool = False) -> dict[str, Any] | None:
    loc = ev.location
    if loc is None or loc.lat is None or loc.lon is None:
        return None
    props = ev.to_dict(debug=explain)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
            "properties": props}


def write(docs: Iterable[Document], fmt: str, out: IO[str], *, debug: bool = False,
          explain: bool = False) -> int:
    """Write results as they arrive (JSONL/CSV stream); returns the number of documents."""
    n = 0
    if fmt == "jsonl":
        for doc in docs:
            out.write(json.dumps(_result(doc, debug, explain), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for doc in docs:
            out.write(("," if n else "") + "\n" + json.dumps(_result(doc, debug, explain),
                                                           ensure_ascii=False, indent=1))
            n += 1
        out.write("\n]\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for doc in docs:
            for ev in doc.events:
                writer.writerow(event_row(ev))
            n += 1
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
        first = True
        for doc in docs:
            for ev in doc.events:
                feat = geojson_feature(ev, explain)
                if feat is not None:
                    out.write(("" if first else ",") + "\n" + json.dumps(feat, ensure_ascii=False))
                    first = False
            n += 1
        out.write("\n]}\n")
    else:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return n


def _result(doc: Document, debug: bool, explain: bool) -> dict[str, Any]:
    data = doc.result_dict(debug=debug)
    if explain and not debug:
        data["events"] = [ev.to_dict(debug=True) for ev in doc.events]
    return data
