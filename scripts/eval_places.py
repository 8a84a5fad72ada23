#!/usr/bin/env python3
"""Score the geocoder on the hand-checked place test sets in ``tests/geo/data/``.

- ``places_news.jsonl``: 266 place mentions in 83 ANT news articles, chosen while building
  the geocoder (rows ``split: tune`` were reviewed while tuning, ``heldout`` after).
- ``places_blind.jsonl``: EVERY place mention of 25 random ANT articles (seed 20180703,
  dev-gold articles and the articles of the first set excluded), annotated from the raw
  text before looking at the system output. Being exhaustive, it also measures recall
  and the spurious predictions (a prediction overlapping no gold mention).

Document text = title + "\\n" + text, as the row offsets assume. A prediction is *found*
for a gold row when their spans overlap. It is correct within 30 km when its point lies
within 30 km of the gold point, and country-correct when the ISO3 codes agree. Gold rows
for places the gazetteer sources lack have no point (``lat: null``): they are correct when
country and admin1 agree. Seas and continents have no country: correct when the
prediction has none either. A country is correct when the ISO3 code agrees (its point is
arbitrary; 'جنوب غرب سوريا' resolved to the region "southern Syria" is right). A gold mention with no overlapping prediction is wrong.

    python scripts/eval_places.py [--gold PATH ...] [--km 30] [--errors] [--speed]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "geo" / "data"
DEFAULT_GOLD = [DATA / "places_news.jsonl", DATA / "places_blind.jsonl"]
DEFAULT_NEWS = ROOT.parent / "shared" / "data/news/ant_conflict_2018_dev.jsonl"
DEFAULT_DEV = ROOT.parent / "shared" / "gold/dev-articles.jsonl"


def load_articles(path: Path, ids: set[str] | None = None) -> dict[str, dict]:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if ids is None or d["id"] in ids:
                out[d["id"]] = d
    return out


def _documents(articles: dict[str, dict]):
    from rasad.config import load_config
    from rasad.pipeline import Pipeline
    from rasad.schema import Document

    cfg = load_config()
    # the stages the default pipeline runs before 'geocode' (actor names are not places)
    stages = list(cfg.pipeline)
    before = stages[:stages.index("geocode")] if "geocode" in stages else ["clean", "segment"]
    pipe = Pipeline.from_config(cfg.with_pipeline(before))
    for doc_id, a in articles.items():
        text = f"{a['title']}\n{a['text']}" if a.get("title") else a["text"]
        yield pipe(Document(id=doc_id, text=text, outlet=a.get("outlet")))


def _correct(g: dict, p, km: float) -> tuple[bool, bool]:
    from rasad.geo.gazetteer import distance_km

    if p is None:
        return False, False
    if not g["country"]:  # a sea, a continent
        ok = not p.country
        return ok, ok
    ok_c = p.country == g["country"]
    if g.get("feature") == "country":  # 'جنوب غرب سوريا': a region of the country is right
        return ok_c, ok_c
    if g["lat"] is None:  # a place the gazetteer sources lack: its admin area
        return ok_c and (not g.get("admin1") or p.admin1 == g["admin1"]), ok_c
    ok_d = p.lat is not None and distance_km(p.lat, p.lon, g["lat"], g["lon"]) <= km
    return ok_d, ok_c


def evaluate(gold: list[dict], articles: dict[str, dict], km: float = 30.0) -> dict:
    from rasad.geo.geocode import geocode_document

    preds = {doc.id: geocode_document(doc) for doc in _documents(articles)}
    near = country = found = 0
    errors = []
    for g in gold:
        cands = [p for p in preds.get(g["doc_id"], []) if p.start < g["end"] and g["start"] < p.end]
        p = max(cands, key=lambda p: min(p.end, g["end"]) - max(p.start, g["start"])) if cands else None
        ok_d, ok_c = _correct(g, p, km)
        found += p is not None
        near += ok_d
        country += ok_c
        if not (ok_c and ok_d):
            errors.append((g, p))
    spurious = []
    for doc_id in {g["doc_id"] for g in gold}:
        spans = [(g["start"], g["end"]) for g in gold if g["doc_id"] == doc_id]
        spurious += [(doc_id, p) for p in preds.get(doc_id, [])
                     if not any(p.start < e and s < p.end for s, e in spans)]
    n = len(gold)
    npred = sum(len(preds.get(d, [])) for d in {g["doc_id"] for g in gold})
    return {"mentions": n, "within_km": km, "correct_km": near / n if n else 0.0,
            "correct_country": country / n if n else 0.0,
            "recall": found / n if n else 0.0,
            "correct_of_found": near / found if found else 0.0,
            "predictions": npred, "spurious": spurious,
            "precision": 1 - len(spurious) / npred if npred else 0.0, "errors": errors}


def speed(news: Path, dev: Path, n: int = 200, rounds: int = 3) -> float:
    """Milliseconds per article for geocoding (segmented documents, gazetteer loaded)."""
    from rasad.geo.geocode import geocode_document

    dev_ids = set()
    if dev.exists():
        dev_ids = {json.loads(l)["id"] for l in dev.read_text(encoding="utf-8").splitlines() if l.strip()}
    arts = {}
    for k, v in load_articles(news).items():
        if k not in dev_ids:
            arts[k] = v
        if len(arts) >= n:
            break
    docs = list(_documents(arts))
    for d in docs[:5]:
        geocode_document(d)
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for d in docs:
            geocode_document(d)
        best = min(best, time.perf_counter() - t)
    return 1000 * best / len(docs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, nargs="+", default=DEFAULT_GOLD)
    ap.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--km", type=float, default=30.0)
    ap.add_argument("--errors", action="store_true", help="list the wrong and spurious mentions")
    ap.add_argument("--speed", action="store_true", help="also time geocoding over 200 articles")
    ap.add_argument("--split", choices=("all", "tune", "heldout", "blind"), default="all",
                    help="'tune': rows reviewed while tuning; 'heldout': rows annotated after")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    from rasad.geo.gazetteer import default_gazetteer
    default_gazetteer()
    print(f"gazetteer load: {time.perf_counter() - t0:.2f} s")
    for path in args.gold:
        gold = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        if args.split != "all":
            gold = [g for g in gold if g.get("split") == args.split]
        if not gold:
            continue
        exhaustive = all(g.get("split") == "blind" for g in gold)
        articles = load_articles(args.news, {g["doc_id"] for g in gold})
        res = evaluate(gold, articles, args.km)
        print(f"== {path.name}: {res['mentions']} mentions in {len(articles)} articles")
        print(f"   correct within {args.km:g} km: {res['correct_km']:.1%}   "
              f"correct country: {res['correct_country']:.1%}")
        print(f"   recall (found): {res['recall']:.1%}   correct of found: {res['correct_of_found']:.1%}")
        if exhaustive:
            print(f"   predictions: {res['predictions']}, spurious: {len(res['spurious'])} "
                  f"(precision {res['precision']:.1%})")
        if args.errors:
            for g, p in res["errors"]:
                got = f"{p.text!r} {p.name} {p.country} {p.lat},{p.lon}" if p else "(no prediction)"
                print(f"  {g['doc_id']} {g['start']} {g['text']!r}: gold {g['name']} {g['country']} "
                      f"{g['lat']},{g['lon']} | got {got}")
            if exhaustive:
                for doc_id, p in res["spurious"]:
                    print(f"  SPURIOUS {doc_id} {p.start} {p.text!r} -> {p.name} {p.country}")
    if args.speed:
        print(f"geocoding: {speed(args.news, args.dev):.2f} ms/article (200 articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
