"""Command-line subcommands of the store (``rasad ingest``, ``query``, ``export``)."""
from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the store's subcommands on the ``rasad`` parser (argparse only: no heavy imports)."""
