"""The geocode stage: mentions, context disambiguation, cues, regions, helpers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.config import load_config
from rasad.geo.gazetteer import distance_km
from rasad.geo.geocode import best_place, focus_place, geocode_document, geoparse
from rasad.pipeline import Pipeline, registered
from rasad.schema import Document
from tests.conftest import SHARED

SEED = SHARED / "seed/000_307b6d8156389d2c.txt"
NEWS = SHARED / "data/news/ant_conflict_2018_dev.jsonl"
GOLD = Path(__file__).parent / "data" / "places_news.jsonl"


@pytest.fixture(scope="module")
def pipe():
    return Pipeline.from_config(load_config().with_pipeline(["clean", "segment"]))


def places(pipe, text, **kw):
    doc = pipe(Document(id="t", text=text, **kw))
    return doc, geocode_document(doc)


def find(ps, surface):
    hits = [p for p in ps if surface in p.text]
    assert hits, f"{surface} not found in {[p.text for p in ps]}"
    return hits[0]


def test_stage_is_registered():
    st = registered()["geocode"]
    assert st.assigns == ("places",) and "keytext" in st.requires and "actors" in st.optional


def test_offsets_are_original_and_clitics_tolerated(pipe):
    text = "قصفت الطائرات مواقع في ديرالزور وبالرقة أمس."
    doc, ps = places(pipe, text)
    for p in ps:
        assert doc.text[p.start:p.end] == p.text
    raqqa = find(ps, "الرقة")
    assert raqqa.country == "SYR" and raqqa.admin1 == "Raqqa"
    dz = find(ps, "ديرالزور")
    assert distance_km(dz.lat, dz.lon, 35.33, 40.14) < 30


def test_context_picks_the_syrian_village_not_el_geneina(pipe):
    text = ("تعزيزات عسكرية في مقاطعة ديرالزور. وهاجم مسلحون محطة مياه الجنينة بريف ديرالزور "
            "قرب البوكمال.")
    _, ps = places(pipe, text)
    j = find(ps, "الجنينة")
    assert j.country == "SYR" and j.admin1 == "Deir ez-Zor"
    assert distance_km(j.lat, j.lon, 35.38, 40.03) < 30


def test_geneina_in_a_darfur_article(pipe):
    _, ps = places(pipe, "اشتباكات في مدينة الجنينة عاصمة ولاية غرب دارفور في السودان.")
    assert find(ps, "الجنينة").country == "SDN"


def test_tripoli_is_libya_unless_lebanon(pipe):
    _, ps = places(pipe, "وصل المبعوث الأممي إلى طرابلس لإجراء محادثات.")
    assert find(ps, "طرابلس").country == "LBY"
    _, ps = places(pipe, "قتل جندي من الجيش اللبناني في اشتباكات بطرابلس شمال لبنان.")
    assert find(ps, "طرابلس").country == "LBN"


def test_unknown_village_takes_the_governorate_after_it(pipe):
    _, ps = places(pipe, "قصفت القوات قرية زمزوكة بريف مقاطعة ديرالزور الشرقي.")
    v = find(ps, "زمزوكة")
    assert v.admin1 == "Deir ez-Zor" and v.country == "SYR" and v.geo_precision == 2
    assert v.lat is not None and v.gazetteer_id is None


def test_regions_resolve_with_precision_three(pipe):
    _, ps = places(pipe, "انسحبت القوات من وسط العراق إلى شمال وشرق سوريا والبادية السورية.")
    for surface, iso in (("وسط العراق", "IRQ"), ("شمال وشرق سوريا", "SYR"), ("البادية السورية", "SYR")):
        p = find(ps, surface)
        assert p.feature == "region" and p.country == iso and p.geo_precision == 3


def test_common_words_and_person_names_are_not_places(pipe):
    text = "أعلن الجنرال مظلوم عبدي مقتل عشرات العناصر على خط الجبهة، وقال إن الحكومة السورية ستعقد اجتماعا."
    _, ps = places(pipe, text)
    surfaces = {p.text for p in ps}
    assert not surfaces & {"مظلوم", "عبدي", "مقتل", "على", "السورية"}


def test_removed_regions_are_skipped(pipe):
    text = "غارات على إدلب اليوم.\nاقرأ أيضا: أخبار حلب"
    doc = pipe(Document(id="t", text=text))
    from rasad.schema import Removed
    cut = text.index("اقرأ")
    doc.removed = [Removed(cut, len(text), text[cut:], "test")]
    ps = geocode_document(doc)
    assert all(p.start < cut for p in ps)


def test_geoparse_and_helpers(pipe):
    text = "سوريا: قصف على بلدة حرستا في الغوطة الشرقية قرب دمشق. ونزح سكان حرستا."
    doc = pipe(Document(id="t", text=text))
    rows = geoparse(doc)
    assert rows and set(rows[0]) == {"text", "start", "end", "name", "name_ar", "feature", "admin1",
                                     "admin2", "country", "lat", "lon", "geo_precision",
                                     "gazetteer_id", "score"}
    doc.places = geocode_document(doc)
    s = text.index("قصف")
    bp = best_place(doc, s, text.index("."))
    assert bp is not None and bp.geo_precision == 1 and "حرستا" in bp.text
    assert "حرستا" in focus_place(doc).text


def test_seed_places(pipe):
    doc = pipe(Document(id="seed", text=SEED.read_text(encoding="utf-8")))
    ps = geocode_document(doc)
    want = {"ديرالزور": (35.33, 40.14, "SYR"), "الحسكة": (36.5, 40.75, "SYR"),
            "الرقة": (35.95, 39.0, "SYR"), "الطبقة": (35.84, 38.55, "SYR"),
            "البوكمال": (34.45, 40.92, "SYR"), "غرانيج": (34.78, 40.71, "SYR"),
            "الجنينة": (35.38, 40.03, "SYR"), "قاعدة حرير": (36.53, 44.34, "IRQ"),
            "معبر الوليد": (37.1, 42.36, "SYR"), "إقليم كردستان العراق": (36.19, 44.01, "IRQ")}
    for surface, (lat, lon, iso) in want.items():
        p = find(ps, surface)
        assert p.country == iso, surface
        assert distance_km(p.lat, p.lon, lat, lon) < 30, surface
    assert find(ps, "قاعدة حرير").admin1 == "Erbil"


def test_place_test_set_is_well_formed():
    rows = [json.loads(l) for l in GOLD.read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(rows) >= 150
    dev = SHARED / "gold/dev-articles.jsonl"
    if dev.exists():
        dev_ids = {json.loads(l)["id"] for l in dev.read_text(encoding="utf-8").splitlines() if l.strip()}
        assert not {r["doc_id"] for r in rows} & dev_ids
    for r in rows:
        assert {"doc_id", "text", "start", "end", "name", "country", "lat", "lon"} <= set(r)


def test_place_test_set_scores():
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "eval_places", Path(__file__).resolve().parents[2] / "scripts" / "eval_places.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gold = [json.loads(l) for l in GOLD.read_text(encoding="utf-8").splitlines() if l.strip()]
    res = mod.evaluate(gold, mod.load_articles(NEWS, {g["doc_id"] for g in gold}))
    assert res["correct_km"] >= 0.90
    assert res["correct_country"] >= 0.97
