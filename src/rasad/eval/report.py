"""Text and JSON reports of an :class:`EvalResult`."""
from __future__ import annotations

import json
from pathlib import Path

from rasad.eval.score import ARGUMENTS, Counts, EvalResult, Tally, f1

COLUMNS = ("doc_id", "core", "matched", "preds", "paired", "dup", "traps",
           "loc", "date", "counts", "actor1")


def _frac(t: Tally) -> str:
    return f"{t.correct}/{t.n}" if t.n else "-"


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _row(name: str, c: Counts) -> list[str]:
    return [name, str(c.core), str(c.matched_core), str(c.predictions), str(c.paired),
            str(c.duplicates), str(c.trap_violations),
            *(_frac(getattr(c, a)) for a in ARGUMENTS)]


def format_table(result: EvalResult) -> str:
    """Per-document table, a total row, then the micro-averaged summary."""
    rows = [list(COLUMNS)]
    for d in result.per_doc:
        rows.append(_row(d.doc_id + ("" if d.in_predictions else " *"), d))
    rows.append(_row("TOTAL", result.summary))
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]

    def line(r: list[str]) -> str:
        return "  ".join([r[0].ljust(widths[0])]
                         + [c.rjust(w) for c, w in zip(r[1:], widths[1:])]).rstrip()

    out = [line(rows[0]), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows[1:-1]]
    out += ["  ".join("-" * w for w in widths), line(rows[-1]), ""]
    out += format_summary(result).splitlines()
    if any(not d.in_predictions for d in result.per_doc):
        out.append("* no predictions for this document (scored as predicted empty)")
    out += ["", *format_types(result).splitlines()]
    return "\n".join(out) + "\n"


TYPE_COLUMNS = ("type", "core", "found", "preds", "P", "R", "F1", "dup", "traps",
                "sent.P", "sent.R", "sent.traps")


def format_types(result: EvalResult) -> str:
    """Per type: event-level precision/recall/F1, duplicates and traps, and the sentence
    view (detection apart from merging, :mod:`rasad.eval.sentences`)."""
    sent = result.sentences
    types = sorted(set(result.summary.by_type) | set(sent.by_type),
                   key=lambda t: (-result.summary.of_type(t).core, t))
    rows = [list(TYPE_COLUMNS)]
    for t in types:
        c = result.summary.by_type.get(t)
        s = sent.by_type.get(t)
        if c is None:
            continue
        rows.append([t, str(c.core), str(c.matched_core), str(c.predictions), _pct(c.precision),
                     _pct(c.recall), _pct(f1(c.precision, c.recall)), str(c.duplicates),
                     str(c.trap_violations), _pct(s.precision if s else None),
                     _pct(s.recall if s else None), str(s.traps if s else 0)])
    tot = sent.total
    rows.append(["all", str(result.summary.core), str(result.summary.matched_core),
                 str(result.summary.predictions), _pct(result.summary.precision),
                 _pct(result.summary.core_recall), _pct(result.summary.f1),
                 str(result.summary.duplicates), str(result.summary.trap_violations),
                 _pct(tot.precision), _pct(tot.recall), str(tot.traps)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(TYPE_COLUMNS))]

    def line(r: list[str]) -> str:
        return "  ".join([r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])])

    out = [line(rows[0]), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows[1:-1]]
    out += ["  ".join("-" * w for w in widths), line(rows[-1])]
    extra = result.summary.extra
    out.append("diagnostics: " + ", ".join(
        f"{name} {_pct(t.accuracy)} ({t.correct}/{t.n})" for name, t in extra.items()))
    return "\n".join(out)


def format_summary(result: EvalResult) -> str:
    s = result.summary
    lines = [
        f"documents:         {len(result.per_doc)}",
        f"core recall:       {_pct(s.core_recall)} ({s.matched_core}/{s.core} core events)",
        f"precision:         {_pct(s.precision)} ({s.paired}/{s.predictions} scored predictions)",
        f"F1:                {_pct(s.f1)}",
        f"duplicates:        {s.duplicates}",
        f"unpaired:          {s.unpaired}",
        f"trap violations:   {s.trap_violations}",
        f"not asserted:      {s.ignored} (predictions ignored)",
    ]
    for name in ARGUMENTS:
        t: Tally = getattr(s, name)
        label = f"{name} accuracy:".ljust(19)
        lines.append(f"{label}{_pct(t.accuracy)} ({t.correct}/{t.n} correct, n={t.n})")
    lines += [f"note: {n}" for n in result.notes]
    return "\n".join(lines)


def to_json(result: EvalResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


def write_json(result: EvalResult, path: Path | str) -> None:
    Path(path).write_text(to_json(result), encoding="utf-8")
