"""The learned decision layer at run time: linear models over sparse string features.

The packaged file ``resources/models/events.json`` holds six logistic-regression models
trained by ``scripts/train_events.py`` (scikit-learn, fixed seeds) from ``../shared/gold``:

- ``event``: is a candidate an event, and with which modality (asserted, future,
  hypothetical, negated, generic) or none;
- ``actor1``, ``actor2``: is an actor mention of the sentence the event's actor1 / actor2;
- ``count``: is a count of the sentence the event's count of its role;
- ``place``: is a place option (of the sentence, the lead, the sentences before, the
  document's focus) the event's location;
- ``merge``: does a draft report the same incident as an event told earlier.

Scoring a model is a sum of the weights of the features present, so the default path
needs neither scikit-learn nor NumPy (importing NumPy alone would cost 0.1 s of startup).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rasad import resources

FORMAT = 2
MODEL_NAMES = ("event", "actor1", "actor2", "count", "place", "merge")


@dataclass(slots=True)
class LinearModel:
    """A (multinomial or binary) logistic regression over named features.

    ``features`` are sorted names and ``columns`` one weight vector per class (one for a
    binary model) aligned with them: the file stores plain lists, which load fast."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    features: tuple[str, ...]
    columns: tuple[list[float] | tuple[float, ...], ...]
    threshold: float = 0.5  # binary models: the decision threshold on P(class 1)
    margin: float = 0.0  # ranking models: how much better than the rules' choice a pick must be
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def binary(self) -> bool:
        return len(self.intercept) == 1

    def weight(self, feature: str) -> tuple[float, ...]:
        """The weights of one feature (zeros when the model does not know it)."""
        i = self._index().get(feature)
        return tuple(col[i] for col in self.columns) if i is not None else (0.0,) * len(self.columns)

    def logits(self, features: list[str]) -> list[float]:
        if self.binary:
            return [self.intercept[0] + sum(filter(None, map(self._flat().get, features)))]
        rows = [r for r in map(self._rows().get, features) if r is not None]
        if not rows:
            return list(self.intercept)
        # summed column by column in feature order: the same floats as a per-class loop
        return [b + s for b, s in zip(self.intercept, map(sum, zip(*rows)))]

    def _index(self) -> dict[str, int]:
        got = self._cache.get("index")
        if got is None:
            got = self._cache["index"] = {f: i for i, f in enumerate(self.features)}
        return got

    def _rows(self) -> dict[str, tuple[float, ...]]:
        """Each feature's weights for all classes (row-major: one lookup per feature)."""
        got = self._cache.get("rows")
        if got is None:
            got = self._cache["rows"] = dict(zip(self.features, zip(*self.columns)))
        return got

    def _flat(self) -> dict[str, float]:
        got = self._cache.get("flat")
        if got is None:
            got = self._cache["flat"] = dict(zip(self.features, self.columns[0]))
        return got

    def proba(self, features: list[str]) -> dict[str, float]:
        """Class probabilities."""
        z = self.logits(features)
        if self.binary:
            p = _sigmoid(z[0])
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(z)
        exps = [math.exp(v - top) for v in z]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def p(self, features: list[str]) -> float:
        """P(class 1) of a binary model."""
        return _sigmoid(self.logits(features)[0])

    def to_dict(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercept": list(self.intercept),
                "threshold": self.threshold, "margin": self.margin,
                "features": list(self.features), "columns": [list(c) for c in self.columns]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LinearModel:
        # the columns stay the lists JSON gave (copying 80k floats into tuples costs startup)
        return cls(tuple(d["classes"]), tuple(d["intercept"]), tuple(d["features"]),
                   tuple(d["columns"]), d.get("threshold", 0.5), d.get("margin", 0.0))

    @classmethod
    def from_weights(cls, classes, intercept, weights: dict[str, tuple[float, ...]],
                     threshold: float = 0.5, margin: float = 0.0) -> LinearModel:
        names = tuple(sorted(weights))
        k = len(intercept)
        columns = tuple(tuple(weights[f][j] for f in names) for j in range(k))
        return cls(tuple(classes), tuple(intercept), names, columns, threshold, margin)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(slots=True)
class Models:
    """The decision models; a missing one leaves that decision to the rules."""

    event: LinearModel | None = None
    actor1: LinearModel | None = None
    actor2: LinearModel | None = None
    count: LinearModel | None = None
    place: LinearModel | None = None
    merge: LinearModel | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # P(asserted) an event candidate needs, by type ("*": the others), tuned by cross-validation
    event_thresholds: dict[str, float] = field(default_factory=dict)

    def event_threshold(self, etype: str) -> float:
        return self.event_thresholds.get(etype, self.event_thresholds.get("*", 0.5))

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "meta": self.meta, "event_thresholds": self.event_thresholds,
                "models": {n: m.to_dict() for n in MODEL_NAMES
                           if (m := getattr(self, n)) is not None}}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Models:
        if d.get("format") != FORMAT:
            raise ValueError(f"model file format {d.get('format')!r}, expected {FORMAT}")
        models = {n: LinearModel.from_dict(m) for n, m in d.get("models", {}).items()
                  if n in MODEL_NAMES}
        return cls(**models, meta=d.get("meta", {}),
                   event_thresholds=dict(d.get("event_thresholds", {})))

    def dumps(self) -> str:
        """Canonical JSON (sorted keys, one line per model), so a rebuild is byte-identical."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True,
                          separators=(",", ":")) + "\n"


def load(path: str | Path | None = None) -> Models:
    """Models from ``path``, or the packaged ones (loaded once per process)."""
    if path is None:
        return packaged()
    return Models.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@cache
def packaged() -> Models:
    p = resources.path("models", "events.json")
    if not p.is_file():
        return Models()
    return Models.from_dict(json.loads(p.read_text(encoding="utf-8")))
