"""The comparison rules of EVENTS.md §4 as small pure functions.

Text is compared through :func:`text_key`: ``rasad.text.normalize.key`` (no tatweel, no
diacritics, censorship dots undone, alef/yeh/teh marbuta/hamza unified, spaces collapsed)
and then ``casefold`` so Latin names compare without regard to case (Arabic is unaffected).
The same function is applied to both sides, so the comparison is symmetric.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rasad.geo.geometry import haversine_km
from rasad.text.normalize import key

__all__ = ["haversine_km"]  # re-exported: the scorer measures with the geometry module

JACCARD_MIN = 0.5
LOCATION_KM = 30.0

# A "word" for the Jaccard rule is a run of letters/digits: punctuation glued to a word
# ("العراق،", "(قسد)") must not make two spellings of the same sentence disjoint.
_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def text_key(text: str) -> str:
    """Normalised comparison key of any text (evidence, actor names)."""
    return key(text).casefold()


@dataclass(frozen=True, slots=True)
class TextKey:
    """An evidence string prepared for overlap tests."""

    key: str
    words: frozenset[str]

    @classmethod
    def of(cls, text: str | None) -> TextKey:
        k = text_key(text or "")
        return cls(k, frozenset(_WORD_RE.findall(k)))

    def __bool__(self) -> bool:
        return bool(self.key)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard index of two word sets (0.0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def overlaps(a: TextKey, b: TextKey) -> bool:
    """§4 overlap: one key contains the other, or the word sets have Jaccard >= 0.5.

    An empty text overlaps nothing (an empty string is contained in every string).
    """
    if not a or not b:
        return False
    if a.key in b.key or b.key in a.key:
        return True
    return jaccard(a.words, b.words) >= JACCARD_MIN


# Tolerated differences in admin1 names: case, accents, hyphens/spaces/apostrophes, a
# leading Latin article token ("Al-Hasakah" = "Hasakah") and a trailing "governorate"/
# "province" word. Different transliterations ("Deir ez-Zor" vs "Dayr az Zawr") still differ.
_ARTICLES = frozenset({"al", "el"})
_TRAILERS = frozenset({"governorate", "province"})


def place_key(name: str | None) -> str | None:
    """Comparison key of an admin1 (or country) name; ``None`` stays ``None``."""
    if name is None:
        return None
    text = unicodedata.normalize("NFKD", text_key(str(name)))
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = _WORD_RE.findall(text.replace("_", " "))
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    if len(words) > 1 and words[-1] in _TRAILERS:
        words = words[:-1]
    return "".join(words) or None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def location_correct(gold: dict, pred: dict | None) -> bool:
    """Within 30 km of the gold point; without gold coordinates, same country and admin1.

    A prediction without coordinates is wrong when the gold has coordinates. Without gold
    coordinates, a null admin1 on both sides counts as equal (gold "central Iraq", no admin1).
    """
    if not isinstance(pred, dict):
        return False
    glat, glon = _number(gold.get("lat")), _number(gold.get("lon"))
    if glat is not None and glon is not None:
        plat, plon = _number(pred.get("lat")), _number(pred.get("lon"))
        if plat is None or plon is None:
            return False
        return haversine_km(glat, glon, plat, plon) <= LOCATION_KM
    return (place_key(gold.get("country")) == place_key(pred.get("country"))
            and place_key(gold.get("admin1")) == place_key(pred.get("admin1")))


def date_value(pred_date: object) -> str | None:
    """The predicted date's value, reduced to its ``YYYY-MM-DD`` part when a time follows."""
    if isinstance(pred_date, dict):
        pred_date = pred_date.get("value")
    if not isinstance(pred_date, str) or not pred_date:
        return None
    return pred_date.split("T", 1)[0]


COUNT_FIELDS = ("fatalities", "injured", "arrested")


def counts_of(record: dict) -> tuple[object, object, object]:
    return tuple(record.get(f) for f in COUNT_FIELDS)  # type: ignore[return-value]


def actor_names(gold_actor: dict | None) -> frozenset[str]:
    """Normalised gold name and aliases (empty when the gold names no actor)."""
    if not isinstance(gold_actor, dict):
        return frozenset()
    names = [gold_actor.get("name"), *(gold_actor.get("aliases") or [])]
    return frozenset(k for n in names if isinstance(n, str) and (k := text_key(n)))


ACTOR_FIELDS = ("name", "id", "name_ar", "text")


def actor_correct(gold_names: frozenset[str], pred_actor: object) -> bool:
    """The predicted actor's name, id, name_ar or surface text equals a gold name/alias."""
    if not isinstance(pred_actor, dict):
        return False
    for f in ACTOR_FIELDS:
        v = pred_actor.get(f)
        if isinstance(v, str) and text_key(v) in gold_names:
            return True
    return False
