"""Linear models at run time (rasad.events.model): scores by hand, files round-trip."""
import json
import math

from rasad.events.model import FORMAT, MODEL_NAMES, LinearModel, Models, load, packaged


def test_a_binary_model_is_a_logistic_function_of_the_present_features():
    m = LinearModel.from_weights(("0", "1"), (-1.0,), {"a": (2.0,), "b": (0.5,)}, threshold=0.3)
    assert math.isclose(m.p(["a", "unknown"]), 1 / (1 + math.exp(-1.0)))
    assert math.isclose(m.p([]), 1 / (1 + math.exp(1.0)))
    assert m.weight("b") == (0.5,) and m.weight("zzz") == (0.0,)


def test_a_multiclass_model_is_a_softmax():
    m = LinearModel.from_weights(("x", "y", "z"), (0.0, 1.0, 0.0),
                                 {"f": (1.0, 0.0, -1.0), "g": (0.0, 2.0, 0.0)})
    probs = m.proba(["f", "g"])
    z = [1.0, 3.0, -1.0]
    total = sum(math.exp(v) for v in z)
    for c, v in zip("xyz", z):
        assert math.isclose(probs[c], math.exp(v) / total)


def test_models_round_trip_and_dump_canonically(tmp_path):
    m = Models(event=LinearModel.from_weights(("a", "b"), (0.1,), {"f": (0.2,)}),
               event_thresholds={"*": 0.7})
    text = m.dumps()
    back = Models.from_dict(json.loads(text))
    assert back.dumps() == text and back.event_threshold("ASSAULT") == 0.7
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    assert load(path).event.p(["f"]) == m.event.p(["f"])


def test_the_packaged_model_has_every_decision():
    m = packaged()
    assert all(getattr(m, n) is not None for n in MODEL_NAMES)
    assert m.meta["trained_on"] and json.loads(m.dumps())["format"] == FORMAT
    assert 0 < m.event_threshold("ASSAULT") < 1
