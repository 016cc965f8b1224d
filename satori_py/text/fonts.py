"""Fonts: reading font files, the registry of a render's fonts, and font matching.

Owns: turning TTF/OTF/WOFF/WOFF2 data into sfnt bytes (:func:`load_sfnt`, the
only font decoder, via fontTools), the parsed faces (:class:`FaceData`, shared by
content hash across renders), the registered fonts (:class:`FontFace`), and
:class:`FontRegistry`: registration under ``name_lang`` keys, weight/style
matching and the per-engine font lists. The engine itself (resolution per
character, shaping, measuring, glyph paths) is :mod:`satori_py.text.engine`.

Mirrors the reference's ``font.ts`` (``FontLoader``: ``addFonts``, ``get``,
``compareFont``, ``getEngine``'s font lists, ``getChRatio``,
``getAverageCharRatio``) and the locale list of ``language.ts``.
Metrics are read the way opentype.js exposes them to the reference:
``ascender``/``descender`` are the ``hhea`` values.
"""
from __future__ import annotations

import hashlib
import io
import math
import re
import struct
import threading
from collections.abc import Iterable
from typing import Any, Protocol

from ..cache import BoundedCache
from ..errors import FontError
from ..limits import active
from . import outlines
from .engine import FontEngine, GlyphPath, synthetic_bold_width
from .font_size import check_font_size
from .outlines import Outline, ScaledOutline
from . import sfnt as sfnt_tables
from .sfnt import Sfnt, SfntError
from .shaping import HbFont
from .variations import Location, instance_face, parse_font_variation_settings

__all__ = ["FaceData", "FontEngine", "FontFace", "FontRegistry", "GlyphPath", "LOCALES",
           "load_sfnt", "synthetic_bold_width"]

#: The values of a font's ``lang``, in the reference's order (language.ts).
LOCALES = ("ja-JP", "ko-KR", "zh-CN", "zh-TW", "zh-HK", "th-TH", "bn-IN", "ar-AR", "ta-IN",
           "ml-IN", "he-IL", "te-IN", "devanagari", "kannada", "emoji", "symbol", "math")
SUFFIX_WHEN_LANG_NOT_SET = "unknown"

_SFNT_CACHE_SIZE = 64
_FACE_CACHE_SIZE = 32  # a CJK face can hold tens of MB
# The font bytes each cache may keep alive, whatever the number of entries.
_CACHE_BYTES = 256 * 1024 * 1024


class FontLike(Protocol):
    """What a registered font needs: ``options.Font`` or anything shaped like it."""

    name: str
    weight: Any
    style: Any
    lang: str | None

    def load_bytes(self) -> bytes: ...


# -- reading font data -----------------------------------------------------------------

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


# -- matching --------------------------------------------------------------------------

_INT_PREFIX = re.compile(r"\s*([+-]?\d+)")


def _weight_number(weight: Any) -> float:
    # The reference: 'normal' -> 400, 'bold' -> 700, other strings parseInt.
    if weight == "normal":
        return 400
    if weight == "bold":
        return 700
    if isinstance(weight, str):
        m = _INT_PREFIX.match(weight)
        return int(m.group(1)) if m else math.nan
    return weight  # type: ignore[no-any-return]


def compare_font(weight: Any, style: Any, matched: tuple[Any, Any], nxt: tuple[Any, Any]) -> float:
    """The reference's ``compareFont``: > 0 when ``nxt`` (weight, style) is the
    better match for the requested ``weight``/``style`` than ``matched``
    (CSS font-weight fallback: exact, 400<->500, lighter below 400, heavier
    above 500; a declared weight beats none; then exact style)."""
    mw, ms = matched
    nw, ns = nxt
    if mw != nw:
        if not mw:
            return 1
        if not nw:
            return -1
        if mw == weight:
            return -1
        if nw == weight:
            return 1
        if (weight == 400 and mw == 500) or (weight == 500 and mw == 400):
            return -1
        if (weight == 400 and nw == 500) or (weight == 500 and nw == 400):
            return 1
        if weight < 400:
            if mw < weight and nw < weight:
                return nw - mw  # type: ignore[no-any-return]
            if mw < weight:
                return -1
            if nw < weight:
                return 1
            return mw - nw  # type: ignore[no-any-return]
        if weight < mw and weight < nw:
            return mw - nw  # type: ignore[no-any-return]
        if weight < mw:
            return -1
        if weight < nw:
            return 1
        return nw - mw  # type: ignore[no-any-return]
    if ms != ns:
        if ms == style:
            return -1
        if ns == style:
            return 1
    return -1


