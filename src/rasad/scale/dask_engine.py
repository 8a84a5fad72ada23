"""``rasad extract --engine dask``: the same per-document function over a Dask bag.

Inputs become shards (:mod:`rasad.scale.shards`): byte ranges of JSONL files, or whole
article files. One bag partition is one shard; workers read their own shards, so the
inputs must be on storage the workers see (a shared or network file system). Results are

* a directory of partitioned Parquet files (``part-00000.parquet`` ...), one per shard,
  written by the workers themselves, when ``-o`` names a directory; or
* JSONL, identical line for line to ``rasad extract --format jsonl``, gathered in input
  order by the client (a window of partitions at a time, so memory stays bounded).

With no scheduler address the run stays in this process on Dask's synchronous scheduler
(``threads`` and ``processes`` name Dask's other local schedulers); an address
(``tcp://host:8786``) connects a ``distributed.Client`` to a running cluster.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, IO

from rasad.batch import BatchReport
from rasad.config import Config
from rasad.errors import InputError, RasadError
from rasad.scale import shards as sh
from rasad.scale.worker import Failure, process_record
from rasad.text.read import DEFAULT_MAX_CHARS, expand_inputs

log = logging.getLogger(__name__)

LOCAL_SCHEDULERS = {"sync": "synchronous", "synchronous": "synchronous", "threads": "threads",
                    "processes": "processes"}


def _require_dask():
    try:
        import dask  # noqa: F401
        import dask.bag  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        raise RasadError("--engine dask", "Dask is not installed (pip install 'dask[distributed]')"
                         ) from None


def is_directory_target(path: str | None) -> bool:
    """``-o`` names a Parquet directory: an existing directory, a path ending in ``/``, or a
    name ending in ``.parquet``."""
    if not path or path == "-":
        return False
    return Path(path).is_dir() or path.endswith(("/", "\\")) or path.endswith(".parquet")


# ------------------------------------------------------------------ worker side

def _partition(items: list[tuple[int, sh.Shard]], config: Config, debug: bool,
               published: str | None, max_chars: int, out_dir: str | None) -> list[tuple]:
    """Process the shards of one partition. Rows: ('doc', line, source, warnings, n_events)
    or ('fail', Failure); with ``out_dir`` the records go to Parquet and lines are None."""
    rows: list[tuple] = []
    records: list[dict[str, Any]] = []
    index = items[0][0] if items else 0
    for _, shard in items:
        for item in sh.read_shard(shard, published, max_chars):
            if isinstance(item, InputError):
                rows.append(("fail", Failure.of(item)))
                continue
            out = process_record(item, config, debug)
            if isinstance(out, Failure):
                rows.append(("fail", out))
                continue
            line = None
            if out_dir is None:
                line = json.dumps(out, ensure_ascii=False) + "\n"
            else:
                records.append(out)
            rows.append(("doc", line, item.source_path or item.id, out["warnings"],
                         len(out["events"])))
    if out_dir is not None:
        from rasad.scale.parquet import write_part

        write_part(records, Path(out_dir) / f"part-{index:05d}.parquet", debug)
    return rows


# ------------------------------------------------------------------ client side

def _connect(scheduler: str | None):
    """(dask.compute keyword arguments, client or None) for a scheduler name or address."""
    name = (scheduler or "sync").strip()
    if name in LOCAL_SCHEDULERS:
        return {"scheduler": LOCAL_SCHEDULERS[name]}, None
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover
        raise RasadError("--scheduler", "connecting to a cluster needs `distributed` "
                         "(pip install 'dask[distributed]')") from None
    try:
        client = Client(name, timeout="30s")
    except (OSError, TimeoutError) as exc:
        raise RasadError("--scheduler", f"cannot reach the Dask scheduler at {name}: {exc}"
                         ) from None
    return {}, client


def run_dask(paths: list[str], config: Config, *, scheduler: str | None = None,
             output: str | None = None, out: IO[str] | None = None, debug: bool = False,
             published: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
             partitions: int | None = None, window: int | None = None,
             client: Any = None) -> BatchReport:
    """Run the pipeline over ``paths`` on Dask; JSONL goes to ``out``, Parquet to ``output``
    when it names a directory. Failures are collected in the returned report."""
    _require_dask()
    import dask
    import dask.bag as db

    report = BatchReport()
    files: list[Path] = []
    for item in expand_inputs(paths):
        if isinstance(item, InputError):
            report.failures.append(item)
        elif str(item) == "-":
            raise RasadError("--engine dask", "reads files, not standard input")
        else:
            files.append(item)
    out_dir = str(output) if is_directory_target(output) else None
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        for old in Path(out_dir).glob("part-*.parquet"):
            old.unlink()  # a rerun replaces the previous parts
    kwargs, own_client = ({}, None) if client is not None else _connect(scheduler)
    try:
        n_workers = _n_workers(client or own_client, kwargs.get("scheduler"))
        shard_list = sh.plan(files, sh.shard_bytes_for(sh.total_size(files), partitions,
                                                       n_workers))
        if not shard_list:
            return report
        bag = db.from_sequence(shard_list, npartitions=len(shard_list))
        counts = bag.map(sh.count_lines).compute(**kwargs)
        numbered = list(enumerate(sh.number(shard_list, counts)))
        parts = db.from_sequence(numbered, npartitions=len(numbered)).map_partitions(
            _partition, config, debug, published, max_chars, out_dir).to_delayed()
        step = window or max(4, 2 * n_workers)
        for i in range(0, len(parts), step):
            for rows in dask.compute(*parts[i:i + step], **kwargs):
                _collect(rows, report, out)
    finally:
        if own_client is not None:
            own_client.close()
    return report


def _n_workers(client, scheduler: str | None = None) -> int:
    if client is None:
        import os

        return 1 if scheduler == "synchronous" else os.cpu_count() or 1
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001 - only sizes the window
        return 4


def _collect(rows: list[tuple], report: BatchReport, out: IO[str] | None) -> None:
    for row in rows:
        if row[0] == "fail":
            exc = row[1].rebuild()
            report.failures.append(exc)
            log.error("%s", exc)
            continue
        _, line, source, warnings, n_events = row
        for w in warnings:
            log.warning("%s: %s", source, w)
        if line is not None and out is not None:
            out.write(line)
        report.documents += 1
        report.events += n_events


def iter_parquet_records(directory: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a Parquet result directory, in input order (for checks and tests)."""
    from rasad.scale.parquet import read_records

    for part in sorted(Path(directory).glob("part-*.parquet")):
        yield from read_records(part)
