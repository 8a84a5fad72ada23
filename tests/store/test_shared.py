"""SharedStore: a server's store that other processes can read and write beside it."""
from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from rasad.store import EventFilter, Store, StoreLocked
from rasad.store.shared import HeldStore, SharedStore

from .helpers import JININA, corpus, doc

COUNT = ("import sys; from rasad.store import Store, EventFilter\n"
         "s = Store(sys.argv[1], read_only=True, lock_timeout=5)\n"
         "print(s.count_events(EventFilter()))\n")
INGEST = ("import sys; sys.path.insert(0, sys.argv[2]); from rasad.store import Store\n"
          "from helpers import JININA, doc\n"
          "s = Store(sys.argv[1], similarity='tfidf', lock_timeout=10)\n"
          "s.ingest([doc('w', 'x', ['نص', 'غارة على الجنينة'], [dict(s=1, place=JININA)])])\n"
          "print('written')\n")


@pytest.fixture()
def path(tmp_path):
    p = tmp_path / "t.duckdb"
    with Store(p, similarity="tfidf") as s:
        s.ingest(corpus())
    return p


def run(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120)


def wait_until(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_another_process_reads_while_a_request_reads(path):
    with SharedStore(path) as shared, shared.reading() as store:
        assert store.count_events(EventFilter()) == 6
        r = run(COUNT, str(path))  # read-only beside the server's read-only handle
        assert r.returncode == 0 and r.stdout.strip() == "6", r.stderr


def test_the_file_is_let_go_when_idle_so_another_process_can_write(path):
    helpers = str(__import__("pathlib").Path(__file__).parent)
    with SharedStore(path, idle_seconds=0.2) as shared:
        with shared.reading() as store:
            assert store.count_events(EventFilter()) == 6
        assert wait_until(lambda: not shared.is_open)
        r = run(INGEST, str(path), helpers)
        assert r.returncode == 0 and "written" in r.stdout, r.stderr
        with shared.reading() as store:  # reopened: sees the other process's write
            assert store.count_events(EventFilter()) == 7


def test_a_write_waits_for_readers_then_reopens_read_only(path):
    with SharedStore(path) as shared:
        entered = threading.Event()
        leave = threading.Event()
        order = []

        def reader():
            with shared.reading():
                entered.set()
                assert leave.wait(10)
                order.append("read")

        t = threading.Thread(target=reader)
        t.start()
        assert entered.wait(10)

        def writer():
            with shared.writing() as store:
                order.append("write")
                store.ingest([doc("z", "x", ["نص", "غارة على الجنينة"], [dict(s=1, place=JININA)])])

        w = threading.Thread(target=writer)
        w.start()
        time.sleep(0.2)
        assert order == []  # the writer waits for the reader
        leave.set()
        t.join(10)
        w.join(10)
        assert order == ["read", "write"]
        with shared.reading() as store:
            assert store.read_only and store.count_events(EventFilter()) == 7


def test_a_read_while_another_process_writes_is_store_locked(path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from rasad.store import Store\n"
         "s = Store(sys.argv[1]); print('ready', flush=True); time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with SharedStore(path, read_timeout=0.3) as shared:
            with pytest.raises(StoreLocked, match=f"process {holder.pid}"):
                with shared.reading():
                    pass
            holder.kill()
            holder.wait()
            with shared.reading() as store:  # and works again once the writer is gone
                assert store.count_events(EventFilter()) == 6
    finally:
        holder.kill()
        holder.wait()


def test_read_only_sharing_refuses_writes(path):
    from rasad.store.store import StoreError

    with SharedStore(path, read_only=True) as shared:
        with pytest.raises(StoreError, match="read-only"):
            with shared.writing():
                pass


def test_memory_store_cannot_be_shared_but_can_be_held():
    from rasad.store.store import StoreError

    with pytest.raises(StoreError, match="in-memory"):
        SharedStore(":memory:")
    store = Store(":memory:")
    held = HeldStore(store)
    with held.reading() as a, held.writing() as b:
        assert a is b is store
    held.close()
    assert store.count_events(EventFilter()) == 0  # not closed: its owner closes it
    HeldStore(store, owned=True).close()
    with pytest.raises(Exception):
        store.count_events(EventFilter())
