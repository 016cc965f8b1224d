"""Helpers of the hostile-input tests: running an input in a child process, making bombs.

A crash in native code (a Rust panic that aborts, a stack overflow) would kill
pytest itself; :func:`run_isolated` runs the code in a fresh interpreter, so a
crash fails the test with the child's exit status and stderr instead.
"""
from __future__ import annotations

import os
import struct
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PRELUDE = "from satori_py import *\nfrom satori_py.element import h\n"


def run_isolated(*code: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the pieces of ``code`` (each dedented, after :data:`PRELUDE`) in a child interpreter;
    its stdout, stderr and status."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    source = PRELUDE + "".join(textwrap.dedent(piece) for piece in code)
    return subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env=env)


def assert_survives(*code: str, expected: str) -> None:
    """The child must exit normally and print exactly ``expected``."""
    child = run_isolated(*code)
    assert child.returncode == 0, f"the child died with status {child.returncode}:\n{child.stderr[-3000:]}"
    assert child.stdout.strip() == expected.strip(), child.stderr[-3000:]


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is ``width`` x ``height``: black pixels up to a million of them; past
    that, a 1x1 image's (a check that reads the header refuses it before anything would be
    decoded, and images/damage.py finds its data short)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = (b"\x00" + bytes(3 * width)) * height if width * height <= 1_000_000 else b"\x00\x00\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _base128(value: int) -> bytes:
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def woff2(declared: int, stream: bytes, *, sfnt_size: int | None = None) -> bytes:
    """A WOFF2 with one table (cmap, untransformed) that declares ``declared`` bytes, whose
    brotli stream is ``stream`` (compressed already)."""
    directory = bytes([0]) + _base128(declared)  # flags: tag index 0 (cmap), transform 0
    header_size = 48
    length = header_size + len(directory) + len(stream)
    header = struct.pack(">4s4sLHHLLHHLLLLL", b"wOF2", b"\x00\x01\x00\x00", length, 1, 0,
                         sfnt_size if sfnt_size is not None else 12 + 16 + declared, len(stream), 1, 0, 0, 0, 0,
                         0, 0)
    return header + directory + stream


def composite_bomb(copies: int, levels: int, base: str = "o") -> bytes:
    """satori-py's Geist with "x" mapped to a composite glyph of ``levels`` levels, each
    ``copies`` components of the level below, over the glyph of ``base``: ``copies ** levels``
    times its points (or, over an empty glyph, as many component visits) from a small font."""
    import io

    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    font = TTFont(ROOT / "satori_py/assets/Geist-Regular.ttf", recalcBBoxes=False)
    glyf, order = font["glyf"], font.getGlyphOrder()
    below = font.getBestCmap()[ord(base)]
    names = []
    for level in range(levels):
        glyph = Glyph()
        glyph.numberOfContours, glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax = -1, 0, 0, 500, 500
        glyph.components = []
        for i in range(copies):
            component = GlyphComponent()
            component.glyphName, component.x, component.y, component.flags = below, i % 7, 0, 0x0003
            glyph.components.append(component)
        below = f"bomb{level}"
        glyf.glyphs[below] = glyph
        names.append(below)
    font.setGlyphOrder(order + names)
    font["hmtx"].metrics.update(dict.fromkeys(names, (500, 0)))
    font["maxp"].numGlyphs = len(order) + len(names)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[ord("x")] = below
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def glyph_stream_bomb(glyphs: int, junk: int) -> bytes:
    """A WOFF2 of ``glyphs`` square glyphs (A-Z map to the first) whose transformed ``glyf``
    declares ``junk`` zero bytes after its points: a reader that copies the rest of the
    stream for each glyph (fontTools' does) copies ``glyphs * junk`` bytes."""
    import io

    import fontTools.ttLib.woff2 as woff2_module
    from fontTools.fontBuilder import FontBuilder
    from fontTools.misc import sstruct
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef", *(f"g{i}" for i in range(1, glyphs))]
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    for point in ((300, 0), (300, 300), (0, 300)):
        pen.lineTo(point)
    pen.closePath()
    square = pen.glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({0x41 + i: names[1] for i in range(26)})
    builder.setupGlyf(dict.fromkeys(names, square))
    builder.setupHorizontalMetrics(dict.fromkeys(names, (400, 0)))
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Bomb", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    table_class = woff2_module.WOFF2GlyfTable
    transform = table_class.transform

    def padded(self: Any, font: Any) -> bytes:
        data = transform(self, font)
        header = sstruct.unpack(woff2_module.woff2GlyfTableFormat, data[:woff2_module.woff2GlyfTableFormatSize])
        end = woff2_module.woff2GlyfTableFormatSize + sum(
            header[f"{name}Size"] for name in ("nContourStream", "nPointsStream", "flagStream", "glyphStream"))
        header["glyphStreamSize"] += junk
        return (sstruct.pack(woff2_module.woff2GlyfTableFormat, header) + data[woff2_module.woff2GlyfTableFormatSize:end]
                + bytes(junk) + data[end:])

    table_class.transform = padded
    try:
        builder.font.flavor = "woff2"
        out = io.BytesIO()
        builder.font.save(out)
    finally:
        table_class.transform = transform
    return out.getvalue()


