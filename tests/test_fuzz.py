"""Bounded fuzzing in the normal test run (seeded hypothesis; ``scripts/fuzz.py`` runs the
long campaign): no input raises anything but a coded rasad error, and work grows linearly
with input size on the adversarial shapes that used to be quadratic or worse."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.errors import InputError, RasadError
from rasad.pipeline import Pipeline
from rasad.schema import Document
from rasad.text.read import read_stdin_bytes
from tests.calls import count_calls

FUZZ = settings(max_examples=200, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# pieces of real and hostile text: Arabic words, triggers, numbers, dates, separators,
# bidi marks, NUL, tatweel, diacritics, Latin, digits
PIECES = ["قتل", "ثلاثة", "ألف", "و", "شخص", "في", "قصف", "على", "حلب", "يوم", "الأحد",
          "12 مارس 2018", "قوات", "النظام", "داعش", "-", "ـ", ".", "،", "\n", " ", "\u200f",
          "\u202e", "\x00", "\u064b", "مليار", "عشرات", "اعتقال", "مظاهرة", "abc", "١٢٣",
          "5", "<b>", "&amp;", "\ufeff", "🙂"]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    p = Pipeline.from_config()
    p(Document(id="warm", text="قتل ثلاثة مدنيين في قصف على حلب يوم الأحد."))
    return p


def _safe(pipeline: Pipeline, text: str) -> None:
    try:
        pipeline(Document(id="fuzz", text=text))
    except RasadError:
        pass  # a coded error is an answer; anything else fails the test


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_pieces_never_raise(pipeline, text):
    _safe(pipeline, text)


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=300))
def test_any_unicode_never_raises(pipeline, text):
    _safe(pipeline, text)  # lone surrogates, controls, private use included


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_read_to_documents_or_coded_errors(pipeline, data):
    for item in read_stdin_bytes(data, None, 1_000_000):
        assert isinstance(item, Document | InputError)
        if isinstance(item, Document):
            _safe(pipeline, item.text)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
RECORDS = st.fixed_dictionaries({}, optional={
    "id": JSON_VALUES, "text": st.text(max_size=80) | JSON_VALUES, "title": JSON_VALUES,
    "published": JSON_VALUES, "url": JSON_VALUES, "outlet": JSON_VALUES})


@FUZZ
@given(st.lists(RECORDS | JSON_VALUES, min_size=1, max_size=5))
def test_jsonl_records_are_documents_or_one_error_each(tmp_path_factory, records):
    lines = [json.dumps(r) for r in records]
    path = tmp_path_factory.mktemp("j") / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from rasad.text.read import read_path

    out = list(read_path(path))
    assert all(isinstance(x, Document | InputError) for x in out)
    assert len(out) == len(lines)  # one outcome per line: a bad record sinks nothing


# ------------------------------------------------------------------ linear work

def _calls(pipeline: Pipeline, text: str) -> int:
    """Python and builtin calls made extracting ``text`` (a deterministic work counter)."""
    return count_calls(lambda: _safe(pipeline, text))[0]


SHAPES = {
    "hyphen-joined letters": lambda k: "ب-" * (400 * k),
    "number-word chain": lambda k: "قتل " + " و".join(["ألف"] * (150 * k)) + " شخص.",
    "no punctuation": lambda k: " ".join(["قصفت قوات النظام مدينة حلب وقتل ثلاثة مدنيين"] * (25 * k)),
    "one event per sentence": lambda k: "قتل 5 أشخاص في حلب. " * (40 * k),
    "thousands of dates": lambda k: " ".join(["في 12 مارس 2018"] * (60 * k)),
    "bidi marks and tatweel": lambda k: "قـ\u200fتـ\u202eل ثلاثة في حلب، " * (40 * k),
    "removed lines": lambda k: "\n".join(["شارك على فيسبوك", "قتل ثلاثة مدنيين في حلب"] * (30 * k)),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly_with_size(pipeline, shape):
    make = SHAPES[shape]
    small, large = _calls(pipeline, make(1)), _calls(pipeline, make(4))
    # four times the text: at most about four times the work (1.5x slack for
    # per-document constants shrinking in relative terms), never 16x
    assert large <= 6 * small, f"{shape}: {small} calls -> {large} calls for 4x the text"


@settings(max_examples=12, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=8, max_size=30).map("".join))
def test_work_grows_linearly_for_generated_units(pipeline, unit):
    small, large = _calls(pipeline, unit * 20), _calls(pipeline, unit * 80)
    assert large <= 6 * small + 20_000
