"""Per-sentence views over the normalised text: tokens and the mentions inside a sentence.

Stages store mentions with original offsets; argument rules work in token distances, so
a :class:`SentenceView` converts once and answers "what is near this trigger".
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasad.entities.wordmatch import key_tokens
from rasad.schema import Document, Sentence
from rasad.text.segment import Token, tokens

_BREAKS = "،,؛;:.!?؟«»\"()"


@dataclass(slots=True)
class Located:
    """A mention with its token range in the sentence."""

    item: Any
    first: int  # index of its first token
    last: int  # index of its last token


@dataclass(slots=True)
class SentenceView:
    index: int
    sentence: Sentence
    nstart: int
    nend: int
    key: str  # doc.keytext of the sentence (same offsets as the normalised text)
    toks: list[Token] = field(default_factory=list)  # absolute normalised offsets
    _starts: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the tokens' texts (rules read them a lot)
    # shared by the views of one document: the start offsets of each mention list
    _doc_starts: dict[int, tuple[list, list[int]]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, doc: Document, index: int, doc_tokens: tuple[list, list[int]] | None = None,
              doc_starts: dict | None = None) -> SentenceView:
        """The view of sentence ``index``; ``doc_tokens`` (the document's key-text tokens and
        their starts) saves tokenising each sentence again; ``doc_starts`` is the mention
        offsets cache the views of one document share."""
        sent = doc.sentences[index]
        ns, ne = doc.norm.from_original(sent.start), doc.norm.from_original(sent.end)
        key = doc.keytext[ns:ne]
        if doc_tokens is None:
            toks = [Token(t.start + ns, t.end + ns, t.text) for t in tokens(key)]
        else:
            all_toks, starts = doc_tokens
            toks = all_toks[bisect_left(starts, ns):bisect_left(starts, ne)]
        return cls(index, sent, ns, ne, key, toks, [t.start for t in toks], [t.text for t in toks],
                   {} if doc_starts is None else doc_starts)

    def token_at(self, npos: int) -> int:
        """Index of the token containing (or first after) normalised position ``npos``."""
        i = bisect_right(self._starts, npos) - 1
        if i >= 0 and self.toks[i].end > npos:
            return i
        return min(i + 1, len(self.toks) - 1) if self.toks else 0

    def locate(self, doc: Document, start: int, end: int) -> tuple[int, int]:
        """Token range of a span given in original offsets."""
        ns = doc.norm.from_original(start)
        ne = max(ns, doc.norm.from_original(end) - 1)
        return self.token_at(ns), self.token_at(ne)

    def word(self, i: int) -> str:
        return self.texts[i] if 0 <= i < len(self.texts) else ""

    def words(self, i: int, j: int) -> list[str]:
        return self.texts[max(i, 0):max(j, 0)]

    def unbroken(self, i: int, j: int) -> bool:
        """No punctuation between tokens ``i`` and ``j`` (they are in one phrase)."""
        if not (0 <= i < len(self.toks) and 0 <= j < len(self.toks)):
            return False
        between = self.key[self.toks[i].end - self.nstart:self.toks[j].start - self.nstart]
        return not any(ch in _BREAKS for ch in between)

    def mentions(self, doc: Document, items: list) -> list[Located]:
        """Mentions (with original ``start``/``end``) inside the sentence, in order."""
        got = self._doc_starts.get(id(items))
        if got is None or got[0] is not items:  # kept with its list, so an id is never reused
            got = self._doc_starts[id(items)] = (items, [it.start for it in items])
        starts = got[1]
        lo = bisect_left(starts, self.sentence.start)
        hi = bisect_right(starts, self.sentence.end)
        out = []
        for it in items[lo:hi]:
            if it.end <= self.sentence.end:
                first, last = self.locate(doc, it.start, it.end)
                out.append(Located(it, first, last))
        return out


def sentence_views(doc: Document) -> list[SentenceView]:
    toks = key_tokens(doc.keytext)
    doc_tokens = (toks, [t.start for t in toks])
    shared: dict = {}
    return [SentenceView.build(doc, i, doc_tokens, shared) for i in range(len(doc.sentences))]


@lru_cache(maxsize=1 << 16)
def bare(word: str) -> str:
    """A word without its conjunction/preposition proclitics (for cue-word comparisons)."""
    for pre in ("وبال", "وال", "فال", "بال", "لل", "ال", "وب", "ول", "و", "ف", "ب", "ل"):
        if word.startswith(pre) and len(word) - len(pre) >= 3:
            return word[len(pre):]
    return word
