"""Which place is an event's: the options a candidate has, and the choice among them.

The options are the place mentions of the candidate's sentence (with their token
positions), the places of the first two sentences (title and lead) and of the few
sentences before it, and the
document's focus place, one option per distinct place (the nearest mention). The rules
propose :func:`rasad.events.context.choose_place`; the place model ranks the options.
A place taken from outside the sentence keeps at best precision 2: the text does not tie
it to the event directly.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left
from dataclasses import dataclass

from rasad.events import cues
from rasad.events.candidates import Candidate
from rasad.events.view import Located
from rasad.geo.geometry import SAME, relation
from rasad.schema import Place

BACK = 3  # sentences before the candidate's whose places are options


@dataclass(slots=True)
class PlaceOption:
    place: Place
    scope: str  # clause | sentence | first (sentence of the text) | second | before | focus
    loc: Located | None = None  # token range, for places in the sentence
    gap: int = 0  # sentences between the mention and the candidate
    mentions: int = 1  # how often the document names this place
    rule: bool = False  # the rules' choice


def _ident(p: Place) -> str:
    return p.gazetteer_id or p.name or p.text


def options(c: Candidate) -> list[PlaceOption]:
    """The candidate's place options, closest scope first."""
    out: dict[str, PlaceOption] = {}
    dctx = c.doc
    counts = dctx.place_counts(_ident) if dctx is not None else {}
    origins = [loc.item for loc in c.ctx.places if id(loc) in c.ctx.launched]
    for loc in c.ctx.places:
        if id(loc) in c.ctx.launched:
            continue  # where a missile came from is never where it struck
        scope = "clause" if c.ctx.clause_of(loc.first) == c.clause else "sentence"
        ident = _ident(loc.item)
        if ident not in out or (scope == "clause" and out[ident].scope != "clause"):
            out[ident] = PlaceOption(loc.item, scope, loc)
    here = c.view.index
    if dctx is not None:
        for k in _earlier(dctx.place_sentence, here):
            p, si = dctx.places[k], dctx.place_sentence[k]
            scope = "first" if si == 0 else "second" if si == 1 else "before" \
                if here - si <= BACK else None
            if scope is None:
                continue
            ident = _ident(p)
            if ident not in out:
                out[ident] = PlaceOption(p, scope, None, here - si)
        if dctx.focus is not None and _ident(dctx.focus) not in out \
                and not any(relation(dctx.focus, o) == SAME for o in origins):
            out[_ident(dctx.focus)] = PlaceOption(dctx.focus, "focus", None, 0)
    for ident, opt in out.items():
        opt.mentions = counts.get(ident, 1)
        opt.rule = c.place is not None and _ident(c.place) == ident
    return list(out.values())


def _earlier(sentence_of: list[int], here: int) -> list[int]:
    """Indices of the places in the first two sentences and in the BACK sentences before
    ``here`` (``sentence_of`` is in text order, so each group is one bisected range)."""
    first = range(bisect_left(sentence_of, min(2, here)))
    back = range(bisect_left(sentence_of, max(here - BACK, 2)), bisect_left(sentence_of, here))
    return [*first, *back]


def in_sentence(opt: PlaceOption) -> bool:
    return opt.scope in ("clause", "sentence")


def as_event_place(opt: PlaceOption) -> Place:
    """The option as the event's location (precision at best 2 from outside the sentence)."""
    if in_sentence(opt):
        return opt.place
    return dataclasses.replace(opt.place, geo_precision=max(opt.place.geo_precision or 2, 2))


def purpose_or_origin(c: Candidate, loc: Located) -> str | None:
    """``purpose`` when the place stands in a purpose clause after the trigger (لدعم ...),
    ``origin`` after a word of origin (من مواليد ..., ينحدر من ...)."""
    view = c.view
    origin = cues.words("context.origin")
    reach = cues.window("context.origin_before")
    if any(w in origin or w[1:] in origin for w in view.words(loc.first - reach, loc.first)):
        return "origin"
    purpose = cues.words("context.purpose")
    if loc.first > c.loc.last and any(w in purpose for w in view.words(c.loc.last + 1, loc.first)):
        return "purpose"
    return None
