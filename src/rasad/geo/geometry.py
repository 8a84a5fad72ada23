"""Distance and "same place": one owner for both document-level merging and incidents.

Works on anything with the place attributes of :class:`~rasad.schema.Place` (``lat``,
``lon``, ``geo_precision``, ``admin1``, ``admin2``, ``country``, optionally ``feature`` and
``gazetteer_id``): gazetteer places and stored event rows alike.

:func:`relation` grades two places; callers choose how close is close enough. Inside one
article two named places are two sites (Nasib and Daraa, 12 km apart, are two incidents),
so document merging asks for ``same``; different outlets geocode one incident to
neighbouring villages, so cross-document incidents accept ``near``.
"""
from __future__ import annotations

import math
from typing import Any

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
SAME_KM = 3.0  # two named places this close are one site
NEAR_KM = 25.0  # two places this close (or in one admin2) may be one incident's reports

# Relations, from closest to farthest.
SAME, NEAR, CONTAINS, UNKNOWN = "same", "near", "contains", "unknown"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def km_between(a: Any, b: Any) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _coarse(p: Any) -> bool:
    """Known only as a governorate, region or country (ACLED precision 3)."""
    return (p.geo_precision or 3) >= 3


def contains(coarse: Any, fine: Any) -> bool:
    """Does the coarser place hold the finer one (same country and, below country level,
    same admin1)?"""
    if coarse.country is None or coarse.country != fine.country:
        return False
    if not coarse.admin1:  # a country, or a region across governorates
        return getattr(coarse, "feature", None) in (None, "country", "region")
    return coarse.admin1 == fine.admin1


def relation(a: Any, b: Any) -> str | None:
    """``same``, ``near``, ``contains`` (one side is coarse and holds the other),
    ``unknown`` (a side has no country) or None (different places)."""
    gid_a, gid_b = getattr(a, "gazetteer_id", None), getattr(b, "gazetteer_id", None)
    if gid_a and gid_a == gid_b:
        return SAME
    if a.country is None or b.country is None:
        return UNKNOWN
    if a.country != b.country:
        return None
    d = km_between(a, b)
    precise_a, precise_b = (a.geo_precision or 3) == 1, (b.geo_precision or 3) == 1
    if precise_a and precise_b:
        if d is not None and d <= SAME_KM:
            return SAME
        if (d is not None and d <= NEAR_KM) or (a.admin2 and a.admin2 == b.admin2):
            return NEAR
        return None
    if _coarse(a) or _coarse(b):
        coarse, fine = (a, b) if (a.geo_precision or 3) >= (b.geo_precision or 3) else (b, a)
        if _coarse(fine):  # both coarse: compatible unless two different governorates
            return CONTAINS if not (a.admin1 and b.admin1 and a.admin1 != b.admin1) else None
        if contains(coarse, fine):
            return CONTAINS
    elif (a.admin1 and a.admin1 == b.admin1) and ((a.geo_precision or 3) == 2
                                                   or (b.geo_precision or 3) == 2):
        return CONTAINS  # a district (ريف درعا) and a place in its governorate
    if d is not None and d <= NEAR_KM:
        return NEAR
    if a.admin2 and a.admin2 == b.admin2:
        return NEAR
    return None


def same_place(a: Any, b: Any) -> bool:
    """Could two mentions in one article be the site of one incident? Named places must
    coincide; a district, governorate, region or country holds the places inside it."""
    rel = relation(a, b)
    precise = (a.geo_precision or 3) == 1 and (b.geo_precision or 3) == 1
    return rel in (SAME, CONTAINS) or (rel == NEAR and not precise)


def lat_reach(km: float) -> float:
    """Degrees of latitude beyond which two points are surely more than ``km`` apart
    (d >= R * dlat; with a margin for rounding)."""
    return math.degrees(km / EARTH_RADIUS_KM) * 1.01


class PointGrid:
    """Points in cells of ``cell`` degrees, for "is any point within km?" in time that does
    not grow with the number of points far away (a document naming hundreds of places).

    :meth:`around` gives every point that may lie within ``km`` (a superset: callers
    measure the distance); its box is conservative for :func:`haversine_km`. Up to
    ``SMALL`` points it gives them all: a scan is cheaper than the cells."""

    SMALL = 32
    __slots__ = ("cell", "cells", "points")

    def __init__(self, points: list[tuple[float, float, Any]], cell: float = 0.5) -> None:
        self.cell = cell
        self.points = points
        self.cells: dict[tuple[int, int], list[tuple[float, float, Any]]] = {}
        if len(points) > self.SMALL:
            for p in points:
                self.cells.setdefault((self._row(p[0]), self._col(p[1])), []).append(p)

    def _row(self, lat: float) -> int:
        return math.floor(lat / self.cell)

    def _col(self, lon: float) -> int:
        n = round(360 / self.cell)  # longitudes wrap at the antimeridian
        return (math.floor(lon / self.cell) + n // 2) % n - n // 2

    def around(self, lat: float, lon: float, km: float) -> list[tuple[float, float, Any]]:
        if not self.cells:
            return self.points
        dlat = lat_reach(km)
        top = min(90.0, max(abs(lat - dlat), abs(lat + dlat)))
        # haversine: sin(d / 2R) >= cos(lat1) cos(lat2) ... >= c * sin(dlon / 2), c = cos(top)
        c, s = math.cos(math.radians(top)), math.sin(km / (2 * EARTH_RADIUS_KM))
        if c <= 2 * s:  # near a pole, or km of continental size: every longitude
            return [p for p in self.points if abs(p[0] - lat) <= dlat]
        dlon = math.degrees(2 * math.asin(s / c)) * 1.01
        first, last = math.floor((lon - dlon) / self.cell), math.floor((lon + dlon) / self.cell)
        cols = {self._col((k + 0.5) * self.cell) for k in range(first, last + 1)}
        out: list[tuple[float, float, Any]] = []
        for row in range(self._row(lat - dlat), self._row(lat + dlat) + 1):
            for col in cols:
                out.extend(self.cells.get((row, col), ()))
        return out
