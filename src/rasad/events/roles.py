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

from dataclasses import dataclass
from functools import cache

from rasad.events.casualties import casualty_word
from rasad.events.view import Located, SentenceView, bare
from rasad.schema import Actor
from rasad.text.normalize import key

SOURCE_KINDS = frozenset({"media", "ngo", "source"})

_AGENT = ("نفذه", "نفذته", "نفذها", "نفذتها", "نفذوه", "شنه", "شنته", "شنها", "شنتها",
          "قبل", "بنيران", "نيران", "يد", "أيدي", "تبناه", "تبنته", "تبنى", "تبنت",
          "قادته", "قادها", "يقودها")
# Markers that count only after a given word: من قبل, على يد, على أيدي.
_NEEDS_BEFORE = {"قبل": "من", "يد": "على", "أيدي": "على"}
_TARGET = ("على", "ضد", "استهدف", "استهدفت", "مستهدفا", "مستهدفة", "بحق", "تجاه", "لمواقع",
           "مواقع", "تجمعات", "مقار", "مقر", "معاقل", "قوافل", "رتل", "أرتال")
_VICTIM = ("صفوف", "عناصر", "مقاتلي", "جنود", "أفراد", "مسلحي", "أنصار", "عنصرا", "جنديا",
           "مقاتلا", "عناصرها", "منتسبي", "قيادات", "قياديين")
_BETWEEN = ("بين",)


