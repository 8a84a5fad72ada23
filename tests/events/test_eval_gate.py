"""The evaluation gate: extraction on the seed and dev gold must stay above the floors
pinned in eval_floors.toml (issue 4). Runs the real CLI, as a user would."""
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


def _summary(name: str, tmp_path: Path) -> dict:
    spec = FLOORS[name]
    gold, articles = SHARED / spec["gold"], SHARED / spec["articles"]
    if not gold.exists() or not articles.exists():
        pytest.skip(f"{gold} not available")
    pred, scores = tmp_path / "pred.jsonl", tmp_path / "scores.json"
    subprocess.run([sys.executable, "-m", "rasad.cli", "extract", str(articles), "-q",
                    "--format", "jsonl", "-o", str(pred)], check=True, timeout=600)
    subprocess.run([sys.executable, "-m", "rasad.cli", "eval", str(gold), str(pred),
                    "--json", str(scores)], check=True, timeout=600, capture_output=True)
    return json.loads(scores.read_text(encoding="utf-8"))["summary"]


def _value(summary: dict, name: str):
    v = summary[name]
    return v["accuracy"] if isinstance(v, dict) else v


@pytest.mark.parametrize("name", ["seed", "dev"])
def test_scores_stay_above_pinned_floors(name, tmp_path):
    summary = _summary(name, tmp_path)
    failures = []
    for metric, floor in FLOORS[name].items():
        if metric in ("gold", "articles"):
            continue
        if metric.endswith("_max"):
            value = summary[metric[: -len("_max")]]
            if value > floor:
                failures.append(f"{metric[:-4]} = {value} > {floor}")
        else:
            value = _value(summary, metric.removesuffix("_accuracy"))
            if value is None or value < floor:
                failures.append(f"{metric} = {value} < {floor}")
    assert not failures, f"{name}: " + "; ".join(failures)
