"""Invariants no decider may break, applied to every draft after the decisions.

- a trigger carrying the future proclitic سـ, or under a decisive cue (``سوف``,
  ``من المقرر``; an onset word right before it, ``بدء سحب``, asserts it), keeps the rules'
  modality whatever a model thinks, when it is an event at all;
- a toll of ``sanity.max_incident_toll`` or more is a cumulative or rhetorical figure
  (``أكثر من 350 ألف قتيل منذ 2011``): the event is a summary (``generic``), never an
  asserted incident with an exact toll;
- a statement type (ACCUSE, REQUEST ...) named by a noun or with no named speaker is no
  event (the hard vetoes of ``cues.toml``);
- an event's actor2 is never its actor1;
- a background report (``وكانت ... قد``) keeps its own date or none, never the
  publication date.
"""
from __future__ import annotations

from rasad.events import cues
from rasad.events.candidates import Candidate
from rasad.events.merge import Draft
from rasad.events.modality import FUTURE_PREFIX
from rasad.text.normalize import key


def decisive_modality(c: Candidate) -> str | None:
    """The rules' modality when it rests on grammar (the future proclitic, a decisive cue)."""
    basis = key(c.modality_basis)
    if c.modality_basis == FUTURE_PREFIX or basis in cues.words("sanity.decisive"):
        return c.modality
    if c.modality == "future" and basis.startswith(("سي", "ست")):
        return c.modality  # a cue verb with the future proclitic (سيبدأ الجيش هجوما)
    return None


def vetoed(c: Candidate) -> bool:
    """Does a rule veto the candidate that no model may override?"""
    hard = cues.names("sanity.hard_vetoes")
    return any(v in hard for v in c.vetoes)


def check_draft(d: Draft) -> Draft:
    """Tolls, actors and dates of one draft, made consistent."""
    cap = cues.window("sanity.max_incident_toll")
    for role, (value, _) in list(d.counts.items()):
        if value is not None and value >= cap:
            d.counts[role] = (None, "unknown")
            d.explain["implausible"] = f"{role} {value}"
            if d.modality == "asserted":
                d.modality = "generic"
                d.explain["modality"] = f"generic: a toll of {value} is a cumulative figure"
    if d.actor1 is not None and d.actor2 is not None and (
            d.actor2 is d.actor1 or (d.actor1.id and d.actor1.id == d.actor2.id)):
        d.actor2 = None
        d.explain["actor2"] = "same as actor1"
    if d.background and d.date is not None and not d.date_from_sentence:
        d.date = None
        d.explain["date"] = "background report (كانت ... قد) with no date of its own"
    return d
