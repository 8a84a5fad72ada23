"""Shared test helpers: paths to ../shared (tests may read it; the package never does)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_307b6d8156389d2c.txt"


def need_shared(path: Path) -> Path:
    """A test that needs ../shared fails without it (CI runs with it beside the clone)."""
    if not path.exists():
        pytest.fail(f"{path} is needed: ../shared must sit beside the repository")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return need_shared(SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED)
