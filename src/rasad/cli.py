"""The ``rasad`` command line."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from rasad import __version__
from rasad.errors import RasadError, UsageError

log = logging.getLogger("rasad")


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"rasad: {record.levelname.lower()}: {record.getMessage()}"


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
    else:
        try:
            fh = open(path, "w", encoding="utf-8", newline="")
        except OSError as exc:
            from rasad.errors import OutputError

            raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None
        with fh:
            yield fh


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    from rasad.text.read import normalise_published

    iso = normalise_published(value, "--published")
    if iso is None:
        raise argparse.ArgumentTypeError(f"--published {value!r} is not a date YYYY-MM-DD")
    return iso


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n


def _pipeline(args: argparse.Namespace, stages: list[str] | None = None):
    from rasad.config import load_config
    from rasad.pipeline import Pipeline

    config = load_config(args.config)
    if stages is not None:
        Pipeline.from_config(config)  # the user's pipeline is checked even where a subset runs
        config = config.with_pipeline([s for s in config.pipeline if s in stages])
    return Pipeline.from_config(config), config


def _run_batch(args: argparse.Namespace, write: Callable, stages: list[str] | None = None) -> int:
    """Read, process and write every input; failures are listed at the end, exit 1 if any."""
    from rasad.batch import BatchReport, progress_for, read_all, run

    paths = list(args.paths)
    if args.sample:
        from rasad import resources

        paths.append(str(resources.path("samples", "sample_ar.txt")))
    if not paths:
        raise UsageError(f"rasad {args.command}", "no input: give PATH..., - for stdin, or --sample")
    workers = getattr(args, "workers", 1) or 1
    if workers > 1:
        from rasad.config import load_config
        from rasad.scale.local import run_parallel

        config = load_config(args.config)  # each worker process builds its own pipeline
        report = BatchReport()
        items = read_all(paths, args.published, config.get("input", "max_chars", 1_000_000))
        with _output(args.output) as out:
            write(run_parallel(items, config, workers, report,
                               progress=progress_for(paths, not args.quiet)), out)
        return _report(report)
    pipeline, config = _pipeline(args, stages)
    report = BatchReport()
    items = read_all(paths, args.published, config.get("input", "max_chars", 1_000_000))
    with _output(args.output) as out:
        write(run(items, pipeline, report, progress=progress_for(paths, not args.quiet)), out)
    return _report(report)


def _report(report) -> int:
    if report.failures:
        log.error("%d of %d inputs failed:", len(report.failures),
                  len(report.failures) + report.documents)
        for failure in report.failures:
            sys.stderr.write(f"  {failure}\n")
        return 1
    return 0


def _run_dask(args: argparse.Namespace) -> int:
    from rasad.config import load_config
    from rasad.scale.dask_engine import is_directory_target, run_dask

    if args.sample or not args.paths:
        raise UsageError("--engine dask", "give input files or directories (no --sample, no stdin)")
    parquet = is_directory_target(args.output)
    if not parquet and args.format != "jsonl":
        raise UsageError("--engine dask", "writes JSONL (--format jsonl) or Parquet (-o DIR/)")
    if args.explain:
        raise UsageError("--engine dask", "--explain is for single-process runs")
    config = load_config(args.config)
    kwargs = dict(scheduler=args.scheduler, output=args.output, debug=args.debug,
                  published=args.published, partitions=args.partitions,
                  max_chars=config.get("input", "max_chars", 1_000_000))
    if parquet:
        report = run_dask(args.paths, config, **kwargs)
    else:
        with _output(args.output) as out:
            report = run_dask(args.paths, config, out=out, **kwargs)
    return _report(report)


def cmd_extract(args: argparse.Namespace) -> int:
    from rasad import output

    if args.format is None:  # a person at a terminal reads lines; a pipe or a file gets data
        args.format = "text" if args.output in (None, "-") and sys.stdout.isatty() \
            and args.engine != "dask" else "jsonl"
    if args.engine == "dask":
        return _run_dask(args)
    if args.scheduler or args.partitions:
        raise UsageError("extract", "--scheduler and --partitions go with --engine dask")

    def write(docs, out):
        def explained(docs):
            from rasad.batch import warned

            for doc in warned(docs):
                if args.explain:
                    from rasad.events.explain import explain_document

                    sys.stderr.write(explain_document(doc))
                yield doc

        output.write(explained(docs), args.format, out, debug=args.debug, explain=args.explain)

    return _run_batch(args, write)


def cmd_geoparse(args: argparse.Namespace) -> int:
    from rasad.geo.geocode import geoparse

    return _run_batch(args, _mention_writer(args, geoparse, geo=True),
                      stages=["clean", "segment", "numbers", "dates", "actors", "geocode"])


def cmd_actors(args: argparse.Namespace) -> int:
    from rasad.entities.actors import actor_mentions

    return _run_batch(args, _mention_writer(args, actor_mentions),
                      stages=["clean", "segment", "actors"])


def _mention_writer(args: argparse.Namespace, extract: Callable, geo: bool = False) -> Callable:
    def write(docs, out):
        features = []
        from rasad.batch import warned

        for doc in warned(docs):
            mentions = extract(doc)
            if args.format == "jsonl":
                out.write(json.dumps({"id": doc.id, "mentions": mentions}, ensure_ascii=False) + "\n")
            elif args.format == "geojson" and geo:
                features += [{"type": "Feature", "geometry": {"type": "Point",
                                                              "coordinates": [m["lon"], m["lat"]]},
                              "properties": {"doc_id": doc.id, **m}}
                             for m in mentions if m.get("lat") is not None]
            else:
                features.append({"id": doc.id, "mentions": mentions})
        if args.format == "geojson" and geo:
            json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
            out.write("\n")
        elif args.format == "json":
            json.dump(features, out, ensure_ascii=False, indent=1)
            out.write("\n")

    return write


def cmd_eval(args: argparse.Namespace) -> int:
    from rasad.eval import evaluate, format_table

    if args.cv is not None:
        return _cross_validate(args)
    if len(args.paths) != 2 or args.train_also:
        raise UsageError("rasad eval", "give GOLD_DIR PRED.jsonl (or --cv K GOLD_DIR...)")
    result = evaluate(Path(args.paths[0]), Path(args.paths[1]))
    sys.stdout.write(format_table(result))
    if args.json:
        with _output(args.json) as out:
            json.dump(result.to_dict(), out, ensure_ascii=False, indent=1)
            out.write("\n")
    return 0


def _cross_validate(args: argparse.Namespace) -> int:
    try:
        from rasad.learn.corpus import GoldSet, prepare
        from rasad.learn.cv import cross_validate, predict
    except ImportError as exc:  # scikit-learn is the train extra
        raise RasadError("eval --cv", f"needs the train extra (pip install 'rasad[train]'): {exc}"
                         ) from None
    from rasad.eval.report import format_summary, format_types
    from rasad.eval.score import score

    if args.cv < 2:
        raise UsageError("--cv", "needs at least 2 folds")
    docs = prepare([GoldSet.parse(p) for p in args.paths])
    extra = prepare([GoldSet.parse(p) for p in args.train_also])
    if len(docs) < args.cv:
        raise UsageError("--cv", f"{len(docs)} documents cannot fill {args.cv} folds")
    out = sys.stdout
    if args.rules:
        rules = score({d.doc.id: d.gold for d in docs}, predict(docs, None))
        out.write("== the rules alone (nothing learned)\n")
        out.write(format_summary(rules) + "\n\n" + format_types(rules) + "\n\n")
    cv = cross_validate(docs, args.cv, extra)
    names = ", ".join(sorted({d.set for d in docs}))
    also = f" (+ {', '.join(sorted({d.set for d in extra}))} in every training fold)" if extra else ""
    out.write(f"== {args.cv}-fold cross-validation by document over {names}{also}: "
              f"{len(docs)} documents, each coded by models that never saw it\n")
    out.write(format_summary(cv.result) + "\n\n" + format_types(cv.result) + "\n\nper fold:\n")
    for n, r in enumerate(cv.folds):
        s = r.summary
        out.write(f"  fold {n}: {len(r.per_doc)} documents, core recall {_num(s.core_recall)}, "
                  f"precision {_num(s.precision)}, traps {s.trap_violations}\n")
    if args.json:
        with _output(args.json) as fh:
            data = {"k": args.cv, "sets": names, "cv": cv.result.to_dict(),
                    "folds": [r.to_dict()["summary"] for r in cv.folds]}
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    return 0


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _add_inputs(p: argparse.ArgumentParser, formats: tuple[str, ...], default: str) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files (.txt, .html, .jsonl), directories, globs, or - for stdin")
    p.add_argument("--sample", action="store_true",
                   help="also read the Arabic sample article bundled with rasad")
    p.add_argument("--published", type=_published, default=None,
                   help="publication date YYYY-MM-DD (relative dates resolve against it)")
    p.add_argument("--format", choices=formats, default=default,
                   help="default: text (one readable line per event) on a terminal, "
                        "jsonl otherwise" if default is None else None)
    p.add_argument("-o", "--output", default=None, help="output file (default: stdout)")
    p.add_argument("--config", default=None, help="user TOML overriding the packaged defaults")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")


class _Parser(argparse.ArgumentParser):
    """Usage errors as one coded line, like every other failure (subcommands inherit it)."""

    def error(self, message: str):  # type: ignore[override]
        from rasad.errors import UsageError

        self.exit(2, f"{self.prog}: error: {message} [{UsageError.code}] "
                     f"(see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from rasad.output import FORMATS

    parser = _Parser(prog="rasad", description=__doc__)
    parser.add_argument("--version", action="version", version=f"rasad {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract events from articles")
    _add_inputs(p, FORMATS, None)
    p.add_argument("--debug", action="store_true",
                   help="include text layers (cleaned text, sentences, numbers, dates, ...)")
    p.add_argument("--explain", action="store_true",
                   help="print why each event and argument was produced (stderr)")
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="run N local worker processes (default 1; results keep input order)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or Dask (see docs/SCALE.md)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="with --engine dask: a scheduler address (tcp://host:8786), or "
                        "sync (default), threads or processes for an in-process run")
    p.add_argument("--partitions", type=_positive, default=None, metavar="N",
                   help="with --engine dask: about N input shards (default: 8 MiB each)")
    p.set_defaults(fn=cmd_extract)

    p = sub.add_parser("geoparse", help="place mentions with coordinates")
    _add_inputs(p, ("json", "jsonl", "geojson"), "jsonl")
    p.set_defaults(fn=cmd_geoparse)

    p = sub.add_parser("actors", help="actor and person mentions")
    _add_inputs(p, ("json", "jsonl"), "jsonl")
    p.set_defaults(fn=cmd_actors)

    p = sub.add_parser("eval", help="score predictions against gold (EVENTS.md §4), or "
                                    "cross-validate the learned decision layer")
    p.add_argument("paths", nargs="+", metavar="GOLD_DIR [PRED.jsonl]",
                   help="GOLD_DIR PRED.jsonl; with --cv: GOLD_DIR[=TEXTS]... (texts default "
                        "to GOLD_DIR-articles.jsonl beside it)")
    p.add_argument("--cv", type=int, default=None, metavar="K",
                   help="K-fold cross-validation by document: train on K-1 folds, code the "
                        "held-out fold, score everything (needs the train extra)")
    p.add_argument("--train-also", nargs="*", default=[], metavar="GOLD_DIR",
                   help="with --cv: gold sets added to every training fold, never tested")
    p.add_argument("--rules", action="store_true",
                   help="with --cv: also score the rules alone on the same documents")
    p.add_argument("--json", default=None, metavar="OUT", help="also write the scores as JSON")
    p.set_defaults(fn=cmd_eval)

    from rasad.api.commands import add_commands as add_api_commands
    from rasad.store.commands import add_commands as add_store_commands

    add_store_commands(sub)
    add_api_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return args.fn(args)
    except RasadError as exc:
        log.error("%s", exc)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except MemoryError:
        log.error("rasad %s: out of memory [E901]", args.command)
        return 1
    except Exception as exc:  # noqa: BLE001 - a bug: still one line (the traceback with -v)
        log.debug("internal error", exc_info=True)
        log.error("rasad %s: internal error: %s: %s [E900] (run with -v for the traceback)",
                  args.command, type(exc).__name__, exc)
        return 1


if __name__ == "__main__":
    sys.exit(main())
