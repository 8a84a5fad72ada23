"""Event candidates: the trigger groups of each clause, with every rule's finding attached.

Per sentence, the triggers of one type, one rule modality and one clause form one
candidate (a clause rarely reports two incidents of one type). Nothing is decided here:
the rules' objections are recorded as named *vetoes* and their arguments (roles, counts,
place, date) as proposals. :mod:`rasad.events.decide` turns candidates into drafts, by
the rules alone or with the learned models, and :mod:`rasad.events.features` describes
them to the models.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from rasad import resources
from rasad.events import context, cues
from rasad.events.adjectival import adjectival_agents
from rasad.events import roles as roles_mod
from rasad.events.casualties import Count, best_counts, sentence_counts, unknown_roles
from rasad.events.lexicon import TriggerMatch, find_attribution_cues, find_modality_cues, \
    find_triggers, load_triggers
from rasad.events.merge import better_mode
from rasad.events.modality import ModalityVerdict, is_nonconflict, modality_of
from rasad.events.types import EventType, event_type
from rasad.events.view import Located, SentenceView, sentence_views
from rasad.geo.geocode import focus_place
from rasad.schema import Attribution, DateRef, Document, Place
from rasad.text.normalize import key

# Veto ids, in the order the rules test them (a rule has an identity of its own).
VETOES = ("after_attack", "in_attack", "weapon_only", "accident", "outcome",
          "statement_form", "weak_unsupported", "role_or_aim", "undated_background",
          "by_protesters", "crime")


@dataclass(slots=True)
class SentenceContext:
    """What every candidate of one sentence shares."""

    view: SentenceView
    starts: list[int]  # token indices where clauses open
    actors: list[Located]  # without supporters
    all_actors: list[Located]
    places: list[Located]
    times: list[Located]
    modality_cues: list[Located]
    attribution_cues: list[Located]
    attribution: Attribution | None
    reporters: list[Located]
    speakers: list[Located]
    counts: list[Count]  # every count the casualty rules find in the sentence
    vague: set[str]  # roles named without a number
    nonconflict: str | None
    dated: bool  # a day-precision time expression in the sentence
    triggers: list[Located]
    adjectival: frozenset[int] = frozenset()  # ids of actor mentions named by an adjective
    headline: bool = False  # a title, or an opening line written as one
    launched: frozenset[int] = frozenset()  # ids of places named as a launch origin
    _victims: set[int] | None = None
    feature_cache: dict = field(default_factory=dict)  # for rasad.events.features

    def victim_ids(self) -> set[int]:
        """ids of the sentence's actor mentions named as the ones who lost people (cached)."""
        if self._victims is None:
            self._victims = {id(self.actors[i]) for i in roles_mod.victims(self.view, self.actors)}
        return self._victims

    def clause_of(self, token: int) -> int:
        return bisect_left(self.starts, token)

    def in_clause(self, items: list[Located], clause: int, fallback: bool = False) -> list[Located]:
        """Mentions in the given clause; with ``fallback``, those of the clauses before it if
        it has none (a later clause, "بعد أن ..." or "فيما ...", tells of another event)."""
        inside = [x for x in items if self.clause_of(x.first) == clause]
        if inside or not fallback:
            return inside
        return [x for x in items if self.clause_of(x.first) < clause]

    def clause_span(self, clause: int) -> tuple[int, int]:
        """Token range ``[first, last]`` of a clause."""
        first = self.starts[clause - 1] if clause > 0 else 0
        last = (self.starts[clause] - 1) if clause < len(self.starts) else len(self.view.toks) - 1
        return first, max(first, last)


@dataclass(slots=True)
class DocContext:
    """What every candidate of one document shares."""

    places: list[Place]  # event-place mentions (not inside actor names), in text order
    place_sentence: list[int]  # sentence index of each place
    focus: Place | None
    lead: object  # the dateline TimeExpr, or None
    _counts: dict | None = None

    def place_counts(self, ident) -> dict[str, int]:
        """How often the document names each place (by ``ident``), counted once."""
        if self._counts is None:
            self._counts = {}
            for p in self.places:
                self._counts[ident(p)] = self._counts.get(ident(p), 0) + 1
        return self._counts


