"""The evaluation gate: the scores pinned in eval_floors.toml, measured as a user would
with the real CLI: extraction on held-out gold (seed, recent-dev) and document-level
cross-validation over the training gold (``rasad eval --cv``). Needs ``../shared``: a
missing one is a failure, not a skip."""
from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FLOORS = tomllib.loads((ROOT / "eval_floors.toml").read_text(encoding="utf-8"))
HELD_OUT = [name for name, spec in FLOORS.items() if "articles" in spec]


def _run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "rasad.cli", *args], check=True, timeout=900,
                   capture_output=True)


def _held_out(name: str, tmp_path: Path) -> dict:
    spec = FLOORS[name]
    gold, articles = SHARED / spec["gold"], SHARED / spec["articles"]
    assert gold.exists() and articles.exists(), f"{gold} is needed (../shared beside the repo)"
    pred, scores = tmp_path / "pred.jsonl", tmp_path / "scores.json"
    _run("extract", str(articles), "-q", "--format", "jsonl", "-o", str(pred))
    _run("eval", str(gold), str(pred), "--json", str(scores))
    return json.loads(scores.read_text(encoding="utf-8"))["summary"]


def _cross_validated(tmp_path: Path) -> dict:
    spec = FLOORS["cv"]
    sets = [SHARED / s for s in spec["sets"]]
    also = [SHARED / s for s in spec["train_also"]]
    for p in sets + also:
        assert p.exists(), f"{p} is needed (../shared beside the repo)"
    scores = tmp_path / "cv.json"
    _run("eval", "--cv", str(spec["k"]), *map(str, sets), "--train-also", *map(str, also),
         "--json", str(scores))
    return json.loads(scores.read_text(encoding="utf-8"))["cv"]["summary"]


def _failures(spec: dict, summary: dict) -> list[str]:
    out = []
    for metric, floor in spec.items():
        if metric in ("gold", "articles", "k", "sets", "train_also"):
            continue
        if metric.endswith("_max"):
            value = summary[metric[: -len("_max")]]
            if value > floor:
                out.append(f"{metric[:-4]} = {value} > {floor}")
        else:
            v = summary[metric.removesuffix("_accuracy")]
            value = v["accuracy"] if isinstance(v, dict) else v
            if value is None or value < floor:
                out.append(f"{metric} = {value} < {floor}")
    return out


@pytest.mark.parametrize("name", HELD_OUT)
def test_held_out_scores_stay_above_their_floors(name, tmp_path):
    failures = _failures(FLOORS[name], _held_out(name, tmp_path))
    assert not failures, f"{name}: " + "; ".join(failures)


def test_cross_validated_scores_stay_above_their_floors(tmp_path):
    failures = _failures(FLOORS["cv"], _cross_validated(tmp_path))
    assert not failures, "cv: " + "; ".join(failures)
