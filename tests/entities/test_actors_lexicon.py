"""The squeezed text view the actor matcher reads (rasad.entities.actors_lexicon.squeeze)."""
import random
import sys

from rasad.entities.actors_lexicon import squeeze


def _by_character(keytext: str) -> tuple[str, tuple[int, ...]]:
    """The definition, one character at a time: each whitespace/#/_ run becomes one space
    mapped to the run's first character."""
    out, idx, prev = [], [], False
    for i, ch in enumerate(keytext):
        gap = ch.isspace() or ch in "#_"
        if gap and prev:
            continue
        out.append(" " if gap else ch)
        idx.append(i)
        prev = gap
    return "".join(out), tuple(idx) + (len(keytext),)


def test_squeeze_maps_each_run_to_one_space_at_its_start():
    view = squeeze("قتل  \n#ميليشيات_الحوثي")
    assert view.text == "قتل ميليشيات الحوثي"
    assert view.to_key[3] == 3 and view.to_key[4] == 7 and len(view.to_key) == len(view.text) + 1


def test_squeeze_agrees_with_the_definition_on_every_kind_of_space():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    rng = random.Random(7)
    alphabet = spaces + ["#", "_", "a", "ق", "تل"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        view = squeeze(text)
        assert (view.text, view.to_key) == _by_character(text), repr(text)
