"""The ``geocode`` stage: place mentions resolved to gazetteer places with coordinates.

Mentions come from :mod:`rasad.geo.mentions`. Each is resolved with the document's
context: countries and admin1 areas that strong mentions establish (title mentions count
twice), the outlet's country, and the cue before the name (``محافظة X`` wants an admin1
area, ``قرية X`` a village). A weak candidate (a village or small town) needs a cue or its
own admin1 area in the context; a name that is mostly an ordinary word needs a cue.
An unknown name after a naming cue takes the admin1 area of the place that follows it
(``قرية X بريف مقاطعة ديرالزور``) with geo_precision 2.
"""
from __future__ import annotations

import bisect

import dataclasses
import logging
from collections import Counter
from dataclasses import dataclass

from rasad.config import Config
from rasad.geo.gazetteer import Gazetteer, PlaceRecord, default_gazetteer, distance_km
from rasad.geo.geometry import PointGrid, lat_reach
from rasad.geo.mentions import NAMING_KINDS, RawMention, common_words, cue_table, find_mentions
from rasad.pipeline import stage
from rasad.schema import Document, Place
from rasad.text.normalize import key, strip_article

log = logging.getLogger(__name__)

# Gazetteer feature -> the feature vocabulary of EVENTS.md.
EVENT_FEATURE = {"admin1": "governorate", "admin2": "district"}
POINT_FEATURES = {"city", "town", "village", "neighbourhood", "facility", "crossing", "base"}
STRONG_FEATURES = {"country", "admin1", "region", "city", "base", "crossing", "facility"}
# Cue kind -> gazetteer features it favours.
CUE_FEATURES = {
    "admin1": {"admin1"}, "admin2": {"admin2", "town", "city"}, "region": {"region", "admin1"},
    "city": {"city", "town"}, "town": {"town", "village", "city"}, "village": {"village", "town"},
    "neighbourhood": {"neighbourhood", "village", "town"}, "camp": {"village", "neighbourhood"},
    "crossing": {"crossing"}, "base": {"base", "facility"}, "airport": {"facility", "base"},
    "facility": {"facility", "village", "town"}, "rural": {"city", "admin1", "town", "admin2"},
    "near": {"city", "town", "village", "admin1"}, "area": {"village", "town", "region"},
    "front": {"admin2", "admin1", "region", "town", "village"},
    "sector": {"admin1", "admin2", "region", "town"},
}
# Cues after which a name is an area: an admin row beats a same-named town (جبهة صعدة).
AREA_CUES = {"admin1", "front", "sector"}
OUTLET_COUNTRY = {"north press": "SYR", "نورث برس": "SYR", "sana": "SYR", "سانا": "SYR",
                  "syria.tv": "SYR", "تلفزيون سوريا": "SYR", "enabbaladi": "SYR", "عنب بلدي": "SYR",
                  "alwatan.sy": "SYR", "halabtoday": "SYR", "syriahr": "SYR", "المرصد السوري": "SYR",
                  "alsouria": "SYR", "baladi-news": "SYR", "wafa": "PSE", "وفا": "PSE",
                  "almanar": "LBN", "المنار": "LBN", "nna-leb": "LBN", "sudantribune": "SDN",
                  "ina": "IRQ", "rudaw": "IRQ", "روداو": "IRQ", "saba": "YEM", "سبأ": "YEM"}
# Outside these countries a small world town needs its country in the context.
REGION_COUNTRIES = {"SYR", "IRQ", "YEM", "EGY", "LBN", "PSE", "JOR", "LBY", "SDN", "TUR",
                    "IRN", "SAU", "ISR"}


@dataclass(slots=True)
class Context:
    countries: Counter
    admin1: Counter  # (country, admin1) -> weight
    votes: dict  # key -> [(country, admin1, weight)]: a name's own votes, left out for it
    _without: dict = dataclasses.field(default_factory=dict)  # key -> context without it
    _top: float | None = None  # the leading country's weight (the counts never change)

    def without(self, m: RawMention) -> Context:
        """The context without the votes of this name (its own and its repetitions'),
        made once per name."""
        votes = self.votes.get(m.key)
        if not votes:
            return self
        if m.key not in self._without:
            self._without[m.key] = self._less(votes)
        return self._without[m.key]

    def _less(self, votes: list) -> Context:
        countries, admin1 = self.countries.copy(), self.admin1.copy()
        for iso, adm, w in votes:
            countries[iso] -= w
            if adm:
                admin1[(iso, adm)] -= w
        return Context(countries, admin1, {})

    def country_share(self, iso: str) -> float:
        """Weight of ``iso`` relative to the document's leading country (0..1)."""
        top = self._top
        if top is None:
            top = self._top = max(self.countries.values(), default=0)
        return max(self.countries[iso], 0) / top if top > 0 else 0.0


