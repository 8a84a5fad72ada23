"""Who did it and to whom: actor1/actor2 of a trigger from syntax-light cues.

Rules, in order, each named in the event's explanation:
- agent markers after the trigger (``نفذته X``, ``من قبل X``, ``بنيران X``) -> actor1;
- ``بين X و Y`` after the trigger -> actor1 X, actor2 Y;
- target markers (``على/ضد/استهدف/بحق X``) and victim markers (``في صفوف X``,
  ``من مقاتلي X``) -> actor2;
- a casualty noun or passive verb (``مقتل 3 عناصر من الميليشيا``, ``قُتل جنديان``):
  the first actor after it is the victim (actor2);
- an active verb: the actor right after it (VSO) is actor1, the next one actor2; else
  the nearest actor before it in the clause (SVO) is actor1;
- a verbal noun: the actor right after it (``قصف للتحالف``, ``غارات التحالف``) is actor1.
Sources (media, NGOs such as the Syrian Observatory) are never actor1/actor2.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from rasad import resources
from rasad.events import cues
from rasad.events.casualties import casualty_word
from rasad.events.view import Located, SentenceView, bare
from rasad.schema import Actor
from rasad.text.normalize import key

SOURCE_KINDS = frozenset({"media", "ngo", "source"})


@dataclass(frozen=True, slots=True)
class RoleRule:
    """A rule that sets an actor role: its identity, what it means, how it is explained."""

    id: str
    explain: str
    supports: bool = False  # the doer it finds lets a weak trigger stand
    syntax: bool = False  # found by an explicit marker, not by position
    agent: bool = False  # an agent marker (نفذته X, من قبل X)
    material_only: bool = False  # supports only material event types


@cache
def rules() -> dict[str, RoleRule]:
    data = tomllib.loads(resources.read_text("events", "role_rules.toml"))
    return {rid: RoleRule(rid, **spec) for rid, spec in data.items()}


def rule(rid: str) -> RoleRule:
    return rules()[rid]


def _w(name: str) -> int:
    return cues.window(f"roles.windows.{name}")


@dataclass(frozen=True, slots=True)
class Roles:
    actor1: Actor | None
    actor2: Actor | None
    rule1: str  # a rule id of role_rules.toml
    rule2: str
    text1: str = ""  # the surface the explanation quotes
    text2: str = ""

    def explain(self, which: int) -> str:
        rid, text = (self.rule1, self.text1) if which == 1 else (self.rule2, self.text2)
        return rule(rid).explain.format(text=text)

    def with_actor1(self, actor: Actor | None, rid: str, text: str = "") -> Roles:
        return Roles(actor, self.actor2, rid, self.rule2, text, self.text2)


def _is_source(actor: Actor) -> bool:
    return (actor.kind or "") in SOURCE_KINDS


def _first_actor_after(actors: list[Located], pos: int, within: int) -> Located | None:
    for a in actors:
        if pos <= a.first <= pos + within:
            return a
    return None


def _after_marker(view: SentenceView, actors: list[Located], start: int, stop: int,
                  markers: frozenset[str], within: int = 3) -> Located | None:
    needs = cues.mapping("roles.agent_needs_before")
    for i in range(start, min(stop, len(view.toks))):
        w = view.word(i)
        if w in markers or bare(w) in markers:
            need = needs.get(w)
            if need is not None and view.word(i - 1) != need:
                continue
            found = _first_actor_after(actors, i + 1, within)
            if found is not None:
                return found
            if w in markers and (view.word(i + 1) in markers):
                continue
    return None


def _clause_start(view: SentenceView, first: int) -> int:
    """Token index where the trigger's clause starts (after a ``فيما``, ``بينما`` ...)."""
    breaks = cues.words("roles.clause_breaks")
    for i in range(first - 1, -1, -1):
        if view.word(i) in breaks:
            return i + 1
    return 0


