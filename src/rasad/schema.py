"""The typed document model: one Document owns the original text; every stage
attaches spans whose ``start``/``end`` are character offsets into that text.

The event record follows ``EVENTS.md`` §2 field for field.  Every class has
``to_dict()`` and ``from_dict()``; JSON round-trips losslessly.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar, TypeVar

T = TypeVar("T")

MODALITIES = ("asserted", "future", "hypothetical", "negated", "generic")
PLOVER_TYPES = (
    "ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST", "THREATEN", "ACCUSE", "REJECT",
    "REQUEST", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "SANCTION",
)
QUALIFIERS = ("exact", "at_least", "at_most", "about", "unknown")
PRECISIONS = ("day", "week", "month", "year", "unknown")


class Record:
    """Mixin: dict conversion driven by the dataclass field types."""

    __slots__ = ()
    # Fields left out of ``to_dict`` unless ``debug`` is set (analysis layers).
    _debug_fields: ClassVar[tuple[str, ...]] = ()

    def to_dict(self, debug: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.metadata.get("transient") or (not debug and f.name in self._debug_fields):
                continue
            out[f.name] = _dump(getattr(self, f.name), debug)
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        hints = _hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data and not f.metadata.get("transient"):
                kwargs[f.name] = _load(hints[f.name], data[f.name])
        return cls(**kwargs)


def _dump(value: Any, debug: bool) -> Any:
    if isinstance(value, Record):
        return value.to_dict(debug)
    if isinstance(value, list | tuple):
        return [_dump(v, debug) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, debug) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _load(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _load(args[0], value) if len(args) == 1 else value
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [_load(inner, v) for v in value]
    if origin is dict:
        _, inner = typing.get_args(tp)
        return {k: _load(inner, v) for k, v in value.items()}
    if isinstance(tp, type) and issubclass(tp, Record):
        return tp.from_dict(value)
    return value


# --------------------------------------------------------------------------- spans

@dataclass(slots=True)
class Span(Record):
    """A labelled stretch of the original text."""

    start: int
    end: int
    text: str
    label: str = ""


@dataclass(slots=True)
class Sentence(Record):
    start: int
    end: int
    text: str
    in_title: bool = False


@dataclass(slots=True)
class Removed(Record):
    """Text that cleaning took out (boilerplate, signature), kept so it can be reported."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(slots=True)
class Quantity(Record):
    text: str
    start: int
    end: int
    value: int | None
    qualifier: str = "exact"  # one of QUALIFIERS
    vague: bool = False  # عشرات, مئات, عدد من: ``value`` is only a floor (or None)


@dataclass(slots=True)
class TimeExpr(Record):
    text: str
    start: int
    end: int
    value: str | None  # ISO date, or None when it cannot be resolved
    precision: str = "day"  # one of PRECISIONS
    time_of_day: str | None = None  # morning, noon, evening, night, dawn
    relative: bool = False


@dataclass(slots=True)
class Actor(Record):
    id: str | None
    name: str | None
    name_ar: str | None = None
    kind: str | None = None
    country: str | None = None
    text: str = ""
    start: int = 0
    end: int = 0
    person: str | None = None  # a named person standing for the organisation


@dataclass(slots=True)
class Place(Record):
    name: str | None
    name_ar: str | None = None
    feature: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None
    text: str = ""
    start: int = 0
    end: int = 0
    score: float | None = None


@dataclass(slots=True)
class DateRef(Record):
    """An event's date: ``EVENTS.md`` keeps only value, precision and surface text."""

    value: str | None
    precision: str = "unknown"
    text: str | None = None


@dataclass(slots=True)
class Attribution(Record):
    source: str | None
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Evidence(Record):
    text: str
    start: int
    end: int


@dataclass(slots=True)
class AcledType(Record):
    event_type: str | None
    sub_event_type: str | None


@dataclass(slots=True)
class Event(Record):
    id: str
    doc_id: str
    type: str
    mode: str | None = None
    modality: str = "asserted"
    acled: AcledType | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Place | None = None
    date: DateRef | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    count_qualifier: dict[str, str] = field(default_factory=dict)
    attribution: Attribution | None = None
    evidence: Evidence | None = None
    confidence: float = 0.0
    # debug layers: every sentence that reports the event, and why each value was set
    evidence_spans: list[Evidence] = field(default_factory=list)
    explain: dict[str, str] = field(default_factory=dict)

    _debug_fields: ClassVar[tuple[str, ...]] = ("evidence_spans", "explain")


@dataclass(slots=True)
class Document(Record):
    """One article. ``text`` is the decoded original; nothing ever rewrites it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    source_path: str | None = None
    warnings: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # analysis layers, written by the stages
    removed: list[Removed] = field(default_factory=list)
    title_span: Span | None = None
    sentences: list[Sentence] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    cleaned: str | None = None  # normalised text, for --debug display only
    # Working views built by the "clean" stage and shared by later stages; never serialised.
    # ``norm`` is the normalised text with its offset map, ``keytext`` its matching key
    # (same length as ``norm.text``, so offsets agree).
    norm: Any = field(default=None, repr=False, compare=False, metadata={"transient": True})
    keytext: str | None = field(default=None, repr=False, compare=False,
                                metadata={"transient": True})

    _debug_fields: ClassVar[tuple[str, ...]] = (
        "text", "source_path", "removed", "title_span", "sentences", "quantities", "times",
        "actors", "places", "cleaned",
    )

    def result_dict(self, debug: bool = False) -> dict[str, Any]:
        """The document result of ``EVENTS.md`` §2 (analysis layers only with ``debug``)."""
        return self.to_dict(debug=debug)
