"""Request and response models of the HTTP API (they make the OpenAPI spec).

Response models follow the event record of ``EVENTS.md`` §2. They allow extra fields, so
what the store adds to a record (sources, incident ids, ...) passes through unchanged, and
every field is optional: an unknown value is ``null``, never guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from rasad.schema import MODALITIES, PLOVER_TYPES

EventType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
Modality = Literal[MODALITIES]  # type: ignore[valid-type]

# Identifiers: printable, no path separators, bounded.
ID_PATTERN = r"^[^/\x00-\x1f\x7f]{1,200}$"


def _iso_date(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` (pydantic alone would also take numbers as Unix timestamps)."""
    if isinstance(value, dt.date) or (isinstance(value, str)
                                      and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("must be a date YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    """Every error answer: ``detail`` says what went wrong, in one line."""

    detail: str


class ValidationIssue(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationFailed(BaseModel):
    """A 422 answer: ``message`` is one line naming every bad field, ``detail`` lists them."""

    message: str
    detail: list[ValidationIssue]


class Span(_Open):
    text: str | None = None
    start: int | None = None
    end: int | None = None


class ActorOut(Span):
    id: str | None = None
    name: str | None = None
    name_ar: str | None = None
    kind: str | None = None
    country: str | None = None


class PlaceOut(Span):
    name: str | None = None
    name_ar: str | None = None
    feature: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None


class DateOut(_Open):
    value: str | None = None
    precision: str | None = None
    text: str | None = None


class EventOut(_Open):
    id: str
    doc_id: str | None = None
    type: str
    mode: str | None = None
    modality: str | None = None
    acled: dict[str, Any] | None = None
    actor1: ActorOut | None = None
    actor2: ActorOut | None = None
    location: PlaceOut | None = None
    date: DateOut | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    count_qualifier: dict[str, Any] | None = None
    attribution: dict[str, Any] | None = None
    evidence: Span | None = None
    confidence: float | None = None


class Page(BaseModel):
    total: int = Field(description="matching records, all pages together")
    limit: int
    offset: int


class EventPage(Page):
    items: list[EventOut]


class IncidentOut(_Open):
    id: str
    type: str | None = None
    n_sources: int | None = None
    outlets: list[str | None] | None = None


class IncidentPage(Page):
    items: list[IncidentOut]


class DocumentOut(_Open):
    """A stored document or an extraction result, with everything the article view needs."""

    id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    text: str | None = None
    warnings: list[str] | None = None
    events: list[EventOut] = []
    actors: list[ActorOut] = []
    places: list[PlaceOut] = []


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[dict[str, Any]]
    total: int = Field(description="matching events with coordinates, before the limit")
    limit: int = Field(description="the most features this page holds (the server caps it)")
    offset: int = Field(description="matching events skipped before this page")


class Week(BaseModel):
    week: str = Field(description="the Monday that starts the week, YYYY-MM-DD")
    total: int
    fatalities: int = Field(0, description="fatalities of the week's events")
    by_type: dict[str, int]


class Timeline(BaseModel):
    weeks: list[Week]
    undated: int = Field(description="matching events without a usable date")


class Stats(_Open):
    pass


class ArticleIn(BaseModel):
    """An article to extract from (``POST /extract``; nothing is stored)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text (Arabic)")
    title: str | None = Field(None, max_length=1000)
    published: IsoDate | None = Field(None, description="YYYY-MM-DD; relative dates resolve "
                                                        "against it")
    id: str | None = Field(None, pattern=ID_PATTERN)


class DocumentIn(BaseModel):
    """A document to extract from and store (``POST /documents``)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)
    title: str | None = Field(None, max_length=1000)
    published: IsoDate | None = None
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)


class IngestOut(BaseModel):
    id: str
    status: Literal["added", "replaced", "unchanged"] = Field(
        description="unchanged: the same text was already stored, nothing changed")
    events: int = Field(description="events stored for the document")
