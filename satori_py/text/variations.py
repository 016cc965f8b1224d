"""Variable fonts: the instance of a variable font that a style asks for.

The reference draws every variable font at its default instance (opentype.js
reads the default outlines and ``hmtx``; HarfBuzz is never given variations),
so ``fontWeight: 800`` on Montserrat VF is its Thin default, made bold by
synthesis. Browsers instead set the ``wght`` axis from ``font-weight`` (CSS
Fonts 4, "font-weight" on a face whose weight range covers the axis) and let
``font-variation-settings`` set any axis last. This module does that:

* :func:`parse_font_variation_settings`: the CSS value (``"wght" 650, "wdth" 80``; read by the
  style stage, which reports an invalid one);
* :func:`instance_face`: a registered :class:`~.faces.FontFace` at the location
  ``wght = fontWeight`` (clamped to the axis) overridden by the settings;
  itself when the font has no axes or the location is its default, so static
  fonts and default instances are untouched (and match the reference);
* :class:`VariedFaceData`: the face data of one instance, a drop-in for
  :class:`~.faces.FaceData`: HarfBuzz shapes with the variations (advances
  from ``HVAR``/``gvar``), outlines come from ``gvar`` (TrueType, drawn in
  opentype.js's command order like the default ones) or ``CFF2``, and its
  ``weight_class`` is the instance's weight, so a wght-700 instance is not
  emboldened again.

Line metrics (``hhea`` ascender/descender) stay the default instance's.
"""
from __future__ import annotations

import math
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import FaceError
from ..style.font_features import Location, parse_font_variation_settings
from . import outlines
from .faces import FaceData, FontFace, fonttools_reason, on_retire
from .outlines import Outline, ScaledOutline
from .shaping import HbFont

__all__ = ["Location", "VariedFaceData", "axes_of", "instance_face", "instance_location",
           "parse_font_variation_settings"]

Axes = dict[str, tuple[float, float, float]]  # tag -> (min, default, max)

_AXES: weakref.WeakKeyDictionary[Any, Axes] = weakref.WeakKeyDictionary()
_INSTANCES: OrderedDict[tuple[int, Location], VariedFaceData] = OrderedDict()
_LOCK = threading.Lock()
_INSTANCE_CACHE_SIZE = 32


def _drop_retired() -> None:
    with _LOCK:
        for key in [k for k, made in _INSTANCES.items() if made.base.retired]:
            del _INSTANCES[key]


on_retire(_drop_retired)


def axes_of(data: FaceData) -> Axes:
    """The variation axes of a parsed face (empty for a static font), cached."""
    hit = _AXES.get(data)
    if hit is None:
        hit = {}
        if data.has_table("fvar"):  # static fonts never load fontTools here
            try:
                with data._lock:
                    axes = data._tt["fvar"].axes
            except Exception as exc:  # fontTools raises many kinds on a malformed table
                raise FaceError(f"Failed to read the variation axes (fvar) of {{font}}: {exc}") from exc
            for axis in axes:
                low, default, high = (float(axis.minValue), float(axis.defaultValue), float(axis.maxValue))
                if not low <= default <= high:
                    raise FaceError(f"Invalid variation axis {axis.axisTag!r} in {{font}}: its minimum {low:g}, "
                                    f"default {default:g} and maximum {high:g} are not in order.")
                hit[axis.axisTag] = (low, default, high)
        _AXES[data] = hit
    return hit


def _weight(value: Any) -> float | None:
    if value == "bold":
        return 700.0
    if value in ("normal", None):
        return 400.0
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number > 0 else None


def instance_location(data: FaceData, weight: Any, settings: Location = ()) -> Location | None:
    """Where on ``data``'s axes a style puts it; None for the default instance."""
    axes = axes_of(data)
    if not axes:
        return None
    location = {tag: default for tag, (_, default, _) in axes.items()}
    requested = _weight(weight)
    if "wght" in axes and requested is not None:
        location["wght"] = requested
    for tag, value in settings:
        if tag in axes:
            location[tag] = value
    for tag, (low, _, high) in axes.items():
        location[tag] = min(max(location[tag], low), high)
    if all(location[tag] == axes[tag][1] for tag in axes):
        return None
    return tuple(sorted(location.items()))


