"""resvg_bridge.deflate: each image deflated in one call into zlib-ng, or zlib_ng.compress."""
from __future__ import annotations

import ctypes
import zlib

import numpy as np
import pytest

from resvg_bridge import deflate

zlib_ng = pytest.importorskip("zlib_ng.zlib_ng")


def _card_like() -> bytes:
    """Rows of a flat colour, then a band of noise (a photograph), as PNG rows unfiltered."""
    rng = np.random.default_rng(3)
    canvas = np.full((120, 400, 4), (20, 60, 200, 255), np.uint8)
    canvas[40:80, 100:300] = rng.integers(0, 256, (40, 200, 4), np.uint8)
    return b"".join(b"\0" + row.tobytes() for row in canvas)


def test_zlib_ng_is_called_in_one_call_where_it_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert deflate.one_call()
    data = _card_like()

    class NoCompress:  # the fallback is not what runs
        def __getattr__(self, name: str) -> object:
            raise AssertionError(f"zlib_ng.{name} called")

    monkeypatch.setattr(deflate, "_zlib", NoCompress())
    for level in range(1, 10):
        with deflate.compressed(data, level) as out:
            assert isinstance(out, memoryview)  # on zlib-ng's output buffer
            assert zlib.decompress(out) == data
            assert deflate.compressed_size(data, level) == len(out)
            assert deflate.crc32(out, 7) == zlib.crc32(out, 7)
        with pytest.raises(ValueError):  # freed at the end of the with: the view with it
            bytes(out)
    assert deflate.crc32(data, 7) == zlib.crc32(data, 7)


def test_the_same_bytes_as_zlib_ng_but_at_levels_5_and_6() -> None:
    # At levels 5 and 6 zlib-ng's stream depends on where the output buffer fills, which
    # zlib_ng.compress grows by steps: a few bytes differ (at most 6 smaller on the 24
    # benchmark cards), and the rows inflate the same (above).
    data = _card_like()
    for level in (1, 2, 3, 4, 7, 8, 9):
        with deflate.compressed(data, level) as out:
            assert out == zlib_ng.compress(data, level)


def test_without_zlib_ng_s_functions_zlib_ng_compress_does_the_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deflate, "_loaded", [None])
    assert not deflate.one_call()
    data = _card_like()
    with deflate.compressed(data, 6) as out:
        assert out == zlib_ng.compress(data, 6)
    assert deflate.compressed_size(data, 4) == len(zlib_ng.compress(data, 4))
    assert deflate.crc32(data, 7) == zlib.crc32(data, 7)


def test_the_library_refuses_a_stream_it_was_not_built_for() -> None:
    # What makes calling into zlib-ng safe: zng_deflateInit2_ checks our zng_stream's size
    # and the major version before writing into it (Z_VERSION_ERROR, -6).
    lib = deflate._zlib_ng()
    assert lib is not None
    init, version = lib.init, lib.version
    stream = deflate._Stream()
    size = ctypes.sizeof(deflate._Stream)
    assert init(ctypes.byref(stream), 6, 8, 15, 8, 0, version, size - 8) == -6
    assert init(ctypes.byref(stream), 6, 8, 15, 8, 0, b"1.2.13", size) == -6
    assert stream.state is None  # nothing was written
