"""A process rendering strangers' cards for days keeps nothing outside its bounded caches, and
a render that fails leaves nothing behind for the next one.

Measured (session 16, /work/scratch-hostile16/soak.py): 6,000 ``render_svg`` of cards like
:func:`card` (a new title, a new ``data:`` avatar, a new gradient and a new ``tw`` class list
each time, a bad node in every third) in one process: RSS 111 MB after 500, 130 after 2,000,
136 after 4,000, 140 after 6,000; what still grew was Tailwind's resolution cache (one class
list a render) on its way to its bound of 8,192 entries. With every cache emptied, 40 more
renders left the same number of objects (37,316 after each of three rounds).
"""
from __future__ import annotations

import base64
import fnmatch
import gc
import logging
import random
import struct
import tracemalloc
import zlib
from collections.abc import Callable
from typing import Any

import pytest

from benchmarks.bench_cards import clear_caches
from satori_py import Limits, SatoriError, render_svg

_BAD_STYLES: list[dict[str, Any]] = [
    {"width": "qqq"}, {"boxShadow": {"a": 1}}, {"backgroundImage": "url("}, {"fontSize": "20px!important"},
    {"transform": "rotate(qq)"}, {"zzz": 1}, {"color": "notacolor"}, {"all": "qqq"}, {"maskImage": "url("},
    {"textShadowRadius": "12zz"},
]
_QUIET: dict[str, Any] = {"on_warning": lambda e: None, "on_style_error": lambda e: None}


def _png(rgb: tuple[int, int, int], side: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * side for _ in range(side))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _el(tag: str, style: dict[str, Any], *children: Any, **props: Any) -> dict[str, Any]:
    return {"type": tag, "props": {"style": style, **props, "children": list(children)}}


def card(i: int) -> dict[str, Any]:
    """An OG card of new content at every ``i``; a bad node in every third."""
    rng = random.Random(i)

    def colour() -> str:
        return f"#{rng.randrange(1 << 24):06x}"

    avatar = "data:image/png;base64," + base64.b64encode(
        _png((rng.randrange(256), rng.randrange(256), rng.randrange(256)), rng.randint(4, 16))).decode()
    bad = [_el("div", rng.choice(_BAD_STYLES), "bad")] if i % 3 == 0 else []
    return _el("div", {"display": "flex", "flexDirection": "column", "width": "100%", "height": "100%", "padding": 24,
                       "color": "white",
                       "backgroundImage": f"linear-gradient({rng.randint(0, 359)}deg, {colour()}, {colour()})"},
               _el("img", {"borderRadius": 16}, src=avatar, width=32, height=32),
               _el("div", {"fontSize": 24}, f"#{i}: a title of post {rng.randrange(10 ** 6):06d}"),
               _el("div", {}, "tw", tw=f"flex p-[{rng.randint(1, 99)}px] bg-[{colour()}] text-[{rng.randint(10, 40)}px]"),
               *bad)


# The texts of coordinates text/outlines.py keeps, bounded by their count, are left out: new
# positions add some.
_NOT_COUNTED = tracemalloc.Filter(False, "*/satori_py/text/outlines.py")


def _settled() -> tuple[int, int]:
    """Objects and traced bytes left once every cache is emptied."""
    clear_caches()
    gc.collect()
    objects = len(gc.get_objects())
    traces = tracemalloc.take_snapshot().filter_traces([_NOT_COUNTED])
    return objects, sum(stat.size for stat in traces.statistics("filename"))


def test_renders_of_new_content_keep_nothing_outside_the_caches() -> None:
    logging.disable(logging.CRITICAL)
    try:
        for i in range(20):  # what the first renders make once (compiled patterns, tables)
            render_svg(card(i), width=300, height=158, **_QUIET)
        # The filter's pattern compiled before tracing: compiled in the first reading, it was
        # counted from the second on (and could grow re's pattern cache by a 40 kB table).
        fnmatch.fnmatch("", _NOT_COUNTED.filename_pattern)
        tracemalloc.start()
        try:
            readings = []
            for start in (1000, 2000, 3000):
                for i in range(start, start + 20):
                    render_svg(card(i), width=300, height=158, **_QUIET)
                readings.append(_settled())
        finally:
            tracemalloc.stop()
    finally:
        logging.disable(logging.NOTSET)
    (objects, traced), (last_objects, last_traced) = readings[0], readings[-1]
    # 40 renders: a leak of one object or 1 kB a render would be 40 objects or 40 kB.
    assert last_objects - objects < 20, readings
    assert last_traced - traced < 32_000, readings


class _Raised(Exception):
    """What a caller's callback raises."""


def _raise(error: Exception) -> None:
    raise _Raised(str(error))


_FAILURES: list[tuple[str, Callable[[], object]]] = [
    ("strict", lambda: render_svg(_el("div", {"display": "flex"}, card(1), _el("div", {"width": "qqq"})),
                                  width=300, height=158, strict=True)),
    ("callback", lambda: render_svg(_el("div", {"display": "flex"}, card(2), _el("div", {"boxShadow": 5})),
                                    width=300, height=158, on_style_error=_raise, on_warning=_raise)),
    ("deadline", lambda: render_svg(_el("div", {"display": "flex", "flexWrap": "wrap"},
                                        *[_el("div", {"width": 3, "height": 3}, str(i)) for i in range(20_000)]),
                                    width=300, height=158, limits=Limits(timeout=0.05))),
    ("max_nodes", lambda: render_svg(_el("div", {}, *[_el("div", {}, "x") for _ in range(300)]), width=30, height=30,
                                     limits=Limits(max_nodes=100))),
    ("markup", lambda: render_svg("<div style='width:qqq'><p>x</div>", width=30, height=30, strict=True)),
]


@pytest.mark.parametrize(("name", "fail"), _FAILURES, ids=[name for name, _ in _FAILURES])
def test_a_failed_render_leaves_nothing_to_the_next(name: str, fail: Callable[[], object]) -> None:
    good = [card(i) for i in (4, 5, 6)]  # (6: with a bad node)
    before = [render_svg(c, width=300, height=158, **_QUIET) for c in good]
    with pytest.raises((SatoriError, _Raised)):
        fail()
    assert [render_svg(c, width=300, height=158, **_QUIET) for c in good] == before
