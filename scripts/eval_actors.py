#!/usr/bin/env python3
"""Score actor resolution on hand-labelled mentions from the news corpus.

Each line of the test file is ``{doc_id, text, start, end, expected_id}`` with offsets into
the article's ``text`` field (``expected_id`` null = an unknown person or unnamed agent
with no canonical id). A mention counts as correct when the predicted mention that overlaps
it most has the expected id. Prints % correct, the dictionary size and the load time.

Usage: python scripts/eval_actors.py [--tests PATH ...] [--news PATH] [--errors]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TESTS = [ROOT / "tests" / "entities" / "data" / "actor_mentions.jsonl"]
DEFAULT_NEWS = Path("/work/shared/data/news/ant_conflict_2018_dev.jsonl")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tests", type=Path, nargs="+", default=DEFAULT_TESTS)
    ap.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--errors", action="store_true", help="list the wrong mentions")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    from rasad.entities.actors_lexicon import lexicon

    lex = lexicon()
    load_s = time.perf_counter() - t0
    from rasad.config import load_config
    from rasad.entities.actors import find_actors
    from rasad.pipeline import Pipeline
    from rasad.schema import Document

    items = [json.loads(line) for p in args.tests for line in p.open(encoding="utf-8") if line.strip()]
    wanted = {i["doc_id"] for i in items}
    articles = {}
    with args.news.open(encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] in wanted:
                articles[a["id"]] = a
    pipe = Pipeline.from_config(load_config().with_pipeline(["clean", "segment"]))
    predicted = {}
    t1 = time.perf_counter()
    for doc_id, a in articles.items():
        pub = (a.get("published") or "")[:10] or None
        doc = pipe(Document(id=doc_id, text=a["text"], title=a.get("title"), published=pub))
        predicted[doc_id] = find_actors(doc)
    match_s = time.perf_counter() - t1
    correct = 0
    for it in items:
        text = articles[it["doc_id"]]["text"]
        assert text[it["start"]:it["end"]] == it["text"], it
        best, best_ov = None, 0
        for p in predicted[it["doc_id"]]:
            ov = min(p.end, it["end"]) - max(p.start, it["start"])
            if ov > best_ov:
                best, best_ov = p, ov
        got = best.id if best is not None else "(missed)"
        ok = best is not None and got == it["expected_id"]
        correct += ok
        if args.errors and not ok:
            print(f"  WRONG {it['doc_id']} {it['text']!r}: expected {it['expected_id']}, got {got}"
                  f" ({best.text if best else ''})")
    n = len(items)
    persons = sum(1 for a in lex.actors.values() if a.kind == "person")
    print(json.dumps({
        "mentions": n, "correct": correct, "accuracy_pct": round(100 * correct / n, 1) if n else None,
        "canonical_actors": len(lex.actors), "canonical_actors_non_person": len(lex.actors) - persons,
        "persons": persons, "aliases": lex.n_aliases, "load_s": round(load_s, 3),
        "match_s_per_doc": round(match_s / max(1, len(articles)), 4),
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
