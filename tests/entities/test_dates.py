"""Time expressions: month names of three regions, Hijri dates, years, relative dates."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rasad.entities.dates  # noqa: F401 - registers the "dates" stage
from rasad.config import load_config
from rasad.entities.dates import find_times, parse_published
from rasad.entities.numbers import find_quantities
from rasad.pipeline import Pipeline
from rasad.schema import Document
from rasad.text.normalize import normalize
from tests.conftest import SHARED

SEED = SHARED / "seed/000_307b6d8156389d2c.txt"
PUB = "2025-09-02"  # a Tuesday


def times(text, published=PUB):
    found = find_times(normalize(text), published)
    for t in found:  # every span points at the original characters
        assert text[t.start:t.end] == t.text
    return found


def one(text, published=PUB):
    found = times(text, published)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- absolute dates

LEVANTINE = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
             "تشرين الأول", "تشرين الثاني", "كانون الأول"]
EGYPTIAN = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
            "أكتوبر", "نوفمبر", "ديسمبر"]
MAGHREBI = ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر",
            "أكتوبر", "نوفمبر", "ديسمبر"]
MOROCCAN = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر",
            "أكتوبر", "نونبر", "دجنبر"]


@pytest.mark.parametrize("names", [LEVANTINE, EGYPTIAN, MAGHREBI, MOROCCAN],
                         ids=["levantine", "egyptian", "maghrebi", "moroccan"])
def test_every_month_name_with_day_and_year(names):
    for month, name in enumerate(names, 1):
        t = one(f"قتل في 10 {name} 2018 شخص")
        assert (t.text, t.value, t.precision, t.relative) == (
            f"10 {name} 2018", f"2018-{month:02d}-10", "day", False)


@pytest.mark.parametrize("text, value", [
    ("يونيه 2018", "2018-06"), ("يوليه 2018", "2018-07"), ("إبريل 2018", "2018-04"),
    ("اغسطس 2018", "2018-08"), ("ايار 2018", "2018-05"),
])
def test_spelling_variants(text, value):
    t = one(text)
    assert (t.value, t.precision) == (value, "month")


def test_double_month_names_as_in_news():
    assert one("في 2 أغسطس/آب 2016، قتل").value == "2016-08-02"
    assert one("في 5 تموز/يوليو 2017").value == "2017-07-05"
    t = one("تموز (يوليو) 2018 شهد")
    assert (t.text, t.value, t.precision) == ("تموز (يوليو) 2018", "2018-07", "month")
    assert one("ديسمبر/كانون الأول عام 1987").value == "1987-12"


def test_month_with_relative_year():
    t = one("في 3 يونيو من العام الماضي")
    assert (t.value, t.relative) == ("2024-06-03", True)
    assert one("في 3 يونيو من العام الماضي", None).value is None


def test_invalid_day_has_no_value():
    t = one("في 31 شباط 2018")
    assert (t.value, t.precision) == (None, "day")


def test_numeric_dates():
    assert one("في 10/7/2018 قتل").value == "2018-07-10"
    assert one("بتاريخ 2018-07-10").value == "2018-07-10"


def test_arabic_indic_digits_map_to_original_offsets():
    text = "قتل في ١٠ تموز ٢٠١٨ ثلاثة"
    t = one(text)
    assert t.value == "2018-07-10"
    assert (t.start, t.end) == (text.index("١٠"), text.index("٢٠١٨") + 4)


# ---------------------------------------------------------------- Hijri

def test_hijri_dates_are_converted():
    assert one("15 رمضان 1439").value == "2018-05-30"
    text = "في ١٥ رمضان ١٤٣٩ هـ"
    t = one(text)
    assert (t.value, t.precision, t.relative) == ("2018-05-30", "day", False)
    assert t.text == "١٥ رمضان ١٤٣٩ هـ"
    assert one("1 محرم 1440").value == "2018-09-11"
    assert one("15 ذو الحجة 1439").value == "2018-08-26"


def test_hijri_month_and_year_without_day():
    t = one("في ذي الحجة 1439")
    assert (t.value, t.precision) == ("2018-08", "month")


def test_hijri_month_without_year_uses_the_publication_year():
    assert one("خلال شهر رمضان", "2018-06-24").value == "2018-05"
    assert one("خلال شهر رمضان", None).value is None


def test_hijri_month_names_that_are_personal_names_need_context():
    assert times("قال رجب طيب أردوغان") == []
    assert times("التقى رمضان عبد الله") == []


# ---------------------------------------------------------------- years

def test_years():
    t = one("منذ عام 2015 في")
    assert (t.text, t.value, t.precision, t.relative) == ("عام 2015", "2015", "year", False)
    assert one("في العام 2011").value == "2011"
    assert one("منذ 2014 في").value == "2014"
    assert one("وقع 2015م").value == "2015"
    assert times("قتل 2015 شخصا") == []  # no year cue: a count


# ---------------------------------------------------------------- relative dates

@pytest.mark.parametrize("text, value, precision, tod", [
    ("أعلنت يوم الأحد", "2025-08-31", "day", None),
    ("أعلنت الأحد", "2025-08-31", "day", None),
    ("ومساء الأحد، أعلن", "2025-08-31", "day", "evening"),
    ("صباح السبت", "2025-08-30", "day", "morning"),
    ("فجر الاثنين", "2025-09-01", "day", "dawn"),
    ("ظهر الأربعاء", "2025-08-27", "day", "noon"),
    ("ليل الخميس", "2025-08-28", "day", "night"),
    ("الأحد مساءً", "2025-08-31", "day", "evening"),
    ("الثلاثاء", "2025-09-02", "day", None),  # the publication day itself counts
    ("الثلاثاء الماضي", "2025-08-26", "day", None),
    ("الأحد المقبل", "2025-09-07", "day", None),
    ("أمس", "2025-09-01", "day", None),
    ("يوم أمس", "2025-09-01", "day", None),
    ("بالأمس", "2025-09-01", "day", None),
    ("البارحة", "2025-09-01", "day", None),
    ("أول أمس", "2025-08-31", "day", None),
    ("أول من أمس", "2025-08-31", "day", None),
    ("اليوم", "2025-09-02", "day", None),
    ("صباح اليوم", "2025-09-02", "day", "morning"),
    ("مساء أمس", "2025-09-01", "day", "evening"),
    ("الليلة الماضية", "2025-09-01", "day", "night"),
    ("الأسبوع الماضي", "2025-08-26", "week", None),
    ("الشهر الماضي", "2025-08", "month", None),
    ("الشهر الجاري", "2025-09", "month", None),
    ("ففي شهر آب الجاري", "2025-08", "month", None),
    ("في آب الماضي", "2025-08", "month", None),
    ("العام الماضي", "2024", "year", None),
    ("العام الجاري", "2025", "year", None),
    ("في 10 من الشهر الجاري", "2025-09-10", "day", None),
])
def test_relative_dates_resolve_against_publication(text, value, precision, tod):
    t = one(text)
    assert (t.value, t.precision, t.time_of_day, t.relative) == (value, precision, tod, True)
    u = one(text, None)  # without a publication date: never guessed
    assert (u.value, u.precision, u.relative) == (None, precision, True)


def test_weekday_on_publication_day_and_past_weekday():
    assert one("يوم الأحد", "2025-08-31").value == "2025-08-31"
    assert one("الأحد الماضي", "2025-08-31").value == "2025-08-24"


def test_previous_month_across_a_year_boundary():
    assert one("الشهر الماضي", "2025-01-15").value == "2024-12"
    assert one("العام الماضي", "2025-01-15").value == "2024"


def test_publication_datetime_and_bad_publication_date():
    assert one("أمس", "2025-09-02T10:00:00Z").value == "2025-09-01"
    assert parse_published("not a date") is None
    assert one("أمس", "not a date").value is None


def test_weekday_followed_by_an_absolute_date_is_one_expression():
    t = one("يوم الأحد 31 آب 2025 قتل")
    assert (t.text, t.value, t.relative) == ("يوم الأحد 31 آب 2025", "2025-08-31", False)
    assert one("الأربعاء، 10 أكتوبر 2018").value == "2018-10-10"


def test_monday_and_the_number_two():
    assert one("قال الاثنين إن").value == "2025-09-01"
    assert times("الخلاف بين الاثنين") == []
    t = one("ليل الاثنين الثلاثاء")
    assert (t.text, t.value, t.time_of_day) == ("ليل الاثنين الثلاثاء", "2025-09-01", "night")


def test_today_in_other_senses_is_not_a_date():
    assert times("في اليوم التالي") == []
    assert times("اليوم العالمي للطفل") == []
    assert one("اليوم الأحد", "2025-08-31").value == "2025-08-31"


# ---------------------------------------------------------------- day and month without a year

def test_day_month_without_year_takes_the_publication_year():
    t = one("في 10 تموز قتل")
    assert (t.value, t.relative) == ("2025-07-10", True)
    assert one("في 5 أيلول قتل").value == "2025-09-05"  # within seven days after publication
    assert one("في 25 كانون الأول قتل").value == "2024-12-25"  # later: the year before
    assert one("في 10 تموز قتل", None).value is None


def test_month_without_year():
    assert one("في أغسطس قتل").value == "2025-08"
    assert one("في كانون الأول قتل").value == "2024-12"
    assert one("في أغسطس قتل", None).value is None


def test_ambiguous_month_words_need_context():
    assert times("مارس الضغط على الحكومة") == []
    assert one("في مارس 2018").value == "2018-03"
    assert one("في مارس الماضي").value == "2025-03"
    assert one("في 3 آب").value == "2025-08-03"
    assert times("قال الأب إن") == []


# ---------------------------------------------------------------- stage and seed

def _pipe():
    cfg = load_config()
    return Pipeline.from_config(cfg.with_pipeline(["clean", "segment", "dates"]))


def test_stage_uses_doc_published():
    text = "عنوان\nقتل ثلاثة مدنيين مساء أمس في قصف."
    doc = _pipe()(Document(id="t", text=text, published="2018-07-10"))
    (t,) = doc.times
    assert (t.text, t.value, t.time_of_day) == ("مساء أمس", "2018-07-09", "evening")
    assert doc.text[t.start:t.end] == t.text


@pytest.mark.parametrize("published, sunday, august", [(None, None, None),
                                                       ("2025-09-02", "2025-08-31", "2025-08")])
def test_seed_times(published, sunday, august):
    text = SEED.read_text(encoding="utf-8")
    doc = _pipe()(Document(id="000_307b6d8156389d2c", text=text, published=published))
    by_text = {}
    for t in doc.times:
        assert text[t.start:t.end] == t.text
        by_text.setdefault(t.text, []).append(t)
    (sun,) = by_text["يوم الأحد"]
    assert (sun.value, sun.relative) == (sunday, True)
    assert [(t.value, t.time_of_day) for t in by_text["مساء الأحد"]] == [(sunday, "evening")] * 2
    assert by_text["شهر آب الجاري"][0].value == august
    (year,) = by_text["عام 2015"]
    assert (year.value, year.precision) == ("2015", "year")


# ---------------------------------------------------------------- robustness

_WORDS = ["يوم", "الأحد", "الاثنين", "مساء", "صباحاً", "أمس", "اليوم", "التالي", "الشهر", "الماضي",
          "الجاري", "شهر", "آب", "تموز", "كانون", "الأول", "مارس", "رمضان", "هـ", "عام", "منذ", "من",
          "١٠", "٢٠١٨", "15", "1439", "2015", "31", "/", "(", ")", "،", ".", "-", "أكثر", "نحو", "عشرات",
          "الآلاف", "ثلاثة", "وعشرين", "عشر", "قتيلين", "القـ.ـوات", "في", "المئة", "%", "الساعة", "1,500"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from([None, "2018-07-10", "2025-01-03"]))
def test_any_word_sequence_gives_spans_on_the_original_text(words, published):
    text = " ".join(words)
    mapped = normalize(text)
    found = find_times(mapped, published)
    for t in found:
        assert text[t.start:t.end] == t.text and t.start < t.end
        assert t.precision in ("day", "week", "month", "year", "unknown")
        if published is None and t.relative:
            assert t.value is None
    for q in find_quantities(mapped):
        assert text[q.start:q.end] == q.text and q.start < q.end
        assert q.qualifier in ("exact", "at_least", "at_most", "about", "unknown")


@pytest.mark.parametrize("text", [
    "قصفت الطائرات يوم الأحد 12 آذار/مارس 2018 مدينة إدلب، وفي 3/4/2018 وصباح أمس قتل ٥ مدنيين",
    "لا تاريخ هنا على الإطلاق", "", "٢٠١٨ 2018م الأسبوع الماضي منتصف الليل"])
def test_start_tokens_are_the_tokens_that_may_start_an_expression(text):
    from rasad.entities.dates import TimeScanner, _start_stems
    from rasad.entities.wordmatch import analyses

    def may_start(i: int, word: str) -> bool:  # the definition, token by token
        return (i in scanner.numeric or word[:1].isdigit() or word[1:2].isdigit()
                or any(stem in _start_stems() for _, stem in analyses(word, min_stem=2)))

    scanner = TimeScanner(normalize(text), parse_published("2018-07-10"))
    assert scanner.starts() == [i for i, t in enumerate(scanner.toks) if may_start(i, t.text)]