def without_supporters(view: SentenceView, actors: list[Located]) -> list[Located]:
    """Actors not introduced as supporters (``مسنودة بطيران التحالف``, ``بدعم من``)."""
    marks = cues.words("roles.support")
    reach = _w("support_before")
    out = []
    for a in actors:
        before = view.words(a.first - 3, a.first)
        if any(w in marks or bare(w) in marks for w in before[-reach:]):
            continue
        out.append(a)
    return out


def speakers(view: SentenceView, actors: list[Located], cue_locs: list[Located]) -> list[Located]:
    """The first actor right after each reporting verb (``أعلن التحالف ...``)."""
    reach = _w("speaker_reach")
    out = []
    for cue in cue_locs:
        if cue.item.kind not in ("verb", "named"):
            continue
        for a in actors:
            if cue.last < a.first <= cue.last + reach:
                out.append(a)
                break
    return out


def reporters(view: SentenceView, actors: list[Located], cue_locs: list[Located]) -> list[Located]:
    """Speakers who report what others did (``أعلنت الأمم المتحدة أن ...``): a complementiser
    (أن/إن) follows them."""
    that = cues.words("roles.that")
    reach = _w("that_reach")
    return [a for a in speakers(view, actors, cue_locs)
            if any(w in that for w in view.words(a.last + 1, a.last + 1 + reach))]


def own_forces(view: SentenceView, first: int) -> bool:
    """Is the trigger's doer named as the reporter's own forces (قواته) just before it?"""
    own = cues.words("roles.own_forces")
    return any(w in own or bare(w) in own
               for w in view.words(first - _w("own_forces_before"), first + _w("own_forces_after")))


def _resumptive_agent(view: SentenceView, doers: list[Located], last: int) -> Located | None:
    """``الهجوم الذي يعتقد أن مسلحين من X قاموا بشنه``: the doer before a resumptive verb."""
    marks = cues.words("roles.resumptive")
    for i in range(last + 1, min(last + 1 + _w("resumptive_reach"), len(view.toks))):
        if view.word(i) in marks:
            before = [a for a in doers if last < a.first and a.last < i]
            return before[-1] if before else None
    return None


def enabled_subject(view: SentenceView, actors: list[Located], first: int) -> Located | None:
    """The first actor after an enabling verb whose complement (من/في + VN) is the trigger."""
    enabling = cues.words("roles.enabling")
    for i in range(first - 1, max(first - 1 - _w("enabling_reach"), -1), -1):
        w = view.word(i)
        if w in enabling or bare(w) in enabling:
            for a in actors:
                if i < a.first < first:
                    return a
            return None
    return None


def announcer_of(view: SentenceView, speakers_: list[Located], first: int) -> Located | None:
    """``أعلن التحالف ... عن إحباط``: the announcer of its own act (عن + verbal noun)."""
    if view.word(first - 1) not in cues.words("roles.announce_about"):
        return None
    before = [r for r in speakers_ if r.last < first - 1]
    return before[-1] if before else None


def _counted_next(view: SentenceView, i: int) -> bool:
    """Does a count of people start at token ``i`` (a number, or a dual noun)?"""
    w = view.word(i)
    return bool(w) and (w[0].isdigit() or w in cues.words("roles.number_words")
                        or w.endswith(("ين", "ان")) and casualty_word(view.word(i - 1)) is not None)


def victims(view: SentenceView, actors: list[Located]) -> set[int]:
    """Indices (into ``actors``) of actors named as the ones who lost people."""
    counted = cues.words("roles.counted")
    harm = cues.words("roles.harm_verbs")
    out = set()
    for i, a in enumerate(actors):
        before = view.words(a.first - 3, a.first)
        if before and (before[-1] in harm or bare(before[-1]) in harm):
            out.add(i)
            continue
        if len(before) >= 2 and before[-1].isdigit() and casualty_word(before[-2]):
            out.add(i)  # "مقتل 5 جنود": the counted dead
            continue
        before = before[-2:]
        if before and (before[-1] in counted or bare(before[-1]) in counted) and (
                len(before) < 2 or before[-2] in counted or bare(before[-2]) in counted
                or any(ch.isdigit() for ch in before[-2]) or before[-1] == key("صفوف")):
            out.add(i)
    return out


