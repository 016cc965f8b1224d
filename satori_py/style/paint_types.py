"""The value types of the paint properties, parsed at style time.

Owns the immutable values the style stage makes of ``filter`` and
``backdropFilter`` and of ``clipPath`` (more paint layers join as they move
from paint/ to the style stage, issue 13): the painter reads them and never
parses CSS. Lengths are px; what needs the box's size is a :data:`BoxLength`,
whose ``px`` method resolves it against the size the painter gives it.
"""
from __future__ import annotations

import math
from typing import Any, Literal

from ..frozen import Frozen
from .types import Gradient, LayerWords, Percent, Repeat

__all__ = [
    "BoxLength",
    "CircleShape",
    "ClipMargin",
    "ClipReference",
    "ClipShape",
    "EllipseShape",
    "FilterFunction",
    "InsetShape",
    "MaskLayer",
    "ObjectPosition",
    "OfBox",
    "PathShape",
    "PolygonShape",
    "ShapeArc",
    "ShapeCommand",
    "ShapeControl",
    "ShapeCurve",
    "ShapeFunction",
    "ShapeLine",
    "ShapePoint",
    "SvgElementValues",
]


class FilterFunction(Frozen):
    """One filter function; ``value`` is px (blur), degrees (hue-rotate) or an amount.

    ``drop-shadow`` has ``offset``, ``value`` (its blur radius) and ``color``
    (CSS text); ``url`` has ``ref`` (the id of an SVG filter).
    """

    name: str
    value: float = 0.0
    offset: tuple[float, float] = (0.0, 0.0)
    color: str = "black"
    ref: str = ""


# -- lengths of a box -----------------------------------------------------------------------

class OfBox(Frozen):
    """A fraction of the basis, as a keyword gives it (``right`` is 1, ``center`` 0.5)."""

    fraction: float

    def px(self, basis: float) -> float:
        return self.fraction * basis


# px, a percentage of the basis (``lengthToNumber``: ``value / 100 * basis``, clamped like
# a length: Percent.px), or a keyword's fraction of it (OfBox.px).
BoxLength = float | Percent | OfBox


class ObjectPosition(Frozen):
    """``objectPosition`` as the reference reads it (:mod:`.object_position`): per axis px, or
    a Percent of the content box's width (``x``) or height (``y``)."""

    x: float | Percent
    y: float | Percent

    def px(self, width: float, height: float) -> tuple[float, float]:
        """The offsets in a content box of ``width`` x ``height`` (0 where a percentage of it
        is not finite)."""
        return _of(self.x, width), _of(self.y, height)


def _of(value: float | Percent, size: float) -> float:
    if not isinstance(value, Percent):
        return value
    px = value.resolve(size)
    return px if math.isfinite(px) else 0.0


# -- clipPath -------------------------------------------------------------------------------
# Lengths that did not parse are None: the shape's attribute is left out, as by the reference.

class CircleShape(Frozen):
    """``circle()``: the radius against the box's diagonal over sqrt(2), the centre
    against its width and height."""

    radius: BoxLength | None
    cx: BoxLength | None
    cy: BoxLength | None


class EllipseShape(Frozen):
    rx: BoxLength | None
    ry: BoxLength | None
    cx: BoxLength | None
    cy: BoxLength | None


class PathShape(Frozen):
    d: str
    fill_rule: str


class PolygonShape(Frozen):
    """``polygon()``: each point's words, the first against the width, the others
    against the height (the reference's split at commas, then single spaces)."""

    fill_rule: str
    points: tuple[tuple[BoxLength | None, ...], ...]


class InsetShape(Frozen):
    """``inset()``: offsets (top, right, bottom, left; px or percentages of the height
    and width) and the corner radii of ``round`` by border-radius key."""

    offsets: tuple[float | Percent, float | Percent, float | Percent, float | Percent]
    radii: tuple[tuple[str, float | Percent], ...]


class ShapePoint(Frozen):
    """A position in the box: x against the width, y against the height; an offset
    ``from_end`` is from the right or bottom edge."""

    x: BoxLength
    y: BoxLength
    x_from_end: bool = False
    y_from_end: bool = False


class ShapeControl(Frozen):
    """A control point, relative to the segment's start, its end or the box (``origin``)."""

    point: ShapePoint
    reference: Literal["start", "end", "origin"]


class ShapeLine(Frozen):
    """``move`` and ``line`` (to ``point``), ``hline``/``vline`` (to ``coord`` on their
    axis) or ``close``."""

    command: Literal["move", "line", "hline", "vline", "close"]
    by: bool = False
    point: ShapePoint | None = None
    coord: BoxLength = 0.0


class ShapeCurve(Frozen):
    command: Literal["curve", "smooth"]
    by: bool
    point: ShapePoint
    controls: tuple[ShapeControl, ...]


class ShapeArc(Frozen):
    """``arc``: radii against the width and height, or one radius against the box's
    diagonal over sqrt(2) (``diagonal``); rotation in degrees."""

    by: bool
    point: ShapePoint
    rx: BoxLength = 0.0
    ry: BoxLength = 0.0
    diagonal: bool = False
    rotation: float = 0.0
    large: int = 0
    sweep: int = 0


ShapeCommand = ShapeLine | ShapeCurve | ShapeArc


class ShapeFunction(Frozen):
    fill_rule: str
    start: ShapePoint
    commands: tuple[ShapeCommand, ...]


ClipShape = CircleShape | EllipseShape | PathShape | PolygonShape | InsetShape | ShapeFunction


class ClipReference(Frozen):
    """A ``clipPath`` that names no shape (``url(#a)``, a box alone): nothing is clipped by
    it, but like any clip path it makes a stacking context."""

    text: str


class ClipMargin(Frozen):
    """``overflowClipMargin``: how far ``overflow: clip`` reaches past its visual box."""

    margin: float = 0.0
    box: str = "padding-box"


# -- masks ----------------------------------------------------------------------------------

class MaskLayer(Frozen):
    """One ``mask`` layer: its image (a parsed gradient, or ``url()`` as written) and the
    other longhands' words for it."""

    image: str | Gradient
    position: str | LayerWords = "0% 0%"  # LayerWords once typed (masks_of)
    size: str | LayerWords = "auto"
    repeat: str | Repeat = "repeat"  # Repeat once typed (masks_of)
    origin: str = "border-box"
    clip: str = "border-box"
    composite: str = "add"
    mode: str = "match-source"


class SvgElementValues(Frozen):
    """An element of an inline ``<svg>`` with its CSS-ish values resolved at style time
    (:mod:`satori_py.style.svg_values`): ``var()`` with the custom properties in scope,
    ``currentColor`` and the colours SVG renderers may not read. ``props`` are its props
    but ``children`` and ``style``, in order, those whose ``var()`` is invalid left out;
    ``declarations`` its ``style`` object (custom properties left out, ``color`` the
    current colour). The root's ``sizing`` keeps its ``width``, ``height`` and
    ``viewBox`` as written, which size the document; ``children`` are elements and
    texts (``str``)."""

    tag: str
    path: str
    props: tuple[tuple[str, Any], ...]
    declarations: tuple[tuple[str, Any], ...]
    children: tuple[SvgElementValues | str, ...]
    sizing: tuple[Any, Any, Any] = (None, None, None)
