"""The :class:`Store`: ingest documents, query events, incidents and statistics.

One process may write a database file at a time (DuckDB's rule). Inside that process any
number of threads may read while one writes: each thread gets its own cursor, and an
ingest batch is one transaction, so readers see a document either wholly before or wholly
after it changed. Other processes can open the file ``read_only`` only while no process
holds it for writing (see docs/STORE.md).
"""
from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.errors import RasadError
from rasad.schema import Document
from rasad.store import incident_db as incidents_mod
from rasad.store import queries
from rasad.store.filters import EventFilter
from rasad.store.migrations import SCHEMA_VERSION, current_version, migrate
from rasad.store.records import (
    DOCUMENT_COLUMNS, EVENT_COLUMNS, content_hash, document_row, event_row, to_arrow,
)

log = logging.getLogger(__name__)

BATCH = 500  # documents per write transaction


class StoreError(RasadError):
    code = "E500"


def _lock_message(duckdb_error: str, read_only: bool) -> str:
    """Who holds the database, in words: DuckDB names the holder's PID, and a process that
    opened it read-only still keeps writers out (and the other way round)."""
    import re

    pid = re.search(r"PID (\d+)", duckdb_error)
    holder = f"process {pid.group(1)}" if pid else "another process"
    want = "read it" if read_only else "write to it"
    return (f"database is open in {holder} (DuckDB lets one process at a time hold a "
            f"database file unless every process only reads it), so this one cannot {want}; "
            "try again after that process finishes")


class StoreLocked(StoreError):
    code = "E501"


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0  # events written (of added and replaced documents)

    def __iadd__(self, other: IngestReport) -> IngestReport:
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.events += other.events
        return self

    def to_dict(self) -> dict[str, int]:
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
                "events": self.events}


