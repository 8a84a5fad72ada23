#!/usr/bin/env python3
"""Counts of the packaged actor dictionary and gazetteer by country and period, for the
README: ``python scripts/dictionary_counts.py [--markdown]``."""
from __future__ import annotations

import argparse
import collections
import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RES = ROOT / "src" / "rasad" / "resources"
FOCUS = ("SYR", "IRQ", "ISR", "PSE", "LBN", "YEM", "SDN", "LBY", "EGY", "JOR", "TUR", "IRN", "SAU")


def actor_counts() -> dict[str, dict[str, int]]:
    data = json.loads((RES / "actors" / "actors.json").read_text(encoding="utf-8"))
    country = {a["id"]: a.get("country") or "-" for a in data["actors"]}
    out: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for a in data["actors"]:
        c = country[a["id"]] if country[a["id"]] in FOCUS else "other"
        out[c]["persons" if a["kind"] == "person" else "actors"] += 1
        out[c]["successors"] += bool(a.get("succeeds"))
    for _k, aid, period, _place, _src in data["aliases"]:
        c = country[aid] if country[aid] in FOCUS else "other"
        out[c]["aliases"] += 1
        if period:
            out[c]["dated aliases"] += 1
        out[c]["curated aliases" if _src.startswith("curated") else "imported aliases"] += 1
    return out


def place_counts() -> dict[str, int]:
    con = sqlite3.connect(RES / "gazetteer" / "gazetteer.sqlite")
    rows = con.execute("SELECT country, source FROM places").fetchall()
    out: collections.Counter = collections.Counter()
    src: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for c, s in rows:
        c = c if c in FOCUS else "other"
        out[c] += 1
        src[c][s] += 1
    return {c: (out[c], dict(src[c])) for c in out}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    actors, places = actor_counts(), place_counts()
    keys = [c for c in FOCUS if c in actors or c in places] + ["other"]
    if args.markdown:
        print("| country | actors | persons | aliases (curated / imported) | date-bound aliases | successor identities | places | place sources |")
        print("|---|---|---|---|---|---|---|---|")
    for c in keys:
        a = actors.get(c, collections.Counter())
        n, src = places.get(c, (0, {}))
        srcs = ", ".join(f"{k} {v}" for k, v in sorted(src.items(), key=lambda kv: -kv[1]))
        if args.markdown:
            print(f"| {c} | {a['actors']} | {a['persons']} | {a['aliases']} ({a['curated aliases']} / "
                  f"{a['imported aliases']}) | {a['dated aliases']} | {a['successors']} | {n} | {srcs} |")
        else:
            print(c, dict(a), n, srcs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
