"""Where, when and according to whom: an event's location, date and attribution.

Each chooser returns its value and the reason, so ``--explain`` can show it. The order
follows issue 4: the clause's place or time first, then the sentence's, then the
document's focus place or dateline, then the publication date with lowered precision.
"""
from __future__ import annotations

import dataclasses

from rasad.events import cues
from rasad.events.view import Located, SentenceView
from rasad.geo.geometry import SAME, contains, relation
from rasad.schema import Attribution, DateRef, Document, Place, TimeExpr
from rasad.text.normalize import key

def is_background(view: SentenceView, first: int, start: int = 0) -> bool:
    """``وكانت البوابة قد تعرضت``: a pluperfect/background report of an earlier event
    (looked for in the trigger's clause, from token ``start``)."""
    head = [t.text for t in view.toks[start:first]]
    background = cues.words("context.background")
    return any(w in background for w in head[:cues.window("context.background_head")]) or (
        key("قد") in head and any(w in background for w in head))


def _not_origin(view: SentenceView, places: list[Located]) -> list[Located]:
    """A person's origin is not where the event happened: "من مواليد 1973 ومن مدينة بنغازي"."""
    keys = cues.words("context.origin")
    reach = cues.window("context.origin_before")
    return [p for p in places if not any(w in keys or w[1:] in keys
                                         for w in view.words(p.first - reach, p.first))]


def launch_origin(view: SentenceView, place: Located) -> bool:
    """Is ``place`` where a projectile was launched from ("أطلق من اليمن")?"""
    frm = key("من")
    # "من اليمن", "من جنوب لبنان"
    at = next((i for i in (place.first - 1, place.first - 2) if view.word(i) == frm), None)
    if at is None:
        return False
    launch = cues.words("context.launch")
    reach = cues.window("context.launch_reach")
    return any(w in launch or w[1:] in launch for w in view.words(at - reach, at))


def _before_purpose(view: SentenceView, places: list[Located], last: int) -> list[Located]:
    """Purpose clauses ("لتوفير الدعم لعمليات قسد في أرياف ديرالزور") name where the
    support goes, not where the event happens."""
    keys = cues.words("context.purpose")
    for i in range(last + 1, len(view.toks)):
        if view.word(i) in keys:
            return [p for p in places if p.first < i]
    return places


# Where a chosen place or date came from (the third value the choosers return).
IN_SENTENCE = frozenset({"inside", "after", "before", "time", "relative"})


def choose_place(view: SentenceView, places: list[Located], first: int, last: int,
                 focus: Place | None, launched: frozenset[int] = frozenset()
                 ) -> tuple[Place | None, str, str]:
    """``launched``: ids of the mentions that are launch origins (:func:`launch_origin`)."""
    origins = [p.item for p in places if id(p) in launched]
    places = _before_purpose(view, [p for p in _not_origin(view, places) if id(p) not in launched],
                             last)
    if focus is not None and any(relation(focus, o) == SAME for o in origins):
        focus = None  # the document's main place is where the missile came from
    after = [p for p in places if p.first > last]
    before = [p for p in places if p.last < first]
    inside = [p for p in places if p.first <= last and p.last >= first]
    for group, where, source in ((inside, "place inside the trigger phrase", "inside"),
                                 (after, "nearest place after the trigger", "after"),
                                 (list(reversed(before)), "nearest place before the trigger",
                                  "before")):
        if not group:
            continue
        best = group[0]
        # a region or governorate followed closely by a more precise place inside it
        # ("في ريف الحسكة ... قرية هداج"): take that one; a list ("ديرالزور والحسكة") is not
        for other in group[1:4]:
            if (other.item.geo_precision or 3) < (best.item.geo_precision or 3) \
                    and abs(other.first - best.first) <= cues.window("context.refine_reach") \
                    and contains(best.item, other.item) \
                    and view.unbroken(min(other.first, best.first), max(other.first, best.first)):
                best = other
        return best.item, where, source
    if focus is not None:
        lowered = dataclasses.replace(focus, geo_precision=max(focus.geo_precision or 2, 2))
        return lowered, "document focus place (no place in the sentence)", "focus"
    return None, "no place found", "none"


def dateline(doc: Document) -> TimeExpr | None:
    """The first dated expression of the lead (first two body sentences)."""
    body = [s for s in doc.sentences if not s.in_title][:2]
    for t in doc.times:
        if t.value and t.precision == "day" and any(s.start <= t.start < s.end for s in body):
            return t
    return None


def _after_publication(value: str | None, published: str | None) -> bool:
    if not value or not published or len(value) < len(published[:10]):
        return False
    return value[:10] > published[:10]


def _years_before(value: str | None, published: str | None, years: int = 2) -> bool:
    return bool(value and published and value[:4].isdigit()
                and int(value[:4]) <= int(published[:4]) - years)


def choose_date(view: SentenceView, times: list[Located], first: int, last: int,
                lead: TimeExpr | None, published: str | None,
                background: bool) -> tuple[DateRef | None, str, str]:
    # a bare year far from the trigger dates something else (a biography, a war's start);
    # a day after publication is a deadline or a plan ("حتى 26 فبراير 2019"), not when
    # a reported event happened
    reach = cues.window("context.year_reach")
    old = [t for t in times if t.item.precision == "year" and _years_before(t.item.value, published)]
    times = [t for t in times if (t.item.precision != "year" or abs(t.first - first) <= reach)
             and not _after_publication(t.item.value, published)]
    if times:
        best = min(times, key=lambda t: (abs(t.first - first), t.item.precision != "day"))
        t: TimeExpr = best.item
        return DateRef(t.value, t.precision if t.value else "unknown", t.text), (
            "time expression in the sentence" if t.value else
            "relative time expression, unresolved without a publication date"), (
            "time" if t.value else "relative")
    if background:
        return None, "background report (كانت ... قد) with no date", "none"
    if old:
        # "وفي عام 2015 ... وطرد الفصائل": a sentence set years ago is not today's news
        return None, f"an earlier year in the sentence ({old[0].item.text})", "none"
    if lead is not None:
        return DateRef(lead.value, lead.precision, lead.text), "dateline of the lead", "dateline"
    if published:
        return DateRef(published, "week", None), "publication date (precision lowered)", \
            "publication"
    return None, "no date and no publication date", "none"


def choose_attribution(doc: Document, view: SentenceView, cues: list[Located],
                       actors: list[Located]) -> Attribution | None:
    """The reporting source of the sentence: a named source (``المرصد السوري``, ``مصادر
    محلية``), or the actor right after a reporting cue (``أعلن الجيش``). A cue with no
    source after it keeps its text and has no source: a verb is never a source."""
    if not cues:
        return None
    named = [c for c in cues if c.item.kind in ("named", "source")]
    cue = named[0] if named else cues[0]
    if named:
        return Attribution(cue.item.source or cue.item.text, cue.item.text, cue.item.start,
                           cue.item.end)
    src = cue.item.source
    end = cue.item.end
    for a in actors:
        if cue.last < a.first <= cue.last + 2:
            src = src or a.item.name or a.item.text
            end = max(end, a.item.end)
            break
    text = doc.text[cue.item.start:end]
    return Attribution(src, text, cue.item.start, end)
