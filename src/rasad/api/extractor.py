"""Extraction for the API in a child process, so a long or hostile document never holds
the server's interpreter (other endpoints keep answering) and a time budget can stop it.

One worker process runs the pipeline (built once, as in ``--workers``); requests take
turns on it. A document that passes the budget gets its worker killed and restarted, and
the request a one-line error; a worker that dies is restarted for the next request.
"""
from __future__ import annotations

import logging
import threading
from typing import Any

from rasad.config import Config, load_config
from rasad.errors import OverBudget, WorkerLost
from rasad.schema import Document

log = logging.getLogger(__name__)

DEFAULT_SECONDS = 60.0  # per document; an article takes milliseconds


def _serve(conn: Any, config: Config) -> None:
    from rasad.scale import worker

    worker.warm(config)
    while True:
        try:
            doc = conn.recv()
        except EOFError:
            return
        if doc is None:
            return
        conn.send(worker.process(doc, config))


class ProcessExtractor:
    """``extract(doc)`` in a child process, at most ``seconds`` per document."""

    def __init__(self, config: Config | None = None, seconds: float = DEFAULT_SECONDS) -> None:
        self.config = config or load_config()
        self.seconds = seconds
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Any = None

    def _start(self) -> None:
        from rasad.scale.local import _context

        ctx = _context()
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, self.config), daemon=True,
                                 name="rasad-extract")
        self._proc.start()
        child.close()
        self._conn = parent

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def extract(self, doc: Document) -> Document:
        from rasad.scale.worker import Failure

        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self._stop()
                self._start()
            try:
                self._conn.send(doc)
                # the first request also waits for the pipeline to load
                if not self._conn.poll(self.seconds):
                    self._stop()
                    raise OverBudget(doc.id, f"extraction took longer than {self.seconds:g} s "
                                             "(the per-document budget); split the text")
                out = self._conn.recv()
            except (EOFError, OSError) as exc:
                self._stop()
                raise WorkerLost(doc.id, f"the extraction process died ({type(exc).__name__}); "
                                         "it is restarted for the next request") from exc
        if isinstance(out, Failure):
            raise out.rebuild()
        return out

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.send(None)
                except OSError:
                    pass
            if self._proc is not None:
                self._proc.join(2)
            self._stop()
