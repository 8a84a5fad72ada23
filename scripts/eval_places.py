#!/usr/bin/env python3
"""Score the geocoder on the hand-checked place test set (``tests/geo/data/places_news.jsonl``).

Each gold row names a place mention in an ANT news article (document text = title + "\\n"
+ text, as the row offsets assume) with the coordinates and country it means. A prediction
matches a gold row when its span overlaps the gold span; it is correct within 30 km when its
point lies within 30 km of the gold point, and country-correct when the ISO3 codes agree.
A gold mention with no overlapping prediction counts as wrong on both.

    python scripts/eval_places.py [--gold PATH] [--news PATH] [--km 30] [--errors]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "tests" / "geo" / "data" / "places_news.jsonl"
DEFAULT_NEWS = Path("/work/shared/data/news/ant_conflict_2018_dev.jsonl")


def load_articles(path: Path, ids: set[str]) -> dict[str, dict]:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["id"] in ids:
                out[d["id"]] = d
    return out


def evaluate(gold: list[dict], articles: dict[str, dict], km: float = 30.0) -> dict:
    from rasad.config import load_config
    from rasad.geo.gazetteer import distance_km
    from rasad.geo.geocode import geocode_document
    from rasad.pipeline import Pipeline
    from rasad.schema import Document

    pipe = Pipeline.from_config(load_config().with_pipeline(["clean", "segment"]))
    preds: dict[str, list] = {}
    for doc_id, a in articles.items():
        text = f"{a['title']}\n{a['text']}" if a.get("title") else a["text"]
        doc = pipe(Document(id=doc_id, text=text, outlet=a.get("outlet")))
        preds[doc_id] = geocode_document(doc)
    near = country = 0
    errors = []
    for g in gold:
        cands = [p for p in preds.get(g["doc_id"], []) if p.start < g["end"] and g["start"] < p.end]
        p = max(cands, key=lambda p: min(p.end, g["end"]) - max(p.start, g["start"])) if cands else None
        ok_c = p is not None and p.country == g["country"]
        ok_d = (p is not None and p.lat is not None and g["lat"] is not None
                and distance_km(p.lat, p.lon, g["lat"], g["lon"]) <= km)
        near += ok_d
        country += ok_c
        if not (ok_c and ok_d):
            errors.append((g, p))
    n = len(gold)
    return {"mentions": n, "within_km": km, "correct_km": near / n if n else 0.0,
            "correct_country": country / n if n else 0.0, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--km", type=float, default=30.0)
    ap.add_argument("--errors", action="store_true", help="list the wrong mentions")
    ap.add_argument("--split", choices=("all", "tune", "heldout"), default="all",
                    help="'tune': rows reviewed while tuning; 'heldout': rows annotated after")
    args = ap.parse_args(argv)
    gold = [json.loads(l) for l in args.gold.read_text(encoding="utf-8").splitlines() if l.strip()]
    if args.split != "all":
        gold = [g for g in gold if g.get("split") == args.split]
    t0 = time.perf_counter()
    from rasad.geo.gazetteer import default_gazetteer
    default_gazetteer()
    load_s = time.perf_counter() - t0
    articles = load_articles(args.news, {g["doc_id"] for g in gold})
    res = evaluate(gold, articles, args.km)
    print(f"gazetteer load: {load_s:.2f} s")
    print(f"mentions: {res['mentions']} in {len(articles)} articles")
    print(f"correct within {args.km:g} km: {res['correct_km']:.1%}")
    print(f"correct country: {res['correct_country']:.1%}")
    if args.errors:
        for g, p in res["errors"]:
            got = f"{p.name} {p.country} {p.lat},{p.lon}" if p else "(no prediction)"
            print(f"  {g['doc_id']} {g['text']!r}: gold {g['name']} {g['country']} "
                  f"{g['lat']},{g['lon']} | got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
