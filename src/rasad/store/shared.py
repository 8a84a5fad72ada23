"""A store a long-running server shares with other processes.

DuckDB lets one process hold a database file for writing, or any number of processes
hold it read-only, never both. A server that kept the file open would lock every
`rasad ingest` out for as long as it runs (and a read-write handle would lock out
`rasad query` too). :class:`SharedStore` opens the file only while requests use it:

- readers share one read-only handle, opened on the first request and closed once no
  request has used it for ``idle_seconds``, so `query` and `export` run beside the
  server at any time and `ingest` gets the file in the server's first idle moment;
- a write (``POST /documents``) waits for the readers in this process, closes the shared
  handle, opens the file for writing for that one transaction and closes it again;
- while another process writes, a read waits up to ``lock_timeout`` and then raises
  :class:`~rasad.store.store.StoreLocked` (the API answers 503 with ``Retry-After``).

:class:`HeldStore` is the same interface over one store opened by its owner (an
in-memory store, tests).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rasad.store.store import Store, StoreError

IDLE_SECONDS = 0.5  # a burst of page requests shares one handle; then the file is free
READ_LOCK_TIMEOUT = 2.0  # waiting for another process's write before answering 503
WRITE_LOCK_TIMEOUT = 10.0  # waiting for other processes' reads before a write gives up


class SharedStore:
    """The store at ``path``, opened on demand and released when idle (see the module)."""

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 idle_seconds: float = IDLE_SECONDS, read_timeout: float = READ_LOCK_TIMEOUT,
                 write_timeout: float = WRITE_LOCK_TIMEOUT, memory_limit: str | None = None,
                 similarity: str = "tfidf") -> None:
        if str(path) == ":memory:":
            raise StoreError(str(path), "an in-memory store cannot be shared (use HeldStore)")
        self.path = str(path)
        self.read_only = read_only
        self.idle_seconds = idle_seconds
        self.read_timeout = read_timeout
        self.write_timeout = write_timeout
        self._options = {"memory_limit": memory_limit, "similarity": similarity}
        self._cond = threading.Condition()
        self._handle: Store | None = None
        self._readers = 0
        self._writing = False
        self._last_used = 0.0
        self._closed = False
        self._reaper = threading.Thread(target=self._release_when_idle, daemon=True,
                                        name="rasad-store-reaper")
        self._reaper.start()

    @property
    def is_open(self) -> bool:
        """Whether this process holds the file now."""
        with self._cond:
            return self._handle is not None or self._writing

    @contextmanager
    def reading(self) -> Iterator[Store]:
        with self._cond:
            while self._writing:
                self._cond.wait()
            if self._handle is None:
                # opened under the lock: the other readers need the same handle anyway
                self._handle = Store(self.path, read_only=True, lock_timeout=self.read_timeout,
                                     **self._options)
            self._readers += 1
            handle = self._handle
        try:
            yield handle
        finally:
            with self._cond:
                self._readers -= 1
                self._last_used = time.monotonic()
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        if self.read_only:
            raise StoreError(self.path, "the store is shared read-only")
        with self._cond:
            while self._writing or self._readers:
                self._cond.wait()
            self._writing = True
            self._drop()
        try:
            with Store(self.path, lock_timeout=self.write_timeout, **self._options) as store:
                yield store
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            while self._readers or self._writing:
                self._cond.wait()
            self._drop()
            self._cond.notify_all()
        self._reaper.join(5)

    def __enter__(self) -> SharedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _drop(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _release_when_idle(self) -> None:
        with self._cond:
            while not self._closed:
                if self._handle is not None and not self._readers:
                    idle = time.monotonic() - self._last_used
                    if idle >= self.idle_seconds:
                        self._drop()
                        self._cond.wait()
                    else:
                        self._cond.wait(self.idle_seconds - idle)
                else:
                    self._cond.wait()


class HeldStore:
    """One open :class:`Store`, lent to every request; closed here only if ``owned``."""

    def __init__(self, store: Store, owned: bool = False) -> None:
        self.store = store
        self.read_only = store.read_only
        self.owned = owned

    @contextmanager
    def reading(self) -> Iterator[Store]:
        yield self.store

    @contextmanager
    def writing(self) -> Iterator[Store]:
        yield self.store

    def close(self) -> None:
        if self.owned:
            self.store.close()
