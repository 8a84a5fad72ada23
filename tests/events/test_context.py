"""Place, date and attribution choices of the rules (rasad.events.context)."""
from tests.events.helpers import candidates, only


def test_a_sentence_set_years_ago_gets_no_date_of_today():
    cs = candidates("وفي عام 2015 شن تنظيم داعش هجوما واسعا على المخيم وطرد الفصائل منه.",
                    published="2018-04-05")
    assert cs and all(c.date is None or c.date.value < "2018" for c in cs)


def test_a_deadline_after_publication_is_not_the_date():
    cs = candidates("وافق مجلس الأمن على تمديد عمل اللجنة حتى 26 فبراير 2019 بعد مشاورات يوم الاثنين.",
                    published="2018-02-27")
    assert cs and all(c.date is None or c.date.value <= "2018-02-27" for c in cs)


def test_the_publication_date_is_a_lowered_fallback():
    c = only(candidates("قصفت الطائرات الحربية مدينة حلب."), "ASSAULT")
    assert (c.date.value, c.date.precision, c.date_from_sentence) == ("2018-07-10", "week", False)


def test_a_reporting_verb_is_never_the_source():
    c = only(candidates("وقال إن الطائرات قصفت مدينة حلب."), "ASSAULT")
    assert c.ctx.attribution is not None and c.ctx.attribution.source is None
    assert c.ctx.attribution.text.strip() in ("وقال", "قال")


def test_a_named_source_is_the_source():
    c = only(candidates("قصفت الطائرات مدينة حلب، بحسب المرصد السوري لحقوق الإنسان."), "ASSAULT")
    assert c.ctx.attribution is not None and c.ctx.attribution.source


def test_the_place_in_the_clause_wins_over_the_focus():
    c = only(candidates("قصفت الطائرات الحربية مدينة حلب صباح الأحد."), "ASSAULT")
    assert c.place is not None and c.place.admin1 and c.place_from_sentence


def test_launch_origin_is_not_the_place_struck():
    from tests.events.helpers import candidates

    cands = [c for c in candidates("سقط صاروخ أطلق من اليمن على مدينة حيفا.", "2024-09-16")
             if c.type == "ASSAULT"]
    assert cands and all(c.place is None or c.place.country != "YEM" for c in cands)
