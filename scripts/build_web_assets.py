#!/usr/bin/env python3
"""Vendor the web page's third-party assets into ``src/rasad/web/vendor/``.

The page served by ``rasad serve`` must work with no network and no npm at run time, so
the files it loads are copied here once from an npm install and committed:

- Leaflet 1.9.4 (BSD-2-Clause): ``leaflet.js``, ``leaflet.css`` and its ``images/``;
- topojson-client 3.1.0 (ISC): ``topojson-client.min.js``;
- world-atlas 2.0.2 (ISC; the data is Natural Earth, public domain):
  ``countries-50m.json``, the countries TopoJSON drawn as the offline basemap.

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
}


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
        target = dest / rel.removeprefix("dist/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / rel, target)
        written.append(target)
    lic = next(p for p in (src / "LICENSE", src / "LICENSE.md", src / "LICENSE.txt") if p.exists())
    shutil.copyfile(lic, dest / "LICENSE")
    written.append(dest / "LICENSE")
    return written


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
        (args.out / "VERSIONS.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
