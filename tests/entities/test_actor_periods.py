"""Identities that change with time: periods, successors, undated documents."""
from rasad.entities.actors import find_actors
from rasad.entities.actors_lexicon import Candidate, as_of, current, in_period, lexicon

from tests.events.helpers import prepared


def test_period_bounds_compare_at_their_own_precision():
    assert in_period("/2024-12-07", "2024-12-07")
    assert not in_period("/2024-12-07", "2024-12-08")
    assert in_period("2024-12-08/", "2025-01-01T10:00:00")
    assert in_period("2024-12/", "2024-12-01")  # month bounds as before
    assert in_period("/2024-12-07", None)  # undated: inside every period


def test_undated_documents_prefer_the_open_period():
    old, new = Candidate("SYR_GOV", "/2024-12-07", False), Candidate("SYR_TRANS_GOV", "2024-12-08/", False)
    assert current([old, new]) == [new]
    assert current([old]) == [old]


def test_successor_from_its_date():
    actors = lexicon().actors
    assert as_of(actors, "SYR_GOV", "2018-05-01") == "SYR_GOV"
    assert as_of(actors, "SYR_GOV", "2024-12-08") == "SYR_TRANS_GOV"
    assert as_of(actors, "SYR_MIL", None) == "SYR_TRANS_MIL"
    assert as_of(actors, "SDF", "2025-01-01") == "SDF"


def _ids(text: str, published: str | None) -> dict[str, str]:
    return {a.text: a.id for a in find_actors(prepared(text, published))}


TEXT = "قصفت قوات النظام بلدة في ريف إدلب، وقالت الحكومة السورية إن نظام الأسد سقط."


def test_neutral_names_follow_the_publication_date():
    assert _ids(TEXT, "2018-05-01")["قوات النظام"] == "SYR_MIL"
    assert _ids(TEXT, "2018-05-01")["الحكومة السورية"] == "SYR_GOV"
    assert _ids(TEXT, "2025-05-01")["قوات النظام"] == "SYR_TRANS_MIL"
    assert _ids(TEXT, "2025-05-01")["الحكومة السورية"] == "SYR_TRANS_GOV"


def test_names_of_the_old_order_stay_with_it():
    assert _ids(TEXT, "2025-05-01")["نظام الأسد"] == "SYR_GOV"


def test_generic_forces_resolve_to_the_identity_of_the_day():
    text = "انتشرت عناصر الأمن في مدينة حمص السورية."
    assert _ids(text, "2018-05-01").get("عناصر الأمن") == "SYR_POLICE"
    assert _ids(text, "2025-05-01").get("عناصر الأمن") == "SYR_TRANS_SECURITY"
