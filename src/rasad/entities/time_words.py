"""Word tables of time expressions, loaded once from ``resources/entities/``.

``months.json`` (Gregorian month names of the Levant, Egypt/Gulf and the Maghreb; Hijri
months), ``weekdays.json``, ``time_of_day.json`` and ``relative_dates.json``, keyed by the
match key of each word (:func:`rasad.entities.wordmatch.key_of`). Phrase tables are
:class:`~rasad.entities.wordmatch.PhraseTable` for :func:`~rasad.entities.wordmatch.match_phrase`.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from rasad import resources
from rasad.entities.wordmatch import PhraseTable, key_of, phrase_table


@cache
def time_words() -> dict[str, Any]:
    """Tables by name; ``first_words`` holds the stems an expression can start with."""
    months = resources.load_json("entities", "months.json")
    week = resources.load_json("entities", "weekdays.json")
    tod = resources.load_json("entities", "time_of_day.json")
    rel = resources.load_json("entities", "relative_dates.json")
    ambiguous = {key_of(w) for w in months["ambiguous"]}
    month_table: dict[tuple[str, ...], tuple[str, int, bool]] = {}
    for cal in ("gregorian", "hijri"):
        for num, names in months[cal].items():
            for name in names:
                k = tuple(key_of(name).split())
                month_table.setdefault(k, (cal, int(num), key_of(name) in ambiguous))
    adjectives = {key_of(w): kind for kind, ws in rel["adjectives"].items() for w in ws}
    out: dict[str, Any] = {
        "months": PhraseTable(month_table),
        "month_cues": {key_of(w) for w in months["month_cues"]},
        "year_cues": {key_of(w) for w in months["year_cues"]},
        "year_words": {key_of(w): True for w in months["year_words"]},
        "greg_era": {key_of(w) for w in months["gregorian_era"]},
        "hijri_era": {key_of(w) for w in months["hijri_era"]},
        "weekdays": {key_of(w): n for w, n in week["weekdays"].items()},
        "number_before": {key_of(w) for w in week["number_before"]},
        "day_cues": {key_of(w): True for w in week["day_cues"]},
        "tod_before": PhraseTable({tuple(key_of(w).split()): v for w, v in tod["before"].items()}),
        "tod_after": {key_of(w): v for w, v in tod["after"].items()},
        "relative": PhraseTable({tuple(key_of(w).split()): tuple(v) for w, v in rel["phrases"].items()}),
        "blockers": {key_of(w) for w in rel["today_blockers_after"]},
        "adjectives": adjectives,
        "from": phrase_table(["من"]),
        "agree": phrase_table(["الموافق", "الموافق ل", "موافق"]),
    }
    out["first_words"] = (
        {k[0] for t in ("tod_before", "relative", "months") for k in out[t]}
        | set(out["day_cues"]) | set(out["year_words"]) | out["month_cues"]
        | {"ال" + w for w in out["weekdays"]}
    )
    return out
