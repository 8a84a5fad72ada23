"""Candidate place mentions in a document: gazetteer names and cue-introduced names.

Works on ``doc.keytext`` (normalised, letter-unified, same length as ``doc.norm.text``);
offsets here are into that text and are mapped back to the original by the caller.
A gazetteer hit must start at a word start after a legal proclitic string
(``و``, ``ب``, ``وب``, ``لل``, ``بال`` ...) and end at a word end; the longest hit wins.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

from rasad import resources
from rasad.entities.wordmatch import key_tokens
from rasad.geo.gazetteer import Gazetteer
from rasad.text.normalize import key, strip_article
from rasad.text.segment import Token, split_clitics
from rasad.text.spans import SpanSet

MAX_TOKENS = 6

# cue word (matching key) -> kind. Kinds: the feature the cue announces, or
# 'rural'/'near' (the place is a reference point: geo_precision 2).
_CUES = {
    "قرية": "village", "قري": "village", "بلدة": "town", "بلدات": "town", "مدينة": "city",
    # duals name two places: 'مدينتي السقيلبية والشيخ حديد', 'مديريتي الجراحي والتحيتا'
    "قريتي": "village", "بلدتي": "town", "مدينتي": "city", "مديريتي": "admin2",
    "محافظتي": "admin1", "ناحيتي": "admin2", "منطقتي": "area",
    "حي": "neighbourhood", "احياء": "neighbourhood", "ريف": "rural", "ارياف": "rural",
    "محافظة": "admin1", "مقاطعة": "admin1", "ولاية": "admin1", "اقليم": "region",
    "مخيم": "camp", "معبر": "crossing", "قاعدة": "base", "مطار": "airport",
    "ناحية": "admin2", "مديرية": "admin2", "قضاء": "admin2", "منطقة": "area",
    "محيط": "near", "اطراف": "near", "قرب": "near", "ضواحي": "near", "مشارف": "near",
    "شرق": "near", "غرب": "near", "شمال": "near", "جنوب": "near", "شرقي": "near",
    "غربي": "near", "شمالي": "near", "جنوبي": "near", "جنوب شرق": "near",
    "شمال شرق": "near", "جنوب غرب": "near", "شمال غرب": "near", "جنوب شرقي": "near",
    "شمال شرقي": "near", "جنوب غربي": "near", "شمال غربي": "near", "محطة مياه": "facility",
    "محطة": "facility", "ميناء": "facility",
    "جبل": "area", "جبال": "area", "وادي": "area", "سهل": "area",
    # fronts and sectors (جبهة صرواح, محور كتاف, قطاع غزة): the next word is an area
    "جبهة": "front", "محور": "front", "قطاع": "sector",
}
# Cues after which an unknown word is taken as a place name.
NAMING_KINDS = {"village", "town", "city", "neighbourhood", "camp", "crossing", "base",
                "airport", "admin2", "facility", "front", "sector"}
# Cues after which an unknown word is a place only when it does not look like an adjective
# or an ordinary noun (منطقة عسكرية, جبهة القتال, قطاع الطرق).
GUARDED_KINDS = {"front", "sector", "area"}
# First words of compound names: the next word belongs to the name (بيت لهيا, تل رفعت).
_COMPOUND_HEADS = {key(w) for w in (
    "بيت تل عين كفر دير ابو أبو خربة جسر رأس راس أم ام بني بئر بير جبل وادي مزرعة سيدي عرب "
    "قصر تلة حزم حصن ذي دار").split()}
# Words that cannot be (the start of) a place name after a cue.
_NOT_NAME = {key(w) for w in (
    "في من على علي الى إلى عن مع التي الذي اللذين الذين التابعة التابع الواقعة الواقع "
    "المجاورة القريبة الحدودية الاستراتيجية العسكرية الجوية الرئيسية رئيسية سكني السكني "
    "المحاصرة المحاصر المحررة الخاضعة خاضعة تسيطر يسيطر التي ذات نفسها ذاتها هذه هذا تلك "
    "ذلك أخرى اخري أخرى الأخرى الاخري كبيرة صغيرة واحدة عدة عدد بعد قبل حيث او أو ثم "
    "الساحلية الصناعية التجارية القديمة الجديدة الشمالي الجنوبي الشرقي الغربي الشمالية "
    "الجنوبية الشرقية الغربية المذكورة نفسه ذاته للنازحين النازحين اللاجئين للاجئين "
    "مدني المدني العام الدولي الدولية العسكري المركزي عسكرية عسكري جوية جوي حدودي حدودية "
    "المدينة البلدة القرية المنطقة المحافظة تحت فوق بين عند خلال ضد دون حول").split()}
# Words after جبهة/محور/قطاع/منطقة that name no place: organisations (جبهة النصرة), the
# front line itself, economic sectors, political axes.
_NOT_AREA = {key(w) for w in (
    "النصرة فتح تحرير الإنقاذ الانقاذ التحرير المقاومة الممانعة الشر القتال الحرب المواجهة "
    "المواجهات الطرق الطرقات الصحة التعليم النفط الطاقة الكهرباء الاتصالات الخدمات الاقتصاد "
    "الأمن الامن الإعلام الاعلام العمل الشعبية الوطنية الإسلامية الاسلامية الديمقراطية "
    "العازلة عازلة آمنة امنة عمليات العمليات نفوذ النفوذ خفض الخاص العام الخاصة جديدة "
    "واسعة الداخلية الخارجية الشمالية الجنوبية الشرقية الغربية الوسطى").split()}
# The word after these particles is a verb (لم تنف, لن تمر), never a place.
_VERB_PARTICLES = {key(w) for w in "لم لن قد سوف لكي كي".split()}


_GLUE = {key(w) for w in "أن ان إن لا ما لم لن قد كما حتى".split()}
# Adjectives that end many known names (الساحل الغربي, الغوطة الشرقية, القلمون الشرقي):
# a known multi-word name may continue with them, an unknown one may not.
_NAME_ADJ = {key(w) for w in (
    "الشمالي الجنوبي الشرقي الغربي الشمالية الجنوبية الشرقية الغربية الجديدة القديمة "
    "الكبرى الصغرى الكبير الصغير").split()}
_STOP_CONT = _NOT_NAME - _NAME_ADJ


@cache
def cue_table() -> dict[str, str]:
    return {key(k): v for k, v in _CUES.items()}


@cache
def common_words() -> frozenset[str]:
    return frozenset(resources.read_lines("gazetteer", "common_words.txt"))


@dataclass(slots=True)
class RawMention:
    start: int  # offsets into keytext
    end: int
    key: str
    name_start: int  # where the name itself starts (after proclitics and cue)
    cues: list[str] = field(default_factory=list)  # cue kinds, nearest first
    cue_start: int | None = None
    proclitic: str = ""
    known: bool = True
    tok_index: int = 0
    prev_word: str = ""  # the token before the mention (keytext), for title/name checks
    article: bool = False  # the surface name carried an article the key dropped
    ntok: int = 1
    alt_key: str | None = None  # 'قرية القصر': also the places called 'القصر' (cue + name)
    prev_gap: str = " "  # the characters between the previous token and the mention


def _between_ok(text: str, a: Token, b: Token) -> bool:
    """Two tokens may join in one name when only spaces (or a hyphen) separate them."""
    gap = text[a.end:b.start]
    return len(gap) <= 2 and not gap.strip(" -\u00a0")  # (every character one of these)


@lru_cache(maxsize=65536)
def _stem_analyses(word: str) -> tuple[tuple[str, str], ...]:
    """``(proclitics, stem)`` for the first word of a candidate, literal first (cached:
    news words repeat)."""
    out = []
    for pre, stem, suf in split_clitics(word):
        if suf or pre.endswith("س"):  # the future prefix belongs to verbs, not names
            continue
        out.append((pre, stem))
    return tuple(out)


def _cue_at(toks: list[Token], i: int) -> tuple[str | None, int]:
    """Cue kind ending at token ``i`` (one- or two-word cue), and its first token index."""
    if i < 0:
        return None, i
    kind, back = _cue_words(toks[i - 1].text if i >= 1 else None, toks[i].text)
    return kind, i - back


class _Toks(list):
    """A document's tokens with what the matcher asks of each token again and again,
    computed once: the cue ending there and whether it joins the next token in a name."""

    def __init__(self, text: str, toks: list):
        super().__init__(toks)
        self.text = text
        self._cue: dict[int, tuple[str | None, int]] = {}
        self._join: dict[int, bool] = {}

    def cue(self, i: int) -> tuple[str | None, int]:
        got = self._cue.get(i)
        if got is None:
            got = self._cue[i] = _cue_at(self, i)
        return got

    def joined(self, i: int) -> bool:
        """Do tokens ``i`` and ``i + 1`` join (:func:`_between_ok`)?"""
        got = self._join.get(i)
        if got is None:
            got = self._join[i] = _between_ok(self.text, self[i], self[i + 1])
        return got


def _cue_words(prev: str | None, word: str) -> tuple[str | None, int]:
    """:func:`_cue_at` on the words themselves: (kind, 1 for a two-word cue). Only the
    second word of a two-word cue needs the word before it; the rest is cached per word
    (word pairs are too many to cache)."""
    if prev is not None and word in _cue_second_words():
        table = cue_table()
        for pre, stem in _stem_analyses(prev):
            two = f"{stem} {word}"
            if two in table and "ال" not in pre:
                return table[two], 1
    return _one_word_cue(word)


@lru_cache(maxsize=1 << 16)
def _one_word_cue(word: str) -> tuple[str | None, int]:
    table = cue_table()
    for pre, stem in _stem_analyses(word):
        if stem in table and "ال" not in pre and not pre.endswith("لل"):
            return table[stem], 0
    return None, 0


@cache
def _cue_second_words() -> frozenset[str]:
    """Last words of the two-word cues (a stem has no space, so a two-word key splits once)."""
    return frozenset(k.split(" ", 1)[1] for k in cue_table() if " " in k)


def find_mentions(text: str, gaz: Gazetteer, skip: Sequence[tuple[int, int]] = ()) -> list[RawMention]:
    """Gazetteer and cue mentions in ``text`` (a keytext), left to right, non-overlapping."""
    all_toks = key_tokens(text)  # shared with the other stages that read the key text
    if skip:
        removed = SpanSet(skip)
        all_toks = [t for t in all_toks if not removed.covers(t.start)]
    toks = _Toks(text, all_toks)
    out: list[RawMention] = []
    starts = gaz.word_starts  # (_name_readings' cache, read inline: this runs per token)
    i = 0
    while i < len(toks):
        if i and toks[i - 1].text in _VERB_PARTICLES:
            i += 1  # 'لم تنف': a verb
            continue
        word = toks[i].text
        readings = starts.get(word)
        if readings is None:
            readings = _name_readings(word, gaz)
        if not readings and (i == 0 or toks.cue(i - 1)[0] is None):
            i += 1  # no name starts here and no cue ends before it (most tokens): no mention
            continue
        hit = _longest_hit(text, toks, i, gaz)
        if (hit is None or hit[0] - i < 2) and _is_cue_word(toks, i):
            i += 1  # a cue introduces the next word; it is not a place itself
            continue
        cues, cue_start = _cues_before(text, toks, i)
        if hit is not None and cues and cues[0] in GUARDED_KINDS and toks[i].text in _NOT_AREA:
            i = hit[0]  # 'جبهة النصرة', 'قطاع الطرق': no place
            continue
        if hit is not None:
            j, pre, k, article = hit
            alt = None
            if j - i >= 2 and toks.cue(i)[0] in NAMING_KINDS and toks.cue(i)[1] == i:
                rest = _longest_hit(text, toks, i + 1, gaz)
                if rest is not None and rest[0] == j:
                    alt = k  # a name that starts with its cue: match the rest, keep both
                    i, (j, pre, k, article) = i + 1, rest
                    cues, cue_start = _cues_before(text, toks, i)
            name_start = toks[i].start + len(pre) - (2 if pre.endswith("لل") else 0)
            name_start = max(name_start, toks[i].start)
            out.append(RawMention(toks[i].start, toks[j - 1].end, k, name_start, cues, cue_start,
                                  pre, True, i, toks[i - 1].text if i else "", article, j - i, alt,
                                  text[toks[i - 1].end:toks[i].start] if i else "\n"))
            i = j
            continue
        if cues and (cues[0] in NAMING_KINDS or cues[0] in GUARDED_KINDS):
            m = _unknown_name(text, toks, i, gaz, guarded=cues[0] in GUARDED_KINDS,
                              area=cues[0] == "area")
            if m is not None:
                j, k = m
                out.append(RawMention(toks[i].start, toks[j - 1].end, k, toks[i].start, cues,
                                      cue_start, "", False, i, toks[i - 1].text if i else "", False, j - i))
                i = j
                continue
        i += 1
    return out


def _is_cue_word(toks: _Toks, i: int) -> bool:
    """Token ``i`` is a cue (or the first word of a two-word cue) and a word follows."""
    if i + 1 >= len(toks):
        return False
    kind, first = toks.cue(i + 1)
    if kind is not None and first == i:
        return True  # first word of a two-word cue (محطة مياه)
    kind, first = toks.cue(i)
    return kind is not None


class _Reading(NamedTuple):
    """A reading of a word that can start a gazetteer name, with what :func:`_longest_hit`
    asks of it (computed once per word: words repeat, readings that start no name are
    dropped)."""

    pre: str
    key: str  # the one-word key: the stem without its article
    glue_first: bool  # 'من قطع' must not read 'منقطع'
    one_word: bool  # the key alone is a name (and not a common word)
    article: bool  # the surface name carried an article the key dropped


def _name_readings(word: str, gaz: Gazetteer) -> tuple[_Reading, ...]:
    """The readings of ``word`` that can start a name, literal first (cached per word and
    gazetteer: most words start none)."""
    cache = gaz.word_starts
    got = cache.get(word)
    if got is None:
        if len(cache) > 1 << 16:
            cache.clear()
        out = []
        for pre, stem in _stem_analyses(word):
            k = strip_article(stem)
            if gaz.has_prefix(k):
                out.append(_Reading(pre, k, stem in _NOT_NAME or stem in _GLUE,
                                    k not in _NOT_NAME and len(k) >= 2 and gaz.has_key(k),
                                    stem.startswith("ال") or pre.endswith(("ال", "لل"))))
        got = cache[word] = tuple(out)
    return got


def _longest_hit(text: str, toks: _Toks, i: int, gaz: Gazetteer):
    """The longest gazetteer name from token ``i`` on: ``(end token, proclitics, key,
    article)``; a shorter proclitic string wins between names of one length."""
    best = None
    for r in _name_readings(toks[i].text, gaz):
        if r.one_word and _longer(best, i, 1, r.pre):
            best = (i + 1, r.pre, r.key, r.article)
        if r.glue_first:
            continue  # (glued words never continue a name)
        k = r.key
        for n in range(2, MAX_TOKENS + 1):
            if i + n - 1 >= len(toks) or not toks.joined(i + n - 2):
                break
            word = toks[i + n - 1].text
            if word in _STOP_CONT or word in _GLUE:
                break  # 'بعد أن' must not read 'بعدان'
            # the article comes off the first word only: 'ألف يوم' must not read 'الفيوم'
            k += word
            if not gaz.has_prefix(k):
                break  # no name starts so: longer ones cannot match either
            if len(k) >= 2 and gaz.has_key(k) and _longer(best, i, n, r.pre):
                best = (i + n, r.pre, k, r.article)
    return best


def _longer(best, i: int, n: int, pre: str) -> bool:
    """Is a name of ``n`` tokens from ``i`` with proclitics ``pre`` better than ``best``?"""
    return best is None or n > best[0] - i or (n == best[0] - i and len(pre) < len(best[1]))


def _quoted_gap(text: str, a: Token, b: Token) -> bool:
    """A cue and a quoted name: ``منطقة "نصيب"``, ``بلدة «كفرنبل»``."""
    gap = text[a.end:b.start]
    return 0 < len(gap) <= 3 and all(c in " \"«“'\u00a0" for c in gap) and gap.strip() != ""


def _cues_before(text: str, toks: _Toks, i: int) -> tuple[list[str], int | None]:
    """Chain of cues right before token ``i``: ``بريف مقاطعة X`` -> ['admin1', 'rural']."""
    kinds: list[str] = []
    start = None
    j = i - 1
    while j >= 0 and len(kinds) < 3 and (toks.joined(j)
                                         or (j == i - 1 and _quoted_gap(text, toks[j], toks[j + 1]))):
        kind, first = toks.cue(j)
        if kind is None:
            break
        kinds.append(kind)
        start = toks[first].start
        j = first - 1
    return kinds, start


_LATIN = re.compile(r"[A-Za-z0-9]")


def _unknown_name(text: str, toks: _Toks, i: int, gaz: Gazetteer, guarded: bool = False,
                  area: bool = False):
    """An unknown name right after a naming cue: one word, two for compound heads."""
    first = toks[i].text
    if _LATIN.search(first) or first in _NOT_NAME or len(strip_article(first)) < 3:
        return None
    if guarded and (first in _NOT_AREA or strip_article(first) in common_words()):
        return None  # 'جبهة القتال', 'قطاع الطرق'
    if area and not first.startswith("ال") and (first.endswith(("يه", "ه", "ات", "ا"))
                                                 or first.startswith(("ت", "ي"))):
        return None  # 'منطقة عسكرية', 'منطقة تبعد': an adjective or a verb, not a name
    if first.startswith(("و", "ب", "ل", "ف")) and not first.startswith(("ال", "بي", "بئ")):
        # a proclitic here means the name did not start (بلدة وقرية ..)
        for pre, stem in _stem_analyses(first)[1:]:
            if pre in ("و", "ف", "ب", "ل"):
                return None
    j = i + 1
    if (key(strip_article(first)) in _COMPOUND_HEADS or first in _COMPOUND_HEADS) and j < len(toks) \
            and toks.joined(i) and toks[j].text not in _NOT_NAME:
        j += 1
    k = strip_article("".join(t.text for t in toks[i:j]))
    if k in common_words() and j == i + 1:
        return None
    return j, k
