"""Pickling element trees nested deeper than :mod:`pickle` can follow.

A job goes to a worker process pickled (:mod:`satori_py.web.pool`,
:mod:`satori_py.batch.pool`), and pickle recurses once per nested container: an
element tree about 200 elements deep (``{"type", "props": {"children": [...]}}``
is three containers a level) is over Python's recursion limit of 1000, though
``Limits.max_depth`` (256) lets it render in the calling process. :func:`dumps`
pickles as usual and, only when that raises ``RecursionError``, pickles again with
the deep parts as :class:`Flat` trees: a flat list of tokens that unpickles,
with a plain :func:`pickle.loads`, as the very same tree of dicts, lists and
tuples (shared parts and cycles through dicts and lists kept), so the receiving
side needs nothing of this module but its import.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

__all__ = ["Flat", "dumps"]

T = TypeVar("T")
B = TypeVar("B")

# Token kinds: a leaf value (pickled as it is), a container of N items (a dict's items
# are key, value, key, value...: keys are leaves), a reference to the Nth container.
_LEAF, _DICT, _LIST, _TUPLE, _REF = range(5)
_CONTAINERS: dict[type, int] = {dict: _DICT, list: _LIST, tuple: _TUPLE}
_END: Any = object()


class Flat:
    """``tree`` (dicts, lists and tuples of any depth) as a flat list of tokens;
    it unpickles as the tree itself."""

    __slots__ = ("kinds", "values")

    def __init__(self, tree: Any) -> None:
        self.kinds, self.values = _flatten(tree)

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return (_rebuild, (bytes(self.kinds), self.values))


def dumps(obj: T, deep: Callable[[T], T], pickler: Callable[[Any], B]) -> B:
    """``obj`` pickled by ``pickler`` (e.g. :func:`pickle.dumps`); when it nests too deeply
    for that, ``deep(obj)`` pickled instead: ``obj`` with its trees wrapped in :class:`Flat`."""
    try:
        return pickler(obj)
    except RecursionError:
        return pickler(deep(obj))


def _items(value: Any, kind: int) -> Iterator[tuple[bool, Any]]:
    """A container's items as (is a key, item)."""
    if kind == _DICT:
        for key, item in value.items():
            yield True, key
            yield False, item
    else:
        for item in value:
            yield False, item


def _flatten(tree: Any) -> tuple[bytearray, list[Any]]:
    kinds = bytearray()
    values: list[Any] = []
    seen: dict[int, int] = {}  # id of a container -> its number, in the order they open
    open_tuples: set[int] = set()
    stack: list[tuple[Iterator[tuple[bool, Any]], int | None]] = [(iter(((False, tree),)), None)]
    while stack:
        items, closing = stack[-1]
        is_key, value = next(items, (False, _END))
        if value is _END:
            stack.pop()
            if closing is not None:
                open_tuples.discard(closing)
            continue
        kind = None if is_key else _CONTAINERS.get(type(value))
        if kind is None:
            kinds.append(_LEAF)
            values.append(value)
            continue
        number = seen.get(id(value))
        if number is not None:
            if id(value) in open_tuples:  # a tuple cannot hold itself before it exists
                raise ValueError("a cycle through a tuple cannot be pickled flat")
            kinds.append(_REF)
            values.append(number)
            continue
        seen[id(value)] = len(seen)
        kinds.append(kind)
        values.append(len(value))
        if kind == _TUPLE:
            open_tuples.add(id(value))
        stack.append((_items(value, kind), id(value) if kind == _TUPLE else None))
    return kinds, values


def _rebuild(kinds: bytes, values: list[Any]) -> Any:
    """The tree :func:`_flatten` made ``kinds`` and ``values`` of (iteratively)."""
    containers: list[Any] = []
    # Open containers: [kind, object (a list for a tuple), items left, its number, the key read].
    stack: list[list[Any]] = []
    root: list[Any] = []
    for kind, value in zip(kinds, values):
        if kind == _LEAF:
            item = value
        elif kind == _REF:
            item = containers[value]
        else:
            made: Any = {} if kind == _DICT else []
            containers.append(made)
            if value:
                stack.append([kind, made, value * 2 if kind == _DICT else value, len(containers) - 1, None])
                continue
            item = () if kind == _TUPLE else made
            containers[-1] = item
        # Place the item, then close every container it completes.
        while True:
            if not stack:
                root.append(item)
                break
            frame = stack[-1]
            if frame[0] == _DICT:
                if frame[2] % 2 == 0:
                    frame[4] = item
                else:
                    frame[1][frame[4]] = item
            else:
                frame[1].append(item)
            frame[2] -= 1
            if frame[2]:
                break
            stack.pop()
            item = tuple(frame[1]) if frame[0] == _TUPLE else frame[1]
            containers[frame[3]] = item
    return root[0]
