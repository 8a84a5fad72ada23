"""Word and phrase matching over the match key of a text, shared by numbers and dates.

Everything here works on match keys (``match_key(normalize(...))``), which keep the length
of the normalised text, so token offsets can be mapped back with ``MappedText.to_original``.
A word may carry proclitics (``و``, ``ب``, ``لل`` ...): :func:`analyses` lists its readings
and :func:`lookup` / :func:`match_phrase` try them in order, the literal word first.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from rasad.text.normalize import key
from rasad.text.segment import Token, split_clitics, tokens


def key_of(word: str) -> str:
    """Matching key of one word or phrase (normalised, letters unified, spaces collapsed)."""
    return key(word)


@lru_cache(maxsize=16)
def key_tokens(keytext: str) -> list[Token]:
    """Word tokens of a key text (:func:`rasad.text.segment.tokens`); cached, because the
    dates and numbers stages, place mentions and the event views all read the document's
    key text: callers must not change the list."""
    return tokens(keytext)


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


def lookup(word: str, table: Mapping[str, Any], *, article: bool = True,
           min_stem: int = 3) -> tuple[str, Any] | None:
    """First reading of ``word`` whose stem is in ``table``: ``(proclitics, value)``."""
    for pre, stem in analyses(word, min_stem=min_stem):
        if stem in table and (article or not has_article(pre)):
            return pre, table[stem]
    return None


def has_article(prefix: str) -> bool:
    return prefix.endswith("ال") or prefix.endswith("لل")


def clitic_skip(prefix: str) -> int:
    """Characters of ``prefix`` left out of a span: conjunctions and prepositions, not ال."""
    if prefix.endswith("ال"):
        return len(prefix) - 2
    if prefix.endswith("لل"):
        return len(prefix) - 1
    return len(prefix)


class PhraseTable(dict):
    """Phrases (tuples of word keys) to values, with what :func:`match_phrase` checks first.

    ``longest`` and ``firsts`` are computed once here rather than on every call: scanning
    the whole table per token was most of the time of the numbers and dates stages.
    Build the table complete; it is not meant to change afterwards.
    """

    __slots__ = ("longest", "firsts", "starters")

    def __init__(self, entries: Mapping[tuple[str, ...], Any] | Iterable = ()):
        super().__init__(entries)
        self.longest = max((len(k) for k in self), default=0)
        self.firsts = frozenset(k[0] for k in self if k)
        self.starters: dict[str, bool] = {}  # word -> can a phrase start with a reading of it

    def may_start(self, word: str) -> bool:
        got = self.starters.get(word)
        if got is None:
            if len(self.starters) > 1 << 16:
                self.starters.clear()
            got = self.starters[word] = any(stem in self.firsts
                                            for _, stem in analyses(word, min_stem=2))
        return got


def phrase_table(phrases: Iterable[str], value: Any = True) -> PhraseTable:
    return PhraseTable({tuple(key_of(p).split()): value for p in phrases if key_of(p)})


def match_phrase(toks: list[Token], i: int, table: Mapping[tuple[str, ...], Any], keytext: str,
                 n: int | None = None) -> tuple[int, str, Any] | None:
    """Longest phrase of ``table`` starting at token ``i`` (``n`` tokens if given).

    The first word may carry proclitics; words must be separated by spaces only.
    Returns ``(number of tokens, proclitics, value)``.
    """
    if not isinstance(table, PhraseTable):
        table = PhraseTable(table)
    if i >= len(toks):
        return None
    if not table.may_start(toks[i].text):
        return None  # no phrase starts with this word: the common case
    readings = analyses(toks[i].text, min_stem=2)
    sizes = [n] if n is not None else range(min(table.longest, len(toks) - i), 0, -1)
    for size in sizes:
        if size <= 0 or i + size > len(toks) or not adjacent(toks, i, i + size, keytext):
            continue
        rest = tuple(t.text for t in toks[i + 1:i + size])
        for pre, stem in readings:
            if (stem, *rest) in table:
                return size, pre, table[(stem, *rest)]
    return None


def adjacent(toks: list[Token], i: int, j: int, keytext: str) -> bool:
    """Are tokens ``i .. j-1`` separated by whitespace only?"""
    return all(not keytext[toks[k - 1].end:toks[k].start].strip() for k in range(i + 1, j))
