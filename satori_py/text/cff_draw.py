"""CFF glyph outlines drawn by HarfBuzz.

Owns: the outline of a glyph of a ``CFF `` table (OpenType/CFF, ``.otf``), read by
HarfBuzz's own charstring interpreter (C) through draw callbacks, in the command sequence
:mod:`.outlines` documents for CFF (``M``/``L``/``C``/``Z`` as the charstring draws them, as
opentype.js and a fontTools pen give them). Without it, the first glyph of an ``.otf`` made
fontTools load its CFF table (some 7 ms for Noto Sans' 312 KB, 50 ms with fontTools' import)
and each glyph cost ~40 us in fontTools' Python interpreter, against ~4 us here.

HarfBuzz closes every contour whose last point is not its first with a line back to the
first before the close; the charstring closes with the close alone, so that line is taken
out again. A charstring that itself draws that last line (none of the 4,756 glyphs of the
Noto CFF fonts tried) is then written without it: the same shape, bytes that differ.
"""
from __future__ import annotations

from .outlines import Outline
from .shaping import HbFont, draw_funcs


class _Drawing:
    """The commands and flat coordinates drawn so far, and where the open contour starts."""

    __slots__ = ("ops", "coords", "start")

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.coords: list[float] = []
        self.start = 0  # the index in coords of the open contour's first x


def _move_to(x: float, y: float, drawing: _Drawing) -> None:
    drawing.start = len(drawing.coords)
    drawing.ops.append("M")
    drawing.coords += (x, y)


def _line_to(x: float, y: float, drawing: _Drawing) -> None:
    drawing.ops.append("L")
    drawing.coords += (x, y)


def _cubic_to(x1: float, y1: float, x2: float, y2: float, x: float, y: float, drawing: _Drawing) -> None:
    drawing.ops.append("C")
    drawing.coords += (x1, y1, x2, y2, x, y)


def _close_path(drawing: _Drawing) -> None:
    ops, coords, start = drawing.ops, drawing.coords, drawing.start
    # HarfBuzz's closing line (see the module's docstring); a contour of one line is kept.
    if ops[-1] == "L" and ops[-2] != "M" and coords[-2] == coords[start] and coords[-1] == coords[start + 1]:
        ops.pop()
        del coords[-2:]
    ops.append("Z")


_FUNCS = draw_funcs(_move_to, _line_to, _cubic_to, _close_path)


def cff_outline(font: HbFont, gid: int) -> Outline | None:
    """The outline of CFF glyph ``gid`` of ``font``, or None when HarfBuzz cannot interpret
    its charstring (the caller's reader then reports why) or draws a number that is not
    whole (HarfBuzz hands out 32-bit floats: such a glyph is read with doubles, as the
    reference does)."""
    drawing = _Drawing()
    if not font.draw_glyph(gid, _FUNCS, drawing):
        return None
    coords = drawing.coords
    if not all(map(float.is_integer, coords)):
        return None
    return "".join(drawing.ops), tuple(coords)
