"""The value types of the paint properties, parsed at style time.

Owns the immutable values the style stage makes of ``filter`` and
``backdropFilter`` and of ``clipPath`` (more paint layers join as they move
from paint/ to the style stage, issue 13): the painter reads them and never
parses CSS. Lengths are px; what needs the box's size is a :data:`BoxLength`,
whose ``px`` method resolves it against the size the painter gives it.
"""
from __future__ import annotations

from typing import Any, Literal

from ..frozen import Frozen, set_field
from .types import Gradient, LayerWords, Percent

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

    __slots__ = ("name", "value", "offset", "color", "ref")

    name: str
    value: float
    offset: tuple[float, float]
    color: str
    ref: str

    def __init__(
        self,
        name: str,
        value: float = 0.0,
        offset: tuple[float, float] = (0.0, 0.0),
        color: str = "black",
        ref: str = "",
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "value", value)
        set_field(self, "offset", offset)
        set_field(self, "color", color)
        set_field(self, "ref", ref)


# -- lengths of a box -----------------------------------------------------------------------

class OfBox(Frozen):
    """A fraction of the basis, as a keyword gives it (``right`` is 1, ``center`` 0.5)."""

    __slots__ = ("fraction",)

    fraction: float

    def __init__(self, fraction: float) -> None:
        set_field(self, "fraction", fraction)

    def px(self, basis: float) -> float:
        return self.fraction * basis


# px, a percentage of the basis (``lengthToNumber``: ``value / 100 * basis``, clamped like
# a length: Percent.px), or a keyword's fraction of it (OfBox.px).
BoxLength = float | Percent | OfBox


# -- clipPath -------------------------------------------------------------------------------
# Lengths that did not parse are None: the shape's attribute is left out, as by the reference.

class CircleShape(Frozen):
    """``circle()``: the radius against the box's diagonal over sqrt(2), the centre
    against its width and height."""

    __slots__ = ("radius", "cx", "cy")

    radius: BoxLength | None
    cx: BoxLength | None
    cy: BoxLength | None

    def __init__(self, radius: BoxLength | None, cx: BoxLength | None, cy: BoxLength | None) -> None:
        set_field(self, "radius", radius)
        set_field(self, "cx", cx)
        set_field(self, "cy", cy)


class EllipseShape(Frozen):
    __slots__ = ("rx", "ry", "cx", "cy")

    rx: BoxLength | None
    ry: BoxLength | None
    cx: BoxLength | None
    cy: BoxLength | None

    def __init__(
        self,
        rx: BoxLength | None,
        ry: BoxLength | None,
        cx: BoxLength | None,
        cy: BoxLength | None,
    ) -> None:
        set_field(self, "rx", rx)
        set_field(self, "ry", ry)
        set_field(self, "cx", cx)
        set_field(self, "cy", cy)


class PathShape(Frozen):
    __slots__ = ("d", "fill_rule")

    d: str
    fill_rule: str

    def __init__(self, d: str, fill_rule: str) -> None:
        set_field(self, "d", d)
        set_field(self, "fill_rule", fill_rule)


class PolygonShape(Frozen):
    """``polygon()``: each point's words, the first against the width, the others
    against the height (the reference's split at commas, then single spaces)."""

    __slots__ = ("fill_rule", "points")

    fill_rule: str
    points: tuple[tuple[BoxLength | None, ...], ...]

    def __init__(self, fill_rule: str, points: tuple[tuple[BoxLength | None, ...], ...]) -> None:
        set_field(self, "fill_rule", fill_rule)
        set_field(self, "points", points)


class InsetShape(Frozen):
    """``inset()``: offsets (top, right, bottom, left; px or percentages of the height
    and width) and the corner radii of ``round`` by border-radius key."""

    __slots__ = ("offsets", "radii")

    offsets: tuple[float | Percent, float | Percent, float | Percent, float | Percent]
    radii: tuple[tuple[str, float | Percent], ...]

    def __init__(
        self,
        offsets: tuple[float | Percent, float | Percent, float | Percent, float | Percent],
        radii: tuple[tuple[str, float | Percent], ...],
    ) -> None:
        set_field(self, "offsets", offsets)
        set_field(self, "radii", radii)


class ShapePoint(Frozen):
    """A position in the box: x against the width, y against the height; an offset
    ``from_end`` is from the right or bottom edge."""

    __slots__ = ("x", "y", "x_from_end", "y_from_end")

    x: BoxLength
    y: BoxLength
    x_from_end: bool
    y_from_end: bool

    def __init__(
        self,
        x: BoxLength,
        y: BoxLength,
        x_from_end: bool = False,
        y_from_end: bool = False,
    ) -> None:
        set_field(self, "x", x)
        set_field(self, "y", y)
        set_field(self, "x_from_end", x_from_end)
        set_field(self, "y_from_end", y_from_end)


class ShapeControl(Frozen):
    """A control point, relative to the segment's start, its end or the box (``origin``)."""

    __slots__ = ("point", "reference")

    point: ShapePoint
    reference: Literal["start", "end", "origin"]

    def __init__(self, point: ShapePoint, reference: Literal["start", "end", "origin"]) -> None:
        set_field(self, "point", point)
        set_field(self, "reference", reference)


class ShapeLine(Frozen):
    """``move`` and ``line`` (to ``point``), ``hline``/``vline`` (to ``coord`` on their
    axis) or ``close``."""

    __slots__ = ("command", "by", "point", "coord")

    command: Literal["move", "line", "hline", "vline", "close"]
    by: bool
    point: ShapePoint | None
    coord: BoxLength

    def __init__(
        self,
        command: Literal["move", "line", "hline", "vline", "close"],
        by: bool = False,
        point: ShapePoint | None = None,
        coord: BoxLength = 0.0,
    ) -> None:
        set_field(self, "command", command)
        set_field(self, "by", by)
        set_field(self, "point", point)
        set_field(self, "coord", coord)


