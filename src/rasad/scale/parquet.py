"""Result records as Parquet: one row per document, a fixed schema per ``debug`` setting.

Scalar fields are strings, ``warnings`` a list of strings, ``n_events`` an integer; every
nested field (``events`` and, with ``debug``, the analysis layers) is its JSON text, exactly
as in the JSONL output, so a reader can ``json.loads`` it or query it with DuckDB's JSON
functions (``SELECT id, json_extract(events, '$[0].type') FROM 'out/*.parquet'``).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasad.schema import Document

SCALARS = ("id", "title", "published", "url", "outlet", "language", "source_path", "text",
           "cleaned")


def _columns(debug: bool) -> list[str]:
    return list(Document(id="", text="").result_dict(debug=debug)) + ["n_events"]


def schema(debug: bool):
    import pyarrow as pa

    fields = []
    for name in _columns(debug):
        if name == "warnings":
            fields.append(pa.field(name, pa.list_(pa.string())))
        elif name == "n_events":
            fields.append(pa.field(name, pa.int32()))
        else:
            fields.append(pa.field(name, pa.string()))
    return pa.schema(fields)


def _cell(name: str, value: Any) -> Any:
    if name in SCALARS or name == "warnings":
        return value
    return json.dumps(value, ensure_ascii=False)


def write_part(records: list[dict[str, Any]], path: Path, debug: bool) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the environment
        from rasad.errors import RasadError

        raise RasadError("-o", "Parquet output needs pyarrow (pip install pyarrow)") from None
    sch = schema(debug)
    cols: dict[str, list] = {n: [] for n in sch.names}
    for rec in records:
        for name in sch.names:
            if name == "n_events":
                cols[name].append(len(rec["events"]))
            else:
                cols[name].append(_cell(name, rec.get(name)))
    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(pa.table(cols, schema=sch), tmp)
    tmp.replace(path)


def read_records(path: Path) -> list[dict[str, Any]]:
    """Rows back as result records (the inverse of :func:`write_part`)."""
    import pyarrow.parquet as pq

    rows = pq.read_table(path).to_pylist()
    out = []
    for row in rows:
        row.pop("n_events", None)
        out.append({k: (v if k in SCALARS or k == "warnings" else json.loads(v))
                    for k, v in row.items()})
    return out
