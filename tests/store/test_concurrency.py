"""What concurrent access the store supports (see docs/STORE.md)."""
from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from rasad.store import EventFilter, Store, StoreLocked

from .helpers import JININA, corpus, doc


def test_reader_thread_sees_a_consistent_snapshot_during_a_write(tmp_path, monkeypatch):
    """A thread reading while another thread's ingest transaction is open sees the state
    before it; after the commit it sees the new state."""
    store = Store(tmp_path / "t.duckdb", similarity="tfidf")
    store.ingest(corpus()[:2])
    from rasad.store import incident_db

    inside, release = threading.Event(), threading.Event()
    real = incident_db.refresh

    def slow_refresh(*args, **kwargs):
        n = real(*args, **kwargs)
        inside.set()  # rows written, transaction not yet committed
        assert release.wait(10)
        return n

    monkeypatch.setattr(incident_db, "refresh", slow_refresh)
    writer = threading.Thread(target=store.ingest, args=(corpus()[2:],))
    writer.start()
    assert inside.wait(10)
    seen = {}

    def read():
        seen["during"] = store.count_events(EventFilter())
        seen["doc"] = store.document("d1")

    reader = threading.Thread(target=read)
    reader.start()
    reader.join(10)
    release.set()
    writer.join(10)
    assert seen == {"during": 3, "doc": None}
    assert store.count_events(EventFilter()) == 6
    store.close()


def test_second_process_cannot_open_while_a_writer_holds_the_file(tmp_path):
    path = tmp_path / "t.duckdb"
    with Store(path, similarity="tfidf") as writer:
        writer.ingest(corpus())
        code = ("import sys; from rasad.store import Store, StoreLocked\n"
                "try:\n    Store(sys.argv[1], read_only=True)\n"
                "except StoreLocked as e:\n    print('LOCKED', e.code); sys.exit(3)\n")
        r = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                           text=True, timeout=60)
        assert r.returncode == 3 and "LOCKED E501" in r.stdout, r.stderr


def test_many_read_only_processes_share_a_closed_database(tmp_path):
    path = tmp_path / "t.duckdb"
    with Store(path, similarity="tfidf") as s:
        s.ingest(corpus())
    code = ("import sys, time; from rasad.store import Store, EventFilter\n"
            "s = Store(sys.argv[1], read_only=True); time.sleep(1)\n"
            "print(s.count_events(EventFilter()))\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                              text=True) for _ in range(2)]
    with Store(path, read_only=True) as me:
        assert me.count_events(EventFilter()) == 6
        with pytest.raises(Exception, match="read-only"):
            me.ingest([doc("z", "x", ["نص", "غارة على الجنينة"], [dict(s=1, place=JININA)])])
    outs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert outs == ["6", "6"]


def test_lock_timeout_waits_then_reports(tmp_path):
    path = tmp_path / "t.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from rasad.store import Store\n"
         "s = Store(sys.argv[1]); print('ready', flush=True); time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match=f"process {holder.pid}.*cannot read it"):
            Store(path, read_only=True, lock_timeout=0.5)
    finally:
        holder.kill()
        holder.wait()


def test_a_reading_holder_is_named_as_such_to_a_writer(tmp_path):
    """The message names the holding process and what this one wanted (not "open for
    writing" when the holder only reads)."""
    path = tmp_path / "t.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from rasad.store import Store\n"
         "s = Store(sys.argv[1], read_only=True); print('ready', flush=True); time.sleep(30)",
         str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match=f"process {holder.pid}.*cannot write to it") as err:
            Store(path, lock_timeout=0.3)
        assert "for writing" not in str(err.value)
    finally:
        holder.kill()
        holder.wait()
