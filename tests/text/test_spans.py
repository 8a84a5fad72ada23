"""Interval queries: the same answers as all-pairs scans, on random spans."""
from __future__ import annotations

import random

import pytest

from rasad.text.spans import Containment, Disjoint, SpanSet


def _spans(rng: random.Random, n: int, width: int = 30) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        s = rng.randrange(0, 500)
        out.append((s, s + rng.randrange(0, width)))
    return out


@pytest.mark.parametrize("seed", range(20))
def test_spanset_overlap_agrees_with_a_scan(seed):
    rng = random.Random(seed)
    spans = _spans(rng, rng.randrange(0, 40))
    found = SpanSet(spans)
    for s, e in _spans(rng, 200):
        e = max(e, s + 1)
        assert found.overlaps(s, e) == any(a < e and s < b for a, b in spans if b > a)


@pytest.mark.parametrize("seed", range(20))
def test_spanset_add_keeps_the_union(seed):
    rng = random.Random(seed)
    grown, spans = SpanSet(), []
    for s, e in _spans(rng, 60):
        grown.add(s, e)
        spans.append((s, e))
        for q in range(0, 540, 7):
            assert grown.covers(q) == any(a <= q < b for a, b in spans)


@pytest.mark.parametrize("seed", range(20))
def test_disjoint_takes_what_a_greedy_scan_takes(seed):
    rng = random.Random(seed)
    free, taken = Disjoint(), []
    for s, e in sorted(_spans(rng, 80), key=lambda x: (x[0] - x[1], x[0])):
        expected = all(e <= a or s >= b for a, b in taken)
        assert free.take(s, e) == expected
        if expected:
            taken.append((s, e))


class _Item:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


@pytest.mark.parametrize("seed", range(20))
def test_containment_never_counts_an_item_as_its_own_container(seed):
    rng = random.Random(seed)
    items = [_Item(s, e) for s, e in _spans(rng, 50)]
    inside = Containment(items)
    for m in items + [_Item(s, e) for s, e in _spans(rng, 50)]:
        expected = any(p is not m and p.start <= m.start and m.end <= p.end for p in items)
        assert inside(m) == expected
