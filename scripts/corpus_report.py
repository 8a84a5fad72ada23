"""Events per type and modality over a JSONL corpus, to check a rule change against the
whole news corpus (a rule that doubles a type's count needs a look), and the sanity
checks a user would be hurt by (issue 9): asserted events claiming 10,000 dead or more,
an attribution source that is a reporting verb, actor1 = actor2, asserted events dated
years before publication.

    python scripts/corpus_report.py ../shared/data/news/ant_conflict_2018_dev.jsonl [--json OUT] [--compare OLD.json]
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

from rasad.batch import BatchReport, run
from rasad.events.lexicon import load_attribution
from rasad.pipeline import Pipeline
from rasad.text.normalize import key
from rasad.text.read import read_path


SANITY = ("asserted with >= 10,000 fatalities", "source is a reporting verb",
          "actor1 = actor2", "asserted, publication date, earlier year in text")
# not an error: background events keep their own, earlier date (EVENTS.md optional tier)
BACKGROUND = "asserted, dated 2+ years before publication"


def _insane(doc, ev, verbs: set[str]) -> list[str]:
    out = []
    if ev.modality == "asserted" and (ev.fatalities or 0) >= 10_000:
        out.append(SANITY[0])
    src = ev.attribution.source if ev.attribution else None
    if src and key(src) in verbs:
        out.append(SANITY[1])
    if ev.actor1 and ev.actor2 and ev.actor1.id and ev.actor1.id == ev.actor2.id:
        out.append(SANITY[2])
    if ev.modality == "asserted" and ev.date and ev.date.value and doc.published:
        if int(ev.date.value[:4]) <= int(doc.published[:4]) - 2:
            out.append(BACKGROUND)
        elif ev.date.text is None and ev.evidence is not None and _OLD_YEAR.search(ev.evidence.text) \
                and any(int(y) <= int(doc.published[:4]) - 2 for y in _OLD_YEAR.findall(ev.evidence.text)):
            out.append(SANITY[3])  # the text names an old year, the event got today's date
    return out


_OLD_YEAR = re.compile(r"\b(19[4-9]\d|20[01]\d)\b")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--json", type=Path, help="write the counts here")
    ap.add_argument("--compare", type=Path, help="earlier --json output to compare with")
    args = ap.parse_args(argv)
    pipe = Pipeline.from_config()
    report = BatchReport()
    counts: collections.Counter[str] = collections.Counter()
    sanity: collections.Counter[str] = collections.Counter()
    verbs = {key(e.phrase) for e in load_attribution() if e.kind in ("verb", "according")}
    t0 = time.perf_counter()
    for doc in run(read_path(args.corpus), pipe, report):
        for ev in doc.events:
            counts[f"{ev.type}/{ev.modality}"] += 1
            sanity.update(_insane(doc, ev, verbs))
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
    print("sanity (each should be 0):")
    for name in SANITY:
        print(f"  {name:48} {sanity[name]:6}")
    print(f"background, with their own date: {BACKGROUND}: {sanity[BACKGROUND]}")
    for f in report.failures:
        print(f"failure: {f}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({"documents": report.documents, "counts": counts,
                                         "sanity": {n: sanity[n] for n in (*SANITY, BACKGROUND)}},
                                        indent=1, sort_keys=True))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
