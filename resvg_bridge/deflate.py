"""Deflate (zlib format) and CRC-32 for the PNG encoder, through zlib-ng's C functions.

Why not ``zlib_ng.compress``: like the standard ``zlib.compress``, it deflates into an
output buffer that grows by steps (16 KB, 32 KB, 64 KB, ...) and lets go of the GIL
around each step, so a card's 40-250 KB of compressed rows were 2-5 hand-overs of
the GIL, and the two samples the level is judged from two more. With two threads
rendering, a thread that let the GIL go gets it back only when the other gives it up
(up to a switch interval, longer when that one is not on a CPU): on a loaded machine
two threads used fewer cores than one. Here:

* :func:`compressed` deflates the whole image in one call into an output buffer of
  ``deflateBound`` bytes, letting the GIL go for that call only: one hand-over a card.
* :func:`compressed_size` (the samples, a few rows) and :func:`crc32` keep the GIL:
  letting it go for a tenth of a millisecond of work cost more than the work.

The functions are zlib-ng's own, from the ``zlib_ng`` extension module (which exports
its ``zng_*`` symbols), called with ``zlib_ng.compress``'s parameters (window 15,
memLevel 8, the default strategy): the same bytes at every level the encoder uses but
6, where zlib-ng's stream depends on where the output buffer fills (a few bytes
fewer here; the same rows inflate). Our ``zng_stream`` must match the library's:
``zng_deflateInit2_`` refuses a stream of another size or another major version,
and a first compression is compared with ``zlib_ng.compress``. Where any of that
fails (another build, no zlib-ng, another C library), the functions fall back to
``zlib_ng`` (or the standard zlib): the same output, with more hand-overs.
"""
from __future__ import annotations

import contextlib
import ctypes
import threading
import zlib as _stdlib_zlib
from collections.abc import Iterator
from types import ModuleType
from typing import Any

__all__ = ["compressed", "compressed_size", "crc32", "one_call"]

_zlib: ModuleType
try:  # zlib-ng: the same format, 2-3x faster deflate
    from zlib_ng import zlib_ng as _zlib
except ImportError:  # pragma: no cover - zlib-ng is a dependency; kept for odd platforms
    _zlib = _stdlib_zlib

_Z_OK, _Z_STREAM_END, _Z_FINISH, _Z_DEFLATED = 0, 1, 4, 8
_WINDOW_BITS, _MEM_LEVEL, _DEFAULT_STRATEGY = 15, 8, 0  # zlib_ng.compress's
_MAX_INPUT = 2**32 - 1  # avail_in is 32 bits


class _Stream(ctypes.Structure):
    """zlib-ng's ``zng_stream`` (zlib-ng.h; its size is checked by zng_deflateInit2_)."""

    _fields_ = [("next_in", ctypes.c_char_p), ("avail_in", ctypes.c_uint32),
                ("total_in", ctypes.c_size_t), ("next_out", ctypes.c_void_p),
                ("avail_out", ctypes.c_uint32), ("total_out", ctypes.c_size_t),
                ("msg", ctypes.c_char_p), ("state", ctypes.c_void_p),
                ("zalloc", ctypes.c_void_p), ("zfree", ctypes.c_void_p),
                ("opaque", ctypes.c_void_p), ("data_type", ctypes.c_int),
                ("adler", ctypes.c_uint32), ("reserved", ctypes.c_ulong)]


class _ZlibNg:
    """zlib-ng's deflate functions and the C library's malloc/free (a ctypes buffer would
    be zeroed: 3 MB a card). Every call keeps the GIL (``ctypes.PyDLL``) but
    ``deflate_releasing``'s (``ctypes.CDLL``): a call that lets the GIL go is a hand-over
    when another thread waits for it, however short the call."""

    def __init__(self, path: str) -> None:
        held, releasing, libc = ctypes.PyDLL(path), ctypes.CDLL(path), ctypes.PyDLL(None)
        stream = ctypes.POINTER(_Stream)
        self.init = _function(held.zng_deflateInit2_, ctypes.c_int32,
                              stream, *[ctypes.c_int32] * 5, ctypes.c_char_p, ctypes.c_int32)
        self.deflate = _function(held.zng_deflate, ctypes.c_int32, stream, ctypes.c_int32)
        self.deflate_releasing = _function(releasing.zng_deflate, ctypes.c_int32, stream, ctypes.c_int32)
        self.end = _function(held.zng_deflateEnd, ctypes.c_int32, stream)
        self.bound = _function(held.zng_deflateBound, ctypes.c_ulong, stream, ctypes.c_ulong)
        self.crc32 = _function(held.zng_crc32, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_void_p,
                               ctypes.c_uint32)
        self.malloc = _function(libc.malloc, ctypes.c_void_p, ctypes.c_size_t)
        self.free = _function(libc.free, None, ctypes.c_void_p)
        self.version = _zlib.ZLIBNG_VERSION.encode()

    def deflated(self, data: bytes, level: int, release: bool) -> tuple[int, int]:
        """``data`` deflated at ``level`` into a malloc'd buffer: (its address, its size).
        The caller reads and frees it. Only the deflate itself lets the GIL go, if ``release``."""
        stream = _Stream()
        if self.init(ctypes.byref(stream), level, _Z_DEFLATED, _WINDOW_BITS, _MEM_LEVEL,
                     _DEFAULT_STRATEGY, self.version, ctypes.sizeof(_Stream)) != _Z_OK:
            raise OSError("zng_deflateInit2_ refused the stream")
        out = 0
        try:
            size = self.bound(ctypes.byref(stream), len(data))
            out = self.malloc(size) or 0
            if not out:
                raise MemoryError(f"cannot allocate {size} bytes to deflate into")
            stream.next_in, stream.avail_in = data, len(data)
            stream.next_out, stream.avail_out = out, size
            deflate = self.deflate_releasing if release else self.deflate
            if deflate(ctypes.byref(stream), _Z_FINISH) != _Z_STREAM_END:
                raise OSError("zng_deflate did not finish within deflateBound")
            return out, int(stream.total_out)
        except BaseException:
            self.free(out)
            raise
        finally:
            self.end(ctypes.byref(stream))

    def size(self, data: bytes, level: int) -> int:
        out, size = self.deflated(data, level, False)
        self.free(out)
        return size


