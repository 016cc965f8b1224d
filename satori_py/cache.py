"""The one bounded, thread-safe LRU cache every stage uses for its per-process caches.

Parsed fonts, shaped runs, graphemes and resolved images are expensive and
immutable, so they are kept across renders; renders may run in several threads
(web servers), so every read and write holds the cache's lock. A cache is
bounded by its number of entries and, optionally, by a total weight (e.g. the
characters of the data URIs it holds).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import lru_cache, wraps
from typing import Any, Generic, TypeVar

V = TypeVar("V")
F = TypeVar("F", bound=Callable[..., Any])

# Texts longer than this are not kept by :func:`text_cache`: a render of megabytes of
# new text must not leave megabytes of results behind in every cache it passes.
MAX_CACHED_TEXT = 4096

#: What a memo entry's own objects weigh besides its data (its key tuple, the entry's tuple and
#: record, the cache's links), in the units memos weigh by: characters of text, about bytes.
#: The text memos (flows, drawings) and the painted-text memo add it to each entry's weight.
ENTRY_WEIGHT = 600


def text_cache(maxsize: int, *, max_text: int = MAX_CACHED_TEXT) -> Callable[[F], F]:
    """``functools.lru_cache`` for functions of texts (CSS values, names, text runs), bounded
    in memory as well: a call whose string arguments are longer than ``max_text`` together
    is computed, not kept (4096 entries keyed by 1 MB style values would hold 4 GB)."""
    def decorate(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)

        @wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            # A plain loop: this runs on every call of the hottest text functions, where
            # sum() over a generator cost three times the lru_cache lookup it guards.
            size = 0
            for a in args:
                if isinstance(a, str):
                    size += len(a)
            if kwargs:
                for a in kwargs.values():
                    if isinstance(a, str):
                        size += len(a)
            return cached(*args, **kwargs) if size <= max_text else fn(*args, **kwargs)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]
    return decorate


class BoundedCache(Generic[V]):
    """Least-recently-used entries are dropped past ``max_entries`` or ``max_weight``.

    Entries are filed under their key's hash, with the key beside the value: a key is
    hashed once per get or put (the keys of the layout and text caches are records and
    long tuples whose hash costs microseconds, and an ``OrderedDict`` keyed by them hashes
    twice: a lookup then ``move_to_end``, a ``pop`` then a store). A key found under its
    hash is the key asked for only if it is equal; two unequal keys with the same hash
    share one entry (the newer put replaces the older, a get of the other misses), which
    costs a recomputation now and then, never a wrong value."""

    def __init__(self, max_entries: int, *, weigh: Callable[[V], int] | None = None,
                 max_weight: int | None = None, on_drop: Callable[[V], None] | None = None) -> None:
        self._items: OrderedDict[int, tuple[Hashable, V]] = OrderedDict()
        self._lock = threading.Lock()
        self._weight = 0
        self._weigh = weigh
        #: Told of each value the bounds (or a put under its key) drop, after the lock is released:
        #: the font cache's dropped faces let the caches holding them go (text/faces.py).
        self._on_drop = on_drop
        self.max_entries = max_entries
        self.max_weight = max_weight

    def get(self, key: Hashable) -> V | None:
        h = hash(key)
        with self._lock:
            entry = self._items.get(h)
            if entry is None:
                return None
            held, value = entry
            if held is not key and held != key:
                return None
            self._items.move_to_end(h)
            return value

    def put(self, key: Hashable, value: V) -> None:
        h = hash(key)
        # The values dropped, when someone is told of them (most caches tell no one).
        gone: list[V] | None = None if self._on_drop is None else []
        with self._lock:
            entry = self._items.pop(h, None)
            if entry is not None:
                old = entry[1]
                if self._weigh is not None:
                    self._weight -= self._weigh(old)
                if gone is not None and old is not value:
                    gone.append(old)
            self._items[h] = (key, value)
            if self._weigh is not None:
                self._weight += self._weigh(value)
            while self._items and (len(self._items) > self.max_entries or (
                    self.max_weight is not None and self._weight > self.max_weight)):
                _, (_, dropped) = self._items.popitem(last=False)
                if self._weigh is not None:
                    self._weight -= self._weigh(dropped)
                if gone is not None:
                    gone.append(dropped)
        if gone and self._on_drop is not None:
            for dropped in gone:
                self._on_drop(dropped)

    def drop_where(self, doomed: Callable[[Hashable, V], bool]) -> None:
        """Drop every entry ``doomed(key, value)`` is true of (e.g. those holding a font the
        font cache let go); ``on_drop`` is not told of them."""
        with self._lock:
            for h in [h for h, (k, v) in self._items.items() if doomed(k, v)]:
                _, dropped = self._items.pop(h)
                if self._weigh is not None:
                    self._weight -= self._weigh(dropped)

    def keys(self) -> list[Hashable]:
        """The keys, least recently used first (a copy: the entries are filed by hash)."""
        with self._lock:
            return [key for key, _ in self._items.values()]

    def values(self) -> list[V]:
        """The values, least recently used first (a copy)."""
        with self._lock:
            return [value for _, value in self._items.values()]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._weight = 0

    def __len__(self) -> int:
        return len(self._items)
