"""The few sfnt tables a face needs, read without fontTools.

Owns: the table directory of TrueType/OpenType bytes (:class:`Sfnt`), the
metrics of ``head``, ``hhea`` and ``OS/2`` (:meth:`Sfnt.metrics`), and the
points of TrueType glyphs from ``loca``/``glyf`` (:meth:`Sfnt.glyph_points`),
in the shape opentype.js gives them (see :mod:`.outlines`).

Why: importing fontTools and decompiling ``glyf``'s index and ``post``'s glyph
names cost more than the rest of a plain card's cold render. Everything here
reads plain struct fields; whatever is unusual (a truncated or missing table,
an Apple 68-byte ``OS/2``, a malformed glyph) makes the caller fall back to
fontTools (:class:`~.faces.FaceData`), so such fonts behave, and fail, exactly
as before. CFF outlines and variable fonts stay with fontTools.
"""
from __future__ import annotations

import re
from struct import unpack_from

from .outlines import NO_POINTS, Points, append_points, contour_ends, visit_component

__all__ = ["Metrics", "Sfnt"]

#: unitsPerEm, macStyle, hhea ascent, descent; then OS/2's sTypoAscender,
#: sTypoDescender, sTypoLineGap, usWeightClass, fsSelection, xAvgCharWidth (None without OS/2).
Metrics = tuple[int, int, int, int, int | None, int | None, int | None, int | None, int | None, int | None]

# The length of each OS/2 version (what fontTools requires of it).
_OS2_LENGTHS = (78, 86, 96, 96, 96, 100)
_MAX_COMPONENT_DEPTH = 16  # as the fontTools reader this replaces (deeper: no points)
# Composite glyph flags.
_ARG_1_AND_2_ARE_WORDS = 0x01
_ARGS_ARE_XY_VALUES = 0x02
_WE_HAVE_A_SCALE = 0x08
_MORE_COMPONENTS = 0x20
_WE_HAVE_AN_X_AND_Y_SCALE = 0x40
_WE_HAVE_A_TWO_BY_TWO = 0x80


class SfntError(ValueError):
    """Something this reader does not handle: the caller falls back to fontTools."""


