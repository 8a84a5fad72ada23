"""Ingest, re-ingest, replacement, migrations and queries of the Store."""
from __future__ import annotations

import pytest

from rasad.store import EventFilter, IngestReport, Store, StoreError
from rasad.store.migrations import SCHEMA_VERSION

from .helpers import corpus, doc, JININA


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "t.duckdb", similarity="tfidf") as s:
        yield s


def test_migrations_from_empty_database(tmp_path):
    path = tmp_path / "new.duckdb"
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        tables = {r[0] for r in s._cur().execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"documents", "events", "incidents", "incident_events", "embeddings",
                "schema_version"} <= tables
    with Store(path) as s:  # opening again runs nothing
        rows = s._cur().execute("SELECT version FROM schema_version").fetchall()
        assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.duckdb"
    with Store(path) as s:
        s._cur().execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION + 5])
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_read_only_needs_an_existing_database(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_ingest_and_reingest_is_idempotent(store):
    first = store.ingest(corpus())
    assert first == IngestReport(added=5, replaced=0, unchanged=0, events=6)
    before = store.counts()
    second = store.ingest(corpus())
    assert second == IngestReport(added=0, replaced=0, unchanged=5, events=0)
    assert store.counts() == before


def test_changed_text_replaces_events(store):
    store.ingest(corpus())
    old_ids = {e["id"] for e in store.events(EventFilter(), limit=100) if e["doc_id"] == "b1"}
    new = doc("b1", "alarabia", ["تحديث", "قتل 9 مدنيين بغارة للتحالف الدولي على الجنينة الجمعة."],
              [dict(s=1, place=JININA, fatalities=9)])
    report = store.ingest([new])
    assert report == IngestReport(added=0, replaced=1, unchanged=0, events=1)
    events = [e for e in store.events(EventFilter(), limit=100) if e["doc_id"] == "b1"]
    assert len(events) == 1 and events[0]["fatalities"] == 9
    assert not old_ids & {e["id"] for e in events}
    assert store.document("b1")["text"].startswith("تحديث")


def test_replacement_is_atomic(store, monkeypatch):
    store.ingest(corpus())
    before = store.counts()
    from rasad.store import incident_db

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(incident_db, "refresh", boom)
    new = doc("b1", "alarabia", ["تحديث", "قتل 9 مدنيين بغارة على الجنينة الجمعة."],
              [dict(s=1, place=JININA, fatalities=9)])
    with pytest.raises(RuntimeError):
        store.ingest([new])
    assert store.counts() == before
    assert "7 مدنيين" in store.document("b1")["text"]
    assert {e["fatalities"] for e in store.events(EventFilter(outlet="alarabia"))} == {7, None}


def test_filters(store):
    store.ingest(corpus())
    n = store.count_events
    assert n(EventFilter()) == 6
    assert n(EventFilter(type="PROTEST")) == 1
    assert n(EventFilter(type="assault,protest")) == 6
    assert n(EventFilter(modality="hypothetical")) == 1
    assert n(EventFilter(country="SYR")) == 5
    assert n(EventFilter(admin1="deir ez zor")) == 5
    assert n(EventFilter(admin1="Raqqa")) == 0
    assert n(EventFilter(actor="US_COALITION")) == 4
    assert n(EventFilter(actor="coalition")) == 4
    assert n(EventFilter(actor="التحالف")) == 4
    assert n(EventFilter(outlet="BBC")) == 1
    assert n(EventFilter(date_from="2018-09-01")) == 0
    assert n(EventFilter(date_from="2018-08-31", date_to="2018-08-31")) == 6
    assert n(EventFilter(text="البوكمال")) == 1
    assert n(EventFilter(text="البو كمال")) == 0
    assert n(EventFilter(text="مدفعى")) == 1  # matched after yeh/alef-maqsura unification
    assert n(EventFilter(min_sources=2)) == 3
    assert n(EventFilter(min_sources=2, outlet="france24")) == 0
    with pytest.raises(ValueError, match="not a date"):
        n(EventFilter(date_from="August"))


def test_event_and_document_views(store):
    store.ingest(corpus())
    events = store.events(EventFilter(outlet="skynews"))
    assert len(events) == 1
    e = events[0]
    assert e["outlet"] == "skynews" and e["url"].endswith("/a1") and e["incident_id"]
    assert store.event(e["id"])["evidence"] == e["evidence"]
    assert store.event("nope") is None
    d = store.document("a1")
    text = d["text"]
    ev = d["events"][0]["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["text"]
    place = d["places"][0]
    assert text[place["start"]:place["end"]] == "الجنينة"
    assert store.document("nope") is None


def test_paging_and_stats(store):
    store.ingest(corpus())
    page1 = store.events(EventFilter(), limit=4)
    page2 = store.events(EventFilter(), limit=4, offset=4)
    assert len(page1) == 4 and len(page2) == 2
    assert not {e["id"] for e in page1} & {e["id"] for e in page2}
    stats = store.stats()
    assert stats["by_type"] == {"ASSAULT": 5, "PROTEST": 1}
    assert stats["by_country"] == {"SYR": 5, "unknown": 1}
    assert stats["by_month"] == {"2018-08": 6}
    assert stats["documents"] == 5 and stats["events"] == 6


def test_like_wildcards_in_filters_are_literal(store):
    from rasad.store.filters import like_literal

    store.ingest(corpus())
    n = store.count_events
    assert n(EventFilter(actor="%")) == 0 and n(EventFilter(actor="_")) == 0
    assert n(EventFilter(text="%")) == 0
    assert n(EventFilter(actor="coalition")) == 4  # a plain word still matches inside names
    assert like_literal("50%_a\\b") == "50\\%\\_a\\\\b"


def test_ingest_with_bad_records_stores_every_good_one_and_names_every_bad_one(tmp_path):
    import json

    lines = [json.dumps({"id": f"good{i}", "text": f"قتل {i + 2} مدنيين في قصف على مدينة حلب."},
                        ensure_ascii=False) for i in range(5)]
    lines[1:1] = ['{"id": "bad-surrogate", "text": "\\ud800"}', '{"id": "cut", "text": ',
                  '{"id": "bad-url", "text": "نص", "url": 5}', "[" * 100_000,
                  '{"id": "huge", "text": "نص", "n": %s}' % ("1" * 5000), '{"id": 0, "text": "قتل شخص في حلب."}']
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "t.duckdb") as s:
        report, failures = s.ingest_paths([str(path)])
        stored = {r[0] for r in s._cur().execute("SELECT id FROM documents").fetchall()}
    assert {f"good{i}" for i in range(5)} <= stored and "0" in stored
    named = " ".join(str(f) for f in failures)
    assert len(failures) == 5 and all(f":{n}" in named for n in (2, 3, 4, 5, 6))


def test_a_toll_beyond_any_integer_column_is_stored_without_overflow(tmp_path):
    from rasad.pipeline import Pipeline
    from rasad.schema import Document

    pipe = Pipeline.from_config()
    d = pipe(Document(id="big", text="قتل 5 مليار شخص في قصف على حلب. واعتقلت الشرطة 3000000000 شخص."))
    with Store(tmp_path / "t.duckdb") as s:
        s.ingest([d])
        rows = s._cur().execute("SELECT fatalities, arrested FROM events").fetchall()
    assert rows and all(v is None or v < 10_000 for row in rows for v in row)
    assert any(w.startswith("W104") for w in d.warnings)
