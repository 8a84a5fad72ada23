"""Casualty and arrest counts of a sentence: which number counts whom.

A number counts fatalities, injured or arrested when a role word stands just before it
(``مقتل 3``, ``إصابة 5 من مقاتلي قسد``, ``القبض على 12``) or just after it, past the
counted noun (``11 قتيلا``, ``19 شخصا أصيبوا``). Numbers after ``بينهم``/``منهم`` count
a subset and are skipped; a role word with no number (``إيقاع إصابات``) gives an
unknown count, never a guessed one.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rasad import resources
from rasad.events import cues
from rasad.events.view import SentenceView, bare
from rasad.schema import Document, Quantity
from rasad.text.normalize import key

ROLES = ("fatalities", "injured", "arrested")


def _fillers() -> frozenset[str]:
    return cues.words("casualties.fillers")


def _subsets() -> frozenset[str]:
    return cues.words("casualties.subsets")


@cache
def _unknown() -> dict[str, frozenset[str]]:
    return {role: cues.words(f"casualties.unknown.{role}") for role in ROLES}


@dataclass(frozen=True, slots=True)
class Count:
    role: str
    value: int | None
    qualifier: str
    rule: str
    quantity: Quantity | None = None
    anchor: int | None = None  # token index of the role word a listed number hangs on
    token: int | None = None  # token index of the number (or of the singular noun)


@cache
def _words() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {"before": {}, "after": {}, "self": {}}
    for line in resources.read_lines("events", "casualties.tsv"):
        role, position, word = line.split("\t")
        table[position][key(word)] = role
    return table


def casualty_word(word: str) -> str | None:
    """The role a word announces before a number (مقتل -> fatalities), if any."""
    words = _words()["before"]
    return words.get(word) or words.get(bare(word))


def _role_before(view: SentenceView, first: int, skip: set[int]) -> tuple[str, int] | None:
    """The role word before a number: at most two other words between them, not counting
    fillers (على الأقل, نحو) and words of a time or attribution phrase (الخميس، وفق المرصد)."""
    words = _words()["before"]
    others = 0
    for i in range(first - 1, max(first - 1 - cues.window("casualties.before_reach"), -1), -1):
        w = view.word(i)
        if w in _subsets():
            return None
        role = words.get(w) or words.get(bare(w))
        if role:
            return role, i
        if i in skip or w in _fillers() or bare(w) in _fillers():
            continue
        others += 1
        if others > 1:
            break
    return None


def _role_after(view: SentenceView, last: int) -> str | None:
    words = _words()["after"]
    for i in range(last + 1, min(last + 1 + cues.window("casualties.after_reach"), len(view.toks))):
        w = view.word(i)
        role = words.get(w) or words.get(bare(w))
        if role:
            return role
    return None


def _subset(view: SentenceView, first: int) -> bool:
    subsets = _subsets()
    return any(view.word(i) in subsets or bare(view.word(i)) in subsets
               for i in range(max(first - 3, 0), first))


def sentence_counts(doc: Document, view: SentenceView, attribution: list | None = None
                    ) -> list[Count]:
    """Every role count in the sentence, in text order."""
    out: list[Count] = []
    skip: set[int] = set()
    # words of a time, a source or an actor may stand between the role word and the number:
    # "وقتل الخميس، وفق المرصد، 8", "اعتقلت قوات الأمن سبعة شبان"
    for loc in view.mentions(doc, doc.times) + view.mentions(doc, attribution or []) \
            + view.mentions(doc, doc.actors):
        skip.update(range(loc.first, loc.last + 1))
    prev_last, prev_count = -10, None
    quantities = view.mentions(doc, doc.quantities)
    taken = {i for q in quantities for i in range(q.first, q.last + 1)}
    out.extend(singular_counts(view, taken))
    gap = cues.window("casualties.listed_gap")
    for loc in quantities:
        q: Quantity = loc.item
        # a vague amount (عشرات, عدد من) names victims without a number (ANNOTATION.md: null)
        value, qual = (None, "unknown") if q.vague else (q.value, q.qualifier)
        if prev_count is not None and view.word(loc.first).startswith("و") \
                and 0 < loc.first - prev_last <= gap and q.value is not None:
            # "تسعة شرطيين وستة عناصر": a list continuing the previous count
            c = Count(prev_count.role, value, qual, "listed after the previous count", q,
                      prev_count.anchor, loc.first)
            out.append(c)
            prev_last, prev_count = loc.last, c
            continue
        if q.value is None and not q.vague:
            continue
        if _subset(view, loc.first):
            continue
        self_role = _words()["self"].get(view.word(loc.last)) \
            or _words()["self"].get(bare(view.word(loc.last)))
        if self_role:
            out.append(Count(self_role, value, qual, "counted noun", q, None, loc.first))
            continue
        before = _role_before(view, loc.first, skip)
        if before:
            role, i = before
            if role == "fatalities" and view.word(i) in (key("لقي"), key("لقيت"), key("لقى")) and not any(
                    w.startswith(("حتف", "مصرع")) for w in view.words(loc.last, loc.last + 8)):
                continue
            out.append(Count(role, value, qual if q.vague else _qualifier(view, q, loc.last),
                             "role word before", q, i, loc.first))
            prev_last, prev_count = loc.last, out[-1]
            continue
        after = _role_after(view, loc.last)
        if after:
            out.append(Count(after, value, qual if q.vague else _qualifier(view, q, loc.last),
                             "role word after", q, None, loc.first))
            prev_last, prev_count = loc.last, None
    return out


def _qualifier(view: SentenceView, q: Quantity, last: int) -> str:
    if q.qualifier != "exact":
        return q.qualifier
    tail = " ".join(view.words(last + 1, last + 5))
    return "at_least" if key("على الأقل") in tail else "exact"


def _one_keys() -> frozenset[str]:
    return cues.words("casualties.one")


def singular_counts(view: SentenceView, taken: set[int]) -> list[Count]:
    """Counts of one: a role word followed by أحد or a singular person noun."""
    out = []
    words = _words()["before"]
    for i, t in enumerate(view.toks[:-1]):
        role = words.get(t.text) or words.get(bare(t.text))
        if role is None or i + 1 in taken:
            continue
        nxt = view.word(i + 1)
        if nxt in _one_keys() or bare(nxt) in _one_keys():
            out.append(Count(role, 1, "exact", "singular noun after the role word", None, i, i + 1))
    selfs = cues.grouped("casualties.one_self")
    for i, w in enumerate(view.texts):
        w = w[1:] if w[:1] == "و" and w[1:] in selfs else w
        role = selfs.get(w)
        if role is not None and i not in taken and view.word(i + 1) != key("من"):
            # indefinite, not part of a number ("قتيلين"), not "قتيل من ..." counted elsewhere
            out.append(Count(role, 1, "exact", "singular role noun", None, None, i))
    return out


def unknown_roles(view: SentenceView) -> set[str]:
    """Roles named without a number (``إيقاع إصابات في صفوفها``)."""
    found = set()
    text = " " + " ".join(bare(t.text) for t in view.toks) + " "
    for role, words in _unknown().items():
        if any(f" {w} " in text for w in words):
            found.add(role)
    return found


def summed_counts(counts: list[Count]) -> list[Count]:
    """Numbers listed after one role word (``إصابة تسعة شرطيين وستة عناصر وأربعة مدنيين``)
    added up into one count; the others as they are."""
    summed: list[Count] = []
    for c in counts:
        prev = summed[-1] if summed else None
        if prev is not None and c.anchor is not None and prev.anchor == c.anchor \
                and prev.role == c.role and prev.value is not None and c.value is not None:
            summed[-1] = Count(c.role, prev.value + c.value, prev.qualifier, "sum of a listed count",
                               prev.quantity, prev.anchor, prev.token)
        else:
            summed.append(c)
    return summed


def best_counts(counts: list[Count]) -> dict[str, Count]:
    """One count per role: the largest stated value (sub-totals are smaller)."""
    best: dict[str, Count] = {}
    for c in summed_counts(counts):
        cur = best.get(c.role)
        if cur is None or (c.value or 0) > (cur.value or 0):
            best[c.role] = c
    return best
