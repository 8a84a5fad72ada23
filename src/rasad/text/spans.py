"""Interval queries over character spans in logarithmic time.

Stages ask "does this span overlap a removed region / a taken mention?" for every hit in a
document; answering by scanning all spans makes a document's cost grow with the square of
its length. These small structures answer by bisection over sorted starts instead.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable


class SpanSet:
    """The union of spans (overlapping or not), kept merged: overlap queries and adds."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[list[int]] = []
        for s, e in sorted((s, e) for s, e in spans if e > s):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __bool__(self) -> bool:
        return bool(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` share a character with a span of the set?"""
        k = bisect.bisect_left(self._starts, end) - 1  # the last span starting before end
        return k >= 0 and self._ends[k] > start

    def covers(self, pos: int) -> bool:
        """Is the character at ``pos`` inside a span of the set?"""
        return self.overlaps(pos, pos + 1)

    def add(self, start: int, end: int) -> None:
        """Add ``[start, end)``, merging it with the spans it overlaps or touches."""
        if end <= start:
            return
        lo = bisect.bisect_left(self._ends, start)  # first span ending at or after start
        hi = bisect.bisect_right(self._starts, end)  # spans from lo to hi meet the new one
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]


class Disjoint:
    """Spans taken one by one, none overlapping another (longest-first selection)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        """Is ``[start, end)`` clear of every span taken so far?"""
        k = bisect.bisect_left(self._starts, end) - 1
        return k < 0 or self._ends[k] <= start

    def take(self, start: int, end: int) -> bool:
        """Take the span if it is free; report whether it was."""
        if not self.free(start, end):
            return False
        k = bisect.bisect_left(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        return True


class Containment:
    """Is an item (with ``start``/``end``) inside another item of a fixed list? Sorted
    by start with the two largest ends so far, so the item itself is never its container."""

    __slots__ = ("_starts", "_best")

    def __init__(self, items: Iterable) -> None:
        ordered = sorted(items, key=lambda o: o.start)
        self._starts = [o.start for o in ordered]
        self._best: list[tuple[tuple[int, int], int]] = []  # ((end, id), second end)
        top, second = (-1, 0), -1
        for o in ordered:
            if o.end > top[0]:
                top, second = (o.end, id(o)), top[0]
            elif o.end > second:
                second = o.end
            self._best.append((top, second))

    def __call__(self, item) -> bool:
        k = bisect.bisect_right(self._starts, item.start) - 1  # the items starting at or before
        if k < 0:
            return False
        (end, who), second = self._best[k]
        return (end if who != id(item) else second) >= item.end
