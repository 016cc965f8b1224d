"""HarfBuzz text shaping: the only module that imports uharfbuzz (it also hands
:mod:`.cff_draw` HarfBuzz's glyph drawing: :meth:`HbFont.draw_glyph`, :func:`draw_funcs`).

Mirrors the reference's ``harfbuzz.ts`` (``shapeText``, ``getHarfBuzzFont``;
its ``parseFontFeatureSettings`` is :func:`~satori_py.style.font_features.parse_font_feature_settings`):

* one HarfBuzz font per parsed face, at a scale of units-per-em, so every
  advance and offset is in integer font units and callers scale by
  ``font_size / upem`` (the reference does exactly this, and it keeps the
  shaped-run cache independent of the font size);
* HarfBuzz's default features (kern, liga, clig, calt, ... as HarfBuzz itself
  enables them; for Hangul without calt, as the reference's HarfBuzz 12 does) plus
  whatever ``font-feature-settings`` turns on or off;
* script and direction guessed from the text, direction overridden when given.
* runs longer than :data:`MAX_RUN` characters shaped in pieces (HarfBuzz gives up on
  runs of some 600,000).

One deliberate difference of mechanism, none of result: the reference's
HarfBuzz runs in WebAssembly, where ``hb_language_get_default()`` reads the C
library's locale and always gets ``"C"``, so its buffers are shaped with the
language ``c``. Natively that default would be the process locale, so the
language is set explicitly (:data:`DEFAULT_LANGUAGE`) and results never depend
on the environment.

Clusters are indexes into the Python ``str`` that was shaped (code points),
where the reference's are UTF-16 indexes into a JavaScript string; both are
only compared for equality and used to look the character up again, so they
behave the same.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from functools import partial
from itertools import repeat
from operator import add, attrgetter
from typing import Any, NamedTuple, Protocol, TypeAlias

import uharfbuzz as hb

from ..style.font_features import MAX_FEATURE_VALUE, FeatureValue

#: The callbacks HarfBuzz draws a glyph's outline through (:func:`draw_funcs`; uharfbuzz is
#: untyped).
DrawFuncs: TypeAlias = Any

#: What WebAssembly HarfBuzz gets from ``hb_language_get_default()``.
DEFAULT_LANGUAGE = "c"


class ShapedGlyph(NamedTuple):
    """One shaped glyph, in font units (y up, as HarfBuzz reports it).

    A NamedTuple rather than a dataclass: thousands are made per render and
    tuple construction is several times cheaper.
    """

    gid: int
    cluster: int
    # In the order of HarfBuzz's GlyphPosition.position, which _shaped takes whole.
    x_offset: int
    y_offset: int
    x_advance: int
    y_advance: int


class HbFont:
    """A HarfBuzz face + font for one sfnt blob, at a scale of units-per-em."""

    __slots__ = ("face", "font", "upem", "glyph_count", "_nominal", "__weakref__")

    def __init__(self, sfnt: bytes, index: int = 0,
                 variations: Mapping[str, float] | None = None) -> None:
        self.face = hb.Face(hb.Blob(sfnt), index)
        self.font = hb.Font(self.face)
        self.upem: int = self.face.upem
        self.glyph_count: int = self.face.glyph_count
        # Set explicitly, like the reference's `hbFont.setScale(upem, upem)`,
        # rather than relying on HarfBuzz's default.
        self.font.scale = (self.upem, self.upem)
        if variations:
            self.font.set_variations(dict(variations))
        self._nominal: dict[int, int] = {}

    def nominal_glyph(self, codepoint: int) -> int:
        """The cmap glyph id of ``codepoint``, 0 when the font lacks it."""
        gid = self._nominal.get(codepoint)
        if gid is None:
            gid = self.font.get_nominal_glyph(codepoint) or 0
            # Bounded by the number of distinct code points ever asked for.
            if len(self._nominal) < 65536:
                self._nominal[codepoint] = gid
        return gid

    def draw_glyph(self, gid: int, funcs: DrawFuncs, state: object) -> bool:
        """Draw glyph ``gid``'s outline (in font units) through ``funcs``, each called with
        ``state`` last; False, drawing nothing, when HarfBuzz cannot interpret the glyph
        (its extents fail: a broken charstring), which drawing alone would not say."""
        if self.font.get_glyph_extents(gid) is None:
            return False
        self.font.draw_glyph(gid, funcs, state)
        return True


def draw_funcs(move_to: Callable[..., None], line_to: Callable[..., None], cubic_to: Callable[..., None],
               close_path: Callable[[Any], None]) -> DrawFuncs:
    """HarfBuzz draw callbacks (quadratic curves, unset, come as cubics)."""
    funcs = hb.DrawFuncs()
    funcs.set_move_to_func(move_to)
    funcs.set_line_to_func(line_to)
    funcs.set_cubic_to_func(cubic_to)
    funcs.set_close_path_func(close_path)
    return funcs


class _HasHb(Protocol):
    hb: HbFont


def _hb_features(features: Mapping[str, FeatureValue]) -> dict[str, FeatureValue]:
    # The reference serialises to "+tag" / "-tag" / "tag=N" and HarfBuzz
    # parses it; a value HarfBuzz cannot parse drops just that feature.
    out: dict[str, FeatureValue] = {}
    for tag, val in features.items():
        if len(tag) != 4 or not tag.isascii():
            continue
        if isinstance(val, bool):
            out[tag] = val
        elif 0 <= int(val) <= MAX_FEATURE_VALUE:
            out[tag] = int(val)
    return out


def shape(face: HbFont | _HasHb, text: str, *,
          features: Mapping[str, FeatureValue] | None = None,
          direction: str | None = None, script: str | None = None,
          language: str | None = None) -> tuple[ShapedGlyph, ...]:
    """Shape ``text`` with ``face`` and return its glyphs in font units.

    ``face`` is an :class:`HbFont` or anything with one in ``.hb`` (a
    :class:`~satori_py.text.faces.FontFace`). ``direction`` is ``"ltr"``,
    ``"rtl"``, ``"ttb"``, ``"btt"`` or ``None`` (guessed from the script, like
    the reference). ``script`` (ISO 15924, e.g. ``"Arab"``) is guessed when
    ``None``. ``language`` defaults to :data:`DEFAULT_LANGUAGE`. Glyphs come in
    visual order: for right-to-left text the clusters descend.
    """
    if not text:
        return ()
    font = face if isinstance(face, HbFont) else face.hb
    buf = _buffer(text, language or DEFAULT_LANGUAGE, script, direction)
    hb_features = _hb_features(features) if features else None
    if buf.script == "Hang" and not (hb_features and "calt" in hb_features):
        # The reference's HarfBuzz (12) shapes Hangul without 'calt' ("Uniscribe does not
        # apply 'calt' for Hangul, and certain fonts (Noto Sans CJK, ...) apply all of jamo
        # lookups in calt": its Hangul shaper's override_features); newer ones apply it, and
        # Noto Sans KR's calt widens a space between syllables (224 -> 280 units).
        hb_features = {"calt": False, **(hb_features or {})}
    if len(text) <= MAX_RUN:
        return _shaped(font, buf, hb_features, 0)
    # HarfBuzz gives up on runs of some 600,000 characters (uharfbuzz raises MemoryError):
    # a longer run is shaped in pieces, cut where no grapheme continues, with the
    # direction, script and language guessed for the whole run.
    pieces = []
    start = 0
    while start < len(text):
        end = _piece_end(text, start + MAX_RUN)
        piece = _buffer(text[start:end], buf.language, buf.script, buf.direction)
        pieces.append(_shaped(font, piece, hb_features, start))
        start = end
    if buf.direction in ("rtl", "btt"):
        pieces.reverse()  # glyphs come in visual order
    return tuple(glyph for piece in pieces for glyph in piece)


# The longest run shaped at once.
MAX_RUN = 100_000


def _buffer(text: str, language: str, script: str | None, direction: str | None) -> hb.Buffer:
    buf = hb.Buffer()
    buf.add_str(text)
    # Set before guessing, so the guess never reads the process locale.
    buf.language = language
    if script:
        buf.script = script
    if direction:
        buf.direction = direction
    buf.guess_segment_properties()
    return buf


def _shaped(font: HbFont, buf: hb.Buffer, features: dict[str, FeatureValue] | None,
            offset: int) -> tuple[ShapedGlyph, ...]:
    if features:
        hb.shape(font.font, buf, features)
    else:
        hb.shape(font.font, buf)
    infos = buf.glyph_infos
    clusters = map(_CLUSTER, infos)
    # Each glyph's id and cluster zipped and its four position numbers added in one tuple,
    # made a ShapedGlyph by tuple.__new__, all by C-level maps: a generator calling the
    # NamedTuple's Python-level __new__ with six attributes read per glyph cost twice
    # HarfBuzz's shaping of a word.
    return tuple(map(_new_glyph, map(add, zip(
        map(_CODEPOINT, infos), map(add, clusters, repeat(offset)) if offset else clusters),
        map(_POSITION, buf.glyph_positions))))


_CODEPOINT, _CLUSTER, _POSITION = attrgetter("codepoint"), attrgetter("cluster"), attrgetter("position")
_new_glyph = partial(tuple.__new__, ShapedGlyph)


def _piece_end(text: str, end: int) -> int:
    """``end``, moved on past marks, joiners and variation selectors (which continue the
    grapheme before them)."""
    while end < len(text) and (unicodedata.category(text[end]) in ("Mn", "Mc", "Me")
                               or text[end] in "\u200c\u200d" or text[end - 1] == "\u200d"
                               or "\ufe00" <= text[end] <= "\ufe0f"):
        end += 1
    return min(end, len(text))
