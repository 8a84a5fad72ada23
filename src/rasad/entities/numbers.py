"""Cardinal quantities: digits, number words, duals of count nouns and vague amounts.

``find_quantities`` is a pure function over a :class:`~rasad.text.normalize.MappedText`;
the ``numbers`` stage stores its result in ``doc.quantities``. All matching runs on the
match key of the normalised text (``match_key`` keeps lengths, so offsets agree) and every
span is mapped back to the original text.

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
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rasad import resources
from rasad.config import Config
from rasad.pipeline import stage
from rasad.schema import Document, Quantity
from rasad.text.normalize import MappedText, match_key, normalize
from rasad.text.segment import prefix_ok, split_clitics, tokens

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- shared token helpers

@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    text: str  # match key of the token


def key_of(word: str) -> str:
    """Matching key of one word or phrase (normalised, letters unified, spaces collapsed)."""
    return " ".join(match_key(normalize(word).text).split())


def key_tokens(keytext: str) -> list[Tok]:
    return [Tok(t.start, t.end, t.text) for t in tokens(keytext)]


@lru_cache(maxsize=65536)
def analyses(word: str, *, min_stem: int = 3) -> tuple[tuple[str, str], ...]:
    """``(proclitics, stem)`` readings of ``word``: the literal word first."""
    out = [("", word)]
    for pre, stem, suf in split_clitics(word)[1:]:
        if not suf and pre and len(stem) >= min_stem:
            out.append((pre, word[len(pre):]))
            if stem != word[len(pre):]:
                out.append((pre, stem))  # للتحالف -> ل + التحالف
    return tuple(out)


def lookup(word: str, table: dict[str, Any], *, article: bool = True,
           min_stem: int = 3) -> tuple[str, Any] | None:
    """First reading of ``word`` whose stem is in ``table``: ``(proclitics, value)``."""
    for pre, stem in analyses(word, min_stem=min_stem):
        if stem in table and (article or not _has_article(pre)):
            return pre, table[stem]
    return None


def _has_article(prefix: str) -> bool:
    return prefix.endswith("ال") or prefix.endswith("لل")


def clitic_skip(prefix: str) -> int:
    """Characters of ``prefix`` left out of a span: conjunctions and prepositions, not ال."""
    if prefix.endswith("ال"):
        return len(prefix) - 2
    if prefix.endswith("لل"):
        return len(prefix) - 1
    return len(prefix)


def phrase_table(phrases: Iterable[str], value: Any = True) -> dict[tuple[str, ...], Any]:
    return {tuple(key_of(p).split()): value for p in phrases if key_of(p)}


def match_phrase(toks: list[Tok], i: int, table: dict[tuple[str, ...], Any], keytext: str,
                 n: int | None = None) -> tuple[int, str, Any] | None:
    """Longest phrase of ``table`` starting at token ``i`` (``n`` tokens if given).

    The first word may carry proclitics; words must be separated by spaces only.
    Returns ``(number of tokens, proclitics, value)``.
    """
    longest = max((len(k) for k in table), default=0)
    sizes = [n] if n is not None else range(min(longest, len(toks) - i), 0, -1)
    for size in sizes:
        if size <= 0 or i + size > len(toks) or not adjacent(toks, i, i + size, keytext):
            continue
        rest = tuple(t.text for t in toks[i + 1:i + size])
        for pre, stem in analyses(toks[i].text, min_stem=2):
            if (stem, *rest) in table:
                return size, pre, table[(stem, *rest)]
    return None


def adjacent(toks: list[Tok], i: int, j: int, keytext: str) -> bool:
    """Are tokens ``i .. j-1`` separated by whitespace only?"""
    return all(not keytext[toks[k - 1].end:toks[k].start].strip() for k in range(i + 1, j))


# ---------------------------------------------------------------- lexicon

@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # unit teen_only ten tens hundred scale plural vague dual
    value: int | None
    scale: int = 1
    plain100: bool = False


@cache
def _data() -> dict:
    return resources.load_json("entities", "numbers.json")


@cache
def lexicon() -> dict[str, Entry]:
    d = _data()
    lex: dict[str, Entry] = {}

    def put(word: str, entry: Entry) -> None:
        lex.setdefault(key_of(word), entry)

    for kind in ("units", "teen_only", "ten", "tens", "hundreds"):
        for w, v in d[kind].items():
            put(w, Entry({"units": "unit", "hundreds": "hundred"}.get(kind, kind), v))
    for w in d["hundred_words"]:
        put(w, Entry("hundred", 100, plain100=True))
    for w, (mult, scale) in d["scales"].items():
        put(w, Entry("scale", mult, scale))
    for w, scale in d["scale_plurals"].items():
        put(w, Entry("plural", 2, scale))
    for w, floor in d["vague"].items():
        put(w, Entry("vague", floor))
    for w in d["dual_nouns"]:
        put(w, Entry("dual", 2))
    return lex


@cache
def _tables() -> dict[str, Any]:
    d = _data()
    return {
        "before": {q: phrase_table(ps, q) for q, ps in d["qualifiers_before"].items()},
        "after": {k: v for q, ps in d["qualifiers_after"].items() for k, v in phrase_table(ps, q).items()},
        "vague_phrases": phrase_table(d["vague_phrases"]),
        "percent": phrase_table(d["percent_after"]),
        "ordinal": {key_of(w) for w in d["ordinal_words"]},
        "prev_block": {key_of(w) for w in d["time_cues_before"] + d["label_cues_before"]},
        "units_after": {key_of(w): True for w in d["non_count_units_after"]},
    }


# ---------------------------------------------------------------- digits

_DIGIT_TOKEN = re.compile(r"^(?P<pre>[^\W\d_]*)(?P<num>\d[\d.,]*\d|\d)$")


def parse_digits(number: str) -> int | float | None:
    """``'1,000'`` -> 1000, ``'1.500'`` -> 1500, ``'2.5'`` -> 2.5, ``'12'`` -> 12."""
    if re.fullmatch(r"\d{1,3}(,\d{3})+", number):
        return int(number.replace(",", ""))
    if re.fullmatch(r"[1-9]\d{0,2}(\.\d{3})+", number):
        return int(number.replace(".", ""))
    if re.fullmatch(r"\d+[.,]\d+", number):
        return float(number.replace(",", "."))
    if re.fullmatch(r"\d+", number):
        return int(number)
    return None


def digit_token(word: str) -> tuple[str, int | float] | None:
    """``(proclitics, value)`` of a token made of digits with optional proclitics."""
    m = _DIGIT_TOKEN.match(word)
    if not m or (m["pre"] and not prefix_ok(m["pre"])) or len(m["num"]) > 9:
        return None
    value = parse_digits(m["num"])
    return None if value is None else (m["pre"], value)


# ---------------------------------------------------------------- number words

@dataclass(frozen=True, slots=True)
class _Item:
    prefix: str
    entry: Entry


def _item(tok: Tok) -> _Item | None:
    d = digit_token(tok.text)
    if d is not None:
        return _Item(d[0], Entry("digit", d[1]))  # type: ignore[arg-type]
    hit = lookup(tok.text, lexicon())
    if hit is None:
        return None
    if len(tok.text) - len(hit[0]) < 3 and hit[0]:
        return None  # a clitic before a two-letter stem (لست) is too often another word
    return _Item(hit[0], hit[1])


def _components(items: list[_Item | None], i: int) -> list[tuple[int, Entry, bool]]:
    """``(width, entry, has_waw)`` for consecutive number items from ``i`` (teens merged)."""
    out = []
    k = i
    while k < len(items) and items[k] is not None:
        it = items[k]
        e = it.entry
        waw = it.prefix.startswith("و")
        nxt = items[k + 1] if k + 1 < len(items) else None
        if e.kind in ("unit", "teen_only") and nxt is not None and nxt.entry.kind == "ten" and not nxt.prefix:
            out.append((2, Entry("teen", 10 + e.value), waw))
            k += 2
            continue
        if e.kind in ("teen_only", "dual"):
            break
        out.append((1, e, waw))
        k += 1
    return out


def _combine(comps: list[tuple[int, Entry, bool]]) -> tuple[int, int, bool] | None:
    """Value, number of tokens used and vagueness of the longest well-formed numeral."""
    if not comps:
        return None
    width, first, _ = comps[0]
    used = width
    if first.kind == "digit":
        value = first.value
        if len(comps) > 1 and comps[1][1].kind in ("scale", "plural") and not comps[1][2]:
            if comps[1][1].kind == "plural" or comps[1][1].value == 1:
                return round(value * comps[1][1].scale), used + 1, False  # type: ignore[operator]
        return (value, used, False) if isinstance(value, int) else None
    if first.kind in ("vague", "plural"):
        value = first.value * (first.scale if first.kind == "plural" else 1)
        if len(comps) > 1 and comps[1][1].kind in ("plural", "scale") and not comps[1][2] and first.kind == "vague":
            value *= comps[1][1].scale
            used += 1
        return value, used, True
    total, cur, last, last_scale = 0, 0, "", 10**12
    if first.kind == "scale":
        total, last, last_scale = first.value * first.scale, "scale", first.scale
    else:
        cur, last = first.value, first.kind
    for width, e, waw in comps[1:]:
        if not waw and e.kind == "hundred" and e.plain100 and last == "unit" and cur < 10:
            cur, last = cur * 100, "hundred"
        elif not waw and e.kind in ("scale", "plural") and cur and e.scale < last_scale and (
                e.kind == "plural" or e.value == 1):
            total, cur, last, last_scale = total + cur * e.scale, 0, "scale", e.scale
        elif waw and last == "unit" and e.kind == "tens" and cur % 100 < 10:
            cur, last = cur + e.value, "tens"
        elif waw and last == "hundred" and e.kind in ("unit", "ten", "teen", "tens"):
            cur, last = cur + e.value, e.kind
        elif waw and last == "scale" and e.kind in ("unit", "ten", "teen", "tens", "hundred"):
            cur, last = e.value, e.kind
        elif waw and last == "scale" and e.kind == "scale" and e.scale < last_scale:
            total, last_scale = total + e.value * e.scale, e.scale
        else:
            break
        used += width
    return total + cur, used, False


def parse_number_words(words: Iterable[str] | str) -> int | None:
    """Value of a number written in words (``'ثلاثة وعشرين'`` -> 23), or ``None``.

    The whole input must form one numeral; digits with a scale word work too (``'5 آلاف'``).
    """
    text = words if isinstance(words, str) else " ".join(words)
    toks = key_tokens(key_of(text))
    items = [_item(t) for t in toks]
    got = _combine(_components(items, 0))
    if got is None or got[1] != len(toks):
        return None
    return int(got[0])


# ---------------------------------------------------------------- finding quantities

def find_quantities(mapped: MappedText, exclude: Iterable[tuple[int, int]] | None = None) -> list[Quantity]:
    """Quantities in ``mapped`` with original offsets.

    ``exclude`` lists original spans that are not quantities (time expressions); by
    default they are found with :func:`rasad.entities.dates.find_times`.
    """
    if exclude is None:
        from rasad.entities.dates import find_times  # dates builds on this module

        exclude = [(t.start, t.end) for t in find_times(mapped, None)]
    holes = sorted(exclude)
    keytext = match_key(mapped.text)
    toks = key_tokens(keytext)
    items = [_item(t) for t in toks]
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
        return _make(mapped, toks, i, i + n, clitic_skip(pre), None, "unknown"), i + n
    if items[i] is None:
        return None
    comps = _components(items, i)
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
        if not adjacent(toks, i, j + w, keytext):
            comps = comps[:n_comp]
            break
        j += w
    got = _combine(comps)
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
    return _make(mapped, toks, start_tok, stop, skip, int(value), qualifier), end if stop == end else stop


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
    if any(hs < e and s < he for hs, he in holes):
        return True
    if i > 0:
        prev = toks[i - 1].text
        if any(stem in tb["prev_block"] for _, stem in analyses(prev)):
            return True
        if _has_article(prev[:2]) and lookup(prev, tb["units_after"]) is not None:
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


def _make(mapped: MappedText, toks: list[Tok], i: int, end: int, skip: int,
          value: int | None, qualifier: str) -> Quantity:
    s, e = mapped.to_original(toks[i].start + skip, toks[end - 1].end)
    return Quantity(mapped.original[s:e], s, e, value, qualifier)


# ---------------------------------------------------------------- stage

@stage("numbers", requires=("segment",), assigns=("quantities",))
def numbers(doc: Document, config: Config) -> Document:
    """Quantities outside removed boilerplate and outside time expressions."""
    exclude = [(t.start, t.end) for t in doc.times] if doc.times else None
    found = find_quantities(doc.norm, exclude)
    doc.quantities = [q for q in found
                      if not any(r.start < q.end and q.start < r.end for r in doc.removed)]
    return doc
