"""The API's routes. Each handler is a thin layer over ``rasad.store.Store``."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request, Response

from rasad.api.models import (
    ID_PATTERN, ArticleIn, DocumentIn, DocumentOut, Error, EventOut, EventPage, FeatureCollection,
    IncidentOut, IncidentPage, IngestOut, IsoDate, Stats, Timeline, ValidationFailed,
)
from rasad.api.state import State
from rasad.schema import MODALITIES, PLOVER_TYPES
from rasad.store.queries import SORT_KEYS

log = logging.getLogger(__name__)

router = APIRouter()

E404 = {404: {"model": Error, "description": "no such record"}}
E422 = {422: {"model": ValidationFailed, "description": "invalid request"}}
E413 = {413: {"model": Error, "description": "request body too large"}}
E503 = {503: {"model": Error, "description": "another process is writing the store; retry"}}
EWRITE = {401: {"model": Error, "description": "missing or wrong bearer token"},
          403: {"model": Error, "description": "writes are disabled on this server"},
          405: {"model": Error, "description": "the store is open read-only"}}

Id = Annotated[str, Path(pattern=ID_PATTERN)]
MAX_OFFSET = 10_000_000


def state(request: Request) -> State:
    return request.app.state.rasad


def _one_or_more(words) -> str:
    one = "(" + "|".join(words) + ")"
    return f"^{one}(,{one})*$"


_TYPES = _one_or_more([t for t in PLOVER_TYPES] + [t.lower() for t in PLOVER_TYPES])
_MODALITIES = _one_or_more([*MODALITIES, "all"])


class Filters:
    """The query parameters shared by the event and incident listings."""

    def __init__(
        self,
        type: Annotated[str | None, Query(max_length=200, pattern=_TYPES,
                                          description="PLOVER type(s), comma-separated")] = None,
        modality: Annotated[str | None, Query(max_length=100, pattern=_MODALITIES, description=(
            "asserted (the default), future, hypothetical, negated, generic, or all"))] = None,
        country: Annotated[str | None, Query(max_length=100, description=(
            "ISO alpha-3 codes or country names (English or Arabic), comma-separated"))] = None,
        admin1: Annotated[str | None, Query(max_length=200, description=(
            "governorate in English or Arabic, e.g. Deir ez-Zor"))] = None,
        actor: Annotated[str | None, Query(max_length=200,
                                           description="id, name or any alias")] = None,
        date_from: Annotated[IsoDate | None, Query(description="YYYY-MM-DD, inclusive")] = None,
        date_to: Annotated[IsoDate | None, Query(description="YYYY-MM-DD, inclusive")] = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        min_sources: Annotated[int | None, Query(ge=1, le=1000)] = None,
        text: Annotated[str | None, Query(max_length=200, description="in the evidence")] = None,
    ) -> None:
        self.values = {"type": type, "modality": modality, "country": country, "admin1": admin1,
                       "actor": actor, "date_from": date_from and date_from.isoformat(),
                       "date_to": date_to and date_to.isoformat(), "outlet": outlet,
                       "min_sources": min_sources, "text": text}

    def event_filter(self) -> Any:
        """The command line's parser and rules (an unknown value: 422 with suggestions)."""
        from rasad.store.filter_parse import FilterError, parse_filter

        try:
            return parse_filter(self.values)
        except FilterError as exc:
            raise HTTPException(422, str(exc)) from None


LIMIT_HELP = "rows per page (at most the server's maximum, 500)"


def paging(request: Request,
           limit: Annotated[int, Query(ge=1, le=100_000, description=LIMIT_HELP)] = 100,
           offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> tuple[int, int]:
    return min(limit, state(request).settings.max_page), offset


def read_store(request: Request) -> Iterator[Any]:
    """The store for one request's reads (the server shares the file, see store/shared.py)."""
    with state(request).store.reading() as store:
        yield store


S = Annotated[State, Depends(state)]
R = Annotated[Any, Depends(read_store)]
F = Annotated[Filters, Depends()]
P = Annotated[tuple[int, int], Depends(paging)]


_SORT = "^-?(" + "|".join(SORT_KEYS) + ")$"


@router.get("/events", response_model=EventPage, responses=E422, tags=["events"])
def list_events(store: R, filters: F, page: P,
                sort: Annotated[str | None, Query(max_length=20, pattern=_SORT, description=(
                    "sort key (" + ", ".join(SORT_KEYS) + "); -key for descending; "
                    "default newest first"))] = None) -> dict[str, Any]:
    """Events matching every given filter, newest first (or by ``sort``), one page at a time."""
    limit, offset = page
    f = filters.event_filter()
    items = store.events(f, limit=limit, offset=offset, sort=sort)
    total = store.count_events(f)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/events.geojson", response_model=FeatureCollection, responses=E422, tags=["events"])
def events_geojson(st: S, store: R, filters: F,
                   limit: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
                   offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict[str, Any]:
    """Matching events with coordinates as GeoJSON points (longitude, latitude), one page
    of at most the server's feature limit; ``total``, ``limit`` and ``offset`` say where
    the page lies (ask again with ``offset + limit`` for the next)."""
    cap = min(limit or st.settings.max_features, st.settings.max_features)
    f = filters.event_filter()
    events = store.events(f, limit=cap, offset=offset)
    total = store.count_events(f)
    features = [feat for feat in map(feature, events) if feat is not None]
    return {"type": "FeatureCollection", "features": features, "total": total,
            "limit": cap, "offset": offset}


@router.get("/events.csv", responses=E422, tags=["events"],
            response_class=Response)
def events_csv(store: R, filters: F) -> Response:
    """Matching events as CSV in the one flat schema (ACLED's 31 columns in ACLED's order,
    then rasad's: modality, injured, arrested, evidence offsets, confidence, incident)."""
    import csv
    import io

    from rasad.acled_table import COLUMNS
    from rasad.store.export import flat_event_rows

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat_event_rows(store._cur(), filters.event_filter())[:MAX_CSV_ROWS])
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="rasad-events.csv"'})


# one answer of /events.csv holds at most this many rows (the CLI's export has no cap)
MAX_CSV_ROWS = 100_000


@router.get("/timeline", response_model=Timeline, responses=E422, tags=["events"])
def timeline(store: R, filters: F) -> dict[str, Any]:
    """Matching events per week (weeks start on Monday): in total, by type, and their
    fatalities. Month- and year-precision dates count as ``undated``."""
    return store.weekly(filters.event_filter())


@router.get("/events/{event_id}", response_model=EventOut, responses={**E404, **E422},
            tags=["events"])
def get_event(store: R, event_id: Id) -> dict[str, Any]:
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return event


@router.get("/incidents", response_model=IncidentPage, responses=E422, tags=["incidents"])
def list_incidents(store: R, filters: F, page: P) -> dict[str, Any]:
    """Incidents: asserted events from several documents that describe one real incident."""
    limit, offset = page
    f = filters.event_filter()
    items = store.incidents(f, limit=limit, offset=offset)
    total = store.count_incidents(f)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/incidents/{incident_id}", response_model=IncidentOut, responses={**E404, **E422},
            tags=["incidents"])
