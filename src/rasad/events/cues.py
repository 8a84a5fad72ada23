"""Cue words and window sizes of the event rules, read from ``resources/events/cues.toml``.

A list is addressed as ``"section.name"`` (``"roles.agent"``) and returned as a set of
match keys, so rules compare it with token texts of the key text directly.
"""
from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from rasad import resources
from rasad.text.normalize import key


@cache
def _data() -> dict[str, Any]:
    return tomllib.loads(resources.read_text("events", "cues.toml"))


def _node(name: str) -> Any:
    node: Any = _data()
    for part in name.split("."):
        node = node[part]
    return node


@cache
def words(name: str) -> frozenset[str]:
    """The keyed word list ``name`` (``"roles.agent"``)."""
    return frozenset(key(w) for w in _node(name))


@cache
def names(name: str) -> frozenset[str]:
    """A list of identifiers (rule ids), as written."""
    return frozenset(_node(name))


@cache
def pairs(name: str) -> frozenset[tuple[str, ...]]:
    """A list of word tuples, keyed (``clauses.two_word_openers``)."""
    return frozenset(tuple(key(w) for w in p) for p in _node(name))


@cache
def mapping(name: str) -> dict[str, str]:
    """A table of word -> word, both keyed (``roles.agent_needs_before``)."""
    return {key(k): key(v) for k, v in _node(name).items()}


@cache
def grouped(name: str) -> dict[str, str]:
    """A table of label -> words, inverted to keyed word -> label."""
    return {key(w): label for label, ws in _node(name).items() for w in ws}


@cache
def window(name: str) -> int:
    """A window size in words (``"roles.windows.agent_search"``)."""
    value = _node(name)
    if not isinstance(value, int):
        raise TypeError(f"cues.toml: {name} is not a whole number")
    return value
