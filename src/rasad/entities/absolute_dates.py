"""Absolute dates and years in a token stream: the base reader of the time scanner.

:class:`DateReader` holds the tokens of one text and reads, at a token index, numeric dates
(``10/7/2018``, ``2018-07-10``), years (``عام 2015``, ``1439 هـ``) and day-month-year dates
with a month name (``10 تموز 2018``, ``15 رمضان``); :class:`rasad.entities.dates.TimeScanner`
adds weekdays, relative dates and parts of the day. Resolution rules: :mod:`rasad.entities.dates`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from rasad.entities.calendar import (
    day_no_year, hijri_date, hijri_month_no_year, iso, month_no_year, relative_value, safe_date,
    year_month,
)
from rasad.entities.time_words import time_words
from rasad.entities.wordmatch import adjacent, key_tokens, lookup, match_phrase
from rasad.text.normalize import MappedText, key_text
from rasad.text.segment import Token


_YEAR_RE = re.compile(r"^(\d{4})(م|ه)?$")
_DAY_RE = re.compile(r"^[وفبل]?(\d{1,2})$")
_NUMERIC_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/-]|\.\d)")
_NUMERIC_YMD = re.compile(r"(?<![\d/.-])(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?![\d/-])")


@dataclass(frozen=True, slots=True)
class Hit:
    end: int  # token index after the expression
    value: str | None
    precision: str
    relative: bool
    tod: str | None = None


class DateReader:
    """Tokens of one text and the readers of absolute dates at a token index."""

    def __init__(self, mapped: MappedText, pub: date | None):
        self.mapped = mapped
        self.pub = pub
        self.keytext = key_text(mapped.text)
        self.toks: list[Token] = key_tokens(self.keytext)
        self.c = time_words()
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

    def _numeric_dates(self) -> dict[int, Hit]:
        out: dict[int, Hit] = {}
        starts = {t.start: k for k, t in enumerate(self.toks)}
        for rx, order in ((_NUMERIC_DMY, "dmy"), (_NUMERIC_YMD, "ymd")):
            for m in rx.finditer(self.keytext):
                a, b = int(m[1]), int(m[3])
                y, mo, d = (int(m[4]), b, a) if order == "dmy" else (a, b, int(m[4]))
                got = safe_date(y, mo, d)
                k = starts.get(m.start())
                if got is None or k is None or not 1900 <= y <= 2100:
                    continue
                end = next((j + 1 for j in range(k, len(self.toks)) if self.toks[j].end >= m.end()), k + 1)
                out[k] = Hit(end, got.isoformat(), "day", False)
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

    def year_at(self, i: int) -> Hit | None:
        """``عام 2015``, ``2015م``, ``منذ 2015``, ``عام 1439 هـ``."""
        k = i + 1 if self.stem_in(i, self.c["year_words"]) and self.adj(i, i + 2) else i
        yt = self.year_token(k)
        if yt is None:
            return None
        end, year, era = yt
        if not (k > i or era is not None or (i > 0 and self.stem_in(i - 1, self.c["year_cues"]))):
            return None
        if era == "ه" or (era is None and year < 1600):
            return Hit(end, None, "year", False) if 1300 <= year <= 1600 else None
        return Hit(end, f"{year:04d}", "year", False) if 1800 <= year <= 2100 else None

    def month_at(self, i: int) -> tuple[int, str, int, bool] | None:
        hit = self.phrase(i, self.c["months"])
        if hit is None or (hit[1] and "ال" in hit[1]):
            return None
        n, _, (cal, m, ambiguous) = hit
        return i + n, cal, m, ambiguous

    def absolute_at(self, i: int) -> Hit | None:
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
                value, _ = relative_value("month", rel[2][1], self.pub)
                if value is not None:
                    value = iso(safe_date(int(value[:4]), int(value[5:]), day))
                return Hit(k + rel[0], value, "day", True)
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

    def _absolute_value(self, end, cal, m, day, year, era, adjective, rel_year) -> Hit:
        pub = self.pub
        if year is not None:
            y = year[1]
            if cal == "hijri":
                if not 1300 <= y <= 1600:
                    return Hit(end, None, "day" if day else "month", False)
                if day is not None:
                    return Hit(end, iso(hijri_date(y, m, day)), "day", False)
                mid = hijri_date(y, m, 15)
                return Hit(end, None if mid is None else year_month(mid.year, mid.month), "month", False)
            if not 1800 <= y <= 2100 or era == "ه":
                return Hit(end, None, "day" if day else "month", False)
            if day is not None:
                return Hit(end, iso(safe_date(y, m, day)), "day", False)
            return Hit(end, year_month(y, m), "month", False)
        if rel_year is not None and cal == "gregorian":
            y = None if pub is None else pub.year + rel_year[1]
            if day is not None:
                return Hit(end, None if y is None else iso(safe_date(y, m, day)), "day", True)
            return Hit(end, None if y is None else year_month(y, m), "month", True)
        if day is not None:
            return Hit(end, iso(day_no_year(cal, m, day, pub)), "day", True)
        if cal == "hijri":
            return Hit(end, hijri_month_no_year(m, pub, adjective[1] if adjective else None), "month", True)
        return Hit(end, month_no_year(m, pub, adjective[1] if adjective else None), "month", True)
