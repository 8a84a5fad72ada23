"""A real `rasad serve`: extraction in its own process with a time budget, so a hostile
POST /extract answers 422 and never stalls /health; loopback writes only from the same origin."""
from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import httpx
import pytest


@pytest.fixture(scope="module")
def server(seeded_db, tmp_path_factory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("serve") / "rasad.duckdb"
    db.write_bytes(seeded_db.read_bytes())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rasad.cli", "serve", "--db", str(db),
                             "--port", str(port), "--extract-seconds", "3",
                             "--max-body", "4000000"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.communicate()[1]
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def test_extract_runs_in_the_extraction_process(server, seed_text):
    r = httpx.post(server + "/extract", json={"text": seed_text, "published": "2025-08-17"},
                   timeout=120)
    assert r.status_code == 200
    assert {e["type"] for e in r.json()["events"]} >= {"ASSAULT", "COERCE"}


def test_a_document_over_the_time_budget_is_422_and_health_keeps_answering(server, seed_text):
    httpx.post(server + "/extract", json={"text": seed_text}, timeout=120)  # warm
    dense = "قتل 5 أشخاص في حلب. " * 60_000  # 1.2 M characters of one repeated event
    answer: dict = {}

    def post() -> None:
        answer["r"] = httpx.post(server + "/extract", json={"text": dense[:999_000]}, timeout=120)

    worker = threading.Thread(target=post)
    worker.start()
    health_while_busy = []
    while worker.is_alive():
        r = httpx.get(server + "/health", timeout=30)
        if worker.is_alive():
            health_while_busy.append(r.status_code)
        time.sleep(0.1)
    worker.join()
    assert health_while_busy and set(health_while_busy) == {200}
    r = answer["r"]
    assert r.status_code == 422
    assert "E108" in r.json()["message"] and "budget" in r.json()["message"]
    # the extraction process was restarted: the next document is extracted normally
    again = httpx.post(server + "/extract", json={"text": seed_text}, timeout=120)
    assert again.status_code == 200 and again.json()["events"]


def test_loopback_writes_only_from_the_same_origin(server):
    body = {"id": "origin-check", "text": "قتل شخصان في قصف على مدينة إدلب يوم الأحد."}
    host = server.split("://", 1)[1]
    foreign = httpx.post(server + "/documents", json=body, timeout=120,
                         headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403 and "origin" in foreign.json()["detail"]
    cross = httpx.post(server + "/documents", json=body, timeout=120,
                       headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    same = httpx.post(server + "/documents", json=body, timeout=120,
                      headers={"Origin": f"http://{host}", "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 201
    tool = httpx.post(server + "/documents", json=body, timeout=120)  # curl, a script
    assert tool.status_code == 201 and tool.json()["status"] == "unchanged"


def test_geojson_is_paged(server):
    first = httpx.get(server + "/events.geojson?limit=2", timeout=30).json()
    assert first["limit"] == 2 and first["offset"] == 0 and len(first["features"]) <= 2
    second = httpx.get(server + "/events.geojson?limit=2&offset=2", timeout=30).json()
    ids = {f["properties"]["id"] for f in first["features"]}
    assert not ids & {f["properties"]["id"] for f in second["features"]}
    huge = httpx.get(server + "/events.geojson?limit=1000000", timeout=30).json()
    assert huge["limit"] <= 5000
