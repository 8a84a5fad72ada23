"""PLOVER type/mode -> ACLED event_type/sub_event_type (EVENTS.md §1), as data."""
from __future__ import annotations

from functools import cache

from rasad import resources
from rasad.schema import AcledType, Actor

# Violence by an armed actor against people who are not fighting is ACLED's
# "Violence against civilians", whatever the weapon of a direct attack.
_DIRECT_MODES = {None, "firearms", "targeted"}


@cache
def _table() -> dict[tuple[str, str], tuple[str, str]]:
    table = {}
    for line in resources.read_lines("events", "acled.tsv"):
        etype, mode, event_type, sub = line.split("\t")
        table[(etype, mode)] = (event_type, sub)
    return table


def acled_type(etype: str, mode: str | None, target: Actor | None = None) -> AcledType | None:
    if etype == "ASSAULT" and mode in _DIRECT_MODES and target is not None \
            and target.kind == "civilians":
        return AcledType("Violence against civilians", "Attack")
    found = _table().get((etype, mode or "*")) or _table().get((etype, "*"))
    return AcledType(*found) if found else None
