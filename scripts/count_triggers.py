#!/usr/bin/env python3
"""Count event triggers per PLOVER type over a news corpus (JSONL with id, title, text).

Used to prune the trigger lexicon (``src/rasad/resources/events/triggers/``): phrases that
fire mostly on non-events show up in the top lists and in the sample sentences.

    python scripts/count_triggers.py                       # counts per type, top phrases
    python scripts/count_triggers.py --type PROTEST --top 40
    python scripts/count_triggers.py --samples مسيرة --n 10   # sentences around a phrase
    python scripts/count_triggers.py --json counts.json --limit 500
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from rasad.config import load_config
from rasad.events.lexicon import find_triggers
from rasad.pipeline import Pipeline
from rasad.schema import PLOVER_TYPES, Document
from rasad.text.normalize import key

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "ant_conflict_2018_dev.jsonl"


def documents(path: Path, limit: int | None = None):
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            rec = json.loads(line)
            text = rec.get("text") or ""
            if rec.get("title"):
                text = rec["title"] + "\n" + text
            yield Document(id=str(rec.get("id", i)), text=text, published=rec.get("published"))


def count(path: Path, limit: int | None = None, sample_phrase: str | None = None):
    """``(per_type, per_phrase, docs_per_type, samples)`` over the corpus."""
    pipe = Pipeline.from_config(load_config().with_pipeline(["clean", "segment"]))
    per_type: Counter[str] = Counter()
    per_phrase: Counter[tuple[str, str]] = Counter()
    docs_per_type: Counter[str] = Counter()
    samples: list[str] = []
    want = key(sample_phrase) if sample_phrase else None
    n_docs = 0
    for doc in documents(path, limit):
        doc = pipe(doc)
        n_docs += 1
        seen = set()
        for m in find_triggers(doc):
            per_type[m.type] += 1
            per_phrase[(m.type, m.phrase)] += 1
            seen.add(m.type)
            if want is not None and key(m.phrase) == want and m.sentence_index is not None:
                s = doc.sentences[m.sentence_index]
                a, b = m.start - s.start, m.end - s.start
                samples.append(f"{doc.id}: {s.text[:a]}[[{s.text[a:b]}]]{s.text[b:]}")
        docs_per_type.update(seen)
    return per_type, per_phrase, docs_per_type, samples, n_docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--type", default=None, help="only this PLOVER type in the top list")
    ap.add_argument("--top", type=int, default=12, help="top phrases per type")
    ap.add_argument("--samples", default=None, help="print sentences where this phrase fired")
    ap.add_argument("--n", type=int, default=15, help="number of sample sentences")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, default=None, help="write the counts as JSON here")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    per_type, per_phrase, docs_per_type, samples, n_docs = count(args.corpus, args.limit, args.samples)
    print(f"{n_docs} documents, {sum(per_type.values())} trigger hits")
    print(f"{'type':<10} {'hits':>7} {'docs':>6}")
    for t in PLOVER_TYPES:
        print(f"{t:<10} {per_type[t]:>7} {docs_per_type[t]:>6}")
    types = [args.type] if args.type else list(PLOVER_TYPES)
    for t in types:
        top = sorted(((c, p) for (tt, p), c in per_phrase.items() if tt == t), reverse=True)[: args.top]
        print(f"\n{t}: " + ", ".join(f"{p} {c}" for c, p in top))
    if args.samples:
        random.Random(args.seed).shuffle(samples)
        print(f"\n{len(samples)} hits of {args.samples}:")
        for s in samples[: args.n]:
            print(" -", s.replace("\n", " ")[:400])
    if args.json:
        data = {
            "documents": n_docs,
            "per_type": {t: per_type[t] for t in PLOVER_TYPES},
            "docs_per_type": {t: docs_per_type[t] for t in PLOVER_TYPES},
            "per_phrase": {f"{t}\t{p}": c for (t, p), c in per_phrase.most_common()},
        }
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
