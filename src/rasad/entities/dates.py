"""Time expressions: absolute dates (Gregorian month names of the Levant, Egypt/Gulf and
the Maghreb; Hijri dates), years, numeric dates, weekdays and relative dates.

``find_times`` is a pure function over a :class:`~rasad.text.normalize.MappedText`; the
``dates`` stage stores its result in ``doc.times``. Word lists are data files under
``resources/entities/`` (``months.json``, ``weekdays.json``, ``time_of_day.json``,
``relative_dates.json``), loaded by :mod:`rasad.entities.time_words`. Absolute dates and
years are read by :mod:`rasad.entities.absolute_dates`, the arithmetic below is
:mod:`rasad.entities.calendar`; this module adds weekdays, relative dates, parts of the day
and the scan over a text.

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
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache

from rasad.config import Config
from rasad.entities.absolute_dates import DateReader, Hit
from rasad.entities.calendar import relative_value, weekday_date
from rasad.entities.time_words import time_words
from rasad.entities.wordmatch import analyses, clitic_skip
from rasad.pipeline import stage
from rasad.schema import Document, TimeExpr
from rasad.text.normalize import MappedText
from rasad.text.spans import SpanSet

__all__ = ["TimeScanner", "dates", "find_times", "parse_published"]

log = logging.getLogger(__name__)


def parse_published(published: str | None) -> date | None:
    """The publication day of an ISO date or datetime string, or ``None``."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        log.warning("unreadable publication date %r: relative dates stay unresolved", published)
        return None


class TimeScanner(DateReader):
    """Time expressions of one text: weekdays, relative dates and parts of the day around
    the absolute dates of :class:`DateReader`, scanned left to right, longest first."""

    def weekday_at(self, i: int, cued: bool) -> Hit | None:
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
        hit = Hit(end, weekday_date(wd, self.pub, kind), "day", True)
        return self._merge_following_date(hit)

    def _weekday_name(self, k: int) -> int | None:
        if k >= len(self.toks):
            return None
        for pre, stem in analyses(self.toks[k].text, min_stem=3):
            if stem in self.c["weekdays"] and pre.endswith(("ال", "لل")):
                return self.c["weekdays"][stem]
        return None

    def _merge_following_date(self, hit: Hit) -> Hit:
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

    def relative_at(self, i: int) -> Hit | None:
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
        value, precision = relative_value(unit, offset, self.pub)
        return Hit(end, value, precision, True, spec[2] if len(spec) > 2 else None)

    def core_at(self, i: int, cued: bool) -> Hit | None:
        return self.relative_at(i) or self.weekday_at(i, cued) or self.absolute_at(i)

    def expression_at(self, i: int) -> tuple[int, Hit] | None:
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

    def starts(self) -> list[int]:
        """The tokens where an expression may start, in order. A cheap, exact pre-check:
        every reader of :meth:`expression_at` needs a stem of one of its tables, a number,
        or a numeric date at the token (most tokens have none)."""
        numeric = self.numeric
        return [i for i, t in enumerate(self.toks)
                if i in numeric or t.text[:1].isdigit() or t.text[1:2].isdigit() or _starts_expression(t.text)]

    def run(self) -> list[TimeExpr]:
        out: list[TimeExpr] = []
        i = 0  # the first token not yet inside an expression
        for j in self.starts():
            if j < i:
                continue
            found = self.expression_at(j)
            if found is None:
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


@cache
def _start_stems() -> frozenset[str]:
    """Stems a time expression can start with (see :meth:`TimeScanner.starts`)."""
    c = time_words()
    return frozenset({k[0] for t in ("tod_before", "relative", "months") for k in c[t] if k}
                     | set(c["day_cues"]) | set(c["year_words"]) | set(c["month_cues"])
                     | set(c["weekdays"]))


def find_times(mapped: MappedText, published: str | None) -> list[TimeExpr]:
    """Time expressions of ``mapped`` with original offsets, resolved against ``published``."""
    return TimeScanner(mapped, parse_published(published)).run()


@stage("dates", requires=("norm", "removed"), assigns=("times",))
def dates(doc: Document, config: Config) -> Document:
    """Time expressions outside removed boilerplate, resolved against ``doc.published``, in
    text order."""
    found = find_times(doc.norm, doc.published)
    removed = SpanSet((r.start, r.end) for r in doc.removed)
    doc.times = sorted((t for t in found if not removed.overlaps(t.start, t.end)),
                       key=lambda t: (t.start, t.end))
    return doc


@lru_cache(maxsize=1 << 16)
def _starts_expression(word: str) -> bool:
    """Does a reading of ``word`` start a time expression (a stem of one of the tables)?"""
    starts = _start_stems()
    return any(stem in starts for _, stem in analyses(word, min_stem=2))
