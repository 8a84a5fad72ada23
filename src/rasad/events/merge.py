"""Document-level merging: the headline, the lead and later detail of one incident become
one event; distinct incidents (other place, other actors, other day) stay apart."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rasad.geo.geometry import relation, same_place
from rasad.schema import Actor, Attribution, DateRef, Evidence, Place, Sentence


@dataclass(slots=True)
class Draft:
    """One trigger group of one sentence, before merging."""

    type: str
    mode: str | None
    modality: str
    sentence: Sentence
    sentence_index: int
    actor1: Actor | None = None
    actor2: Actor | None = None
    place: Place | None = None
    place_from_sentence: bool = False
    date: DateRef | None = None
    date_from_sentence: bool = False
    counts: dict[str, tuple[int | None, str]] = field(default_factory=dict)
    attribution: Attribution | None = None
    strong: bool = False
    background: bool = False  # a pluperfect report of an earlier event (وكانت ... قد)
    anaphoric: bool = False  # "الهجوم" referring back: joins the latest event of its type
    anchor: int = 0  # original offset of the trigger that names the event
    actor1_by_syntax: bool = False  # actor1 found by an explicit marker, not by position
    indices: list[int] = field(default_factory=list)  # sentence indices merged so far
    explain: dict[str, str] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    confidence: float | None = None  # the event model's probability, when it decided
    split: int = 0  # n-th draft of one candidate split by place


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Unknown on either side is compatible; else the same id (or the same name)."""
    if a is None or b is None:
        return True
    if a.id and b.id:
        return a.id == b.id
    return (a.name or a.text) == (b.name or b.text)


# More specific modes win when reports of one event name it differently (قصف / قصف جوي).
MODE_PRIORITY = ("suicide-attack", "drone", "aerial", "explosives", "unconventional",
                 "heavy-weapons", "abduct", "targeted", "destroy", "firearms",
                 # COERCE: the arrests of a sweep name it best (حملة تمشيط ... القبض على 12)
                 "arrest", "seize", "restrict", "curfew", "withhold", "deport")


