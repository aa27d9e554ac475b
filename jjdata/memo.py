"""Answers cached for as long as the data set (or frame) they came from is the same object."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .load import Tables

T = TypeVar("T")


class IdentityMemo:
    """Answers cached under a key for as long as their owner is the same object.

    The owner (the tables, a frame) is kept with the answer, so its ``id``
    in the key cannot be reused by another object while the entry lives.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: dict[tuple, tuple[object, object]] = {}

    def get(self, key: tuple, owner: object, compute: Callable[[], T]) -> T:
        full_key = (*key, id(owner))
        hit = self._entries.get(full_key)
        if hit is None or hit[0] is not owner:
            if len(self._entries) >= self._size:
                self._entries.clear()
            hit = self._entries[full_key] = (owner, compute())
        return hit[1]  # type: ignore[return-value]


def per_tables(function: Callable[[Tables], T]) -> Callable[[Tables], T]:
    """Cache ``function(tables)`` for the current tables object (one data set at a time)."""
    memo = IdentityMemo(1)

    def cached(tables: Tables) -> T:
        return memo.get((), tables, lambda: function(tables))

    cached.__doc__ = function.__doc__
    return cached


_RECORDS = IdentityMemo(32)


def records(tables: Tables, name: str) -> tuple[tuple, ...]:
    """The rows of table ``name`` as named tuples (as ``itertuples`` gives them),
    built once per data set: ``itertuples`` makes a new named-tuple class and
    converts every column on each call, which pages did on every rerun."""
    return _RECORDS.get((name,), tables, lambda: tuple(tables.table(name).itertuples(index=False, name=name)))
