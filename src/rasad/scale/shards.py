"""Input shards for distributed runs: byte ranges of JSONL files, or whole article files.

A shard is planned from the file size alone (the planner reads a few bytes at each cut to
move it to the next line start); workers read their own byte ranges. Line numbers (used
in ``source_path`` and in ids of records without one) are restored exactly: every shard's
newlines are counted first, on the workers, and each shard learns its first line number.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from rasad.errors import InputError
from rasad.text.read import (
    DEFAULT_MAX_CHARS, JSONL_SUFFIXES, ReadResult, _limit, read_jsonl_lines, read_path,
)

DEFAULT_SHARD_BYTES = 8 * 2**20


@dataclass(frozen=True, slots=True)
class Shard:
    path: str
    start: int = 0
    end: int = -1  # -1: a whole (non-JSONL) file
    first_line: int = 1

    @property
    def is_jsonl(self) -> bool:
        return self.end >= 0


def _next_line_start(fh, pos: int) -> int:
    """The first line start at or after ``pos``."""
    if pos == 0:
        return 0
    fh.seek(pos - 1)
    while True:
        block = fh.read(65536)
        if not block:
            return fh.tell()
        i = block.find(b"\n")
        if i >= 0:
            return fh.tell() - len(block) + i + 1


def plan(paths: list[Path], shard_bytes: int = DEFAULT_SHARD_BYTES) -> list[Shard]:
    """Shards for existing files, in input order (line numbers not yet filled in)."""
    out: list[Shard] = []
    for path in paths:
        if path.suffix.lower() not in JSONL_SUFFIXES or not path.is_file():
            out.append(Shard(str(path)))
            continue
        size = path.stat().st_size
        with path.open("rb") as fh:
            cuts = sorted({_next_line_start(fh, p) for p in range(0, size, shard_bytes)} | {size})
        out.extend(Shard(str(path), a, b) for a, b in zip(cuts, cuts[1:]) if b > a)
        if size == 0:
            out.append(Shard(str(path), 0, 0))
    return out


def _read_range(shard: Shard) -> bytes:
    with open(shard.path, "rb") as fh:
        fh.seek(shard.start)
        return fh.read(shard.end - shard.start)


def count_lines(shard: Shard) -> int:
    """Newlines in a JSONL shard (0 for whole files)."""
    return _read_range(shard).count(b"\n") if shard.is_jsonl else 0


def number(shards: list[Shard], counts: list[int]) -> list[Shard]:
    """Give every JSONL shard its first line number from the newline counts before it."""
    out, line, current = [], 1, None
    for shard, n in zip(shards, counts):
        if shard.path != current:
            current, line = shard.path, 1
        out.append(replace(shard, first_line=line))
        line += n
    return out


def read_shard(shard: Shard, published: str | None = None,
               max_chars: int = DEFAULT_MAX_CHARS) -> list[ReadResult]:
    """The documents (or input errors) of one shard, as the batch reader gives them."""
    if not shard.is_jsonl:
        return list(read_path(Path(shard.path), published, max_chars))
    # split on b"\n" only, as iterating over the file does (not on a bare "\r")
    parts = _read_range(shard).split(b"\n")
    lines = [p + b"\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    out: list[ReadResult] = []
    for item in read_jsonl_lines(lines, shard.path, published, first_line=shard.first_line):
        out.append(item if isinstance(item, InputError) else _limit(item, max_chars))
    return out


MIN_SHARD_BYTES = 256 * 2**10


def shard_bytes_for(total: int, partitions: int | None, workers: int = 1) -> int:
    """Shard size for about ``partitions`` shards; by default at most 8 MiB, and small
    enough that every worker gets about four shards (load balance on small inputs)."""
    if partitions:
        return max(1, -(-total // partitions))
    return max(MIN_SHARD_BYTES, min(DEFAULT_SHARD_BYTES, -(-total // (4 * max(1, workers)))))


def total_size(paths: list[Path]) -> int:
    return sum(os.path.getsize(p) for p in paths if p.is_file())
