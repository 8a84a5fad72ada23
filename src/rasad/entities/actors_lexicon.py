"""The packaged actor dictionary, loaded once per process and compiled for matching.

``resources/actors/actors.json`` is built by ``scripts/build_actors.py``. Its aliases are
stored as match keys (:func:`rasad.text.normalize.key`); here they go into one
Aho-Corasick automaton, together with the article-less form of every alias that starts
with ``ال`` (so ``للتحالف`` = ``ل`` + ``التحالف`` is found), and the title cues go into a
second automaton.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import cache

import ahocorasick

from rasad import resources
from rasad.text.segment import prefix_ok

log = logging.getLogger(__name__)

WORD_CHAR = re.compile(r"[\u0621-\u064a\u0671-\u06d3\w]")
GENERIC_PREFIX = "GEN_"


@dataclass(frozen=True, slots=True)
class ActorInfo:
    id: str
    name: str | None
    name_ar: str | None
    kind: str
    country: str | None = None
    qid: str | None = None
    parent: str | None = None
    org: str | None = None  # persons: the organisation they stand for
    resolve: str | None = None
    resolve_kinds: tuple[str, ...] = ()
    context_country: bool = False
    source: str = ""
    long_name: str | None = None
    context_map: tuple[tuple[str, str], ...] = ()  # document country -> the actor meant there
    anaphor: bool = False  # kept only when the document resolves it to a named actor
    successor: str | None = None  # the actor this identity became on ``since`` (SYR_GOV ->
    since: str | None = None      # SYR_TRANS_GOV on 2024-12-08)

    @property
    def generic(self) -> bool:
        return self.id.startswith(GENERIC_PREFIX)


# Candidate and Entry: not frozen (construction is three times faster, and the lexicon
# makes 32k of them at start-up) but hashable by value like frozen ones; read-only.
@dataclass(slots=True, unsafe_hash=True)
class Candidate:
    id: str
    period: str | None  # "YYYY-MM/YYYY-MM", either end open
    place: bool  # the alias is also a place name (a country, a capital)


@dataclass(slots=True, unsafe_hash=True)
class Entry:
    """What one automaton key stands for: as written, and as an alias minus its ``ال``."""

    key: str
    plain: tuple[Candidate, ...]
    stripped: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    actors: dict[str, ActorInfo]
    automaton: ahocorasick.Automaton
    titles: ahocorasick.Automaton
    person_keys: frozenset[str]
    n_aliases: int


def _compile(items: dict[str, object]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for k, v in items.items():
        auto.add_word(k, v)
    auto.make_automaton()
    return auto


@cache
def lexicon() -> Lexicon:
    data = resources.load_json("actors", "actors.json")
    actors = {}
    for a in data["actors"]:
        actors[a["id"]] = ActorInfo(
            id=a["id"], name=a.get("name"), name_ar=a.get("name_ar"), kind=a["kind"],
            country=a.get("country"), qid=a.get("qid"), parent=a.get("parent"), org=a.get("org"),
            resolve=a.get("resolve"), resolve_kinds=tuple(a.get("resolve_kinds", ())),
            context_country=bool(a.get("context_country")), source=a.get("source", ""),
            long_name=a.get("long_name"), context_map=tuple(sorted((a.get("context_map") or {}).items())),
            anaphor=bool(a.get("anaphor")))
    for a in data["actors"]:
        if a.get("succeeds") in actors:
            actors[a["succeeds"]] = replace(actors[a["succeeds"]], successor=a["id"], since=a["since"])
    plain: dict[str, list[Candidate]] = {}
    stripped: dict[str, list[Candidate]] = {}
    persons: set[str] = set()
    for k, aid, period, place, _src in data["aliases"]:
        cand = Candidate(aid, period, bool(place))
        plain.setdefault(k, []).append(cand)
        if k.startswith("ال") and len(k) > 4:
            stripped.setdefault(k[2:], []).append(cand)
        if actors[aid].kind == "person":
            persons.add(k)
    rank = {aid: _rank(a) for aid, a in actors.items()}
    for cands in (*plain.values(), *stripped.values()):
        if len(cands) > 1:  # (most keys have one candidate)
            cands.sort(key=lambda c: (*rank[c.id], c.id))
    none: tuple[Candidate, ...] = ()
    items = {k: Entry(k, tuple(plain.get(k, none)), tuple(stripped.get(k, none)))
             for k in sorted(plain.keys() | stripped.keys())}
    titles = _compile({t: t for t in data["titles"]})
    log.debug("actor lexicon: %d actors, %d keys", len(actors), len(items))
    return Lexicon(actors, _compile(items), titles, frozenset(persons), len(data["aliases"]))


def _rank(actor: ActorInfo) -> tuple[bool, bool]:
    """Named before generic, curated before imported (then by id): the first candidate of
    a key is its default."""
    return actor.generic, not actor.source.startswith("curated")


def in_period(period: str | None, published: str | None) -> bool:
    """Is ``published`` inside ``period`` ("YYYY-MM/YYYY-MM-DD", either end open)? Each
    bound is compared at its own precision. Undated documents are inside every period."""
    if not period or not published:
        return True
    lo, _, hi = period.partition("/")
    return (not lo or published[:len(lo)] >= lo) and (not hi or published[:len(hi)] <= hi)


def current(cands: list[Candidate]) -> list[Candidate]:
    """For an undated document: the candidates whose period is still open (news is read
    while it is new), or all of them when none is."""
    return [c for c in cands if not c.period or not c.period.partition("/")[2]] or cands


def as_of(actors: dict[str, ActorInfo], aid: str, published: str | None) -> str:
    """The id an identity had on ``published`` (its successor from ``since`` on; undated
    documents get the current one)."""
    a = actors.get(aid)
    while a is not None and a.successor and (not published or published[:10] >= a.since):
        aid, a = a.successor, actors.get(a.successor)
    return aid


# ------------------------------------------------------------------ the text view

@dataclass(frozen=True, slots=True)
class View:
    """``doc.keytext`` with whitespace runs squeezed to one space, mapped back to it."""

    text: str
    to_key: tuple[int, ...]  # len(text) + 1 entries: index into keytext


# whitespace runs, and the joiners of hashtags ("#ميليشيات_الحوثي"); \s is str.isspace()
_GAPS = re.compile(r"[\s#_]+")
_LONG_GAPS = re.compile(r"[\s#_]{2,}")


def squeeze(keytext: str) -> View:
    """Each run of :data:`_GAPS` as one space, mapped to the run's first character. Only
    runs of two or more characters move the offsets after them, so only those are cut
    out one by one (most gaps are one space); one-character gaps become a space in place."""
    out: list[str] = []
    idx: list[int] = []
    pos = 0
    for gap in _LONG_GAPS.finditer(keytext):
        s, e = gap.span()
        out.append(keytext[pos:s])
        idx.extend(range(pos, s + 1))  # the run's one space maps to its first character
        out.append(" ")
        pos = e
    out.append(keytext[pos:])
    idx.extend(range(pos, len(keytext) + 1))
    return View(_GAPS.sub(" ", "".join(out)), tuple(idx))


def is_word(ch: str) -> bool:
    return bool(WORD_CHAR.match(ch))


def word_start(text: str, pos: int) -> int:
    while pos > 0 and is_word(text[pos - 1]):
        pos -= 1
    return pos


def hits(auto: ahocorasick.Automaton, text: str):
    """``(start, end, prefix, entry, stripped)`` for every key hit on word boundaries.

    ``start`` is where the dictionary form begins (after any proclitics); for an
    article-less hit it is the start of ``لل`` (``وللتحالف`` -> ``للتحالف``).
    """
    for last, entry in auto.iter(text):
        k = entry.key if isinstance(entry, Entry) else entry
        end = last + 1
        start = end - len(k)
        if end < len(text) and is_word(text[end]):
            continue
        if not is_word(text[start]) or (k and not is_word(k[0])):
            continue
        ws = word_start(text, start)
        prefix = text[ws:start]
        if not isinstance(entry, Entry):
            if prefix == "" or prefix in ("و", "ف", "ل", "ب", "وال", "ال", "فال", "وب", "ول"):
                yield start, end, prefix, entry, False
            continue
        if prefix.endswith("س"):
            continue  # the future prefix only goes on verbs
        if entry.plain and (prefix == "" or prefix_ok(prefix)):
            yield start, end, prefix, entry, False
        elif entry.stripped and prefix.endswith("لل") and prefix_ok(prefix):
            yield start - 2, end, prefix[:-2], entry, True  # the whole للعراق
