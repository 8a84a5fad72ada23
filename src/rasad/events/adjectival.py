"""Forces named by an adjective after an attack noun: ``غارات إسرائيلية``, ``قصف مدفعي
تركي``, ``ضربة حوثية``, ``قصف أميركي بريطاني``.

Arabic news names the doer of an attack this way more often than with a subject, above all
in headlines. The adjective becomes an actor mention of the sentence (the country's armed
forces, or the group the adjective names), so the role rules and the actor models can
choose it like any other mention. Only after a noun trigger (or a verb form an adjective
shows to be the noun) of a type whose table says so (``adjectival_agent``): after
``احتجاجات`` the nisba names people, after ``مقتل`` victims.
"""
from __future__ import annotations

from rasad.entities.actors_lexicon import lexicon
from rasad.entities.persons import nisbas
from rasad.events import cues
from rasad.events.types import table
from rasad.events.view import Located, SentenceView
from rasad.schema import Actor, Document


def actor_of_adjective(word: str) -> str | None:
    """The actor id an adjective names (``الإسرائيلية`` -> ISR_MIL), or None."""
    bare = word[2:] if word.startswith("ال") else word
    group = cues.grouped("roles.adjectival_groups").get(bare)
    if group is not None:
        return group
    country = nisbas().get(word) or nisbas().get("ال" + bare)
    if country is None:
        return None
    actors = lexicon().actors
    return next((a for a in (f"{country}_MIL", country) if a in actors), None)


def adjectival_agents(doc: Document, view: SentenceView, triggers: list[Located]) -> list[Located]:
    """One actor mention per adjective run that follows a qualifying noun trigger."""
    out: list[Located] = []
    gap = cues.window("roles.windows.adjectival_gap")
    types = table()
    means = cues.grouped("candidates.mode_adjectives")  # قصف مدفعي تركي: the means comes first
    taken: set[int] = set()
    for loc in triggers:
        trig = loc.item
        spec = types.get(trig.type)
        if trig.casualty != "none" or spec is None or not spec.adjectival_agent \
                or trig.pos not in ("noun", "verb", "mwe"):
            continue
        i = loc.last + 1
        skipped = 0
        while skipped < gap and view.word(i) in means:
            i, skipped = i + 1, skipped + 1
        # an unvocalised "verb" followed by an adjective is the noun (قصف إسرائيلي, قصف مدفعي)
        aid = actor_of_adjective(view.word(i))
        if aid is None or i in taken or not view.unbroken(loc.last, i):
            continue
        j = i
        while actor_of_adjective(view.word(j + 1)) is not None and view.unbroken(j, j + 1):
            j += 1  # "قصف أميركي بريطاني": the run is one mention, named by its first force
        taken.update(range(i, j + 1))
        info = lexicon().actors[aid]
        s, e = doc.norm.to_original(view.toks[i].start, view.toks[j].end)
        actor = Actor(id=info.id, name=info.name, name_ar=info.name_ar, kind=info.kind,
                      country=info.country, text=doc.text[s:e], start=s, end=e)
        out.append(Located(actor, i, j))
    return out
