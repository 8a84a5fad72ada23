"""Run the pipeline over many inputs; a bad document is reported, the rest go on."""
from __future__ import annotations

import logging
import sys
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


def progress_for(args: Iterable[str], enabled: bool) -> Progress:
    """A bar for a batch over ``args``, its total counted only when it will be shown."""
    show = enabled and sys.stderr.isatty()
    return Progress(enabled=show, total=count_documents(list(args)) if show else None)


def count_documents(args: Iterable[str]) -> int | None:
    """How many documents the inputs hold (a JSONL file: its non-blank lines), for the
    progress bar's total; None for standard input. Reads each JSONL file once, fast."""
    total = 0
    for item in expand_inputs(args):
        if isinstance(item, InputError):
            continue
        if str(item) == "-":
            return None
        p = Path(item)
        if p.suffix.lower() == ".jsonl" and p.is_file():
            try:
                with p.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def run(items: Iterable[ReadResult], pipeline: Pipeline, report: BatchReport,
        progress: bool | Progress = False) -> Iterator[Document]:
    """Documents through the pipeline; errors go to ``report`` (and stderr, one line each).
    ``progress``: show a bar, or the bar to advance (one bar over several calls)."""
    bar = progress if isinstance(progress, Progress) else Progress(enabled=progress)
    for item in items:
        if not isinstance(item, RasadError):
            try:
                item = pipeline(item)
            except RasadError as exc:
                item = exc
        doc = report.record(item, bar)
        if doc is not None:
            yield doc
    if bar is not progress:
        bar.close()


class Progress:
    """A progress bar on stderr (tqdm: count of total, rate, time left), shown only on a
    terminal and only for batches of more than a few documents. ``total`` is the number
    of documents expected (:func:`count_documents`), or None when unknown."""

    def __init__(self, enabled: bool, after: int = 5, total: int | None = None) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.after = after
        self.total = total
        self.n = 0
        self._bar = None

    def tick(self) -> None:
        self.n += 1
        if not self.enabled or self.n <= self.after:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=self.total, initial=self.n - 1, unit="doc", file=sys.stderr,
                             dynamic_ncols=True, leave=False)
        self._bar.update(1)

    def _pause(self) -> None:
        if self._bar is not None:
            self._bar.clear()

    def _resume(self) -> None:
        if self._bar is not None:
            self._bar.refresh()

    def note(self, message: str) -> None:
        self._pause()
        log.error("%s", message)
        self._resume()

    def warn(self, message: str) -> None:
        self._pause()
        log.warning("%s", message)
        self._resume()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None