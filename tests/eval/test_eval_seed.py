"""rasad eval on the seed gold with a hand-made prediction file (tests/eval/data).

Expected numbers, worked out by hand from EVENTS.md §4 (prediction indices as in the file):
  p0 RETREAT  -> core 0 (containment). location: gold has no point, IRQ + admin1 null = ok;
                 actor1 surface text "القوات الأمريكية" = alias ok; counts, date not scored.
  p1 MOBILIZE -> core 1. location 1.4 km ok; actor1 ok; fatalities 0 vs gold none -> counts wrong.
  p2 MOBILIZE the uncensored title = core 1's third evidence, already taken -> duplicate.
  p3 ASSAULT  -> core 3. location 42 km off -> wrong; actor1 SDF (the target) -> wrong;
                 injured 5 -> counts ok.
  p4 COERCE   -> core 4. no coordinates -> location wrong; name "SDF" alias ok; arrested 12 ok.
  p5 ASSAULT  the generic trap, asserted -> trap violation, unpaired.
  p6 ASSAULT  the hypothetical trap, hypothetical -> ignored.
  p7 AID      -> optional 5: precision only.
  p8 RETREAT  no modality (= asserted), title clause = core 0's second evidence -> duplicate.
Core 2 (coalition reinforcements via al-Walid) is missed.
scored 8, paired 5 -> precision 5/8; core recall 4/5; F1 = 2*0.625*0.8/1.425 = 0.7018.
location 2/4, date 0/0 (no gold date has day precision), counts 2/3, actor1 3/4.
"""
import json
from pathlib import Path

import pytest

from rasad.eval import evaluate, format_table

SEED_GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "seed"
PRED = Path(__file__).parent / "data" / "seed_predictions.jsonl"



def test_seed_numbers():
    result = evaluate(SEED_GOLD, PRED)
    (doc,) = result.per_doc
    assert doc.doc_id == "000_307b6d8156389d2c"
    assert [(p.pred, p.gold, p.tier) for p in doc.pairs] == [
        (0, 0, "core"), (1, 1, "core"), (3, 3, "core"), (4, 4, "core"), (7, 5, "optional")]
    assert doc.duplicate_preds == [2, 8]
    assert doc.unpaired_preds == [5]
    assert doc.trap_hits == [(5, 2)]
    assert [p.checks for p in doc.pairs[:4]] == [
        {"location": True, "date": None, "counts": None, "actor1": True},
        {"location": True, "date": None, "counts": False, "actor1": True},
        {"location": False, "date": None, "counts": True, "actor1": False},
        {"location": False, "date": None, "counts": True, "actor1": True},
    ]
    s = result.to_dict()["summary"]
    assert (s["core"], s["matched_core"], s["predictions"], s["paired"]) == (5, 4, 8, 5)
    assert (s["duplicates"], s["unpaired"], s["trap_violations"], s["ignored"]) == (2, 1, 1, 1)
    assert s["core_recall"] == pytest.approx(0.8)
    assert s["precision"] == pytest.approx(0.625)
    assert s["f1"] == pytest.approx(2 * 0.625 * 0.8 / 1.425)
    assert s["location"] == {"correct": 2, "n": 4, "accuracy": 0.5}
    assert s["date"] == {"correct": 0, "n": 0, "accuracy": None}
    assert s["counts"]["correct"] == 2 and s["counts"]["n"] == 3
    assert s["actor1"] == {"correct": 3, "n": 4, "accuracy": 0.75}
    assert result.extra_docs == ["not-in-gold"]
    json.dumps(result.to_dict())  # serialisable


def test_seed_table():
    table = format_table(evaluate(SEED_GOLD, PRED))
    lines = table.splitlines()
    assert lines[0].split() == ["doc_id", "core", "matched", "preds", "paired", "dup", "traps",
                                "loc", "date", "counts", "actor1"]
    assert lines[2].split() == ["000_307b6d8156389d2c", "5", "4", "8", "5", "2", "1",
                                "2/4", "-", "2/3", "3/4"]
    assert "core recall:       0.800 (4/5 core events)" in table
    assert "precision:         0.625 (5/8 scored predictions)" in table
    assert "F1:                0.702" in table
    assert "trap violations:   1" in table
    assert "date accuracy:     n/a (0/0 correct, n=0)" in table
    assert "actor1 accuracy:   0.750 (3/4 correct, n=4)" in table
    assert "not-in-gold" in table