@dataclass(slots=True)
class Candidate:
    """One trigger group of one clause with what the rules propose for it."""

    type: str
    ctx: SentenceContext
    clause: int
    members: list[tuple[TriggerMatch, Located, ModalityVerdict]]  # trigger, position, modality
    trigger: TriggerMatch  # the anchor: the trigger that best names the event
    loc: Located
    modality: str  # by the modality rules
    why_modality: str
    modality_basis: str  # the cue phrase (or the proclitic سـ, habitual, none) that decided it
    strong: bool
    mode: str | None
    roles: roles_mod.Roles
    counts: dict[str, Count]  # the rules' count per role of the type
    place: Place | None
    why_place: str
    place_from_sentence: bool
    date: DateRef | None
    why_date: str
    date_from_sentence: bool
    background: bool
    anaphoric: bool
    vetoes: list[str] = field(default_factory=list)
    doc: DocContext | None = None

    @property
    def view(self) -> SentenceView:
        return self.ctx.view

    @property
    def etype(self) -> EventType:
        return event_type(self.type)

    @property
    def kept_by_rules(self) -> bool:
        return not self.vetoes

    def clause_text(self, doc: Document) -> str:
        """The original text of the candidate's clause (the sentence when it has one)."""
        if not self.ctx.starts:
            return self.view.sentence.text
        lo, hi = self.ctx.clause_span(self.clause)
        toks = self.view.toks
        s, e = doc.norm.to_original(toks[lo].start, toks[hi].end)
        return doc.text[s:e]


# ---------------------------------------------------------------- word lists

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


@cache
def _mode_adjectives() -> dict[str, str]:
    return cues.grouped("candidates.mode_adjectives")


# ---------------------------------------------------------------- document level

def _sorted(items: list) -> list:
    return sorted(items, key=lambda x: (x.start, x.end))


class _Cover:
    """Is a span inside one of ``spans`` (sorted by start)? By bisection and a running
    maximum of ends, so a document's check is linear, not all pairs."""

    def __init__(self, spans: list):
        self.spans = spans
        self.starts = [o.start for o in spans]
        self.reach: list[int] = []  # reach[i]: the largest end among spans[:i + 1]
        best = -1
        for o in spans:
            best = max(best, o.end)
            self.reach.append(best)

    def __call__(self, span, strict: bool = False) -> bool:
        """``strict``: only a longer span covers (a place that is itself an actor stays)."""
        i = bisect_right(self.starts, span.start) - 1
        if i < 0 or self.reach[i] < span.end:
            return False
        size = span.end - span.start
        while i >= 0 and self.reach[i] >= span.end:  # below i, nothing reaches span.end
            o = self.spans[i]
            if o.start <= span.start and span.end <= o.end and o is not span \
                    and (not strict or o.end - o.start > size):
                return True
            i -= 1
        return False


def find_candidates(doc: Document) -> list[Candidate]:
    """Every candidate of the document, in sentence order (attacks first within a sentence).
    Reads the entity layers; writes nothing on the document."""
    triggers = _sorted(find_triggers(doc))
    if not triggers:
        return []
    mcues = _sorted(find_modality_cues(doc))
    acues = _sorted(find_attribution_cues(doc))
    actors = _sorted(doc.actors)
    # a place name inside an actor's name is not the event's place (دمشق in سلطة دمشق); a
    # place that is itself an actor mention (غارة على سوريا, تقصف تل أبيب) still is one
    in_actor = _Cover(actors)
    places = [p for p in _sorted(doc.places) if not in_actor(p, strict=True)]
    # a trigger word that is part of a name is no trigger (مقاطعة in مقاطعة ديرالزور)
    in_place = _Cover(places)
    triggers = [t for t in triggers if not in_actor(t) and not in_place(t)]
    focus, lead = focus_place(doc, places), context.dateline(doc)
    starts = [s.start for s in doc.sentences]
    dctx = DocContext(places, [max(bisect_left(starts, p.start + 1) - 1, 0) for p in places],
                      focus, lead)
    out: list[Candidate] = []
    for view in sentence_views(doc):
        located = view.mentions(doc, triggers)
        if located:
            ctx = _context(doc, view, located, mcues, acues, places)
            for cand in _sentence_candidates(doc, ctx, focus, lead):
                cand.doc = dctx
                out.append(cand)
    return out


# ---------------------------------------------------------------- clauses

def _clause_starts(view: SentenceView, first: int) -> list[int]:
    """Token indices where clauses open before token ``first``."""
    keys = cues.words("clauses.openers")
    pairs = cues.pairs("clauses.two_word_openers")
    out = []
    for i in range(first):
        w = view.word(i)
        if w in keys:
            out.append(i)
        elif (w, view.word(i + 1)) in pairs and i + 1 < first:
            out.append(i + 1)
    return out