def _doc_context(doc: Document, mentions: list[tuple[RawMention, list[PlaceRecord]]],
                 title_end: int) -> Context:
    countries: Counter = Counter()
    admin1: Counter = Counter()
    votes: dict = {}
    for m, cands in mentions:
        if not cands or (m.key in common_words() and not (m.cues and m.cues[0] == "admin1")):
            continue
        top = cands[0]
        if m.cues and m.cues[0] == "admin1":  # 'محافظة البيضاء' votes for the governorate
            cands = [c for c in cands if c.feature == "admin1"] or cands
            top = cands[0]
        if top.feature not in STRONG_FEATURES or top.prior < 0.75:
            continue
        rival = next((c for c in cands[1:] if c.country != top.country), None)
        if rival is not None and rival.prior > top.prior - 0.3:
            continue  # ambiguous across countries (طرابلس, البيضاء): no vote of its own
        w = 2.0 if m.start < title_end else 1.0
        wc = w * (1.5 if top.feature == "country" else 1.0)
        countries[top.country] += wc
        if top.admin1:
            admin1[(top.country, top.admin1)] += w
        votes.setdefault(m.key, []).append(
            (top.country, "", wc) if top.feature == "country" else (top.country, top.admin1, w))
    outlet = (doc.outlet or "").lower()
    for name, iso in OUTLET_COUNTRY.items():
        if name in outlet:
            countries[iso] += 1.0
    return Context(countries, admin1, votes)


def _score(c: PlaceRecord, m: RawMention, ctx: Context) -> float:
    s = c.prior
    s += 0.8 * ctx.country_share(c.country)
    if c.admin1 and ctx.admin1[(c.country, c.admin1)] > 0:
        s += 0.4
    if m.cues and c.feature in CUE_FEATURES.get(m.cues[0], ()):
        s += 0.6
    return s


# Titles before a person's name: the next words are a name, not a place.
_TITLES = {key(w) for w in (
    "الجنرال الرئيس القائد الشيخ العميد اللواء العقيد المقدم الرائد السيد الدكتور الباحث "
    "الوزير الأمير الملك النائب المتحدث الناطق الصحفي الكاتب المحلل الإمام القيادي المواطن "
    "الشاب الطفل الطفلة السيدة الفنان الزعيم المدعو المدعوة عضو رئيس").split()}


_NOT_AFTER = {key(w) for w in "الخوذ الخوذات الدار".split()}
# Prepositions and particles after which an indefinite word can be a place name.
_PREPS = {key(w) for w in (
    "في من الى إلى على عن مع نحو باتجاه تجاه داخل خارج قرب بين حول عبر ضد لدى عند منذ "
    "و ان أن إن بعد قبل حتى").split()}
# Given names: a weak place named like a person is a person here (محمد صالح, أبو بكر).
_GIVEN = {key(w) for w in (
    "محمد أحمد احمد علي عبد عبدالله عبدالرحمن حسن حسين صالح خالد عمر ابراهيم إبراهيم يوسف "
    "يحيى يعقوب سليمان مصطفى محمود سعيد سعد ناصر عادل طارق فهد سلطان عيسى موسى داود هادي "
    "بنيامين ابو أبو ام أم بن").split()}


