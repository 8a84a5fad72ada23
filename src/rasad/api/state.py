"""Settings and shared state of the API app (one store handle, one pipeline)."""
from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 1_000_000  # bytes of a request body (an article of ~500k Arabic letters)
DEFAULT_MAX_PAGE = 500  # rows of one /events or /incidents page
DEFAULT_MAX_FEATURES = 20_000  # features of one /events.geojson answer


@dataclass
class Settings:
    db_path: str
    token: str | None = None
    allow_writes: bool = True
    read_only: bool = False
    max_body: int = DEFAULT_MAX_BODY
    max_page: int = DEFAULT_MAX_PAGE
    max_features: int = DEFAULT_MAX_FEATURES


@dataclass
class State:
    """What the routes share: one store handle and one pipeline.

    The store gives each thread its own cursor; the pipeline's lazy resource loading is not
    guarded, so extractions take turns (a local tool needs no more).
    """

    settings: Settings
    store: Any = None
    pipeline_lock: threading.Lock = field(default_factory=threading.Lock)
    _pipeline: Any = None
    pipeline_factory: Callable[[], Any] | None = None

    def pipeline(self) -> Any:
        with self.pipeline_lock:
            if self._pipeline is None:
                if self.pipeline_factory is not None:
                    self._pipeline = self.pipeline_factory()
                else:
                    from rasad.pipeline import Pipeline

                    self._pipeline = Pipeline.from_config()
            return self._pipeline

    def extract(self, doc: Any) -> Any:
        """``doc`` through the pipeline; a failing stage answers 500 with its message."""
        from rasad.errors import RasadError

        pipeline = self.pipeline()
        with self.pipeline_lock:
            try:
                return pipeline(doc)
            except RasadError as exc:
                log.exception("extraction failed")
                raise HTTPException(500, f"extraction failed: {exc}") from exc

    def check_write(self, authorization: str | None) -> None:
        s = self.settings
        if s.read_only:
            raise HTTPException(405, "the server opened the store read-only")
        if not s.allow_writes:
            raise HTTPException(403, "writes are disabled: the server binds a non-loopback "
                                     "address and was started without --token")
        if s.token is None:
            return
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                                 s.token.encode()):
            raise HTTPException(401, "this write needs 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})
