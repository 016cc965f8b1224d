"""The shared bounded LRU cache: bounds, order, weight, one hash per call, and thread safety."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py.cache import BoundedCache


def test_least_recently_used_entries_go_first() -> None:
    cache: BoundedCache[int] = BoundedCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)


def test_weight_bound() -> None:
    cache: BoundedCache[str] = BoundedCache(100, weigh=len, max_weight=10)
    for key in range(5):
        cache.put(key, "x" * 4)
    assert len(cache) == 2 and cache.get(4) == "xxxx" and cache.get(2) is None


def test_concurrent_use_never_corrupts() -> None:
    cache: BoundedCache[int] = BoundedCache(8)
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(2000):
                cache.put((offset + i) % 13, i)
                cache.get((offset * 7 + i) % 13)
        except BaseException as exc:  # noqa: BLE001 - collected for the assert
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(cache) <= 8


def test_renders_in_threads_agree() -> None:
    from satori_py import h, render_svg
    from satori_py.text import faces
    faces._FACE_CACHE.clear()  # cold caches, so threads race to fill them
    element = h("div", {"style": {"display": "flex", "fontSize": 40}}, "Thread-safe glyphs: ÅßŒ 123")
    results: list[str] = []
    errors: list[BaseException] = []

    def render() -> None:
        try:
            results.append(render_svg(element, width=600, height=100))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=render) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(set(results)) == 1


class _CountedKey:
    """A key that counts how often it is hashed (and hashes like its value)."""

    hashed = 0

    def __init__(self, value: int) -> None:
        self.value = value

    def __hash__(self) -> int:
        _CountedKey.hashed += 1
        return hash(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _CountedKey) and other.value == self.value


def test_a_key_is_hashed_once_per_get_and_put() -> None:
    cache: BoundedCache[int] = BoundedCache(2)
    _CountedKey.hashed = 0
    cache.put(_CountedKey(1), 1)  # a new entry
    cache.put(_CountedKey(1), 2)  # replacing it
    assert cache.get(_CountedKey(1)) == 2  # a hit (moved to the end)
    assert cache.get(_CountedKey(5)) is None  # a miss
    cache.put(_CountedKey(2), 3)
    cache.put(_CountedKey(3), 4)  # drops the least recently used
    assert _CountedKey.hashed == 6


def test_keys_with_one_hash_never_give_each_others_values() -> None:
    # -1 and -2 hash alike in CPython: they share one entry, the newer replacing the older.
    assert hash(-1) == hash(-2)
    dropped: list[str] = []
    cache: BoundedCache[str] = BoundedCache(4, weigh=len, max_weight=100, on_drop=dropped.append)
    cache.put(-1, "minus one")
    cache.put(-2, "minus two")
    assert (cache.get(-1), cache.get(-2), len(cache), dropped) == (None, "minus two", 1, ["minus one"])
    cache.put(-1, "again")
    assert (cache.get(-2), cache.get(-1)) == (None, "again")
    assert cache._weight == len("again")


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4), st.none() | st.integers(1, 12),
       st.lists(st.tuples(st.sampled_from(["get", "put", "drop"]), st.integers(0, 6), st.text(max_size=5)),
                max_size=60))
def test_the_cache_is_least_recently_used_first(max_entries: int, max_weight: int | None,
                                                ops: list[tuple[str, int, str]]) -> None:
    """Against a model LRU (an OrderedDict keyed by the keys themselves): the same answers, the
    same entries in the same order, the same values told dropped."""
    dropped: list[str] = []
    cache: BoundedCache[str] = BoundedCache(max_entries, weigh=len, max_weight=max_weight,
                                            on_drop=dropped.append)
    model: OrderedDict[tuple[int], str] = OrderedDict()
    model_dropped: list[str] = []
    for op, k, value in ops:
        key = (k,)  # tuples of small non-negative ints: no two hash alike
        if op == "get":
            expected = model.get(key)
            if expected is not None:
                model.move_to_end(key)
            assert cache.get(key) == expected
        elif op == "put":
            cache.put(key, value)
            old = model.pop(key, None)
            if old is not None and old is not value:
                model_dropped.append(old)
            model[key] = value
            while model and (len(model) > max_entries
                             or (max_weight is not None and sum(map(len, model.values())) > max_weight)):
                model_dropped.append(model.popitem(last=False)[1])
        else:
            def doomed(key: Hashable, value: str, k: int = k) -> bool:
                return isinstance(key, tuple) and key[0] % 3 == k % 3

            cache.drop_where(doomed)
            for gone in [key for key in model if key[0] % 3 == k % 3]:
                del model[gone]
        assert dropped == model_dropped
        assert len(cache) == len(model) and cache._weight == sum(map(len, model.values()))
        assert list(zip(cache.keys(), cache.values())) == list(model.items())
