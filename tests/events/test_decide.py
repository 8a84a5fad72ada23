"""The two deciders (rasad.events.decide) on hand-made models."""
from rasad.events.decide import decide_by_rules, decide_with_models, event_label, learned_places
from rasad.events.model import LinearModel, Models
from tests.events.helpers import candidates


def _always(label: str) -> LinearModel:
    labels = ("asserted", "future", "generic", "hypothetical", "negated", "none")
    return LinearModel.from_weights(labels, tuple(5.0 if c == label else 0.0 for c in labels), {})


def test_the_event_label_needs_the_threshold():
    assert event_label({"asserted": 0.55, "none": 0.45}, 0.5) == "asserted"
    assert event_label({"asserted": 0.55, "none": 0.30, "generic": 0.15}, 0.6) == "none"


def test_an_event_model_that_says_none_codes_nothing_and_rules_remain_the_fallback():
    cs = candidates("قصفت الطائرات الحربية مدينة حلب صباح الأحد.")
    assert decide_with_models(cs, Models(event=_always("none")), "2018-07-10") == []
    assert len(decide_with_models(cs, Models(event=_always("asserted")), "2018-07-10")) == 1
    assert [d.type for d in decide_with_models(cs, Models(), "2018-07-10")] == \
        [d.type for d in decide_by_rules(cs)]


def test_grammar_overrides_the_event_model():
    cs = candidates("ستقصف الطائرات مواقع التنظيم في الرقة.")
    (d,) = decide_with_models(cs, Models(event=_always("asserted")), "2018-07-10")
    assert d.modality == "future"


def test_the_place_model_must_beat_the_rules_by_its_margin():
    cs = candidates("قصفت الطائرات الحربية مدينة حلب صباح الأحد، وذكرت مصادر في إدلب أن الطائرات حلقت.")
    c = [c for c in cs if c.type == "ASSAULT"][0]
    favour_others = LinearModel.from_weights(("0", "1"), (0.0,), {"P:rule": (-0.2,), "rule": (-0.2,)},
                                             threshold=2.0, margin=0.5)
    (kept,) = learned_places(c, Models(place=favour_others))
    assert kept.place is c.place  # a small preference does not replace the rules' place
    strong = LinearModel.from_weights(("0", "1"), (0.0,), {"rule": (-9.0,)}, threshold=2.0, margin=0.1)
    (moved,) = learned_places(c, Models(place=strong))
    assert moved.place is not c.place
