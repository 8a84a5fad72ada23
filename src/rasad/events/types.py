"""Per-type behaviour of event coding, from ``resources/events/types.toml`` (one table)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from rasad import resources
from rasad.schema import PLOVER_TYPES


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    material: bool = False
    counts: tuple[str, ...] = ()
    targeted: bool = False
    civilian_victims: bool = False
    after_attack: bool = False
    in_attack: bool = False
    kept_modes: tuple[str, ...] = ()
    accidents: bool = False
    outcome: bool = False
    riot: bool = False
    adjectival_agent: bool = False
    crime: bool = False

    def part_of_attack(self, mode: str | None) -> bool:
        """Inside an asserted attack report, is an event of this type part of the attack?"""
        return self.in_attack and mode not in self.kept_modes


@cache
def table() -> dict[str, EventType]:
    data = tomllib.loads(resources.read_text("events", "types.toml"))
    out = {}
    for name in PLOVER_TYPES:
        spec = dict(data.get(name, {}))
        for k in ("counts", "kept_modes"):
            if k in spec:
                spec[k] = tuple(spec[k])
        out[name] = EventType(name, **spec)
    unknown = set(data) - set(PLOVER_TYPES)
    if unknown:
        raise ValueError(f"types.toml: unknown types {sorted(unknown)}")
    return out


def event_type(name: str) -> EventType:
    return table()[name]


def count_roles(name: str) -> tuple[str, ...]:
    return table()[name].counts
