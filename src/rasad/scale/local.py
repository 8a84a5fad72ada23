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
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from rasad.batch import BatchReport, Progress
from rasad.config import Config
from rasad.errors import RasadError, WorkerLost
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


class _Pool:
    """The current worker pool; a pool whose worker died (killed, out of memory) is
    replaced once per death, and work sent to the dead one is retried in the new one."""

    def __init__(self, config: Config, workers: int) -> None:
        self.config, self.workers = config, workers
        self.generation = 0
        self.renewals = 0
        self._start()

    def _start(self) -> None:
        self.executor = ProcessPoolExecutor(self.workers, mp_context=_context(),
                                            initializer=_init, initargs=(self.config,))

    def submit(self, docs: list[Document]) -> tuple[int, Future]:
        return self.generation, self.executor.submit(worker.process_chunk, docs, self.config)

    def renew(self, generation: int) -> bool:
        """Replace the pool that broke, if it is still the current one (then True)."""
        if generation != self.generation:
            return False
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.generation += 1
        self.renewals += 1
        self._start()
        return True

    def retry_each(self, docs: list[Document]) -> list[Document | worker.Failure | RasadError]:
        """Documents a dead worker took with it, once more, one per task: a document that
        kills its worker again is reported by name; the others come back normally."""
        out: list[Document | worker.Failure | RasadError] = []
        for doc in docs:
            gen, fut = self.submit([doc])
            try:
                out.append(fut.result()[0])
            except BrokenProcessPool:
                self.renew(gen)
                out.append(WorkerLost(doc.id, "the worker process died while processing it "
                                              "(killed or out of memory), also when retried once "
                                              "in a fresh worker"))
        return out

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def run_parallel(items: Iterable[ReadResult], config: Config, workers: int, report: BatchReport,
                 progress: bool | Progress = False, chunk: int = DEFAULT_CHUNK
                 ) -> Iterator[Document]:
    """Like :func:`rasad.batch.run`, over ``workers`` processes (input order kept).

    The configuration is checked here first, so a bad one stops the run with the same
    ``E300`` message as a single process instead of failing in every worker. A worker
    that dies breaks the pool: the pool is replaced and the documents in flight are
    retried once each (see :meth:`_Pool.retry_each`); nothing waits forever."""
    from rasad.pipeline import Pipeline

    Pipeline.from_config(config)  # raises ConfigError
    bar = progress if isinstance(progress, Progress) else Progress(enabled=progress)
    pool = _Pool(config, workers)
    pending: deque = deque()

    def drain_one() -> Iterator[Document]:
        batch, job = pending.popleft()
        docs = [d for d in batch if not isinstance(d, RasadError)]
        if job is None:
            outcomes: list = []
        else:
            gen, fut = job
            try:
                outcomes = fut.result()
            except BrokenProcessPool:
                if pool.renew(gen):
                    bar.warn(f"a worker process died (killed or out of memory); the documents "
                             f"it had in flight are retried one by one, from {docs[0].id}")
                outcomes = pool.retry_each(docs)
        results = iter(outcomes)
        for item in batch:
            out = item if isinstance(item, RasadError) else next(results)
            if isinstance(out, worker.Failure):
                out = out.rebuild()
            doc = report.record(out, bar)
            if doc is not None:
                yield doc

    try:
        for batch in _chunks(items, chunk):
            docs = [d for d in batch if not isinstance(d, RasadError)]
            pending.append((batch, pool.submit(docs) if docs else None))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from drain_one()
        while pending:
            yield from drain_one()
    finally:
        pool.close()
    bar.close()
