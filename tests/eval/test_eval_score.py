"""Pairing and metrics on small hand-written gold (tests/eval/data/gold)."""
from pathlib import Path

import pytest

from rasad.eval import evaluate

GOLD = Path(__file__).parent / "data" / "gold"

A0 = "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي"
A1 = "اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام في ريف حماة الشمالي"
A2 = "اتهمت المعارضة النظام بخرق الهدنة"
A3 = "اعتقلت قوات الأمن خمسة ناشطين في مدينة درعا"
TRAP0 = "توقعات بشن هجوم واسع على إدلب خلال الأيام المقبلة"
TRAP1 = "نفت الشرطة اعتقال أي صحفي"
D_CORE = "قصفت الطائرات الروسية مدينة خان شيخون بالصواريخ فقتلت مدنيين"


def pred(type_, text, doc="a", **kw):
    return {"doc_id": doc, "type": type_, "modality": kw.pop("modality", "asserted"),
            "evidence": {"text": text, "start": 0, "end": 0}, **kw}


def run(preds, doc="a"):
    result = evaluate(GOLD, preds)
    return {d.doc_id: d for d in result.per_doc}[doc], result


def test_exact_match_after_normalisation():
    d, _ = run([pred("ASSAULT", "قـصفت قوات النظام بلدة كفرنبل بريف ادلب الجنوبي")])
    assert [(p.pred, p.gold) for p in d.pairs] == [(0, 0)]
    assert d.matched_core == 1 and d.paired == 1 and d.precision == 1.0
    assert d.core_recall == pytest.approx(1 / 3)


def test_containment_both_directions():
    d, _ = run([pred("ASSAULT", "وقال ناشطون إن " + A0 + " صباح اليوم"),  # contains gold
                pred("ASSAULT", "اشتباكات عنيفة بين فصائل المعارضة وقوات النظام")])  # inside gold
    assert [(p.pred, p.gold) for p in d.pairs] == [(0, 0), (1, 1)]


def test_jaccard_above_and_below_half():
    # 10 shared of 14 words: Jaccard 0.71 -> match
    above = "تجددت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام في ريف حماة الغربي"
    # 4 shared of 16 words: 0.25 -> no match
    below = "قالت مصادر إن اشتباكات وقعت في ريف حماة"
    d, _ = run([pred("ASSAULT", below), pred("ASSAULT", above)])
    assert d.unpaired_preds == [0]
    assert [(p.pred, p.gold) for p in d.pairs] == [(1, 1)]


def test_type_mismatch_does_not_match():
    d, _ = run([pred("PROTEST", A0)])
    assert d.paired == 0 and d.unpaired == 1 and d.precision == 0.0
    assert d.f1 == 0.0


def test_duplicates_count_against_precision():
    d, _ = run([pred("ASSAULT", A0), pred("ASSAULT", "قصف مدفعي على كفرنبل"), pred("ASSAULT", A0)])
    assert d.paired == 1 and d.duplicates == 2 and d.duplicate_preds == [1, 2]
    assert d.precision == pytest.approx(1 / 3)


def test_non_asserted_predictions_are_ignored():
    d, _ = run([pred("ASSAULT", TRAP0, modality="hypothetical"),
                pred("ASSAULT", A0, modality="future")])
    assert d.ignored == 2 and d.predictions == 0
    assert d.trap_violations == 0 and d.paired == 0
    assert d.precision is None and d.core_recall == 0.0 and d.f1 == 0.0


def test_missing_modality_is_asserted():
    p = pred("ASSAULT", A0)
    del p["modality"]
    d, _ = run([p])
    assert d.predictions == 1 and d.matched_core == 1


def test_optional_counts_for_precision_not_recall():
    d, _ = run([pred("ACCUSE", A2)])
    assert d.matched_optional == 1 and d.matched_core == 0
    assert d.precision == 1.0 and d.core_recall == 0.0
    assert d.pairs[0].tier == "optional" and d.pairs[0].checks == {}
    assert d.location.n == 0  # argument checks only on core events


def test_core_first_pairing():
    # the prediction matches the optional event 0 (containment) and the core event 1
    d, _ = run([pred("ASSAULT", D_CORE, doc="d")] * 3, doc="d")
    assert [(p.pred, p.gold, p.tier) for p in d.pairs] == [(0, 1, "core"), (1, 0, "optional")]
    assert d.duplicate_preds == [2]
    assert d.core_recall == 1.0 and d.precision == pytest.approx(2 / 3)


def test_trap_violations():
    d, _ = run([pred("ASSAULT", "وسط " + TRAP0),  # asserted, overlaps the trap
                pred("ASSAULT", TRAP1),  # trap 1 is COERCE: type differs, no violation
                pred("COERCE", TRAP1)])
    assert d.trap_violations == 2
    assert d.trap_hits == [(0, 0), (2, 1)]
    assert d.unpaired == 3


