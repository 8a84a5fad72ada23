"""Modality of a trigger (EVENTS.md §1): asserted, future, hypothetical, negated, generic.

Cues come from ``resources/events/modality.tsv`` (matched by :mod:`rasad.events.lexicon`);
each has a scope (before/after/either the trigger) and a window in words. The nearest
applicable cue decides. Two morphological cues are read off the trigger itself: the
future prefix ``سـ`` (``سيتمركز``) and an imperfect verb without a dated occasion, which
in news prose is habitual (``ويشن الحزب حملة``: generic).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rasad import resources
from rasad.events.view import Located, SentenceView
from rasad.text.normalize import key


@cache
def nonconflict_words() -> frozenset[str]:
    return frozenset(key(w) for w in resources.read_lines("events", "nonconflict.txt"))


def is_nonconflict(view: SentenceView) -> str | None:
    """The accident/disaster word of the sentence, if any."""
    words = nonconflict_words()
    toks = [t.text for t in view.toks]
    for i, w in enumerate(toks):
        for cand in (w, w[1:] if w[:1] in "وفب" else w, " ".join(toks[i:i + 2])):
            if cand in words:
                return cand
    return None


# The basis of a modality verdict besides a cue phrase (``ModalityVerdict.basis``).
FUTURE_PREFIX, HABITUAL, NO_CUE = "future_prefix", "habitual", "none"


@dataclass(frozen=True, slots=True)
class ModalityVerdict:
    modality: str
    why: str  # for --explain
    basis: str  # the deciding cue's phrase, or FUTURE_PREFIX / HABITUAL / NO_CUE

    def __iter__(self):  # (modality, why), as the rules' callers unpack it
        return iter((self.modality, self.why))


def modality_of(view: SentenceView, cues: list[Located], first: int, last: int,
                future_prefix: bool, imperfect: bool, dated: bool) -> ModalityVerdict:
    """The modality of the trigger at tokens ``first..last``, and why."""
    if future_prefix:
        return ModalityVerdict("future", "future prefix سـ on the verb", FUTURE_PREFIX)
    best: tuple[int, str, str, str] | None = None
    for loc in cues:
        cue = loc.item
        if loc.last < first:
            dist = first - loc.last
            ok = cue.scope in ("before", "either")
        elif loc.first > last:
            dist = loc.first - last
            ok = cue.scope in ("after", "either")
        else:  # a cue inside the trigger phrase (إحباط in إحباط هجوم) is the trigger's own word
            continue
        reach = max(cue.window, 1)
        if cue.modality in ("hypothetical", "future") and loc.last < first \
                and view.unbroken(loc.last, first):
            reach = max(reach, 20)  # "توقعات بشن داعش وميليشيات ... هجمات": the whole clause
        if ok and dist <= reach and (best is None or dist < best[0]):
            best = (dist, cue.modality, f"cue '{cue.text or cue.phrase}' ({cue.modality}, "
                                        f"{dist} words {'before' if loc.last < first else 'after'})",
                    cue.phrase)
    if best is not None:
        return ModalityVerdict(best[1], best[2], best[3])
    if imperfect and not dated:
        return ModalityVerdict("generic", "imperfect verb with no dated occasion (habitual)",
                               HABITUAL)
    return ModalityVerdict("asserted", "no modality cue", NO_CUE)
