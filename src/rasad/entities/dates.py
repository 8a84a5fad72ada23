"""Time expressions: absolute dates (Gregorian month names of the Levant, Egypt/Gulf and
the Maghreb; Hijri dates), years, numeric dates, weekdays and relative dates.

``find_times`` is a pure function over a :class:`~rasad.text.normalize.MappedText`; the
``dates`` stage stores its result in ``doc.times``. Word lists are data files under
``resources/entities/`` (``months.json``, ``weekdays.json``, ``time_of_day.json``,
``relative_dates.json``).

Resolution rules:

- Relative expressions (``يوم الأحد``, ``أمس``, ``الشهر الماضي``, ``شهر آب الجاري``) resolve
  against the publication date only; without one their value stays ``None``.
  A weekday is the most recent such day on or before publication (the publication day
  counts); ``الأحد الماضي`` is strictly before it, ``الأحد المقبل`` strictly after.
- A day and month without a year take the publication year, or the year before when
  that would put the date more than seven days after publication; no publication date,
  no value. A month without a year follows the same rule with the month's first day.
- ``relative`` is true whenever the value depends on the publication date.
- ``الأسبوع الماضي``: value is the day seven days before publication, precision ``week``.
- Hijri dates are converted with ``hijridate``; a Hijri month with a year and no day gives
  the Gregorian month holding its 15th day; a Hijri year alone has no Gregorian value.
- ``ليلة الأحد`` is read as Sunday, night (as news reports use it).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from hijridate import Gregorian, Hijri

from rasad import resources
from rasad.config import Config
from rasad.entities.numbers import (
    Tok, adjacent, analyses, clitic_skip, key_of, key_tokens, lookup, match_phrase, phrase_table,
)
from rasad.pipeline import stage
from rasad.schema import Document, TimeExpr
from rasad.text.normalize import MappedText, match_key

log = logging.getLogger(__name__)

_YEAR_RE = re.compile(r"^(\d{4})(م|ه)?$")
_DAY_RE = re.compile(r"^[وفبل]?(\d{1,2})$")
_NUMERIC_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/-]|\.\d)")
_NUMERIC_YMD = re.compile(r"(?<![\d/.-])(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?![\d/-])")


@cache
def _cal() -> dict[str, Any]:
    months = resources.load_json("entities", "months.json")
    week = resources.load_json("entities", "weekdays.json")
    tod = resources.load_json("entities", "time_of_day.json")
    rel = resources.load_json("entities", "relative_dates.json")
    ambiguous = {key_of(w) for w in months["ambiguous"]}
    month_table: dict[tuple[str, ...], tuple[str, int, bool]] = {}
    for cal in ("gregorian", "hijri"):
        for num, names in months[cal].items():
            for name in names:
                k = tuple(key_of(name).split())
                month_table.setdefault(k, (cal, int(num), key_of(name) in ambiguous))
    adjectives = {key_of(w): kind for kind, ws in rel["adjectives"].items() for w in ws}
    out: dict[str, Any] = {
        "months": month_table,
        "month_cues": {key_of(w) for w in months["month_cues"]},
        "year_cues": {key_of(w) for w in months["year_cues"]},
        "year_words": {key_of(w): True for w in months["year_words"]},
        "greg_era": {key_of(w) for w in months["gregorian_era"]},
        "hijri_era": {key_of(w) for w in months["hijri_era"]},
        "weekdays": {key_of(w): n for w, n in week["weekdays"].items()},
        "number_before": {key_of(w) for w in week["number_before"]},
        "day_cues": {key_of(w): True for w in week["day_cues"]},
        "tod_before": {tuple(key_of(w).split()): v for w, v in tod["before"].items()},
        "tod_after": {key_of(w): v for w, v in tod["after"].items()},
        "relative": {tuple(key_of(w).split()): tuple(v) for w, v in rel["phrases"].items()},
        "blockers": {key_of(w) for w in rel["today_blockers_after"]},
        "adjectives": adjectives,
        "from": phrase_table(["من"]),
        "agree": phrase_table(["الموافق", "الموافق ل", "موافق"]),
    }
    out["first_words"] = (
        {k[0] for t in ("tod_before", "relative", "months") for k in out[t]}
        | set(out["day_cues"]) | set(out["year_words"]) | out["month_cues"]
        | {"ال" + w for w in out["weekdays"]}
    )
    return out


@dataclass(frozen=True, slots=True)
class _Hit:
    end: int  # token index after the expression
    value: str | None
    precision: str
    relative: bool
    tod: str | None = None


# ---------------------------------------------------------------- date arithmetic

def parse_published(published: str | None) -> date | None:
    """The publication day of an ISO date or datetime string, or ``None``."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        log.warning("unreadable publication date %r: relative dates stay unresolved", published)
        return None


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _hijri(y: int, m: int, d: int) -> date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def _day_no_year(cal: str, m: int, d: int, pub: date | None) -> date | None:
    """Day and month without a year: the publication year, or the year before."""
    if pub is None:
        return None
    if cal == "hijri":
        hy = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
        got = _hijri(hy, m, d)
        return _hijri(hy - 1, m, d) if got is not None and got > pub + timedelta(days=7) else got
    got = _safe_date(pub.year, m, d)
    if got is not None and got > pub + timedelta(days=7):
        got = _safe_date(pub.year - 1, m, d)
    return got


