"""The ``events`` stage: candidates -> decided drafts -> merged events.

:mod:`rasad.events.candidates` groups the triggers of each clause and attaches what the
rules find (roles, counts, place, date, modality, vetoes); :mod:`rasad.events.decide`
decides which candidates are events and with which arguments; drafts are then merged
across the document (:mod:`rasad.events.merge`) and turned into
:class:`~rasad.schema.Event`.
"""
from __future__ import annotations

import hashlib

from rasad.config import Config
from rasad.events.acled import acled_type
from rasad.events import model as model_mod
from rasad.events.candidates import Candidate, find_candidates
from rasad.events.decide import ModelLinker, decide_by_rules, decide_with_models
from rasad.events.merge import Draft, evidence_of, merge
from rasad.events.model import Models
from rasad.events.sanity import check_draft
from rasad.pipeline import stage
from rasad.schema import Document, Event

DECIDERS = ("model", "rules")


@stage("events", requires=("norm", "keytext", "removed", "title_span", "sentences", "actors",
                           "places", "times", "quantities"), assigns=("events",))
def extract_events(doc: Document, config: Config) -> Document:
    decider = config.get("events", "decider", "model")
    if decider not in DECIDERS:
        from rasad.errors import ConfigError

        raise ConfigError("events.decider", f"{decider!r} is not one of {', '.join(DECIDERS)}")
    models = model_mod.packaged() if decider == "model" else None
    doc.events = code_events(doc, find_candidates(doc), models)
    _warn_implausible(doc)
    return doc


def _warn_implausible(doc: Document) -> None:
    """A toll no single incident reaches (``sanity.max_incident_toll``) is never an
    event's exact count: sanity nulls it, and the document says so (the event keeps its
    evidence text, where the figure is)."""
    from rasad.errors import W_IMPLAUSIBLE

    for e in doc.events:
        dropped = e.explain.get("implausible")
        if dropped:
            warning = W_IMPLAUSIBLE.format(event=e.type, dropped=dropped)
            if warning not in doc.warnings:
                doc.warnings.append(warning)


def code_events(doc: Document, cands: list[Candidate], models: Models | None) -> list[Event]:
    """Events of a document from its candidates: by the rules (``models`` None) or by the
    learned decision layer (missing models fall back on the rules)."""
    if not cands:
        return []
    if models is None:
        merged = merge([check_draft(d) for d in decide_by_rules(cands)])
    else:
        drafts = [check_draft(d) for d in decide_with_models(cands, models, doc.published)]
        merged = merge(drafts, ModelLinker(models.merge), models.merge.threshold) \
            if models.merge is not None else merge(drafts)
    # merging can bring a larger toll or both sides together: the invariants once more
    return [_event(doc, check_draft(d)) for d in merged]


def _event(doc: Document, d: Draft) -> Event:
    if d.actor1 is not None and d.actor2 is not None and d.actor1.id \
            and d.actor1.id == d.actor2.id:
        d.actor2 = None  # merged reports can name one side twice; it is not its own target
        d.explain["actor2"] = "same as actor1 after merging"
    evidence, spans = evidence_of(d)
    # doc + type + evidence span, and the anchor trigger: two clauses of one sentence can
    # each report an event of one type
    split = f"|{d.split}" if d.split else ""  # drafts of one candidate split by place
    digest = hashlib.sha1(f"{doc.id}|{d.type}|{spans[0].start}:{spans[0].end}|{d.anchor}{split}"
                          .encode()).hexdigest()
    counts = {r: v for r, (v, _) in d.counts.items()}
    qualifiers = {r: q for r, (v, q) in d.counts.items()}
    if d.confidence is not None:
        confidence = d.confidence
    else:
        confidence = 0.45 + 0.15 * d.strong + 0.1 * (d.actor1 is not None) \
            + 0.1 * d.place_from_sentence + 0.05 * bool(counts) + 0.05 * (len(spans) > 1)
    explain = dict(d.explain)
    if len(spans) > 1:
        explain["merged"] = f"{len(spans)} sentences report this event"
    return Event(
        id=digest[:16], doc_id=doc.id, type=d.type, mode=d.mode, modality=d.modality,
        acled=acled_type(d.type, d.mode, d.actor2), actor1=d.actor1, actor2=d.actor2,
        location=d.place, date=d.date,
        fatalities=counts.get("fatalities"), injured=counts.get("injured"),
        arrested=counts.get("arrested"),
        count_qualifier={r: q for r, q in qualifiers.items() if counts.get(r) is not None
                         or q == "unknown"},
        attribution=d.attribution, evidence=evidence, confidence=round(min(confidence, 0.95), 2),
        evidence_spans=spans, explain=explain,
    )
