"""Every command with every class of bad input: one coded line naming the input, a
non-zero exit, never a traceback, never silence. Inputs that can be read but are not what
rasad expects (not Arabic, a legacy encoding) are processed with a coded warning."""
from __future__ import annotations

import os

import pytest

from rasad import cli

BAD_INPUTS = {  # name -> bytes (None: made specially below)
    "missing.txt": None,
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 20,
    "blank.jsonl": b"  \n\n \n",
    "bad.jsonl": b'{"id": "a", "text": \n',
    "surrogate.jsonl": b'{"id": "s", "text": "\\ud800"}\n',
    "emptydir": None,
    "fifo.txt": None,
    "zero.txt": None,
}
WARNED_INPUTS = {
    "english.txt": ("The quick brown fox jumps over the lazy dog. " * 10).encode(),
    "cp1256.txt": "قتل خمسة أشخاص في قصف على حلب.".encode("cp1256"),
}
ARTICLE_COMMANDS = ("extract", "geoparse", "actors", "ingest")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    for name, data in {**BAD_INPUTS, **WARNED_INPUTS}.items():
        if data is not None:
            (d / name).write_bytes(data)
    (d / "emptydir").mkdir()
    os.mkfifo(d / "fifo.txt")
    os.symlink("/dev/zero", d / "zero.txt")
    (d / "good.txt").write_text("قتل خمسة أشخاص في قصف على حلب يوم الأحد.", encoding="utf-8")
    (d / "badtoml.toml").write_text("pipeline = [1, 2", encoding="utf-8")
    (d / "badstage.toml").write_text('pipeline = ["clean", "nope"]\n', encoding="utf-8")
    (d / "gold_bad.jsonl").write_text('{"nope": 1}\n', encoding="utf-8")
    assert cli.main(["ingest", str(d / "good.txt"), "--db", str(d / "w.duckdb"), "-q"]) == 0
    return d


def _run(capsys, argv: list[str]) -> tuple[int, str]:
    try:
        rc = cli.main(argv)
    except SystemExit as exc:  # argparse usage errors
        rc = exc.code
    return rc, capsys.readouterr().err


def _assert_one_coded_line(rc, err: str, name: str) -> None:
    assert rc not in (0, None), err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if "[E" in line]
    assert lines, f"no coded error line in: {err!r}"
    assert any(name in line for line in err.splitlines()), f"{name} not named in: {err!r}"


def _extra(cmd: str, d) -> list[str]:
    return ["--db", str(d / "w.duckdb")] if cmd == "ingest" else []


@pytest.mark.parametrize("cmd", ARTICLE_COMMANDS)
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_coded_line(capsys, inputs, cmd, name):
    rc, err = _run(capsys, [cmd, str(inputs / name), "-q", *_extra(cmd, inputs)])
    _assert_one_coded_line(rc, err, name)


@pytest.mark.parametrize("cmd", ARTICLE_COMMANDS)
@pytest.mark.parametrize("name", sorted(WARNED_INPUTS))
def test_unexpected_but_readable_input_is_processed_with_a_warning(capsys, inputs, cmd, name):
    rc, err = _run(capsys, [cmd, str(inputs / name), "-q", *_extra(cmd, inputs), "--force"]
                   if cmd == "ingest" else [cmd, str(inputs / name), "-q"])
    assert rc == 0 and "Traceback" not in err
    assert any(name in line and " W1" in line for line in err.splitlines()), err


@pytest.mark.parametrize("cmd", ARTICLE_COMMANDS)
@pytest.mark.parametrize("config", ["badtoml.toml", "badstage.toml"])
def test_bad_config_is_one_coded_line(capsys, inputs, cmd, config):
    rc, err = _run(capsys, [cmd, str(inputs / "good.txt"), "--config", str(inputs / config),
                            "-q", *_extra(cmd, inputs)])
    _assert_one_coded_line(rc, err, "pipeline" if config == "badstage.toml" else config)


@pytest.mark.parametrize("cmd", ["extract", "geoparse", "actors"])
def test_unwritable_output_is_one_coded_line(capsys, inputs, cmd):
    target = inputs / "nodir" / "out.json"
    rc, err = _run(capsys, [cmd, str(inputs / "good.txt"), "-o", str(target), "-q"])
    _assert_one_coded_line(rc, err, str(target))


@pytest.mark.parametrize("cmd", ["extract", "geoparse", "actors"])
def test_no_input_is_a_usage_error(capsys, cmd):
    rc, err = _run(capsys, [cmd])
    _assert_one_coded_line(rc, err, f"rasad {cmd}")


@pytest.mark.parametrize("argv, name", [
    (["query", "--db", "{d}/none.duckdb"], "none.duckdb"),
    (["query", "--db", "{d}/binary.txt"], "binary.txt"),
    (["export", "--db", "{d}/none.duckdb", "-o", "{d}/x.csv"], "none.duckdb"),
    (["query", "--db", "{d}/w.duckdb", "--from", "2018-13-01"], "2018-13-01"),
    (["export", "--db", "{d}/w.duckdb", "--to", "yesterday", "-o", "-"], "yesterday"),
    (["export", "--db", "{d}/w.duckdb"], "--output"),
    (["export", "--db", "{d}/w.duckdb", "--format", "parquet", "-o", "-"], "parquet"),
    (["export", "--db", "{d}/w.duckdb", "-o", "{d}/nodir/x.csv"], "nodir/x.csv"),
    (["ingest"], "PATH"),
    (["eval", "{d}/missing.jsonl"], "rasad eval"),
    (["eval", "{d}/nogold", "{d}/good.txt"], "nogold"),
    (["eval", "{d}/emptydir", "{d}/missing.jsonl"], "emptydir"),
    (["eval", "--cv", "5", "{d}/nogold"], "nogold"),
    (["serve", "--db", "{d}/none.duckdb"], "none.duckdb"),
])
def test_store_eval_and_serve_errors_are_one_coded_line(capsys, inputs, argv, name):
    rc, err = _run(capsys, [a.replace("{d}", str(inputs)) for a in argv])
    _assert_one_coded_line(rc, err, name)


def test_a_batch_with_bad_inputs_still_processes_the_good_ones(capsys, inputs):
    rc, err = _run(capsys, ["extract", str(inputs / "empty.txt"), str(inputs / "good.txt"),
                            str(inputs / "binary.txt"), "-q", "--format", "jsonl"])
    assert rc == 1 and "2 of 3 inputs failed" in err
    assert "empty.txt" in err and "binary.txt" in err
