#!/usr/bin/env python3
"""Build and score the incident pair set (tests/store/data/incident_pairs.jsonl).

The set holds pairs of asserted events from different documents of the 2018 ANT corpus
(../shared/data/news/ant_conflict_2018_dev.jsonl; dev-gold article ids excluded), each
labelled by reading both evidence sentences: same real incident or not.

  candidates EXTRACTION.jsonl OUT_DIR   candidate pairs to annotate (rasad extract output)
  build LABELS CANDIDATES... -o FILE    labelled pairs (LABELS: "n S|D|? note" lines)
  fit                                   fit the link model, print cross-validated P/R,
                                        write src/rasad/store/weights.py
  score [--similarity e5|tfidf]         pairwise P/R of the link rule on the stored records
  score-db DB                           pairwise P/R of the clustering stored in a database
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "store" / "data" / "incident_pairs.jsonl"
DEV_ARTICLES = ROOT.parent / "shared" / "gold" / "dev-articles.jsonl"
KEEP = ("id", "doc_id", "type", "mode", "modality", "actor1", "actor2", "location", "date",
        "fatalities", "injured", "arrested", "evidence")


def _events(extraction: Path):
    from rasad.store import incidents as inc

    dev = {json.loads(line)["id"] for line in DEV_ARTICLES.open(encoding="utf-8")}
    events, records = [], {}
    for line in extraction.open(encoding="utf-8"):
        doc = json.loads(line)
        if doc["id"] in dev:
            continue
        for e in doc["events"]:
            if e["modality"] == "asserted":
                events.append(inc.ev_from_record(e, doc["outlet"]))
                records[e["id"]] = (e, doc)
    return events, records


def cmd_candidates(args: argparse.Namespace) -> int:
    """Loose pool (same type and country, date windows within a day, same admin1 or a
    compatible place), stratified by rule compatibility and TF-IDF similarity."""
    from rasad.store import incidents as inc
    from rasad.store.similarity import TfidfSimilarity

    events, records = _events(Path(args.extraction))
    groups = defaultdict(list)
    for e in events:
        if e.clusterable and e.country:
            groups[(e.type, e.country)].append(e)
    pool = []
    for g in groups.values():
        g.sort(key=lambda e: e.date_from)
        for i, a in enumerate(g):
            for b in g[i + 1:]:
                if b.date_from > a.date_to + timedelta(days=1):
                    break
                if (a.doc_id != b.doc_id and inc.dates_compatible(a, b)
                        and (a.admin1 == b.admin1 or inc.place_relation(a, b))):
                    pool.append((a, b))
    sims = TfidfSimilarity().scores(None, {e.id: e.evidence_text for p in pool for e in p},
                                    [(a.id, b.id) for a, b in pool])
    rnd = random.Random(5)
    comp = [p for p in pool if inc.compatible(*p)]
    other = [p for p in pool if not inc.compatible(*p)]

    def strat(pairs, lo, hi, n):
        c = [p for p in pairs if lo <= sims[(p[0].id, p[1].id)] < hi]
        rnd.shuffle(c)
        return c[:n]

    chosen = (strat(comp, 0.35, 1.01, 60) + strat(comp, 0.2, 0.35, 35) + strat(comp, 0, 0.2, 15)
              + strat(other, 0.3, 1.01, 25) + strat(other, 0, 0.3, 10))
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    seen = set()
    with (out / "candidates.jsonl").open("w", encoding="utf-8") as fh:
        n = 0
        for a, b in chosen:
            key = tuple(sorted((a.doc_id, b.doc_id)))
            if key in seen:
                continue
            seen.add(key)
            (ea, da), (eb, db) = records[a.id], records[b.id]
            fh.write(json.dumps({"n": n, "sim": round(sims[(a.id, b.id)], 3), "a": ea, "b": eb,
                                 "a_outlet": da["outlet"], "b_outlet": db["outlet"],
                                 "a_published": da["published"], "b_published": db["published"],
                                 "a_title": da["title"], "b_title": db["title"]},
                                ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} candidate pairs in {out / 'candidates.jsonl'} (pool {len(pool)})")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    labels = {}
    for line in Path(args.labels).open(encoding="utf-8"):
        if line.strip():
            n, label, note = line.rstrip("\n").split(" ", 2)
            labels[int(n)] = (label, note)
    rows = []
    for path in args.candidates:
        for line in Path(path).open(encoding="utf-8"):
            c = json.loads(line)
            label, note = labels.get(c["n"], ("?", ""))
            if label == "?":
                continue
            row = {"n": c["n"], "same": label == "S", "note": note}
            for side in ("a", "b"):
                rec = {k: c[side][k] for k in KEEP}
                rec["outlet"], rec["published"] = c[f"{side}_outlet"], c[f"{side}_published"]
                row[side] = rec
            rows.append(row)
    with open(args.output, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    same = sum(r["same"] for r in rows)
    print(f"{len(rows)} pairs ({same} same incident, {len(rows) - same} different) -> {args.output}")
    return 0


def load_pairs(path: Path = PAIRS) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _pair_events(pairs: list[dict]):
    from rasad.store import incidents as inc

    return [(inc.ev_from_record(p["a"], p["a"]["outlet"]),
             inc.ev_from_record(p["b"], p["b"]["outlet"])) for p in pairs]


def pair_decisions(pairs: list[dict], similarity) -> list[bool]:
    """Would the link rule join each pair on its own (compatible and log-odds > 0)?"""
    from rasad.store import incidents as inc

    evs = _pair_events(pairs)
    ok = [inc.compatible(a, b) for a, b in evs]
    scores = {(a.id, b.id): s for s, a, b in
              inc.score_pairs([p for p, c in zip(evs, ok) if c], similarity)}
    return [c and scores[(a.id, b.id)] > inc.THRESHOLD for (a, b), c in zip(evs, ok)]


def _logistic(X, y, lam: float):
    import numpy as np

    w = np.zeros(X.shape[1])
    reg = np.r_[0.0, np.ones(X.shape[1] - 1)] * lam  # no penalty on the bias
    for _ in range(60):  # Newton steps
        p = 1 / (1 + np.exp(-X @ w))
        H = (X.T * (p * (1 - p))) @ X + np.diag(reg)
        w -= np.linalg.solve(H, X.T @ (p - y) + reg * w)
    return w


def cmd_fit(args: argparse.Namespace) -> int:
    """L2 logistic regression on the pair features; 10 x 5-fold cross-validation."""
    import numpy as np

    from rasad.store import incidents as inc
    from rasad.store.similarity import E5Similarity, TfidfSimilarity

    pairs = load_pairs(Path(args.pairs))
    evs = _pair_events(pairs)
    keys = [(a.id, b.id) for a, b in evs]
    texts = {e.id: e.evidence_text or "" for a, b in evs for e in (a, b)}
    tfidf = TfidfSimilarity().scores(None, texts, keys)
    e5 = E5Similarity().scores(None, texts, keys)
    y = np.array([p["same"] for p in pairs], float)
    ok = np.array([inc.compatible(a, b) for a, b in evs])
    weights = {}
    for model in ("e5", "tfidf"):
        rows = []
        for (a, b), k in zip(evs, keys):
            sims = {"tfidf": tfidf[k], **({"e5": e5[k]} if model == "e5" else {})}
            f = inc.pair_features(a, b, sims)
            rows.append([f[name] for name in inc.FEATURES])
        X = np.array(rows)
        rng = np.random.RandomState(0)
        tps = fps = fns = 0
        for _ in range(10):
            idx = rng.permutation(len(y))
            pred = np.zeros(len(y), bool)
            for fold in np.array_split(idx, 5):
                train = np.setdiff1d(idx, fold)
                w = _logistic(X[train][ok[train]], y[train][ok[train]], args.l2)
                pred[fold] = (X[fold] @ w > 0) & ok[fold]
            tps += (pred & (y == 1)).sum()
            fps += (pred & (y == 0)).sum()
            fns += (~pred & (y == 1)).sum()
        print(f"{model}: cross-validated precision {tps / (tps + fps):.3f}  "
              f"recall {tps / (tps + fns):.3f}")
        w = _logistic(X[ok], y[ok], args.l2)
        weights[model] = {name: round(float(v), 4) for name, v in zip(inc.FEATURES, w)}
    out = ROOT / "src" / "rasad" / "store" / "weights.py"
    body = json.dumps(weights, indent=4).replace("true", "True")
    out.write_text(
        '"""Weights of the incident link model (log-odds over incidents.FEATURES).\n\n'
        "Generated by ``scripts/incident_pairs.py fit`` from tests/store/data/incident_pairs.jsonl\n"
        f'(L2 logistic regression, lambda {args.l2}); do not edit by hand.\n"""\n\n'
        f"WEIGHTS = {body}\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