def _adjective(c: PlaceRecord, m: RawMention, gaz: Gazetteer, weak: bool = False) -> bool:
    """Is this name an adjective here (قوات أمن سورية, العاصمة السعودية, أسلحة بيضاء)?"""
    if m.proclitic or any(ch in m.prev_gap for ch in ".,:;!?()\"'«»،؛\n-–—/") or not m.prev_word:
        return False
    prev = m.prev_word
    if prev in _PREPS or prev in cue_table() or (gaz.has_key(strip_article(prev))
                                                and strip_article(prev) not in common_words()):
        return False
    if not m.article:  # an indefinite nisba after an indefinite noun: 'قوات أمن سورية'
        # (a village's name right after an indefinite word: 'جهود جبارة', 'علامة فارقة')
        return (m.key.endswith("يه") or (weak and m.ntok == 1)) and not prev.startswith("ال")
    # a definite nisba after a definite noun: 'العاصمة السعودية', 'الحدود السعودية'
    return c.feature == "country" and m.key.endswith("يه") and prev.startswith("ال")

def _acceptable(c: PlaceRecord, m: RawMention, ctx: Context, prev_weak: bool,
                in_list: bool, backed: bool = False, gaz: Gazetteer | None = None) -> bool:
    """Does this best candidate stand as a place here (false-positive guard)?"""
    # 'والرقة والطبقة': a word joined by 'و' to a place just accepted is listed as a place
    # a quoted name after any cue is a name: 'منطقة "نصيب"'
    quoted = bool(m.cues) and any(q in m.prev_gap for q in "\"«“")
    has_cue = (bool(m.cues) and m.cues[0] not in ("near", "area")) or in_list or quoted
    if c.feature == "country" and m.article and not c.name_ar.startswith("ال"):
        return False  # 'السورية' is the adjective, not 'سورية'
    if m.prev_word in _NOT_AFTER:
        return False  # 'الخوذ البيضاء' (the White Helmets)
    weak = c.feature not in STRONG_FEATURES or c.prior < 0.75
    if not has_cue and (m.prev_word in _TITLES or prev_weak) and weak and not backed:
        return False  # 'الجنرال مظلوم عبدي': a person's name
    if not has_cue and gaz is not None and _adjective(c, m, gaz, weak and not backed):
        return False
    if has_cue and not in_list and weak and ctx.countries[c.country] <= 0 \
            and c.feature not in CUE_FEATURES.get(m.cues[0], ()):
        return False  # 'إقليم كردي' is no village in Egypt
    if not has_cue and not m.article and c.feature != "country" and c.name_ar.startswith("ال") \
            and m.ntok == 1 and not m.alt_key:
        return False  # 'أسلحة بيضاء': a name that always carries the article, without it
    if m.key in common_words() or len(m.key) <= 2:
        # 'بأطراف المدينة', 'شرق معسكر': a place cue is not enough for an ordinary word
        return has_cue or (bool(m.cues) and c.feature in ("country", "admin1"))
    if not has_cue and weak and m.key[:3] in _GIVEN_PREFIX and _given_name(m):
        return False  # 'القيادي محمد صالح', 'أبو بكر البغدادي'
    if c.source == "geonames" and c.country not in REGION_COUNTRIES \
            and (c.prior < 1.0 or len(m.key) <= 3):
        return has_cue or ctx.countries[c.country] > 0  # 'ميل', 'ألم': short world names
    if not weak or backed:  # backed: the capital of a governorate of the same name
        return True
    if has_cue:
        return True
    in_admin1 = bool(c.admin1) and ctx.admin1[(c.country, c.admin1)] > 0
    return in_admin1 or (ctx.country_share(c.country) >= 0.5 and len(m.key) >= 5 and not m.proclitic.strip("ال"))


_GIVEN_PREFIX = {g[:3] for g in _GIVEN}


def _given_name(m: RawMention) -> bool:
    first = m.key
    return any(first.startswith(g) and (len(first) == len(g) or m.ntok > 1) for g in _GIVEN
               if len(g) >= 2)


def _precision(c: PlaceRecord, m: RawMention) -> int:
    if any(k in ("rural", "near") for k in m.cues):
        return 2
    if c.feature in POINT_FEATURES:
        return 1
    if c.feature == "admin2":
        return 2
    return 3


