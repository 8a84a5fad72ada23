"""Command-line subcommand ``rasad serve``."""
from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``serve`` on the ``rasad`` parser (argparse only: no heavy imports)."""
