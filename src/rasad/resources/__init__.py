"""Packaged data files, loaded through importlib.resources (never the working directory)."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def path(*parts: str) -> Path:
    """Filesystem path of a packaged resource (the package is installed unzipped)."""
    return Path(str(resources.files("rasad.resources").joinpath(*parts)))


def read_text(*parts: str) -> str:
    return resources.files("rasad.resources").joinpath(*parts).read_text(encoding="utf-8")


@cache
def load_json(*parts: str) -> Any:
    return json.loads(read_text(*parts))


def read_lines(*parts: str) -> list[str]:
    """Non-empty lines of a list file, without ``#`` comment lines (headers hold the source)."""
    out = []
    for line in read_text(*parts).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def load_toml(*parts: str) -> Any:
    import tomllib

    return tomllib.loads(read_text(*parts))