def _place(doc: Document, m: RawMention, c: PlaceRecord, precision: int, score: float,
           *, include_cue: bool = True) -> Place:
    start = m.cue_start if include_cue and m.cue_start is not None else m.name_start
    s, e = doc.norm.to_original(start, m.end)
    feature = EVENT_FEATURE.get(c.feature, c.feature)
    if m.cues and m.cues[0] in _SITE_CUES and c.feature in POINT_FEATURES:
        feature = _SITE_CUES[m.cues[0]]  # 'محطة مياه الجنينة': a facility at that place
    return Place(name=c.name, name_ar=c.name_ar, feature=feature,
                 admin1=c.admin1 or None, admin2=c.admin2 or None, country=c.country,
                 lat=c.lat, lon=c.lon, geo_precision=precision, gazetteer_id=c.id,
                 text=doc.text[s:e], start=s, end=e, score=round(score, 3))


class Anchors:
    """Points of unambiguous settlements in the document, each with the mention starts
    that name it, in a grid so a proximity query looks only at the cells around it."""

    __slots__ = ("grid",)

    def __init__(self, found: list[tuple[int, float, float]]) -> None:
        starts: dict[tuple[float, float], set[int]] = {}
        for start, lat, lon in found:
            at = starts.setdefault((lat, lon), set())
            if len(at) < 2:  # two distinct starts are enough to answer "another mention"
                at.add(start)
        self.grid = PointGrid(sorted((lat, lon, frozenset(ss)) for (lat, lon), ss in starts.items()))

    def near(self, lat: float, lon: float, km: float, besides: int) -> bool:
        """Is a point named by a mention other than the one at ``besides`` within ``km``?"""
        dlat = lat_reach(km)  # a cheap test before the distance
        for plat, plon, starts in self.grid.around(lat, lon, km):
            if abs(plat - lat) <= dlat and (len(starts) > 1 or besides not in starts) \
                    and distance_km(lat, lon, plat, plon) <= km:
                return True
        return False


def _anchors(cands, ctx: Context) -> Anchors:
    """Points of unambiguous settlements in the document."""
    out = []
    for m, cs in cands:
        if cs and m.key not in common_words() and cs[0].feature in ("city", "town", "admin2") \
                and cs[0].prior >= 0.55 and cs[0].has_point:
            rival = next((c for c in cs[1:] if c.country != cs[0].country), None)
            if rival is None or rival.prior < cs[0].prior - 0.3:
                out.append((m.start, cs[0].lat, cs[0].lon))
    return Anchors(out)


def _near(c: PlaceRecord, anchors: Anchors, m: RawMention, km: float = 40.0) -> float:
    """A weak candidate near another place of the document gains (الخانق برداع)."""
    if c.prior >= 0.75 or not c.has_point:
        return 0.0
    return 0.5 if anchors.near(c.lat, c.lon, km, m.start) else 0.0


def _far_weak(c: PlaceRecord, m: RawMention, ctx: Context, anchors) -> bool:
    if c.prior >= 0.75 or not m.cues or m.cues[0] not in NAMING_KINDS or not c.has_point:
        return False
    if ctx.admin1[(c.country, c.admin1)] > 0 or _near(c, anchors, m):
        return False
    if m.cues[0] in ("front", "sector") and any(
            w > 0 for (iso, _), w in ctx.admin1.items() if iso == c.country):
        return True  # 'جبهة قانية' in an article about Al Bayda: not the village in Saada
    return ctx.country_share(c.country) < 0.5


def _candidates(gaz: Gazetteer, m: RawMention) -> list[PlaceRecord]:
    """The places a mention may be (cached per key pair and gazetteer: names repeat)."""
    if not m.known:
        return []
    cache = gaz.candidates
    got = cache.get((m.key, m.alt_key))
    if got is None:
        if len(cache) > 1 << 15:
            cache.clear()
        got = cache[(m.key, m.alt_key)] = tuple(_namesakes(gaz, m.key, m.alt_key))
    return list(got)


def _namesakes(gaz: Gazetteer, key: str, alt_key: str | None) -> list[PlaceRecord]:
    out = gaz.lookup_key(key)
    if alt_key:
        seen = {c.id for c in out}
        out = sorted(out + [c for c in gaz.lookup_key(alt_key) if c.id not in seen],
                     key=lambda p: (-p.prior, p.id))
    if len(out) > 1:  # 'موسكو': a small world namesake of a far larger city is not meant
        big = max(c.population for c in out)
        out = [c for c in out if not (c.source == "geonames" and c.country not in REGION_COUNTRIES
                                      and c.population * 5 < big)]
    return out


