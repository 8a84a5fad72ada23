"""Sentences and word tokens with offsets into the original text, and clitic splitting.

Everything here works on a :class:`~rasad.text.normalize.MappedText` (or plain text)
and returns offsets into the string it was given; callers map back with
``MappedText.to_original``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rasad import resources
from rasad.config import Config
from rasad.pipeline import stage
from rasad.schema import Document, Sentence
from rasad.text.normalize import ARABIC_LETTER

WORD_RE = re.compile(rf"[{ARABIC_LETTER}\w]+(?:[.,][0-9]+)*", re.UNICODE)


# Not frozen (construction is three times faster, and a text makes thousands), but
# hashable by value like a frozen one; treat tokens as read-only.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    start: int
    end: int
    text: str


def tokens(text: str) -> list[Token]:
    """Word tokens (Arabic letters, Latin letters, digits; ``3.5`` stays one token)."""
    return [Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


# ---------------------------------------------------------------- clitics

@cache
def _clitics() -> dict:
    return resources.load_json("text", "clitics.json")


@cache
def proclitic_sequences() -> frozenset[str]:
    """Every legal string of proclitics before a stem: ``و``, ``وب``, ``فال``, ``لل``, ``وبال`` ..."""
    c = _clitics()
    conj = [""] + c["conjunctions"]
    prep = [""] + c["prepositions"]
    out: set[str] = set()
    for a in conj:
        for b in prep:
            for art in ("", "ال"):
                seq = a + b + art
                if b == "ل" and art == "ال":
                    seq = a + "لل"  # ل + ال is written لل
                out.add(seq)
        out.add(a + "س")  # future prefix on verbs
    return frozenset(out)


def prefix_ok(prefix: str, *, allow_article: bool = True) -> bool:
    """Can ``prefix`` stand before a dictionary stem inside one written word?"""
    if not allow_article and ("ال" in prefix or prefix.endswith("لل")):
        return False
    return prefix in proclitic_sequences()


@cache
def pronoun_suffixes() -> tuple[str, ...]:
    return tuple(_clitics()["pronoun_suffixes"])


@lru_cache(maxsize=1 << 16)
def split_clitics(word: str) -> tuple[tuple[str, str, str], ...]:
    """Candidate ``(proclitics, stem, enclitic)`` analyses, most literal first.

    A stem keeps at least two letters. Used for matching only: it proposes, the
    dictionary decides. Cached: news repeats its words.
    """
    out = [("", word, "")]
    prefixes = proclitic_sequences()
    for i in range(1, min(len(word) - 1, 5)):
        pre = word[:i]
        if pre in prefixes:
            stem = word[i:]
            if pre.endswith("لل"):
                stem = "ال" + stem  # للتحالف -> ل + التحالف
            out.append((pre, stem, ""))
    more = []
    suffixes = pronoun_suffixes()
    for pre, stem, _ in out:
        if stem.endswith(suffixes):  # (one test for all: most stems end in none)
            for suf in suffixes:
                if stem.endswith(suf) and len(stem) - len(suf) >= 2:
                    more.append((pre, stem[: -len(suf)], suf))
    return tuple(out + more)


# ---------------------------------------------------------------- sentences

# A boundary: one of . ! ? ؟ ; ؛ … (or '..') followed by space/end, optionally after a
# closing quote; or a newline. A '.' between digits (3.5) is not a boundary.
_BOUNDARY_RE = re.compile(
    r"(?:(?<![0-9])\.(?:\.+)?|[!?؟؛;…])[\"»”’)\]]*(?=\s|$|[«“\"])|\n+"
)


# A "sentence" longer than this (text without sentence punctuation) is cut at the last
# clause break before the limit, so evidence stays a clause and every per-sentence scan
# stays bounded; the 2018 corpus has one sentence over 2,000 characters in 25,000.
DEFAULT_MAX_SENTENCE_CHARS = 2000
_CLAUSE_BREAK_RE = re.compile(r"[،,:\-–—]\s|\s")


def sentence_spans(text: str, skip: list[tuple[int, int]] | None = None,
                   max_chars: int = DEFAULT_MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed, ``skip`` regions left out,
    none longer than ``max_chars``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BOUNDARY_RE.finditer(text):
        end = m.end() if m.group()[0] != "\n" else m.start()
        spans.append((pos, end))
        pos = m.end()
    spans.append((pos, len(text)))
    holes = _merged(skip or [])
    out = []
    for s, e in spans:
        for piece in _subtract((s, e), holes):
            for ps, pe in _bounded(text, *_trim(text, *piece), max_chars):
                if pe > ps and _WORDISH.search(text, ps, pe):
                    out.append((ps, pe))
    return out


_WORDISH = re.compile(r"\w")


def _bounded(text: str, s: int, e: int, max_chars: int) -> list[tuple[int, int]]:
    """``(s, e)`` cut into pieces of at most ``max_chars``, each at its last clause break
    (comma, dash, else a space) in the second half of the window."""
    out = []
    while e - s > max_chars:
        cut = s + max_chars
        breaks = [m for m in _CLAUSE_BREAK_RE.finditer(text, s + max_chars // 2, cut)]
        punct = [m for m in breaks if not m.group().isspace()]
        if punct or breaks:
            cut = (punct or breaks)[-1].end()
        out.append(_trim(text, s, cut))
        s = cut
    out.append(_trim(text, s, e))
    return out


def _merged(holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for hs, he in sorted(holes):
        if out and hs <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], he))
        else:
            out.append((hs, he))
    return out


def _subtract(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``span`` less the sorted ``holes`` (only those that can overlap it are looked at)."""
    s, e = span
    parts = []
    k = bisect.bisect_left(holes, (s, s)) - 1  # the hole before may reach into the span
    k = max(k, 0)
    while k < len(holes) and holes[k][0] < e:
        hs, he = holes[k]
        k += 1
        if he <= s:
            continue
        if hs > s:
            parts.append((s, hs))
        s = max(s, he)
        if s >= e:
            return parts
    parts.append((s, e))
    return parts


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@stage("segment", requires=("norm", "removed", "title_span"), assigns=("sentences",))
def segment(doc: Document, config: Config) -> Document:
    """Sentences over the normalised view, stored with original offsets."""
    norm = doc.norm
    holes = [(norm.from_original(r.start), norm.from_original(r.end)) for r in doc.removed]
    title_end = doc.title_span.end if doc.title_span is not None else -1
    sentences = []
    limit = int(config.get("segment", "max_sentence_chars", DEFAULT_MAX_SENTENCE_CHARS))
    for s, e in sentence_spans(norm.text, holes, limit):
        os_, oe = norm.to_original(s, e)
        sentences.append(Sentence(os_, oe, doc.text[os_:oe], in_title=oe <= title_end))
    doc.sentences = sentences
    return doc
