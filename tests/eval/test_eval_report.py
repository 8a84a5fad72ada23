"""The text table and the JSON report."""
import json
from pathlib import Path

from rasad.eval import evaluate, format_table, to_json, write_json

GOLD = Path(__file__).parent / "data" / "gold"
A0 = "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي"


def _result():
    return evaluate(GOLD, [{"doc_id": "a", "type": "ASSAULT", "evidence": {"text": A0},
                            "fatalities": 3, "location": {"lat": 35.61, "lon": 36.56}}])


def test_table_rows_and_missing_marker():
    lines = format_table(_result()).splitlines()
    rows = {ln.split()[0]: ln.split() for ln in lines[2:7]}
    assert rows["a"] == ["a", "3", "1", "1", "1", "0", "0", "1/1", "0/1", "1/1", "0/1"]
    assert rows["b"][:3] == ["b", "*", "1"]  # no predictions for b
    total = next(ln for ln in lines if ln.startswith("TOTAL")).split()
    assert total == ["TOTAL", "5", "1", "1", "1", "0", "0", "1/1", "0/1", "1/1", "0/1"]
    assert any(ln.startswith("* no predictions") for ln in lines)


def test_json_report(tmp_path):
    result = _result()
    data = json.loads(to_json(result))
    assert data == result.to_dict()
    assert [d["doc_id"] for d in data["per_doc"]] == ["a", "b", "c", "d"]
    assert data["per_doc"][0]["pairs"] == [{"pred": 0, "gold": 0, "tier": "core", "location": True,
                                            "date": False, "counts": True, "actor1": False}]
    assert data["summary"]["documents"] == 4
    assert data["summary"]["documents_without_predictions"] == 3
    assert data["summary"]["precision"] == 1.0
    assert data["per_doc"][2]["core_recall"] is None  # doc c has no core events
    out = tmp_path / "r.json"
    write_json(result, out)
    assert json.loads(out.read_text(encoding="utf-8")) == data
