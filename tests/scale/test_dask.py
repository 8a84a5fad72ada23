"""The Dask engine: a 2-worker LocalCluster gives exactly the single-process events."""
from __future__ import annotations

import io
import json

import pytest

from rasad import cli
from rasad.config import load_config
from rasad.scale import shards as sh
from rasad.text.read import read_path

dask = pytest.importorskip("dask")


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "one.jsonl"
    cli.main(["extract", str(corpus), "-q", "-o", str(out)])
    return out.read_text(encoding="utf-8")


def test_shards_read_like_the_whole_file(corpus):
    whole = [(type(x).__name__, str(x) if isinstance(x, Exception) else (x.id, x.source_path, x.text))
             for x in read_path(corpus)]
    plan = sh.plan([corpus], shard_bytes=20_000)
    assert len(plan) > 10
    numbered = sh.number(plan, [sh.count_lines(s) for s in plan])
    got = [(type(x).__name__, str(x) if isinstance(x, Exception) else (x.id, x.source_path, x.text))
           for s in numbered for x in sh.read_shard(s)]
    assert got == whole


def test_local_cluster_two_workers_equal_single_process(corpus, single, tmp_path, n_articles):
    distributed = pytest.importorskip("distributed")
    from rasad.scale.dask_engine import iter_parquet_records, run_dask

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        out = io.StringIO()
        report = run_dask([str(corpus)], load_config(), out=out, partitions=6, client=client)
        assert out.getvalue() == single
        assert report.documents == n_articles + 1 and len(report.failures) == 2
        assert report.events == sum(len(json.loads(x)["events"]) for x in single.split("\n")[:-1])
        pq_dir = tmp_path / "out.parquet"
        run_dask([str(corpus)], load_config(), output=str(pq_dir), partitions=6, client=client)
    pytest.importorskip("pyarrow")
    parts = sorted(pq_dir.glob("part-*.parquet"))
    assert len(parts) >= 5
    assert list(iter_parquet_records(pq_dir)) == [json.loads(x) for x in single.split("\n")[:-1]]


def test_cli_dask_default_scheduler_jsonl(corpus, single, tmp_path, capsys, n_articles):
    out = tmp_path / "d.jsonl"
    rc = cli.main(["extract", str(corpus), "--engine", "dask", "--partitions", "3", "-q",
                   "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1 and f"2 of {n_articles + 3} inputs failed" in err
    assert out.read_text(encoding="utf-8") == single


def test_cli_dask_rejects_other_formats(corpus, capsys):
    rc = cli.main(["extract", str(corpus), "--engine", "dask", "--format", "csv", "-q"])
    assert rc == 1 and "JSONL" in capsys.readouterr().err
