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


def test_arrest_for_ordinary_crime_is_vetoed():
    from tests.events.helpers import candidates

    theft = [c for c in candidates("القبض على ثلاثة أشخاص في أثناء سرقة منزل في ريف اللاذقية.")
             if c.type == "COERCE"]
    assert theft and all("crime" in c.vetoes for c in theft)
    cell = [c for c in candidates("ألقت قوات الأمن القبض على خلية لتنظيم داعش في ريف دمشق.")
            if c.type == "COERCE"]
    assert cell and all("crime" not in c.vetoes for c in cell)


def test_headline_present_tense_is_asserted():
    from tests.events.helpers import candidates

    head = [c for c in candidates("قوات الأمن تعتقل عشرة مطلوبين في ريف درعا", "2025-05-01")
            if c.type == "COERCE"]
    assert head and head[0].modality == "asserted"
    habit = [c for c in candidates("وقال إن قوات الأمن تعتقل عادة المطلوبين في ريف درعا.\n"
                                   "وقال إن قوات الأمن تعتقل المطلوبين في ريف درعا.", "2025-05-01")
             if c.type == "COERCE" and c.view.index == 1]
    assert habit and habit[0].modality != "asserted"
