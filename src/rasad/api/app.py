"""The FastAPI application: the store behind a JSON API, and the web page at ``/``."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from fastapi.staticfiles import StaticFiles

from rasad import __version__
from rasad.errors import RasadError
from rasad.store.store import StoreLocked
from rasad.api.limits import BodyLimit
from rasad.api.state import (
    DEFAULT_EXTRACT_SECONDS, DEFAULT_MAX_BODY, DEFAULT_MAX_FEATURES, DEFAULT_MAX_PAGE, Settings,
    State,
)

log = logging.getLogger(__name__)

# The page loads only its own files; the map has no tile server, so nothing else is needed.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


def web_dir() -> Path:
    return Path(str(resources.files("rasad").joinpath("web")))


def shared_store(settings: Settings, store: Any = None) -> Any:
    """What the routes read and write through: the given open store (its owner closes
    it), one held in-memory store, or the file shared with other processes."""
    from rasad.store.shared import HeldStore, SharedStore

    if store is not None:
        return store if hasattr(store, "reading") else HeldStore(store)
    if settings.db_path == ":memory:":
        from rasad.store.store import Store

        return HeldStore(Store(":memory:"), owned=True)
    return SharedStore(settings.db_path, read_only=settings.read_only,
                       memory_limit=settings.memory_limit)


def create_app(db_path: str | Path = "rasad.duckdb", token: str | None = None, *,
               allow_writes: bool = True, read_only: bool = False,
               max_body: int = DEFAULT_MAX_BODY, max_page: int = DEFAULT_MAX_PAGE,
               max_features: int = DEFAULT_MAX_FEATURES,
               pipeline_factory: Callable[[], Any] | None = None,
               store: Any = None, allowed_hosts: Iterable[str] | None = None,
               extract_seconds: float = DEFAULT_EXTRACT_SECONDS,
               threads: int | None = None, memory_limit: str | None = None) -> FastAPI:
    """The app over the store at ``db_path``.

    ``token``: writes need ``Authorization: Bearer <token>``; ``allow_writes=False`` refuses
    every write (``rasad serve`` sets it when it binds a non-loopback address without a
    token). The app shares the store file with other processes (it holds the file only
    while requests use it, see :mod:`rasad.store.shared`), unless an open ``store`` is
    given (then every request uses it and its owner closes it). ``allowed_hosts``: the Host names
    answered (others get 400), so a page that rebinds its name to 127.0.0.1 cannot read
    or write the store; ``rasad serve`` passes the loopback names and the bound address.
    ``extract_seconds``: the time budget of one document's extraction (422 past it).
    ``threads``: requests served at once (the others queue), which bounds memory;
    ``memory_limit``: DuckDB's buffer cap (``'256MB'``).
    """
    settings = Settings(str(db_path), token, allow_writes, read_only, max_body, max_page,
                        max_features, extract_seconds, memory_limit)
    state = State(settings, store=store, pipeline_factory=pipeline_factory)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if threads is not None:
            import anyio.to_thread

            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        state.store = shared_store(settings, store)
        try:
            yield
        finally:
            state.close()
            state.store.close()
            state.store = None

    app = FastAPI(title="rasad", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # FastAPI's load scripts from a CDN: see /docs
                  summary="Events coded from Arabic conflict news (PLOVER), with their sources",
                  description="Offsets are character offsets into a document's original text. "
                              "Errors answer `{\"detail\": \"...\"}`; invalid requests answer "
                              "422 with a one-line `message`.")
    app.state.rasad = state
    app.add_middleware(BodyLimit, max_body=max_body)
    if allowed_hosts is not None:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        issues = [{"loc": [str(x) if not isinstance(x, int) else x for x in e.get("loc", ())],
                   "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                  for e in exc.errors()]
        message = "; ".join(f"{'.'.join(map(str, i['loc']))}: {i['msg']}" for i in issues)
        return JSONResponse({"message": message or "invalid request", "detail": issues}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # FastAPI answers an unparseable JSON body with 400; like every other invalid
        # request it is a 422 with a message here, so the spec documents one error shape
        if exc.status_code == 400:
            return JSONResponse({"message": f"body: {exc.detail}", "detail": []}, 422)
        if exc.status_code == 422:  # a document over the work budget: one line, as above
            return JSONResponse({"message": str(exc.detail), "detail": []}, 422)
        return JSONResponse({"detail": exc.detail}, exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(StoreLocked)
    async def busy(request: Request, exc: StoreLocked) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, 503, headers={"Retry-After": "5"})

    @app.exception_handler(RasadError)
    async def failed(request: Request, exc: RasadError) -> JSONResponse:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return JSONResponse({"detail": str(exc)}, 500)

    from rasad.api.routes import router

    app.include_router(router)

    web = web_dir()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(web / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        """The API documentation, offline (vendored Swagger UI, no CDN)."""
        return FileResponse(web / "docs.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=web), name="static")
    return app
