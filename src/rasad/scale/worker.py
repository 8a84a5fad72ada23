"""The per-document function that every engine runs, with a pipeline loaded once per process.

Local processes and Dask workers call :func:`process` (or :func:`process_record`); the first
call in a process builds the pipeline from the given :class:`~rasad.config.Config` and keeps
it, so resources (gazetteer, lexicons, automatons) load once per process, not per document.

Errors cross process boundaries as :class:`Failure` values (rasad's exceptions take
structured arguments and do not survive pickling); :func:`Failure.rebuild` turns one back
into an exception of the original class with the same message, so batch reports read the
same whichever engine ran.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from rasad import errors
from rasad.config import Config
from rasad.errors import RasadError
from rasad.schema import Document

log = logging.getLogger(__name__)

_STATE: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class Failure:
    """A picklable stand-in for a :class:`RasadError`."""

    cls: str  # class name in rasad.errors
    message: str
    source: str = ""
    problem: str = ""

    @classmethod
    def of(cls, exc: RasadError) -> Failure:
        return cls(type(exc).__name__, str(exc), getattr(exc, "source", ""),
                   getattr(exc, "problem", ""))

    def rebuild(self) -> RasadError:
        klass = getattr(errors, self.cls, RasadError)
        if not (isinstance(klass, type) and issubclass(klass, RasadError)):
            klass = RasadError
        exc = klass.__new__(klass)
        Exception.__init__(exc, self.message)
        exc.source, exc.problem = self.source, self.problem
        return exc


def pipeline_for(config: Config):
    """The process-wide pipeline for ``config`` (built on first use)."""
    from rasad.pipeline import Pipeline

    key = repr(config)
    pipe = _STATE.get(key)
    if pipe is None:
        pipe = Pipeline.from_config(config)
        _STATE.clear()
        _STATE[key] = pipe
    return pipe


def warm(config: Config) -> None:
    """Build the pipeline and load its lazily loaded resources (one short document)."""
    pipe = pipeline_for(config)
    pipe(Document(id="warm-up", text="قتل ثلاثة مدنيين في قصف على مدينة إدلب يوم الأحد.",
                  published="2018-07-10"))


def process(doc: Document, config: Config, *, portable: bool = True) -> Document | Failure:
    """One document through the pipeline; a stage failure comes back as a :class:`Failure`.

    ``portable`` drops the working views (``norm``, ``keytext``), which are never written
    and would only add to what is sent back between processes.
    """
    try:
        out = pipeline_for(config)(doc)
    except RasadError as exc:
        return Failure.of(exc)
    if portable:
        out.norm = None
        out.keytext = None
    return out


def process_chunk(docs: list[Document], config: Config) -> list[Document | Failure]:
    return [process(d, config) for d in docs]


def process_record(doc: Document, config: Config, debug: bool) -> dict[str, Any] | Failure:
    """One document to its result record (``Document.result_dict``)."""
    out = process(doc, config, portable=False)
    return out if isinstance(out, Failure) else out.result_dict(debug=debug)
