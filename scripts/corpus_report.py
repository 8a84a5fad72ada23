"""Events per type and modality over a JSONL corpus, to check a rule change against the
whole news corpus (a rule that doubles a type's count needs a look).

    python scripts/corpus_report.py ../shared/data/news/ant_conflict_2018_dev.jsonl [--json OUT] [--compare OLD.json]
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

from rasad.batch import BatchReport, run
from rasad.pipeline import Pipeline
from rasad.text.read import read_path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--json", type=Path, help="write the counts here")
    ap.add_argument("--compare", type=Path, help="earlier --json output to compare with")
    args = ap.parse_args(argv)
    pipe = Pipeline.from_config()
    report = BatchReport()
    counts: collections.Counter[str] = collections.Counter()
    t0 = time.perf_counter()
    for doc in run(read_path(args.corpus), pipe, report):
        for ev in doc.events:
            counts[f"{ev.type}/{ev.modality}"] += 1
    secs = time.perf_counter() - t0
    old = json.loads(args.compare.read_text()) if args.compare else {}
    old_counts = old.get("counts", {})
    print(f"{report.documents} documents, {report.events} events, {len(report.failures)} failures, "
          f"{secs:.1f} s")
    for k in sorted(set(counts) | set(old_counts)):
        before = old_counts.get(k)
        flag = ""
        if before and counts[k] >= 2 * before:
            flag = "  <-- doubled"
        print(f"  {k:28} {counts[k]:6}" + (f"  (was {before})" if before is not None else "") + flag)
    for f in report.failures:
        print(f"failure: {f}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({"documents": report.documents, "counts": counts},
                                        indent=1, sort_keys=True))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
