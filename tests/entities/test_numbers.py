"""Quantities: digits, number words, duals, vague amounts, qualifiers, and what is not a count."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rasad.entities.dates  # noqa: F401 - registers the "dates" stage
import rasad.entities.numbers  # noqa: F401 - registers the "numbers" stage
from rasad.config import load_config
from rasad.entities.numbers import find_quantities, parse_digits, parse_number_words
from rasad.entities.wordmatch import PhraseTable, adjacent, analyses, key_tokens, match_phrase, phrase_table
from rasad.pipeline import Pipeline
from rasad.schema import Document
from rasad.text.normalize import normalize
from tests.conftest import SHARED

SEED = SHARED / "seed/000_307b6d8156389d2c.txt"


def quantities(text):
    found = find_quantities(normalize(text))
    for q in found:  # every span points at the original characters
        assert text[q.start:q.end] == q.text
    return [(q.text, q.value, q.qualifier) for q in found]


def values(text):
    return [(v, qual) for _, v, qual in quantities(text)]


# ---------------------------------------------------------------- number words

@pytest.mark.parametrize("words, value", [
    ("واحد", 1), ("واحدة", 1), ("اثنان", 2), ("اثنين", 2), ("اثنتين", 2),
    ("ثلاث", 3), ("ثلاثة", 3), ("خمسة", 5), ("ثماني", 8), ("عشرة", 10), ("عشر", 10),
    ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12), ("اثني عشر", 12), ("اثنتي عشرة", 12),
    ("ثلاثة عشر", 13), ("ثماني عشرة", 18),
    ("عشرون", 20), ("عشرين", 20), ("ثلاثة وعشرين", 23), ("واحد وعشرون", 21), ("تسعة وتسعين", 99),
    ("مئة", 100), ("مائة", 100), ("مئتي", 200), ("مئتان", 200), ("مائتين", 200),
    ("ثلاثمئة", 300), ("ثلاثمائة", 300), ("خمس مئة", 500), ("مئة وخمسون", 150), ("مئة وخمسة وعشرون", 125),
    ("ألف", 1000), ("ألفين", 2000), ("ثلاثة آلاف", 3000), ("ثلاثة آلاف وخمسمئة", 3500),
    ("ألف ومئتان", 1200), ("عشرين ألف", 20000), ("مئة ألف", 100000),
    ("مليون", 1_000_000), ("مليونين", 2_000_000), ("ثلاثة ملايين", 3_000_000),
    (["ثلاثة", "وعشرين"], 23), ("5 آلاف", 5000), ("1.5 مليون", 1_500_000),
])
def test_parse_number_words(words, value):
    assert parse_number_words(words) == value


@pytest.mark.parametrize("words", ["خمسة وستة", "أحد", "اثنا", "كلمة", "ثلاثة عشرين", "", "مئة مئة"])
def test_parse_number_words_rejects_non_numerals(words):
    assert parse_number_words(words) is None


def test_parse_number_words_accepts_spelling_variants():
    # hamza, teh marbuta and diacritics do not matter
    assert parse_number_words("اثنى عشر") == 12
    assert parse_number_words("ثلاثه وعشرين") == 23
    assert parse_number_words("خَمْسَة") == 5
    assert parse_number_words("اربعة") == 4


@pytest.mark.parametrize("digits, value", [
    ("12", 12), ("1,000", 1000), ("12,500,000", 12_500_000), ("1.500", 1500), ("2.5", 2.5), ("3,5", 3.5),
])
def test_parse_digits(digits, value):
    assert parse_digits(digits) == value


# ---------------------------------------------------------------- digits and offsets

def test_ascii_digits():
    assert quantities("قتل 12 شخصا") == [("12", 12, "exact")]


def test_arabic_indic_digits_map_to_original_offsets():
    text = "وأسفر الهجوم عن مقتل ١٢ عنصراً"
    (q,) = find_quantities(normalize(text))
    assert (q.value, q.text) == (12, "١٢")
    assert (q.start, q.end) == (text.index("١٢"), text.index("١٢") + 2)


def test_persian_digits_and_arabic_thousands_separator():
    assert quantities("نزوح ۱۵ عائلة") == [("۱۵", 15, "exact")]
    assert values("نزوح ١٬٥٠٠ شخص") == [(1500, "exact")]


def test_offsets_survive_censorship_and_diacritics_before_the_number():
    text = "مقتـ.ـل وإصَابَة ٥ من عناصر القـ.ـوات"
    (q,) = find_quantities(normalize(text))
    assert q.text == "٥" and text[q.start] == "٥"


def test_thousands_separator_and_scale_words():
    assert values("نزوح 1,500 شخص") == [(1500, "exact")]
    assert values("نزوح 1.5 مليون شخص") == [(1_500_000, "exact")]
    assert values("نحو 270 ألف شخص") == [(270_000, "about")]
    assert values("وصل 5 آلاف لاجئ") == [(5000, "exact")]


def test_decimal_without_scale_is_not_a_count():
    assert quantities("بمعدل 3.5 نقطة") == []


def test_number_words_in_text_with_clitics():
    assert quantities("قتل ثلاثة وعشرين شخصا وأصيب مئتي مدني") == [
        ("ثلاثة وعشرين", 23, "exact"), ("مئتي", 200, "exact")]
    assert quantities("قتل اثني عشر جنديا") == [("اثني عشر", 12, "exact")]
    assert quantities("وخمسة جرحى") == [("خمسة", 5, "exact")]  # the conjunction stays out
    assert values("قتل خمسة وستة آخرون") == [(5, "exact"), (6, "exact")]  # a list, not 11


def test_duals_of_count_nouns():
    assert quantities("مقتل قتيلين وجريحين") == [("قتيلين", 2, "exact"), ("جريحين", 2, "exact")]
    assert quantities("قتل شخصين") == [("شخصين", 2, "exact")]
    assert quantities("مقتل قتيلين اثنين") == [("قتيلين اثنين", 2, "exact")]
    assert values("استهدف عنصرين") == [(2, "exact")]


def test_plurals_that_look_like_duals_are_not_counts():
    assert quantities("هاجم مسلحين مدنيين ومقاتلين") == []


# ---------------------------------------------------------------- vague amounts and qualifiers

def test_vague_amounts_have_a_low_floor():
    assert quantities("أصيب عشرات المدنيين") == [("عشرات", 20, "at_least")]
    assert quantities("ولا يزال العشرات من الشبان") == [("العشرات", 20, "at_least")]
    assert values("نزح مئات الأشخاص") == [(200, "at_least")]
    assert values("فر عشرات الآلاف من المدنيين") == [(20_000, "at_least")]
    assert values("نزح آلاف المدنيين") == [(2000, "at_least")]
    assert values("سقطت بضعة قذائف") == [(3, "at_least")]
    assert quantities("تحرير عدد من المقاتلين") == [("عدد من", None, "unknown")]


@pytest.mark.parametrize("text, value, qualifier, surface", [
    ("ضمت أكثر من 100 مقاتل", 100, "at_least", "أكثر من 100"),
    ("قتل ما يزيد عن 50 شخصا", 50, "at_least", "ما يزيد عن 50"),
    ("قتل ما يزيد على 50 شخصا", 50, "at_least", "ما يزيد على 50"),
    ("قتل أزيد من 50 شخصا", 50, "at_least", "أزيد من 50"),
    ("قتل ما لا يقل عن 30 عنصرا", 30, "at_least", "ما لا يقل عن 30"),
    ("قتل لا يقل عن 30 عنصرا", 30, "at_least", "لا يقل عن 30"),
    ("قتل نحو 40 مدنيا", 40, "about", "نحو 40"),
    ("قتل حوالي 40 مدنيا", 40, "about", "حوالي 40"),
    ("قتل قرابة 40 مدنيا", 40, "about", "قرابة 40"),
    ("قتل زهاء 40 مدنيا", 40, "about", "زهاء 40"),
    ("قتل ما يقارب 40 مدنيا", 40, "about", "ما يقارب 40"),
    ("قتل بنحو أربعين مدنيا", 40, "about", "نحو أربعين"),
    ("قتل أقل من خمسة عناصر", 5, "at_most", "أقل من خمسة"),
    ("قتل ما لا يزيد عن 10 أشخاص", 10, "at_most", "ما لا يزيد عن 10"),
    ("نزوح ما يصل إلى 250 ألف مدني", 250_000, "at_most", "ما يصل إلى 250 ألف"),
])
def test_qualifier_phrases_before_the_number(text, value, qualifier, surface):
    assert quantities(text) == [(surface, value, qualifier)]


def test_qualifier_after_the_number():
    assert values("مقتل 10 أشخاص على الأقل") == [(10, "at_least")]
    assert quantities("مقتل 10 على الأقل") == [("10 على الأقل", 10, "at_least")]
    assert values("مقتل 10 أشخاص تقريبا") == [(10, "about")]


# ---------------------------------------------------------------- not counts

@pytest.mark.parametrize("text", [
    "منذ عام 2015", "في 10 تموز", "في 10 تموز 2018", "عند الساعة 5 صباحا", "عند 10:30",
    "ارتفعت بنسبة 45%", "ارتفعت بنسبة 30 في المئة", "ارتفعت 30 بالمئة", "الحادي عشر من الشهر",
    "القرار 2254", "قتل يوم الاثنين", "منذ 3 أيام", "على بعد 5 كيلومترات", "بقيمة 100 دولار",
    "خلال الساعات الـ24 الماضية", "في 10/7/2018",
])
def test_years_dates_times_percentages_and_labels_are_not_counts(text):
    assert quantities(text) == []


def test_explicit_exclude_spans_replace_the_date_finder():
    text = "منذ عام 2015"
    assert values(text) == []
    assert [q.value for q in find_quantities(normalize(text), exclude=[])] == [2015]


# ---------------------------------------------------------------- shared phrase matching

def _match_phrase_by_scanning(toks, i, table, keytext, n=None):
    """The plain search (every size, every reading): what the indexed table must agree with."""
    longest = max((len(k) for k in table), default=0)
    sizes = [n] if n is not None else range(min(longest, len(toks) - i), 0, -1)
    for size in sizes:
        if size <= 0 or i + size > len(toks) or not adjacent(toks, i, i + size, keytext):
            continue
        rest = tuple(t.text for t in toks[i + 1:i + size])
        for pre, stem in analyses(toks[i].text, min_stem=2):
            if (stem, *rest) in table:
                return size, pre, table[(stem, *rest)]
    return None


_PHRASES = ["عدد من", "أكثر من", "ما لا يقل عن", "على الأقل", "في المئة", "من"]
_WORDS = ["عدد", "وعدد", "بعدد", "من", "أكثر", "والأكثر", "ما", "لا", "يقل", "عن", "على", "الأقل",
          "في", "المئة", "بالمئة", "قتلى", "5"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), max_size=8),
       seps=st.lists(st.sampled_from([" ", " ", "، ", "\n"]), min_size=8, max_size=8),
       i=st.integers(0, 8), n=st.one_of(st.none(), st.integers(0, 4)))
def test_match_phrase_agrees_with_a_plain_scan(words, seps, i, n):
    table = phrase_table(_PHRASES, "q")
    keytext = "".join(w + sep for w, sep in zip(words, seps))
    toks = key_tokens(keytext)
    expected = _match_phrase_by_scanning(toks, i, dict(table), keytext, n)
    assert match_phrase(toks, i, table, keytext, n) == expected
    assert match_phrase(toks, i, dict(table), keytext, n) == expected  # a plain dict works too


def test_phrase_table_knows_its_first_words_and_longest_phrase():
    table = phrase_table(_PHRASES)
    assert isinstance(table, PhraseTable) and table.longest == 4
    assert "اكثر" in table.firsts and "الاقل" not in table.firsts


# ---------------------------------------------------------------- stage and seed

def _pipe():
    cfg = load_config()
    return Pipeline.from_config(cfg.with_pipeline(["clean", "segment", "dates", "numbers"]))


def test_stage_fills_doc_quantities_with_original_offsets():
    text = "عنوان الخبر\nقتل ٣ مدنيين وأصيب أكثر من عشرين آخرين في قصف يوم الاثنين."
    doc = _pipe()(Document(id="t", text=text, published="2018-07-10"))
    assert [(q.value, q.qualifier) for q in doc.quantities] == [(3, "exact"), (20, "at_least")]
    for q in doc.quantities:
        assert doc.text[q.start:q.end] == q.text


def test_stage_works_without_the_dates_stage():
    cfg = load_config()
    pipe = Pipeline.from_config(cfg.with_pipeline(["clean", "segment", "numbers"]))
    doc = pipe(Document(id="t", text="قتل 5 أشخاص منذ عام 2015 في الهجوم"))
    assert [q.value for q in doc.quantities] == [5]


def test_seed_numbers():
    text = SEED.read_text(encoding="utf-8")
    doc = _pipe()(Document(id="000_307b6d8156389d2c", text=text))
    got = {(q.value, q.qualifier): q for q in doc.quantities}
    for value, qualifier, surface in [(5, "exact", "5"), (3, "exact", "3"),
                                      (100, "at_least", "أكثر من 100"), (12, "exact", "12")]:
        q = got[(value, qualifier)]
        assert q.text == surface and text[q.start:q.end] == surface
    assert text[got[(5, "exact")].end:].startswith(" من مقاتلي قسد")
    assert text[got[(3, "exact")].end:].startswith(" دورات تدريب")
    assert text[got[(12, "exact")].end:].startswith(" عنصراً")
    assert 2015 not in {q.value for q in doc.quantities}  # a year, reported by dates
    assert any(t.value == "2015" and t.text == "عام 2015" for t in doc.times)
