"""From candidates to drafts: which candidates are events, their modality, actors and counts.

Two deciders share one draft builder. ``rules`` keeps a candidate the rules do not veto,
with the rules' modality, roles and counts. ``model`` (the default) asks the learned
models of :mod:`rasad.events.model` and falls back on the rules' proposal wherever a
model is absent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasad.events import places

from rasad.events.candidates import Candidate
from rasad.events.casualties import Count, summed_counts
from rasad.events.features import actor_features, candidate_features, count_features, \
    pair_features, place_features
from rasad.events.merge import Draft
from rasad.events.model import LinearModel, Models
from rasad.events.roles import Roles
from rasad.events.sanity import decisive_modality, vetoed
from rasad.events.view import Located, bare
from rasad.geo.geometry import CONTAINS, SAME, relation
from rasad.schema import Place
from rasad.text.normalize import key


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    place: Place | None
    why: str
    from_sentence: bool


def rule_place(c: Candidate) -> PlaceChoice:
    return PlaceChoice(c.place, c.why_place, c.place_from_sentence)


def draft_of(c: Candidate, modality: str, roles: Roles, counts: dict[str, Count],
             why_modality: str | None = None, place: PlaceChoice | None = None) -> Draft:
    """A draft of candidate ``c`` with the decided modality, roles, counts and place."""
    place = place or rule_place(c)
    draft = Draft(
        type=c.type, mode=c.mode, modality=modality, sentence=c.view.sentence,
        sentence_index=c.view.index, actor1=roles.actor1, actor2=roles.actor2, place=place.place,
        place_from_sentence=place.from_sentence, date=c.date,
        date_from_sentence=c.date_from_sentence,
        counts={r: (n.value, n.qualifier) for r, n in counts.items()},
        attribution=c.ctx.attribution, strong=c.strong, background=c.background,
        anaphoric=c.anaphoric, anchor=c.trigger.start,
        actor1_by_syntax=roles.actor1 is not None and _by_syntax(roles.rule1),
    )
    for role in c.etype.counts:
        if role not in draft.counts and role in c.ctx.vague:
            draft.counts[role] = (None, "unknown")
    trig = c.trigger
    draft.explain = {
        "trigger": f"'{trig.text or trig.phrase}' ({trig.type}/{trig.mode or '-'}, {trig.pos}, "
                   f"{trig.strength}) in sentence {c.view.index}",
        "modality": why_modality or c.why_modality,
        "actor1": roles.explain(1), "actor2": roles.explain(2),
        "location": place.why, "date": c.why_date,
        "counts": ", ".join(f"{r}={n.value} ({n.rule})" for r, n in counts.items()) or "no count",
    }
    return draft


def _by_syntax(rid: str) -> bool:
    from rasad.events.roles import rule

    return rule(rid).syntax


def decide_by_rules(cands: list[Candidate]) -> list[Draft]:
    """The rules alone: every candidate without a veto, as the rules propose it."""
    out = [draft_of(c, c.modality, c.roles, c.counts) for c in cands if c.kept_by_rules]
    return _in_sentence_order(out)


def _in_sentence_order(drafts: list[Draft]) -> list[Draft]:
    # within a sentence, drafts in trigger order (candidates come attacks first)
    return sorted(drafts, key=lambda d: (d.sentence_index, d.anchor))


# ---------------------------------------------------------------- learned decisions

def decide_with_models(cands: list[Candidate], models: Models, published: str | None
                       ) -> list[Draft]:
    """The learned decision layer: the event model keeps a candidate and sets its
    modality; the actor and count models choose among the sentence's mentions. A missing
    model leaves its decision to the rules."""
    if models.event is None:
        return decide_by_rules(cands)
    out = []
    for c in cands:
        if vetoed(c):
            continue
        probs = models.event.proba(candidate_features(c, published))
        label = event_label(probs, models.event_threshold(c.type))
        if label == NONE:
            continue
        label = decisive_modality(c) or label
        roles = learned_roles(c, models)
        counts = learned_counts(c, models)
        why = f"event model: {label} (p={probs[label]:.2f}; rules: {c.why_modality})"
        for n, place in enumerate(learned_places(c, models)):
            # places of one clause, each the site of its own incident (ACLED splits by
            # place): one draft each; the clause's counts stay with the first
            draft = draft_of(c, label, roles, counts if n == 0 else {}, why, place)
            draft.confidence = probs[label]
            draft.split = n
            out.append(draft)
    return _in_sentence_order(out)


NONE = "none"


def event_label(probs: dict[str, float], threshold: float) -> str:
    """``asserted`` when its probability reaches the type's threshold, else the likeliest
    other label (a modality, or none)."""
    if probs.get("asserted", 0.0) >= threshold:
        return "asserted"
    return max((k for k in probs if k != "asserted"), key=probs.__getitem__)


def learned_roles(c: Candidate, models: Models) -> Roles:
    """actor1 and actor2 by the actor models: the likeliest mention of the sentence above
    the threshold, or none (no document-level guessing)."""
    if models.actor1 is None:
        return c.roles
    # reporters of what others did (أعلنت الأمم المتحدة أن ...) are never its actors
    said = {id(r) for r in c.ctx.reporters if r.last < c.loc.first}
    mentions = [m for m in c.ctx.all_actors if id(m) not in said]
    feats = {id(m): actor_features(c, m) for m in mentions}
    a1 = _best(mentions, models.actor1, lambda m: feats[id(m)])
    rest = [m for m in mentions if a1 is None or (m.item is not a1.item and not _same_id(m, a1))]
    a2 = _best(rest, models.actor2, lambda m: feats[id(m)]) if models.actor2 else None
    r1 = c.roles.rule1 if a1 is not None and a1.item is c.roles.actor1 else "learned"
    r2 = c.roles.rule2 if a2 is not None and a2.item is c.roles.actor2 else "learned"
    return Roles(a1.item if a1 else None, a2.item if a2 else None,
                 r1 if a1 else "none", r2 if a2 else "none",
                 a1.item.text if a1 else "", a2.item.text if a2 else "")


def _same_id(a: Located, b: Located) -> bool:
    return bool(a.item.id) and a.item.id == b.item.id


def _best(items: list, model: LinearModel, features) -> Any:
    best, best_p = None, model.threshold
    for it in items:
        p = model.p(features(it))
        if p >= best_p:
            best, best_p = it, p
    return best


def learned_place(c: Candidate, models: Models) -> PlaceChoice:
    """The place option the place model ranks first (the rules' choice without a model)."""
    return learned_places(c, models, split=False)[0]


def learned_places(c: Candidate, models: Models, split: bool = True) -> list[PlaceChoice]:
    """The place model's first option, then (with ``split``) every other place of the
    clause it believes in above its threshold that is a different site."""
    if models.place is None:
        return [rule_place(c)]
    scored = sorted(((models.place.p(place_features(c, o)), n, o)
                     for n, o in enumerate(places.options(c))), key=lambda x: (-x[0], x[1]))
    if not scored:
        return [PlaceChoice(None, "no place found", False)]
    first = scored[0]
    rule = next((x for x in scored if x[2].rule), None)
    if rule is not None and first[0] - rule[0] <= models.place.margin:
        first = rule  # the model must clearly beat the rules' choice to replace it
    chosen = [first]
    if split:
        for p, n, opt in scored:
            if opt is not first[2] and p >= models.place.threshold and opt.scope == "clause" \
                    and chosen[0][2].scope == "clause" \
                    and all(relation(opt.place, q.place) not in (SAME, CONTAINS)
                            for _, _, q in chosen):
                chosen.append((p, n, opt))
    return [PlaceChoice(places.as_event_place(o), f"place model: {o.scope} (p={p:.2f})"
                        + (" (split by place)" if k else ""), places.in_sentence(o))
            for k, (p, _, o) in enumerate(chosen)]


def learned_counts(c: Candidate, models: Models) -> dict[str, Count]:
    """Per count role of the type, the count the count model believes in most."""
    if models.count is None:
        return c.counts
    out: dict[str, Count] = {}
    counts = summed_counts(c.ctx.counts)
    for role in c.etype.counts:
        best = _best([n for n in counts if n.role == role], models.count,
                     lambda n: count_features(c, n))
        if best is not None:
            out[role] = best
    return out


class ModelLinker:
    """``link(e, d)`` for :func:`rasad.events.merge.merge`: the merge model's probability
    that draft ``d`` reports the incident of event ``e``."""

    def __init__(self, model: LinearModel):
        self.model = model
        self.threshold = model.threshold
        self._words: dict[int, frozenset[str]] = {}
        # a merged event's words so far: (its draft, sentences counted, their words); an
        # event only gains sentences, so each is counted once, not once per pair
        self._union: dict[int, tuple[Draft, int, frozenset[str]]] = {}

    def _sentence_words(self, s) -> frozenset[str]:
        got = self._words.get(id(s))
        if got is None:
            got = self._words[id(s)] = content_words(s.text)
        return got

    def words(self, d: Draft) -> frozenset[str]:
        sents = d.sentences or [d.sentence]
        held = self._union.get(id(d))
        done, out = (held[1], held[2]) if held is not None and held[0] is d else (0, frozenset())
        if done < len(sents):
            more = set(out)
            for s in sents[done:]:
                more |= self._sentence_words(s)
            out = frozenset(more)
            self._union[id(d)] = (d, len(sents), out)
        return out

    def __call__(self, e: Draft, d: Draft) -> float:
        return self.model.p(pair_features(e, d, self.words(e), self.words(d)))


def content_words(text: str) -> frozenset[str]:
    """Words of three letters or more, keyed and without proclitics."""
    return frozenset(bare(w) for w in key(text).split() if len(w) > 2)
