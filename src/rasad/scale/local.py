"""``rasad extract --workers N``: the pipeline in N local processes, results in input order.

The main process reads the inputs (cheap) and hands documents to the workers in chunks;
each worker builds its pipeline once (:mod:`rasad.scale.worker`). At most a few chunks per
worker are in flight, so memory stays bounded however long the input is, and documents
come back in the order they were read. Failures are reported exactly as in
:func:`rasad.batch.run`.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import sys
from collections import deque
from collections.abc import Iterable, Iterator

from rasad.batch import BatchReport, Progress
from rasad.config import Config
from rasad.errors import RasadError
from rasad.scale import worker
from rasad.schema import Document
from rasad.text.read import ReadResult

log = logging.getLogger(__name__)

DEFAULT_CHUNK = 8
IN_FLIGHT_PER_WORKER = 4


def _init(config: Config) -> None:
    worker.warm(config)


def _context():
    # forkserver: workers start from a clean interpreter (no state inherited from the
    # caller's threads), but cheaply; spawn where forkserver does not exist.
    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods and sys.platform != "darwin"
                          else "spawn")


def _chunks(items: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    chunk: list[ReadResult] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_parallel(items: Iterable[ReadResult], config: Config, workers: int, report: BatchReport,
                 progress: bool = False, chunk: int = DEFAULT_CHUNK) -> Iterator[Document]:
    """Like :func:`rasad.batch.run`, over ``workers`` processes (input order kept)."""
    bar = Progress(enabled=progress)
    with _context().Pool(workers, initializer=_init, initargs=(config,)) as pool:
        pending: deque = deque()

        def drain_one() -> Iterator[Document]:
            batch, async_result = pending.popleft()
            results = iter(async_result.get() if async_result is not None else ())
            for item in batch:
                out = item if isinstance(item, RasadError) else next(results)
                if isinstance(out, worker.Failure):
                    out = out.rebuild()
                doc = report.record(out, bar)
                if doc is not None:
                    yield doc

        for batch in _chunks(items, chunk):
            docs = [d for d in batch if not isinstance(d, RasadError)]
            res = pool.apply_async(worker.process_chunk, (docs, config)) if docs else None
            pending.append((batch, res))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from drain_one()
        while pending:
            yield from drain_one()
    bar.close()
