"""`rasad ingest`, `query` and `export` end to end (real pipeline, tiny corpus)."""
from __future__ import annotations

import json

import pytest

from rasad.cli import main

ARTICLES = [
    {"id": "n1", "title": "غارات على دير الزور", "published": "2018-08-31", "outlet": "skynews",
     "url": "https://example.org/n1",
     "text": "قتل خمسة مدنيين في غارة جوية لطيران التحالف الدولي على قرية الجنينة في ريف دير الزور الشرقي يوم الجمعة."},
    {"id": "n2", "title": "مقتل مدنيين", "published": "2018-08-31", "outlet": "alarabia",
     "url": "https://example.org/n2",
     "text": "قتل سبعة مدنيين في غارة جوية للتحالف الدولي استهدفت قرية الجنينة بريف دير الزور الجمعة."},
]


@pytest.fixture()
def corpus_file(tmp_path):
    path = tmp_path / "news.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for a in ARTICLES:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
        fh.write("{not json\n")
    return path


def test_ingest_query_export(tmp_path, corpus_file, capsys, monkeypatch):
    db = str(tmp_path / "r.duckdb")
    monkeypatch.setenv("RASAD_DB", db)
    assert main(["ingest", str(corpus_file), "-q", "--similarity", "tfidf"]) == 1  # bad line
    out, err = capsys.readouterr()
    assert "2 added, 0 replaced, 0 unchanged" in out
    assert "E105" in err  # the malformed record is reported, the rest stored
    assert main(["ingest", str(corpus_file), "-q", "--similarity", "tfidf"]) == 1
    out, _ = capsys.readouterr()
    assert "0 added, 0 replaced, 2 unchanged" in out

    assert main(["query", "--admin1", "Deir ez-Zor"]) == 0
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["date", "type", "modality"]
    assert "skynews" in out and "alarabia" in out and "ASSAULT" in out
    assert lines[-1].startswith("2 of 2 events")
    assert main(["query", "--incidents", "--min-sources", "2"]) == 0
    out, _ = capsys.readouterr()
    assert "alarabia, skynews" in out and out.splitlines()[-1].startswith("1 of 1 incidents")
    assert main(["query", "--outlet", "nobody", "--format", "jsonl"]) == 0
    assert capsys.readouterr().out == ""

    target = tmp_path / "out.csv"
    assert main(["export", "--format", "csv", "-o", str(target), "--type", "ASSAULT"]) == 0
    assert target.read_text(encoding="utf-8").count("\n") == 3  # header + 2 events


def test_query_without_database_is_an_error(tmp_path, capsys):
    assert main(["query", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "no such database" in capsys.readouterr().err
