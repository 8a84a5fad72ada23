"""Calendar arithmetic for time expressions: dates relative to a publication day, Hijri dates.

Pure functions over :class:`datetime.date`; the rules they implement are listed in
:mod:`rasad.entities.dates`. Values are ISO strings at the precision of the expression:
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``None`` when there is no publication day to
resolve against or the date does not exist.
"""
from __future__ import annotations

from datetime import date, timedelta

from hijridate import Gregorian, Hijri


def iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def year_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def hijri_date(y: int, m: int, d: int) -> date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def day_no_year(cal: str, m: int, d: int, pub: date | None) -> date | None:
    """Day and month without a year: the publication year, or the year before."""
    if pub is None:
        return None
    if cal == "hijri":
        hy = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
        got = hijri_date(hy, m, d)
        return hijri_date(hy - 1, m, d) if got is not None and got > pub + timedelta(days=7) else got
    got = safe_date(pub.year, m, d)
    if got is not None and got > pub + timedelta(days=7):
        got = safe_date(pub.year - 1, m, d)
    return got


def month_no_year(m: int, pub: date | None, adjective: str | None) -> str | None:
    if pub is None:
        return None
    if adjective == "past":
        return year_month(pub.year if m < pub.month else pub.year - 1, m)
    if adjective == "next":
        return year_month(pub.year if m > pub.month else pub.year + 1, m)
    y = pub.year - 1 if date(pub.year, m, 1) > pub + timedelta(days=7) else pub.year
    return year_month(y, m)


def hijri_month_no_year(m: int, pub: date | None, adjective: str | None) -> str | None:
    """``شهر رمضان``: the Hijri year of publication (same rules as Gregorian months)."""
    if pub is None:
        return None
    h = Gregorian(pub.year, pub.month, pub.day).to_hijri()
    if adjective == "past":
        y = h.year if m < h.month else h.year - 1
    elif adjective == "next":
        y = h.year if m > h.month else h.year + 1
    else:
        first = hijri_date(h.year, m, 1)
        y = h.year - 1 if first is not None and first > pub + timedelta(days=7) else h.year
    mid = hijri_date(y, m, 15)
    return None if mid is None else year_month(mid.year, mid.month)


def weekday_date(wd: int, pub: date | None, adjective: str | None) -> str | None:
    if pub is None:
        return None
    if adjective == "next":
        return iso(pub + timedelta(days=(wd - pub.weekday()) % 7 or 7))
    back = (pub.weekday() - wd) % 7
    if adjective == "past" and back == 0:
        back = 7
    return iso(pub - timedelta(days=back))


def relative_value(unit: str, offset: int, pub: date | None) -> tuple[str | None, str]:
    precision = unit
    if pub is None:
        return None, precision
    if unit == "day":
        return iso(pub + timedelta(days=offset)), precision
    if unit == "week":
        return iso(pub + timedelta(days=7 * offset)), precision
    if unit == "month":
        return year_month(*shift_month(pub.year, pub.month, offset)), precision
    return f"{pub.year + offset:04d}", precision