def lang_from_key(key: str) -> str | None:
    """The lang of a registry key (``"noto_ja-JP"`` -> ``"ja-JP"``), None for ``_unknown``."""
    lang = key.split("_")[-1]
    return None if lang == SUFFIX_WHEN_LANG_NOT_SET else lang


# CSS generic families name no font: any font given stands for them, as in the reference.
GENERIC_FAMILIES = frozenset({
    "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif",
    "ui-sans-serif", "ui-monospace", "ui-rounded", "emoji", "math", "fangsong"})


class FontRegistry:
    """The fonts of a render, registered like the reference's ``FontLoader``.

    Each font is filed under ``f"{name.lower()}_{lang or 'unknown'}"``, in
    registration order. Building a registry of already-seen font data costs a
    hash lookup per font: parsed faces are shared per process.
    """

    def __init__(self, fonts: Iterable[FontLike] = ()) -> None:
        self.fonts: dict[str, list[FontFace]] = {}
        self.default_font: FontFace | None = None
        self._signature: list[tuple[Any, ...]] = []
        self.token = ""
        self._lists: dict[tuple[Any, ...], tuple[tuple[FontFace, ...], ...]] = {}
        self._ch_ratios: dict[tuple[Any, ...], float] = {}
        self.add_fonts(fonts)

    def __len__(self) -> int:
        return len(self.fonts)

    def add_fonts(self, fonts: Iterable[FontLike]) -> None:
        """Register more fonts (e.g. ones loaded for missing characters).

        As in the reference, this invalidates the shaped runs and ch ratios,
        here by changing :attr:`token`, the key of the shared caches.
        """
        for font in fonts:
            name = font.name
            lang = getattr(font, "lang", None)
            if lang and lang not in LOCALES:
                raise FontError(f'Invalid value for props `lang`: "{lang}". The value must be '
                                f"one of the following: {', '.join(LOCALES)}.",
                                prop="lang", value=lang)
            loader = getattr(font, "load_bytes", None)
            data = loader() if loader is not None else font.data  # type: ignore[attr-defined]
            face = FontFace(name.lower(), getattr(font, "weight", None),
                            getattr(font, "style", None), lang or None,
                            face_data(data, name))
            if self.default_font is None:
                self.default_font = face
            key = f"{name.lower()}_{lang or SUFFIX_WHEN_LANG_NOT_SET}"
            self.fonts.setdefault(key, []).append(face)
            self._signature.append((key, face.weight, face.style, face.data.digest))
        self.token = hashlib.blake2b(repr(self._signature).encode(), digest_size=12).hexdigest()
        self._lists.clear()
        self._ch_ratios.clear()

    def missing_families(self, families: Iterable[str]) -> FontError | None:
        """The report of a ``fontFamily`` (lowercased) none of whose families is a given font.

        The reference then draws the text with the other fonts, without a word.
        """
        families = tuple(families)
        names = {face.name for faces in self.fonts.values() for face in faces}
        if not families or any(f in names or f in GENERIC_FAMILIES for f in families):
            return None
        wanted = " or ".join(f'"{f}"' for f in families)
        given = ", ".join(f'"{n}"' for n in dict.fromkeys(
            face.name for faces in self.fonts.values() for face in faces))
        return FontError(f"No font is named {wanted} (the fonts given: {given}); the text falls back "
                         "to the other fonts.", prop="fontFamily", value=list(families))

    def get(self, name: str, weight: Any = 400, style: Any = "normal") -> FontFace | None:
        """The best font filed under ``name`` (a full key such as ``"geist_unknown"``)."""
        faces = self.fonts.get(name)
        if not faces:
            return None
        w = _weight_number(weight)
        matched = faces[0]
        for face in faces[1:]:
            if compare_font(w, style, (matched.weight, matched.style),
                            (face.weight, face.style)) > 0:
                matched = face
        return matched

    def font_lists(self, families: tuple[str, ...], weight: Any, style: Any,
                   locale: str | None, variations: Location = ()) -> tuple[tuple[FontFace, ...], ...]:
        """(family fonts, additional, lang-matching, other-lang) as ``getEngine`` builds them.

        ``families`` are lowercased. A family matches a key ``family`` or
        ``family_unknown``, so fonts registered with a lang are only reached by
        fallback. Every key not literally in ``families`` (so also the family's
        own ``x_unknown`` key) is a fallback; with a ``locale``, lang fonts go
        to the lang-matching or other-lang list. Variable fonts are instanced at
        ``weight`` and ``variations`` (:func:`.variations.instance_face`).
        """
        cache_key = (families, weight, style, locale, variations)
        hit = self._lists.get(cache_key)
        if hit is not None:
            return hit
        primary: list[FontFace] = []
        for family in families:
            face = self.get(family, weight, style) or self.get(family + "_unknown", weight, style)
            if face is not None:
                primary.append(face)
        additional: list[FontFace] = []
        specified: list[FontFace] = []
        others: list[FontFace] = []
        for key in self.fonts:
            if key in families:
                continue
            face = self.get(key, weight, style)
            assert face is not None
            lang = lang_from_key(key) if locale else None
            if lang is None:
                additional.append(face)
            elif lang == locale:
                specified.append(face)
            else:
                others.append(face)
        result = tuple(tuple(instance_face(f, weight, variations) for f in faces)
                       for faces in (primary, additional, specified, others))
        self._lists[cache_key] = result
        return result

    def engine(self, font_size: float = 16, line_height: float | str = "normal", *,
               font_family: str | Iterable[str] = "sans-serif", font_weight: Any = 400,
               font_style: Any = "normal", font_synthesis: str | None = None,
               font_synthesis_weight: str | None = None,
               font_synthesis_style: str | None = None,
               locale: str | None = None, font_variation_settings: Any = None) -> FontEngine:
        """A :class:`FontEngine` for one font configuration (``getEngine``).

        ``line_height`` is ``"normal"`` or a multiple of the font size. The
        synthesis arguments are the CSS values, ``None`` when not set (both
        bold and italic may be synthesized by default). ``font_variation_settings``
        is the CSS value (or ``{tag: value}``); it and ``font_weight`` select the
        instance of variable fonts.
        """
        if not self.fonts:
            raise FontError("No fonts are loaded. At least one font is required to "
                            "calculate the layout.")
        names = [font_family] if isinstance(font_family, str) else list(font_family)
        families = tuple(n.lower() for n in names)
        variations = parse_font_variation_settings(font_variation_settings)
        lists = self.font_lists(families, font_weight, font_style, locale, variations)
        return FontEngine(self.token, font_size, line_height, families, font_weight,
                          font_style, locale, lists,
                          (font_synthesis, font_synthesis_weight, font_synthesis_style),
                          variations)

    def ch_ratio(self, font_family: str | Iterable[str] = "sans-serif", font_weight: Any = 400,
                 font_style: Any = "normal") -> float | None:
        """The width of ``0`` per px of font size (the ``ch`` unit); None without fonts."""
        if not self.fonts:
            return None
        fam = (font_family,) if isinstance(font_family, str) else tuple(font_family)
        key = (fam, font_weight, font_style)
        ratio = self._ch_ratios.get(key)
        if ratio is None:
            engine = self.engine(1, "normal", font_family=fam, font_weight=font_weight,
                                 font_style=font_style)
            ratio = self._ch_ratios[key] = engine.measure("0")
        return ratio

    def average_char_ratio(self, font_family: str | Iterable[str] | None = None,
                           font_weight: Any = None, font_style: Any = None) -> float | None:
        """``xAvgCharWidth`` per em of the family's first font (text input widths),
        else :meth:`ch_ratio`; None without fonts."""
        if not self.fonts:
            return None
        weight = 400 if font_weight is None else font_weight
        style = "normal" if font_style is None else font_style
        fams = [] if font_family is None else (
            [font_family] if isinstance(font_family, str) else list(font_family))
        face = None
        for family in fams:
            name = family.lower()
            face = self.get(name, weight, style) or self.get(name + "_unknown", weight, style)
            if face:
                break
        if face is None:
            face = self.get(next(iter(self.fonts)), weight, style)
        avg = face.data.avg_char_width if face else None
        if avg is not None and avg > 0 and face is not None:
            return avg / face.upem
        return self.ch_ratio(fams if font_family is not None else "sans-serif", weight, style)
