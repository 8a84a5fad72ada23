"""Hand-written documents run through the stages before ``events`` (no gold, no seed)."""
from __future__ import annotations

from functools import cache

from rasad.config import load_config
from rasad.events.candidates import Candidate, find_candidates
from rasad.pipeline import Pipeline
from rasad.schema import Document


@cache
def _pre() -> Pipeline:
    cfg = load_config()
    return Pipeline.from_config(cfg.with_pipeline([s for s in cfg.pipeline if s != "events"]))


def prepared(text: str, published: str | None = "2018-07-10") -> Document:
    return _pre()(Document(id="t", text=text, published=published))


def candidates(text: str, published: str | None = "2018-07-10") -> list[Candidate]:
    return find_candidates(prepared(text, published))


def only(cands: list[Candidate], etype: str) -> Candidate:
    found = [c for c in cands if c.type == etype]
    assert len(found) == 1, [(c.type, c.trigger.phrase) for c in cands]
    return found[0]
