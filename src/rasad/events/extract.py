"""The ``events`` stage: triggers -> drafts with arguments and modality -> merged events.

Per sentence, triggers of one type and one modality form one draft (a sentence rarely
reports two incidents of one type). A weak trigger needs support: a strong trigger, a
non-source actor, or a casualty count in the sentence. Drafts are then merged across
the document (:mod:`rasad.events.merge`) and turned into :class:`~rasad.schema.Event`.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import defaultdict
from functools import cache

from rasad import resources
from rasad.config import Config
from rasad.events import context
from rasad.events.acled import acled_type
from rasad.events.casualties import best_counts, sentence_counts, unknown_roles
from rasad.events.lexicon import TriggerMatch, find_attribution_cues, find_modality_cues, \
    find_triggers, load_triggers
from rasad.events.merge import Draft, better_mode, evidence_of, merge
from rasad.events.modality import is_nonconflict, modality_of
from rasad.events import roles as roles_mod
from rasad.events.roles import assign_roles
from rasad.events.view import Located, SentenceView, sentence_views
from rasad.geo.geocode import focus_place
from rasad.pipeline import stage
from rasad.schema import Document, Event
from rasad.text.normalize import key

# Counts each type may carry (EVENTS.md §2).
COUNT_ROLES = {"ASSAULT": ("fatalities", "injured"), "COERCE": ("arrested",)}
# Types that report something done on the ground; the others are statements and
# (non-)cooperation, coded only with a doer named by syntax and a verb phrase.
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST"})
# PLOVER: a MOBILIZE inside an ASSAULT report is not coded separately.
SUBSUMED_BY_ASSAULT = {"MOBILIZE"}


@cache
def _weapon_keys() -> frozenset[str]:
    return frozenset(key(w) for w in resources.read_lines("events", "weapons.txt"))


@cache
def _imperfect_keys() -> frozenset[str]:
    """Keys of imperfect verb triggers: a ي-form, or a ت-form whose ي-twin is listed."""
    verbs = {key(e.phrase) for e in load_triggers() if e.pos == "verb"}
    out = {v for v in verbs if v.startswith("ي")}
    out |= {v for v in verbs if v.startswith("ت") and "ي" + v[1:] in verbs}
    return frozenset(out)


def _sorted(items: list) -> list:
    return sorted(items, key=lambda x: (x.start, x.end))


def _anchor(group: list[tuple[TriggerMatch, Located]]) -> tuple[TriggerMatch, Located]:
    """The trigger that best names the event: strong, a verb (its arguments are clearest),
    with a mode, not a bare casualty word."""
    return min(group, key=lambda g: (g[0].strength != "strong", g[0].pos == "noun",
                                     g[0].mode is None, g[0].casualty != "none", g[1].first))


@stage("events", requires=("segment",), assigns=("events",))
def extract_events(doc: Document, config: Config) -> Document:
    triggers = _sorted(find_triggers(doc))
    if not triggers:
        doc.events = []
        return doc
    mcues = _sorted(find_modality_cues(doc))
    acues = _sorted(find_attribution_cues(doc))
    actors = _sorted(doc.actors)
    # a place name inside an actor's name is not the event's place (دمشق in سلطة دمشق)
    places = [p for p in _sorted(doc.places) if not _inside_any(p, actors)]
    # a trigger word that is part of a name is no trigger (مقاطعة in مقاطعة ديرالزور)
    triggers = [t for t in triggers if not _inside_any(t, actors) and not _inside_any(t, places)]
    quantities, times = _sorted(doc.quantities), _sorted(doc.times)
    doc.quantities, doc.times, doc.actors = quantities, times, actors
    focus, lead = focus_place(doc, places), context.dateline(doc)
    drafts: list[Draft] = []
    for view in sentence_views(doc):
        located = view.mentions(doc, triggers)
        if located:
            drafts.extend(_sentence_drafts(doc, view, located, mcues, acues, focus, lead, places))
    doc.events = [_event(doc, d) for d in merge(drafts)]
    return doc


# Words that open a new clause, which may report another incident ("..., في حين شهدت درعا ...").
_CLAUSE_OPENERS = ("في حين", "فيما", "بينما", "وفيما", "وبينما", "كما", "وكما", "لكن", "ولكن")
# "استؤنفت الغارات بعد أن أعلن التحالف أن الحوثيين هاجموا ناقلة": an earlier, other event
_TWO_WORD_OPENERS = (("بعد", "أن"), ("قبل", "أن"), ("في", "حين"))


@cache
def _clause_keys() -> frozenset[str]:
    return frozenset(key(w) for w in _CLAUSE_OPENERS)


def _clause_starts(view: SentenceView, first: int) -> list[int]:
    """Token indices where clauses open before token ``first``."""
    keys = _clause_keys()
    pairs = _two_word_keys()
    out = []
    for i in range(first):
        w = view.word(i)
        if w in keys:
            out.append(i)
        elif (w, view.word(i + 1)) in pairs and i + 1 < first:
            out.append(i + 1)
    return out


def _clause(starts: list[int], first: int) -> int:
    """Index of the clause holding token ``first`` (0 for the sentence's first clause),
    given the sentence's clause starts."""
    return bisect_left(starts, first)


@cache
def _two_word_keys() -> frozenset[tuple[str, str]]:
    return frozenset((key(a), key(b)) for a, b in _TWO_WORD_OPENERS)


def _in_clause(starts: list[int], items: list[Located], clause: int,
               fallback: bool = False) -> list[Located]:
    """Mentions in the given clause; with ``fallback``, those of the clauses before it if it
    has none (a later clause, "بعد أن ..." or "فيما ...", tells of another event)."""
    inside = [x for x in items if _clause(starts, x.first) == clause]
    if inside or not fallback:
        return inside
    return [x for x in items if _clause(starts, x.first) < clause]


def _previous_same_type(located: list[Located], loc: Located, etype: str,
                        results: dict[int, tuple[str, str]]) -> tuple[str, str] | None:
    for other in reversed(located):
        if other is loc or other.first >= loc.first:
            continue
        if other.item.type == etype and loc.first - other.last <= 6 and id(other) in results:
            return results[id(other)]
    return None


def _inside_any(span, spans: list) -> bool:
    return any(o.start <= span.start and span.end <= o.end and o is not span for o in spans
               if o.start <= span.start)


def _sentence_drafts(doc, view: SentenceView, located: list[Located], mcues, acues,
                     focus, lead, places_all) -> list[Draft]:
    starts = _clause_starts(view, len(view.toks))  # once per sentence: clauses by bisection
    actors = view.mentions(doc, doc.actors)
    places = view.mentions(doc, places_all)
    times = view.mentions(doc, doc.times)
    cues = view.mentions(doc, mcues)
    attribution = context.choose_attribution(doc, view, view.mentions(doc, acues), actors)
    actors = roles_mod.without_supporters(view, actors)
    cue_locs = view.mentions(doc, acues)
    reporters = roles_mod.reporters(view, actors, cue_locs)
    speakers = roles_mod.speakers(view, actors, cue_locs)
    attribution_here = view.mentions(doc, acues)
    counts = best_counts(sentence_counts(doc, view, [a.item for a in attribution_here]))
    vague = unknown_roles(view)
    nonconflict = is_nonconflict(view)
    dated = any(t.item.precision == "day" for t in times)
    imperfect = _imperfect_keys()
    groups: dict[tuple[str, str, int], list[tuple[TriggerMatch, Located, str]]] = defaultdict(list)
    results: dict[int, tuple[str, str]] = {}
    for loc in located:
        trig: TriggerMatch = loc.item
        is_imperfect = trig.pos == "verb" and key(trig.phrase) in imperfect
        modality, why = modality_of(view, cues, loc.first, loc.last, trig.future_prefix,
                                    is_imperfect, dated)
        if modality == "asserted" and trig.casualty != "none":
            # "هجوم كيميائي مفترض أسفر عن مقتل العشرات": the toll shares its attack's modality
            prev = _previous_same_type(located, loc, trig.type, results)
            if prev is not None and prev[0] != "asserted":
                modality, why = prev[0], f"{prev[1]} (inherited from the attack it reports)"
        results[id(loc)] = (modality, why)
        groups[(trig.type, modality, _clause(starts, loc.first))].append((trig, loc, why))
    has_assault = False  # set once an asserted ASSAULT draft of this sentence survives
    out = []
    # attacks first: whether one is reported decides whether MOBILIZE/COERCE are coded apart
    for (etype, modality, _), members in sorted(groups.items(), key=lambda g: g[0][0] != "ASSAULT"):
        trig, loc = _anchor([(t, l) for t, l, _ in members])
        why_modality = next(w for t, l, w in members if t is trig)
        strong = any(t.strength == "strong" for t, _, _ in members)
        roles_counts = {r: counts[r] for r in COUNT_ROLES.get(etype, ()) if r in counts}
        if etype in SUBSUMED_BY_ASSAULT and any(
                o.item.type == "ASSAULT" and o.first < loc.first for o in located):
            continue  # "استهدفت مواقع وتعزيزات": reinforcements as the target of an attack
        if has_assault and (etype in SUBSUMED_BY_ASSAULT
                            or (etype == "COERCE" and trig.mode != "arrest")):
            continue  # storming/besieging inside an attack report is part of the attack
        if all(key(t.phrase) in _weapon_keys() for t, _, _ in members):
            continue  # a weapon named, no attack reported
        if etype == "ASSAULT" and nonconflict and (not strong or trig.casualty != "none"):
            continue  # accident or disaster deaths are not conflict events
        if etype == "RETREAT" and _forced(view, loc.first):
            continue  # "forced them to withdraw": the outcome of the attack, not a new event
        clause = _clause(starts, loc.first)
        roles = _roles(view, _in_clause(starts, actors, clause), reporters, loc, trig, etype)
        announcer = roles_mod.announcer_of(view, speakers, loc.first)
        if announcer is not None and not roles.rule1.startswith("agent marker"):
            a2 = roles.actor2 if roles.actor2 is not announcer.item else None
            roles = roles_mod.Roles(announcer.item, a2, "announcer of its own act (أعلن X عن ...)",
                                    roles.rule2)
        vague_here = any(r in vague for r in COUNT_ROLES.get(etype, ()))
        several = len({t.phrase for t, _, _ in members}) > 1
        situated = bool(_in_clause(starts, places, clause)) and dated
        if etype not in MATERIAL_TYPES:
            nominal = trig.pos == "noun" or view.word(loc.first - 1) in _preposition_keys() \
                or trig.prefix[-1:] in ("ب", "ل")
            if nominal or not _supported(etype, roles):
                continue  # statements need a named speaker and a verb: "اتهمت روسيا ..."
        elif not (strong or roles_counts or vague_here or several or situated
                  or _supported(etype, roles)):
            continue  # a weak trigger with no doer, no victims, no place and time
        elif not (strong or roles_counts or vague_here or dated) \
                and view.word(loc.first - 1) in _role_preposition_keys() and trig.pos == "noun" \
                and not roles.rule1.startswith("agent marker"):
            continue  # "شاركت في قتال داعش", "نركز على قتال": a role or aim, not a reported fight
        place, why_place = context.choose_place(view, _in_clause(starts, places, clause, True),
                                                loc.first, loc.last, focus)
        before = starts[:clause]
        background = context.is_background(view, loc.first, before[-1] + 1 if before else 0)
        date, why_date = context.choose_date(view, _in_clause(starts, times, clause, True),
                                             loc.first, loc.last, lead, doc.published, background)
        if background and date is None:
            continue  # "وكانت السلطات نفذت حملات ...": an undated earlier event, too vague to code
        draft = Draft(
            type=etype, mode=_best_mode(view, members),
            modality=modality, sentence=view.sentence, sentence_index=view.index,
            actor1=roles.actor1, actor2=roles.actor2, place=place,
            place_from_sentence=why_place.startswith(("place", "nearest")),
            date=date, date_from_sentence=why_date.startswith(("time", "relative")),
            counts={r: (c.value, c.qualifier) for r, c in roles_counts.items()},
            attribution=attribution, strong=strong, background=background,
            anaphoric=_anaphoric(view, members, roles, roles_counts), anchor=trig.start,
            actor1_by_syntax=roles.rule1.startswith(("agent marker", "بين", "subject of an enabling")),
        )
        for role in COUNT_ROLES.get(etype, ()):
            if role not in draft.counts and role in vague:
                draft.counts[role] = (None, "unknown")
        draft.explain = {
            "trigger": f"'{trig.text or trig.phrase}' ({trig.type}/{trig.mode or '-'}, {trig.pos}, "
                       f"{trig.strength}) in sentence {view.index}",
            "modality": why_modality,
            "actor1": roles.rule1, "actor2": roles.rule2,
            "location": why_place, "date": why_date,
            "counts": ", ".join(f"{r}={c.value} ({c.rule})" for r, c in roles_counts.items())
                      or "no count",
        }
        out.append(draft)
        has_assault = has_assault or (etype == "ASSAULT" and modality == "asserted")
    return sorted(out, key=lambda d: d.anchor)


# Rules that find a doer by syntax; fallbacks (nearest actor) do not support a weak trigger.
_SUPPORTING_RULES = ("agent marker", "بين", "subject after", "subject before", "genitive",
                     "forces named inside", "subject of an enabling", "announcer of its own act",
                     "the reporter's own forces", "subject after an arrest", "subject before an arrest",
                     "subject after an active kill", "subject before an active kill")
# A "verb" after a preposition is its verbal noun (في دعم قسد: "in support of").
_PREPOSITIONS = ("في", "من", "على", "إلى", "عن", "مع", "بعد", "قبل")


@cache
def _role_preposition_keys() -> frozenset[str]:
    return frozenset(key(w) for w in ("في", "على", "عن", "إلى"))


@cache
def _preposition_keys() -> frozenset[str]:
    return frozenset(key(w) for w in _PREPOSITIONS)
_FORCED = ("أجبر", "أجبرت", "أجبرتها", "أجبرته", "أجبرتهم", "أجبروا", "اضطر", "اضطرت",
           "أرغم", "أرغمت", "إجبار", "إرغام")


@cache
def _forced_keys() -> frozenset[str]:
    return frozenset(key(w) for w in _FORCED)


def _forced(view: SentenceView, first: int) -> bool:
    return any(w in _forced_keys() or w[1:] in _forced_keys()
               for w in view.words(first - 3, first))


def _roles(view: SentenceView, actors: list[Located], reporters: list[Located], loc: Located,
           trig: TriggerMatch, etype: str):
    """Roles with reporters set aside: ``أعلنت الأمم المتحدة أن غارات ...`` is not the UN's
    attack, unless the report names its own forces (``أعلن الجيش أن قواته شنت``)."""
    said = [r for r in reporters if r.last < loc.first]
    cand = [a for a in actors if a not in said]
    victims = roles_mod.victims(view, cand)
    if etype in ("ASSAULT", "COERCE"):
        # civilians are victims, never the doers of an attack
        victims |= {i for i, a in enumerate(cand) if (a.item.kind or "") == "civilians"}
    roles = assign_roles(view, cand, loc.first, loc.last, trig.pos, trig.voice, trig.casualty,
                         etype, victims)
    if said and roles.actor1 is None and roles_mod.own_forces(view, loc.first):
        roles = roles_mod.Roles(said[-1].item, roles.actor2, "the reporter's own forces (قواته)",
                                roles.rule2)
    return roles


# An attack noun's adjective names the means: هجوما بريا (ground), قصفا جويا (air) ...
_MODE_ADJECTIVES = {
    "firearms": ("بري", "بريا", "برية", "مسلح", "مسلحا", "بالأسلحة الرشاشة"),
    "aerial": ("جوي", "جويا", "جوية", "بالطيران"),
    "heavy-weapons": ("مدفعي", "مدفعيا", "مدفعية", "صاروخي", "صاروخيا", "بالصواريخ", "بالمدفعية"),
    "drone": ("بطائرة مسيرة", "بطائرات مسيرة", "مسيرة"),
}


@cache
def _mode_adjectives() -> dict[str, str]:
    return {key(w): mode for mode, words in _MODE_ADJECTIVES.items() for w in words}


def _best_mode(view: SentenceView, members) -> str | None:
    mode = None
    adjectives = _mode_adjectives()
    for t, loc, _ in members:
        mode = better_mode(mode, t.mode)
        if t.type == "ASSAULT":
            for w in view.words(loc.last + 1, loc.last + 3):
                if w in adjectives:
                    mode = better_mode(mode, adjectives[w])
                    break
    return mode


_DEMONSTRATIVES = ("هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين")


@cache
def _demonstrative_keys() -> frozenset[str]:
    return frozenset(key(w) for w in _DEMONSTRATIVES)


def _anaphoric(view: SentenceView, members, roles, counts) -> bool:
    """``وتزامن الهجوم مع ...``, ``هذه الغارات``: a definite noun naming an event told
    before, with no count of its own."""
    if counts:
        return False
    nouns = [(t, loc) for t, loc, _ in members if t.pos == "noun" and t.prefix.endswith(("ال", "لل"))]
    if len(nouns) != len(members):
        return False
    if any(view.word(loc.first - 1) in _demonstrative_keys() for _, loc in nouns):
        return True
    return all(t.strength == "weak" for t, _ in nouns)


def _supported(etype: str, roles) -> bool:
    if roles.actor1 is None:
        return False
    rule = roles.rule1
    if rule.startswith("genitive") and etype not in MATERIAL_TYPES:
        return False
    return rule.startswith(_SUPPORTING_RULES)


def _event(doc: Document, d: Draft) -> Event:
    if d.actor1 is not None and d.actor2 is not None and d.actor1.id \
            and d.actor1.id == d.actor2.id:
        d.actor2 = None  # merged reports can name one side twice; it is not its own target
        d.explain["actor2"] = "same as actor1 after merging"
    evidence, spans = evidence_of(d)
    # doc + type + evidence span, and the anchor trigger: two clauses of one sentence can
    # each report an event of one type
    digest = hashlib.sha1(f"{doc.id}|{d.type}|{spans[0].start}:{spans[0].end}|{d.anchor}"
                          .encode()).hexdigest()
    counts = {r: v for r, (v, _) in d.counts.items()}
    qualifiers = {r: q for r, (v, q) in d.counts.items()}
    confidence = 0.45 + 0.15 * d.strong + 0.1 * (d.actor1 is not None) \
        + 0.1 * d.place_from_sentence + 0.05 * bool(counts) + 0.05 * (len(spans) > 1)
    explain = dict(d.explain)
    if len(spans) > 1:
        explain["merged"] = f"{len(spans)} sentences report this event"
    return Event(
        id=digest[:16], doc_id=doc.id, type=d.type, mode=d.mode, modality=d.modality,
        acled=acled_type(d.type, d.mode, d.actor2), actor1=d.actor1, actor2=d.actor2,
        location=d.place, date=d.date,
        fatalities=counts.get("fatalities"), injured=counts.get("injured"),
        arrested=counts.get("arrested"),
        count_qualifier={r: q for r, q in qualifiers.items() if counts.get(r) is not None
                         or q == "unknown"},
        attribution=d.attribution, evidence=evidence, confidence=round(min(confidence, 0.95), 2),
        evidence_spans=spans, explain=explain,
    )
