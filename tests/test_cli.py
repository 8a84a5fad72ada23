import csv
import io
import json
import subprocess
import sys

import pytest

from rasad.cli import main

ARABIC = "قُتل ثلاثة مدنيين في قصف على ريف إدلب، بحسب المرصد السوري لحقوق الإنسان.\n"


def _run(args, stdin=None):
    proc = subprocess.run([sys.executable, "-m", "rasad.cli", *args], input=stdin,
                          capture_output=True, timeout=300)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def test_version():
    from importlib.metadata import version

    import rasad

    rc, out, _ = _run(["--version"])
    # one version: the package's metadata is read from rasad.__version__ at build time
    assert rc == 0 and out.strip() == f"rasad {rasad.__version__}" == f"rasad {version('rasad')}"


def test_batch_keeps_going_past_bad_inputs_and_fails_at_the_end(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARABIC, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    lines = tmp_path / "batch.jsonl"
    lines.write_text(json.dumps({"id": "j1", "text": ARABIC}) + "\n{broken\n", encoding="utf-8")
    english = tmp_path / "english.txt"
    english.write_text("Three civilians were killed in shelling, the observatory said.", encoding="utf-8")
    rc, out, err = _run(["extract", str(good), str(empty), str(tmp_path / "nope.txt"), str(lines),
                         str(english), "--format", "jsonl"])
    assert rc == 1
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == ["good", "j1", "english"]
    assert f"{empty}: file is empty" in err
    assert "nope.txt: no such file" in err
    assert f"{lines}:2: malformed JSON" in err
    assert "3 of 6 inputs failed" in err
    english_doc = json.loads(out.splitlines()[2])
    assert any(w.startswith("W101") for w in english_doc["warnings"])


def test_stdin_and_formats(tmp_path):
    rc, out, _ = _run(["extract", "-", "--format", "json"], stdin=ARABIC.encode())
    assert rc == 0 and json.loads(out)[0]["id"] == "stdin"
    rc, out, _ = _run(["extract", "-", "--format", "csv"], stdin=ARABIC.encode())
    header = next(csv.reader(io.StringIO(out)))
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]  # ACLED's
    assert {"modality", "evidence", "event_id", "doc_id"} <= set(header)
    rc, out, _ = _run(["extract", "-", "--format", "geojson"], stdin=ARABIC.encode())
    assert json.loads(out)["type"] == "FeatureCollection"


def test_sample_and_output_file(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["extract", "--sample", "-q", "-o", str(out)]) == 0
    (doc,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert doc["id"] == "sample_ar" and doc["outlet"] == "وكالة رصد للأنباء"


def test_debug_layers_point_at_original_characters(seed_text, seed_path):
    rc, out, _ = _run(["extract", str(seed_path), "--format", "json", "--debug"])
    assert rc == 0
    (doc,) = json.loads(out)
    assert doc["id"] == "000_307b6d8156389d2c" and doc["outlet"] == "نورث بالس"
    assert [r["reason"] for r in doc["removed"]] == ["signature", "boilerplate"]
    for layer in ("sentences", "removed", "quantities", "times", "actors", "places"):
        for span in doc[layer]:
            assert seed_text[span["start"]:span["end"]] == span["text"], (layer, span)
    for word in ("القوات", "وتيرة", "الاستعدادات"):
        assert word in doc["cleaned"]
        assert word not in seed_text.split("\n")[0]


def test_bad_published_date_is_a_usage_error():
    with pytest.raises(SystemExit):
        main(["extract", "--sample", "--published", "yesterday"])


def test_seed_debug_shows_numbers_year_and_outlet(seed_text, seed_path):
    rc, out, _ = _run(["extract", str(seed_path), "--format", "json", "--debug"])
    (doc,) = json.loads(out)
    values = {(q["value"], q["qualifier"]) for q in doc["quantities"]}
    assert {(5, "exact"), (3, "exact"), (100, "at_least"), (12, "exact")} <= values
    assert any(t["value"] == "2015" and t["precision"] == "year" for t in doc["times"])
    assert doc["removed"][1]["reason"] == "boilerplate"


def test_geoparse_and_actors_commands(seed_path, tmp_path):
    rc, out, _ = _run(["geoparse", str(seed_path), "--format", "jsonl"])
    assert rc == 0
    (doc,) = [json.loads(line) for line in out.splitlines()]
    names = {m["text"]: m for m in doc["mentions"]}
    assert names["قاعدة حرير"]["country"] == "IRQ" and names["قاعدة حرير"]["lat"] is not None
    for m in doc["mentions"]:
        assert set(m) >= {"text", "start", "end", "name", "name_ar", "feature", "admin1", "admin2",
                          "country", "lat", "lon", "geo_precision", "gazetteer_id", "score"}
    rc, out, _ = _run(["geoparse", str(seed_path), "--format", "geojson"])
    assert json.loads(out)["features"][0]["geometry"]["type"] == "Point"
    rc, out, _ = _run(["actors", str(seed_path), "--format", "json"])
    (doc,) = json.loads(out)
    ids = {m["id"] for m in doc["mentions"]}
    assert {"SDF", "ISIS", "INTL_COALITION"} <= ids
    # same error rules as extract
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    rc, out, err = _run(["actors", str(empty), str(seed_path)])
    assert rc == 1 and "file is empty" in err and len(out.splitlines()) == 1


def test_output_into_a_missing_directory_is_one_line(tmp_path):
    target = tmp_path / "no" / "such" / "out.json"
    rc, out, err = _run(["extract", "--sample", "--format", "json", "-o", str(target)])
    assert rc == 1 and "Traceback" not in err
    assert f"{target}: cannot write" in err and "[E600]" in err


def test_bad_query_date_is_a_usage_line(tmp_path):
    rc, _, err = _run(["query", "--db", str(tmp_path / "x.duckdb"), "--from", "2018-13-01"])
    assert rc == 2 and "Traceback" not in err and "'2018-13-01' is not a date" in err


def test_text_summary_is_one_line_per_event_with_the_arabic_evidence(capsys):
    from rasad import cli as rasad_cli

    assert rasad_cli.main(["extract", "--sample", "--format", "text", "-q"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("sample_ar") and "events" in lines[0]
    events = [line for line in lines if line.startswith("  ") and not line.startswith("    ")]
    assert len(events) >= 2 and any("killed" in line for line in events)
    assert "\u2067" in out and "مدنيين" in out  # the evidence, isolated right to left


def test_progress_bar_has_a_total(tmp_path, monkeypatch, capsys):
    import io

    from rasad.batch import progress_for

    lines = tmp_path / "many.jsonl"
    lines.write_text("".join(f'{{"id": "d{i}", "text": "قتل شخص في حلب."}}\n' for i in range(12)),
                     encoding="utf-8")

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term = Terminal()
    monkeypatch.setattr("sys.stderr", term)
    bar = progress_for([str(lines)], True)
    assert bar.total == 12
    for _ in range(12):
        bar.tick()
    assert bar._bar is not None and bar._bar.n == 12 and bar._bar.total == 12
    bar.close()
    assert "/12 [" in term.getvalue()  # count of total, with the rate and time left
