"""Place options (rasad.events.places)."""
from rasad.events import places
from tests.events.helpers import candidates


def test_options_hold_the_clause_places_and_the_focus_with_the_rules_pick_marked():
    cs = candidates("مقتل 5 جنود في درعا\nقتل 5 جنود من قوات النظام صباح اليوم في هجوم على حاجز. "
                    "وأفادت مصادر بأن القصف طال مدينة حلب.")
    c = [c for c in cs if c.type == "ASSAULT" and c.view.index == 1][0]
    opts = places.options(c)
    assert any(o.scope in ("first", "focus") for o in opts)
    assert sum(o.rule for o in opts) <= 1


def test_a_place_from_outside_the_sentence_is_at_best_precision_2():
    c = candidates("قصفت الطائرات مدينة حلب.")[0]
    opt = places.PlaceOption(c.place, "focus")
    assert places.as_event_place(opt).geo_precision >= 2 and not places.in_sentence(opt)
