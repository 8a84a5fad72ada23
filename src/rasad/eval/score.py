"""Pairing predictions with gold events and the metrics of EVENTS.md §4.

Decisions where §4 leaves room (kept here so the report can be read exactly):
- A prediction is scored when its ``modality`` is ``asserted``; a missing/null modality
  counts as asserted. Other modalities are counted as ``ignored``.
- Pairing walks the predictions in input order. A prediction takes the first free
  matching core event in gold order, else the first free matching optional event. If it
  matches gold events that are all taken it is a duplicate; if it matches none it is
  unpaired. Both count against precision.
- A prediction counts once as a trap violation however many traps it overlaps; it may
  also be paired (the JSON lists every (prediction, trap) hit).
- Ratios with a zero denominator are ``None`` (``null`` in JSON, ``n/a`` in the table):
  precision with no scored predictions, recall with no core events, an accuracy with
  n = 0. F1 is 0.0 when precision or recall is 0 (so an empty prediction set scores
  F1 = 0 against gold with core events), else ``None`` when either is ``None``.
- Argument checks run on paired core events only, with the pair's prediction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.eval.gold import GoldDoc, GoldEvent, load_gold
from rasad.eval.match import (
    TextKey, actor_correct, counts_of, date_value, location_correct, overlaps,
)
from rasad.eval.predictions import load_predictions
from rasad.eval.sentences import SentenceScores, score_sentences

ARGUMENTS = ("location", "date", "counts", "actor1")
# Diagnostic checks beyond EVENTS.md §4, reported but never part of a bar.
EXTRA_ARGUMENTS = ("actor2", "mode", "fatalities", "injured", "arrested")


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision == 0 or recall == 0:
        return 0.0
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall)


@dataclass(slots=True)
class Tally:
    """Correct / scored for one argument check."""

    correct: int = 0
    n: int = 0

    def add(self, ok: bool | None) -> None:
        if ok is not None:
            self.n += 1
            self.correct += bool(ok)

    def __iadd__(self, other: Tally) -> Tally:
        self.correct += other.correct
        self.n += other.n
        return self

    @property
    def accuracy(self) -> float | None:
        return ratio(self.correct, self.n)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "n": self.n, "accuracy": self.accuracy}


@dataclass(slots=True)
class TypeCounts:
    """Detection counts of one event type."""

    core: int = 0
    matched_core: int = 0
    predictions: int = 0
    paired: int = 0
    duplicates: int = 0
    trap_violations: int = 0

    _FIELDS = ("core", "matched_core", "predictions", "paired", "duplicates", "trap_violations")

    def __iadd__(self, other: TypeCounts) -> TypeCounts:
        for name in self._FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def recall(self) -> float | None:
        return ratio(self.matched_core, self.core)

    @property
    def precision(self) -> float | None:
        return ratio(self.paired, self.predictions)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in self._FIELDS}
        out.update(core_recall=self.recall, precision=self.precision,
                   f1=f1(self.precision, self.recall))
        return out


@dataclass(slots=True)
class Pair:
    pred: int  # index in the document's prediction list (all modalities)
    gold: int  # index in the gold file's event list
    tier: str
    checks: dict[str, bool | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"pred": self.pred, "gold": self.gold, "tier": self.tier, **self.checks}


@dataclass(slots=True)
class Counts:
    """Event counts and argument tallies; per document and summed for the summary."""

    core: int = 0
    optional: int = 0
    matched_core: int = 0
    matched_optional: int = 0
    predictions: int = 0  # scored (asserted) predictions
    ignored: int = 0  # predictions with another modality
    paired: int = 0
    duplicates: int = 0
    unpaired: int = 0
    trap_violations: int = 0
    location: Tally = field(default_factory=Tally)
    date: Tally = field(default_factory=Tally)
    counts: Tally = field(default_factory=Tally)
    actor1: Tally = field(default_factory=Tally)
    extra: dict[str, Tally] = field(default_factory=lambda: {a: Tally() for a in EXTRA_ARGUMENTS})
    by_type: dict[str, TypeCounts] = field(default_factory=dict)

    _INTS = ("core", "optional", "matched_core", "matched_optional", "predictions",
             "ignored", "paired", "duplicates", "unpaired", "trap_violations")

    def add(self, other: Counts) -> None:
        for name in self._INTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ARGUMENTS:
            tally = getattr(self, name)
            tally += getattr(other, name)
        for name, t in other.extra.items():
            self.extra[name] += t
        for etype, tc in other.by_type.items():
            self.of_type(etype).__iadd__(tc)

    def of_type(self, etype: str | None) -> TypeCounts:
        return self.by_type.setdefault(etype or "?", TypeCounts())

    @property
    def core_recall(self) -> float | None:
        return ratio(self.matched_core, self.core)

    @property
    def precision(self) -> float | None:
        return ratio(self.paired, self.predictions)

    @property
    def f1(self) -> float | None:
        return f1(self.precision, self.core_recall)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in self._INTS}
        out.update(core_recall=self.core_recall, precision=self.precision, f1=self.f1)
        out.update({name: getattr(self, name).to_dict() for name in ARGUMENTS})
        out["extra"] = {name: t.to_dict() for name, t in self.extra.items()}
        out["by_type"] = {t: c.to_dict() for t, c in sorted(self.by_type.items())}
        return out


@dataclass(slots=True)
class DocResult(Counts):
    doc_id: str = ""
    in_predictions: bool = True
    pairs: list[Pair] = field(default_factory=list)
    duplicate_preds: list[int] = field(default_factory=list)
    unpaired_preds: list[int] = field(default_factory=list)
    trap_hits: list[tuple[int, int]] = field(default_factory=list)  # (pred, trap)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "in_predictions": self.in_predictions,
            **Counts.to_dict(self),
            "pairs": [p.to_dict() for p in self.pairs],
            "duplicate_preds": list(self.duplicate_preds),
            "unpaired_preds": list(self.unpaired_preds),
            "trap_hits": [{"pred": p, "trap": t} for p, t in self.trap_hits],
        }


@dataclass(slots=True)
class EvalResult:
    per_doc: list[DocResult]
    summary: Counts
    extra_docs: list[str] = field(default_factory=list)  # predicted, not in gold (ignored)
    notes: list[str] = field(default_factory=list)
    sentences: SentenceScores = field(default_factory=SentenceScores)

    def to_dict(self) -> dict[str, Any]:
        summary = self.summary.to_dict()
        summary["documents"] = len(self.per_doc)
        summary["documents_without_predictions"] = sum(not d.in_predictions for d in self.per_doc)
        return {
            "per_doc": [d.to_dict() for d in self.per_doc],
            "summary": summary,
            "extra_docs": list(self.extra_docs),
            "notes": list(self.notes),
            "sentences": self.sentences.to_dict(),
        }


def is_scored(pred: dict) -> bool:
    modality = pred.get("modality")
    return modality is None or modality == "asserted"


def _pred_type(pred: dict) -> str | None:
    t = pred.get("type")
    return t.strip().upper() if isinstance(t, str) else None


def _pred_key(pred: dict) -> TextKey:
    ev = pred.get("evidence")
    if isinstance(ev, dict):
        ev = ev.get("text")
    return TextKey.of(ev if isinstance(ev, str) else None)


def check_arguments(gold: GoldEvent, pred: dict) -> dict[str, bool | None]:
    """The four §4 argument checks; ``None`` where a check is not scored."""
    checks: dict[str, bool | None] = {}
    checks["location"] = (None if gold.location is None
                          else location_correct(gold.location, pred.get("location")))
    checks["date"] = (date_value(pred.get("date")) == gold.date
                      if gold.date and gold.date_precision == "day" else None)
    g_counts = (gold.fatalities, gold.injured, gold.arrested)
    p_counts = counts_of(pred)
    scored = any(c is not None for c in (*g_counts, *p_counts))
    checks["counts"] = (tuple(g_counts) == tuple(p_counts)) if scored else None
    checks["actor1"] = (actor_correct(gold.actor1_names, pred.get("actor1"))
                        if gold.actor1_names else None)
    return checks


def check_extra(gold: GoldEvent, pred: dict) -> dict[str, bool | None]:
    """Diagnostic checks: actor2 (where gold names one), mode (where gold gives one) and
    each count alone (where gold or prediction gives it)."""
    checks: dict[str, bool | None] = {
        "actor2": (actor_correct(gold.actor2_names, pred.get("actor2"))
                   if gold.actor2_names else None),
        "mode": (pred.get("mode") == gold.mode) if gold.mode else None,
    }
    for name, g in zip(("fatalities", "injured", "arrested"),
                       (gold.fatalities, gold.injured, gold.arrested)):
        p = pred.get(name)
        checks[name] = (p == g) if (p is not None or g is not None) else None
    return checks


def score_document(gold: GoldDoc, preds: list[dict] | None) -> DocResult:
    """Pair one document's predictions with its gold events and tally everything."""
    res = DocResult(doc_id=gold.doc_id, in_predictions=preds is not None)
    res.core = gold.n_core
    res.optional = len(gold.events) - res.core
    for g in gold.events:
        if g.core:
            res.of_type(g.type).core += 1
    taken: set[int] = set()
    for i, pred in enumerate(preds or []):
        if not is_scored(pred):
            res.ignored += 1
            continue
        res.predictions += 1
        ptype, pkey = _pred_type(pred), _pred_key(pred)
        tc = res.of_type(ptype)
        tc.predictions += 1
        matches = [g for g in gold.events
                   if g.type == ptype and any(overlaps(pkey, k) for k in g.keys)]
        free = [g for g in matches if g.index not in taken]
        if free:
            g = next((g for g in free if g.core), free[0])
            taken.add(g.index)
            res.paired += 1
            tc.paired += 1
            pair = Pair(pred=i, gold=g.index, tier=g.tier)
            if g.core:
                res.matched_core += 1
                tc.matched_core += 1
                pair.checks = check_arguments(g, pred)
                for name in ARGUMENTS:
                    getattr(res, name).add(pair.checks[name])
                for name, ok in check_extra(g, pred).items():
                    res.extra[name].add(ok)
            else:
                res.matched_optional += 1
            res.pairs.append(pair)
        elif matches:
            res.duplicates += 1
            tc.duplicates += 1
            res.duplicate_preds.append(i)
        else:
            res.unpaired += 1
            res.unpaired_preds.append(i)
        hits = [t.index for t in gold.traps if t.type == ptype and overlaps(pkey, t.key)]
        if hits:
            res.trap_violations += 1
            tc.trap_violations += 1
            res.trap_hits.extend((i, t) for t in hits)
    return res


def score(gold: dict[str, GoldDoc], predictions: dict[str, list[dict]]) -> EvalResult:
    per_doc = [score_document(g, predictions.get(doc_id)) for doc_id, g in gold.items()]
    summary = Counts()
    for d in per_doc:
        summary.add(d)
    extra = [d for d in predictions if d not in gold]
    notes = []
    missing = [d.doc_id for d in per_doc if not d.in_predictions]
    if missing:
        notes.append(f"{len(missing)} gold document(s) absent from the predictions, "
                     f"scored as predicted empty: {', '.join(missing)}")
    if extra:
        notes.append(f"{len(extra)} predicted document(s) not in the gold set, ignored: "
                     f"{', '.join(extra)}")
    return EvalResult(per_doc=per_doc, summary=summary, extra_docs=extra, notes=notes,
                      sentences=score_sentences(gold, predictions, is_scored))


def evaluate(gold_dir: Path | str, predictions: Path | str | list[dict]) -> EvalResult:
    """Score predictions (a file or a list of records) against a gold directory."""
    return score(load_gold(gold_dir), load_predictions(predictions))
