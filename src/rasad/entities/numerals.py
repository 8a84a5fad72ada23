"""Numerals: the value of a number written in digits or in words.

``parse_digits`` reads Arabic news digit groups (``1.500`` is 1500, ``2.5`` is 2.5);
``parse_number_words`` reads a whole numeral in words (``ثلاثة آلاف وخمسمئة`` -> 3500). The
word lists are ``resources/entities/numbers.json``; :func:`lexicon` maps the match key of
each word to its :class:`Entry`. :mod:`rasad.entities.numbers` finds numerals in running text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from rasad import resources
from rasad.entities.wordmatch import key_of, key_tokens, lookup
from rasad.text.segment import Token, prefix_ok


# ---------------------------------------------------------------- lexicon

@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # unit teen_only ten tens hundred scale plural vague dual fraction
    value: int | None
    scale: int = 1
    plain100: bool = False


@cache
def number_data() -> dict:
    return resources.load_json("entities", "numbers.json")


@cache
def lexicon() -> dict[str, Entry]:
    d = number_data()
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
    for w, (num, den) in d["fractions"].items():
        put(w, Entry("fraction", num, den))
    for w, floor in d["vague"].items():
        put(w, Entry("vague", floor))
    for w in d["dual_nouns"]:
        put(w, Entry("dual", 2))
    return lex


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
class Item:
    """A token that is part of a numeral: its proclitics and its lexicon entry."""

    prefix: str
    entry: Entry


def item_at(tok: Token) -> Item | None:
    """The numeral item of a token (digits or a number word), or ``None``."""
    return item_of(tok.text)


@lru_cache(maxsize=1 << 16)
def item_of(word: str) -> Item | None:
    """:func:`item_at` of a word (cached: items are frozen, and news repeats its words)."""
    d = digit_token(word)
    if d is not None:
        return Item(d[0], Entry("digit", d[1]))  # type: ignore[arg-type]
    hit = lookup(word, lexicon())
    if hit is None:
        return None
    if len(word) - len(hit[0]) < 3 and hit[0]:
        return None  # a clitic before a two-letter stem (لست) is too often another word
    return Item(hit[0], hit[1])


# No numeral in words runs longer than this (ثلاثة ملايين وخمسمئة وعشرون ألفا وثلاثمئة وخمسة
# وأربعون is 8); the bound keeps a chain of thousands of number words linear.
MAX_COMPONENTS = 16


def components(items: list[Item | None], i: int) -> list[tuple[int, Entry, bool]]:
    """``(width, entry, has_waw)`` for consecutive number items from ``i`` (teens merged),
    at most :data:`MAX_COMPONENTS` of them."""
    out: list[tuple[int, Entry, bool]] = []
    k = i
    while k < len(items) and items[k] is not None and len(out) < MAX_COMPONENTS:
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


def combine(comps: list[tuple[int, Entry, bool]]) -> tuple[int, int, bool] | None:
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
    if first.kind == "fraction":  # نصف مليون; a fraction alone is no quantity (نصف المدينة)
        if len(comps) > 1 and comps[1][1].kind == "scale" and not comps[1][2] \
                and comps[1][1].value == 1:
            return comps[1][1].scale * first.value // first.scale, used + 1, False
        return None
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
        elif waw and last == "scale" and e.kind == "fraction":  # مليون ونصف
            total, last = total + last_scale * e.value // e.scale, "fraction"
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
    items = [item_at(t) for t in toks]
    got = combine(components(items, 0))
    if got is None or got[1] != len(toks):
        return None
    return int(got[0])
