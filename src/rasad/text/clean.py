"""Cleaning: find boilerplate, title and outlet signature; build the normalised views.

Nothing is deleted from ``Document.text``: removed regions are recorded as
:class:`~rasad.schema.Removed` spans (reported to the user) and later stages skip them.
"""
from __future__ import annotations

import re
from functools import cache

from rasad import resources
from rasad.config import Config
from rasad.errors import W_NOT_ARABIC
from rasad.pipeline import stage
from rasad.schema import Document, Removed, Span
from rasad.text.normalize import ARABIC_LETTER, key_text, normalize

_LINE_RE = re.compile(r"[^\n]+")
_NOT_LETTER_RE = re.compile(r"[\W\d_]+")
_NOT_ARABIC_RE = re.compile(f"[^{ARABIC_LETTER}]+")
_SENTENCE_PUNCT = re.compile(r"[.،,:؛;!?؟«»\"“”()]")


@cache
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in resources.read_lines("text", "boilerplate.txt"))


def lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as ``(start, end)``, whitespace trimmed."""
    out = []
    for m in _LINE_RE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# Template lines are short (the longest in the 2018 corpus and the gold is 85 characters);
# a longer line that matches is text run together with a template, and is kept.
BOILERPLATE_MAX_CHARS = 300


def find_boilerplate(text: str, max_chars: int = BOILERPLATE_MAX_CHARS) -> list[Removed]:
    found = []
    for s, e in lines(text):
        if e - s > max_chars:
            continue
        line = normalize(text[s:e]).text
        if any(p.match(line) for p in boilerplate_patterns()):
            found.append(Removed(s, e, text[s:e], "boilerplate"))
    return found


def find_signature(text: str, removed: list[Removed], max_words: int = 4) -> Removed | None:
    """A short last line with no sentence punctuation is the outlet's signature (``نورث بالس``)."""
    gone = {(r.start, r.end) for r in removed}
    body = [ln for ln in lines(text) if ln not in gone]
    if len(body) < 2:
        return None
    s, e = body[-1]
    line = text[s:e]
    words = line.split()
    if len(words) <= max_words and len(line) <= 40 and not _SENTENCE_PUNCT.search(line) \
            and not any(ch.isdigit() for ch in line):
        return Removed(s, e, line, "signature")
    return None


def find_title(text: str, max_chars: int) -> Span | None:
    """The first line is a title when it is short, followed by more text, and not a sentence."""
    ls = lines(text)
    if len(ls) < 2:
        return None
    s, e = ls[0]
    line = text[s:e]
    if len(line) > max_chars or (line.endswith(".") and not line.endswith("..")):
        return None
    return Span(s, e, line, "title")


def arabic_share(text: str) -> float:
    letters = _NOT_LETTER_RE.sub("", text)
    if not letters:
        return 0.0
    return len(_NOT_ARABIC_RE.sub("", letters)) / len(letters)


@stage("clean", assigns=("removed", "title_span", "title", "outlet", "language", "norm", "keytext",
                         "cleaned", "warnings"))
def clean(doc: Document, config: Config) -> Document:
    removed = find_boilerplate(doc.text)
    signature = find_signature(doc.text, removed)
    if signature is not None:
        removed.append(signature)
        if doc.outlet is None:
            doc.outlet = signature.text
    removed.sort(key=lambda r: r.start)
    doc.removed = removed
    if doc.title is None:
        # only files carry their title inside the text; JSONL records have a title field
        doc.title_span = find_title(doc.text, config.get("input", "title_max_chars", 200))
        if doc.title_span is not None:
            doc.title = doc.title_span.text
    share = arabic_share(doc.text)
    if share < config.get("input", "min_arabic_share", 0.3):
        warning = W_NOT_ARABIC.format(share=share)
        if warning not in doc.warnings:
            doc.warnings.append(warning)
    doc.language = "ar" if share >= 0.5 else (doc.language or "und")
    doc.norm = normalize(doc.text)
    doc.keytext = key_text(doc.norm.text)
    doc.cleaned = doc.norm.text
    return doc
