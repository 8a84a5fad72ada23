#!/usr/bin/env python3
"""Train the learned decision layer and write ``src/rasad/resources/models/events.json``.

Inputs (same inputs -> same bytes): the gold sets of ``../shared/gold`` (relative to the
repository) with their texts, run through rasad's own pipeline up to the event
candidates; scikit-learn logistic regression (lbfgs, deterministic), weights rounded.

Trained on: train + dev (the 2018 articles) + recent-train (2023-2026 items). recent-dev
and seed are never trained on: they are measured. Cross-validated numbers of the same
recipe: ``rasad eval --cv 5 ../shared/gold/train ../shared/gold/dev --train-also
../shared/gold/recent-train``.

Usage: python scripts/train_events.py [--shared ../shared] [--out PATH] [--check]
  --check: rebuild in memory and fail unless it equals the packaged file byte for byte.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rasad" / "resources" / "models" / "events.json"
TRAIN_SETS = ("train", "dev", "recent-train")
sys.path.insert(0, str(ROOT / "src"))


def build(shared: Path) -> str:
    from rasad.learn.corpus import GoldSet, prepare
    from rasad.learn.train import fit

    sets = [GoldSet.parse(str(shared / "gold" / name)) for name in TRAIN_SETS]
    docs = prepare(sets)
    models = fit(docs)
    models.meta.update({
        "trained_on": {s.name: sum(d.set == s.name for d in docs) for s in sets},
        "recipe": "scripts/train_events.py (rasad.learn.train.fit, default Params)",
    })
    return models.dumps()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    text = build(args.shared)
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'identical' if same else 'DIFFERS from a rebuild'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
