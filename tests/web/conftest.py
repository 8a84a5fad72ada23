"""Browser tests: Debian's chromium driven by Playwright against a server on loopback.

The server runs in a thread over a store made from 40 articles of the shared news corpus
(every 60th, dev-gold articles left out) and the synthetic articles of tests/api/fixtures
(two outlets report one strike there: an incident with two sources). ``RASAD_WEB_DB=PATH`` serves an existing store instead (used once to make
docs/map.png from the whole corpus, see test_screenshot).
"""
from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT.parent / "shared" / "data" / "news" / "ant_conflict_2018_dev.jsonl"
DEV_GOLD = ROOT.parent / "shared" / "gold" / "dev-articles.jsonl"
FIXTURES = ROOT / "tests" / "api" / "fixtures" / "articles.jsonl"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
N_ARTICLES, EVERY = 40, 60


def pytest_collection_modifyitems(config, items):
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright is not installed"
    else:
        reason = None if CHROMIUM.exists() else f"{CHROMIUM} not found (apt-get install chromium)"
    if reason and os.environ.get("CI"):  # .ci/run installs both: missing there is a failure
        raise pytest.UsageError(f"browser tests cannot run under CI: {reason}")
    if reason:
        for item in items:
            if Path(str(item.fspath)).parent == Path(__file__).parent:
                item.add_marker(pytest.mark.skip(reason=reason))


def corpus_lines() -> list[str]:
    fixtures = [x for x in FIXTURES.read_text(encoding="utf-8").splitlines() if x.strip()]
    if not NEWS.exists():
        raise FileNotFoundError(f"{NEWS}: the browser tests need ../shared beside the repository")
    gold = set()
    if DEV_GOLD.exists():
        gold = {json.loads(x)["id"] for x in DEV_GOLD.read_text(encoding="utf-8").splitlines() if x}
    out = []
    with NEWS.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % EVERY == 0 and json.loads(line)["id"] not in gold:
                out.append(line.rstrip("\n"))
            if len(out) == N_ARTICLES:
                break
    return out + fixtures


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    if os.environ.get("RASAD_WEB_DB"):
        return Path(os.environ["RASAD_WEB_DB"])
    from rasad.store import Store

    tmp = tmp_path_factory.mktemp("web")
    src = tmp / "corpus.jsonl"
    src.write_text("\n".join(corpus_lines()) + "\n", encoding="utf-8")
    with Store(tmp / "web.duckdb") as store:
        report, errors = store.ingest_paths([str(src)])
    assert not errors and report.added > 0
    return tmp / "web.duckdb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def base_url(db_path) -> str:
    import uvicorn

    from rasad.api.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, base_url):
    """A page on the app; fails the test on any request off the server or any script error."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    outside, errors = [], []
    pg.on("request", lambda r: r.url.startswith((base_url, "data:")) or outside.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(base_url + "/")
    pg.wait_for_selector("body[data-ready='1']")
    yield pg
    context.close()
    assert not outside, f"requests off the server: {outside}"
    assert not errors, f"script errors: {errors}"


@pytest.fixture()
def api(base_url):
    import httpx

    with httpx.Client(base_url=base_url, timeout=30) as client:
        yield client
