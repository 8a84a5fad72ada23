"""Run the pipeline over many inputs; a bad document is reported, the rest go on."""
from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rasad.errors import InputError, RasadError
from rasad.pipeline import Pipeline
from rasad.schema import Document
from rasad.text.read import DEFAULT_MAX_CHARS, ReadResult, expand_inputs, read_path, read_stdin_bytes

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BatchReport:
    documents: int = 0
    events: int = 0
    failures: list[RasadError] = field(default_factory=list)

    @property
    def unreadable(self) -> int:
        return sum(isinstance(f, InputError) for f in self.failures)

    def record(self, outcome: Document | RasadError, bar: Progress) -> Document | None:
        """Count a processed document, or list a failure (and say it on stderr)."""
        if isinstance(outcome, RasadError):
            self.failures.append(outcome)
            bar.note(str(outcome))
            return None
        self.documents += 1
        self.events += len(outcome.events)
        bar.tick()
        return outcome


def read_all(args: Iterable[str], published: str | None = None,
             max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[ReadResult]:
    for item in expand_inputs(args):
        if isinstance(item, InputError):
            yield item
        elif str(item) == "-":
            yield from read_stdin_bytes(sys.stdin.buffer.read(), published, max_chars)
        else:
            yield from read_path(Path(item), published, max_chars)


def warned(docs: Iterable[Document]) -> Iterator[Document]:
    """The documents, each one's warnings said on stderr (named) as it passes."""
    for doc in docs:
        for w in doc.warnings:
            log.warning("%s: %s", doc.source_path or doc.id, w)
        yield doc


def run(items: Iterable[ReadResult], pipeline: Pipeline, report: BatchReport,
        progress: bool = False) -> Iterator[Document]:
    """Documents through the pipeline; errors go to ``report`` (and stderr, one line each)."""
    bar = Progress(enabled=progress)
    for item in items:
        if not isinstance(item, RasadError):
            try:
                item = pipeline(item)
            except RasadError as exc:
                item = exc
        doc = report.record(item, bar)
        if doc is not None:
            yield doc
    bar.close()


class Progress:
    """A one-line progress counter on stderr, shown only on a terminal after a few documents."""

    def __init__(self, enabled: bool, after: int = 5) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.after = after
        self.n = 0
        self.t0 = time.monotonic()
        self.shown = False

    def tick(self) -> None:
        self.n += 1
        if self.enabled and self.n > self.after:
            rate = self.n / max(time.monotonic() - self.t0, 1e-9)
            sys.stderr.write(f"\r{self.n} documents  {rate:.0f}/s")
            sys.stderr.flush()
            self.shown = True

    def note(self, message: str) -> None:
        if self.shown:
            sys.stderr.write("\n")
            self.shown = False
        log.error("%s", message)

    def warn(self, message: str) -> None:
        if self.shown:
            sys.stderr.write("\n")
            self.shown = False
        log.warning("%s", message)

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
