"""Cross-source incidents: asserted events from different documents that report one
real occurrence are clustered, and each cluster summarised (sources, outlets, the most
precise place and date, the range of casualty counts).

Two events may be linked when they have the same type, their date windows overlap
(within a day), their places are compatible (within :data:`MAX_KM` or the same admin2;
a governorate-level place is compatible with places inside it) and their actors do not
conflict; a link is accepted when its score (text similarity of the evidence plus
structural agreement, see :func:`pair_score`) reaches :data:`THRESHOLD`. Clusters grow
greedily from the best links; events of one document are never linked directly, and
every pair inside a cluster must be :func:`consistent`, so links do not chain across a
region or a month.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from rasad.geo import geometry
from rasad.geo.geometry import km_between

log = logging.getLogger(__name__)

MAX_KM = geometry.NEAR_KM
THRESHOLD = 0.0  # log-odds: probability 0.5
E5_MARGIN = 2.0  # TF-IDF log-odds beyond this decide a pair without embeddings
ONE_PER_DOCUMENT = False
CLUSTERED_PRECISIONS = ("day", "week", "month")

EV_COLUMNS = ("id", "doc_id", "type", "date_value", "date_precision", "date_from", "date_to",
            "location_name", "location_name_ar", "admin1", "admin2", "country", "lat", "lon",
            "geo_precision", "actor1_id", "actor1_name", "actor2_id", "actor2_name",
            "fatalities", "injured", "arrested", "evidence_text", "date_text", "gazetteer_id",
            "mode")


@dataclass(slots=True)
class Ev:
    id: str
    doc_id: str
    outlet: str | None
    type: str
    date_value: str | None
    date_precision: str | None
    date_from: date | None
    date_to: date | None
    location_name: str | None
    location_name_ar: str | None
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    actor1_id: str | None
    actor1_name: str | None
    actor2_id: str | None
    actor2_name: str | None
    fatalities: int | None
    injured: int | None
    arrested: int | None
    evidence_text: str | None
    date_text: str | None = None
    gazetteer_id: str | None = None
    mode: str | None = None

    @property
    def clusterable(self) -> bool:
        return self.date_from is not None and self.date_precision in CLUSTERED_PRECISIONS


def ev_from_record(record: dict, outlet: str | None = None) -> Ev:
    """An :class:`Ev` from an EVENTS.md §2 record (as ``rasad extract`` writes it)."""
    from rasad.store.records import date_window

    loc = record.get("location") or {}
    dt = record.get("date") or {}
    a1, a2 = record.get("actor1") or {}, record.get("actor2") or {}
    start, end = date_window(dt.get("value"), dt.get("precision"))
    return Ev(record["id"], record["doc_id"], outlet, record["type"], dt.get("value"),
              dt.get("precision"), start, end, loc.get("name"), loc.get("name_ar"),
              loc.get("admin1"), loc.get("admin2"), loc.get("country"), loc.get("lat"),
              loc.get("lon"), loc.get("geo_precision"), a1.get("id"), a1.get("name"),
              a2.get("id"), a2.get("name"), record.get("fatalities"), record.get("injured"),
              record.get("arrested"), (record.get("evidence") or {}).get("text"),
              dt.get("text"), loc.get("gazetteer_id"), record.get("mode"))


# ------------------------------------------------------------------ pair decisions

def km(a: Ev, b: Ev) -> float | None:
    return km_between(a, b)


def dates_compatible(a: Ev, b: Ev) -> bool:
    if not (a.clusterable and b.clusterable):
        return False
    one = timedelta(days=1)
    return a.date_from <= b.date_to + one and b.date_from <= a.date_to + one


_RELATIONS = {geometry.SAME: "near", geometry.NEAR: "near", geometry.CONTAINS: "coarse",
              geometry.UNKNOWN: "unknown"}


def place_relation(a: Ev, b: Ev) -> str | None:
    """``near``, ``coarse`` (one side only knows a governorate/country), ``unknown`` (a side
    has no place) or None (incompatible); :func:`rasad.geo.geometry.relation` decides, and
    reports of one incident by different outlets may be ``near`` (within 25 km or one admin2)."""
    rel = geometry.relation(a, b)
    return None if rel is None else _RELATIONS[rel]


def actors_conflict(a: Ev, b: Ev) -> bool:
    """Both name a first actor, they differ, and neither appears on the other's side."""
    if not a.actor1_id or not b.actor1_id or a.actor1_id == b.actor1_id:
        return False
    return a.actor1_id not in (b.actor2_id,) and b.actor1_id not in (a.actor2_id,)