def _function(fn: Any, restype: Any, *argtypes: Any) -> Any:
    fn.restype, fn.argtypes = restype, argtypes
    return fn


_lock = threading.Lock()
_loaded: list[_ZlibNg | None] = []  # zlib-ng's functions, or None where they cannot be used


def _zlib_ng() -> _ZlibNg | None:
    """zlib-ng's functions, loaded and checked once per process; None where they cannot
    be used."""
    if not _loaded:
        with _lock:
            if not _loaded:
                _loaded.append(_load())
    return _loaded[0]


def _load() -> _ZlibNg | None:
    path = getattr(_zlib, "__file__", None)
    if _zlib is _stdlib_zlib or not path:
        return None
    try:
        lib = _ZlibNg(path)
        probe = bytes(range(256)) * 64 + bytes(4096)
        for release in (False, True):
            out, size = lib.deflated(probe, 1, release)
            same = ctypes.string_at(out, size) == _zlib.compress(probe, 1)
            lib.free(out)
            if not same:
                return None
        if lib.crc32(7, probe, len(probe)) != _zlib.crc32(probe, 7):
            return None
    except (OSError, AttributeError, ValueError, TypeError, MemoryError):
        return None
    return lib


def one_call() -> bool:
    """Whether images are deflated in one call into zlib-ng (else by ``zlib_ng.compress``)."""
    return _zlib_ng() is not None


@contextlib.contextmanager
def compressed(data: bytes, level: int) -> Iterator[bytes | memoryview]:
    """``zlib.compress(data, level)``, letting the GIL go once for the whole of it, for
    the length of the ``with``: a view on the C library's memory, freed (and the view
    released) at its end, so that the caller's join of the PNG is the only copy of it."""
    lib = _zlib_ng()
    if lib is None or len(data) > _MAX_INPUT:
        yield _zlib.compress(data, level)
        return
    try:
        out, size = lib.deflated(data, level, True)
    except OSError:  # (deflateBound is a bound: not seen)
        yield _zlib.compress(data, level)
        return
    try:
        with memoryview((ctypes.c_char * size).from_address(out)) as raw, raw.cast("B") as view:
            yield view
    finally:
        lib.free(out)


def compressed_size(data: bytes, level: int) -> int:
    """``len(zlib.compress(data, level))``, keeping the GIL (for samples of a few rows)."""
    lib = _zlib_ng()
    if lib is not None and len(data) <= _MAX_INPUT:
        try:
            return lib.size(data, level)
        except OSError:
            pass
    return len(_zlib.compress(data, level))


# The checksum in pieces that keep the GIL where zlib-ng's own cannot be called: crc32
# lets it go for more than 5 KB, and taking it back waits while another thread runs
# Python: far longer than the checksum of a card's IDAT (microseconds).
_CRC_PIECE = 4096


def crc32(data: bytes | memoryview, value: int = 0) -> int:
    """``zlib.crc32(data, value)``, keeping the GIL (zlib-ng's folds with carry-less
    multiplies: a fifth of the instructions of the system zlib's)."""
    lib = _zlib_ng()
    if lib is not None and len(data) <= _MAX_INPUT:
        address = data if isinstance(data, bytes) else ctypes.addressof(ctypes.c_char.from_buffer(data))
        return int(lib.crc32(value, address, len(data)))
    view = memoryview(data)
    for i in range(0, len(view), _CRC_PIECE):
        value = _zlib.crc32(view[i:i + _CRC_PIECE], value)
    return value