class Store:
    """An event database (DuckDB file; ``":memory:"`` for a throw-away one)."""

    def __init__(self, path: str | Path = "rasad.duckdb", read_only: bool = False, *,
                 lock_timeout: float = 0.0, similarity: str = "tfidf",
                 memory_limit: str | None = None) -> None:
        """``memory_limit``: DuckDB's cap on its buffers (``'256MB'``); a long-running
        server sets one, so a burst of queries cannot grow it without bound."""
        import duckdb

        self.path = str(path)
        self.read_only = read_only
        self.similarity_backend = similarity
        self._similarity = None
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(self.path, "no such database (run `rasad ingest` first)")
        deadline = time.monotonic() + lock_timeout
        while True:
            try:
                self._con = duckdb.connect(self.path, read_only=read_only, config=(
                    {"memory_limit": memory_limit} if memory_limit else {}))
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise StoreError(self.path, f"cannot open database: {exc}") from None
                if time.monotonic() >= deadline:
                    raise StoreLocked(self.path, _lock_message(str(exc), read_only)) from None
                time.sleep(0.2)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        if read_only:
            version = current_version(self._con, create=False)
            if version != SCHEMA_VERSION:
                self._con.close()
                raise StoreError(self.path, f"database schema version {version}, this rasad "
                                 f"needs {SCHEMA_VERSION}: open it once for writing to migrate")
        else:
            migrate(self._con)

    # ------------------------------------------------------------------ plumbing
    def _cur(self):
        """A cursor for the calling thread (DuckDB connections are not shared across threads)."""
        cur = getattr(self._local, "cur", None)
        if cur is None:
            cur = self._local.cur = self._con.cursor()
        return cur

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return current_version(self._cur(), create=False)

    def similarity(self):
        if self._similarity is None:
            from rasad.store.similarity import get_similarity

            self._similarity = get_similarity(self.similarity_backend)
        return self._similarity

    # ------------------------------------------------------------------ writing
    def ingest(self, docs: Iterable[Document]) -> IngestReport:
        """Store processed documents; unchanged ones (same content hash) are left alone."""
        report = IngestReport()
        for batch in _batches(docs, BATCH):
            report += self._write_batch(batch)
        return report

    def ingest_paths(self, paths: list[str], published: str | None = None, *,
                     config: str | Path | None = None, force: bool = False,
                     progress: bool = False) -> tuple[IngestReport, list[RasadError]]:
        """Read inputs, extract events from new or changed documents, store them.

        Unchanged documents are recognised before extraction, so re-ingesting is cheap.
        Unreadable inputs and failing documents are returned, like ``rasad.batch``.
        """
        from rasad.batch import BatchReport, progress_for, read_all, run, warned
        from rasad.config import load_config
        from rasad.pipeline import Pipeline

        cfg = load_config(config)
        pipeline = Pipeline.from_config(cfg)
        batch_report = BatchReport()
        report = IngestReport()
        items = read_all(paths, published, cfg.get("input", "max_chars", 1_000_000))
        bar = progress_for(paths, progress)  # one bar over every batch, with the total
        for chunk in _batches(items, BATCH):
            docs = [d for d in chunk if isinstance(d, Document)]
            errors = [d for d in chunk if not isinstance(d, Document)]
            known = {} if force else self._hashes([d.id for d in docs])
            todo: dict[str, Document] = {}
            for d in docs:
                if known.get(d.id) == content_hash(d.text, d.published):
                    todo.pop(d.id, None)
                    report.unchanged += 1
                else:
                    todo[d.id] = d  # a later copy of the same id wins
            for _ in range(len(docs) - len(todo)):
                bar.tick()  # unchanged documents count as done
            processed = list(warned(run([*errors, *todo.values()], pipeline, batch_report,
                                        progress=bar)))
            report += self._write_batch(processed, force=force)
        bar.close()
        return report, batch_report.failures

    def _hashes(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = self._cur().execute(
            "SELECT id, content_hash FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [ids]).fetchall()
        return dict(rows)

    def _write_batch(self, docs: list[Document], force: bool = False) -> IngestReport:
        report = IngestReport()
        if self.read_only:
            raise StoreError(self.path, "opened read-only")
        latest: dict[str, tuple[Document, str]] = {}
        for d in docs:
            latest[d.id] = (d, content_hash(d.text, d.published))
        with self._write_lock:
            cur = self._cur()
            known = self._hashes(list(latest))
            changed = [(d, h) for i, (d, h) in latest.items() if force or known.get(i) != h]
            report.unchanged = len(latest) - len(changed)
            replaced = [d.id for d, _ in changed if d.id in known]
            report.replaced = len(replaced)
            report.added = len(changed) - len(replaced)
            if not changed:
                return report
            doc_rows = [document_row(d, h) for d, h in changed]
            seen: set[str] = set()
            ev_rows = []
            for d, _ in changed:
                for ev in d.events:
                    if ev.id not in seen:
                        seen.add(ev.id)
                        ev_rows.append(event_row(ev))
            report.events = len(ev_rows)
            cur.execute("BEGIN TRANSACTION")
            try:
                touched = incidents_mod.detach_documents(cur, replaced)
                if replaced:
                    cur.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                                [replaced])
                    cur.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                [replaced])
                _insert(cur, "documents", to_arrow(doc_rows, DOCUMENT_COLUMNS), DOCUMENT_COLUMNS)
                if ev_rows:
                    _insert(cur, "events", to_arrow(ev_rows, EVENT_COLUMNS), EVENT_COLUMNS)
                incidents_mod.refresh(cur, [r["id"] for r in ev_rows], touched, self.similarity)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        log.info("stored %d new, %d replaced documents (%d events)", report.added,
                 report.replaced, report.events)
        return report

    def recompute_incidents(self) -> int:
        """Cluster every asserted event again; returns the number of incidents."""
        with self._write_lock:
            cur = self._cur()
            cur.execute("BEGIN TRANSACTION")
            try:
                n = incidents_mod.rebuild(cur, self.similarity)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return n

    # ------------------------------------------------------------------ reading
    def events(self, filters: EventFilter | None = None, limit: int = 100,
               offset: int = 0, sort: str | None = None) -> list[dict[str, Any]]:
        """``sort``: a key of ``queries.SORT_KEYS`` (``-key`` descending); default newest first."""
        return queries.events(self._cur(), filters or EventFilter(), limit, offset, sort)

    def count_events(self, filters: EventFilter | None = None) -> int:
        return queries.count_events(self._cur(), filters or EventFilter())

    def event(self, event_id: str) -> dict[str, Any] | None:
        return queries.event(self._cur(), event_id)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        return queries.document(self._cur(), doc_id)

    def incidents(self, filters: EventFilter | None = None, limit: int = 100,
                  offset: int = 0) -> list[dict[str, Any]]:
        return queries.incidents(self._cur(), filters or EventFilter(), limit, offset)

    def count_incidents(self, filters: EventFilter | None = None) -> int:
        return queries.count_incidents(self._cur(), filters or EventFilter())

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        return queries.incident(self._cur(), incident_id)

    def stats(self, filters: EventFilter | None = None) -> dict[str, Any]:
        return queries.stats(self._cur(), filters or EventFilter())

    def weekly(self, filters: EventFilter | None = None) -> dict[str, Any]:
        return queries.weekly(self._cur(), filters or EventFilter())

    def counts(self) -> dict[str, int]:
        cur = self._cur()
        return {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "incidents", "incident_events")}


def _insert(cur, table: str, arrow_table, columns: tuple[str, ...]) -> None:
    name = f"_in_{table}"
    cur.register(name, arrow_table)
    try:
        cols = ", ".join(columns)
        cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
    finally:
        cur.unregister(name)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def loads(value: str | None) -> Any:
    return json.loads(value) if value else None
