"""--workers N gives byte-identical output and the same failure report as one process."""
from __future__ import annotations

import json

import pytest

from rasad import cli
from rasad.errors import MalformedRecord, StageError
from rasad.scale.worker import Failure
from tests.conftest import need_shared


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


def _worker_pids(parent: int) -> list[int]:
    import psutil

    # the pool's workers are the forkserver's children
    procs = psutil.Process(parent).children(recursive=True)
    return [p.pid for p in procs if "resource_tracker" not in " ".join(p.cmdline())
            and p.ppid() != parent]


def test_killed_worker_is_replaced_and_its_documents_retried(tmp_path):
    """kill -9 of a worker mid-run: no hang, every document still written, in order."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import SHARED

    src = need_shared(SHARED / "data" / "news" / "ant_conflict_2018_dev.jsonl")
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)[:400]
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text("".join(lines), encoding="utf-8")
    cmd = [sys.executable, "-c", "import sys; from rasad.cli import main; sys.exit(main())",
           "extract", str(inp), "--workers", "2", "--format", "jsonl", "-q", "-o", str(out)]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    killed = None
    for _ in range(600):  # until the first results are written, then kill a worker
        if out.exists() and out.stat().st_size > 0 and _worker_pids(proc.pid):
            killed = _worker_pids(proc.pid)[-1]
            os.kill(killed, signal.SIGKILL)
            break
        time.sleep(0.05)
    err = proc.communicate(timeout=600)[1]
    assert killed is not None, "the run ended before a worker could be killed"
    assert "worker process died" in err and "Traceback" not in err
    ids = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [json.loads(x)["id"] for x in lines]
    assert proc.returncode == 0


def test_bad_config_stops_parallel_run_with_the_single_process_message(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('pipeline = ["clean", "nonsense"]\n', encoding="utf-8")
    single = _extract(capsys, "--sample", "--config", str(bad))
    parallel = _extract(capsys, "--sample", "--config", str(bad), "--workers", "2")
    assert single[0] == parallel[0] != 0
    assert "E300" in parallel[2] and parallel[2] == single[2]
