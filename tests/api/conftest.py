"""A small store built once from tests/api/fixtures/articles.jsonl (synthetic articles)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def pipeline():
    from rasad.pipeline import Pipeline

    return Pipeline.from_config()


@pytest.fixture(scope="session")
def articles() -> list[dict]:
    lines = (FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory, pipeline, articles) -> Path:
    from rasad.schema import Document
    from rasad.store import Store

    path = tmp_path_factory.mktemp("api") / "seed.duckdb"
    with Store(path) as store:
        store.ingest(pipeline(Document(**a)) for a in articles)
    return path


@pytest.fixture()
def db(seeded_db, tmp_path) -> Path:
    """A private copy of the seeded store (tests may write to it)."""
    copy = tmp_path / "rasad.duckdb"
    copy.write_bytes(seeded_db.read_bytes())
    return copy


@contextmanager
def api_client(db: Path, pipeline, **kwargs) -> Iterator:
    """A TestClient over ``db`` (the app is given the open store, as `rasad serve` does)."""
    from fastapi.testclient import TestClient

    from rasad.api.app import create_app
    from rasad.store import Store

    with Store(db, read_only=kwargs.get("read_only", False)) as store:
        app = create_app(db, pipeline_factory=lambda: pipeline, store=store, **kwargs)
        with TestClient(app) as client:
            yield client


@pytest.fixture()
def client(db, pipeline):
    with api_client(db, pipeline) as c:
        yield c


@pytest.fixture()
def make_client(db, pipeline):
    """``make_client(**create_app_kwargs)``: a context manager giving a TestClient over ``db``."""
    return lambda **kwargs: api_client(db, pipeline, **kwargs)
