"""Cost per kilobyte by document size: the 2018 corpus joined into one text, cut at each
size, each cut coded as one document (CPU time per stage, one process, one run).

    python benchmarks/size.py [--sizes 1000,32000,1000000] [--repeat 20]

A size under 10 KB is measured over ``--repeat`` different cuts (spread over the corpus)
and averaged, so its figure is not one article's. Prints ms per KB for each stage and in
all, and the ratio of the largest size's cost per KB to the smallest's (issue 13 asks
for a 1 MB document within 1.5x of a 1 KB one).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from throughput import timed_pipeline  # same folder: python benchmarks/size.py

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "news" / "ant_conflict_2018_dev.jsonl"


def per_kb(pipeline, spent: dict[str, float], texts: list[str]) -> dict[str, float]:
    """CPU ms per KB of each stage over ``texts``, each one document; ``spent`` is the
    totals dict of the pipeline's stage timers (:func:`throughput.timed_pipeline`)."""
    from rasad.schema import Document

    spent.clear()
    for n, text in enumerate(texts):
        pipeline(Document(id=f"size-{n}", text=text))
    kb = sum(map(len, texts)) / 1000
    out = {st.name: spent.get(st.name, 0.0) * 1000 / kb for st in pipeline.stages}
    out["all"] = sum(out.values())
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,32000,1000000")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args()
    from rasad.pipeline import Pipeline
    from rasad.schema import Document

    with open(args.corpus, encoding="utf-8") as fh:
        news = "\n\n".join(json.loads(line)["text"] for line in fh if line.strip())
    pipeline = Pipeline.from_config()
    pipeline(Document(id="warm", text=news[:3000]))
    spent: dict[str, float] = {}
    timed_pipeline(pipeline, spent)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = {}
    for size in sizes:
        if size > len(news):
            sys.exit(f"the corpus has only {len(news)} characters")
        count = args.repeat if size < 10_000 else 1
        step = (len(news) - size) // max(count, 1)
        rows[size] = per_kb(pipeline, spent, [news[k * step:k * step + size] for k in range(count)])
    names = list(rows[sizes[0]])
    print("size (chars)  " + "  ".join(f"{n:>8s}" for n in names) + "   (CPU ms per KB)")
    for size, r in rows.items():
        print(f"{size:>12,d}  " + "  ".join(f"{r[n]:8.2f}" for n in names))
    small, large = rows[sizes[0]]["all"], rows[sizes[-1]]["all"]
    print(f"per-KB cost at {sizes[-1]:,} chars / at {sizes[0]:,}: {large / small:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
