"""The packaged Arabic gazetteer: places looked up by a normalised Arabic key.

The file ``resources/gazetteer/gazetteer.sqlite`` is built by ``scripts/build_gazetteer.py``
from Who's On First, OCHA (Iraq), Open-Syria, GeoNames and a curated, cited override
file (see ``resources/gazetteer/ATTRIBUTION.md``). Keys are
:func:`rasad.text.normalize.compact_key` of every Arabic name and alias, so lookups ignore
spaces, a leading article and hamza/alef/yeh variants (``دير الزور`` = ``ديرالزور``,
``جنينة`` = ``الجنينة``).
"""
from __future__ import annotations

import logging
from bisect import bisect_left
import sqlite3
from dataclasses import dataclass
from functools import cache, lru_cache

from rasad import resources
from rasad.geo.geometry import haversine_km
from rasad.text.normalize import compact_key

log = logging.getLogger(__name__)

FEATURES = ("country", "admin1", "admin2", "city", "town", "village", "neighbourhood",
            "facility", "crossing", "base", "region")


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    id: str
    name: str
    name_ar: str
    feature: str
    admin1: str
    admin2: str
    country: str
    lat: float | None
    lon: float | None
    population: int
    source: str
    prior: float

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


class Gazetteer:
    """All name keys in memory; the places of a key read on demand (and kept)."""

    def __init__(self, path: str | None = None) -> None:
        self.path = str(path or resources.path("gazetteer", "gazetteer.sqlite"))
        # check_same_thread=False: the gazetteer is read-only and shared per process.
        self._con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                    check_same_thread=False)
        # all name keys, sorted, stored as one value by the build script: one read, not a
        # row per name; the rows of a key are read when the key is first looked up
        self._sorted = self._con.execute("SELECT v FROM meta WHERE k = 'keys'").fetchone()[0].split("\n")
        self._keys = frozenset(self._sorted)
        self._rows: dict[int, PlaceRecord] = {}
        self._by_key: dict[str, tuple[PlaceRecord, ...]] = {}
        self.has_prefix = lru_cache(maxsize=1 << 15)(self._has_prefix)
        self.word_starts: dict[str, tuple] = {}  # for rasad.geo.mentions: readings per word
        self.candidates: dict[tuple, tuple] = {}  # for rasad.geo.geocode: per mention key
        self._admin1: dict[tuple[str, str], PlaceRecord | None] = {}
        log.debug("gazetteer %s: %d keys", self.path, len(self._keys))

    # ---------------------------------------------------------------- lookups

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def has_key(self, key: str) -> bool:
        """Is ``key`` (already a compact key) a known name?"""
        return key in self._keys

    def _has_prefix(self, prefix: str) -> bool:
        """Does some key start with ``prefix``? (Binary search over the sorted keys; the
        instance's ``has_prefix`` is this behind an LRU cache: words repeat.)"""
        keys = self._sorted
        i = bisect_left(keys, prefix)
        return i < len(keys) and keys[i].startswith(prefix)

    def lookup(self, name: str) -> list[PlaceRecord]:
        """Places called ``name`` (any spelling the key unifies), best prior first."""
        return self.lookup_key(compact_key(name))

    def lookup_key(self, key: str) -> list[PlaceRecord]:
        got = self._by_key.get(key)
        if got is None:  # sorted once per key: news names the same places again and again
            rids = self._con.execute("SELECT rid FROM names WHERE key = ?", (key,)).fetchall() \
                if key in self._keys else ()
            recs = [self._row(r) for (r,) in rids]
            recs.sort(key=lambda p: (-p.prior, p.id))
            got = self._by_key[key] = tuple(recs)
        return list(got)

    def get(self, place_id: str) -> PlaceRecord | None:
        row = self._con.execute("SELECT rid FROM places WHERE id = ?", (place_id,)).fetchone()
        return self._row(row[0]) if row else None

    def admin1_record(self, country: str, admin1: str) -> PlaceRecord | None:
        """The admin1 area called ``admin1`` (English, as in ``PlaceRecord.admin1``)."""
        k = (country, admin1)
        if k not in self._admin1:
            row = self._con.execute(
                "SELECT rid FROM places WHERE feature='admin1' AND country=? AND admin1=? "
                "ORDER BY prior DESC, id LIMIT 1", (country, admin1)).fetchone()
            self._admin1[k] = self._row(row[0]) if row else None
        return self._admin1[k]

    def country_record(self, iso3: str) -> PlaceRecord | None:
        return self.get(f"country:{iso3}")

    def _row(self, rid: int) -> PlaceRecord:
        rec = self._rows.get(rid)
        if rec is None:
            r = self._con.execute(
                "SELECT id, name, name_ar, feature, admin1, admin2, country, lat, lon, "
                "population, source, prior FROM places WHERE rid=?", (rid,)).fetchone()
            rec = PlaceRecord(*r)
            self._rows[rid] = rec
        return rec

    def __len__(self) -> int:
        return self._con.execute("SELECT COUNT(*) FROM places").fetchone()[0]


@cache
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return Gazetteer()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (:func:`rasad.geo.geometry.haversine_km`)."""
    return haversine_km(lat1, lon1, lat2, lon2)