def bad_axes() -> bytes:
    """The test suite's variable font (Montserrat VF) with its ``wght`` axis running from 900 down to 100."""
    import io

    from fontTools.ttLib import TTFont

    font = TTFont(ROOT / "golden/text/fonts/Montserrat-VF-latin.woff2")
    font.flavor = None
    axis = font["fvar"].axes[0]
    axis.minValue, axis.defaultValue, axis.maxValue = 900, 400, 100
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def many_point_glyph(points: int) -> bytes:
    """satori-py's Geist with "x" drawn as ``points / 4`` small squares (one simple glyph)."""
    import io

    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    font = TTFont(ROOT / "satori_py/assets/Geist-Regular.ttf", recalcBBoxes=False)
    pen = TTGlyphPen(None)
    for i in range(points // 4):
        x, y = (i * 37) % 600, (i * 53) % 700
        pen.moveTo((x, y))
        for point in ((x + 5, y), (x + 5, y + 5), (x, y + 5)):
            pen.lineTo(point)
        pen.closePath()
    glyph = pen.glyph()
    glyph.recalcBounds(font["glyf"])
    font["glyf"][font.getBestCmap()[ord("x")]] = glyph
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def looping_cff(mutual: bool) -> bytes:
    """A CFF font named "Loop" whose "a" calls a local subroutine that calls itself (or, when
    ``mutual``, one that calls a second that calls the first): fontTools recurses without end."""
    from tests.support.cff_fonts import cff_font

    loop = ([-106 if mutual else -107, "callsubr", "return"],) + (([-107, "callsubr", "return"],) if mutual else ())
    return cff_font({"a": [500, 0, 0, "rmoveto", -107, "callsubr", 100, 0, "rlineto", "endchar"]}, loop, "Loop")


# -- user callbacks that never return (tests of satori_py/fetch/bounded.py) -------------------

WAIT = 30.0  # the longest a test waits for a call it released


class Blocking:
    """A fetcher or asset loader that blocks until ``release`` is set, then fails."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, *args: Any) -> bytes:
        self.calls += 1
        self.release.wait(WAIT)
        raise OSError("released")


def settle(count: int) -> None:
    """Wait (boundedly) for the calls left running past their renders' deadlines to come down to ``count``."""
    from satori_py.fetch import bounded

    for _ in range(int(WAIT / 0.01)):
        if bounded.abandoned() == count:
            return
        time.sleep(0.01)
    assert bounded.abandoned() == count


def out_of_memory(**props: Any) -> Any:
    """A component that runs out of memory: module-level, so a job holding it pickles (by name)
    to a render worker process."""
    raise MemoryError
