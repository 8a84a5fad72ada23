"""Role rules (rasad.events.roles): each rule has an identity in role_rules.toml."""
import re
from pathlib import Path

from rasad.events import roles
from tests.events.helpers import candidates, only


def test_every_rule_the_code_names_is_in_the_table():
    source = Path(roles.__file__).read_text(encoding="utf-8")
    named = set(re.findall(r'set[12]\([^,]+, "([a-z_0-9]+)"\)', source))
    named |= set(re.findall(r'p\.set1\(\w+(?:\[-1\])?, "([a-z_0-9]+)"\)', source))
    assert named and named <= set(roles.rules())
    for rule in roles.rules().values():
        assert rule.explain and rule.id


def test_agent_marker_names_the_doer_and_counted_victims_the_target():
    c = only(candidates("قتل 3 جنود في هجوم نفذه مسلحون من تنظيم داعش على حاجز في درعا."), "ASSAULT")
    assert c.roles.rule1 == "agent_marker" and c.roles.actor1.id == "ISIS"
    assert roles.rule(c.roles.rule1).syntax and roles.rule(c.roles.rule1).agent
    assert "agent marker" in c.roles.explain(1)


def test_between_gives_both_sides():
    c = only(candidates("اندلعت اشتباكات بين قوات النظام وفصائل المعارضة في ريف حماة."), "ASSAULT")
    assert (c.roles.rule1, c.roles.rule2) == ("between", "between")
    assert c.roles.actor1.id != c.roles.actor2.id


def test_a_reporter_is_not_the_doer():
    c = only(candidates("أعلنت الأمم المتحدة الأحد أن غارات جوية استهدفت مدينة الحديدة."), "ASSAULT")
    assert c.roles.actor1 is None or c.roles.actor1.id != "UN"
    assert any(r.item.id == "UN" for r in c.ctx.reporters)


def test_supporters_are_set_aside():
    cs = candidates("شنت القوات الحكومية مسنودة بطيران التحالف هجوما على مواقع الحوثيين في الحديدة.")
    c = only(cs, "ASSAULT")
    assert all(a.item.id != "INTL_COALITION" and "التحالف" not in a.item.text for a in c.ctx.actors)
    assert c.roles.actor1 is not None and "التحالف" not in c.roles.actor1.text
