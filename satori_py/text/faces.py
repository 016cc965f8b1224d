"""Font faces: font file data to the parsed face a render's text is set with.

Owns: turning TTF/OTF/WOFF/WOFF2 data into sfnt bytes (:func:`load_sfnt`, the only font
decoder: WOFF by :mod:`.woff`, what it leaves and WOFF2 by fontTools), the parsed faces
(:class:`FaceData`, shared by content across renders and threads, :func:`face_data`) and
a registered font (:class:`FontFace`: the name, lang, weight and style it was registered
with, and its face). The registry, matching and font lists are
:mod:`satori_py.text.fonts`; the instances of variable faces
:mod:`satori_py.text.variations`; both build on this module, as the engine
(:mod:`satori_py.text.engine`) does.

Metrics are read the way opentype.js exposes them to the reference:
``ascender``/``descender`` are the ``hhea`` values.
"""
from __future__ import annotations

import io
import itertools
import struct
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from ..cache import BoundedCache
from ..errors import FaceError, FontError, LimitError
from ..limits import active
from . import outlines
from . import sfnt as sfnt_tables
from .cff_draw import cff_outline
from .font_size import check_font_size, check_woff
from .outlines import Outline, ScaledOutline
from .sfnt import Sfnt, SfntError
from .shaping import HbFont
from .woff import woff_sfnt

__all__ = ["FaceData", "FontFace", "face_data", "load_sfnt", "on_retire"]

V = TypeVar("V")

_SFNT_CACHE_SIZE = 64
_FACE_CACHE_SIZE = 32  # a CJK face can hold tens of MB
# The font bytes each cache may keep alive, whatever the number of entries.
_CACHE_BYTES = 256 * 1024 * 1024

# Both caches are keyed by the content of the font data (see _cached): an entry is
# (data, value), weighed by the bytes it keeps alive.
_SFNT_CACHE: BoundedCache[tuple[bytes, bytes]] = BoundedCache(
    _SFNT_CACHE_SIZE, weigh=lambda hit: len(hit[0]) + len(hit[1]), max_weight=_CACHE_BYTES)
# A face's key in other caches (the registry's token, variable instances): unique per
# FaceData made in this process, never reused.
_FACE_KEYS = itertools.count()


def _cached(cache: BoundedCache[tuple[bytes, V]], data: bytes) -> V | None:
    """The value ``cache`` holds for bytes equal to ``data``, else None.

    Found by ``hash(data)`` (CPython keeps a bytes object's hash in the object, so a
    caller passing the same font bytes on every render hashes them once; SipHash,
    keyed per process) and confirmed by comparing the bytes: fonts are untrusted
    input, so an equal hash alone never identifies a font.
    """
    hit = cache.get(hash(data))
    if hit is not None and (hit[0] is data or hit[0] == data):
        return hit[1]
    return None


