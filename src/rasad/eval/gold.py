"""Loading and validating gold annotation files (EVENTS.md §3).

Every problem is a :class:`rasad.errors.GoldError` naming the file and, where it applies,
the event or trap index, so an annotator can fix the file from the message alone.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.errors import GoldError
from rasad.eval.match import TextKey, actor_names
from rasad.schema import PLOVER_TYPES

TIERS = ("core", "optional")
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
_COUNTS = ("fatalities", "injured", "arrested")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    index: int
    tier: str
    type: str
    evidence: tuple[str, ...]
    keys: tuple[TextKey, ...]
    actor1: dict | None
    actor1_names: frozenset[str]
    actor2: dict | None
    actor2_names: frozenset[str]
    mode: str | None
    location: dict | None
    date: str | None
    date_precision: str
    fatalities: int | None
    injured: int | None
    arrested: int | None

    @property
    def core(self) -> bool:
        return self.tier == "core"


@dataclass(frozen=True, slots=True)
class Trap:
    index: int
    type: str
    evidence: str
    key: TextKey
    why: str | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    doc_id: str
    published: str | None
    events: tuple[GoldEvent, ...]
    traps: tuple[Trap, ...]
    source: str

    @property
    def n_core(self) -> int:
        return sum(e.core for e in self.events)


def load_gold(path: Path | str) -> dict[str, GoldDoc]:
    """All gold documents of a directory of ``<doc_id>.json`` files (or one file), by id."""
    path = Path(path)
    if not path.exists():
        raise GoldError(str(path), "gold directory does not exist")
    files = [path] if path.is_file() else sorted(path.glob("*.json"))
    if not files:
        raise GoldError(str(path), "no gold files (*.json) in this directory")
    docs: dict[str, GoldDoc] = {}
    for f in files:
        doc = load_gold_file(f)
        if doc.doc_id in docs:
            raise GoldError(f.name, f"doc_id '{doc.doc_id}' also in {docs[doc.doc_id].source}")
        docs[doc.doc_id] = doc
    return docs


def load_gold_file(path: Path) -> GoldDoc:
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldError(name, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise GoldError(name, f"cannot read ({exc.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(name, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    doc = parse_gold(data, name)
    if path.suffix == ".json" and path.stem != doc.doc_id:
        raise GoldError(name, f"doc_id '{doc.doc_id}' does not match the file name")
    return doc


def parse_gold(data: Any, source: str) -> GoldDoc:
    """Validate one gold object and build its :class:`GoldDoc`."""
    if not isinstance(data, dict):
        raise GoldError(source, "top level must be a JSON object")
    doc_id = data.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        raise GoldError(source, "missing or empty 'doc_id'")
    events = data.get("events")
    if not isinstance(events, list):
        raise GoldError(source, "'events' must be a list")
    traps = data.get("traps", [])
    if not isinstance(traps, list):
        raise GoldError(source, "'traps' must be a list")
    published = data.get("published")
    if published is not None and not isinstance(published, str):
        raise GoldError(source, "'published' must be a string or null")
    return GoldDoc(
        doc_id=doc_id,
        published=published,
        events=tuple(_event(e, i, source) for i, e in enumerate(events)),
        traps=tuple(_trap(t, i, source) for i, t in enumerate(traps)),
        source=source,
    )


def _type(value: Any, where: str, source: str) -> str:
    if value not in PLOVER_TYPES:
        raise GoldError(source, f"{where}: unknown type {value!r} (expected a PLOVER type)")
    return value


def _event(e: Any, i: int, source: str) -> GoldEvent:
    where = f"event {i}"
    if not isinstance(e, dict):
        raise GoldError(source, f"{where}: must be an object")
    tier = e.get("tier")
    if tier not in TIERS:
        raise GoldError(source, f"{where}: 'tier' must be 'core' or 'optional', not {tier!r}")
    evidence = e.get("evidence")
    if (not isinstance(evidence, list) or not evidence
            or not all(isinstance(s, str) and s.strip() for s in evidence)):
        raise GoldError(source, f"{where}: 'evidence' must be a non-empty list of non-empty strings")
    for role in ("actor1", "actor2"):
        actor = e.get(role)
        if actor is None:
            continue
        if not isinstance(actor, dict):
            raise GoldError(source, f"{where}: '{role}' must be an object or null")
        aliases = actor.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise GoldError(source, f"{where}: '{role}.aliases' must be a list of strings")
    actor1, actor2 = e.get("actor1"), e.get("actor2")
    mode = e.get("mode")
    if mode is not None and not isinstance(mode, str):
        raise GoldError(source, f"{where}: 'mode' must be a string or null")
    location = e.get("location")
    if location is not None:
        if not isinstance(location, dict):
            raise GoldError(source, f"{where}: 'location' must be an object or null")
        for f in ("lat", "lon"):
            v = location.get(f)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)):
                raise GoldError(source, f"{where}: 'location.{f}' must be a number or null")
        if (location.get("lat") is None) != (location.get("lon") is None):
            raise GoldError(source, f"{where}: 'location' needs both lat and lon, or neither")
    date = e.get("date")
    if date is not None and not isinstance(date, str):
        raise GoldError(source, f"{where}: 'date' must be a string or null")
    precision = e.get("date_precision", "unknown" if date is None else None)
    if precision not in DATE_PRECISIONS:
        raise GoldError(source, f"{where}: 'date_precision' must be one of {', '.join(DATE_PRECISIONS)}")
    counts = {}
    for f in _COUNTS:
        v = e.get(f)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            raise GoldError(source, f"{where}: '{f}' must be a non-negative integer or null")
        counts[f] = v
    return GoldEvent(
        index=i, tier=tier, type=_type(e.get("type"), where, source),
        evidence=tuple(evidence), keys=tuple(TextKey.of(s) for s in evidence),
        actor1=actor1, actor1_names=actor_names(actor1), actor2=actor2,
        actor2_names=actor_names(actor2), mode=mode, location=location,
        date=date, date_precision=precision, **counts,
    )


def _trap(t: Any, i: int, source: str) -> Trap:
    where = f"trap {i}"
    if not isinstance(t, dict):
        raise GoldError(source, f"{where}: must be an object")
    evidence = t.get("evidence")
    if not isinstance(evidence, str) or not evidence.strip():
        raise GoldError(source, f"{where}: 'evidence' must be a non-empty string")
    return Trap(index=i, type=_type(t.get("type"), where, source), evidence=evidence,
                key=TextKey.of(evidence), why=t.get("why"))
