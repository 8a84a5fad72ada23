"""Readable fixed-width tables of events and incidents for the terminal."""
from __future__ import annotations

import unicodedata
from typing import Any


def _width(s: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in s)


def _cell(value: Any, width: int) -> str:
    s = "" if value is None else str(value).replace("\n", " ")
    if _width(s) > width:
        s = s[: width - 1] + "…"
    return s + " " * (width - _width(s))


def render(header: list[tuple[str, int]], rows: list[list[Any]]) -> str:
    lines = ["  ".join(_cell(h, w) for h, w in header).rstrip(),
             "  ".join("-" * w for _, w in header)]
    for r in rows:
        lines.append("  ".join(_cell(v, w) for v, (_, w) in zip(r, header, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


def _place(loc: dict | None) -> str | None:
    if not loc:
        return None
    parts = [loc.get("name"), loc.get("admin1") if loc.get("admin1") != loc.get("name") else None,
             loc.get("country")]
    return ", ".join(p for p in parts if p)


def _actor(a: dict | None) -> str:
    return (a.get("name") or a.get("id") or a.get("text") or "?") if a else "-"


def _counts(k: Any, i: Any, a: Any = None) -> str:
    out = []
    for label, v in (("k", k), ("i", i), ("a", a)):
        if v not in (None, "", "-"):
            out.append(f"{label}{v}")
    return " ".join(out)


def _date(d: dict | None) -> str | None:
    if not d or not d.get("value"):
        return None
    p = d.get("precision")
    return d["value"] + ("" if p == "day" else f" ~{p}")


def event_table(events: list[dict]) -> str:
    header = [("date", 17), ("type", 8), ("modality", 9), ("place", 30), ("actors", 38),
              ("counts", 11), ("outlet", 10), ("srcs", 4)]
    rows = [[_date(e.get("date")), e["type"], e["modality"], _place(e.get("location")),
             f"{_actor(e.get('actor1'))} > {_actor(e.get('actor2'))}",
             _counts(e.get("fatalities"), e.get("injured"), e.get("arrested")),
             e.get("outlet"), e.get("n_sources")] for e in events]
    return render(header, rows)


def _range(lo: Any, hi: Any) -> str | None:
    if lo is None:
        return None
    return str(lo) if lo == hi else f"{lo}-{hi}"


def incident_table(incidents: list[dict]) -> str:
    header = [("date", 17), ("type", 8), ("place", 30), ("actors", 38), ("counts", 13),
              ("srcs", 4), ("outlets", 30)]
    rows = [[_date(i.get("date")), i["type"], _place(i.get("location")),
             f"{_actor(i.get('actor1'))} > {_actor(i.get('actor2'))}",
             _counts(_range(i["fatalities_min"], i["fatalities_max"]),
                     _range(i["injured_min"], i["injured_max"]),
                     _range(i["arrested_min"], i["arrested_max"])),
             i["n_sources"], ", ".join(i["outlets"])] for i in incidents]
    return render(header, rows)
