"""The sentence-level view: detection measured apart from merging.

Event-level scores (EVENTS.md §4) mix two skills: finding that a sentence states an event
of a type, and telling that several sentences report one incident. Here every gold
evidence string is a unit of its type, and every asserted prediction contributes each
sentence that reports it (``evidence_spans`` when the predictions carry them, as
``rasad extract --debug`` and the cross-validation runner do; else ``evidence``), counted
once per (type, sentence) whatever the merging did:

- **recall**: core evidence strings overlapped (§4 overlap) by a predicted sentence of their type;
- **precision**: predicted (type, sentence) units that overlap a gold evidence string
  (core or optional) of their type;
- **traps**: predicted units that overlap a trap of their type.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasad.eval.gold import GoldDoc
from rasad.eval.match import TextKey, overlaps


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(slots=True)
class UnitCounts:
    gold: int = 0  # core evidence strings
    found: int = 0
    predicted: int = 0  # distinct (type, sentence) units
    correct: int = 0
    traps: int = 0

    def __iadd__(self, other: UnitCounts) -> UnitCounts:
        for name in ("gold", "found", "predicted", "correct", "traps"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.gold)

    @property
    def precision(self) -> float | None:
        return ratio(self.correct, self.predicted)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "found": self.found, "predicted": self.predicted,
                "correct": self.correct, "traps": self.traps, "recall": self.recall,
                "precision": self.precision}


@dataclass(slots=True)
class SentenceScores:
    total: UnitCounts = field(default_factory=UnitCounts)
    by_type: dict[str, UnitCounts] = field(default_factory=dict)

    def of_type(self, etype: str) -> UnitCounts:
        return self.by_type.setdefault(etype, UnitCounts())

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total.to_dict(),
                "by_type": {t: c.to_dict() for t, c in sorted(self.by_type.items())}}


def _spans(pred: dict) -> list[str]:
    spans = pred.get("evidence_spans")
    if isinstance(spans, list) and spans:
        out = [s.get("text") if isinstance(s, dict) else s for s in spans]
    else:
        ev = pred.get("evidence")
        out = [ev.get("text") if isinstance(ev, dict) else ev]
    return [t for t in out if isinstance(t, str) and t.strip()]


def score_sentences(gold: dict[str, GoldDoc], predictions: dict[str, list[dict]],
                    scored=lambda p: p.get("modality") in (None, "asserted")) -> SentenceScores:
    out = SentenceScores()
    for doc_id, g in gold.items():
        units: dict[tuple[str, str], TextKey] = {}
        for pred in predictions.get(doc_id) or []:
            etype = pred.get("type")
            if not scored(pred) or not isinstance(etype, str):
                continue
            for text in _spans(pred):
                k = TextKey.of(text)
                units.setdefault((etype, k.key), k)
        for e in g.events:
            if not e.core:
                continue
            for k in e.keys:
                c = out.of_type(e.type)
                c.gold += 1
                if any(t == e.type and overlaps(pk, k) for (t, _), pk in units.items()):
                    c.found += 1
        for (etype, _), pk in units.items():
            c = out.of_type(etype)
            c.predicted += 1
            if any(e.type == etype and any(overlaps(pk, k) for k in e.keys) for e in g.events):
                c.correct += 1
            if any(t.type == etype and overlaps(pk, t.key) for t in g.traps):
                c.traps += 1
    for c in out.by_type.values():
        out.total += c
    return out
