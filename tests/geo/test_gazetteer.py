"""The packaged gazetteer: load time, key normalisation, ranking, curated rows, build."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rasad.geo.gazetteer import FEATURES, default_gazetteer, distance_km
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
DATA = SHARED / "data/gazetteer"


def test_loads_in_a_fresh_process():
    # load time is measured by benchmarks/throughput.py (startup), not asserted here
    code = ("from rasad.geo.gazetteer import default_gazetteer;"
            "print(sorted({p.country for p in default_gazetteer().lookup('دمشق')}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "SYR" in out.stdout


@pytest.mark.parametrize("a,b", [("ديرالزور", "دير الزور"), ("الجنينة", "جنينة"),
                                 ("البوكمال", "البو كمال"), ("إدلب", "ادلب"), ("حماة", "حماه")])
def test_spelling_variants_share_a_key(a, b):
    g = default_gazetteer()
    ids_a = [p.id for p in g.lookup(a)]
    assert ids_a and ids_a == [p.id for p in g.lookup(b)]


def test_ranking_prefers_the_salient_place():
    g = default_gazetteer()
    top = g.lookup("دمشق")[0]
    assert top.country == "SYR" and top.feature in ("city", "admin1")
    assert g.lookup("الموصل")[0].name == "Mosul"


def test_every_place_has_the_required_fields():
    g = default_gazetteer()
    rows = g._con.execute("SELECT id, name_ar, feature, country, lat, lon FROM places").fetchall()
    assert len(rows) > 50_000
    assert {r[2] for r in rows} <= set(FEATURES)
    assert all(r[0] and r[3] for r in rows)
    with_point = sum(1 for r in rows if r[4] is not None and r[5] is not None)
    assert with_point / len(rows) > 0.99


def test_curated_rows_cite_a_source():
    g = default_gazetteer()
    rows = g._con.execute("SELECT id, cite FROM places WHERE source='curated'").fetchall()
    assert len(rows) >= 60
    assert all(c.startswith("curated") for _, c in rows)


def test_curated_points_are_where_the_brief_says():
    g = default_gazetteer()
    harir = g.lookup("قاعدة حرير")[0]
    assert harir.feature == "base" and harir.country == "IRQ" and harir.admin1 == "Erbil"
    assert distance_km(harir.lat, harir.lon, 36.53, 44.34) < 5
    walid = g.lookup("معبر الوليد")[0]
    assert walid.feature == "crossing" and distance_km(walid.lat, walid.lon, 37.1, 42.36) < 5
    region = g.lookup("إقليم كردستان العراق")[0]
    assert region.feature == "region" and region.country == "IRQ"


def test_countries_have_arabic_names():
    g = default_gazetteer()
    n = g._con.execute("SELECT COUNT(*) FROM places WHERE feature='country'").fetchone()[0]
    assert n >= 193
    assert g.lookup("الولايات المتحدة")[0].country == "USA"
    assert g.lookup("السعودية")[0].country == "SAU"


def test_no_gpl_source_in_the_package():
    g = default_gazetteer()
    sources = {r[0] for r in g._con.execute("SELECT DISTINCT source FROM places")}
    assert sources <= {"wof", "ocha", "open_syria", "geonames", "countries", "curated"}


def test_build_is_reproducible(tmp_path):
    digests = []
    for i, seed in enumerate(("1", "2")):
        out = tmp_path / f"g{i}.sqlite"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out", str(out)],
                       check=True, capture_output=True, env=env)
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
        digests.append(hashlib.sha256((tmp_path / "common_words.txt").read_bytes()).hexdigest())
    assert digests[0] == digests[2] and digests[1] == digests[3]
    packaged = ROOT / "src" / "rasad" / "resources" / "gazetteer" / "gazetteer.sqlite"
    assert hashlib.sha256(packaged.read_bytes()).hexdigest() == digests[0]


def test_the_key_list_is_every_key_of_the_names_table():
    g = default_gazetteer()
    keys = [k for (k,) in g._con.execute("SELECT DISTINCT key FROM names ORDER BY key")]
    assert g._sorted == keys  # (bisect on it answers has_prefix)
    assert all(g.has_key(k) for k in keys[::997]) and not g.has_key("زززز")


@pytest.mark.parametrize("query,args", [
    ("SELECT rid FROM places WHERE id = ?", ("country:SYR",)),
    ("SELECT rid FROM places WHERE feature='admin1' AND country=? AND admin1=? "
     "ORDER BY prior DESC, id LIMIT 1", ("SYR", "Aleppo")),
])
def test_lookups_by_id_and_by_admin1_never_scan_the_places_table(query, args):
    # a scan of 73k rows per lookup was 10 % of geocoding time
    plan = " ".join(r[-1] for r in default_gazetteer()._con.execute(f"EXPLAIN QUERY PLAN {query}", args))
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
    assert "SCAN places" not in plan, plan


def test_admin1_and_country_records():
    g = default_gazetteer()
    aleppo = g.admin1_record("SYR", "Aleppo")
    assert aleppo is not None and aleppo.feature == "admin1" and aleppo.country == "SYR"
    assert g.country_record("IRQ").name == "Iraq"
    assert g.get("no-such-id") is None
