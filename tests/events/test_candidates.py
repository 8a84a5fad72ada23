"""Candidates (rasad.events.candidates): rule objections are named vetoes, nothing is dropped."""
from rasad.events.candidates import VETOES
from tests.events.helpers import candidates, only, prepared


def test_vetoes_are_named_ids():
    cs = candidates("قتل 3 أشخاص في انفجار عرضي في مصنع بسبب حادث.")
    c = only(cs, "ASSAULT")
    assert "accident" in c.vetoes and set(c.vetoes) <= set(VETOES)


def test_a_weapon_alone_is_a_candidate_with_a_veto():
    c = only(candidates("وتسلمت الوزارة شحنة صواريخ جديدة."), "ASSAULT")
    assert c.vetoes[:1] == ["weapon_only"] and not c.kept_by_rules


def test_protesters_storming_is_also_a_riot():
    cs = candidates("وأحرق المحتجون مقر الحزب في البصرة.")
    riot = only(cs, "PROTEST")
    assert riot.mode == "riot" and not riot.vetoes
    assert "by_protesters" in only(cs, "ASSAULT").vetoes


def test_clauses_split_at_openers():
    cs = candidates("قصفت الطائرات الحربية مدينة حلب صباح الأحد، في حين شهدت مدينة إدلب قصفا مدفعيا عنيفا.")
    assert sorted(c.clause for c in cs if c.type == "ASSAULT") == [0, 1]
    c = [c for c in cs if c.clause == 1][0]
    assert c.place is not None and "إدلب" in c.place.text


def test_finding_candidates_writes_nothing_on_the_document():
    doc = prepared("قتل 3 جنود في هجوم على حاجز في درعا.")
    before = (list(doc.actors), list(doc.times), list(doc.quantities), list(doc.places))
    from rasad.events.candidates import find_candidates

    find_candidates(doc)
    assert before == (doc.actors, doc.times, doc.quantities, doc.places)
