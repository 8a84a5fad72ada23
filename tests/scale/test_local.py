"""--workers N gives byte-identical output and the same failure report as one process."""
from __future__ import annotations

import pytest

from rasad import cli
from rasad.errors import MalformedRecord, StageError
from rasad.scale.worker import Failure


def _extract(capsys, *args: str) -> tuple[int, str, str]:
    rc = cli.main(["extract", *args, "-q"])
    cap = capsys.readouterr()
    return rc, cap.out, cap.err


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "one.jsonl"
    rc = cli.main(["extract", str(corpus), "--debug", "-q", "-o", str(out)])
    return rc, out.read_text(encoding="utf-8")


def test_two_workers_equal_one_process(corpus, single, tmp_path, capsys, n_articles):
    out = tmp_path / "two.jsonl"
    rc, _, err = _extract(capsys, str(corpus), "--debug", "--workers", "2", "-o", str(out))
    assert (rc, out.read_text(encoding="utf-8")) == single
    assert rc == 1  # the broken and the empty record are failures, as in batch mode
    assert "2 of" in err and "broken" not in out.read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8").count("\n") == n_articles + 1  # + the record without id


def test_workers_keep_input_order_with_small_chunks(corpus, single):
    import json

    from rasad.batch import BatchReport, read_all
    from rasad.config import load_config
    from rasad.scale.local import run_parallel

    report = BatchReport()
    docs = list(run_parallel(read_all([str(corpus)]), load_config(), 2, report, chunk=3))
    expected = [json.loads(line)["id"] for line in single[1].split("\n")[:-1]]
    assert [d.id for d in docs] == expected
    assert len(report.failures) == 2 and report.unreadable == 2


def test_failure_survives_pickling_as_its_class():
    import pickle

    exc = MalformedRecord("a.jsonl:3", "malformed JSON")
    back = pickle.loads(pickle.dumps(Failure.of(exc))).rebuild()
    assert isinstance(back, MalformedRecord) and str(back) == str(exc)
    assert back.source == "a.jsonl:3"
    stage = StageError("events", "doc-1", ValueError("boom"))
    back = Failure.of(stage).rebuild()
    assert isinstance(back, StageError) and str(back) == str(stage)


def test_workers_must_be_positive(capsys):
    with pytest.raises(SystemExit):
        cli.main(["extract", "--sample", "--workers", "0"])
    assert "positive" in capsys.readouterr().err
