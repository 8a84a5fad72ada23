"""Document-level k-fold cross-validation of the learned decision layer.

Documents are dealt into ``k`` folds by a hash of their id (stable whatever the order
or the machine). For each fold the models are trained on the other folds (plus any
``extra`` documents, which are never tested) and the fold's documents are coded with
them; the pooled predictions are scored by :func:`rasad.eval.score` against the gold, so
every number is ``rasad eval``'s and every document is coded by models that never saw it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rasad.eval.score import EvalResult, score
from rasad.events.extract import code_events
from rasad.learn.corpus import GoldDocument
from rasad.learn.train import Params, fit


def fold_of(doc_id: str, k: int, seed: int = 0) -> int:
    """A stable fold for a document id (before balancing, see :func:`assign_folds`)."""
    return int(hashlib.sha1(f"{seed}:{doc_id}".encode()).hexdigest(), 16) % k


def assign_folds(ids: list[str], k: int, seed: int = 0) -> dict[str, int]:
    """Balanced folds: ids ordered by their hash, then dealt round-robin."""
    order = sorted(ids, key=lambda i: hashlib.sha1(f"{seed}:{i}".encode()).hexdigest())
    return {doc_id: n % k for n, doc_id in enumerate(order)}


@dataclass(slots=True)
class CVResult:
    k: int
    result: EvalResult  # pooled over all folds
    folds: list[EvalResult] = field(default_factory=list)
    predictions: dict[str, list[dict]] = field(default_factory=dict)


def predict(docs: list[GoldDocument], models) -> dict[str, list[dict]]:
    """Event records (with their debug layers) of each document, coded with ``models``
    (``None``: the rules alone)."""
    return {gd.doc.id: [e.to_dict(debug=True) for e in code_events(gd.doc, gd.candidates, models)]
            for gd in docs}


def cross_validate(docs: list[GoldDocument], k: int = 5, extra: list[GoldDocument] | None = None,
                   params: Params | None = None, seed: int = 0) -> CVResult:
    folds = assign_folds([gd.doc.id for gd in docs], k, seed)
    gold = {gd.doc.id: gd.gold for gd in docs}
    out = CVResult(k, score(gold, {}))
    for f in range(k):
        test = [gd for gd in docs if folds[gd.doc.id] == f]
        train = [gd for gd in docs if folds[gd.doc.id] != f] + list(extra or [])
        preds = predict(test, fit(train, params))
        out.predictions.update(preds)
        out.folds.append(score({gd.doc.id: gd.gold for gd in test}, preds))
    out.result = score(gold, out.predictions)
    return out
