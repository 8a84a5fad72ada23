"""`rasad serve`: arguments, the loopback/token rule, and the app it starts."""
from __future__ import annotations

import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from rasad.api.commands import is_loopback, write_policy
from rasad.cli import build_parser


@pytest.mark.parametrize("host", ["127.0.0.1", "127.3.4.5", "::1", "[::1]", "localhost"])
def test_loopback_addresses(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org"])
def test_other_addresses_are_not_loopback(host):
    assert not is_loopback(host)


def test_write_policy():
    assert write_policy("127.0.0.1", None) == (None, True)  # local: open writes
    assert write_policy("127.0.0.1", "t") == ("t", True)  # a token is always enforced
    assert write_policy("0.0.0.0", "t") == ("t", True)
    assert write_policy("0.0.0.0", None) == (None, False)  # exposed without token: no writes


def test_serve_defaults_bind_loopback():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.db, args.token) == ("127.0.0.1", 8000, "rasad.duckdb", None)


@pytest.mark.parametrize("argv, env, expect", [
    (["--host", "0.0.0.0"], None, (None, False)),
    (["--host", "0.0.0.0", "--token", "abc"], None, ("abc", True)),
    (["--host", "0.0.0.0"], "from-env", ("from-env", True)),
    ([], None, (None, True)),
])
def test_serve_applies_the_token_rule(monkeypatch, db, argv, env, expect):
    import uvicorn

    seen = {}

    def fake_run(app, host, port, **kw):
        settings = app.state.rasad.settings
        seen.update(host=host, port=port, token=settings.token, writes=settings.allow_writes,
                    db=settings.db_path, memory=settings.memory_limit)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    if env:
        monkeypatch.setenv("RASAD_TOKEN", env)
    else:
        monkeypatch.delenv("RASAD_TOKEN", raising=False)
    args = build_parser().parse_args(["serve", "--db", str(db), "--port", "8123", *argv])
    assert args.fn(args) == 0
    assert (seen["token"], seen["writes"]) == expect
    assert seen["port"] == 8123 and seen["db"] == str(db) and seen["memory"] == "256MB"


@contextmanager
def serving(db, *args: str):
    """`rasad serve` in a child process; yields (base URL, process); once it has stopped,
    the process's ``err_text`` is what it wrote to stderr."""
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rasad.cli", "serve", "--db", str(db),
                             "--port", str(port), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "rasad serve did not start"
                time.sleep(0.2)
        assert r.json()["status"] == "ok"
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        proc.err_text = proc.communicate(timeout=20)[1]


def rasad(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rasad.cli", *argv], capture_output=True,
                          text=True, timeout=300)


def test_rasad_serve_runs_and_answers(db):
    import httpx

    with serving(db, "--token", "t0k") as (base, proc):
        assert httpx.get(base + "/events?limit=1").json()["total"] > 0
        body = {"id": "x1", "text": "نص"}
        assert httpx.post(base + "/documents", json=body).status_code == 401
    assert base.removeprefix("http://") in proc.err_text


def test_the_cli_reads_and_writes_the_store_while_it_is_served(db, tmp_path, articles):
    """`rasad serve` does not lock the store: query, export and ingest run beside it, and
    the server sees what they wrote; while another process writes, reads answer 503."""
    import json

    import httpx

    new = dict(articles[0], id="beside-the-server")
    src = tmp_path / "new.jsonl"
    src.write_text(json.dumps(new, ensure_ascii=False) + "\n", encoding="utf-8")
    with serving(db) as (base, _):
        before = httpx.get(base + "/stats?modality=all").json()["documents"]
        q = rasad("query", "--db", str(db), "--modality", "all", "--format", "jsonl")
        assert q.returncode == 0, q.stderr
        r = rasad("ingest", "--db", str(db), "-q", str(src))
        assert r.returncode == 0, r.stderr
        assert httpx.get(base + "/documents/beside-the-server").status_code == 200
        assert httpx.get(base + "/stats?modality=all").json()["documents"] == before + 1
        posted = httpx.post(base + "/documents", json={"id": "via-api", "text": new["text"]})
        assert posted.status_code == 201, posted.text
        e = rasad("export", "--db", str(db), "--modality", "all", "--format", "jsonl",
                  "-o", str(tmp_path / "out.jsonl"))
        assert e.returncode == 0, e.stderr
        docs = {json.loads(x)["doc_id"] for x in (tmp_path / "out.jsonl").read_text().splitlines()}
        assert "via-api" in docs
        holder = subprocess.Popen(
            [sys.executable, "-c", "import sys, time; from rasad.store import Store\n"
             "s = Store(sys.argv[1], lock_timeout=10); print('ready', flush=True); "
             "time.sleep(30)", str(db)], stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "ready"
            busy = httpx.get(base + "/events", timeout=30)
            assert busy.status_code == 503 and busy.headers["retry-after"]
            assert f"process {holder.pid}" in busy.json()["detail"]
        finally:
            holder.kill()
            holder.wait()
        assert httpx.get(base + "/events").status_code == 200


def test_foreign_host_header_is_refused(make_client):
    from rasad.api.commands import serve_hosts

    with make_client(allowed_hosts=serve_hosts("127.0.0.1")) as client:
        assert client.get("/health", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        assert client.get("/health", headers={"Host": "localhost"}).status_code == 200
        # a DNS-rebinding page reaches loopback under its own name
        assert client.get("/events", headers={"Host": "evil.example"}).status_code == 400


def test_serve_hosts():
    from rasad.api.commands import serve_hosts

    assert "10.0.0.5" in serve_hosts("10.0.0.5")
    assert "0.0.0.0" not in serve_hosts("0.0.0.0")
    assert "news.example" in serve_hosts("0.0.0.0", ["news.example"])


def test_serve_refuses_a_missing_database_unless_asked(tmp_path, monkeypatch):
    import uvicorn

    from rasad.store.store import StoreError

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    typo = tmp_path / "typo.duckdb"
    args = build_parser().parse_args(["serve", "--db", str(typo)])
    with pytest.raises(StoreError, match="no such database"):
        args.fn(args)
    assert not typo.exists()
    args = build_parser().parse_args(["serve", "--db", str(typo), "--create"])
    assert args.fn(args) == 0 and typo.exists()