def get_incident(store: R, incident_id: Id) -> dict[str, Any]:
    incident = store.incident(incident_id)
    if incident is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return incident


@router.get("/documents/{doc_id}", response_model=DocumentOut, responses={**E404, **E422},
            tags=["documents"])
def get_document(store: R, doc_id: Id) -> dict[str, Any]:
    """A stored document: its original text, its events with their evidence offsets, and the
    actor and place mentions (offsets into ``text``)."""
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return doc


@router.post("/documents", response_model=IngestOut, status_code=201,
             responses={**E413, **E422, **EWRITE}, tags=["documents"])
def post_document(st: S, body: DocumentIn, request: Request,
                  authorization: Annotated[str | None, Header(include_in_schema=False)] = None
                  ) -> dict[str, Any]:
    """Extract events from one document and store it (a document already stored with the
    same text changes nothing; a changed text replaces its old events). Needs the bearer
    token when the server has one."""
    st.check_write(authorization, request.headers.get("origin"), request.headers.get("host"),
                   request.headers.get("sec-fetch-site"))
    from rasad.schema import Document

    doc = Document(id=body.id, text=body.text, title=body.title,
                   published=body.published and body.published.isoformat(), url=body.url,
                   outlet=body.outlet)
    extracted = st.extract(doc)
    with st.store.writing() as store:
        report = store.ingest([extracted])
        stored = store.document(body.id)
    status = "added" if report.added else "replaced" if report.replaced else "unchanged"
    return {"id": body.id, "status": status, "events": len(stored["events"]) if stored else 0}


@router.post("/extract", response_model=DocumentOut, responses={**E413, **E422},
             tags=["extract"])
def extract(st: S, body: ArticleIn) -> dict[str, Any]:
    """Run the default pipeline on one article and return its events (nothing is stored)."""
    from rasad.schema import Document

    doc = Document(id=body.id or "pasted", text=body.text, title=body.title,
                   published=body.published and body.published.isoformat())
    return extraction(st.extract(doc))


@router.get("/stats", response_model=Stats, responses=E422, tags=["stats"])
def stats(store: R, filters: F) -> dict[str, Any]:
    """Counts of the matching events by type, country and month (and totals)."""
    return store.stats(filters.event_filter())


@router.get("/health", tags=["stats"])
def health() -> dict[str, str]:
    from rasad import __version__

    return {"status": "ok", "version": __version__}


# ---------------------------------------------------------------------------- helpers

def extraction(doc: Any) -> dict[str, Any]:
    """What the article view needs from a processed document."""
    events = []
    for e in doc.events:
        record = e.to_dict(debug=False)
        record["evidence_spans"] = [s.to_dict() for s in e.evidence_spans]
        events.append(record)
    return {"id": doc.id, "title": doc.title, "published": doc.published, "text": doc.text,
            "warnings": list(doc.warnings), "events": events,
            "actors": [a.to_dict() for a in doc.actors],
            "places": [p.to_dict() for p in doc.places]}


def feature(event: dict[str, Any]) -> dict[str, Any] | None:
    loc = event.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    a1, a2, date = event.get("actor1") or {}, event.get("actor2") or {}, event.get("date") or {}
    props = {
        "id": event.get("id"), "doc_id": event.get("doc_id"), "type": event.get("type"),
        "mode": event.get("mode"), "modality": event.get("modality"),
        "date": date.get("value"), "date_precision": date.get("precision"),
        "fatalities": event.get("fatalities"), "injured": event.get("injured"),
        "place": loc.get("name"), "place_ar": loc.get("name_ar"), "admin1": loc.get("admin1"),
        "country": loc.get("country"), "geo_precision": loc.get("geo_precision"),
        "place_feature": loc.get("feature"),
        "actor1": a1.get("name"), "actor2": a2.get("name"),
        "evidence": (event.get("evidence") or {}).get("text"),
    }
    for extra in ("outlet", "title", "published", "incident_id", "n_sources"):
        if extra in event:
            props[extra] = event[extra]
    return {"type": "Feature", "id": event.get("id"),
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": props}
