"""Writers for document results: JSON, JSONL, ACLED-compatible CSV, GeoJSON."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from rasad.acled_table import COLUMNS
from rasad.acled_table import row as acled_row
from rasad.schema import Document, Event

FORMATS = ("json", "jsonl", "csv", "geojson")

# the one flat schema of every CSV and Parquet (ACLED's columns, then rasad's)
CSV_COLUMNS = COLUMNS


def event_row(ev: Event, doc: Document | None = None) -> dict[str, Any]:
    """One flat row (:mod:`rasad.acled_table`); empty cells where a value is unknown."""
    return acled_row(ev.to_dict(debug=False), outlet=doc.outlet if doc else None,
                     published=doc.published if doc else None, url=doc.url if doc else None)


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
                writer.writerow(event_row(ev, doc))
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
