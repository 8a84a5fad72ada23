#!/usr/bin/env python3
"""Score actor resolution on hand-labelled mentions from the news corpus.

Each line of a test file is ``{doc_id, text, start, end, expected_id}`` with offsets into
the article's ``text`` field (``expected_id`` null = an unknown person or unnamed agent
with no canonical id). For every gold mention the predicted mention that overlaps it most
is its answer:

- accuracy: the answer has the expected id (a missed mention counts as wrong);
- recall: some predicted mention overlaps the gold mention, whatever its id.

Both numbers are printed per test file, with the dictionary size, the load time and the
matching time per article.

Test sets (tests/entities/data/):
- ``actor_mentions.jsonl``: 201 mentions; its articles were also looked at while fixing rules;
- ``actor_mentions_blind.jsonl``: every actor mention in 30 articles drawn with
  ``--draw-blind`` (seed 20240503, excluding the dev-gold articles and the first set),
  labelled from the raw text before any system output was seen (long articles: the first
  ~1,500 characters). It is the honest held-out number; do not fix rules on its articles.

Usage: python scripts/eval_actors.py [--tests PATH ...] [--news PATH] [--errors]
       python scripts/eval_actors.py --draw-blind   # print the 30 blind article ids
       python scripts/eval_actors.py --speed 200    # ms per article over N corpus articles
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "entities" / "data"
DEFAULT_TESTS = [DATA / "actor_mentions.jsonl", DATA / "actor_mentions_blind.jsonl"]
DEFAULT_NEWS = ROOT.parent / "shared" / "data/news/ant_conflict_2018_dev.jsonl"
DEV_GOLD = ROOT.parent / "shared" / "gold/dev-articles.jsonl"
BLIND_SEED = 20240503


def read_news(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def draw_blind(news: list[dict], n: int = 30) -> list[str]:
    dev = {json.loads(line)["id"] for line in DEV_GOLD.open(encoding="utf-8") if line.strip()}
    first = {json.loads(line)["doc_id"] for line in (DATA / "actor_mentions.jsonl").open(encoding="utf-8")}
    pool = [a for a in news if a["id"] not in dev and a["id"] not in first]
    return [a["id"] for a in random.Random(BLIND_SEED).sample(pool, n)]


def score(items: list[dict], articles: dict, predicted: dict, errors: bool) -> dict:
    correct = found = 0
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
        found += best is not None
        if errors and not ok:
            print(f"  WRONG {it['doc_id']} {it['text']!r}: expected {it['expected_id']}, got {got}"
                  f" ({best.text if best else ''})")
    n = len(items)
    return {"mentions": n, "correct": correct, "accuracy_pct": round(100 * correct / n, 1) if n else None,
            "recall_pct": round(100 * found / n, 1) if n else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tests", type=Path, nargs="+", default=DEFAULT_TESTS)
    ap.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--errors", action="store_true", help="list the wrong mentions")
    ap.add_argument("--draw-blind", action="store_true", help="print the blind set's article ids")
    ap.add_argument("--speed", type=int, metavar="N", help="time matching over the first N articles")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    from rasad.entities.actors_lexicon import lexicon

    lex = lexicon()
    load_s = time.perf_counter() - t0
    from rasad.config import load_config
    from rasad.entities.actors import find_actors
    from rasad.pipeline import Pipeline
    from rasad.schema import Document

    news = read_news(args.news)
    if args.draw_blind:
        print("\n".join(draw_blind(news)))
        return 0
    pipe = Pipeline.from_config(load_config().with_pipeline(["clean", "segment"]))

    def ready(a: dict) -> Document:
        pub = (a.get("published") or "")[:10] or None
        return pipe(Document(id=a["id"], text=a["text"], title=a.get("title"), published=pub))

    if args.speed:
        docs = [ready(a) for a in news[:args.speed]]
        t1 = time.perf_counter()
        n_mentions = sum(len(find_actors(d)) for d in docs)
        ms = 1000 * (time.perf_counter() - t1) / len(docs)
        print(json.dumps({"articles": len(docs), "mentions": n_mentions, "ms_per_article": round(ms, 2),
                          "load_s": round(load_s, 3)}))
        return 0

    by_id = {a["id"]: a for a in news}
    report: dict = {}
    for path in args.tests:
        items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        articles = {i["doc_id"]: by_id[i["doc_id"]] for i in items}
        predicted = {doc_id: find_actors(ready(a)) for doc_id, a in articles.items()}
        if args.errors:
            print(f"{path.name}:")
        report[path.stem] = score(items, articles, predicted, args.errors) | {"articles": len(articles)}
    persons = sum(1 for a in lex.actors.values() if a.kind == "person")
    report["dictionary"] = {"canonical_actors": len(lex.actors), "canonical_actors_non_person": len(lex.actors) - persons,
                            "persons": persons, "aliases": lex.n_aliases, "load_s": round(load_s, 3)}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