def _context(doc: Document, view: SentenceView, located: list[Located], mcues, acues,
             places_all) -> SentenceContext:
    named = view.mentions(doc, doc.actors)
    covered = {i for m in named for i in range(m.first, m.last + 1)}
    adjectival = [m for m in adjectival_agents(doc, view, located) if m.first not in covered]
    all_actors = sorted(named + adjectival, key=lambda m: m.first) if adjectival else named
    times = view.mentions(doc, doc.times)
    cue_locs = view.mentions(doc, acues)
    attribution = context.choose_attribution(doc, view, cue_locs, all_actors)
    actors = roles_mod.without_supporters(view, all_actors)
    places = view.mentions(doc, places_all)
    return SentenceContext(
        view=view, starts=_clause_starts(view, len(view.toks)), actors=actors,
        all_actors=all_actors, places=places, times=times,
        modality_cues=view.mentions(doc, mcues), attribution_cues=cue_locs,
        attribution=attribution, reporters=roles_mod.reporters(view, actors, cue_locs),
        speakers=roles_mod.speakers(view, actors, cue_locs),
        counts=sentence_counts(doc, view, [a.item for a in cue_locs]),
        vague=unknown_roles(view), nonconflict=is_nonconflict(view),
        dated=any(t.item.precision == "day" for t in times), triggers=located,
        adjectival=frozenset(id(m) for m in adjectival), headline=_headline(view),
        launched=frozenset(id(p) for p in places if context.launch_origin(view, p)),
    )


# ---------------------------------------------------------------- per sentence

def _headline(view: SentenceView) -> bool:
    """A title, or a short opening line without final punctuation (a headline item)."""
    if view.sentence.in_title:
        return True
    text = view.sentence.text.rstrip()
    return view.index == 0 and not text.endswith(tuple(".!?؟…:")) \
        and len(view.toks) <= cues.window("candidates.headline_words")


def _anchor(group: list) -> tuple[TriggerMatch, Located]:
    """The trigger that best names the event: strong, a verb (its arguments are clearest),
    with a mode, not a bare casualty word."""
    t, loc, _ = min(group, key=lambda g: (g[0].strength != "strong", g[0].pos == "noun",
                                          g[0].mode is None, g[0].casualty != "none", g[1].first))
    return t, loc


def _previous_same_type(located: list[Located], loc: Located, etype: str,
                        results: dict[int, ModalityVerdict]) -> ModalityVerdict | None:
    reach = cues.window("candidates.inherit_modality_reach")
    for other in reversed(located):
        if other is loc or other.first >= loc.first:
            continue
        if other.item.type == etype and loc.first - other.last <= reach and id(other) in results:
            return results[id(other)]
    return None


def _groups(ctx: SentenceContext) -> dict[tuple[str, str, int], list]:
    view, imperfect = ctx.view, _imperfect_keys()
    groups: dict[tuple[str, str, int], list] = defaultdict(list)
    results: dict[int, ModalityVerdict] = {}
    for loc in ctx.triggers:
        trig: TriggerMatch = loc.item
        is_imperfect = trig.pos == "verb" and key(trig.phrase) in imperfect
        # a headline's imperfect is the news present ("الأمن العام يقبض على خلية"), not a habit
        verdict = modality_of(view, ctx.modality_cues, loc.first, loc.last,
                              trig.future_prefix, is_imperfect, ctx.dated or ctx.headline)
        if verdict.modality == "asserted" and trig.casualty != "none":
            # "هجوم كيميائي مفترض أسفر عن مقتل العشرات": the toll shares its attack's modality
            prev = _previous_same_type(ctx.triggers, loc, trig.type, results)
            if prev is not None and prev.modality != "asserted":
                verdict = ModalityVerdict(prev.modality, f"{prev.why} (inherited from the "
                                          "attack it reports)", prev.basis)
        results[id(loc)] = verdict
        groups[(trig.type, verdict.modality, ctx.clause_of(loc.first))].append((trig, loc, verdict))
    return groups


