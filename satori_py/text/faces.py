"""Font faces: font file data to the parsed face a render's text is set with.

Owns: turning TTF/OTF/WOFF/WOFF2 data into sfnt bytes (:func:`load_sfnt`, the
only font decoder, via fontTools), the parsed faces (:class:`FaceData`, shared by
content hash across renders and threads, :func:`face_data`) and a registered font
(:class:`FontFace`: the name, lang, weight and style it was registered with, and its
face). The registry, matching and font lists are :mod:`satori_py.text.fonts`; the
instances of variable faces :mod:`satori_py.text.variations`; both build on this
module, as the engine (:mod:`satori_py.text.engine`) does.

Metrics are read the way opentype.js exposes them to the reference:
``ascender``/``descender`` are the ``hhea`` values.
"""
from __future__ import annotations

import hashlib
import io
import struct
import threading
from typing import Any

from ..cache import BoundedCache
from ..errors import FontError
from ..limits import active
from . import outlines
from . import sfnt as sfnt_tables
from .font_size import check_font_size
from .outlines import Outline, ScaledOutline
from .sfnt import Sfnt, SfntError
from .shaping import HbFont

__all__ = ["FaceData", "FontFace", "face_data", "load_sfnt"]

_SFNT_CACHE_SIZE = 64
_FACE_CACHE_SIZE = 32  # a CJK face can hold tens of MB
# The font bytes each cache may keep alive, whatever the number of entries.
_CACHE_BYTES = 256 * 1024 * 1024

_SFNT_CACHE: BoundedCache[bytes] = BoundedCache(_SFNT_CACHE_SIZE, weigh=len, max_weight=_CACHE_BYTES)
# id(data) -> (data, digest): recognises the very same bytes object without
# hashing it again; holding `data` keeps its id from being reused.
_ID_CACHE: BoundedCache[tuple[bytes, bytes]] = BoundedCache(_SFNT_CACHE_SIZE, weigh=lambda hit: len(hit[0]),
                                                           max_weight=_CACHE_BYTES)


def _digest(data: bytes) -> bytes:
    hit = _ID_CACHE.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    digest = hashlib.blake2b(data, digest_size=20).digest()
    _ID_CACHE.put(id(data), (data, digest))
    return digest



def load_sfnt(data: bytes, name: str = "") -> bytes:
    """TrueType/OpenType bytes for HarfBuzz from TTF, OTF, WOFF or WOFF2 data.

    TTF/OTF data is returned as is; WOFF and WOFF2 are decompressed by fontTools
    (WOFF2 needs ``brotli``) and the result is cached by content hash.
    Raises :class:`FontError` (``Failed to parse font NAME: reason``).
    """
    data = bytes(data)
    sig = data[:4]
    if sig in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        check_font_size(data, name, active().limits.max_font_bytes)
        return data
    if sig not in (b"wOFF", b"wOF2"):
        reason = ("font collections (.ttc) are not supported" if sig == b"ttcf"
                  else "Unsupported OpenType signature " + sig.decode("latin-1"))
        raise FontError(f"Failed to parse font {name}: {reason}", value=name)
    key = _digest(data)
    hit = _SFNT_CACHE.get(key)
    if hit is not None:
        check_font_size(hit, name, active().limits.max_font_bytes)
        return hit
    check_font_size(data, name, active().limits.max_font_bytes)
    from fontTools.ttLib import TTFont
    try:
        font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
        font.flavor = None
        out = io.BytesIO()
        font.save(out, reorderTables=False)
    except Exception as exc:  # fontTools raises many kinds; none may reach the user.
        if sig == b"wOF2":
            raise FontError(f'Failed to decode the WOFF2 font "{name}".', value=name) from exc
        raise FontError(f"Failed to parse font {name}: {exc}", value=name) from exc
    sfnt = out.getvalue()
    _SFNT_CACHE.put(key, sfnt)
    return sfnt


def _check_cmap(raw: bytes) -> None:
    # opentype.js takes the last (3,0|1|10) or (0,0..4) subtable and only
    # reads formats 4 and 12; anything else makes the reference fail to load.
    count = struct.unpack_from(">H", raw, 2)[0]
    for i in reversed(range(count)):
        plat, enc, off = struct.unpack_from(">HHI", raw, 4 + i * 8)
        if (plat == 3 and enc in (0, 1, 10)) or (plat == 0 and enc <= 4):
            fmt = struct.unpack_from(">H", raw, off)[0]
            if fmt not in (4, 12):
                raise ValueError("Only format 4 and 12 cmap tables are supported "
                                 f"(found format {fmt}).")
            return
    raise ValueError("No valid cmap sub-tables found.")


