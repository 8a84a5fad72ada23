"""Scoring predictions against gold (EVENTS.md §4).

``evaluate(gold_dir, predictions) -> EvalResult``; ``format_table(result)`` for the text
report and ``EvalResult.to_dict()`` / ``to_json(result)`` for JSON.
"""
from rasad.eval.gold import GoldDoc, GoldEvent, Trap, load_gold
from rasad.eval.predictions import load_predictions
from rasad.eval.report import format_summary, format_table, to_json, write_json
from rasad.eval.score import Counts, DocResult, EvalResult, Pair, Tally, evaluate, score

__all__ = [
    "Counts", "DocResult", "EvalResult", "GoldDoc", "GoldEvent", "Pair", "Tally", "Trap",
    "evaluate", "format_summary", "format_table", "load_gold", "load_predictions", "score",
    "to_json", "write_json",
]
