"""Gold loading: valid fixtures load; every malformed file names itself in a GoldError."""
import json
import shutil
from pathlib import Path

import pytest

from rasad.errors import GoldError
from rasad.eval.gold import load_gold

DATA = Path(__file__).parent / "data"
GOLD = DATA / "gold"


def test_fixture_gold_loads():
    gold = load_gold(GOLD)
    assert sorted(gold) == ["a", "b", "c", "d"]
    a = gold["a"]
    assert a.n_core == 3 and len(a.events) == 4 and len(a.traps) == 2
    assert a.events[0].actor1_names >= {"قوات النظام", "syrian government forces"}
    assert a.events[3].actor1_names == frozenset()


def _write(tmp_path: Path, name: str, data) -> Path:
    d = tmp_path / "gold"
    d.mkdir(exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    (d / name).write_text(text, encoding="utf-8")
    return d


def _valid() -> dict:
    return json.loads((GOLD / "a.json").read_text(encoding="utf-8"))


def _broken(change):
    data = _valid()
    change(data)
    return data


BAD = {
    "invalid json": ('{"doc_id": "a", "events": [', "invalid JSON at line 1"),
    "no doc_id": (_broken(lambda d: d.pop("doc_id")), "doc_id"),
    "events not list": (_broken(lambda d: d.update(events={})), "'events' must be a list"),
    "bad tier": (_broken(lambda d: d["events"][1].update(tier="core?")), "event 1: 'tier'"),
    "bad type": (_broken(lambda d: d["events"][0].update(type="BOMBING")), "event 0: unknown type"),
    "evidence str": (_broken(lambda d: d["events"][2].update(evidence="x")), "event 2: 'evidence'"),
    "evidence empty": (_broken(lambda d: d["events"][2].update(evidence=[])), "event 2: 'evidence'"),
    "lat only": (_broken(lambda d: d["events"][0]["location"].update(lon=None)), "both lat and lon"),
    "lat string": (_broken(lambda d: d["events"][0]["location"].update(lat="35")), "location.lat"),
    "count negative": (_broken(lambda d: d["events"][0].update(fatalities=-1)), "'fatalities'"),
    "bad precision": (_broken(lambda d: d["events"][0].update(date_precision="days")), "date_precision"),
    "trap type": (_broken(lambda d: d["traps"][1].update(type="arrest")), "trap 1: unknown type"),
    "trap evidence": (_broken(lambda d: d["traps"][0].update(evidence=["x"])), "trap 0: 'evidence'"),
    "top list": ([], "top level must be a JSON object"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_malformed_gold_names_the_file(tmp_path, case):
    data, problem = BAD[case]
    gold_dir = _write(tmp_path, "a.json", data)
    shutil.copy(GOLD / "b.json", gold_dir / "b.json")
    with pytest.raises(GoldError) as err:
        load_gold(gold_dir)
    msg = str(err.value)
    assert msg.startswith("a.json: "), msg
    assert problem in msg, msg
    assert "[E400]" in msg


def test_doc_id_must_match_file_name(tmp_path):
    gold_dir = _write(tmp_path, "other.json", _valid())
    with pytest.raises(GoldError, match=r"other\.json: doc_id 'a' does not match"):
        load_gold(gold_dir)


def test_missing_and_empty_gold_dir(tmp_path):
    with pytest.raises(GoldError, match="does not exist"):
        load_gold(tmp_path / "nope")
    with pytest.raises(GoldError, match="no gold files"):
        load_gold(tmp_path)


def test_non_utf8_gold(tmp_path):
    d = tmp_path / "g"
    d.mkdir()
    (d / "a.json").write_bytes('{"doc_id": "أ"}'.encode("cp1256"))
    with pytest.raises(GoldError, match=r"a\.json: not UTF-8"):
        load_gold(d)
