"""Reading predictions for ``rasad eval``: grouped event records by document id.

Accepted shapes (the file or a list of dicts already in memory):
- JSONL of document results ``{"id", ..., "events": [...]}`` (``rasad extract --format jsonl``);
- JSONL of bare event records, each with ``doc_id`` (grouped by ``doc_id``);
- a JSON array of either, or a single JSON document object (``--format json``).
A line may mix both shapes. A document listed twice has its events concatenated in order.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasad.errors import EmptyInput, MalformedRecord, MissingInput, UndecodableInput


def load_predictions(source: Path | str | list[dict]) -> dict[str, list[dict]]:
    """Event records per document id, in input order."""
    if isinstance(source, list):
        return group(source, "predictions")
    path = Path(source)
    name = str(path)
    if not path.is_file():
        raise MissingInput(name, "prediction file not found")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UndecodableInput(name, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if not text.strip():
        raise EmptyInput(name, "prediction file is empty")
    return group(_parse(text, name), name)


def _parse(text: str, name: str) -> list[Any]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise MalformedRecord(name, f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
        return data
    records: list[Any] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            if not records:  # maybe one pretty-printed JSON object, not JSONL
                try:
                    return [json.loads(stripped)]
                except json.JSONDecodeError:
                    pass
            raise MalformedRecord(name, f"line {n}: invalid JSON: {exc.msg}") from None
    return records


def group(records: list[Any], name: str) -> dict[str, list[dict]]:
    """Group document results and bare event records by document id."""
    out: dict[str, list[dict]] = {}
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, dict):
            raise MalformedRecord(name, f"record {n}: not a JSON object")
        if "events" in rec:
            doc_id = rec.get("id", rec.get("doc_id"))
            events = rec["events"]
            if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
                raise MalformedRecord(name, f"record {n}: 'events' must be a list of objects")
        else:
            doc_id = rec.get("doc_id")
            events = [rec]
        if not isinstance(doc_id, str) or not doc_id:
            raise MalformedRecord(name, f"record {n}: no document id ('id' or 'doc_id')")
        out.setdefault(doc_id, []).extend(events)
    return out