class _VariedGlyf(Mapping[str, Any]):
    """A ``glyf`` table seen at one location: each glyph with ``gvar`` applied."""

    def __init__(self, glyph_set: Any, glyf: Any) -> None:
        self._set = glyph_set
        self._glyf = glyf

    def __getitem__(self, name: str) -> Any:
        try:
            glyph, _ = self._set[name]._getGlyphAndOffset()
        except (AttributeError, KeyError):
            return self._glyf[name]  # no variations for this glyph
        return glyph

    def __iter__(self) -> Iterator[str]:
        return iter(self._glyf.keys())

    def __len__(self) -> int:
        return len(self._glyf.keys())


class VariedFaceData(outlines.GlyphCache):
    """One instance of a variable face: a stand-in for ``FaceData`` (same metrics and
    cmap; varied shaping, outlines and weight class)."""

    __slots__ = ("__weakref__", "_glyf", "_glyph_set", "_outlines", "_scaled", "base", "hb", "key",
                 "location", "weight_class")

    def __init__(self, base: FaceData, location: Location) -> None:
        self.base = base
        self.location = location
        self.key = (base.key, location)
        self.hb = HbFont(base.sfnt, variations=dict(location))
        values = dict(location)
        self.weight_class = round(values["wght"]) if "wght" in values else base.weight_class
        tt = base._tt
        try:
            with base._lock:
                self._glyph_set = tt.getGlyphSet(location=values)
                self._glyf = (_VariedGlyf(self._glyph_set, tt["glyf"])
                              if "glyf" in tt and "gvar" in tt else None)
        except Exception as exc:  # a malformed avar, gvar or CFF2 table
            raise FaceError(f"Failed to read the variations of {{font}} at {values}: {exc}") from exc
        self._outlines: dict[int, Outline] = {}
        self._scaled: dict[tuple[int, float, float], ScaledOutline] = {}

    def __getattr__(self, name: str) -> Any:
        # The metrics and cmap of the default instance (ascender, upem, sfnt...).
        return getattr(self.base, name)

    def has_glyph(self, char: str) -> bool:
        return self.base.has_glyph(char)

    def outline(self, gid: int) -> Outline:
        """Glyph ``gid``'s outline at this location, in font units (cached)."""
        hit = self._outlines.get(gid)
        if hit is not None:
            return hit
        base = self.base
        tt = base._tt
        try:
            if gid >= self.hb.glyph_count:
                result = outlines.EMPTY_OUTLINE
            elif "glyf" in tt and self._glyf is None:
                result = base.outline(gid)  # a TrueType font whose outlines don't vary
            else:
                with base._lock:  # fontTools reads the shared TTFont lazily
                    if self._glyf is not None:
                        result = outlines.glyf_outline(self._glyf, tt.getGlyphName(gid))
                    else:
                        result = outlines.pen_outline(self._glyph_set, tt.getGlyphName(gid))
        except Exception as exc:
            raise FaceError(f"Failed to read glyph {gid} of {{font}} at {dict(self.location)}: "
                            f"{fonttools_reason(exc, tt)}") from exc
        return self._remember(gid, result)

    def __repr__(self) -> str:
        return f"VariedFaceData({dict(self.location)!r})"


def varied_data(base: FaceData, location: Location) -> VariedFaceData:
    """The instance of ``base`` at ``location``, shared per process (bounded)."""
    key = (base.key, location)
    with _LOCK:
        hit = _INSTANCES.get(key)
        if hit is not None and hit.base is base:
            _INSTANCES.move_to_end(key)
            return hit
    made = VariedFaceData(base, location)
    with _LOCK:
        _INSTANCES[key] = made
        if len(_INSTANCES) > _INSTANCE_CACHE_SIZE:
            _INSTANCES.popitem(last=False)
    return made


def instance_face(face: FontFace, weight: Any, settings: Location = ()) -> FontFace:
    """``face`` at the instance ``weight`` and ``settings`` select (itself when static
    or at its default instance)."""
    try:
        location = instance_location(face.data, weight, settings)
        if location is None:
            return face
        data = varied_data(face.data, location)
    except FaceError as exc:
        raise exc.of_font(face.name) from exc.__cause__
    return FontFace(face.name, face.weight, face.style, face.lang, data)  # type: ignore[arg-type]