def load_sfnt(data: bytes, name: str = "") -> bytes:
    """TrueType/OpenType bytes for HarfBuzz from TTF, OTF, WOFF or WOFF2 data.

    TTF/OTF data is returned as is; WOFF is decompressed by :mod:`.woff` (fontTools decodes
    what it leaves, and WOFF2, which needs ``brotli``); the result is cached by content.
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
    hit = _cached(_SFNT_CACHE, data)
    if hit is not None:
        check_font_size(hit, name, active().limits.max_font_bytes)
        return hit
    if sig == b"wOFF":
        sfnt = woff_sfnt(data, check_woff(data, name, active().limits.max_font_bytes))
    else:
        check_font_size(data, name, active().limits.max_font_bytes)
        sfnt = None
    if sfnt is not None:
        _SFNT_CACHE.put(hash(data), (data, sfnt))
        return sfnt
    from fontTools.ttLib import TTFont
    try:
        if sig == b"wOF2":
            from .woff2 import open_woff2
            font = open_woff2(data)
        else:
            font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
        font.flavor = None
        out = io.BytesIO()
        font.save(out, reorderTables=False)
    except (LimitError, MemoryError):
        raise  # the deadline, checked while a WOFF2's glyphs are rebuilt; memory the render ran out of
    except Exception as exc:  # fontTools raises many kinds; none may reach the user.
        if sig == b"wOF2":
            raise FontError(f'Failed to decode the WOFF2 font "{name}".', value=name) from exc
        raise FontError(f"Failed to parse font {name}: {exc}", value=name) from exc
    sfnt = out.getvalue()
    _SFNT_CACHE.put(hash(data), (data, sfnt))
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
    ``_tt`` holds ``_lock``. HarfBuzz draws the outlines of a ``CFF `` table
    (:mod:`.cff_draw`); fontTools reads those it cannot, and reports why.
    """

    __slots__ = ("key", "retired", "sfnt", "hb", "upem", "ascender", "descender", "typo_ascender",
                 "typo_descender", "typo_line_gap", "weight_class", "fs_selection",
                 "mac_style", "avg_char_width", "_tables", "_reader", "_tt_font", "_lock", "_outlines",
                 "_scaled", "__weakref__")
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

    def __init__(self, sfnt: bytes, key: int) -> None:
        self.key = key  # this face's identity in other caches (unique in the process)
        #: Set when the face cache lets this face go: the caches of shaped runs, engines and
        #: instances drop what holds it (see on_retire); renders under way keep using it.
        self.retired = False
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
        if not self.upem:  # every size is divided by it
            raise ValueError("its unitsPerEm (head) is 0")
        if reader is not None:
            if "cmap" not in reader.tables:
                raise ValueError("No valid cmap sub-tables found.")
            offset, length = reader.tables["cmap"]
            _check_cmap(sfnt[offset:offset + length])
            damaged = reader.damaged_hmtx()
            if damaged is not None:
                raise ValueError(damaged)
        else:
            if "cmap" not in self._tt:
                raise ValueError("No valid cmap sub-tables found.")
            _check_cmap(self._tt.getTableData("cmap"))
        # TrueType outlines are read by sfnt, CFF ones drawn by HarfBuzz (CFF2 ones, and what
        # either cannot read, by fontTools).
        self._tables = reader.tables if reader is not None else None  # None: ask fontTools
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
        head, hhea = _fonttools_table(tt, "head"), _fonttools_table(tt, "hhea")
        os2 = _fonttools_table(tt, "OS/2") if "OS/2" in tt else None
        if os2 is None:
            return head.unitsPerEm, head.macStyle, hhea.ascent, hhea.descent, None, None, None, None, None, None
        return (head.unitsPerEm, head.macStyle, hhea.ascent, hhea.descent, os2.sTypoAscender,
                os2.sTypoDescender, os2.sTypoLineGap, os2.usWeightClass, os2.fsSelection,
                os2.xAvgCharWidth)

    def has_table(self, tag: str) -> bool:
        """Whether the font has table ``tag``."""
        if self._tables is not None:
            return tag in self._tables
        tt = self._tt
        with self._lock:
            return tag in tt

    def has_glyph(self, char: str) -> bool:
        """Whether the cmap maps the first code point of ``char`` (opentype.js
        ``charToGlyphIndex``: only the first code point counts) to a glyph of the font: one
        past its glyphs (maxp's numGlyphs) would draw nothing and advance nothing, so the
        text falls back to other fonts, or is reported missing (browsers' font sanitiser
        rejects such a cmap)."""
        return bool(char) and 0 < self.hb.nominal_glyph(ord(char[0])) < self.hb.glyph_count

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
        elif self._tables is not None and "CFF " in self._tables:
            drawn = cff_outline(self.hb, gid)
            if drawn is not None:
                return self._remember(gid, drawn)
        tt = self._tt
        try:
            with self._lock:
                if "glyf" in tt:
                    result = outlines.glyf_outline(tt["glyf"], tt.getGlyphName(gid))
                else:
                    result = outlines.pen_outline(tt.getGlyphSet(), tt.getGlyphName(gid))
        except Exception as exc:
            # fontTools keeps a table it failed to read half made, failing differently the next
            # time: the next read starts again from the bytes, and fails the same way.
            self._tt_font = None
            raise FaceError(f"Failed to read glyph {gid} of {{font}}: {fonttools_reason(exc, tt)}") from exc
        return self._remember(gid, result)


