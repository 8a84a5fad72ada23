"""Event trigger, modality-cue and attribution-cue lexicons, and a clitic-aware matcher.

The data are TSV files under ``resources/events/`` (one trigger file per PLOVER type,
``modality.tsv``, ``attribution.tsv``); each is loaded once into an Aho-Corasick
automaton over match keys (:func:`rasad.text.normalize.key`) and matched against
``doc.keytext``:

- a hit must start at a word start, or after a legal proclitic string inside the word
  (``و``, ``ف``, ``ب``, ``ال``, ``وبال`` ... see :func:`rasad.text.segment.prefix_ok`);
  verbs take only ``و``/``ف`` (and ``س``/``ل`` before an imperfect form);
- a hit must end at a word end; nouns and verbs may carry a pronoun suffix
  (``اعتقالهم``, ``قتلوهم``), nouns also the accusative ``ا`` (``هجوما``), and a noun in
  ``ة`` is also found as ``ت`` + suffix (``غارتها``);
- a phrase that starts with ``ال`` is also found after ``ل`` as ``لل`` (``للمرصد``);
- overlapping hits: the longest wins, then the leftmost;
- hits inside ``doc.removed`` regions are dropped; offsets are mapped back to the
  original text with ``doc.norm.to_original``.
"""
from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import ahocorasick

from rasad import resources
from rasad.schema import PLOVER_TYPES, Document
from rasad.text.normalize import MappedText, key, match_key, normalize
from rasad.text.segment import prefix_ok, pronoun_suffixes
from rasad.text.spans import Disjoint, SpanSet

log = logging.getLogger(__name__)

POS = ("verb", "noun", "mwe")
VOICES = ("active", "passive", "either")
STRENGTHS = ("strong", "weak")
CASUALTIES = ("fatalities", "injured", "arrested", "none")
MODALITY_CUES = ("future", "hypothetical", "negated", "generic", "asserted")
SCOPES = ("before", "after", "either")
_IMPERFECT = "يتنا"  # first letters of imperfect (present/future) verb forms, keyed
_TATWEEL = "\u0640"
_OPEN_END = ("ب", "ل", "ك")  # a phrase ending in one of these is glued to the next word


# ---------------------------------------------------------------- records

@dataclass(frozen=True, slots=True)
class TriggerEntry:
    type: str
    mode: str | None
    phrase: str
    pos: str
    voice: str
    strength: str
    casualty: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    type: str
    mode: str | None
    phrase: str
    pos: str
    voice: str
    strength: str
    casualty: str
    start: int  # original offsets
    end: int
    sentence_index: int | None
    future_prefix: bool = False  # the hit carries the future proclitic سـ (ستقصف)
    prefix: str = ""  # proclitic string before the hit, keyed (و, وال, بال ...)
    text: str = ""  # original surface of the hit (without the proclitics)


@dataclass(frozen=True, slots=True)
class ModalityEntry:
    phrase: str
    modality: str
    scope: str
    window: int
    condition: str = ""
    note: str = ""

    @property
    def morphological(self) -> bool:
        """A proclitic cue (``سـ``) written with a trailing tatweel: found by the trigger matcher."""
        return self.phrase.endswith(_TATWEEL)


@dataclass(frozen=True, slots=True)
class ModalityCue:
    phrase: str
    modality: str
    scope: str
    window: int
    start: int
    end: int
    sentence_index: int | None
    text: str = ""


@dataclass(frozen=True, slots=True)
class AttributionEntry:
    phrase: str
    kind: str
    source: str | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class AttributionCue:
    phrase: str
    kind: str
    source: str | None
    start: int
    end: int
    sentence_index: int | None
    text: str = ""


# ---------------------------------------------------------------- loading

def _rows(*parts: str) -> list[list[str]]:
    """Data rows of a TSV resource: ``#`` lines and the column-name row are skipped."""
    out = []
    for line in resources.read_text(*parts).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if cols[0] == "phrase":
            continue
        out.append(cols)
    return out


def _col(cols: list[str], i: int, default: str = "") -> str:
    return cols[i] if i < len(cols) and cols[i] else default


@cache
def load_triggers() -> tuple[TriggerEntry, ...]:
    """All trigger entries of the 16 PLOVER types, in file order."""
    out = []
    for ptype in PLOVER_TYPES:
        for cols in _rows("events", "triggers", f"{ptype}.tsv"):
            entry = TriggerEntry(
                type=ptype, mode=_col(cols, 1) or None, phrase=cols[0],
                pos=_col(cols, 2, "noun"), voice=_col(cols, 3, "either"),
                strength=_col(cols, 4, "weak"), casualty=_col(cols, 5, "none"),
                note=_col(cols, 6),
            )
            if (entry.pos not in POS or entry.voice not in VOICES
                    or entry.strength not in STRENGTHS or entry.casualty not in CASUALTIES):
                raise ValueError(f"{ptype}.tsv: bad row {cols!r}")
            out.append(entry)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Blocker:
    """A fixed phrase holding a trigger but reporting no event (``منظمة حظر الأسلحة``, ``جبهات القتال``)."""

    phrase: str
    note: str = ""


