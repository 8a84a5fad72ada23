"""Command-line subcommand ``rasad serve``."""
from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def write_policy(host: str, token: str | None) -> tuple[str | None, bool]:
    """(token, allow_writes) for a server bound to ``host``.

    On loopback, writes are open unless a token is given; on any other address writes need
    the token, and without one they are refused.
    """
    if token:
        return token, True
    return None, is_loopback(host)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from rasad.api.app import create_app
    from rasad.store import Store

    token, allow_writes = write_policy(args.host, args.token or os.environ.get("RASAD_TOKEN"))
    if not allow_writes:
        log.warning("binding %s without --token: POST /documents is disabled", args.host)
    if not args.create and args.db != ":memory:" and not Path(args.db).exists():
        from rasad.store.store import StoreError

        # a typo in --db must not serve a new empty store in silence
        raise StoreError(args.db, "no such database (run `rasad ingest` first, or pass --create)")
    if not args.read_only and args.db != ":memory:":
        Store(args.db).close()  # create or migrate it now; errors here are plain messages
    elif args.db != ":memory:":
        Store(args.db, read_only=True, lock_timeout=5.0).close()  # readable, right schema
    # the app opens the file only while requests use it, so `rasad query` and `rasad
    # ingest` keep working beside the server (store/shared.py); its DuckDB buffers are capped
    app = create_app(args.db, token, allow_writes=allow_writes, read_only=args.read_only,
                     max_body=args.max_body, memory_limit=SERVER_DB_MEMORY,
                     extract_seconds=args.extract_seconds, threads=SERVER_THREADS,
                     allowed_hosts=serve_hosts(args.host, args.allow_host))
    url = f"http://{_url_host(args.host)}:{args.port}/"
    sys.stderr.write(f"rasad: serving {args.db} on {url}\n")
    uvicorn.run(app, host=args.host, port=args.port,
                log_level="info" if args.verbose else "warning")
    return 0


SERVER_DB_MEMORY = "256MB"
# Requests run at most this many at a time (FastAPI's thread pool, 40 by default): the
# rest wait in line, so a burst of page requests cannot hold 40 result sets in memory.
SERVER_THREADS = 8

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def serve_hosts(bound: str, extra: list[str] | None = None) -> list[str]:
    """Host names ``rasad serve`` answers: loopback, the bound address, and ``--allow-host``
    names (a wildcard address such as 0.0.0.0 needs the names it is reached by)."""
    hosts = list(LOOPBACK_HOSTS)
    if bound not in ("0.0.0.0", "::", "") and bound not in hosts:
        hosts.append(bound)
    return hosts + [h for h in (extra or []) if h not in hosts]


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``serve`` on the ``rasad`` parser (argparse only: no heavy imports)."""
    p = sub.add_parser("serve", help="serve the HTTP API and the web map",
                       description="Serve the store over HTTP: the JSON API (its OpenAPI spec at "
                                   "/openapi.json) and the web map at /.")
    p.add_argument("--db", default="rasad.duckdb", metavar="PATH",
                   help="DuckDB store (default: rasad.duckdb in the working directory)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1; any other address needs --token "
                        "for writes)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="a further Host name to answer (repeatable; default: loopback names "
                        "and the bound address)")
    p.add_argument("--token", default=None,
                   help="bearer token that POST /documents must send (default: $RASAD_TOKEN)")
    p.add_argument("--create", action="store_true",
                   help="create the database when it does not exist (default: refuse)")
    p.add_argument("--read-only", action="store_true",
                   help="open the store read-only (no POST /documents)")
    p.add_argument("--max-body", type=int, default=1_000_000, metavar="BYTES",
                   help="largest request body accepted (default 1000000)")
    p.add_argument("--extract-seconds", type=float, default=60.0, metavar="S",
                   help="time budget of one document's extraction; past it the request "
                        "answers 422 and the extraction process restarts (default 60)")
    p.set_defaults(fn=cmd_serve)