def _fonttools_table(tt: Any, tag: str) -> Any:
    """Table ``tag`` of fontTools font ``tt``; a ValueError saying which table is missing or
    damaged (fontTools' own errors say "'head'" or "unpack requires a buffer of 36 bytes")."""
    if tag not in tt:
        raise ValueError(f"it has no {tag} table")
    try:
        return tt[tag]
    except Exception as exc:
        raise ValueError(f"its {tag} table is damaged ({exc})") from exc


def fonttools_reason(exc: Exception, tt: Any) -> str:
    """What fontTools' error ``exc`` reading font ``tt`` means: its KeyError naming a table
    the font lacks says only the tag (``'loca'``)."""
    tag = exc.args[0] if isinstance(exc, KeyError) and len(exc.args) == 1 else None
    if isinstance(tag, str) and len(tag) == 4 and tag not in tt:
        return f"it has no {tag} table"
    if isinstance(exc, RecursionError):
        # fontTools follows a CFF charstring's subroutine calls by recursion: one that calls
        # itself (or two that call each other) said only "maximum recursion depth exceeded".
        table = "CFF2" if "CFF2" in tt else "CFF"
        return f"its {table} subroutines call themselves without end"
    if not any(outline in tt for outline in ("glyf", "CFF ", "CFF2")):
        # An emoji font of bitmaps or colour layers only (Noto Color Emoji has CBDT alone).
        colour = [t for t in _COLOUR_TABLES if t in tt]
        also = f"; its {', '.join(t.strip() for t in colour)} glyphs (bitmaps or colour layers) are not drawn" if colour else ""
        return f"it has no glyph outlines (no glyf, CFF or CFF2 table){also}"
    return str(exc)


_COLOUR_TABLES = ("CBDT", "sbix", "SVG ", "COLR", "EBDT")


# What the caches holding faces (shaped runs, engines, variable instances...) call to drop
# their entries of retired faces: without it, a stream of renders each with a new font kept
# every font alive past the face cache's bound (300 fonts of 2 MiB: 1.3 GB of RSS).
_PURGES: list[Callable[[], None]] = []


def on_retire(purge: Callable[[], None]) -> None:
    """Have ``purge`` called whenever the face cache lets a face go (its ``retired`` set):
    it drops the entries of its cache that hold a retired face."""
    _PURGES.append(purge)


def _retire(hit: tuple[bytes, FaceData]) -> None:
    hit[1].retired = True
    for purge in _PURGES:
        purge()


_FACE_CACHE: BoundedCache[tuple[bytes, FaceData]] = BoundedCache(
    _FACE_CACHE_SIZE, weigh=lambda hit: len(hit[1].sfnt) + (0 if hit[0] is hit[1].sfnt else len(hit[0])),
    max_weight=_CACHE_BYTES, on_drop=_retire)


def face_data(data: bytes, name: str = "") -> FaceData:
    """The parsed face of font file ``data``, cached per process by content."""
    if type(data) is not bytes:
        data = bytes(data)
    hit = _cached(_FACE_CACHE, data)
    if hit is not None:
        check_font_size(hit.sfnt, name, active().limits.max_font_bytes)
        return hit
    sfnt = load_sfnt(data, name)
    try:
        face = FaceData(sfnt, next(_FACE_KEYS))
    except (FontError, MemoryError):  # (out of memory: not the font's fault)
        raise
    except Exception as exc:
        raise FontError(f"Failed to parse font {name}: {exc}", value=name) from exc
    # Another thread may have parsed the same bytes meanwhile: share its face.
    hit = _cached(_FACE_CACHE, data)
    if hit is not None:
        return hit
    _FACE_CACHE.put(hash(data), (data, face))
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
