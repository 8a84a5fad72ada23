"""POST /extract and POST /documents: validation, size limits and the token rule."""
from __future__ import annotations

import pytest

ARTICLE = ("قتل ثلاثة عناصر من قوات النظام السوري، يوم الأحد، في هجوم شنه مسلحون على حاجز "
           "عسكري في بلدة الصنمين بريف درعا الشمالي.")


def test_extract_returns_events_and_stores_nothing(client):
    before = client.get("/stats").json()
    r = client.post("/extract", json={"text": ARTICLE, "published": "2018-07-01"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["text"] == ARTICLE
    (ev,) = [e for e in doc["events"] if e["type"] == "ASSAULT"]
    assert ev["fatalities"] == 3 and ev["date"]["value"] == "2018-07-01"
    assert ARTICLE[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert any(p["text"].endswith("الصنمين") for p in doc["places"])
    assert client.get("/stats").json() == before


@pytest.mark.parametrize("body, field", [
    ({}, "text"), ({"text": ""}, "text"), ({"text": 5}, "text"), ({"text": ["a"]}, "text"),
    ({"text": ARTICLE, "published": "01/07/2018"}, "published"),
    ({"text": ARTICLE, "published": 20180701}, "published"),
    ({"text": ARTICLE, "colour": "red"}, "colour"),
])
def test_extract_rejects_wrong_types_with_422(client, body, field):
    r = client.post("/extract", json=body)
    assert r.status_code == 422
    assert field in r.json()["message"]


def test_invalid_json_is_422(client):
    r = client.post("/extract", content=b'{"text": "unterminated',
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["message"]


def test_oversized_body_is_413_with_a_message(make_client):
    with make_client(max_body=2_000) as c:
        r = c.post("/extract", json={"text": "ب" * 2_000})
        assert r.status_code == 413
        assert "2000 bytes" in r.json()["detail"]
        assert c.post("/extract", json={"text": ARTICLE}).status_code == 200


def test_oversized_chunked_body_is_413(make_client):
    def chunks():
        for _ in range(10):
            yield b"x" * 1_000

    with make_client(max_body=2_000) as c:
        r = c.post("/documents", content=chunks(), headers={"Content-Type": "application/json"})
        assert r.status_code == 413


def test_default_body_limit_is_one_megabyte(client):
    r = client.post("/extract", json={"text": "ب" * 600_000})  # 1.2 MB of UTF-8
    assert r.status_code == 413


def doc(**kw):
    return {"id": "new-1", "title": "هجوم في الصنمين", "text": ARTICLE, "published": "2018-07-01",
            "url": "https://example.org/x", "outlet": "outlet-z", **kw}


def test_post_document_stores_then_is_idempotent_then_replaces(client):
    r = client.post("/documents", json=doc())
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "added" and r.json()["events"] >= 1
    stored = client.get("/documents/new-1").json()
    assert stored["text"] == ARTICLE and stored["outlet"] == "outlet-z"
    total = client.get("/events").json()["total"]

    again = client.post("/documents", json=doc())
    assert again.json()["status"] == "unchanged"
    assert client.get("/events").json()["total"] == total

    changed = ARTICLE.replace("ثلاثة", "أربعة")
    r = client.post("/documents", json=doc(text=changed))
    assert r.json()["status"] == "replaced"
    stored = client.get("/documents/new-1").json()
    assert stored["text"] == changed
    assert [e["fatalities"] for e in stored["events"] if e["type"] == "ASSAULT"] == [4]
    assert client.get("/events").json()["total"] == total


@pytest.mark.parametrize("body, field", [
    (doc(id=""), "id"), (doc(id="a/b"), "id"), (doc(text=None), "text"),
    ({"text": ARTICLE}, "id"), (doc(published="2018-13-01"), "published"),
    (doc(outlet="o" * 201), "outlet"),
])
def test_post_document_validation(client, body, field):
    r = client.post("/documents", json=body)
    assert r.status_code == 422 and field in r.json()["message"]


def test_token_is_required_when_set(make_client):
    with make_client(token="s3cret") as c:
        assert c.post("/documents", json=doc()).status_code == 401
        wrong = c.post("/documents", json=doc(), headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and "Bearer" in wrong.json()["detail"]
        basic = c.post("/documents", json=doc(), headers={"Authorization": "Basic s3cret"})
        assert basic.status_code == 401
        ok = c.post("/documents", json=doc(), headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 201
        # reads and /extract need no token
        assert c.get("/documents/new-1").status_code == 200
        assert c.post("/extract", json={"text": ARTICLE}).status_code == 200


def test_writes_refused_without_token_off_loopback(make_client):
    with make_client(allow_writes=False) as c:
        r = c.post("/documents", json=doc())
        assert r.status_code == 403 and "--token" in r.json()["detail"]
        assert c.get("/documents/new-1").status_code == 404
        assert c.post("/extract", json={"text": ARTICLE}).status_code == 200


def test_read_only_store_refuses_writes(make_client):
    with make_client(read_only=True) as c:
        assert c.post("/documents", json=doc()).status_code == 405
        assert c.get("/events").json()["total"] > 0
