"""Counts of one in headline forms (rasad.events.casualties)."""
from tests.events.helpers import candidates


def _counts(text: str) -> dict[str, int | None]:
    cands = [c for c in candidates(text, "2025-03-01") if c.type == "ASSAULT"]
    assert cands, text
    return {role: n.value for role, n in cands[0].counts.items()}


def test_bare_role_noun_counts_one():
    assert _counts("قتيل و3 جرحى باستهداف حافلة في ريف حلب") == {"fatalities": 1, "injured": 3}


def test_another_one_counts_one():
    assert _counts("مقتل طفل وإصابة آخر بانفجار لغم أرضي في ريف حماة") == {"fatalities": 1, "injured": 1}


def test_dual_is_still_two():
    assert _counts("قتيلان بقصف على ريف إدلب")["fatalities"] == 2
