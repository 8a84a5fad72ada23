"""From candidates to drafts: which candidates are events, their modality, actors and counts.

Two deciders share one draft builder. ``rules`` keeps a candidate the rules do not veto,
with the rules' modality, roles and counts. ``model`` (the default) asks the learned
models of :mod:`rasad.events.model` and falls back on the rules' proposal wherever a
model is absent.
"""
from __future__ import annotations

from rasad.events.candidates import Candidate
from rasad.events.casualties import Count
from rasad.events.merge import Draft
from rasad.events.roles import Roles


def draft_of(c: Candidate, modality: str, roles: Roles, counts: dict[str, Count],
             why_modality: str | None = None) -> Draft:
    """A draft of candidate ``c`` with the decided modality, roles and counts."""
    draft = Draft(
        type=c.type, mode=c.mode, modality=modality, sentence=c.view.sentence,
        sentence_index=c.view.index, actor1=roles.actor1, actor2=roles.actor2, place=c.place,
        place_from_sentence=c.place_from_sentence, date=c.date,
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
        "location": c.why_place, "date": c.why_date,
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