def compatible(a: Ev, b: Ev) -> bool:
    """The hard rule: same type, other document, date windows within a day, places that
    do not contradict. (Actors are only a feature: outlets attribute strikes differently.)"""
    return (a.type == b.type and a.doc_id != b.doc_id and dates_compatible(a, b)
            and place_relation(a, b) is not None)


FEATURES = ("bias", "e5", "tfidf", "place_near", "same_place", "same_day", "one_day_apart",
            "month_precision", "both_dates_in_text", "same_actor1", "actor_conflict",
            "same_fatalities", "different_fatalities", "same_outlet", "same_day_x_sim",
            "same_place_x_dates_in_text")


def pair_features(a: Ev, b: Ev, sims: dict[str, float]) -> dict[str, float]:
    """Features of a compatible pair; ``sims`` holds ``tfidf`` and, when available, ``e5``."""
    rel = place_relation(a, b)
    dd = (a.date_from - b.date_from).days if a.date_precision == b.date_precision == "day" else None
    same_place = a.gazetteer_id is not None and a.gazetteer_id == b.gazetteer_id
    texts = a.date_text is not None and b.date_text is not None
    e5 = (sims["e5"] - 0.9) * 10 if "e5" in sims else 0.0  # e5 cosines sit in 0.8..1
    tfidf = sims.get("tfidf", 0.0) * 3
    f = {
        "bias": 1.0, "e5": e5, "tfidf": tfidf, "place_near": rel == "near",
        "same_place": same_place, "same_day": dd == 0,
        "one_day_apart": dd is not None and abs(dd) == 1,
        "month_precision": "month" in (a.date_precision, b.date_precision),
        "both_dates_in_text": texts,
        "same_actor1": a.actor1_id is not None and a.actor1_id == b.actor1_id,
        "actor_conflict": actors_conflict(a, b),
        "same_fatalities": a.fatalities is not None and a.fatalities == b.fatalities,
        "different_fatalities": None not in (a.fatalities, b.fatalities)
        and a.fatalities != b.fatalities,
        "same_outlet": a.outlet is not None and a.outlet == b.outlet,
        "same_day_x_sim": (dd == 0) * (e5 if "e5" in sims else tfidf),
        "same_place_x_dates_in_text": same_place and texts,
    }
    return {k: float(v) for k, v in f.items()}


def pair_score(a: Ev, b: Ev, sims: dict[str, float], model: str | None = None) -> float:
    """Log-odds that two compatible events report one incident (linked when > 0).

    The weights are a logistic regression fitted on the annotated pair set by
    ``scripts/incident_pairs.py fit``; ``model`` is ``e5`` (both similarities) or ``tfidf``.
    """
    from rasad.store.weights import WEIGHTS

    weights = WEIGHTS[model or ("e5" if "e5" in sims else "tfidf")]
    f = pair_features(a, b, sims)
    return sum(weights.get(k, 0.0) * v for k, v in f.items())


# ------------------------------------------------------------------ clustering

def candidate_pairs(events: list[Ev]) -> list[tuple[Ev, Ev]]:
    out = []
    by_type: dict[str, list[Ev]] = {}
    for e in events:
        if e.clusterable:
            by_type.setdefault(e.type, []).append(e)
    one = timedelta(days=1)
    for group in by_type.values():
        group.sort(key=lambda e: e.date_from)
        active: list[Ev] = []
        for e in group:
            active = [x for x in active if x.date_to + one >= e.date_from]
            out.extend((x, e) for x in active if compatible(x, e))
            active.append(e)
    return out


def score_pairs(pairs: list[tuple[Ev, Ev]], similarity, cur=None
                ) -> list[tuple[float, Ev, Ev]]:
    """Scores of candidate pairs. Text similarity is TF-IDF for all; embeddings (the costly
    signal) are computed only for pairs the TF-IDF model leaves undecided (|log-odds| <
    :data:`E5_MARGIN`), and those pairs are then scored by the e5 model."""
    from rasad.store.similarity import TfidfSimilarity

    if not pairs:
        return []
    texts = {e.id: e.evidence_text or "" for p in pairs for e in p}
    keys = [(a.id, b.id) for a, b in pairs]
    tfidf = TfidfSimilarity().scores(cur, texts, keys)
    out = []
    undecided = []
    for (a, b), k in zip(pairs, keys, strict=True):
        s = pair_score(a, b, {"tfidf": tfidf[k]}, "tfidf")
        if getattr(similarity, "name", "") == "e5" and abs(s) < E5_MARGIN:
            undecided.append((a, b, k))
        else:
            out.append((s, a, b))
    if undecided:
        e5 = similarity.scores(cur, texts, [k for _, _, k in undecided])
        out += [(pair_score(a, b, {"tfidf": tfidf[k], "e5": e5[k]}, "e5"), a, b)
                for a, b, k in undecided]
    return out


