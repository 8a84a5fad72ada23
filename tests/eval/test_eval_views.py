"""Per-type counts, diagnostics and the sentence view of `rasad eval`."""
from rasad.eval.gold import parse_gold
from rasad.eval.report import format_types
from rasad.eval.score import score

A = "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي"
B = "وقتل ثلاثة مدنيين في القصف على البلدة"
C = "واعتقلت الشرطة خمسة أشخاص في المدينة"
GOLD = {"d": parse_gold({"doc_id": "d", "events": [
    {"tier": "core", "type": "ASSAULT", "mode": "heavy-weapons", "fatalities": 3,
     "evidence": [A, B]},
    {"tier": "core", "type": "COERCE", "arrested": 5, "evidence": [C]}],
    "traps": [{"type": "PROTEST", "evidence": C, "why": "not-conflict"}]}, "d.json")}


def _pred(etype, text, spans=None, **kw):
    out = {"doc_id": "d", "type": etype, "evidence": {"text": text}, **kw}
    if spans:
        out["evidence_spans"] = [{"text": s} for s in spans]
    return out


def test_per_type_precision_and_recall():
    r = score(GOLD, {"d": [_pred("ASSAULT", A, mode="heavy-weapons", fatalities=3),
                           _pred("ASSAULT", B), _pred("PROTEST", C)]})
    assault, protest = r.summary.by_type["ASSAULT"], r.summary.by_type["PROTEST"]
    assert (assault.core, assault.matched_core, assault.duplicates) == (1, 1, 1)
    assert r.summary.by_type["COERCE"].recall == 0.0
    assert protest.trap_violations == 1 and protest.precision == 0.0
    assert r.summary.extra["mode"].accuracy == 1.0 and r.summary.extra["fatalities"].accuracy == 1.0
    table = format_types(r)
    assert "ASSAULT" in table and "sent.P" in table and "diagnostics" in table


def test_the_sentence_view_sees_through_merging():
    merged = score(GOLD, {"d": [_pred("ASSAULT", A, [A, B]), _pred("COERCE", C)]})
    split = score(GOLD, {"d": [_pred("ASSAULT", A), _pred("ASSAULT", B), _pred("COERCE", C)]})
    for r in (merged, split):
        assert (r.sentences.total.gold, r.sentences.total.found) == (3, 3)
        assert r.sentences.total.precision == 1.0
    assert merged.summary.duplicates == 0 and split.summary.duplicates == 1
