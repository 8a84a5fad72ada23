"""Arabic normalisation as pure functions over character maps kept as data.

Two levels:
- ``normalize`` deletes what carries no meaning for matching (diacritics, tatweel,
  zero-width marks, censorship dots inside words) and maps Arabic-Indic/Persian digits
  to ASCII. It returns a :class:`MappedText` whose offset map sends every character back
  to the exact original character it came from.
- ``match_key`` unifies alef/yeh/teh-marbuta/hamza forms one character for one
  character, so offsets are unchanged and keys can be matched against mapped text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from rasad import resources

ARABIC_LETTER = "\u0621-\u064a\u0671-\u06d3"
_LETTER_RE = re.compile(f"[{ARABIC_LETTER}]")


@cache
def _charmap() -> dict:
    return resources.load_json("text", "charmap.json")


@dataclass(frozen=True, slots=True)
class MappedText:
    """Normalised text plus, for each of its characters, the original offset."""

    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is the original length
    original: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)``."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def from_original(self, pos: int) -> int:
        """Index in the normalised text of the first character at or after original ``pos``."""
        return bisect_left(self.offsets, pos)

    def original_span(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]


@cache
def _delete_class(diacritics: bool, tatweel: bool, zero_width: bool) -> re.Pattern[str] | None:
    chars = ""
    cm = _charmap()["delete"]
    if diacritics:
        chars += cm["diacritics"]
    if tatweel:
        chars += cm["tatweel"]
    if zero_width:
        chars += cm["zero_width"]
    return re.compile(f"[{re.escape(chars)}]+") if chars else None


@cache
def _censor_re() -> re.Pattern[str]:
    marks = re.escape(_charmap()["censor_marks"])
    diac = _charmap()["delete"]["diacritics"]
    # a run of marks wedged between two letters of one word, with no space
    return re.compile(f"(?<=[{ARABIC_LETTER}{diac}])[{marks}]+(?=[{ARABIC_LETTER}])")


def _is_diacritic(ch: str) -> bool:
    return "\u064b" <= ch <= "\u0652"  # a range, not the three characters "\u064b", "-", "\u0652"


def _word_len(text: str, pos: int, step: int, cap: int = 3) -> int:
    """Number of Arabic letters (and diacritics) from ``pos`` going in ``step`` direction
    until a non-letter, counted up to ``cap``: callers only ask "a short fragment?", and the
    cap keeps a scan of "ب-ب-ب-..." linear."""
    n = 0
    i = pos
    while n < cap and 0 <= i < len(text) and (_LETTER_RE.match(text[i]) or _is_diacritic(text[i])):
        n += 1
        i += step
    return n


def censor_spans(text: str) -> list[tuple[int, int]]:
    """Spans of censorship marks to delete: ``القـ.ـوات``, ``ق.س.د``, ``داع.ش``.

    A run that holds a tatweel or several marks is always censorship. A lone mark
    (``.``, ``-``) is censorship only when one side is a short fragment (``ق.س.د``,
    ``داع.ش``): ``العراق.قسد`` is a missing space, kept as a boundary.
    """
    out = []
    for m in _censor_re().finditer(text):
        run = m.group()
        if "\u0640" in run or (len(run) > 1 and ".." not in run) or "*" in run or "\u00b7" in run:
            out.append(m.span())
            continue
        if ".." in run:
            continue  # '..' is an ellipsis sentence end in Arabic news, never a mask
        left = _word_len(text, m.start() - 1, -1)
        right = _word_len(text, m.end(), 1)
        if run in ".-_\u2022" and (left <= 2 or right <= 2):
            out.append(m.span())
    return out


def normalize(
    text: str,
    *,
    diacritics: bool = True,
    tatweel: bool = True,
    zero_width: bool = True,
    censorship: bool = True,
    digits: bool = True,
) -> MappedText:
    """Delete and map characters; the offset map keeps every span traceable."""
    delete = _delete_class(diacritics, tatweel, zero_width)
    if (delete is None or not delete.search(text)) and not (censorship and _censor_re().search(text)):
        # nothing to delete (most phrases of the dictionaries): the identity map
        return MappedText(_ascii_digits(text) if digits else text, tuple(range(len(text) + 1)), text)
    spans: list[tuple[int, int]] = []
    if delete is not None:
        spans.extend(m.span() for m in delete.finditer(text))
    if censorship:
        spans.extend(censor_spans(text))
    spans.sort()
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for s, e in spans:
        if e <= pos:
            continue
        s = max(s, pos)
        pieces.append(text[pos:s])
        offsets.extend(range(pos, s))
        pos = e
    pieces.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    out = "".join(pieces)
    if digits:
        out = _ascii_digits(out)
    return MappedText(out, tuple(offsets), text)


@cache
def _digit_table() -> dict[int, str]:
    return str.maketrans(_charmap()["replace"]["digits"])


@cache
def _digit_re() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(_charmap()['replace']['digits']))}]")


def _ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits (and separators) as ASCII. (str.translate with a
    dict visits every character: most texts have none of these, and a search is 6x
    faster.)"""
    return text.translate(_digit_table()) if _digit_re().search(text) else text


@cache
def _key_table(alef: bool, yeh: bool, teh_marbuta: bool, hamza: bool, kaf: bool,
               hashtag: bool) -> dict[int, str]:
    table: dict[str, str] = {}
    km = _charmap()["key"]
    for name, on in (("alef", alef), ("yeh", yeh), ("teh_marbuta", teh_marbuta),
                     ("hamza", hamza), ("kaf", kaf), ("hashtag", hashtag)):
        if on:
            table.update(km[name])
    return str.maketrans(table)


def match_key(
    text: str,
    *,
    alef: bool = True,
    yeh: bool = True,
    teh_marbuta: bool = True,
    hamza: bool = True,
    kaf: bool = True,
    hashtag: bool = True,
) -> str:
    """Unify letter variants one-for-one (length is preserved, so offsets hold).

    ``hashtag`` turns ``#`` and ``_`` into spaces: ``#ميليشيا_الحوثي`` reads as words.
    """
    return text.translate(_key_table(alef, yeh, teh_marbuta, hamza, kaf, hashtag))


@lru_cache(maxsize=16)
def key_text(text: str) -> str:
    """:func:`match_key` with every unification on, of a whole normalised text (cached: the
    clean, dates and numbers stages key the same document text, and sharing the one
    string lets later caches hit by identity)."""
    return match_key(text)


@lru_cache(maxsize=1 << 15)
def key(text: str) -> str:
    """Full matching key of a phrase: normalise, unify letters, collapse spaces (cached:
    rules key the same cue words and trigger phrases over and over)."""
    return " ".join(match_key(normalize(text).text).split())


def strip_article(word: str) -> str:
    """``الجنينة`` -> ``جنينة`` (only when enough of a word remains)."""
    if word.startswith("ال") and len(word) > 3:
        return word[2:]
    return word


def compact_key(text: str) -> str:
    """Key that ignores spaces and articles: ``دير الزور`` = ``ديرالزور``, ``البو كمال`` = ``البوكمال``."""
    return strip_article("".join(key(text).split()))
