"""Writers for document results: JSON, JSONL, ACLED-compatible CSV, GeoJSON."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from rasad.acled_table import COLUMNS
from rasad.acled_table import row as acled_row
from rasad.schema import Document, Event

FORMATS = ("text", "json", "jsonl", "csv", "geojson")

# the one flat schema of every CSV and Parquet (ACLED's columns, then rasad's)
CSV_COLUMNS = COLUMNS


def event_row(ev: Event, doc: Document | None = None) -> dict[str, Any]:
    """One flat row (:mod:`rasad.acled_table`); empty cells where a value is unknown."""
    return acled_row(ev.to_dict(debug=False), outlet=doc.outlet if doc else None,
                     published=doc.published if doc else None, url=doc.url if doc else None)


def _rtl(text: str) -> str:
    # an Arabic run inside a left-to-right line, isolated so the terminal orders it right
    return f"\u2067{text}\u2069"


def text_summary(doc: Document, width: int = 90) -> str:
    """A person's view of one document: a header line, then one line per event (type,
    date, place, actors, counts, modality) and its Arabic evidence, indented."""
    lines = [f"{doc.id}  ({len(doc.events)} event{'s' * (len(doc.events) != 1)})"
             + (f"  {doc.published}" if doc.published else "")]
    for ev in doc.events:
        loc = ev.location
        place = (loc.name or loc.name_ar or loc.text) if loc else "place unknown"
        if loc and loc.admin1 and loc.admin1 != place:
            place += f", {loc.admin1}"
        who = " -> ".join(a.name or a.text for a in (ev.actor1, ev.actor2) if a) or "actors unknown"
        counts = ", ".join(f"{v} {k}" for k, v in (("killed", ev.fatalities),
                                                    ("injured", ev.injured),
                                                    ("arrested", ev.arrested)) if v)
        date = ev.date.value if ev.date and ev.date.value else "undated"
        head = f"  {ev.type:<9} {date:<10}  {place}  |  {who}"
        if counts:
            head += f"  |  {counts}"
        if ev.modality != "asserted":
            head += f"  [{ev.modality}]"
        lines.append(head)
        if ev.evidence:
            evidence = ev.evidence.text if len(ev.evidence.text) <= width else \
                ev.evidence.text[:width - 1] + "…"
            lines.append("            " + _rtl(evidence))
    return "\n".join(lines) + "\n\n"


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
    elif fmt == "text":
        for doc in docs:
            out.write(text_summary(doc))
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
