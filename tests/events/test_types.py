"""The per-type table (rasad.events.types) and the cue tables (rasad.events.cues)."""
import pytest

from rasad.events import cues, types
from rasad.schema import PLOVER_TYPES


def test_every_plover_type_has_one_row():
    table = types.table()
    assert set(table) == set(PLOVER_TYPES)
    assert types.count_roles("ASSAULT") == ("fatalities", "injured")
    assert types.count_roles("COERCE") == ("arrested",) and types.count_roles("AGREE") == ()
    assert table["MOBILIZE"].part_of_attack("troops") and not table["COERCE"].part_of_attack("arrest")
    assert {n for n, t in table.items() if t.material} == {
        "ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST"}


def test_cue_lists_are_keyed_and_windows_are_numbers():
    from rasad.text.normalize import key

    assert key("أيدي") in cues.words("roles.agent")
    assert cues.window("roles.windows.agent_search") > 0
    assert "statement_form" in cues.names("sanity.hard_vetoes")
    with pytest.raises(TypeError):
        cues.window("roles.agent")