class Sfnt:
    """The table directory of sfnt bytes; tables are read on demand."""

    __slots__ = ("data", "tables", "_loca")

    def __init__(self, data: bytes) -> None:
        if len(data) < 12:
            raise SfntError("no table directory")
        count = unpack_from(">H", data, 4)[0]
        if len(data) < 12 + 16 * count:
            raise SfntError("truncated table directory")
        self.data = data
        #: tag -> (offset, length), for tables inside the data.
        self.tables: dict[str, tuple[int, int]] = {}
        for i in range(count):
            tag, _, offset, length = unpack_from(">4sIII", data, 12 + 16 * i)
            if offset + length > len(data):
                raise SfntError(f"table {tag!r} out of bounds")
            self.tables[tag.decode("latin-1")] = (offset, length)
        self._loca: tuple[int, int, int] | None = None  # (offset, entry size, glyphs), read once

    def _table(self, tag: str, length: int, exact: bool = False) -> int:
        """The offset of table ``tag``, which must hold at least (or exactly) ``length`` bytes."""
        entry = self.tables.get(tag)
        if entry is None or entry[1] < length or (exact and entry[1] != length):
            raise SfntError(f"no usable {tag} table")
        return entry[0]

    def metrics(self) -> Metrics:
        """The metrics a face keeps (see :data:`Metrics`)."""
        data = self.data
        head = self._table("head", 54, exact=True)
        hhea = self._table("hhea", 36, exact=True)
        upem, = unpack_from(">H", data, head + 18)
        mac_style, = unpack_from(">H", data, head + 44)
        ascent, descent = unpack_from(">hh", data, hhea + 4)
        if "OS/2" not in self.tables:
            return upem, mac_style, ascent, descent, None, None, None, None, None, None
        os2 = self._table("OS/2", 78)  # shorter: Apple's old version 0, left to fontTools
        version, = unpack_from(">H", data, os2)
        if version > 5 or self.tables["OS/2"][1] < _OS2_LENGTHS[version]:
            raise SfntError(f"OS/2 version {version}")
        avg_width, weight_class = unpack_from(">hH", data, os2 + 2)
        fs_selection, = unpack_from(">H", data, os2 + 62)
        typo_ascender, typo_descender, typo_line_gap = unpack_from(">hhh", data, os2 + 68)
        return (upem, mac_style, ascent, descent, typo_ascender, typo_descender, typo_line_gap,
                weight_class, fs_selection, avg_width)

    def damaged_hmtx(self) -> str | None:
        """What is wrong with the ``hmtx`` table, or None: it must hold a width and side bearing
        for each of hhea's ``numberOfHMetrics`` glyphs and a side bearing for each glyph after
        them (HarfBuzz reads a missing width as 0: every glyph piled up on the first; browsers'
        font sanitiser rejects the font)."""
        if "maxp" not in self.tables or "hhea" not in self.tables:
            return None  # (the metrics say what is missing)
        num_glyphs = unpack_from(">H", self.data, self._table("maxp", 6) + 4)[0]
        metrics = unpack_from(">H", self.data, self._table("hhea", 36) + 34)[0]
        needed = 4 * metrics + 2 * max(num_glyphs - metrics, 0)
        held = self.tables.get("hmtx", (0, 0))[1]
        if held >= needed:
            return None
        return (f"its hmtx table has {held} bytes, where its {num_glyphs} glyphs ({metrics} with widths) "
                f"need {needed}")

    def _glyph_range(self, gid: int) -> tuple[int, int]:
        """``loca``: where glyph ``gid``'s data starts and ends in ``glyf``. Two entries are read
        per glyph: a face made per render (caches cleared) draws some dozens of its glyphs, and
        unpacking the whole table cost as much as reading them."""
        if self._loca is None:
            data = self.data
            long_offsets = unpack_from(">h", data, self._table("head", 54) + 50)[0]
            num_glyphs = unpack_from(">H", data, self._table("maxp", 6) + 4)[0]
            size = 4 if long_offsets else 2
            self._loca = (self._table("loca", size * (num_glyphs + 1)), size, num_glyphs)
        loca, size, num_glyphs = self._loca
        if gid >= num_glyphs:
            raise SfntError(f"glyph {gid} out of range")
        if size == 4:
            start, end = unpack_from(">II", self.data, loca + 4 * gid)
            return start, end
        start, end = unpack_from(">HH", self.data, loca + 2 * gid)
        return 2 * start, 2 * end

    def glyph_points(self, gid: int, depth: int = 0, visits: list[int] | None = None) -> Points:
        """The points of TrueType glyph ``gid``, components placed (opentype.js's transform:
        ``x' = xScale*x + scale01*y + dx``); FontError for a composite past
        :data:`~.outlines.MAX_GLYPH_POINTS` points or component visits."""
        start, end = self._glyph_range(gid)
        if end < start:
            raise SfntError(f"glyph {gid}: loca decreases")
        if end == start or depth > _MAX_COMPONENT_DEPTH:
            return NO_POINTS
        glyf, length = self.tables.get("glyf", (0, -1))
        if end > length or end - start < 10:
            raise SfntError(f"glyph {gid} out of bounds")
        pos = glyf + start
        contours, = unpack_from(">h", self.data, pos)
        if contours == 0:
            return NO_POINTS
        if contours > 0:
            return self._simple_points(pos + 10, contours, glyf + end)
        if contours == -1:
            return self._composite_points(pos + 10, glyf + end, depth, [0] if visits is None else visits)
        raise SfntError(f"glyph {gid}: {contours} contours")

    def _simple_points(self, pos: int, contours: int, end: int) -> Points:
        data = self.data
        ends = unpack_from(f">{contours}H", data, pos)
        count = ends[-1] + 1
        pos += 2 * contours
        pos += 2 + unpack_from(">H", data, pos)[0]  # the instructions
        flags, pos = _flags(data, pos, count)
        xs, pos = _coordinates(data, pos, flags, _X_DELTAS)
        ys, pos = _coordinates(data, pos, flags, _Y_DELTAS)
        if pos > end:
            raise SfntError("glyph data overruns its loca entry")
        return xs, ys, bytes(flags.translate(_ON_CURVE)), contour_ends(ends, count)

    def _composite_points(self, pos: int, end: int, depth: int, visits: list[int]) -> Points:
        data = self.data
        xs: list[float] = []
        ys: list[float] = []
        on = b""
        ends: list[int] = []
        flags = _MORE_COMPONENTS
        while flags & _MORE_COMPONENTS:
            flags, gid = unpack_from(">HH", data, pos)
            pos += 4
            xy = flags & _ARGS_ARE_XY_VALUES
            if flags & _ARG_1_AND_2_ARE_WORDS:
                arg1, arg2 = unpack_from(">hh" if xy else ">HH", data, pos)
                pos += 4
            else:
                arg1, arg2 = unpack_from(">bb" if xy else ">BB", data, pos)
                pos += 2
            xx, s01, s10, yy = 1.0, 0.0, 0.0, 1.0
            scaled = True
            if flags & _WE_HAVE_A_SCALE:
                xx = yy = unpack_from(">h", data, pos)[0] / 16384
                pos += 2
            elif flags & _WE_HAVE_AN_X_AND_Y_SCALE:
                xx, yy = (v / 16384 for v in unpack_from(">hh", data, pos))
                pos += 4
            elif flags & _WE_HAVE_A_TWO_BY_TWO:
                xx, s01, s10, yy = (v / 16384 for v in unpack_from(">hhhh", data, pos))
                pos += 8
            else:
                scaled = False
            if pos > end:
                raise SfntError("composite glyph overruns its loca entry")
            visit_component(visits)
            part = self.glyph_points(gid, depth + 1, visits)
            if not part[0]:
                continue
            if not xy:
                # Positioned by matching a point of the glyph so far with one of
                # the component (rare); opentype.js throws when out of range.
                if arg1 >= len(xs) or arg2 >= len(part[0]):
                    raise ValueError("Matched points out of range")
                px, py = part[0][arg2], part[1][arg2]
                dx = xs[arg1] - (xx * px + s01 * py + 0)
                dy = ys[arg1] - (s10 * px + yy * py + 0)
            else:
                dx, dy = arg1, arg2
            # Integer offsets alone keep integer points.
            place = (xx, s01, s10, yy, dx, dy) if scaled or not xy else (dx, dy)
            on, ends = append_points(xs, ys, on, ends, part, place)
        return xs, ys, on, ends