def _month_no_year(m: int, pub: date | None, adjective: str | None) -> str | None:
    if pub is None:
        return None
    if adjective == "past":
        return _ym(pub.year if m < pub.month else pub.year - 1, m)
    if adjective == "next":
        return _ym(pub.year if m > pub.month else pub.year + 1, m)
    y = pub.year - 1 if date(pub.year, m, 1) > pub + timedelta(days=7) else pub.year
    return _ym(y, m)


def _hijri_month_no_year(m: int, pub: date | None, adjective: str | None) -> str | None:
    """``شهر رمضان``: the Hijri year of publication (same rules as Gregorian months)."""
    if pub is None:
        return None
    h = Gregorian(pub.year, pub.month, pub.day).to_hijri()
    if adjective == "past":
        y = h.year if m < h.month else h.year - 1
    elif adjective == "next":
        y = h.year if m > h.month else h.year + 1
    else:
        first = _hijri(h.year, m, 1)
        y = h.year - 1 if first is not None and first > pub + timedelta(days=7) else h.year
    mid = _hijri(y, m, 15)
    return None if mid is None else _ym(mid.year, mid.month)


def _weekday(wd: int, pub: date | None, adjective: str | None) -> str | None:
    if pub is None:
        return None
    if adjective == "next":
        return _iso(pub + timedelta(days=(wd - pub.weekday()) % 7 or 7))
    back = (pub.weekday() - wd) % 7
    if adjective == "past" and back == 0:
        back = 7
    return _iso(pub - timedelta(days=back))


def _relative_value(unit: str, offset: int, pub: date | None) -> tuple[str | None, str]:
    precision = unit
    if pub is None:
        return None, precision
    if unit == "day":
        return _iso(pub + timedelta(days=offset)), precision
    if unit == "week":
        return _iso(pub + timedelta(days=7 * offset)), precision
    if unit == "month":
        return _ym(*_shift_month(pub.year, pub.month, offset)), precision
    return f"{pub.year + offset:04d}", precision


# ---------------------------------------------------------------- the scanner

