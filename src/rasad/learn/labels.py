"""What the gold says about each decision, by the scorer's own rules (EVENTS.md §4).

- a candidate is ``asserted`` when a gold event of its type (core or optional) overlaps its
  clause; else it takes the ``why`` of an overlapping trap of its type (``not-conflict``
  is ``none``); else ``none`` (the gold is exhaustive);
- an actor mention is actor1 (actor2) when its name, id, Arabic name or surface equals a
  name or alias of a matched gold event's actor1 (actor2);
- a count is right when it equals a matched gold event's count of its role (null for null);
- two drafts report one incident when they match a common gold event.
"""
from __future__ import annotations

from dataclasses import dataclass

from rasad.eval.gold import GoldDoc, GoldEvent
from rasad.eval.match import TextKey, actor_correct, location_correct, overlaps
from rasad.events.candidates import Candidate
from rasad.events.casualties import Count
from rasad.schema import Actor, Document, Place

NONE = "none"
LABELS = ("asserted", "future", "hypothetical", "negated", "generic", NONE)
_TRAP_LABELS = {"future": "future", "hypothetical": "hypothetical", "negated": "negated",
                "generic": "generic"}


@dataclass(slots=True)
class CandidateLabel:
    label: str
    events: list[GoldEvent]  # the gold events the candidate matches (core first)


def label_candidate(c: Candidate, doc: Document, gold: GoldDoc) -> CandidateLabel:
    keys = [TextKey.of(c.clause_text(doc))]
    if c.ctx.starts:
        keys.append(TextKey.of(c.view.sentence.text))
    clause, sentence = keys[0], keys[-1]
    matched = [g for g in gold.events if g.type == c.type and any(overlaps(clause, k) for k in g.keys)]
    if matched:
        return CandidateLabel("asserted", sorted(matched, key=lambda g: not g.core))
    for t in gold.traps:
        if t.type == c.type and (overlaps(clause, t.key) or overlaps(sentence, t.key)):
            return CandidateLabel(_TRAP_LABELS.get(t.why or "", NONE), [])
    return CandidateLabel(NONE, [])


def _actor_record(a: Actor) -> dict:
    return {"name": a.name, "id": a.id, "name_ar": a.name_ar, "text": a.text}


def is_actor(actor: Actor, events: list[GoldEvent], which: int) -> bool:
    rec = _actor_record(actor)
    return any(actor_correct(g.actor1_names if which == 1 else g.actor2_names, rec) for g in events)


def is_place(place: Place, events: list[GoldEvent]) -> bool:
    rec = {"lat": place.lat, "lon": place.lon, "country": place.country, "admin1": place.admin1}
    return any(location_correct(g.location, rec) for g in events if g.location is not None)


def is_count(n: Count, events: list[GoldEvent]) -> bool:
    return any(getattr(g, n.role) == n.value for g in events)
