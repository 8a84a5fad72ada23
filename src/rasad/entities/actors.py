"""Actor mentions: dictionary matching, context resolution, affiliation and members phrases.

Steps over one document:
1. every alias hit on word boundaries (proclitics allowed, ``للتحالف`` too), the longest
   non-overlapping hits kept, boilerplate regions (``doc.removed``) skipped;
2. candidates filtered by the alias's period against ``doc.published``; an ambiguous alias
   (``الجيش الوطني``: Yemen's army or the Syrian National Army) takes the candidate of the
   document's main country;
3. context: an actor's ``context_map`` names what it means in the document's country
   (``الجيش`` in Libyan news is the LNA, "Iranian militias" in Yemen news the Houthis);
   generic agents made specific where the context allows (``قوات الجيش`` in a Yemen article
   is the Yemeni army, ``الميليشيات`` in a Houthi article the Houthis); anaphors
   (``التنظيم``, ``المقاومة``) are kept only when the document resolves them;
4. ``<agent> تابعة/موالية/مدعومة من <actor>`` becomes one mention of the affiliated actor
   (``ميليشيات تابعة لسلطة دمشق`` -> pro-government militia), ``عناصر من قسد`` one of SDF;
5. persons from the dictionary and from title cues (:mod:`rasad.entities.persons`).
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from rasad.config import Config
from rasad.entities.actors_lexicon import ActorInfo, Candidate, View, as_of, current, hits, in_period, \
    lexicon, squeeze
from rasad.pipeline import stage
from rasad.schema import Actor, Document
from rasad.text.spans import Disjoint, SpanSet

log = logging.getLogger(__name__)

# Kinds whose country tells what a document is about.
_CONTEXT_KINDS = {"state", "state_military", "police", "rebel", "militia", "terrorist", "person",
                  "party", "protesters", "tribal", "civilians"}
# Words before a country name that make it a place, not an actor ("في سوريا", "من العراق").
_LOCATIVE = set("في الى الي داخل نحو شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط انحاء عبر حدود من "
                "اراضي ارض مناطق مدن عاصمه سفاره سفير ريف غوطه مدينه العاصمه محيط ضواحي قرب اطراف مطار "
                "جامعه شوارع احياء سكان اهالي باتجاه اتجاه زار زيارته زياره وصل وصوله قادما عائدا غادر "
                "مقر مقره مطارات سماء اجواء".split())
# Words before "من" that make the country after it an agent: "بدعم من روسيا", "المدعومة من إيران".
_AGENT_BEFORE_MIN = set("دعم بدعم مدعوم مدعومه مدعومين مدعومون المدعوم المدعومه المدعومين المدعومون قبل "
                        "جانب طرف بمساعده بمشاركه بتنسيق باسناد اسناد بغطاء تمويل بتمويل تحريض بتحريض "
                        "ضغوط بضغط تهديدات تهديد".split())
# Collective nouns that name several groups; the document's dominant actor is not meant.
_COLLECTIVE = ("الجماعات", "جماعات", "التنظيمات", "تنظيمات", "المجموعات", "مجموعات", "الحركات", "المنظمات",
               "منظمات", "الفصائل الجهاديه")
_AFFILIATION = re.compile(
    r" (?:ال)?(?:تابع|تابعه|تابعين|تابعون|موال|مواليه|موالين|موالون|موالي|مدعوم|مدعومه|مدعومين|"
    r"مدعومون|مرتبط|مرتبطه|مرتبطين|مقرب|مقربه|مقربين|محسوب|محسوبه|محسوبين) (?:من |ل)?")
_MEMBERS_GAP = re.compile(r" من (?:بعض )?")
# Nouns that name members of the actor after them ("عناصر من قسد", "جنود الاحتلال").
_MEMBERS = re.compile(
    r"(?:^|(?<=[ (]))[وف]?(?:عناصر|عنصر|مقاتلي|مقاتلو|مقاتلين|مسلحي|مسلحو|مسلحين|جنود|جنديا|افراد|صفوف|"
    r"خلايا|خليه|مرتزقه|ميليشيات|مليشيات|ميليشيا|مليشيا|فلول|بقايا|قاده|قيادات|انصار|مناصري|مؤيدي|"
    r"مجموعه من|مجموعات من)(?: من)? $")
_MEMBER_KINDS_EXCLUDED = {"civilians", "media", "ngo", "person", "state", "protesters", "activists"}


@dataclass(slots=True)
class Mention:
    start: int  # offsets in the squeezed view
    end: int
    prefix: str
    cands: tuple[Candidate, ...]
    actor: ActorInfo | None = None
    person: str | None = None
    person_span: tuple[int, int] | None = None  # view offsets of a title-introduced name
    kind: str | None = None  # overrides actor.kind (affiliated militia, person)
    country: str | None = None  # overrides actor.country (context)
    in_title: bool = False


def _dictionary_mentions(view: View, holes: list[tuple[int, int]]) -> list[Mention]:
    lex = lexicon()
    found = []
    removed = SpanSet(holes)
    for start, end, prefix, entry, stripped in hits(lex.automaton, view.text):
        if removed.overlaps(start, end):
            continue
        found.append(Mention(start, end, prefix, entry.stripped if stripped else entry.plain))
    found.sort(key=lambda m: (m.start - m.end, m.start))
    free = Disjoint()
    taken = [m for m in found if free.take(m.start, m.end)]
    taken.sort(key=lambda m: m.start)
    return taken


def _is_place_use(view: View, m: Mention) -> bool:
    if "ب" in m.prefix:
        return True
    ws = m.start - len(m.prefix)
    before = view.text[max(0, ws - 24):ws].split()
    if not before or before[-1] not in _LOCATIVE:
        return False
    return not (before[-1] == "من" and len(before) > 1 and before[-2] in _AGENT_BEFORE_MIN)


def _main_country(mentions: list[Mention], actors: dict[str, ActorInfo]) -> str | None:
    votes: Counter[str] = Counter()
    for m in mentions:
        if len({actors[c.id].country for c in m.cands}) != 1:
            continue
        a = actors[m.cands[0].id]
        if a.generic or not a.country or a.kind not in _CONTEXT_KINDS:
            continue
        votes[a.country] += 3 if m.in_title else 1
    return votes.most_common(1)[0][0] if votes else None


def _choose(m: Mention, actors: dict[str, ActorInfo], published: str | None, country: str | None,
            view: View, seen: Counter[str]) -> ActorInfo | None:
    cands = [c for c in m.cands if in_period(c.period, published)]
    if not cands:
        return None
    if not published and len(cands) > 1:
        cands = current(cands)
    if all(c.place for c in cands) and _is_place_use(view, m):
        return None
    if len(cands) > 1 and any(seen[c.id] for c in cands):
        # an ambiguous alias ("التحالف") names the candidate the document names unambiguously
        return actors[max(cands, key=lambda c: seen[c.id]).id]
    if len(cands) > 1 and country:
        for c in cands:
            if actors[c.id].country == country:
                return actors[c.id]
    return actors[cands[0].id]


def _nisba_after(view: View, m: Mention) -> str | None:
    """Country of a nisba adjective right after a mention (``جندي إسرائيلي``)."""
    from rasad.entities.persons import nisbas

    words = view.text[m.end:m.end + 30].split()
    if not words or view.text[m.end:m.end + 1] != " ":
        return None
    w = words[0].strip("،,.:;")
    return nisbas().get(w) or nisbas().get("ال" + w)


class Recent:
    """The named (not generic) actors resolved so far, for anaphora: the country of the
    last one whose id ends with a suffix. Each suffix's scan resumes where it stopped, so
    a document costs linear time, not a scan of every earlier mention per mention."""

    __slots__ = ("named", "_seen")

    def __init__(self) -> None:
        self.named: list[tuple[str, str | None]] = []
        self._seen: dict[str, tuple[int, str | None]] = {}

    def add(self, m: Mention) -> None:
        if m.actor is not None and not m.actor.generic:
            self.named.append((m.actor.id, m.actor.country))

    def country(self, suffix: str) -> str | None:
        upto, found = self._seen.get(suffix, (0, None))
        for k in range(upto, len(self.named)):
            if self.named[k][0].endswith(suffix):
                found = self.named[k][1]
        self._seen[suffix] = (len(self.named), found)
        return found


def _resolve(m: Mention, actors: dict[str, ActorInfo], country: str | None,
             counts: Counter[str], view: View, before: Recent,
             published: str | None = None) -> None:
    """Context: the actor meant in this document's country; generic agents made specific;
    anaphors left unresolved are dropped (``m.actor = None``)."""
    a = m.actor
    if a is None:
        return
    local = _nisba_after(view, m) if a.generic else None
    where = local or country
    if a.context_map and where:
        target = dict(a.context_map).get(where)
        if target in actors:
            m.actor = actors[target]
            return
    if a.generic:
        _resolve_generic(m, actors, country, counts, view, before, local, published)
    if m.actor is not None and m.actor.anaphor:
        m.actor = None


def _resolve_generic(m: Mention, actors: dict[str, ActorInfo], country: str | None,
                     counts: Counter[str], view: View, before: Recent, local: str | None,
                     published: str | None = None) -> None:
    a = m.actor
    collective = view.text[m.start:m.end].startswith(_COLLECTIVE)
    for rule in (a.resolve or "").split("|"):
        if rule.startswith("country:") and (local or country):
            suffix = rule.split(":", 1)[1].replace("{C}", "")
            # anaphora: the last named actor of the same role ("القوات الحكومية السورية" ...
            # "القوات الحكومية") decides before the document's main country does
            recent = before.country(suffix)
            # the identity the country's forces had on the publication date
            target = as_of(actors, (local or recent or country) + suffix, published)
            if target in actors:
                m.actor = actors[target]
                return
        if rule == "dominant" and not local and not collective:
            ranked = [aid for aid, _ in counts.most_common() if actors[aid].kind in a.resolve_kinds]
            if ranked:
                m.actor = actors[ranked[0]]
                return
    if a.context_country and (local or country):
        m.country = local or country


def _affiliated(agent: Mention, target: ActorInfo, actors: dict[str, ActorInfo]) -> ActorInfo:
    """The actor that ``<agent> تابعة ل <target>`` names."""
    if target.kind in ("state", "state_military", "police") and target.country:
        for aid in (f"{target.country}_PROGOV_MILITIA", f"{target.country}_PROXY_MILITIA"):
            if aid in actors:
                return actors[aid]
    if target.id == "TUR_MIL" or target.id == "TUR_GOV":
        return actors.get("SNA", target)
    return target


def _combine(view: View, mentions: list[Mention], actors: dict[str, ActorInfo]) -> list[Mention]:
    out: list[Mention] = []
    mentions = _members(view, mentions)
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and m.actor is not None and nxt.actor is not None and m.actor.generic:
            gap = view.text[m.end:nxt.start]
            if m.actor.kind in ("militia", "armed_group", "unidentified_armed", "tribal", "rebel") \
                    and _AFFILIATION.fullmatch(gap) and not nxt.actor.generic:
                target = _affiliated(m, nxt.actor, actors)
                kind = m.actor.kind if target is nxt.actor and target.kind not in ("militia", "rebel") else None
                out.append(Mention(m.start, nxt.end, m.prefix, nxt.cands, target, kind=kind, in_title=m.in_title))
                i += 2
                continue
            if m.actor.kind in ("state_military", "police") and _AFFILIATION.fullmatch(gap) \
                    and not nxt.actor.generic and nxt.actor.kind not in _MEMBER_KINDS_EXCLUDED:
                # قوات الدفاع الجوي التابعة للتحالف: the unit belongs to the actor named after it
                out.append(Mention(m.start, nxt.end, m.prefix, nxt.cands, nxt.actor, in_title=m.in_title))
                i += 2
                continue
            if m.actor.kind in ("state_military", "police") and gap == " " and nxt.prefix in ("ل", "") \
                    and view.text[nxt.start - len(nxt.prefix):nxt.start + 2].startswith("ل") \
                    and not nxt.actor.generic and nxt.actor.kind not in _MEMBER_KINDS_EXCLUDED:
                # قوات الدفاع الجوي للتحالف: the generic unit belongs to the actor after ل
                out.append(Mention(m.start, nxt.end, m.prefix, nxt.cands, nxt.actor, in_title=m.in_title))
                i += 2
                continue
            if m.actor.id == "GEN_ARMED_MEN" and _MEMBERS_GAP.fullmatch(gap):
                out.append(Mention(m.start, nxt.end, m.prefix, nxt.cands, nxt.actor, in_title=m.in_title))
                i += 2
                continue
        out.append(m)
        i += 1
    return out


def _members(view: View, mentions: list[Mention]) -> list[Mention]:
    """Extend a named mention over a members noun before it: ``مقاتلي قسد`` -> SDF."""
    out: list[Mention] = []
    for m in mentions:
        a = m.actor
        ws = m.start - len(m.prefix)
        if a is not None and not a.generic and a.kind not in _MEMBER_KINDS_EXCLUDED and not m.prefix:
            found = _MEMBERS.search(view.text, max(0, ws - 24), ws)
            if found:
                start = found.start()
                while out and out[-1].end > start:
                    if out[-1].start < start:
                        break
                    out.pop()
                else:
                    m = replace(m, start=start, prefix="")
        out.append(m)
    return out


def _view_of(doc: Document) -> tuple[View, list[tuple[int, int]], int]:
    view = squeeze(doc.keytext)
    norm = doc.norm

    def to_view(orig: int) -> int:
        """The view position of the first key character at or after ``orig`` (``to_key``
        is strictly increasing and ends with the key text's length)."""
        k = norm.from_original(orig)
        return bisect_left(view.to_key, k) if k < len(doc.keytext) else len(view.text)

    holes = [(to_view(r.start), to_view(r.end)) for r in doc.removed]
    title_end = to_view(doc.title_span.end) if doc.title_span is not None else -1
    return view, holes, title_end


def original_span(doc: Document, view: View, start: int, end: int) -> tuple[int, int]:
    return doc.norm.to_original(view.to_key[start], view.to_key[end - 1] + 1)


def find_mentions(doc: Document) -> tuple[View, list[Mention]]:
    from rasad.entities.persons import person_mentions

    lex = lexicon()
    actors = lex.actors
    view, holes, title_end = _view_of(doc)
    mentions = _dictionary_mentions(view, holes)
    for m in mentions:
        m.in_title = m.end <= title_end
    country = _main_country(mentions, actors)
    seen: Counter[str] = Counter(m.cands[0].id for m in mentions if len(m.cands) == 1)
    for m in mentions:
        m.actor = _choose(m, actors, doc.published, country, view, seen)
    mentions = [m for m in mentions if m.actor is not None]
    counts: Counter[str] = Counter(m.actor.id for m in mentions if not m.actor.generic)
    mentions = _combine(view, mentions, actors)
    recent = Recent()
    for m in mentions:
        _resolve(m, actors, country, counts, view, recent, doc.published)
        recent.add(m)
    mentions = [m for m in mentions if m.actor is not None]
    mentions = person_mentions(view, mentions, holes)
    return view, mentions


def _to_actor(doc: Document, view: View, m: Mention) -> Actor:
    s, e = original_span(doc, view, m.start, m.end)
    a = m.actor
    actors = lexicon().actors
    if m.person_span is not None:
        ps, pe = original_span(doc, view, *m.person_span)
        m = replace(m, person=doc.text[ps:pe].strip("\"'“”«»‘’"))
    if a is not None and a.kind == "person":
        person = a.name_ar
        a = actors.get(a.org) if a.org else None
        m = replace(m, person=m.person or person, kind="person", country=m.country or (a.country if a else None))
    if a is None:
        return Actor(id=None, name=m.person, name_ar=m.person, kind=m.kind or "person", country=m.country,
                     text=doc.text[s:e], start=s, end=e, person=m.person)
    return Actor(id=a.id, name=a.name, name_ar=a.name_ar, kind=m.kind or a.kind,
                 country=m.country or a.country, text=doc.text[s:e], start=s, end=e, person=m.person)


def find_actors(doc: Document) -> list[Actor]:
    """Actor and person mentions of a document that has been through ``clean``/``segment``."""
    if doc.keytext is None or doc.norm is None:
        raise ValueError("find_actors needs a document after the 'clean' stage")
    view, mentions = find_mentions(doc)
    return [_to_actor(doc, view, m) for m in mentions]


def actor_mentions(doc: Document) -> list[dict[str, Any]]:
    """One dict per mention: text, start, end, id, name, name_ar, kind, country (and person)."""
    out = []
    for a in find_actors(doc):
        out.append({"text": a.text, "start": a.start, "end": a.end, "id": a.id, "name": a.name,
                    "name_ar": a.name_ar, "kind": a.kind, "country": a.country, "person": a.person})
    return out


@stage("actors", requires=("norm", "keytext", "removed", "title_span"), assigns=("actors",))
def actors_stage(doc: Document, config: Config) -> Document:
    doc.actors = sorted(find_actors(doc), key=lambda a: (a.start, a.end))  # text order
    return doc