@cache
def _keys(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(key(w) for w in words)


@cache
def _needs_before() -> dict[str, str]:
    return {key(w): key(b) for w, b in _NEEDS_BEFORE.items()}


@dataclass(frozen=True, slots=True)
class Roles:
    actor1: Actor | None
    actor2: Actor | None
    rule1: str
    rule2: str


def _is_source(actor: Actor) -> bool:
    return (actor.kind or "") in SOURCE_KINDS


def _first_actor_after(actors: list[Located], pos: int, within: int) -> Located | None:
    for a in actors:
        if pos <= a.first <= pos + within:
            return a
    return None


def _after_marker(view: SentenceView, actors: list[Located], start: int, stop: int,
                  markers: frozenset[str], within: int = 3) -> Located | None:
    for i in range(start, min(stop, len(view.toks))):
        w = view.word(i)
        if w in markers or bare(w) in markers:
            need = _needs_before().get(w)
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
    breaks = _keys(("فيما", "بينما", "حين", "كما", "وكما", "وفيما", "بعدما", "عقب"))
    for i in range(first - 1, -1, -1):
        if view.word(i) in breaks:
            return i + 1
    return 0


# Types whose second actor is a target or victim (others: a counterpart, found by position).
TARGETED_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION"})


# "مسنودة بطيران التحالف", "بدعم من التحالف": a supporter, neither doer nor target.
_SUPPORT = ("مسنودة", "مسنودا", "بدعم", "بإسناد", "بمساندة", "بغطاء", "بمشاركة", "مدعومة",
            "مدعوما", "إسناد", "بمؤازرة")
# "مقتل 3 عناصر من X", "20 عنصرا من X": X lost people; not the doer.
_COUNTED = ("عناصر", "عنصرا", "عنصر", "مقاتلين", "مقاتلا", "مقاتلي", "جنود", "جنديا", "جنديين",
            "أفراد", "مسلحين", "مسلحا", "أشخاص", "شخصا", "قيادات", "قياديين", "من", "صفوف")


def without_supporters(view: SentenceView, actors: list[Located]) -> list[Located]:
    marks = _keys(_SUPPORT)
    out = []
    for a in actors:
        before = view.words(a.first - 3, a.first)
        if any(w in marks or bare(w) in marks for w in before[-2:]):
            continue
        out.append(a)
    return out


# Verbs whose object is a victim: "وأصابوا شرطيا", "وقتلوا أحد الموظفين".
# Only forms carrying their subject (-وا): after "قتلت"/"اعتقلت" the next actor is the subject.
_HARM_VERBS = ("قتلوا", "أصابوا", "جرحوا", "اختطفوا", "اعتقلوا", "استهدفوا")


_THAT = ("أن", "إن", "بأن", "أنه", "أنها", "إنه", "إنها", "بأنه", "بأنها")
# "أعلن الجيش ... أن قواته شنت": the announcer's own forces.
_OWN_FORCES = ("قواته", "قواتها", "عناصره", "عناصرها", "مقاتليه", "مقاتليها", "طائراته",
               "طائراتها", "وحداته", "وحداتها", "جنوده", "مدفعيته", "مدفعيتها")


def speakers(view: SentenceView, actors: list[Located], cues: list[Located]) -> list[Located]:
    """The first actor right after each reporting verb (``أعلن التحالف ...``)."""
    out = []
    for cue in cues:
        if cue.item.kind not in ("verb", "named"):
            continue
        for a in actors:
            if cue.last < a.first <= cue.last + 3:
                out.append(a)
                break
    return out


def reporters(view: SentenceView, actors: list[Located], cues: list[Located]) -> list[Located]:
    """Speakers who report what others did (``أعلنت الأمم المتحدة أن ...``): a complementiser
    (أن/إن) follows them."""
    that = _keys(_THAT)
    return [a for a in speakers(view, actors, cues)
            if any(w in that for w in view.words(a.last + 1, a.last + 12))]


def own_forces(view: SentenceView, first: int) -> bool:
    """Is the trigger's doer named as the reporter's own forces (قواته) just before it?"""
    own = _keys(_OWN_FORCES)
    return any(w in own or bare(w) in own for w in view.words(first - 4, first + 3))


# "تمكنت قوات الجيش ... من السيطرة", "نجحت X في ...": the subject of the enabling verb.
_ENABLING = ("تمكن", "تمكنت", "بتمكن", "تمكنوا", "نجح", "نجحت", "نجحوا", "استطاع", "استطاعت",
             "تمكن")


# "الهجوم الذي يعتقد أن مسلحين من X قاموا بشنه": the doer stands before a resumptive verb.
_RESUMPTIVE = ("بشنه", "بشنها", "بتنفيذه", "بتنفيذها", "نفذوه", "نفذوها", "شنوه", "شنوها",
               "بتنفيذ")


def _resumptive_agent(view: SentenceView, doers: list[Located], last: int) -> Located | None:
    marks = _keys(_RESUMPTIVE)
    for i in range(last + 1, min(last + 16, len(view.toks))):
        if view.word(i) in marks:
            before = [a for a in doers if last < a.first and a.last < i]
            return before[-1] if before else None
    return None


def enabled_subject(view: SentenceView, actors: list[Located], first: int) -> Located | None:
    """The first actor after an enabling verb whose complement (من/في + VN) is the trigger."""
    enabling = _keys(_ENABLING)
    for i in range(first - 1, max(first - 16, -1), -1):
        w = view.word(i)
        if w in enabling or bare(w) in enabling:
            for a in actors:
                if i < a.first < first:
                    return a
            return None
    return None


def announcer_of(view: SentenceView, reporters_: list[Located], first: int) -> Located | None:
    """``أعلن التحالف ... عن إحباط``: the announcer of its own act (عن + verbal noun)."""
    if view.word(first - 1) != key("عن"):
        return None
    before = [r for r in reporters_ if r.last < first - 1]
    return before[-1] if before else None


_NUMBER_WORDS = ("اثنين", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة",
                 "عشرة", "عشرات", "أحد", "عددا", "العشرات", "مئات")


def _counted_next(view: SentenceView, i: int) -> bool:
    """Does a count of people start at token ``i`` (a number, or a dual noun)?"""
    w = view.word(i)
    return bool(w) and (w[0].isdigit() or w in _keys(_NUMBER_WORDS) or w.endswith(("ين", "ان"))
                        and casualty_word(view.word(i - 1)) is not None)


def victims(view: SentenceView, actors: list[Located]) -> set[int]:
    """Indices (into ``actors``) of actors named as the ones who lost people."""
    counted = _keys(_COUNTED)
    harm = _keys(_HARM_VERBS)
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


def assign_roles(view: SentenceView, actors: list[Located], first: int, last: int,
                 pos: str, voice: str, casualty: str, etype: str = "ASSAULT",
                 victim_idx: set[int] | None = None) -> Roles:
    """actor1/actor2 for a trigger occupying tokens ``first..last`` of the sentence."""
    victim_ids = {id(actors[i]) for i in (victim_idx or ())}
    actors = [a for a in actors if not _is_source(a.item)]
    doers = [a for a in actors if id(a) not in victim_ids]
    if not actors:
        return Roles(None, None, "no actor in sentence", "no actor in sentence")
    a1 = a2 = None
    r1 = r2 = ""
    end = len(view.toks)
    after = [a for a in actors if a.first > last]

    inside = [a for a in doers if first < a.first <= last]
    if inside and etype in ("RETREAT", "MOBILIZE"):
        # "سحب القوات الأمريكية": the forces named inside the phrase are the ones moving
        a1, r1 = inside[0], "forces named inside the trigger phrase"
    hit = None if a1 is not None else _after_marker(view, doers, last + 1, last + 9,
                                                    _keys(_AGENT), within=3)
    if hit is not None:
        a1, r1 = hit, f"agent marker before '{hit.item.text}'"
    if a1 is None:
        hit = enabled_subject(view, doers, first)
        if hit is not None:
            a1, r1 = hit, f"subject of an enabling verb (تمكن X من) '{hit.item.text}'"
    if a1 is None:
        hit = _resumptive_agent(view, doers, last)
        if hit is not None:
            a1, r1 = hit, f"agent marker before '{hit.item.text}' (X قاموا بشنه)"
    between = _after_marker(view, actors, last + 1, last + 4, _keys(_BETWEEN), within=2)
    if between is not None and a1 is None:
        other = _first_actor_after(actors, between.last + 1, 3)
        if other is not None:
            a1, r1 = between, "بين X و Y"
            a2, r2 = other, "بين X و Y"

    targeted = etype in TARGETED_TYPES
    near = min(end, last + 12)
    if a2 is None and targeted:
        hit = _after_marker(view, actors, last + 1, near, _keys(_TARGET), within=3)
        if hit is not None and hit is not a1:
            a2, r2 = hit, "target marker (على/ضد/استهدف)"
    if a2 is None and targeted:
        hit = _after_marker(view, actors, last + 1, near, _keys(_VICTIM), within=2)
        if hit is not None and hit is not a1:
            a2, r2 = hit, "victim marker (في صفوف/من عناصر)"

    victim_trigger = casualty in ("fatalities", "injured", "arrested") or voice == "passive"
    if victim_trigger:
        if a1 is None and casualty == "arrested" and pos in ("verb", "mwe") and voice != "passive":
            # "اعتقلت قوات الأمن سبعة شبان": the actor right after an arrest verb arrests
            nxt = _first_actor_after([a for a in after if a in doers], last + 1, 2)
            if nxt is not None:
                a1, r1 = nxt, "subject after an arrest verb (VSO)"
                a2, r2 = _object_after_subject(actors, nxt, a2, r2,
                                               "object after the subject of an arrest verb")
        if a1 is None and pos == "verb" and voice != "passive" and casualty != "arrested":
            # an unvocalised kill verb is active when its subject is named next to it:
            # "قتلت قوات الأمن 3 مسلحين" (VSO), "الطيران الإسرائيلي يقتل عنصرين" (SVO)
            nxt = _first_actor_after([a for a in after if a in doers], last + 1, 1)
            if nxt is not None and _counted_next(view, nxt.last + 1):
                a1, r1 = nxt, "subject after an active kill verb (VSO)"
                a2, r2 = _object_after_subject(actors, nxt, a2, r2,
                                               "the counted victims after the subject")
            else:
                prev = [a for a in doers if a.last == first - 1]
                if prev and _counted_next(view, last + 1):
                    a1, r1 = prev[-1], "subject before an active kill verb (SVO)"
        if a2 is None:
            nxt = _first_actor_after(after, last + 1, 6)
            if nxt is not None and nxt is not a1:
                a2, r2 = nxt, "first actor after a casualty/passive trigger"
        if a1 is None and pos in ("verb", "mwe") and voice != "passive" and casualty == "arrested":
            # "اعتقلت قوات الأمن سبعة شبان" (VSO) or "قوات الأمن اعتقلت" (SVO)
            nxt = _first_actor_after([a for a in after if a in doers], last + 1, 2)
            before = nxt or _nearest_before(view, doers, first)
            if before is not None and before is not a2:
                a1, r1 = before, ("subject after an arrest verb (VSO)" if nxt else
                                  "subject before an arrest verb")
    elif pos in ("verb", "mwe"):  # most multi-word triggers are verb phrases (شن هجوما)
        if a1 is None:
            nxt = _first_actor_after([a for a in after if a in doers], last + 1, 3)
            if nxt is not None and nxt is not a2:
                a1, r1 = nxt, "subject after an active verb (VSO)"
        if a1 is None:
            before = _nearest_before(view, doers, first)
            if before is not None:
                a1, r1 = before, "subject before the verb (SVO)"
        if a2 is None and a1 is not None:
            nxt = _first_actor_after(actors, a1.last + 1, 6)
            if nxt is not None and nxt.first > last:
                a2, r2 = nxt, "object after the subject"
    else:  # verbal noun: its genitive is the doer
        if a1 is None:
            nxt = _first_actor_after([a for a in after if a in doers], last + 1, 2)
            if nxt is not None and nxt is not a2:
                a1, r1 = nxt, "genitive of the verbal noun (قصف للتحالف)"
        if a1 is None:
            before = _nearest_before(view, doers, first, within=9)
            if before is not None and before is not a2:
                a1, r1 = before, "actor before the noun in the clause"
    if a1 is not None and a2 is not None and a1.item.id and a1.item.id == a2.item.id:
        a2, r2 = None, "same as actor1"
    return Roles(a1.item if a1 else None, a2.item if a2 else None, r1 or "none found",
                 r2 or "none found")


def _object_after_subject(actors: list[Located], subject: Located, a2: Located | None, r2: str,
                          rule: str) -> tuple[Located | None, str]:
    """In VSO order the object follows the subject: the target/victim, unless already found."""
    if a2 is subject:
        a2, r2 = None, ""
    later = _first_actor_after(actors, subject.last + 1, 6)
    if a2 is None and later is not None:
        return later, rule
    return a2, r2


def _nearest_before(view: SentenceView, actors: list[Located], first: int,
                    within: int = 8) -> Located | None:
    """The nearest actor before the trigger in its clause; of coordinated subjects
    ("قسد والتحالف يرفعان"), the first."""
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
