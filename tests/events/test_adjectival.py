"""Forces named by an adjective after an attack noun (rasad.events.adjectival)."""
from rasad.events.adjectival import actor_of_adjective
from rasad.text.normalize import key

from tests.events.helpers import candidates, only


def test_country_nisba_names_its_armed_forces():
    assert actor_of_adjective(key("الإسرائيلية")) == "ISR_MIL"
    assert actor_of_adjective(key("روسي")) == "RUS_MIL"
    assert actor_of_adjective(key("حوثية")) == "HOUTHIS"
    assert actor_of_adjective(key("كبيرة")) is None


def test_adjective_after_attack_noun_is_actor1():
    c = only(candidates("غارات إسرائيلية على خان يونس."), "ASSAULT")
    assert c.roles.actor1 is not None and c.roles.actor1.id == "ISR_MIL"
    assert c.roles.rule1 == "adjectival_agent"
    assert c.roles.actor1.text == "إسرائيلية"


def test_a_run_of_adjectives_is_one_mention_named_by_the_first():
    c = only(candidates("قصف أميركي بريطاني على محافظة حجة شمالي اليمن."), "ASSAULT")
    assert c.roles.actor1.id == "USA_MIL"
    assert c.roles.actor1.text == "أميركي بريطاني"


def test_means_adjective_between_noun_and_force():
    c = only(candidates("قصف مدفعي تركي على قرى في ريف منبج."), "ASSAULT")
    assert c.roles.actor1 is not None and c.roles.actor1.id == "TUR_MIL"


def test_victims_nisba_after_a_casualty_word_is_not_the_doer():
    cands = candidates("مقتل جندي إسرائيلي في جنوب لبنان.")
    assert all(c.roles.rule1 != "adjectival_agent" for c in cands)


def test_protest_nisba_names_people_not_forces():
    cands = candidates("مظاهرات فلسطينية في رام الله تنديدا بالحرب.")
    assert all(c.roles.rule1 != "adjectival_agent" for c in cands)