class ShapeCurve(Frozen):
    __slots__ = ("command", "by", "point", "controls")

    command: Literal["curve", "smooth"]
    by: bool
    point: ShapePoint
    controls: tuple[ShapeControl, ...]

    def __init__(
        self,
        command: Literal["curve", "smooth"],
        by: bool,
        point: ShapePoint,
        controls: tuple[ShapeControl, ...],
    ) -> None:
        set_field(self, "command", command)
        set_field(self, "by", by)
        set_field(self, "point", point)
        set_field(self, "controls", controls)


class ShapeArc(Frozen):
    """``arc``: radii against the width and height, or one radius against the box's
    diagonal over sqrt(2) (``diagonal``); rotation in degrees."""

    __slots__ = ("by", "point", "rx", "ry", "diagonal", "rotation", "large", "sweep")

    by: bool
    point: ShapePoint
    rx: BoxLength
    ry: BoxLength
    diagonal: bool
    rotation: float
    large: int
    sweep: int

    def __init__(
        self,
        by: bool,
        point: ShapePoint,
        rx: BoxLength = 0.0,
        ry: BoxLength = 0.0,
        diagonal: bool = False,
        rotation: float = 0.0,
        large: int = 0,
        sweep: int = 0,
    ) -> None:
        set_field(self, "by", by)
        set_field(self, "point", point)
        set_field(self, "rx", rx)
        set_field(self, "ry", ry)
        set_field(self, "diagonal", diagonal)
        set_field(self, "rotation", rotation)
        set_field(self, "large", large)
        set_field(self, "sweep", sweep)


ShapeCommand = ShapeLine | ShapeCurve | ShapeArc


class ShapeFunction(Frozen):
    __slots__ = ("fill_rule", "start", "commands")

    fill_rule: str
    start: ShapePoint
    commands: tuple[ShapeCommand, ...]

    def __init__(self, fill_rule: str, start: ShapePoint, commands: tuple[ShapeCommand, ...]) -> None:
        set_field(self, "fill_rule", fill_rule)
        set_field(self, "start", start)
        set_field(self, "commands", commands)


ClipShape = CircleShape | EllipseShape | PathShape | PolygonShape | InsetShape | ShapeFunction


class ClipReference(Frozen):
    """A ``clipPath`` that names no shape (``url(#a)``, a box alone): nothing is clipped by
    it, but like any clip path it makes a stacking context."""

    __slots__ = ("text",)

    text: str

    def __init__(self, text: str) -> None:
        set_field(self, "text", text)


class ClipMargin(Frozen):
    """``overflowClipMargin``: how far ``overflow: clip`` reaches past its visual box."""

    __slots__ = ("margin", "box")

    margin: float
    box: str

    def __init__(self, margin: float = 0.0, box: str = "padding-box") -> None:
        set_field(self, "margin", margin)
        set_field(self, "box", box)


# -- masks ----------------------------------------------------------------------------------

class MaskLayer(Frozen):
    """One ``mask`` layer: its image (a parsed gradient, or ``url()`` as written) and the
    other longhands' words for it."""

    __slots__ = ("image", "position", "size", "repeat", "origin", "clip", "composite", "mode")

    image: str | Gradient
    position: str | LayerWords  # LayerWords once typed (masks_of)
    size: str | LayerWords
    repeat: str
    origin: str
    clip: str
    composite: str
    mode: str

    def __init__(
        self,
        image: str | Gradient,
        position: str | LayerWords = "0% 0%",
        size: str | LayerWords = "auto",
        repeat: str = "repeat",
        origin: str = "border-box",
        clip: str = "border-box",
        composite: str = "add",
        mode: str = "match-source",
    ) -> None:
        set_field(self, "image", image)
        set_field(self, "position", position)
        set_field(self, "size", size)
        set_field(self, "repeat", repeat)
        set_field(self, "origin", origin)
        set_field(self, "clip", clip)
        set_field(self, "composite", composite)
        set_field(self, "mode", mode)


class SvgElementValues(Frozen):
    """An element of an inline ``<svg>`` with its CSS-ish values resolved at style time
    (:mod:`satori_py.style.svg_values`): ``var()`` with the custom properties in scope,
    ``currentColor`` and the colours SVG renderers may not read. ``props`` are its props
    but ``children`` and ``style``, in order, those whose ``var()`` is invalid left out;
    ``declarations`` its ``style`` object (custom properties left out, ``color`` the
    current colour). The root's ``sizing`` keeps its ``width``, ``height`` and
    ``viewBox`` as written, which size the document; ``children`` are elements and
    texts (``str``)."""

    __slots__ = ("tag", "path", "props", "declarations", "children", "sizing")

    tag: str
    path: str
    props: tuple[tuple[str, Any], ...]
    declarations: tuple[tuple[str, Any], ...]
    children: tuple[SvgElementValues | str, ...]
    sizing: tuple[Any, Any, Any]

    def __init__(self, tag: str, path: str, props: tuple[tuple[str, Any], ...],
                 declarations: tuple[tuple[str, Any], ...], children: tuple[SvgElementValues | str, ...],
                 sizing: tuple[Any, Any, Any] = (None, None, None)) -> None:
        set_field(self, "tag", tag)
        set_field(self, "path", path)
        set_field(self, "props", props)
        set_field(self, "declarations", declarations)
        set_field(self, "children", children)
        set_field(self, "sizing", sizing)
