"""Check that a speed change left rasad's output byte for byte as it was.

    python scripts/same_output.py [--ref REF] [--workers N] [FILE.jsonl ...]

Checks out ``REF`` (default ``HEAD``: the last commit, so uncommitted work is compared
with it) into a temporary git worktree, runs ``rasad extract --debug --format jsonl``
(every text layer: cleaned text, sentences, numbers, dates, actors, places, events) with
that tree's code and with this tree's, over the same input (default: the whole 2018
corpus in ``../shared``), and compares the two outputs line by line. Exit 0 when they
are identical, 1 with the first differing documents named otherwise.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "news" / "ant_conflict_2018_dev.jsonl"
RUN = "import sys; from rasad.cli import main; sys.exit(main())"


@contextmanager
def worktree(ref: str) -> Iterator[Path]:
    """A temporary checkout of commit ``ref`` (removed afterwards). Also used by
    ``benchmarks/throughput.py --against``."""
    with tempfile.TemporaryDirectory(prefix="rasad-ref-") as tmp:
        tree = Path(tmp) / "ref"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(tree), ref],
                       check=True)
        try:
            yield tree
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                           check=False)


def extract(src: Path, inputs: list[str], out: Path, workers: int) -> None:
    """``rasad extract --debug`` with the package under ``src`` (its own resources)."""
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    cmd = [sys.executable, "-c", RUN, "extract", "--debug", "--format", "jsonl", "-q",
           "--workers", str(workers), "-o", str(out), *inputs]
    subprocess.run(cmd, env=env, check=True)


def differences(old: Path, new: Path, limit: int = 5) -> tuple[int, list[str], int]:
    """How many output lines differ, the first ``limit`` documents that do, and how many
    documents the new output has."""
    with old.open(encoding="utf-8") as a, new.open(encoding="utf-8") as b:
        left, right = a.readlines(), b.readlines()
    named: list[str] = []
    n = abs(len(left) - len(right))
    for x, y in zip(left, right):
        if x != y:
            n += 1
            if len(named) < limit:
                named.append(str(json.loads(x).get("id")))
    return n, named, len(right)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*", default=[str(CORPUS)])
    ap.add_argument("--ref", default="HEAD", help="the commit to compare with (default HEAD)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    inputs = [str(Path(p).resolve()) for p in args.inputs]
    with worktree(args.ref) as tree, tempfile.TemporaryDirectory(prefix="rasad-same-") as tmp:
        old, new = Path(tmp) / "old.jsonl", Path(tmp) / "new.jsonl"
        extract(tree / "src", inputs, old, args.workers)
        extract(REPO / "src", inputs, new, args.workers)
        n, named, lines = differences(old, new)
    if n:
        print(f"DIFFERENT: {n} of {lines} documents differ from {args.ref} "
              f"(first: {', '.join(named)})")
        return 1
    print(f"identical: {lines} documents, --debug output byte for byte as at {args.ref}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