def consistent(a: Ev, b: Ev) -> bool:
    """May two events sit in one incident: :func:`compatible` without the other-document
    condition (an extractor may report one incident twice in an article)."""
    return a.type == b.type and dates_compatible(a, b) and place_relation(a, b) is not None


def cluster(events: list[Ev], similarity, cur=None, one_per_document: bool = ONE_PER_DOCUMENT
            ) -> list[list[Ev]]:
    """Greedy average-free linkage: the best links first; two clusters merge when every
    pair across them is :func:`consistent` (and, with ``one_per_document``, they share
    no document)."""
    pairs = candidate_pairs(events)
    links = sorted(score_pairs(pairs, similarity, cur), key=lambda t: (-t[0], t[1].id, t[2].id))
    owner = {e.id: [e] for e in events}
    for score, a, b in links:
        if score < THRESHOLD:
            break
        ca, cb = owner[a.id], owner[b.id]
        if ca is cb:
            continue
        if one_per_document and {x.doc_id for x in ca} & {y.doc_id for y in cb}:
            continue
        if not all(consistent(x, y) for x in ca for y in cb):
            continue
        ca.extend(cb)
        for y in cb:
            owner[y.id] = ca
    seen: set[int] = set()
    out = []
    for c in owner.values():
        if id(c) not in seen:
            seen.add(id(c))
            out.append(sorted(c, key=lambda e: e.id))
    return out


# ------------------------------------------------------------------ summaries

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def summarise(members: list[Ev]) -> dict:
    first = min(e.id for e in members)
    outlets = sorted({e.outlet for e in members if e.outlet})
    dated = [e for e in members if e.date_from is not None]
    values = Counter(e.date_value for e in dated)
    best_date = min(dated, key=lambda e: (_PRECISION_RANK.get(e.date_precision, 9),
                                          -values[e.date_value], e.date_from), default=None)
    lo = max((e.date_from for e in dated), default=None)
    hi = min((e.date_to for e in dated), default=None)
    if lo is None or hi is None or lo > hi:  # windows disagree: keep the best one's
        lo, hi = (best_date.date_from, best_date.date_to) if best_date else (None, None)
    placed = [e for e in members if e.country is not None]
    names = Counter(e.location_name for e in placed)
    best_place = min(placed, key=lambda e: (e.geo_precision or 9, -names[e.location_name],
                                            e.id), default=None)

    def common(attr_id: str, attr_name: str, besides: tuple | None = None
               ) -> tuple[str | None, str | None]:
        c = Counter((getattr(e, attr_id), getattr(e, attr_name)) for e in members
                    if getattr(e, attr_id) or getattr(e, attr_name))
        ranked = [k for k, _ in sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))]
        # an incident's target is never its actor (reports that swap or repeat the sides)
        ranked = [k for k in ranked if besides is None or not (k[0] and k[0] == besides[0])
                  and k != besides]
        return ranked[0] if ranked else (None, None)

    def rng(attr: str) -> tuple[int | None, int | None]:
        vals = [getattr(e, attr) for e in members if getattr(e, attr) is not None]
        return (min(vals), max(vals)) if vals else (None, None)

    a1 = common("actor1_id", "actor1_name")
    a2 = common("actor2_id", "actor2_name", besides=a1)
    p = best_place
    row = {
        "id": "inc_" + hashlib.sha1(first.encode()).hexdigest()[:16],
        # sources are outlets: two articles of one outlet are one source (a document
        # without an outlet counts as its own); the documents are the second figure
        "type": members[0].type, "n_outlets": len(outlets),
        "n_sources": len(outlets) + len({e.doc_id for e in members if not e.outlet}),
        "n_events": len(members), "outlets": json.dumps(outlets, ensure_ascii=False),
        "date_value": best_date.date_value if best_date else None,
        "date_precision": best_date.date_precision if best_date else None,
        "date_from": lo, "date_to": hi,
        "location_name": p.location_name if p else None,
        "location_name_ar": p.location_name_ar if p else None,
        "admin1": p.admin1 if p else None, "admin2": p.admin2 if p else None,
        "country": p.country if p else None, "lat": p.lat if p else None,
        "lon": p.lon if p else None, "geo_precision": p.geo_precision if p else None,
        "actor1_id": a1[0], "actor1_name": a1[1], "actor2_id": a2[0], "actor2_name": a2[1],
        "first_event": first,
    }
    for attr in ("fatalities", "injured", "arrested"):
        row[f"{attr}_min"], row[f"{attr}_max"] = rng(attr)
    return row