def _sentence_candidates(doc: Document, ctx: SentenceContext, focus: Place | None, lead
                         ) -> list[Candidate]:
    view = ctx.view
    counts = best_counts(ctx.counts)
    has_assault = False  # an asserted ASSAULT of this sentence that the rules keep
    out = []
    # attacks first: whether one is reported decides whether MOBILIZE/COERCE are coded apart
    for (etype, modality, clause), members in sorted(_groups(ctx).items(),
                                                     key=lambda g: g[0][0] != "ASSAULT"):
        trig, loc = _anchor(members)
        verdict = next(v for t, _, v in members if t is trig)
        strong = any(t.strength == "strong" for t, _, _ in members)
        spec = event_type(etype)
        roles_counts = {r: counts[r] for r in spec.counts if r in counts}
        roles = _roles(ctx, ctx.in_clause(ctx.actors, clause), loc, trig, spec)
        announcer = roles_mod.announcer_of(view, ctx.speakers, loc.first)
        if announcer is not None and not roles_mod.rule(roles.rule1).agent:
            a2 = roles.actor2 if roles.actor2 is not announcer.item else None
            roles = roles_mod.Roles(announcer.item, a2, "announcer", roles.rule2,
                                    announcer.item.text, roles.text2 if a2 is not None else "")
        place, why_place, place_source = context.choose_place(
            view, ctx.in_clause(ctx.places, clause, True), loc.first, loc.last, focus,
            ctx.launched)
        before = ctx.starts[:clause]
        background = context.is_background(view, loc.first, before[-1] + 1 if before else 0)
        date, why_date, date_source = context.choose_date(
            view, ctx.in_clause(ctx.times, clause, True), loc.first, loc.last, lead,
            doc.published, background)
        cand = Candidate(
            type=etype, ctx=ctx, clause=clause, members=members, trigger=trig, loc=loc,
            modality=modality, why_modality=verdict.why, modality_basis=verdict.basis,
            strong=strong,
            mode=_best_mode(view, members), roles=roles, counts=roles_counts,
            place=place, why_place=why_place,
            place_from_sentence=place_source in context.IN_SENTENCE,
            date=date, date_from_sentence=date_source in context.IN_SENTENCE,
            why_date=why_date, background=background,
            anaphoric=_anaphoric(view, members, roles_counts),
        )
        cand.vetoes = _vetoes(cand, has_assault)
        out.append(cand)
        riot = _riot_twin(cand)
        if riot is not None:
            out.append(riot)
        has_assault = has_assault or (etype == "ASSAULT" and modality == "asserted"
                                      and cand.kept_by_rules)
    return out


PROTESTERS = "protesters"  # the actor kind of crowds and protesters


def _riot_twin(c: Candidate) -> Candidate | None:
    """Protesters storming, burning or clashing: also a PROTEST riot candidate (the rules
    keep it instead of the raid or the arson, which they then veto)."""
    a1 = c.roles.actor1
    if not c.etype.riot or a1 is None or a1.kind != PROTESTERS:
        return None
    twin = dataclasses.replace(c, type="PROTEST", mode="riot", vetoes=list(c.vetoes))
    if not c.vetoes:
        c.vetoes.append("by_protesters")
    return twin


def _crime(c: Candidate) -> bool:
    """An ordinary-crime word in the sentence and no armed or political group among its
    actors (a drug network arrested is crime; an ISIS cell arrested is not)."""
    words = cues.words("candidates.crime.words")
    texts = c.view.texts
    if not any(w in words or w[1:] in words or f"{w} {n}" in words
               for w, n in zip(texts, texts[1:] + [""])):
        return False
    political = cues.names("candidates.crime.political_kinds")
    return not any((a.item.kind or "") in political and a.item is not c.roles.actor1
                   for a in c.ctx.actors)


def _vetoes(c: Candidate, has_assault: bool) -> list[str]:
    """The rules' objections to coding the candidate, by id (see :data:`VETOES`)."""
    ctx, view, trig, loc, spec = c.ctx, c.view, c.trigger, c.loc, c.etype
    out = []
    if spec.after_attack and any(o.item.type == "ASSAULT" and o.first < loc.first
                                 for o in ctx.triggers):
        out.append("after_attack")  # "استهدفت مواقع وتعزيزات": reinforcements as the target
    if has_assault and spec.part_of_attack(c.mode):
        out.append("in_attack")  # storming/besieging inside an attack report is the attack
    if all(key(t.phrase) in _weapon_keys() for t, _, _ in c.members):
        out.append("weapon_only")  # a weapon named, no attack reported
    if spec.accidents and ctx.nonconflict and (not c.strong or trig.casualty != "none"):
        out.append("accident")  # accident or disaster deaths are not conflict events
    if spec.crime and _crime(c):
        out.append("crime")  # arrested for theft or drugs: not a conflict event
    if spec.outcome and _forced(view, loc.first):
        out.append("outcome")  # "forced them to withdraw": the outcome of the attack
    rule1 = roles_mod.rule(c.roles.rule1)
    vague_here = any(r in ctx.vague for r in spec.counts)
    several = len({t.phrase for t, _, _ in c.members}) > 1
    situated = bool(ctx.in_clause(ctx.places, c.clause)) and ctx.dated
    if not spec.material:
        nominal = trig.pos == "noun" or view.word(loc.first - 1) in cues.words(
            "candidates.prepositions") or trig.prefix[-1:] in ("ب", "ل")
        if nominal or not _supported(c):
            out.append("statement_form")  # statements need a named speaker and a verb
    elif not (c.strong or c.counts or vague_here or several or situated or _supported(c)):
        out.append("weak_unsupported")  # a weak trigger with no doer, victims, place and time
    elif not (c.strong or c.counts or vague_here or ctx.dated) and trig.pos == "noun" \
            and view.word(loc.first - 1) in cues.words("candidates.role_prepositions") \
            and not rule1.agent:
        out.append("role_or_aim")  # "شاركت في قتال داعش": a role or aim, not a reported fight
    if c.background and c.date is None:
        out.append("undated_background")  # "وكانت السلطات نفذت حملات": too vague to code
    return out


