"""`rasad serve`: arguments, the loopback/token rule, and the app it starts."""
from __future__ import annotations

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
                    store=app.state.rasad.store is not None)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    if env:
        monkeypatch.setenv("RASAD_TOKEN", env)
    else:
        monkeypatch.delenv("RASAD_TOKEN", raising=False)
    args = build_parser().parse_args(["serve", "--db", str(db), "--port", "8123", *argv])
    assert args.fn(args) == 0
    assert (seen["token"], seen["writes"]) == expect
    assert seen["port"] == 8123 and seen["store"]


def test_rasad_serve_runs_and_answers(db):
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rasad.cli", "serve", "--db", str(db),
                             "--port", str(port), "--token", "t0k"],
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
        base = f"http://127.0.0.1:{port}"
        assert httpx.get(base + "/events?limit=1").json()["total"] > 0
        body = {"id": "x1", "text": "نص"}
        assert httpx.post(base + "/documents", json=body).status_code == 401
    finally:
        proc.terminate()
        err = proc.communicate(timeout=20)[1]
    assert f"127.0.0.1:{port}" in err


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
