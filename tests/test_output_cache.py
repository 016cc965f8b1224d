"""The output cache: a repeated card costs no render; keys, bounds, the directory."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from satori_py import Font, Limits, api, output_cache, render_png
from satori_py.assets import DEFAULT_FONT_PATH
from satori_py.output_cache import OutputCache
from tests.support.counting import count_calls

CARD = {"type": "div", "props": {"style": {"display": "flex", "width": "100%", "height": "100%",
                                           "backgroundColor": "#123456", "color": "white"},
                                 "children": "cached"}}


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    return count_calls(monkeypatch, api, "render_svg")


def test_a_repeated_card_costs_no_render(renders: list[int]) -> None:
    cache = OutputCache()
    first = render_png(CARD, width=60, height=30, cache=cache)
    again = render_png(CARD, width=60, height=30, cache=cache)
    assert again == first and renders == [1] and (cache.hits, cache.misses) == (1, 1)
    # Another option, another image.
    assert render_png(CARD, width=60, height=30, compression="fast", cache=cache) != b""
    assert render_png(CARD, width=61, height=30, cache=cache) != first
    assert renders == [3]
    assert render_png(CARD, width=60, height=30) == first  # no cache: renders
    assert renders == [4]


def test_font_bytes_are_hashed_once_per_font_object(monkeypatch: pytest.MonkeyPatch) -> None:
    data = DEFAULT_FONT_PATH.read_bytes()
    font = Font("Geist", data)
    reads = [0]
    real = Font.load_bytes

    def counting(self: Font) -> bytes:
        reads[0] += 1
        return real(self)
    monkeypatch.setattr(Font, "load_bytes", counting)
    keys = {OutputCache.key(CARD, {"fonts": [font], "width": 10}) for _ in range(5)}
    assert len(keys) == 1 and reads == [1]
    # Same bytes in another Font object: the same key; other bytes: another key.
    assert OutputCache.key(CARD, {"fonts": [Font("Geist", data)], "width": 10}) in keys
    assert OutputCache.key(CARD, {"fonts": [Font("Geist", data + b"\0")], "width": 10}) not in keys
    assert OutputCache.key(CARD, {"fonts": [Font("Geist", data, weight=700)], "width": 10}) not in keys


def test_limits_are_in_the_key() -> None:
    # A card cached under looser limits must not be answered under tighter ones.
    loose = OutputCache.key(CARD, {"limits": Limits(timeout=5)})
    assert loose is not None and loose == OutputCache.key(CARD, {"limits": Limits(timeout=5)})
    assert loose not in {OutputCache.key(CARD, {"limits": Limits(timeout=4)}), OutputCache.key(CARD, {})}


@pytest.mark.parametrize("element, options", [
    (CARD, {"fetcher": lambda url: b""}),                 # what a callback answers is not in the key
    (CARD, {"on_warning": print}),
    ('{"type": "div"}', {}),                              # JSON text or a path: not plain data
    ({"type": "div", "props": {"x": object()}}, {}),
])
def test_renders_that_cannot_be_cached(element: object, options: dict) -> None:
    assert OutputCache.key(element, options) is None


def test_memory_is_bounded_in_whole_pages() -> None:
    page = output_cache.mmap.PAGESIZE
    cache = OutputCache(max_bytes=3 * page)
    for i in range(10):
        cache.put(f"k{i}", bytes(30))  # each takes a page
    assert cache.entries == 3 and cache.size == 3 * page
    assert cache.get("k9") == bytes(30) and cache.get("k0") is None
    cache.put("two pages", bytes(page + 1))
    assert cache.entries == 2 and cache.size == 3 * page and cache.get("k8") is None
    cache.put("big", bytes(3 * page + 1))  # larger than the whole cache: not kept
    assert cache.get("big") is None and cache.size == 3 * page
    cache.put("empty", b"")
    assert cache.get("empty") == b""


def test_entries_are_bounded_in_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output_cache, "MAX_ENTRIES", 5)  # each entry is a memory mapping
    cache = OutputCache()
    for i in range(12):
        cache.put(f"k{i}", bytes([i]) * 100)
    assert cache.entries == 5 and [cache.get(f"k{i}") for i in (6, 7, 11)] == [None, bytes([7]) * 100,
                                                                               bytes([11]) * 100]


def test_a_hit_returns_the_same_bytes_which_outlive_the_entry() -> None:
    cache = OutputCache(max_bytes=1 << 20)
    data = bytes(range(256)) * 300
    cache.put("k", data)
    hit = cache.get("k")
    assert hit == data and isinstance(hit, bytes) and hit is not data
    cache.put("k", b"other")  # replaced: the bytes handed out before do not change
    cache.clear()
    assert hit == data and cache.get("k") is None and cache.size == 0 and cache.entries == 0


# Run in a fresh interpreter: 16 threads each make PNG-sized images (as the render
# pool's dispatcher threads do, each in its own malloc arena) and put them in a
# 32 MB cache, 8 times its size in all; then the cache is cleared.
_FILL_FROM_THREADS = textwrap.dedent("""
    import json, random, sys, threading
    from satori_py.output_cache import OutputCache

    def rss():
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * 4096

    cache = OutputCache(max_bytes=32 << 20)
    before = rss()

    def fill(seed):
        rng = random.Random(seed)
        for i in range(260):
            cache.put(f"{seed}-{i}", rng.randbytes(rng.randint(15_000, 90_000)))
            if i % 3 == 0:
                cache.get(f"{seed}-{rng.randrange(i + 1)}")

    threads = [threading.Thread(target=fill, args=(seed,)) for seed in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    filled, held = rss(), cache.size
    cache.clear()
    json.dump({"before": before, "filled": filled, "held": held, "cleared": rss()}, sys.stdout)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_memory_stays_bounded_when_threads_fill_the_cache() -> None:
    out = subprocess.run([sys.executable, "-c", _FILL_FROM_THREADS], capture_output=True,
                         text=True, check=True, timeout=300).stdout
    mb = {k: v / 2 ** 20 for k, v in json.loads(out).items()}
    # Full, and what the process holds beyond its entries is a few MB of the threads'
    # passing allocations (with entries as bytes objects: 20-30 MB of dropped images'
    # holes in the threads' malloc arenas).
    assert 31 < mb["held"] <= 32
    assert mb["filled"] - mb["before"] - mb["held"] < 8, mb
    # Clearing gives the entries' memory back to the system.
    assert mb["filled"] - mb["cleared"] > 0.9 * mb["held"], mb


def test_directory_outlives_the_process_and_is_bounded(tmp_path, renders: list[int]) -> None:
    first = render_png(CARD, width=60, height=30, cache=OutputCache(directory=tmp_path))
    later = OutputCache(directory=tmp_path)  # another process, another worker
    assert render_png(CARD, width=60, height=30, cache=later) == first and renders == [1]
    small = OutputCache(max_bytes=0, directory=tmp_path / "small", max_disk_bytes=250)
    for i in range(10):
        small.put(f"{i:02d}" + "0" * 62, bytes(100))
    files = list((tmp_path / "small").glob("??/*"))
    assert 1 <= len(files) <= 2


def test_image_response_repeats_and_304s_cost_no_render(monkeypatch: pytest.MonkeyPatch) -> None:
    from satori_py.web import response as web_response
    from satori_py.web.job import render_job

    jobs = [0]

    def counting(job):  # type: ignore[no-untyped-def]
        jobs[0] += 1
        return render_job(job)
    monkeypatch.setattr(web_response, "render_job", counting)
    cache = OutputCache()
    first = web_response.ImageResponse(CARD, width=60, height=30, cache=cache)
    etag = first.etag
    assert jobs == [1]
    again = web_response.ImageResponse(CARD, width=60, height=30, cache=cache)
    answer = again.reply(if_none_match=etag)
    assert answer.status == 304 and jobs == [1]
    assert web_response.ImageResponse(CARD, width=60, height=30, cache=cache).body == first.body
    assert jobs == [1]
    # Without the cache (or for another card) it renders.
    assert web_response.ImageResponse(CARD, width=60, height=30, cache=False).body == first.body
    assert jobs == [2]