_ON_CURVE = bytes(f & 1 for f in range(256))
# A flag byte with its repeat bit: the next byte counts its repetitions.
_REPEATED = re.compile(b"[" + b"".join(re.escape(bytes((b,))) for b in range(256) if b & 8) + b"]")


def _flags(data: bytes, pos: int, count: int) -> tuple[bytearray, int]:
    """A simple glyph's ``count`` point flags (run-length coded) and the position after them.
    The bytes between repeated flags are copied whole: a per-byte loop cost as much as the
    rest of the glyph."""
    flags = bytearray()
    while len(flags) < count:
        need = count - len(flags)
        repeat_at = _REPEATED.search(data, pos, pos + need)
        if repeat_at is None:
            flags += data[pos:pos + need]
            pos += need
            if len(flags) < count:
                raise SfntError("glyph flags overrun the font")
            break
        at = repeat_at.start()
        flags += data[pos:at]
        if at + 1 >= len(data):
            raise SfntError("glyph flags overrun the font")
        flags += data[at:at + 1] * (data[at + 1] + 1)
        pos = at + 2
    del flags[count:]
    return flags, pos


#: A point flag -> how its x (or y) delta is stored: 0 none (the same value), 1 a byte to add,
#: 2 a byte to subtract, 3 a signed 16-bit word (flag bits: 0x02 / 0x04 x / y short, 0x10 /
#: 0x20 x / y same-or-positive).
_X_DELTAS = bytes(((1 if f & 0x10 else 2) if f & 0x02 else (0 if f & 0x10 else 3)) for f in range(256))
_Y_DELTAS = bytes(((1 if f & 0x20 else 2) if f & 0x04 else (0 if f & 0x20 else 3)) for f in range(256))


def _coordinates(data: bytes, pos: int, flags: bytearray, deltas: bytes) -> tuple[list[float], int]:
    """One axis of a simple glyph's points (delta-coded; ``deltas``: :data:`_X_DELTAS` or
    :data:`_Y_DELTAS`): the values and the position after them. The flags are translated to
    their kind of delta first: one comparison per point (the hot loop of a cleared render's
    glyph reading). The values are floats (whole numbers, exact): scaling them is then a
    float product, not an int converted per point and per size."""
    values: list[float] = []
    value = 0.0
    for kind in flags.translate(deltas):
        if kind == 1:
            value += data[pos]
            pos += 1
        elif kind == 2:
            value -= data[pos]
            pos += 1
        elif kind == 3:
            word = data[pos] << 8 | data[pos + 1]
            value += word - 0x10000 if word & 0x8000 else word
            pos += 2
        values.append(value)
    return values, pos