class _Scanner:
    def __init__(self, mapped: MappedText, pub: date | None):
        self.mapped = mapped
        self.pub = pub
        self.keytext = match_key(mapped.text)
        self.toks: list[Tok] = key_tokens(self.keytext)
        self.c = _cal()
        self.numeric = self._numeric_dates()

    # -- small readers
    def adj(self, i: int, j: int) -> bool:
        return j <= len(self.toks) and adjacent(self.toks, i, j, self.keytext)

    def stem_in(self, i: int, table: dict | set, *, article: bool = True) -> Any:
        if i >= len(self.toks):
            return None
        hit = lookup(self.toks[i].text, table if isinstance(table, dict) else dict.fromkeys(table, True),
                     article=article, min_stem=2)
        return None if hit is None else hit[1]

    def phrase(self, i: int, table: dict) -> tuple[int, str, Any] | None:
        if i >= len(self.toks):
            return None
        return match_phrase(self.toks, i, table, self.keytext)

    def gap(self, i: int) -> str:
        """Characters between token ``i - 1`` and token ``i``, spaces removed."""
        return "".join(self.keytext[self.toks[i - 1].end:self.toks[i].start].split())

    def _numeric_dates(self) -> dict[int, _Hit]:
        out: dict[int, _Hit] = {}
        starts = {t.start: k for k, t in enumerate(self.toks)}
        for rx, order in ((_NUMERIC_DMY, "dmy"), (_NUMERIC_YMD, "ymd")):
            for m in rx.finditer(self.keytext):
                a, b = int(m[1]), int(m[3])
                y, mo, d = (int(m[4]), b, a) if order == "dmy" else (a, b, int(m[4]))
                got = _safe_date(y, mo, d)
                k = starts.get(m.start())
                if got is None or k is None or not 1900 <= y <= 2100:
                    continue
                end = next((j + 1 for j in range(k, len(self.toks)) if self.toks[j].end >= m.end()), k + 1)
                out[k] = _Hit(end, got.isoformat(), "day", False)
        return out

    # -- expressions
    def year_token(self, k: int) -> tuple[int, int, str | None] | None:
        """``(end, year, era)`` of a year at token ``k``: ``2015``, ``2015م``, ``1439 هـ``."""
        m = _YEAR_RE.match(self.toks[k].text) if k < len(self.toks) else None
        if m is None:
            return None
        end, era = k + 1, m[2]
        if era is None and end < len(self.toks) and self.adj(k, end + 1):
            word = self.toks[end].text
            if word in self.c["hijri_era"] or word in self.c["greg_era"]:
                era, end = ("ه" if word in self.c["hijri_era"] else "م"), end + 1
        return end, int(m[1]), era

    def year_at(self, i: int) -> _Hit | None:
        """``عام 2015``, ``2015م``, ``منذ 2015``, ``عام 1439 هـ``."""
        k = i + 1 if self.stem_in(i, self.c["year_words"]) and self.adj(i, i + 2) else i
        yt = self.year_token(k)
        if yt is None:
            return None
        end, year, era = yt
        if not (k > i or era is not None or (i > 0 and self.stem_in(i - 1, self.c["year_cues"]))):
            return None
        if era == "ه" or (era is None and year < 1600):
            return _Hit(end, None, "year", False) if 1300 <= year <= 1600 else None
        return _Hit(end, f"{year:04d}", "year", False) if 1800 <= year <= 2100 else None

    def month_at(self, i: int) -> tuple[int, str, int, bool] | None:
        hit = self.phrase(i, self.c["months"])
        if hit is None or (hit[1] and "ال" in hit[1]):
            return None
        n, _, (cal, m, ambiguous) = hit
        return i + n, cal, m, ambiguous

    def absolute_at(self, i: int) -> _Hit | None:
        if i in self.numeric:
            return self.numeric[i]
        toks, k, day, cue = self.toks, i, None, False
        dm = _DAY_RE.match(toks[i].text) if i < len(toks) else None
        if dm and 1 <= int(dm[1]) <= 31:
            day, k = int(dm[1]), i + 1
            if self.phrase(k, self.c["from"]) and self.adj(k, k + 1):
                k += 1
            rel = self.phrase(k, self.c["relative"])
            if rel is not None and rel[2][0] == "month" and self.adj(i, k + rel[0]):
                value, _ = _relative_value("month", rel[2][1], self.pub)
                if value is not None:
                    value = _iso(_safe_date(int(value[:4]), int(value[5:]), day))
                return _Hit(k + rel[0], value, "day", True)
        if self.stem_in(k, self.c["month_cues"]) and self.adj(i, k + 1):
            k, cue = k + 1, True
        month = self.month_at(k) if self.adj(i, k + 1) else None
        if month is None:
            return None
        end, cal, m, ambiguous = month
        # an alternative name: تموز/يوليو, تموز (يوليو), أغسطس/ آب
        if end < len(toks) and self.gap(end) in ("/", "(", "-", "،(") :
            alt = self.month_at(end)
            if alt is not None and alt[2] == m:
                end = alt[0]
        year, era, adjective, rel_year = self._after_month(end)
        if year is not None:
            end = year[0]
        elif adjective is not None:
            end = adjective[0]
        elif rel_year is not None:
            end = rel_year[0]
        if ambiguous and day is None and not cue and end == month[0]:
            return None
        if cal == "hijri" and day is None and not cue and year is None and adjective is None:
            return None
        return self._absolute_value(end, cal, m, day, year, era, adjective, rel_year)

    def _after_month(self, end: int):
        """What follows a month name: a year (``2018``, ``عام 2018``, ``من العام الماضي``) or an adjective."""
        year = era = adjective = rel_year = None
        k = end
        if end < len(self.toks) and self.gap(end) in ("", ")", "،"):
            if self.phrase(k, self.c["from"]) and self.adj(k, k + 2):
                k += 1
            rel = self.phrase(k, self.c["relative"])
            if rel is not None and rel[2][0] == "year":
                rel_year = (k + rel[0], rel[2][1])
            kind = self.c["adjectives"].get(self.toks[end].text)
            if kind is not None and k == end:
                adjective = (end + 1, kind)
            if self.stem_in(k, self.c["year_words"]):
                k += 1
            yt = self.year_token(k) if self.adj(k - 1, k + 1) or k == end else None
            if yt is not None:
                year, era = (yt[0], yt[1]), yt[2]
        return year, era, adjective, rel_year

    def _absolute_value(self, end, cal, m, day, year, era, adjective, rel_year) -> _Hit:
        pub = self.pub
        if year is not None:
            y = year[1]
            if cal == "hijri":
                if not 1300 <= y <= 1600:
                    return _Hit(end, None, "day" if day else "month", False)
                if day is not None:
                    return _Hit(end, _iso(_hijri(y, m, day)), "day", False)
                mid = _hijri(y, m, 15)
                return _Hit(end, None if mid is None else _ym(mid.year, mid.month), "month", False)
            if not 1800 <= y <= 2100 or era == "ه":
                return _Hit(end, None, "day" if day else "month", False)
            if day is not None:
                return _Hit(end, _iso(_safe_date(y, m, day)), "day", False)
            return _Hit(end, _ym(y, m), "month", False)
        if rel_year is not None and cal == "gregorian":
            y = None if pub is None else pub.year + rel_year[1]
            if day is not None:
                return _Hit(end, None if y is None else _iso(_safe_date(y, m, day)), "day", True)
            return _Hit(end, None if y is None else _ym(y, m), "month", True)
        if day is not None:
            return _Hit(end, _iso(_day_no_year(cal, m, day, pub)), "day", True)
        if cal == "hijri":
            return _Hit(end, _hijri_month_no_year(m, pub, adjective[1] if adjective else None), "month", True)
        return _Hit(end, _month_no_year(m, pub, adjective[1] if adjective else None), "month", True)

    def weekday_at(self, i: int, cued: bool) -> _Hit | None:
        k = i
        if self.stem_in(i, self.c["day_cues"]) and self.adj(i, i + 2):
            k, cued = i + 1, True
        if k >= len(self.toks):
            return None
        wd = self._weekday_name(k)
        if wd is None:
            return None
        end = k + 1
        kind = self.c["adjectives"].get(self.toks[end].text) if end < len(self.toks) and self.adj(k, end + 1) else None
        if kind is not None:
            end += 1
        if k > 0 and not cued and self.toks[k - 1].text in self.c["number_before"]:
            return None  # بين الاثنين: the two
        nxt = self._weekday_name(end) if self.adj(end - 1, end + 1) else None
        if kind is None and nxt == (wd + 1) % 7:
            end += 1  # ليل الاثنين الثلاثاء: the night between them, dated by the first day
        hit = _Hit(end, _weekday(wd, self.pub, kind), "day", True)
        return self._merge_following_date(hit)

    def _weekday_name(self, k: int) -> int | None:
        if k >= len(self.toks):
            return None
        for pre, stem in analyses(self.toks[k].text, min_stem=3):
            if stem in self.c["weekdays"] and pre.endswith(("ال", "لل")):
                return self.c["weekdays"][stem]
        return None

    def _merge_following_date(self, hit: _Hit) -> _Hit:
        """``يوم الأحد 31 آب 2025``, ``الأحد الموافق 10 تموز``: the absolute date wins."""
        k = hit.end
        if k >= len(self.toks) or self.gap(k) not in ("", "،", "(", ",", "-"):
            return hit
        agree = self.phrase(k, self.c["agree"])
        if agree is not None and self.adj(k, k + agree[0] + 1):
            k += agree[0]
        absolute = self.absolute_at(k)
        if absolute is None or absolute.precision != "day":
            return hit
        return replace(absolute, tod=hit.tod)

    def relative_at(self, i: int) -> _Hit | None:
        hit = self.phrase(i, self.c["relative"])
        if hit is None:
            return None
        n, _, spec = hit
        unit, offset = spec[0], spec[1]
        end = i + n
        if n == 1 and unit == "day" and offset == 0 and end < len(self.toks) and self.adj(i, end + 1):
            if self.toks[end].text in self.c["blockers"]:
                return None  # اليوم التالي, اليوم العالمي
            after = self.weekday_at(end, True)
            if after is not None:
                end = after.end  # اليوم الأحد
        value, precision = _relative_value(unit, offset, self.pub)
        return _Hit(end, value, precision, True, spec[2] if len(spec) > 2 else None)

    def core_at(self, i: int, cued: bool) -> _Hit | None:
        return self.relative_at(i) or self.weekday_at(i, cued) or self.absolute_at(i)

    def expression_at(self, i: int) -> tuple[int, _Hit] | None:
        """``(first token, hit)`` at token ``i``, with a part of the day before or after."""
        tod = None
        core = None
        hit = self.phrase(i, self.c["tod_before"])
        if hit is not None and self.adj(i, i + hit[0] + 1):
            core = self.core_at(i + hit[0], True)
            if core is not None:
                tod = hit[2]
        if core is None:
            core = self.core_at(i, False) or self.year_at(i)
        if core is None:
            return None
        e = core.end
        if e < len(self.toks) and self.adj(e - 1, e + 1) and core.precision == "day":
            after = self.c["tod_after"].get(self.toks[e].text)
            if after is not None:
                tod, core = after, replace(core, end=e + 1)
        return i, replace(core, tod=tod or core.tod)

    def run(self) -> list[TimeExpr]:
        out: list[TimeExpr] = []
        i = 0
        while i < len(self.toks):
            found = self.expression_at(i)
            if found is None:
                i += 1
                continue
            first, hit = found
            skip = self._lead_skip(first)
            s, e = self.mapped.to_original(self.toks[first].start + skip, self.toks[hit.end - 1].end)
            while e < len(self.mapped.original) and self.mapped.original[e] == "\u0640":
                e += 1  # the tatweel of هـ belongs to the expression
            out.append(TimeExpr(self.mapped.original[s:e], s, e, hit.value, hit.precision, hit.tod, hit.relative))
            i = hit.end
        return out

    def _lead_skip(self, i: int) -> int:
        """Conjunctions and prepositions on the first word stay out of the span (ومساء -> مساء)."""
        for pre, stem in analyses(self.toks[i].text, min_stem=2):
            if stem in self.c["first_words"] or stem.isdigit():
                return clitic_skip(pre)
        return 0


def find_times(mapped: MappedText, published: str | None) -> list[TimeExpr]:
    """Time expressions of ``mapped`` with original offsets, resolved against ``published``."""
    return _Scanner(mapped, parse_published(published)).run()


@stage("dates", requires=("segment",), assigns=("times",))
def dates(doc: Document, config: Config) -> Document:
    """Time expressions outside removed boilerplate, resolved against ``doc.published``."""
    found = find_times(doc.norm, doc.published)
    doc.times = [t for t in found if not any(r.start < t.end and t.start < r.end for r in doc.removed)]
    return doc
