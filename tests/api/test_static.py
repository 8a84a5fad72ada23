"""The web page is served by the app and needs nothing from the network."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from rasad.api.app import web_dir

WEB = web_dir()


def test_docs_page_and_its_assets_are_served(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "swagger-ui-bundle.js" in page.text
    for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(src).status_code == 200, src
    assert client.get("/openapi.json").json()["paths"]


def test_index_and_assets_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(src).status_code == 200, src
    assert client.get("/static/vendor/world-atlas/countries-50m.json").json()["type"] == "Topology"
    assert client.get("/static/../pyproject.toml").status_code == 404


@pytest.mark.parametrize("name", ["index.html", "docs.html", "app.js", "map.js", "charts.js",
                                  "views.js", "main.js", "docs.js", "style.css",
                                  "vendor/leaflet/leaflet.css",
                                  "vendor/leaflet.markercluster/MarkerCluster.Default.css"])
def test_no_external_urls(name):
    text = re.sub(r"/\*.*?\*/", "", (WEB / name).read_text(encoding="utf-8"), flags=re.S)
    urls = set(re.findall(r"https?://[^\s\"')]+", text, re.I))
    urls |= set(re.findall(r"""(?:src=|href=|url\()["']?//[^\s"')]+""", text, re.I))
    urls.discard("http://www.w3.org/2000/svg")  # an XML namespace name, never fetched
    assert not urls


def test_leaflet_css_images_are_vendored():
    css = (WEB / "vendor" / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    for ref in re.findall(r"url\(([^)]+)\)", css):
        ref = ref.strip("'\"")
        if not ref.startswith(("data:", "#")):
            assert (WEB / "vendor" / "leaflet" / ref).is_file(), ref


def test_vendored_files_match_their_recorded_hashes():
    import hashlib

    lines = (WEB / "vendor" / "VERSIONS.txt").read_text(encoding="utf-8").splitlines()
    checked = 0
    for line in lines:
        m = re.match(r"\s+(\S+) sha256:([0-9a-f]{64})$", line)
        if m:
            path = WEB / "vendor" / m[1]
            assert hashlib.sha256(path.read_bytes()).hexdigest() == m[2], m[1]
            checked += 1
    assert checked >= 8
    for pkg in ("leaflet", "topojson-client", "world-atlas"):
        assert (WEB / "vendor" / pkg / "LICENSE").is_file()


def test_web_dir_is_inside_the_package():
    assert Path(WEB).resolve().parent.name == "rasad"