@cache
def load_blockers() -> tuple[Blocker, ...]:
    return tuple(Blocker(cols[0], _col(cols, 1)) for cols in _rows("events", "triggers", "_blockers.tsv"))


@cache
def load_modality() -> tuple[ModalityEntry, ...]:
    out = []
    for cols in _rows("events", "modality.tsv"):
        entry = ModalityEntry(cols[0], _col(cols, 1), _col(cols, 2, "before"),
                              int(_col(cols, 3, "3")), _col(cols, 4), _col(cols, 5))
        if entry.modality not in MODALITY_CUES or entry.scope not in SCOPES:
            raise ValueError(f"modality.tsv: bad row {cols!r}")
        out.append(entry)
    return tuple(out)


@cache
def load_attribution() -> tuple[AttributionEntry, ...]:
    return tuple(AttributionEntry(cols[0], _col(cols, 1, "verb"), _col(cols, 2) or None,
                                  _col(cols, 3)) for cols in _rows("events", "attribution.tsv"))


# ---------------------------------------------------------------- automata

@dataclass(slots=True, unsafe_hash=True)  # read-only; not frozen: built by thousands at start-up
class _Variant:
    """One key of an entry with the rules its hits must satisfy."""

    entry: object
    length: int
    pos: str  # verb | noun | mwe | cue
    needs_suffix: bool = False  # the ة->ت variant: غارت + ها
    needs_lil: bool = False  # the ال-less variant: must follow لل
    open_end: bool = False  # the phrase ends in a proclitic (تهديد ب, وفقا ل): glued to the next word


def _variants(entry, phrase: str, pos: str) -> list[tuple[str, _Variant]]:
    k = key(phrase)
    if not k:
        return []
    open_end = k.split()[-1] in _OPEN_END and " " in k
    out = [(k, _Variant(entry, len(k), pos, open_end=open_end))]
    if pos == "noun" and _single_word_ending_in_teh_marbuta(phrase):
        out.append((k[:-1] + "ت", _Variant(entry, len(k), pos, needs_suffix=True)))
    if k.startswith("ال") and len(k) > 3:
        out.append((k[2:], _Variant(entry, len(k) - 2, pos, needs_lil=True, open_end=open_end)))
    return out


def _single_word_ending_in_teh_marbuta(phrase: str) -> bool:
    n = normalize(phrase).text.strip()
    return n.endswith("ة") and " " not in n


def _build(items: list[tuple[str, _Variant]]) -> ahocorasick.Automaton:
    table: dict[str, list[_Variant]] = {}
    for k, v in items:
        table.setdefault(k, []).append(v)
    auto = ahocorasick.Automaton()
    for k, vs in table.items():
        auto.add_word(k, (k, tuple(vs)))
    auto.make_automaton()
    return auto


@cache
def _trigger_automaton() -> ahocorasick.Automaton:
    items = []
    for e in load_triggers():
        items.extend(_variants(e, e.phrase, e.pos))
    for b in load_blockers():
        items.extend(_variants(b, b.phrase, "mwe"))
    return _build(items)


@cache
def _modality_automaton() -> ahocorasick.Automaton:
    items = []
    for e in load_modality():
        if not e.morphological:
            items.extend(_variants(e, e.phrase, "cue"))
    return _build(items)


@cache
def _attribution_automaton() -> ahocorasick.Automaton:
    items = []
    for e in load_attribution():
        items.extend(_variants(e, e.phrase, "cue"))
    return _build(items)


# ---------------------------------------------------------------- matching

def _prefix_allowed(prefix: str, k: str, v: _Variant) -> tuple[bool, bool]:
    """``(allowed, future)`` for the proclitic string ``prefix`` before key ``k``."""
    if v.needs_lil:
        return prefix in ("لل", "ولل", "فلل"), False
    if not prefix:
        return True, False
    imperfect = k[0] in _IMPERFECT
    if prefix[-1] == "س":
        # the future proclitic stands only before an imperfect verb form
        return (v.pos in ("verb", "mwe") and imperfect and prefix in ("س", "وس", "فس")), True
    if v.pos == "verb":
        if prefix in ("و", "ف"):
            return True, False
        return (imperfect and prefix in ("ل", "ول", "فل")), False  # ليقصف: purpose
    if v.pos == "cue":
        return prefix_ok(prefix), False
    return prefix_ok(prefix), False


def _suffix_allowed(suffix: str, v: _Variant) -> bool:
    if not suffix:
        return not v.needs_suffix
    if v.pos not in ("verb", "noun"):
        return False
    if suffix in pronoun_suffixes():
        return True
    return v.pos == "noun" and suffix == "ا" and not v.needs_suffix


