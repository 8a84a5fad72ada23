"""Event store: documents, events and incidents in an embedded DuckDB database.

``from rasad.store import Store, EventFilter`` -- the names load lazily, so importing
``rasad.store.commands`` (the CLI hook) does not import DuckDB.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Store", "EventFilter", "IngestReport", "StoreError", "StoreLocked"]


def __getattr__(name: str) -> Any:
    if name in ("Store", "IngestReport", "StoreError", "StoreLocked"):
        from rasad.store import store

        return getattr(store, name)
    if name == "EventFilter":
        from rasad.store.filters import EventFilter

        return EventFilter
    raise AttributeError(f"module 'rasad.store' has no attribute {name!r}")