class FaceData(outlines.GlyphCache):
    """One parsed font file: HarfBuzz font, metrics, outline caches.

    Shared by every registration of the same bytes, and across renders and
    threads (see :func:`face_data`). Metrics and TrueType outlines are read
    from the bytes by :mod:`.sfnt`; fontTools (``_tt``, made on first use) reads
    CFF outlines, variable fonts and whatever :mod:`.sfnt` leaves to it. It
    loads tables and glyphs lazily and is not thread-safe, so every read of
    ``_tt`` holds ``_lock``.
    """

    __slots__ = ("digest", "sfnt", "hb", "upem", "ascender", "descender", "typo_ascender",
                 "typo_descender", "typo_line_gap", "weight_class", "fs_selection",
                 "mac_style", "avg_char_width", "_reader", "_tt_font", "_lock", "_outlines", "_scaled",
                 "__weakref__")
    upem: int
    mac_style: int
    ascender: int
    descender: int
    typo_ascender: int | None
    typo_descender: int | None
    typo_line_gap: int | None
    weight_class: int | None
    fs_selection: int | None
    avg_char_width: int | None

    def __init__(self, sfnt: bytes, digest: bytes) -> None:
        self.digest = digest
        self.sfnt = sfnt
        self._tt_font: Any = None
        self._lock = threading.Lock()
        try:
            reader: Sfnt | None = Sfnt(sfnt)
            metrics = reader.metrics()  # type: ignore[union-attr]
        except SfntError:
            reader, metrics = None, self._fonttools_metrics()
        (self.upem, self.mac_style, self.ascender, self.descender, self.typo_ascender,
         self.typo_descender, self.typo_line_gap, self.weight_class, self.fs_selection,
         self.avg_char_width) = metrics
        if not self.has_table("cmap", reader):
            raise ValueError("No valid cmap sub-tables found.")
        if reader is not None:
            offset, length = reader.tables["cmap"]
            _check_cmap(sfnt[offset:offset + length])
        else:
            _check_cmap(self._tt.getTableData("cmap"))
        # TrueType outlines are read by sfnt (CFF ones by fontTools).
        self._reader = reader if reader is not None and "glyf" in reader.tables else None
        self.hb = HbFont(sfnt)
        self._outlines: dict[int, Outline] = {}
        self._scaled: dict[tuple[int, float, float], ScaledOutline] = {}

    @property
    def _tt(self) -> Any:
        """The fontTools font of these bytes, made on first use (fontTools' import and
        table directory cost more than a plain card's text)."""
        if self._tt_font is None:
            from fontTools.ttLib import TTFont
            self._tt_font = TTFont(io.BytesIO(self.sfnt), lazy=True)
        return self._tt_font

    def _fonttools_metrics(self) -> sfnt_tables.Metrics:
        tt = self._tt
        head, hhea = tt["head"], tt["hhea"]
        os2 = tt["OS/2"] if "OS/2" in tt else None
        if os2 is None:
            return head.unitsPerEm, head.macStyle, hhea.ascent, hhea.descent, None, None, None, None, None, None
        return (head.unitsPerEm, head.macStyle, hhea.ascent, hhea.descent, os2.sTypoAscender,
                os2.sTypoDescender, os2.sTypoLineGap, os2.usWeightClass, os2.fsSelection,
                os2.xAvgCharWidth)

    def has_table(self, tag: str, reader: Sfnt | None = None) -> bool:
        """Whether the font has table ``tag``."""
        reader = reader or self._reader
        if reader is not None:
            return tag in reader.tables
        tt = self._tt
        with self._lock:
            return tag in tt

    def has_glyph(self, char: str) -> bool:
        """Whether the cmap maps the first code point of ``char`` (opentype.js
        ``charToGlyphIndex``: only the first code point counts)."""
        return bool(char) and self.hb.nominal_glyph(ord(char[0])) != 0

    def outline(self, gid: int) -> Outline:
        """Glyph ``gid``'s outline in font units (cached)."""
        hit = self._outlines.get(gid)
        if hit is not None:
            return hit
        if gid >= self.hb.glyph_count:
            return self._remember(gid, outlines.EMPTY_OUTLINE)
        if self._reader is not None:
            try:
                return self._remember(gid, outlines.points_outline(self._reader.glyph_points(gid)))
            except Exception:  # noqa: S110 - fontTools below reads it, or reports the error
                pass
        tt = self._tt
        try:
            with self._lock:
                if "glyf" in tt:
                    result = outlines.glyf_outline(tt["glyf"], tt.getGlyphName(gid))
                else:
                    result = outlines.pen_outline(tt.getGlyphSet(), tt.getGlyphName(gid))
        except Exception as exc:
            raise FontError(f"Failed to read glyph {gid} of a font: {exc}") from exc
        return self._remember(gid, result)


_FACE_CACHE: BoundedCache[FaceData] = BoundedCache(_FACE_CACHE_SIZE, weigh=lambda face: len(face.sfnt),
                                                  max_weight=_CACHE_BYTES)


def face_data(data: bytes, name: str = "") -> FaceData:
    """The parsed face of font file ``data``, cached per process by content hash."""
    key = _digest(data)
    hit = _FACE_CACHE.get(key)
    if hit is not None:
        check_font_size(hit.sfnt, name, active().limits.max_font_bytes)
        return hit
    sfnt = load_sfnt(data, name)
    try:
        face = FaceData(sfnt, key)
    except FontError:
        raise
    except Exception as exc:
        raise FontError(f"Failed to parse font {name}: {exc}", value=name) from exc
    _FACE_CACHE.put(key, face)
    return face


class FontFace:
    """A registered font: the name and lang it was registered with, its declared
    weight and style (``None`` when not given, which ranks it last in matching
    like the reference's ``undefined``), and its shared :class:`FaceData`."""

    __slots__ = ("name", "weight", "style", "lang", "data")

    def __init__(self, name: str, weight: int | None, style: str | None, lang: str | None,
                 data: FaceData) -> None:
        self.name, self.weight, self.style, self.lang, self.data = name, weight, style, lang, data

    @property
    def upem(self) -> int:
        return self.data.upem

    @property
    def hb(self) -> HbFont:
        return self.data.hb

    def has_glyph(self, char: str) -> bool:
        return self.data.has_glyph(char)

    def __getattr__(self, name: str) -> Any:
        # The metrics and caches of FaceData (ascender, weight_class, outline...).
        if name == "data":
            raise AttributeError(name)
        return getattr(self.data, name)

    def __repr__(self) -> str:
        return f"FontFace({self.name!r}, weight={self.weight!r}, style={self.style!r}, lang={self.lang!r})"
