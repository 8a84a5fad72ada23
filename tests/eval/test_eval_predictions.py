"""The prediction file shapes rasad eval accepts, and its input errors."""
import json
from pathlib import Path

import pytest

from rasad.errors import EmptyInput, MalformedRecord, MissingInput
from rasad.eval import evaluate, load_predictions

GOLD = Path(__file__).parent / "data" / "gold"
EV = {"type": "ASSAULT", "modality": "asserted",
      "evidence": {"text": "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي", "start": 0, "end": 0}}


def _lines(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_of_documents(tmp_path):
    f = _lines(tmp_path / "p.jsonl", [{"id": "a", "title": None, "events": [EV, EV]},
                                      {"id": "b", "events": []}])
    assert {k: len(v) for k, v in load_predictions(f).items()} == {"a": 2, "b": 0}
    s = evaluate(GOLD, f).summary
    assert (s.paired, s.duplicates) == (1, 1)


def test_jsonl_of_bare_events_grouped_by_doc_id(tmp_path):
    f = _lines(tmp_path / "p.jsonl", [{**EV, "doc_id": "a"}, {**EV, "doc_id": "b"}, {**EV, "doc_id": "a"}])
    assert {k: len(v) for k, v in load_predictions(f).items()} == {"a": 2, "b": 1}


def test_json_array_and_single_object(tmp_path):
    f = tmp_path / "p.json"
    f.write_text(json.dumps([{"id": "a", "events": [EV]}], ensure_ascii=False, indent=2), encoding="utf-8")
    assert len(load_predictions(f)["a"]) == 1
    f.write_text(json.dumps({"id": "a", "events": [EV]}, ensure_ascii=False, indent=2), encoding="utf-8")
    assert len(load_predictions(f)["a"]) == 1


def test_list_in_memory():
    assert load_predictions([{**EV, "doc_id": "a"}]) == {"a": [{**EV, "doc_id": "a"}]}


def test_malformed_line_reports_its_number(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text('{"id": "a", "events": []}\n\n{"id": "b", "events": [}\n', encoding="utf-8")
    with pytest.raises(MalformedRecord, match=r"p\.jsonl: line 3: invalid JSON"):
        load_predictions(f)


def test_record_without_id(tmp_path):
    f = _lines(tmp_path / "p.jsonl", [{"id": "a", "events": []}, EV])
    with pytest.raises(MalformedRecord, match="record 2: no document id"):
        load_predictions(f)


def test_missing_and_empty_file(tmp_path):
    with pytest.raises(MissingInput):
        load_predictions(tmp_path / "nope.jsonl")
    (tmp_path / "e.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(EmptyInput):
        load_predictions(tmp_path / "e.jsonl")
