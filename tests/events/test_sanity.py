"""Invariants (rasad.events.sanity) hold whatever a model decides."""
from rasad.events.merge import Draft
from rasad.events.sanity import check_draft, decisive_modality, vetoed
from rasad.schema import Actor, DateRef, Sentence
from tests.events.helpers import candidates, only


def _draft(**kw):
    return Draft(type="ASSAULT", mode=None, modality=kw.pop("modality", "asserted"),
                 sentence=Sentence(0, 10, "s"), sentence_index=0, **kw)


def test_a_cumulative_toll_is_no_incident():
    d = check_draft(_draft(counts={"fatalities": (350000, "about")}))
    assert d.modality == "generic" and d.counts["fatalities"] == (None, "unknown")
    small = check_draft(_draft(counts={"fatalities": (35, "exact")}))
    assert small.modality == "asserted" and small.counts["fatalities"] == (35, "exact")


def test_actor2_is_never_actor1():
    a = Actor("SDF", "Syrian Democratic Forces")
    d = check_draft(_draft(actor1=a, actor2=Actor("SDF", "SDF", text="قسد")))
    assert d.actor2 is None


def test_background_keeps_its_own_date_or_none():
    d = check_draft(_draft(background=True, date=DateRef("2018-07-10", "week", None)))
    assert d.date is None
    own = check_draft(_draft(background=True, date=DateRef("2016-03", "month", "آذار 2016"),
                             date_from_sentence=True))
    assert own.date.value == "2016-03"


def test_grammar_decides_over_a_model():
    assert decisive_modality(only(candidates("ستقصف الطائرات مواقع التنظيم في الرقة."), "ASSAULT")) == "future"
    assert decisive_modality(only(candidates("ونفى الجيش قصف المستشفى في المدينة."), "ASSAULT")) == "negated"
    assert decisive_modality(only(candidates("قصفت الطائرات مدينة حلب."), "ASSAULT")) is None


def test_a_statement_named_by_a_noun_is_vetoed_hard():
    cs = candidates("وجاءت الإدانة بعد ساعات من الهجوم على المدينة.")
    statements = [c for c in cs if not c.etype.material]
    assert statements and all(vetoed(c) for c in statements if "statement_form" in c.vetoes)
