"""Modality cues (rasad.events.modality): the verdict carries what decided it."""
from rasad.events.modality import FUTURE_PREFIX, HABITUAL, NO_CUE
from tests.events.helpers import candidates, only


def test_the_future_proclitic_decides_future():
    c = only(candidates("ستقصف الطائرات مواقع التنظيم في الرقة."), "ASSAULT")
    assert (c.modality, c.modality_basis) == ("future", FUTURE_PREFIX)


def test_a_denial_is_negated_by_its_cue():
    c = only(candidates("ونفى الجيش قصف المستشفى في المدينة."), "ASSAULT")
    assert c.modality == "negated" and c.modality_basis == "نفى"


def test_an_undated_imperfect_is_habitual():
    c = only(candidates("ويقصف الجيش القرى في المنطقة."), "ASSAULT")
    assert (c.modality, c.modality_basis) == ("generic", HABITUAL)


def test_a_plain_report_is_asserted():
    c = only(candidates("قصفت الطائرات الحربية مدينة حلب صباح الأحد."), "ASSAULT")
    assert (c.modality, c.modality_basis) == ("asserted", NO_CUE)


def test_an_onset_word_asserts():
    c = only(candidates("أعلنت السفارة عن بدء سحب القوات الأمريكية من القاعدة."), "RETREAT")
    assert c.modality == "asserted" and c.modality_basis == "بدء"
