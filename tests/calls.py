"""A deterministic work counter for the linearity tests: calls, not seconds."""
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def count_calls(fn: Callable[[], Any]) -> tuple[int, Any]:
    """Python and builtin calls made while ``fn()`` runs, and what it returned."""
    n = 0

    def count(frame, event, arg):
        nonlocal n
        if event in ("call", "c_call"):
            n += 1

    sys.setprofile(count)
    try:
        result = fn()
    finally:
        sys.setprofile(None)
    return n, result
