"""Cardinal quantities: digits, number words, duals of count nouns and vague amounts.

``find_quantities`` is a pure function over a :class:`~rasad.text.normalize.MappedText`;
the ``numbers`` stage stores its result in ``doc.quantities``. All matching runs on the
match key of the normalised text (``match_key`` keeps lengths, so offsets agree) and every
span is mapped back to the original text. The value of a numeral comes from
:mod:`rasad.entities.numerals`; this module decides which numerals are quantities.

Choices (see ``resources/entities/numbers.json`` for the word lists):

- A qualifier phrase before the number belongs to the span: ``أكثر من 100`` is one
  quantity (value 100, ``at_least``); ``أقل من 5`` is ``at_most`` with the value as written.
- Vague plurals get a deliberately low floor and ``at_least``: ``عشرات`` = 20, ``مئات`` = 200,
  ``آلاف`` = 2000, ``عشرات الآلاف`` = 20000, ``بضعة``/``عدة`` = 3; ``عدد من`` has no value
  (``unknown``).
- Not quantities (skipped): anything inside a time expression (years, dates, weekdays:
  ``عام 2015``, ``10 تموز``, ``يوم الاثنين``), clock times (``الساعة 5``, ``10:30``),
  percentages, labels (``القرار 2254``, ``الفرقة 17``), ordinals (``الثالث عشر``), numbers
  followed by a unit of time, length, weight or money, and decimals without a scale word.
- ``1.500`` (one group of three digits after a dot) is read as 1500, as Arabic news writes it.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from typing import Any

from rasad.config import Config
from rasad.entities.numerals import (
    combine, components, item_at, number_data, parse_digits, parse_number_words,
)
from rasad.entities.wordmatch import (
    PhraseTable, adjacent, analyses, clitic_skip, has_article, key_of, key_tokens, lookup,
    match_phrase, phrase_table,
)
from rasad.pipeline import stage
from rasad.schema import Document, Quantity
from rasad.text.normalize import MappedText, key_text
from rasad.text.segment import Token
from rasad.text.spans import SpanSet

__all__ = ["find_quantities", "numbers", "parse_digits", "parse_number_words"]

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- context tables

@cache
def _tables() -> dict[str, Any]:
    d = number_data()
    return {
        "before": {q: phrase_table(ps, q) for q, ps in d["qualifiers_before"].items()},
        "after": PhraseTable({k: v for q, ps in d["qualifiers_after"].items()
                              for k, v in phrase_table(ps, q).items()}),
        "vague_phrases": phrase_table(d["vague_phrases"]),
        "percent": phrase_table(d["percent_after"]),
        "ordinal": {key_of(w) for w in d["ordinal_words"]},
        "prev_block": {key_of(w) for w in d["time_cues_before"] + d["label_cues_before"]},
        "units_after": {key_of(w): True for w in d["non_count_units_after"]},
    }


# ---------------------------------------------------------------- finding quantities

def find_quantities(mapped: MappedText, exclude: Iterable[tuple[int, int]] | None = None) -> list[Quantity]:
    """Quantities in ``mapped`` with original offsets.

    ``exclude`` lists original spans that are not quantities (time expressions); by
    default they are found with :func:`rasad.entities.dates.find_times`.
    """
    if exclude is None:
        from rasad.entities.dates import find_times  # here: importing numbers leaves dates unregistered

        exclude = [(t.start, t.end) for t in find_times(mapped, None)]
    holes = SpanSet(exclude)
    keytext = key_text(mapped.text)
    toks = key_tokens(keytext)
    items = [item_at(t) for t in toks]
    tb = _tables()
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        found = _quantity_at(mapped, keytext, toks, items, i, holes, tb)
        if found is None:
            i += 1
            continue
        q, i = found
        out.append(q)
    return out


def _quantity_at(mapped, keytext, toks, items, i, holes, tb) -> tuple[Quantity, int] | None:
    vague_phrase = match_phrase(toks, i, tb["vague_phrases"], keytext)
    if vague_phrase is not None:
        n, pre, _ = vague_phrase
        return _make(mapped, toks, i, i + n, clitic_skip(pre), None, "unknown", True), i + n
    if items[i] is None:
        return None
    comps = components(items, i)
    entry = items[i].entry
    if entry.kind == "dual":
        end = i + 1
        nxt = items[end] if end < len(items) else None
        if nxt is not None and nxt.entry.kind == "unit" and nxt.entry.value == 2 and adjacent(toks, i, end + 1, keytext):
            end += 1  # قتيلين اثنين
        return _make(mapped, toks, i, end, clitic_skip(items[i].prefix), 2, "exact"), end
    # only components separated by spaces belong together
    j = i
    for n_comp, (w, _, _) in enumerate(comps):
        if not adjacent(toks, max(i, j - 1), j + w, keytext):  # the gaps this component adds
            comps = comps[:n_comp]
            break
        j += w
    got = combine(comps)
    if got is None:
        return None
    value, used, vague = got
    end = i + used
    if match_phrase(toks, i, tb["percent"], keytext, 1) or (
            i > 0 and match_phrase(toks, i - 1, tb["percent"], keytext, 2)):
        return None  # في المئة, بالمئة
    if _blocked(mapped, keytext, toks, i, end, holes, tb, entry):
        return None
    qualifier = "at_least" if vague else "exact"
    start_tok, skip = i, clitic_skip(items[i].prefix)
    if not vague:
        before = _qualifier_before(toks, i, keytext, tb["before"])
        if before is not None:
            qualifier, start_tok, skip = before
    stop = end
    after = match_phrase(toks, end, tb["after"], keytext) if end < len(toks) else None
    if after is not None and not vague and adjacent(toks, end - 1, end + 1, keytext):
        qualifier, stop = after[2], end + after[0]
    elif end + 1 < len(toks) and not vague:
        later = match_phrase(toks, end + 1, tb["after"], keytext)
        if later is not None and later[2] != "exact" and adjacent(toks, end - 1, end + 2, keytext):
            qualifier = later[2]  # 10 أشخاص على الأقل: the noun sits between
    return (_make(mapped, toks, start_tok, stop, skip, int(value), qualifier, vague),
            end if stop == end else stop)


def _qualifier_before(toks, i, keytext, tables) -> tuple[str, int, int] | None:
    """The longest qualifier phrase ending right before token ``i``."""
    for n in range(min(4, i), 0, -1):
        if not adjacent(toks, i - n, i + 1, keytext):
            continue
        for q, table in tables.items():
            hit = match_phrase(toks, i - n, table, keytext, n)
            if hit is not None:
                return q, i - n, clitic_skip(hit[1])
    return None


def _blocked(mapped, keytext, toks, i, end, holes, tb, entry) -> bool:
    s, e = mapped.to_original(toks[i].start, toks[end - 1].end)
    if holes.overlaps(s, e):
        return True
    if i > 0:
        prev = toks[i - 1].text
        if any(stem in tb["prev_block"] for _, stem in analyses(prev)):
            return True
        if has_article(prev[:2]) and lookup(prev, tb["units_after"]) is not None:
            return True  # الساعات الـ24 الماضية
        if entry.kind == "ten" and any(stem in tb["ordinal"] for _, stem in analyses(prev)):
            return True  # الحادي عشر
        gap = keytext[toks[i - 1].end:toks[i].start]
        if gap.strip() in ("/", ":") and entry.kind == "digit":
            return True
    rest = keytext[toks[end - 1].end:toks[end - 1].end + 3]
    if rest[:1] in ("/", ":") and rest[1:2].isdigit() or rest.lstrip()[:1] in ("%", "\u066a"):
        return True
    if end < len(toks):
        if lookup(toks[end].text, tb["units_after"]) is not None and adjacent(toks, end - 1, end + 1, keytext):
            return True
        if match_phrase(toks, end, tb["percent"], keytext) is not None:
            return True
    return False


def _make(mapped: MappedText, toks: list[Token], i: int, end: int, skip: int,
          value: int | None, qualifier: str, vague: bool = False) -> Quantity:
    s, e = mapped.to_original(toks[i].start + skip, toks[end - 1].end)
    return Quantity(mapped.original[s:e], s, e, value, qualifier, vague)


# ---------------------------------------------------------------- stage

@stage("numbers", requires=("norm", "removed"), assigns=("quantities",), optional=("times",))
def numbers(doc: Document, config: Config) -> Document:
    """Quantities outside removed boilerplate and outside time expressions: those of the
    ``dates`` stage when it ran before (none found there: none to exclude, not a second
    search), else found here."""
    names = list(config.pipeline)  # optional field: assigned only when dates ran before
    dated = "dates" in names[:names.index("numbers")] if "numbers" in names else bool(doc.times)
    exclude = [(t.start, t.end) for t in doc.times] if dated else None
    found = find_quantities(doc.norm, exclude)
    removed = SpanSet((r.start, r.end) for r in doc.removed)
    doc.quantities = sorted((q for q in found if not removed.overlaps(q.start, q.end)),
                            key=lambda q: (q.start, q.end))  # text order
    return doc
