"""The shared bounded LRU cache: bounds, order, weight, and thread safety."""
from __future__ import annotations

import threading

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