def precision_recall(pairs: list[dict], predicted: list[bool]) -> dict:
    tp = sum(p["same"] and q for p, q in zip(pairs, predicted))
    fp = sum((not p["same"]) and q for p, q in zip(pairs, predicted))
    fn = sum(p["same"] and not q for p, q in zip(pairs, predicted))
    return {"pairs": len(pairs), "same": tp + fn, "different": len(pairs) - tp - fn,
            "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0}


def _report(name: str, r: dict, pairs: list[dict], predicted: list[bool], verbose: bool) -> None:
    print(f"{name}: precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
          f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']}; {r['same']} same / "
          f"{r['different']} different pairs)")
    if verbose:
        for p, q in zip(pairs, predicted):
            if p["same"] != q:
                print(f"  {'FP' if q else 'FN'} #{p['n']}: {p['note']}")


def cmd_score(args: argparse.Namespace) -> int:
    from rasad.store.similarity import get_similarity

    pairs = load_pairs(Path(args.pairs))
    predicted = pair_decisions(pairs, get_similarity(args.similarity))
    _report(f"pair rule ({args.similarity})", precision_recall(pairs, predicted), pairs,
            predicted, args.verbose)
    return 0


def cmd_score_db(args: argparse.Namespace) -> int:
    """Same-incident decisions read from a database that holds the corpus (events are
    found by document, type and evidence offsets, so changed event ids do not matter)."""
    from rasad.store import Store

    pairs = load_pairs(Path(args.pairs))
    missing = 0
    predicted = []
    with Store(args.db, read_only=True) as store:
        cur = store._cur()

        def incident_of(rec: dict) -> str | None:
            """The incident of the asserted event that reports this sentence: its evidence,
            or any sentence merged into it (evidence_spans)."""
            ev = rec["evidence"]
            rows = cur.execute(
                "SELECT ie.incident_id, e.evidence_start, e.evidence_spans FROM events e "
                "LEFT JOIN incident_events ie ON ie.event_id = e.id WHERE e.doc_id = ? "
                "AND e.type = ? AND e.modality = 'asserted'",
                [rec["doc_id"], rec["type"]]).fetchall()
            hits = [(abs(start - ev["start"]), inc) for inc, start, spans in rows
                    if any(sp["start"] < ev["end"] and sp["end"] > ev["start"]
                           for sp in json.loads(spans or "[]"))]
            return min(hits)[1] if hits else None

        found = []
        for p in pairs:
            ia, ib = incident_of(p["a"]), incident_of(p["b"])
            missing += ia is None or ib is None
            predicted.append(ia is not None and ia == ib)
            found.append(ia is not None and ib is not None)
    _report(f"clustering in {args.db}", precision_recall(pairs, predicted), pairs, predicted,
            args.verbose)
    kept = [i for i, ok in enumerate(found) if ok]
    if missing:
        sub, sub_pred = [pairs[i] for i in kept], [predicted[i] for i in kept]
        _report(f"  on the {len(kept)} pairs whose events both are still extracted",
                precision_recall(sub, sub_pred), sub, sub_pred, False)
    if missing:
        print(f"  ({missing} pairs with an event no longer extracted count as not linked)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("candidates")
    p.add_argument("extraction")
    p.add_argument("out_dir")
    p.set_defaults(fn=cmd_candidates)
    p = sub.add_parser("build")
    p.add_argument("labels")
    p.add_argument("candidates", nargs="+")
    p.add_argument("-o", "--output", default=str(PAIRS))
    p.set_defaults(fn=cmd_build)
    p = sub.add_parser("fit")
    p.add_argument("--pairs", default=str(PAIRS))
    p.add_argument("--l2", type=float, default=1.0)
    p.set_defaults(fn=cmd_fit)
    for name, fn in (("score", cmd_score), ("score-db", cmd_score_db)):
        p = sub.add_parser(name)
        if name == "score-db":
            p.add_argument("db")
        else:
            p.add_argument("--similarity", default="auto", choices=("auto", "e5", "tfidf"))
        p.add_argument("--pairs", default=str(PAIRS))
        p.add_argument("-v", "--verbose", action="store_true", help="list the errors")
        p.set_defaults(fn=fn)
    args = ap.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
