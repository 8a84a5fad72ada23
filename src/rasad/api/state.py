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
DEFAULT_MAX_FEATURES = 5_000  # features of one /events.geojson page
DEFAULT_EXTRACT_SECONDS = 60.0  # per document extracted by POST /extract or /documents


@dataclass
class Settings:
    db_path: str
    token: str | None = None
    allow_writes: bool = True
    read_only: bool = False
    max_body: int = DEFAULT_MAX_BODY
    max_page: int = DEFAULT_MAX_PAGE
    max_features: int = DEFAULT_MAX_FEATURES
    extract_seconds: float = DEFAULT_EXTRACT_SECONDS
    memory_limit: str | None = None


@dataclass
class State:
    """What the routes share: the store and one pipeline.

    ``store`` lends a :class:`~rasad.store.Store` for reading or writing
    (:class:`~rasad.store.shared.SharedStore`); a store gives each thread its own cursor. Extraction runs in a child process
    (:class:`~rasad.api.extractor.ProcessExtractor`): requests take turns on it, and the
    server's own interpreter stays free for every other endpoint. A ``pipeline_factory``
    runs the pipeline in-process instead (tests with a prepared pipeline).
    """

    settings: Settings
    store: Any = None
    pipeline_lock: threading.Lock = field(default_factory=threading.Lock)
    _pipeline: Any = None
    pipeline_factory: Callable[[], Any] | None = None
    extractor: Any = None

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
        """``doc`` through the pipeline. A document over the work or time budget (an
        ``E1xx`` input error) answers 422 with its message; a failing stage answers 500."""
        from rasad.errors import InputError, RasadError

        try:
            if self.pipeline_factory is not None:
                pipeline = self.pipeline()
                with self.pipeline_lock:
                    return pipeline(doc)
            with self.pipeline_lock:
                if self.extractor is None:
                    from rasad.api.extractor import ProcessExtractor

                    self.extractor = ProcessExtractor(seconds=self.settings.extract_seconds)
            return self.extractor.extract(doc)
        except InputError as exc:
            raise HTTPException(422, str(exc)) from exc
        except RasadError as exc:
            log.error("extraction failed: %s", exc)
            raise HTTPException(500, f"extraction failed: {exc}") from exc

    def close(self) -> None:
        if self.extractor is not None:
            self.extractor.close()
            self.extractor = None

    def check_write(self, authorization: str | None, origin: str | None = None,
                    host: str | None = None, fetch_site: str | None = None) -> None:
        """Writes need the token when there is one; without one (loopback) a browser's
        write must come from the server's own page: a page elsewhere (or one that rebinds
        its name to 127.0.0.1) cannot add documents."""
        s = self.settings
        if s.read_only:
            raise HTTPException(405, "the server opened the store read-only")
        if not s.allow_writes:
            raise HTTPException(403, "writes are disabled: the server binds a non-loopback "
                                     "address and was started without --token")
        if s.token is None:
            if fetch_site is not None and fetch_site not in ("same-origin", "none"):
                raise HTTPException(403, f"cross-site write refused (Sec-Fetch-Site: {fetch_site})")
            if origin is not None and origin != "null" and host is not None \
                    and origin.split("://", 1)[-1].rstrip("/") != host:
                raise HTTPException(403, f"write from another origin ({origin}) refused; "
                                         "start the server with --token to allow other clients")
            if origin == "null":
                raise HTTPException(403, "write from an opaque origin refused")
            return
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                                 s.token.encode()):
            raise HTTPException(401, "this write needs 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})
