"""What a user types as a filter -> an :class:`~rasad.store.filters.EventFilter`, one
parser for the command line and the API, so both read values the same way.

- Events are asserted ones unless ``modality`` says otherwise (``all`` for every one).
- ``type`` and ``modality`` take known values only; ``country`` takes ISO alpha-3 codes or
  country names in English or Arabic; ``admin1`` English or Arabic governorate names;
  ``actor`` an id, a name or any alias in the actor dictionary (``قسد`` finds SDF events).
- A value that matches nothing known is an error that suggests close ones, never an empty
  result; dates must be calendar dates with ``date_from`` not after ``date_to``.
"""
from __future__ import annotations

import difflib
from functools import cache
from typing import Any

from rasad.errors import UsageError
from rasad.schema import MODALITIES, PLOVER_TYPES
from rasad.store.filters import EventFilter, _iso, _values, fold

ALL = "all"
DEFAULT_MODALITY = "asserted"


class FilterError(UsageError):
    """A filter value rasad does not know (with suggestions)."""


# words users bring from ACLED and CAMEO, for suggestions only
_TYPE_HINTS = {"ATTACK": "ASSAULT", "BATTLE": "ASSAULT", "BATTLES": "ASSAULT",
               "VIOLENCE": "ASSAULT", "EXPLOSION": "ASSAULT", "AIRSTRIKE": "ASSAULT",
               "ARREST": "COERCE", "ARRESTS": "COERCE", "RIOT": "PROTEST", "RIOTS": "PROTEST",
               "PROTESTS": "PROTEST", "DEMONSTRATION": "PROTEST", "FIGHT": "ASSAULT",
               "WITHDRAW": "RETREAT", "DEPLOY": "MOBILIZE", "THREAT": "THREATEN"}


def _unknown(name: str, value: str, known: list[str]) -> FilterError:
    hinted = _TYPE_HINTS.get(value.upper()) if name == "type" else None
    close = [hinted] if hinted else difflib.get_close_matches(value, known, n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    shown = ", ".join(known[:20]) + (", ..." if len(known) > 20 else "")
    return FilterError(f"--{name.replace('_', '-')}",
                       f"unknown value {value!r} ({hint}known: {shown})")


@cache
def _places() -> tuple[dict[str, str], dict[str, set[str]], list[str], list[str]]:
    """Country name/code -> ISO3; folded admin1 name (English or Arabic) -> English names;
    and the names suggestions are drawn from."""
    from rasad.geo.gazetteer import default_gazetteer

    con = default_gazetteer()._con
    countries: dict[str, str] = {}
    country_names = set()
    for name, name_ar, iso in con.execute(
            "SELECT name, name_ar, country FROM places WHERE feature='country'"):
        if name:
            country_names.add(name)
        for n in (iso, name, name_ar):
            if n:
                countries.setdefault(fold(n), iso)
    admin1: dict[str, set[str]] = {}
    for name, name_ar, adm in con.execute(
            "SELECT name, name_ar, admin1 FROM places WHERE feature='admin1' AND admin1 != ''"):
        for n in (name, name_ar, adm):
            if n:
                admin1.setdefault(fold(n), set()).add(adm)
    admin1_names = sorted({a for names in admin1.values() for a in names})
    return countries, admin1, sorted(country_names), admin1_names


def countries(values: list[str]) -> list[str]:
    table, _, names, _ = _places()
    out = []
    for v in values:
        iso = table.get(fold(v))
        if iso is None:
            raise _unknown("country", v, names)
        out.append(iso)
    return out


def admin1_names(value: str) -> list[str]:
    _, table, _, names = _places()
    found = table.get(fold(value))
    if not found:
        raise _unknown("admin1", value, names)
    return sorted(found)


def actor_ids(value: str) -> list[str]:
    """Ids of the actors whose id, English name or any dictionary alias is ``value``
    (after the dictionary's normalisation), e.g. ``قسد`` -> SDF."""
    from rasad.entities.actors_lexicon import hits, lexicon, squeeze
    from rasad.text.normalize import key_text, normalize

    lex = lexicon()
    want = value.strip()
    ids = {a.id for a in lex.actors.values()
           if want.lower() in (a.id.lower(), (a.name or "").lower(), (a.long_name or "").lower())}
    view = squeeze(key_text(normalize(want).text)).text.strip()
    for start, end, _prefix, entry, stripped in hits(lex.automaton, view):
        if start == 0 and end == len(view):
            ids.update(c.id for c in (entry.stripped if stripped else entry.plain))
    # an identity's successors and predecessors are the same actor to a user (SYR_GOV, SYR_TRANS_GOV)
    for a in list(lex.actors.values()):
        if a.id in ids and a.successor:
            ids.add(a.successor)
        if a.successor in ids:
            ids.add(a.id)
    return sorted(ids)


def parse_filter(values: dict[str, Any]) -> EventFilter:
    """The filter for ``values`` (strings as typed; missing or empty means "any")."""
    v = {k: x for k, x in values.items() if x not in (None, "")}
    types = [t.upper() for t in _values(v.get("type"))]
    for t in types:
        if t not in PLOVER_TYPES:
            raise _unknown("type", t, list(PLOVER_TYPES))
    modality = [m.lower() for m in _values(v.get("modality", DEFAULT_MODALITY))]
    if ALL in modality:
        modality = []
    for m in modality:
        if m not in MODALITIES:
            raise _unknown("modality", m, [*MODALITIES, ALL])
    date_from, date_to = v.get("date_from"), v.get("date_to")
    for name, day in (("from", date_from), ("to", date_to)):
        if day is not None:
            try:
                _iso(str(day), f"--{name}")
            except ValueError as exc:
                raise FilterError(f"--{name}", str(exc)) from None
    if date_from and date_to and str(date_from)[:10] > str(date_to)[:10]:
        raise FilterError("--from", f"{date_from} is after --to {date_to}")
    min_sources = v.get("min_sources")
    if min_sources is not None and int(min_sources) < 1:
        raise FilterError("--min-sources", f"{min_sources} is not a positive number")
    actor = v.get("actor")
    return EventFilter(
        type=types or None, modality=modality or None,
        country=countries(_values(v.get("country"))) or None,
        admin1=admin1_names(str(v["admin1"])) if "admin1" in v else None,
        actor=actor, actor_ids=actor_ids(str(actor)) if actor else None,
        date_from=date_from and str(date_from)[:10], date_to=date_to and str(date_to)[:10],
        outlet=_values(v.get("outlet")) or None,
        min_sources=int(min_sources) if min_sources is not None else None, text=v.get("text"))