def better_mode(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    rank = {m: i for i, m in enumerate(MODE_PRIORITY)}
    return a if rank.get(a, 99) <= rank.get(b, 99) else b


def acled_class(d: Draft) -> str | None:
    from rasad.events.acled import acled_type

    t = acled_type(d.type, d.mode)
    return t.event_type if t else None


_BATTLE_VS_REMOTE = {"Battles", "Explosions/Remote violence"}


def dates_differ(e: Draft, d: Draft) -> bool:
    """Both dated from the text (not the publication-date fallback) and on different days."""
    a, b = e.date, d.date
    if a is None or b is None or not a.value or not b.value:
        return False
    fallback_a = a.precision == "week" and a.text is None
    fallback_b = b.precision == "week" and b.text is None
    if fallback_a or fallback_b:
        # the publication-date fallback is a guess within days; only another month or year
        # ("عام 2015") contradicts it
        other = b if fallback_a else a
        if other.precision not in ("month", "year") or (fallback_a and fallback_b):
            return False
    if len(a.value) == len(b.value) == 10:
        # day dates: a report's own day and the incident's day are often a day apart
        from datetime import date

        gap = abs((date.fromisoformat(a.value) - date.fromisoformat(b.value)).days)
        return gap > 1
    n = min(len(a.value), len(b.value))
    return a.value[:n] != b.value[:n]


def _counts_differ(e: Draft, d: Draft) -> bool:
    """A later report with a larger toll is another incident (``مقتل 30`` after ``مقتل 20``);
    a smaller one is a part of the first (the police among the 19 injured)."""
    for role, (value, qual) in d.counts.items():
        cur = e.counts.get(role)
        if cur and cur[0] is not None and value is not None and value > cur[0] \
                and "exact" in (qual, cur[1]):
            return True
    return False


def compatible(e: Draft, d: Draft) -> bool:
    if e.type != d.type or e.modality != d.modality or e.background != d.background:
        return False
    if any(s is d.sentence for s in e.sentences):
        return False  # two clauses of one sentence report two incidents
    if dates_differ(e, d) or _counts_differ(e, d):
        return False
    if e.mode and d.mode and {acled_class(e), acled_class(d)} == _BATTLE_VS_REMOTE \
            and min(abs(d.sentence_index - i) for i in e.indices or [e.sentence_index]) > 1:
        # a ground assault and shelling told apart are two records, as ACLED codes them;
        # told in the same breath ("مواجهات دارت ... كما قصفت مدفعية الجيش") they are one battle
        return False
    if not (same_actor(e.actor1, d.actor1) and same_actor(e.actor2, d.actor2)):
        # roles swapped in a retelling ("clashes between X and Y") are the same incident
        named = all(x is not None for x in (e.actor1, e.actor2, d.actor1, d.actor2))
        if not (named and same_actor(e.actor1, d.actor2) and same_actor(e.actor2, d.actor1)):
            return False
    if e.place_from_sentence and d.place_from_sentence and e.place and d.place \
            and not same_place(e.place, d.place):
        return False
    return True


def _place_rank(p: Place | None, from_sentence: bool) -> tuple:
    if p is None:
        return (9, 9, 9)
    return (0 if from_sentence else 1, p.geo_precision or 3, 1 if p.feature == "country" else 0)


def absorb(e: Draft, d: Draft) -> None:
    """Fold ``d`` into ``e``: union of evidence, the most specific arguments."""
    e.sentences.extend(d.sentences or [d.sentence])
    e.indices.append(d.sentence_index)
    e.strong = e.strong or d.strong
    e.mode = better_mode(e.mode, d.mode)
    for role in ("actor1", "actor2"):
        if getattr(e, role) is None and getattr(d, role) is not None:
            setattr(e, role, getattr(d, role))
            e.explain[role] = d.explain.get(role, "") + f" (from sentence {d.sentence_index})"
    if _place_rank(d.place, d.place_from_sentence) < _place_rank(e.place, e.place_from_sentence):
        e.place, e.place_from_sentence = d.place, d.place_from_sentence
        e.explain["location"] = d.explain.get("location", "") + f" (from sentence {d.sentence_index})"
    if d.date is not None and (e.date is None or (d.date_from_sentence and not e.date_from_sentence)
                               or (d.date.precision == "day" and e.date.precision != "day")):
        e.date, e.date_from_sentence = d.date, d.date_from_sentence
        e.explain["date"] = d.explain.get("date", "") + f" (from sentence {d.sentence_index})"
    for role, (value, qual) in d.counts.items():
        cur = e.counts.get(role)
        if cur is None or (value or 0) > (cur[0] or 0):
            e.counts[role] = (value, qual)
    if e.attribution is None:
        e.attribution = d.attribution


Link = Callable[[Draft, Draft], float]

# Drafts more than this many sentences after an event's last report never join it: far
# beyond any article (the 2018 corpus's longest has 109 sentences), it keeps merging
# linear in a huge document, where every draft would otherwise be compared with every event.
MERGE_WINDOW = 200


class _Open:
    """Events still within the merge window of the current draft, in creation order
    (drafts arrive in sentence order, so an event that falls out never comes back)."""

    __slots__ = ("events",)

    def __init__(self) -> None:
        self.events: list[Draft] = []

    def near(self, d: Draft) -> list[Draft]:
        self.events = [e for e in self.events if d.sentence_index - e.indices[-1] <= MERGE_WINDOW]
        return self.events


def merge(drafts: list[Draft], link: Link | None = None, threshold: float = 0.5) -> list[Draft]:
    """Greedy merge in document order. Without ``link`` each draft joins the most agreeing
    compatible event (the rules); with it, the event of its type and modality that ``link``
    (the merge model) gives the highest probability, if that reaches ``threshold``."""
    if link is not None:
        return _merge_linked(drafts, link, threshold)
    events: list[Draft] = []
    window = _Open()
    for d in drafts:
        near = window.near(d)
        if d.anaphoric:
            prev = [e for e in near if e.type == d.type and e.modality == d.modality
                    and (not d.actor1_by_syntax or same_actor(e.actor1, d.actor1))]
            if prev:
                # the anaphor's own place, date and positional actors belong to its sentence
                d.place, d.place_from_sentence, d.date = None, False, None
                if not d.actor1_by_syntax:
                    d.actor1 = d.actor2 = None
                absorb(prev[-1], d)
                continue
            if not d.actor1_by_syntax:
                continue  # "الانفجار الذي وقع": refers to something not reported here
        best, best_score = None, (-1, 0)
        for e in near:
            if not compatible(e, d):
                continue
            # ties: the event told most (the article's main story), then the latest
            score = (_agreement(e, d), len(e.sentences))
            if best is None or score >= best_score:
                best, best_score = e, score
        if best is None:
            d.sentences = [d.sentence]
            d.indices = [d.sentence_index]
            events.append(d)
            near.append(d)
        else:
            absorb(best, d)
    return events


def separate_sites(e: Draft, d: Draft) -> bool:
    """Each names its own place in its own sentence and the places differ: two incidents
    (ANNOTATION.md: split by place), whatever else they share."""
    return bool(e.place_from_sentence and d.place_from_sentence and e.place and d.place
                and relation(e.place, d.place) is None)


def _start(d: Draft) -> Draft:
    d.sentences = [d.sentence]
    d.indices = [d.sentence_index]
    return d


def _merge_linked(drafts: list[Draft], link: Link, threshold: float) -> list[Draft]:
    events: list[Draft] = []
    window = _Open()
    for d in drafts:
        best, best_p = None, threshold
        near = window.near(d)
        for e in near:
            if e.type != d.type or e.modality != d.modality or (
                    e.anchor == d.anchor and e.sentence is d.sentence):
                continue  # drafts of one candidate split by place stay apart
            if separate_sites(e, d):
                continue
            p = link(e, d)
            if p >= best_p:
                best, best_p = e, p
        if best is not None:
            if d.anaphoric:
                # the anaphor's own place, date and positional actors belong to its sentence
                d.place, d.place_from_sentence, d.date = None, False, None
                if not d.actor1_by_syntax:
                    d.actor1 = d.actor2 = None
            absorb(best, d)
        elif not d.anaphoric or d.actor1_by_syntax:
            events.append(_start(d))
            near.append(d)
        # else "الانفجار الذي وقع": refers to something not reported here
    return events


def _agreement(e: Draft, d: Draft) -> int:
    score = 0
    for role in ("actor1", "actor2"):
        a, b = getattr(e, role), getattr(d, role)
        if a is not None and b is not None and same_actor(a, b):
            score += 2
    if e.place and d.place and same_place(e.place, d.place):
        score += 2
    for role, (value, _) in d.counts.items():
        if role in e.counts and e.counts[role][0] == value:
            score += 3
    return score


def evidence_of(d: Draft) -> tuple[Evidence, list[Evidence]]:
    """The event's evidence (the first sentence that states it) and every sentence that
    reports it, in text order. Later sentences that merely refer back ("وتزامن الهجوم مع
    ...") often say other things too, so they are listed, not quoted as the evidence."""
    sents = sorted({(s.start, s.end): s for s in d.sentences}.values(), key=lambda s: s.start)
    spans = [Evidence(s.text, s.start, s.end) for s in sents]
    return spans[0], spans
