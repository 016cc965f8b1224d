"""One PNG render's front end at a time among threads whose raster runs without the GIL.

With a binding that rasterises without the GIL (``resvg_bridge.releases_gil()``),
threads rendering PNGs side by side overlap one card's raster (and deflate) with
another's front end (element -> SVG, Python, holding the GIL). Two front ends at
once cannot run together: CPython hands the GIL from one to the other every
switch interval, so both end late, start their rasters together and meet again
at their next front ends, while the second core idles through every such
stretch. Taken whole, one after the other, the first front end ends at once and
its raster overlaps the second's. A model of two threads on the 24 benchmark
cards' measured times (CPython 3.11's GIL, 1 ms switch interval) puts it at 1.94x
one thread's throughput instead of 1.92x, and it removes the 1 ms hand-overs
between front ends (the voluntary switches and the caches each one cools).

:func:`front_turn` is that turn, taken by ``render_png`` around its front end. It
is a courtesy, never a wait that can grow: a render waits at most
:data:`WAIT` seconds for it and then runs without it (a front end that blocks
holding it, e.g. in a file read, costs the others that much at most), and the
render's own waits for user code (a fetcher, an asset loader: the calls
:mod:`satori_py.fetch.bounded` makes) set it aside. A render nested in such a
call on the same thread takes it again as any render does.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["WAIT", "front_turn", "holds_turn", "set_aside"]

#: The longest a render waits for the turn (seconds): a card's front end takes 3-15 ms.
WAIT = 0.02

_turn = threading.Lock()
_local = threading.local()  # .held: whether this thread has the turn now


def holds_turn() -> bool:
    """Whether this thread has the turn now."""
    return bool(getattr(_local, "held", False))


@contextmanager
def front_turn() -> Iterator[None]:
    """The turn for the block, waited for :data:`WAIT` seconds at most (then the block
    runs without it); a thread that has it already keeps it."""
    if holds_turn():
        yield
        return
    _local.held = _turn.acquire(timeout=WAIT)
    try:
        yield
    finally:
        if holds_turn():  # (a set_aside inside may have failed to take it back in time)
            _local.held = False
            _turn.release()


@contextmanager
def set_aside() -> Iterator[None]:
    """The turn given up for the block (a wait for user code or I/O) and taken back
    after it, waited for as :func:`front_turn` does; nothing when not held."""
    if not holds_turn():
        yield
        return
    _local.held = False
    _turn.release()
    try:
        yield
    finally:
        _local.held = _turn.acquire(timeout=WAIT)