def geocode_document(doc: Document, gaz: Gazetteer | None = None) -> list[Place]:
    gaz = gaz or default_gazetteer()
    text = doc.keytext
    skip = [(doc.norm.from_original(r.start), doc.norm.from_original(r.end)) for r in doc.removed]
    raw = find_mentions(text, gaz, skip)
    title_end = doc.norm.from_original(doc.title_span.end) if doc.title_span else -1
    cands = [(m, _candidates(gaz, m)) for m in raw]
    ctx = _doc_context(doc, cands, title_end)
    anchors = _anchors(cands, ctx)
    actor_spans = sorted((a.start, a.end) for a in (doc.actors or ()) if a.end > a.start)
    places: list[Place | None] = []
    prev_weak_end = -10
    last_place_tok, last_place_end = -10, 0
    for m, cs in cands:
        if not m.known:
            places.append(None)
            continue
        prev_weak = prev_weak_end == m.tok_index - 1
        mctx = ctx.without(m)
        all_weak = all(c.prior < 0.75 for c in cs)  # proximity only decides among villages
        scored = sorted(((_score(c, m, mctx) + (_near(c, anchors, m) if all_weak else 0.0), c)
                         for c in cs), key=lambda x: (-x[0], x[1].id))
        best_s, best = scored[0]
        backed = False
        if m.cues and m.cues[0] == "admin1":  # 'محافظة X': the admin1 row when there is one
            adm = [x for x in scored if x[1].feature == "admin1"]
            if adm:
                best_s, best = adm[0]
        elif m.cues and m.cues[0] in AREA_CUES:  # 'جبهة صعدة': the area, not the town
            adm = [x for x in scored if x[1].feature in ("admin1", "admin2", "region")]
            if adm and adm[0][0] >= best_s - 0.6:
                best_s, best = adm[0]
                backed = True
        elif best.feature == "admin1" and (not m.cues or m.cues[0] != "region"):
            # a bare governorate name that is also its capital's name means the city
            towns = [x for x in scored if x[1].feature in ("city", "town") and
                     x[1].country == best.country and x[1].admin1 == best.admin1]
            if towns:
                best_s, best = towns[0]
                backed = True
        if (best.feature not in STRONG_FEATURES or best.prior < 0.75) and not backed \
                and m.key not in common_words():
            prev_weak_end = m.tok_index  # (single-token mentions: a name is a run of weak words)
        # 'والرقة', 'صيدا، الطيبة، الجيزة': the next item of a list of places
        in_list = (m.proclitic.startswith("و")
                   or (m.prev_gap.strip() in ("،", ",", "-") and m.key not in common_words())) \
            and last_place_tok == m.tok_index - 1 and not text[last_place_end:m.start].strip(" ،,-") \
            and mctx.admin1[(best.country, best.admin1)] > 0
        if _in_actor(doc, m, actor_spans) or not _acceptable(best, m, mctx, prev_weak, in_list,
                                                              backed, gaz):
            places.append(None)
            continue
        if _far_weak(best, m, mctx, anchors):
            # a cue-introduced village known only in another governorate: treat the name
            # as unknown and place it by the area named after it (قرية X شرقي مديرية Y)
            m.known = False
            places.append(None)
            continue
        last_place_tok, last_place_end = m.tok_index + m.ntok - 1, m.end
        second = scored[1][0] if len(scored) > 1 else 0.0
        conf = min(1.0, 0.5 + (best_s - second) / 2) if second else 0.9
        place = _place(doc, m, best, _precision(best, m), conf)
        if m.cues and m.cues[0] in ("admin1", "region") and best.feature in ("city", "town") \
                and not best.admin1:
            # 'إقليم هكاري' where the sources know only the city (outside the focus countries):
            # the province named after it, placed at its capital
            place = dataclasses.replace(place, feature="governorate", admin1=best.name,
                                        geo_precision=3)
        places.append(place)
    # unknown names after cues: the admin area of the next resolved place
    for idx, (m, _) in enumerate(cands):
        if m.known:
            continue
        ref = _reference_after(cands, places, idx)
        if ref is None:
            continue
        adm = gaz.admin1_record(ref.country, ref.admin1) if ref.admin1 else None
        area = adm or gaz.get(ref.gazetteer_id)
        s, e = doc.norm.to_original(m.cue_start if m.cue_start is not None else m.start, m.end)
        n0, n1 = doc.norm.to_original(m.name_start, m.end)
        places[idx] = Place(name=None, name_ar=doc.text[n0:n1],
                            feature=_UNKNOWN_FEATURE.get(m.cues[0], m.cues[0]),
                            admin1=ref.admin1, admin2=None, country=ref.country,
                            lat=area.lat if area else ref.lat, lon=area.lon if area else ref.lon,
                            geo_precision=2, gazetteer_id=None, text=doc.text[s:e], start=s, end=e,
                            score=0.5)
    return [p for p in places if p is not None]