class _Picks:
    """actor1/actor2 being chosen, with the rule that chose each."""

    __slots__ = ("a1", "a2", "r1", "r2")

    def __init__(self) -> None:
        self.a1: Located | None = None
        self.a2: Located | None = None
        self.r1 = self.r2 = "none"

    def set1(self, a: Located, rid: str) -> None:
        self.a1, self.r1 = a, rid

    def set2(self, a: Located | None, rid: str) -> None:
        self.a2, self.r2 = a, rid

    def roles(self) -> Roles:
        a1, a2 = self.a1, self.a2
        return Roles(a1.item if a1 else None, a2.item if a2 else None, self.r1, self.r2,
                     a1.item.text if a1 else "", a2.item.text if a2 else "")


def assign_roles(view: SentenceView, actors: list[Located], first: int, last: int,
                 pos: str, voice: str, casualty: str, etype: str = "ASSAULT",
                 victim_idx: set[int] | None = None, targeted: bool = True) -> Roles:
    """actor1/actor2 for a trigger occupying tokens ``first..last`` of the sentence.
    ``targeted``: the type's second actor is a target or victim (else a counterpart)."""
    victim_ids = {id(actors[i]) for i in (victim_idx or ())}
    actors = [a for a in actors if not _is_source(a.item)]
    doers = [a for a in actors if id(a) not in victim_ids]
    if not actors:
        return Roles(None, None, "no_actor", "no_actor")
    p = _Picks()
    end = len(view.toks)
    after = [a for a in actors if a.first > last]
    after_doers = [a for a in after if a in doers]

    inside = [a for a in doers if first < a.first <= last]
    if inside and etype in ("RETREAT", "MOBILIZE"):
        # "سحب القوات الأمريكية": the forces named inside the phrase are the ones moving
        p.set1(inside[0], "forces_inside")
    if p.a1 is None:
        hit = _after_marker(view, doers, last + 1, last + 1 + _w("agent_search"),
                            cues.words("roles.agent"), within=_w("agent_reach"))
        if hit is not None:
            p.set1(hit, "agent_marker")
    if p.a1 is None:
        hit = enabled_subject(view, doers, first)
        if hit is not None:
            p.set1(hit, "enabling_subject")
    if p.a1 is None:
        hit = _resumptive_agent(view, doers, last)
        if hit is not None:
            p.set1(hit, "resumptive_agent")
    between = _after_marker(view, actors, last + 1, last + 1 + _w("between_search"),
                            cues.words("roles.between"), within=_w("between_reach"))
    if between is not None and p.a1 is None:
        other = _first_actor_after(actors, between.last + 1, _w("between_other"))
        if other is not None:
            p.set1(between, "between")
            p.set2(other, "between")

    near = min(end, last + 1 + _w("target_search"))
    if p.a2 is None and targeted:
        hit = _after_marker(view, actors, last + 1, near, cues.words("roles.target"),
                            within=_w("target_reach"))
        if hit is not None and hit is not p.a1:
            p.set2(hit, "target_marker")
    if p.a2 is None and targeted:
        hit = _after_marker(view, actors, last + 1, near, cues.words("roles.victim"),
                            within=_w("victim_reach"))
        if hit is not None and hit is not p.a1:
            p.set2(hit, "victim_marker")

    victim_trigger = casualty in ("fatalities", "injured", "arrested") or voice == "passive"
    active_verb = pos in ("verb", "mwe") and voice != "passive"
    if victim_trigger:
        if p.a1 is None and casualty == "arrested" and active_verb:
            # "اعتقلت قوات الأمن سبعة شبان": the actor right after an arrest verb arrests
            nxt = _first_actor_after(after_doers, last + 1, _w("arrest_subject"))
            if nxt is not None:
                p.set1(nxt, "arrest_subject_after")
                _object_after_subject(p, actors, nxt, "arrest_object")
        if p.a1 is None and pos == "verb" and voice != "passive" and casualty != "arrested":
            # an unvocalised kill verb is active when its subject is named next to it:
            # "قتلت قوات الأمن 3 مسلحين" (VSO), "الطيران الإسرائيلي يقتل عنصرين" (SVO)
            nxt = _first_actor_after(after_doers, last + 1, _w("kill_subject"))
            if nxt is not None and _counted_next(view, nxt.last + 1):
                p.set1(nxt, "kill_subject_after")
                _object_after_subject(p, actors, nxt, "kill_object")
            else:
                prev = [a for a in doers if a.last == first - 1]
                if prev and _counted_next(view, last + 1):
                    p.set1(prev[-1], "kill_subject_before")
        if p.a2 is None:
            nxt = _first_actor_after(after, last + 1, _w("casualty_victim"))
            if nxt is not None and nxt is not p.a1:
                p.set2(nxt, "casualty_victim")
        if p.a1 is None and active_verb and casualty == "arrested":
            # "اعتقلت قوات الأمن سبعة شبان" (VSO) or "قوات الأمن اعتقلت" (SVO)
            nxt = _first_actor_after(after_doers, last + 1, _w("arrest_subject"))
            before = nxt or _nearest_before(view, doers, first)
            if before is not None and before is not p.a2:
                p.set1(before, "arrest_subject_after" if nxt else "arrest_subject_before")
    elif pos in ("verb", "mwe"):  # most multi-word triggers are verb phrases (شن هجوما)
        if p.a1 is None:
            nxt = _first_actor_after(after_doers, last + 1, _w("subject_after"))
            if nxt is not None and nxt is not p.a2:
                p.set1(nxt, "verb_subject_after")
        if p.a1 is None:
            before = _nearest_before(view, doers, first)
            if before is not None:
                p.set1(before, "verb_subject_before")
        if p.a2 is None and p.a1 is not None:
            nxt = _first_actor_after(actors, p.a1.last + 1, _w("object_after"))
            if nxt is not None and nxt.first > last:
                p.set2(nxt, "verb_object")
    else:  # verbal noun: its genitive is the doer
        if p.a1 is None:
            nxt = _first_actor_after(after_doers, last + 1, _w("noun_genitive"))
            if nxt is not None and nxt is not p.a2:
                p.set1(nxt, "noun_genitive")
        if p.a1 is None:
            before = _nearest_before(view, doers, first, within=_w("noun_before"))
            if before is not None and before is not p.a2:
                p.set1(before, "noun_before")
    if p.a1 is not None and p.a2 is not None and p.a1.item.id and p.a1.item.id == p.a2.item.id:
        p.set2(None, "same_as_actor1")
    return p.roles()


def _object_after_subject(p: _Picks, actors: list[Located], subject: Located, rid: str) -> None:
    """In VSO order the object follows the subject: the target/victim, unless already found."""
    if p.a2 is subject:
        p.set2(None, "none")
    later = _first_actor_after(actors, subject.last + 1, _w("object_after"))
    if p.a2 is None and later is not None:
        p.set2(later, rid)


def _nearest_before(view: SentenceView, actors: list[Located], first: int,
                    within: int | None = None) -> Located | None:
    """The nearest actor before the trigger in its clause; of coordinated subjects
    ("قسد والتحالف يرفعان"), the first."""
    within = _w("subject_before") if within is None else within
    start = _clause_start(view, first)
    best = None
    for a in actors:
        if start <= a.first and a.last < first and first - a.last <= within:
            best = a
    if best is not None:
        i = actors.index(best)
        while i > 0 and view.word(best.first).startswith("و") and actors[i - 1].last == best.first - 1:
            i -= 1
            best = actors[i]
    return best