def test_location_checks():
    near = {"lat": 35.70, "lon": 36.56}  # ~10 km from Kafr Nabl
    far = {"lat": 36.06, "lon": 36.56}  # ~50 km
    d, _ = run([pred("ASSAULT", A0, location=near),
                pred("ASSAULT", A1, location={"admin1": "hama", "country": "SYR"}),
                pred("COERCE", A3, location=far)])
    assert [p.checks["location"] for p in d.pairs] == [True, True, False]
    assert (d.location.correct, d.location.n) == (2, 3)
    d, _ = run([pred("ASSAULT", A1, location={"admin1": "Idlib", "country": "SYR"}),
                pred("ACCUSE", A2, location=None)])
    assert (d.location.correct, d.location.n) == (0, 1)  # optional/null-location not scored


def test_date_scored_only_for_day_precision():
    d, _ = run([pred("ASSAULT", A0, date={"value": "2018-05-10", "precision": "day"}),
                pred("ASSAULT", A1, date={"value": "2018-05-10", "precision": "day"}),  # month gold
                pred("COERCE", A3, date={"value": "2018-05-10", "precision": "day"})])  # gold 05-09
    assert [p.checks["date"] for p in d.pairs] == [True, None, False]
    assert (d.date.correct, d.date.n) == (1, 2)
    d, _ = run([pred("ASSAULT", A0, date=None)])
    assert (d.date.correct, d.date.n) == (0, 1)


def test_counts_check():
    d, _ = run([pred("ASSAULT", A0, fatalities=3),
                pred("ASSAULT", A1),  # gold and prediction give no count: not scored
                pred("COERCE", A3, arrested=5, injured=1)])  # injured differs
    assert [p.checks["counts"] for p in d.pairs] == [True, None, False]
    assert (d.counts.correct, d.counts.n) == (1, 2)
    d, _ = run([pred("ASSAULT", A1, fatalities=2)])  # gold has none, prediction gives one
    assert (d.counts.correct, d.counts.n) == (0, 1)
    d, _ = run([pred("ASSAULT", A0, fatalities=None)])  # gold gives 3
    assert (d.counts.correct, d.counts.n) == (0, 1)


def test_actor1_check():
    d, _ = run([pred("ASSAULT", A0, actor1={"id": None, "name": None, "text": "قوات النظام"}),
                pred("ASSAULT", A1, actor1={"name": "Syrian Opposition"}),
                pred("COERCE", A3, actor1={"text": "قوات الأمن"})])  # gold unnamed: not scored
    assert [p.checks["actor1"] for p in d.pairs] == [True, True, None]
    assert (d.actor1.correct, d.actor1.n) == (2, 2)
    d, _ = run([pred("ASSAULT", A0, actor1={"text": "النظام"}), pred("ASSAULT", A1, actor1=None)])
    assert (d.actor1.correct, d.actor1.n) == (0, 2)


def test_missing_and_extra_documents():
    preds = [pred("ASSAULT", A0), pred("PROTEST", "مظاهرة", doc="zzz")]
    result = evaluate(GOLD, preds)
    by = {d.doc_id: d for d in result.per_doc}
    assert [d.doc_id for d in result.per_doc] == ["a", "b", "c", "d"]
    assert by["a"].in_predictions and not by["b"].in_predictions
    assert by["b"].core == 1 and by["b"].matched_core == 0
    assert by["c"].core_recall is None
    assert result.extra_docs == ["zzz"]
    s = result.summary
    assert (s.core, s.matched_core, s.predictions, s.paired) == (5, 1, 1, 1)
    assert s.core_recall == pytest.approx(0.2) and s.precision == 1.0
    assert s.f1 == pytest.approx(2 * 0.2 / 1.2)
    assert any("zzz" in n for n in result.notes)
    assert any("b, c, d" in n for n in result.notes)


def test_micro_average_sums_over_documents():
    preds = [pred("ASSAULT", A0, fatalities=3, date={"value": "2018-05-10"}), pred("ASSAULT", A0),
             pred("PROTEST", "تظاهر المئات في مدينة معرة النعمان ضد النظام", doc="b",
                  date={"value": "2018-05-11"})]
    result = evaluate(GOLD, preds)
    s = result.summary
    assert (s.predictions, s.paired, s.duplicates, s.matched_core) == (3, 2, 1, 2)
    assert s.precision == pytest.approx(2 / 3) and s.core_recall == pytest.approx(2 / 5)
    assert (s.date.correct, s.date.n) == (2, 2)
    assert (s.counts.correct, s.counts.n) == (1, 1)
