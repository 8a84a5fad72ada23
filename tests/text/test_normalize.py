from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.text.normalize import censor_spans, compact_key, key, match_key, normalize


def test_censorship_restored_inside_words():
    assert normalize("القـ.ـوات").text == "القوات"
    assert normalize("وتيـ.ـرة الاستعـ.ـدادات").text == "وتيرة الاستعدادات"
    assert normalize("ق.س.د").text == "قسد"
    assert normalize("داع.ش").text == "داعش"


def test_real_sentence_ends_are_not_joined():
    assert normalize("العراق.. قسد").text == "العراق.. قسد"
    assert normalize("العراق..قسد").text == "العراق..قسد"
    # a lone full stop between two long words is a missing space, not a mask
    assert normalize("العراق.قسد").text == "العراق.قسد"
    assert censor_spans("العراق. قسد") == []


def test_tatweel_diacritics_zero_width_and_digits():
    assert normalize("مُحَمَّد").text == "محمد"
    assert normalize("الاستعــدادات").text == "الاستعدادات"
    assert normalize("قسد\u200c").text == "قسد"
    assert normalize("٣ قتلى و۵ جرحى").text == "3 قتلى و5 جرحى"


def test_offsets_map_back_to_original_characters():
    original = "أعلنت القـ.ـوات مقتل ٥ مُقاتلين"
    m = normalize(original)
    i = m.text.index("القوات")
    s, e = m.to_original(i, i + len("القوات"))
    assert original[s:e] == "القـ.ـوات"
    j = m.text.index("5")
    assert original[slice(*m.to_original(j, j + 1))] == "٥"
    k = m.text.index("مقاتلين")
    assert original[slice(*m.to_original(k, k + len("مقاتلين")))] == "مُقاتلين"
    assert m.from_original(original.index("مقتل")) == m.text.index("مقتل")


def test_match_key_unifies_letter_variants_one_for_one():
    for a, b in [("أحمد", "احمد"), ("إقليم", "اقليم"), ("مستشفى", "مستشفي"), ("الرقة", "الرقه"),
                 ("مسؤول", "مسوول"), ("هيئة", "هييه")]:
        assert match_key(a) == match_key(b)
        assert len(match_key(a)) == len(a)


def test_variants_are_parameters():
    assert match_key("الرقة", teh_marbuta=False) == "الرقة"
    assert normalize("٣", digits=False).text == "٣"
    assert normalize("القـ.ـوات", censorship=False).text == "الق.وات"


def test_keys_for_place_names():
    assert compact_key("دير الزور") == compact_key("ديرالزور")
    assert compact_key("البو كمال") == compact_key("البوكمال")
    assert compact_key("الجنينة") == compact_key("جنينه")
    assert key("  قوات   سوريا  ") == "قوات سوريا"


ARABIC_ALPHABET = (
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةى"
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0640.ـ \n٠١٢٣٤٥٦٧٨٩۰۴12abc\u200c،؟!«»"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ARABIC_ALPHABET, max_size=80), st.data())
def test_property_every_normalised_span_maps_to_its_original_characters(text, data):
    m = normalize(text)
    assert len(m.offsets) == len(m.text) + 1
    assert m.offsets[-1] == len(text)
    # the map is strictly increasing: order is kept, nothing is duplicated
    assert all(a < b for a, b in zip(m.offsets, m.offsets[1:]))
    digits = {"٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7",
              "٨": "8", "٩": "9", "۰": "0", "۴": "4"}
    for i, ch in enumerate(m.text):
        orig = text[m.offsets[i]]
        assert digits.get(orig, orig) == ch
    if m.text:
        start = data.draw(st.integers(0, len(m.text) - 1))
        end = data.draw(st.integers(start + 1, len(m.text)))
        s, e = m.to_original(start, end)
        # the original span, normalised on its own, gives back the normalised span
        # (censorship marks need the letters around them, so compare without them)
        again = normalize(text[s:e], censorship=False).text
        assert again.replace(".", "").replace("ـ", "") == m.text[start:end].replace(".", "")
        assert text[s] == text[m.offsets[start]] and e - 1 == m.offsets[end - 1]


def test_hyphen_is_not_a_diacritic_and_word_scans_are_bounded():
    from rasad.text.normalize import _word_len, censor_spans

    assert _word_len("-ب", 0, 1) == 0  # "-" is not in the diacritics range
    assert _word_len("بَ", 0, 1) == 2  # a letter and its fatha
    assert _word_len("ب" * 1000, 0, 1) == 3  # capped: only "short fragment?" is asked
    # a masked fragment is still found, a missing space still kept
    assert censor_spans("داع.ش") == [(3, 4)]
    assert censor_spans("العراق.قسد") == []


def test_a_text_with_nothing_to_delete_maps_to_itself_with_ascii_digits():
    m = normalize("قتل ١٢ شخصا في حلب")
    assert m.text == "قتل 12 شخصا في حلب"
    assert m.offsets == tuple(range(len(m.original) + 1))
    assert normalize("١٢", digits=False).text == "١٢"