def _scan(keytext: str, automaton: ahocorasick.Automaton, holes: list[tuple[int, int]],
          surface: str | None = None):
    """Accepted ``(start, end, variant, prefix, future)`` hits, longest first, non-overlapping.

    ``surface`` is the normalised text before letter unification (same length as
    ``keytext``): suffixes are checked on it, so that ``ة`` (keyed ``ه``) is never taken for
    the pronoun ``ه`` (``وزارة`` is not و + زار + ه).
    """
    surface = surface if surface is not None else keytext
    n = len(keytext)
    hits = []
    for end_idx, (k, variants) in automaton.iter(keytext):
        start, end = end_idx - len(k) + 1, end_idx + 1
        # a word character is one that str.isalnum accepts
        ws = start
        while ws > 0 and keytext[ws - 1].isalnum() and start - ws <= 4:
            ws -= 1
        if ws > 0 and keytext[ws - 1].isalnum():
            continue  # too deep inside a word
        we = end
        while we < n and keytext[we].isalnum() and we - end <= 3:
            we += 1
        closed = not (we < n and keytext[we].isalnum())
        prefix, suffix = keytext[ws:start], surface[end:we]
        for v in variants:
            if v.open_end:
                end_ok = (end < n and keytext[end].isalnum()) or end == we
            else:
                end_ok = closed and _suffix_allowed(suffix, v)
            ok, future = _prefix_allowed(prefix, k, v)
            if ok and end_ok:
                hits.append((start, end, v, prefix, future))
                break
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    free, removed = Disjoint(), SpanSet(holes)
    out = []
    for h in hits:
        s, e = h[0], h[1]
        if not free.free(s, e) or removed.overlaps(s, e):
            continue
        free.take(s, e)
        out.append(h)
    out.sort(key=lambda h: h[0])
    return out


def _views(doc: Document) -> tuple[MappedText, str]:
    norm = doc.norm if doc.norm is not None else normalize(doc.text)
    keytext = doc.keytext if doc.keytext is not None else match_key(norm.text)
    return norm, keytext


def _holes(doc: Document, norm: MappedText) -> list[tuple[int, int]]:
    return [(norm.from_original(r.start), norm.from_original(r.end)) for r in doc.removed]


class _SentenceIndex:
    def __init__(self, doc: Document):
        self.sentences = doc.sentences
        self.starts = [s.start for s in doc.sentences]

    def __call__(self, pos: int) -> int | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return i
        return None


def _original(doc: Document, norm: MappedText, s: int, e: int) -> tuple[int, int]:
    return norm.to_original(s, e)


def find_triggers(doc: Document) -> list[TriggerMatch]:
    """Event triggers in ``doc`` (after the clean and segment stages), in text order."""
    norm, keytext = _views(doc)
    sent = _SentenceIndex(doc)
    out = []
    for s, e, v, prefix, future in _scan(keytext, _trigger_automaton(), _holes(doc, norm), norm.text):
        t = v.entry
        if isinstance(t, Blocker):
            continue
        assert isinstance(t, TriggerEntry)
        os_, oe = _original(doc, norm, s, e)
        out.append(TriggerMatch(t.type, t.mode, t.phrase, t.pos, t.voice, t.strength,
                                t.casualty, os_, oe, sent(os_), future, prefix, doc.text[os_:oe]))
    return out


def _next_word(keytext: str, end: int) -> str:
    rest = keytext[end:end + 40].split()
    return rest[0] if rest else ""


def _condition_ok(cond: str, keytext: str, end: int) -> bool:
    """Conditions of ``modality.tsv`` on the word after the cue (``conj_only`` is a prefix rule)."""
    if not cond:
        return True
    nxt = _next_word(keytext, end)
    for part in cond.split(";"):
        name, _, arg = part.strip().partition("=")
        if name == "next_imperfect":
            w = nxt[1:] if nxt[:1] in ("و", "ف") and len(nxt) > 3 else nxt
            if not w or w[0] not in _IMPERFECT:
                return False
        elif name == "not_next":
            if nxt in {key(a) for a in arg.split("|")}:
                return False
    return True


def find_modality_cues(doc: Document) -> list[ModalityCue]:
    """Lexical modality cues (``سوف``, ``قد``, ``نفى``, ``معظم`` ...); ``سـ`` is on the trigger."""
    norm, keytext = _views(doc)
    sent = _SentenceIndex(doc)
    out = []
    for s, e, v, prefix, _ in _scan(keytext, _modality_automaton(), _holes(doc, norm), norm.text):
        m: ModalityEntry = v.entry  # type: ignore[assignment]
        if prefix and prefix not in ("و", "ف") and "conj_only" in m.condition:
            continue
        if not _condition_ok(m.condition, keytext, e):
            continue
        os_, oe = _original(doc, norm, s, e)
        out.append(ModalityCue(m.phrase, m.modality, m.scope, m.window, os_, oe, sent(os_),
                               doc.text[os_:oe]))
    return out


def find_attribution_cues(doc: Document) -> list[AttributionCue]:
    """Reporting verbs, ``بحسب``/``نقلا عن`` and named sources (``المرصد السوري``)."""
    norm, keytext = _views(doc)
    sent = _SentenceIndex(doc)
    out = []
    for s, e, v, _, _ in _scan(keytext, _attribution_automaton(), _holes(doc, norm), norm.text):
        a: AttributionEntry = v.entry  # type: ignore[assignment]
        os_, oe = _original(doc, norm, s, e)
        out.append(AttributionCue(a.phrase, a.kind, a.source, os_, oe, sent(os_),
                                  doc.text[os_:oe]))
    return out
