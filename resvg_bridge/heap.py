"""The C allocator's policy for a process that rasterises one card after another.

glibc's malloc hands the memory of a large free block back to the kernel at once
(a block over its mmap threshold is unmapped; a heap whose free top passes the trim
threshold is cut), so every raster maps its canvas, its layers and the PNG's
buffers afresh, and the kernel zeroes each page again on first touch: on a
1200x630 card about 2,100 page faults, 3-4 ms of kernel time per card, 8 % of
its CPU time (measured with svg2png-py). With both thresholds raised, freed
blocks stay in the process for the next card: 10-20 faults per card, for the
memory of one card's peak kept (about 20 MB of RSS per thread that renders).

:func:`keep_freed_memory` sets them; the render pools call it in the processes
they own (worker processes, and the server process in thread mode). A deployment
that tunes malloc itself (``MALLOC_*_`` or ``GLIBC_TUNABLES`` in the environment)
is left alone, and so is any C library other than glibc.
"""
from __future__ import annotations

import ctypes
import os
import threading

__all__ = ["MMAP_THRESHOLD", "TRIM_THRESHOLD", "keep_freed_memory"]

# Blocks under this come from the heap (and go back to it); canvases of 2048x2048
# and more are still mapped and unmapped alone. 16 MB suffices for a card: at 8 MB
# of trim threshold a 1200x630 card still faulted 1,830 times, at 16 MB 17 times.
MMAP_THRESHOLD = 16 * 1024 * 1024
TRIM_THRESHOLD = 32 * 1024 * 1024
_M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
_M_MMAP_THRESHOLD = -3
_OWN_SETTINGS = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_",
                 "MALLOC_MMAP_MAX_", "GLIBC_TUNABLES")

_lock = threading.Lock()
_done: list[bool] = []  # the answer of the first call (each process sets its policy once)


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds, once per process; whether they are set."""
    with _lock:
        if not _done:
            _done.append(_set_thresholds())
        return _done[0]


def _set_thresholds() -> bool:
    if any(name in os.environ for name in _OWN_SETTINGS):
        return False
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError, ValueError):  # not glibc, or no confstr name here
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