def _supported(c: Candidate) -> bool:
    """Is a doer named by a rule strong enough to let a weak trigger stand?"""
    if c.roles.actor1 is None:
        return False
    r = roles_mod.rule(c.roles.rule1)
    if r.material_only and not c.etype.material:
        return False
    return r.supports


def _forced(view: SentenceView, first: int) -> bool:
    forced = cues.words("candidates.forced")
    return any(w in forced or w[1:] in forced
               for w in view.words(first - cues.window("candidates.forced_before"), first))


def _roles(ctx: SentenceContext, actors: list[Located], loc: Located, trig: TriggerMatch,
           spec: EventType) -> roles_mod.Roles:
    """Roles with reporters set aside: ``أعلنت الأمم المتحدة أن غارات ...`` is not the UN's
    attack, unless the report names its own forces (``أعلن الجيش أن قواته شنت``)."""
    view = ctx.view
    said = [r for r in ctx.reporters if r.last < loc.first]
    cand = [a for a in actors if a not in said]
    victims = roles_mod.victims(view, cand)
    if spec.civilian_victims:
        # civilians are victims, never the doers of an attack
        victims |= {i for i, a in enumerate(cand) if (a.item.kind or "") == "civilians"}
    roles = roles_mod.assign_roles(view, cand, loc.first, loc.last, trig.pos, trig.voice,
                                   trig.casualty, spec.name, victims, spec.targeted)
    if said and roles.actor1 is None and roles_mod.own_forces(view, loc.first):
        roles = roles.with_actor1(said[-1].item, "own_forces")
    adjective = next((a for a in cand if id(a) in ctx.adjectival and a.first > loc.last
                      and a.first - loc.last <= 1 + cues.window("roles.windows.adjectival_gap")),
                     None)
    if adjective is not None and not roles_mod.rule(roles.rule1).agent:
        # "غارات إسرائيلية على ...": the adjective names the doer; only an explicit agent
        # marker (نفذتها X) says otherwise
        roles = roles.with_actor1(adjective.item, "adjectival_agent", adjective.item.text)
        if roles.actor2 is adjective.item:
            roles = roles_mod.Roles(roles.actor1, None, roles.rule1, "none", roles.text1, "")
    return roles


def _best_mode(view: SentenceView, members) -> str | None:
    mode = None
    adjectives = _mode_adjectives()
    reach = cues.window("candidates.mode_adjective_reach")
    for t, loc, _ in members:
        mode = better_mode(mode, t.mode)
        if t.type == "ASSAULT":
            for w in view.words(loc.last + 1, loc.last + 1 + reach):
                if w in adjectives:
                    mode = better_mode(mode, adjectives[w])
                    break
    return mode


def _anaphoric(view: SentenceView, members, counts) -> bool:
    """``وتزامن الهجوم مع ...``, ``هذه الغارات``: a definite noun naming an event told
    before, with no count of its own."""
    if counts:
        return False
    nouns = [(t, loc) for t, loc, _ in members if t.pos == "noun" and t.prefix.endswith(("ال", "لل"))]
    if len(nouns) != len(members):
        return False
    demonstratives = cues.words("candidates.demonstratives")
    if any(view.word(loc.first - 1) in demonstratives for _, loc in nouns):
        return True
    return all(t.strength == "weak" for t, _ in nouns)
