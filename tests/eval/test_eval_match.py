"""The §4 comparison rules in isolation."""
import pytest

from rasad.eval.match import (
    TextKey, actor_correct, actor_names, date_value, haversine_km, jaccard,
    location_correct, overlaps, place_key, text_key,
)


def k(s):
    return TextKey.of(s)


def test_text_key_normalises_both_sides():
    assert text_key("قـصفت  قوّات الأمن إلى") == text_key("قصفت قوات الامن الي")
    assert text_key("القـ.ـوات") == text_key("القوات")
    assert text_key("United States") == text_key("united   states")


def test_containment_either_way():
    assert overlaps(k("قصف مدفعي"), k("قصف مدفعي على كفرنبل"))
    assert overlaps(k("قصف مدفعي على كفرنبل اليوم"), k("قصف مدفعي على كفرنبل"))


def test_jaccard_threshold_is_inclusive():
    assert jaccard(frozenset("abc"), frozenset("abd")) == 0.5
    assert overlaps(k("قصف قوات النظام"), k("قصف قوات المعارضة"))  # 2/4
    assert not overlaps(k("قصف قوات النظام"), k("قصف طيران روسي"))  # 1/5


def test_words_ignore_glued_punctuation():
    a = k("اشتباكات بين (قسد) وداعش، في دير")
    assert a.words == frozenset({"اشتباكات", "بين", "قسد", "وداعش", "في", "دير"})


def test_empty_evidence_overlaps_nothing():
    assert not overlaps(k(""), k("قصف"))
    assert not overlaps(k(None), k("قصف"))
    assert not overlaps(k("   "), k("قصف"))


def test_haversine_known_distance():
    # one degree of latitude is about 111.2 km
    assert haversine_km(35.0, 40.0, 36.0, 40.0) == pytest.approx(111.2, abs=0.2)
    assert haversine_km(35.0, 40.0, 35.0, 40.0) == 0.0


def test_location_point_rule():
    gold = {"lat": 35.61, "lon": 36.56, "admin1": "Idlib", "country": "SYR"}
    assert location_correct(gold, {"lat": 35.70, "lon": 36.56})  # ~10 km
    assert not location_correct(gold, {"lat": 36.06, "lon": 36.56})  # ~50 km
    assert not location_correct(gold, {"lat": None, "lon": None, "admin1": "Idlib", "country": "SYR"})
    assert not location_correct(gold, None)


def test_location_admin1_fallback():
    gold = {"lat": None, "lon": None, "admin1": "Al-Hasakah", "country": "SYR"}
    assert location_correct(gold, {"admin1": "al hasakah", "country": "syr"})
    assert location_correct(gold, {"admin1": "Hasakah Governorate", "country": "SYR"})
    assert not location_correct(gold, {"admin1": "Raqqa", "country": "SYR"})
    assert not location_correct(gold, {"admin1": "Al-Hasakah", "country": "IRQ"})
    assert not location_correct(gold, {"admin1": "Hasaka", "country": "SYR"})  # spelling differs
    region = {"lat": None, "lon": None, "admin1": None, "country": "IRQ"}
    assert location_correct(region, {"admin1": None, "country": "IRQ", "lat": 33.0, "lon": 44.0})
    assert not location_correct(region, {"admin1": "Baghdad", "country": "IRQ"})


def test_place_key():
    assert place_key("Deir ez-Zor") == place_key("deir ez zor") == "deirezzor"
    assert place_key("Deir ez-Zor") != place_key("Deir al-Zor")
    assert place_key(None) is None


def test_date_value():
    assert date_value({"value": "2018-05-10", "precision": "day"}) == "2018-05-10"
    assert date_value({"value": "2018-05-10T21:00", "precision": "day"}) == "2018-05-10"
    assert date_value({"value": None}) is None
    assert date_value(None) is None


def test_actor_rule():
    names = actor_names({"name": "Syrian government forces", "aliases": ["قوات النظام", "الجيش السوري"]})
    assert actor_correct(names, {"text": "قوّات النظام"})
    assert actor_correct(names, {"name": "Syrian Government Forces"})
    assert actor_correct(names, {"name_ar": "الجيش السوري", "name": "x"})
    assert actor_correct(names, {"id": "syrian government forces"})
    assert not actor_correct(names, {"text": "النظام"})  # exact normalised equality only
    assert not actor_correct(names, {"text": "وقوات النظام"})
    assert not actor_correct(names, None)
    assert actor_names(None) == frozenset()
