"""Counts (rasad.events.casualties), as ANNOTATION.md codes them."""
from rasad.events.casualties import Count, best_counts, summed_counts
from tests.events.helpers import candidates, only


def _counts(text, etype="ASSAULT"):
    return {r: (n.value, n.qualifier) for r, n in only(candidates(text), etype).counts.items()}


def test_vague_amounts_are_unknown_not_a_floor():
    assert _counts("أسفرت الغارة على القرية عن مقتل العشرات في ريف إدلب.") == {
        "fatalities": (None, "unknown")}


def test_a_subset_is_not_the_total_and_at_least_is_kept():
    assert _counts("قتل 12 مدنيا على الأقل بينهم 4 أطفال في غارة على قرية.") == {
        "fatalities": (12, "at_least")}


def test_fractions_of_a_scale_are_read():
    got = _counts("قتل أكثر من نصف مليون شخص منذ بدء الحرب.")
    assert got == {"fatalities": (500000, "at_least")}


def test_listed_numbers_after_one_role_word_add_up():
    a = Count("injured", 9, "exact", "role word before", None, 3, 4)
    b = Count("injured", 6, "exact", "listed after the previous count", None, 3, 6)
    (summed,) = summed_counts([a, b])
    assert summed.value == 15 and best_counts([a, b])["injured"].value == 15


def test_counts_of_one():
    assert _counts("أطلق مسلحون النار على حاجز للشرطة ما أدى إلى مقتل أحد العناصر وإصابة شرطي.") == {
        "fatalities": (1, "exact"), "injured": (1, "exact")}
