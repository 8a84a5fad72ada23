"""Human-readable account of why each event and argument was produced (``--explain``)."""
from __future__ import annotations

from rasad.schema import Document, Event

_ORDER = ("trigger", "merged", "modality", "actor1", "actor2", "location", "date", "counts")


def _value(ev: Event, field: str) -> str:
    if field in ("actor1", "actor2"):
        a = getattr(ev, field)
        return f"{a.name or '?'} [{a.id or '-'}] «{a.text}»" if a else "null"
    if field == "location":
        p = ev.location
        return (f"{p.name or p.name_ar or p.text} ({p.feature}, {p.admin1 or '-'}, {p.country}, "
                f"precision {p.geo_precision})") if p else "null"
    if field == "date":
        return f"{ev.date.value} ({ev.date.precision})" if ev.date else "null"
    if field == "modality":
        return ev.modality
    if field == "counts":
        return f"killed={ev.fatalities} injured={ev.injured} arrested={ev.arrested}"
    return ""


def explain_event(ev: Event) -> str:
    lines = [f"  {ev.type}/{ev.mode or '-'} {ev.modality}  id={ev.id}  confidence={ev.confidence}"]
    for field in _ORDER:
        if field in ev.explain:
            value = _value(ev, field)
            lines.append(f"    {field:9} {value + ' <- ' if value else ''}{ev.explain[field]}")
    if ev.attribution:
        lines.append(f"    source    {ev.attribution.source} «{ev.attribution.text}»")
    for span in ev.evidence_spans or ([ev.evidence] if ev.evidence else []):
        lines.append(f"    evidence  [{span.start}:{span.end}] {span.text[:160]}")
    return "\n".join(lines)


def explain_document(doc: Document) -> str:
    head = f"== {doc.id}: {len(doc.events)} events"
    body = [explain_event(ev) for ev in doc.events]
    return "\n".join([head, *body]) + "\n"