_ORG_HEADS = {key(w) for w in "حكومة حكومه فيلق جيش قوات سلطة سلطه نظام ولاية ولايه مجلس".split()}


def _in_actor(doc: Document, m: RawMention, spans) -> bool:
    """The name is part of a longer actor name (قوات سوريا الديمقراطية, فيلق القدس,
    حكومة دمشق): inside the actor's span, not after a preposition, and either followed
    by more of the name or right after an organisation head word."""
    if not spans or m.proclitic or m.prev_word in _PREPS:
        return False
    s, e = doc.norm.to_original(m.name_start, m.end)
    # actor mentions never overlap, so only the last one starting before s can hold it
    k = bisect.bisect_left(spans, (s,)) - 1
    if k >= 0 and spans[k][1] >= e:
        return e < spans[k][1] or m.prev_word in _ORG_HEADS
    return False


_SITE_CUES = {"facility": "facility", "airport": "facility", "base": "base", "crossing": "crossing"}
_UNKNOWN_FEATURE = {"camp": "village", "airport": "facility", "admin2": "district"}


def _reference_after(cands, places, idx: int, window: int = 8) -> Place | None:
    """The first resolved place within ``window`` tokens after mention ``idx``."""
    m = cands[idx][0]
    for j in range(idx + 1, len(cands)):
        if cands[j][0].tok_index - m.tok_index > window:
            break
        p = places[j]
        if p is not None and p.country and p.feature != "country":
            return p
    return None


@stage("geocode", requires=("norm", "keytext", "removed", "title_span"), assigns=("places",),
       optional=("actors",))
def geocode(doc: Document, config: Config) -> Document:
    doc.places = geocode_document(doc)
    return doc


# ------------------------------------------------------------------ helpers for callers

_FIELDS = ("text", "start", "end", "name", "name_ar", "feature", "admin1", "admin2", "country",
           "lat", "lon", "geo_precision", "gazetteer_id", "score")


def geoparse(doc: Document) -> list[dict]:
    """Every place mention of a segmented document, as plain dicts (``rasad geoparse``)."""
    places = doc.places if doc.places else geocode_document(doc)
    return [{f: getattr(p, f) for f in _FIELDS} for p in places]


def best_place(doc: Document, start: int, end: int) -> Place | None:
    """The most specific place mentioned inside ``[start, end)``, else the nearest one
    before it in the same stretch of text (original offsets)."""
    inside = [p for p in doc.places if p.start >= start and p.end <= end]
    if inside:
        return min(inside, key=lambda p: (p.geo_precision or 9, -(p.score or 0), p.start))
    before = [p for p in doc.places if p.end <= start]
    return max(before, key=lambda p: p.end) if before else None


def focus_place(doc: Document, places: list[Place] | None = None) -> Place | None:
    """The document's main place: the most mentioned, title mentions counting double;
    countries and broad regions count less than governorates, districts and towns.
    ``places`` defaults to ``doc.places`` (the event stage passes its filtered list)."""
    places = doc.places if places is None else places
    if not places:
        return None
    score: dict[str, float] = {}
    first: dict[str, Place] = {}
    title_end = doc.title_span.end if doc.title_span else -1
    for p in places:
        ident = p.gazetteer_id or p.name or p.text
        weight = 0.3 if p.feature in ("country", "region") else 1.0
        score[ident] = score.get(ident, 0) + weight * (2 if p.end <= title_end else 1)
        first.setdefault(ident, p)
    return first[max(score, key=lambda k: score[k])]
