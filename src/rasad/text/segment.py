"""Sentences and word tokens with offsets into the original text, and clitic splitting.

Everything here works on a :class:`~rasad.text.normalize.MappedText` (or plain text)
and returns offsets into the string it was given; callers map back with
``MappedText.to_original``.
"""
from __future__ import annotations

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
    for i in range(1, min(len(word) - 1, 5)):
        pre = word[:i]
        if pre in proclitic_sequences():
            stem = word[i:]
            if pre.endswith("لل"):
                stem = "ال" + stem  # للتحالف -> ل + التحالف
            out.append((pre, stem, ""))
    more = []
    for pre, stem, _ in out:
        for suf in pronoun_suffixes():
            if stem.endswith(suf) and len(stem) - len(suf) >= 2:
                more.append((pre, stem[: -len(suf)], suf))
    return tuple(out + more)


# ---------------------------------------------------------------- sentences

# A boundary: one of . ! ? ؟ ; ؛ … (or '..') followed by space/end, optionally after a
# closing quote; or a newline. A '.' between digits (3.5) is not a boundary.
_BOUNDARY_RE = re.compile(
    r"(?:(?<![0-9])\.(?:\.+)?|[!?؟؛;…])[\"»”’)\]]*(?=\s|$|[«“\"])|\n+"
)


def sentence_spans(text: str, skip: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed, ``skip`` regions left out."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BOUNDARY_RE.finditer(text):
        end = m.end() if m.group()[0] != "\n" else m.start()
        spans.append((pos, end))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        for piece in _subtract((s, e), skip or []):
            ps, pe = _trim(text, *piece)
            if pe > ps and re.search(r"\w", text[ps:pe]):
                out.append((ps, pe))
    return out


def _subtract(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    parts = [span]
    for hs, he in holes:
        nxt = []
        for s, e in parts:
            if he <= s or hs >= e:
                nxt.append((s, e))
                continue
            if hs > s:
                nxt.append((s, hs))
            if he < e:
                nxt.append((he, e))
        parts = nxt
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
    for s, e in sentence_spans(norm.text, holes):
        os_, oe = norm.to_original(s, e)
        sentences.append(Sentence(os_, oe, doc.text[os_:oe], in_title=oe <= title_end))
    doc.sentences = sentences
    return doc
