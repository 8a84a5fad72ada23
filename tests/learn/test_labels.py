"""Gold labels of candidates (rasad.learn.labels), by the scorer's own overlap rule."""
from rasad.eval.gold import parse_gold
from rasad.learn.labels import is_actor, is_count, label_candidate
from tests.events.helpers import candidates, prepared

TEXT = ("قتل 3 جنود في هجوم نفذه مسلحون من تنظيم داعش على حاجز في درعا. "
        "وحذر مسؤولون من احتمال شن هجمات جديدة على المدينة. "
        "وأعلنت الحكومة خطة للتنمية.")
GOLD = parse_gold({
    "doc_id": "t", "events": [{
        "tier": "core", "type": "ASSAULT", "fatalities": 3,
        "actor1": {"name": "Islamic State", "aliases": ["داعش", "تنظيم داعش"]},
        "evidence": ["قتل 3 جنود في هجوم نفذه مسلحون من تنظيم داعش على حاجز في درعا"]}],
    "traps": [{"type": "ASSAULT", "evidence": "من احتمال شن هجمات جديدة على المدينة",
               "why": "hypothetical"}]}, "t.json")


def test_candidates_take_the_gold_label_of_their_clause():
    doc = prepared(TEXT)
    from rasad.events.candidates import find_candidates

    labels = {c.view.index: label_candidate(c, doc, GOLD) for c in find_candidates(doc)
              if c.type == "ASSAULT"}
    assert labels[0].label == "asserted" and labels[0].events[0].fatalities == 3
    assert labels[1].label == "hypothetical" and labels[1].events == []


def test_actor_and_count_labels():
    c = [c for c in candidates(TEXT) if c.type == "ASSAULT"][0]
    events = list(GOLD.events)
    assert is_actor(c.roles.actor1, events, 1)
    assert not is_actor(c.roles.actor1, events, 2)
    assert is_count(c.counts["fatalities"], events)
