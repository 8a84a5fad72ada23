"""Event filters and the SQL they become (parameters always bound, never formatted in)."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any


@dataclass(slots=True)
class EventFilter:
    """What to select; every field is optional and ``None`` means "any".

    ``type``, ``modality``, ``country`` and ``outlet`` accept one value, a comma-separated
    string or a list; ``actor`` matches an actor id exactly or a substring of its English
    or Arabic name or surface text; ``admin1`` ignores case and punctuation ("deir ez zor"
    finds "Deir ez-Zor"); ``date_from``/``date_to`` (ISO dates, inclusive) keep events whose
    date window overlaps them; ``text`` is a substring of the evidence, matched also after
    Arabic normalisation (alef/yeh/teh marbuta/diacritics).
    """

    type: str | list[str] | None = None
    modality: str | list[str] | None = None
    country: str | list[str] | None = None
    admin1: str | list[str] | None = None
    actor: str | None = None
    actor_ids: list[str] | None = None  # the actor's ids (with its aliases' and successors')
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | list[str] | None = None
    min_sources: int | None = None
    text: str | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> EventFilter:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names and v not in (None, "")})


def _values(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [str(v).strip() for v in items if str(v).strip()]


def like_literal(value: str) -> str:
    """``value`` matched literally inside a LIKE pattern: ``%`` and ``_`` are no wildcards."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fold(name: str) -> str:
    """Case- and punctuation-free key for place names (same as the SQL in :func:`where`)."""
    return re.sub(r"[^0-9a-z\u0600-\u06ff]", "", name.lower())


def _iso(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a date YYYY-MM-DD") from None


def where(f: EventFilter, e: str = "e", d: str = "d", i: str = "i") -> tuple[str, list[Any]]:
    """A WHERE clause over events ``e`` joined to documents ``d`` and incidents ``i``."""
    conds: list[str] = []
    params: list[Any] = []

    def one_of(column: str, values: list[str]) -> None:
        if values:
            conds.append(f"lower({column}) IN ({', '.join('?' * len(values))})")
            params.extend(v.lower() for v in values)

    one_of(f"{e}.type", _values(f.type))
    one_of(f"{e}.modality", _values(f.modality))
    one_of(f"{e}.country", _values(f.country))
    one_of(f"{d}.outlet", _values(f.outlet))
    admin1 = _values(f.admin1)
    if admin1:
        conds.append(f"regexp_replace(lower({e}.admin1), '[^0-9a-z\u0600-\u06ff]', '', 'g') "
                     f"IN ({', '.join('?' * len(admin1))})")
        params.extend(fold(a) for a in admin1)
    if f.actor:
        sub = f"%{like_literal(f.actor.lower())}%"
        parts = []
        if f.actor_ids:
            marks = ", ".join("?" * len(f.actor_ids))
            parts += [f"{e}.actor1_id IN ({marks})", f"{e}.actor2_id IN ({marks})"]
            params += [*f.actor_ids, *f.actor_ids]
        for n in (1, 2):
            parts.append(f"lower({e}.actor{n}_id) = ?")
            params.append(f.actor.lower())
            for col in ("name", "name_ar", "text"):
                parts.append(f"lower({e}.actor{n}_{col}) LIKE ? ESCAPE '\\'")
                params.append(sub)
        conds.append("(" + " OR ".join(parts) + ")")
    if f.date_from:
        conds.append(f"{e}.date_to >= ?")
        params.append(_iso(f.date_from, "date_from"))
    if f.date_to:
        conds.append(f"{e}.date_from <= ?")
        params.append(_iso(f.date_to, "date_to"))
    if f.min_sources:
        conds.append(f"coalesce({i}.n_sources, 0) >= ?")
        params.append(int(f.min_sources))
    if f.text:
        from rasad.text.normalize import match_key, normalize

        conds.append(f"(lower({e}.evidence_text) LIKE ? ESCAPE '\\' "
                     f"OR {e}.evidence_key LIKE ? ESCAPE '\\')")
        params += [f"%{like_literal(f.text.lower())}%",
                   f"%{like_literal(match_key(normalize(f.text).text))}%"]
    return (" AND ".join(conds) or "TRUE"), params
