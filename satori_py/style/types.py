"""The value types of computed styles.

Owns the small immutable values that :class:`~satori_py.style.ComputedStyle`
holds: colours, percentages, ``calc()`` expressions, ``fit-content()`` limits,
line heights, shadows and transform functions. Lengths are plain ``float`` px
and keywords plain ``str``. Mirrors the shapes of the reference's serialized
style (``handler/expand.ts``) once its strings are parsed.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Literal, Protocol

from ..colorspaces import SpaceColor
from ..frozen import Frozen
from ..length_range import finite_length, top_level
from .named_colors import NAMED_COLORS

__all__ = [
    "RGBA",
    "TRANSPARENT_STOP",
    "BackgroundLayer",
    "Calc",
    "CalcNode",
    "ColorStop",
    "ConicGradient",
    "FitContent",
    "Gradient",
    "Length",
    "LengthPercentage",
    "LengthToken",
    "LayerWords",
    "LineClamp",
    "LineHeight",
    "LinearGradient",
    "MATH_POSITION",
    "MathLength",
    "Method",
    "Offset",
    "Percent",
    "RadialGradient",
    "Raw",
    "Repeat",
    "Shadow",
    "Size",
    "StopColor",
    "TabLength",
    "TransformFunction",
    "TransformOrigin",
]

# Reverse table for the shortest CSS form of a colour; the first name wins, so
# aliases (aqua/cyan) serialise to one spelling.
_NAME_OF: dict[tuple[int, int, int], str] = {}
for _name, _rgb in NAMED_COLORS.items():
    _NAME_OF.setdefault(_rgb, _name)


def _num(value: float) -> str:
    """A number the way CSS (and JavaScript) would print it: no trailing zeros."""
    if value == int(value):
        return str(int(value))
    return repr(round(value, 6)).rstrip("0").rstrip(".")


@lru_cache(maxsize=1024)
def _css_color(r: float, g: float, b: float, a: float) -> str:
    """:meth:`RGBA.to_css`, memoised: a document paints a few colours many times (equal
    channels give equal text, so 255 and 255.0 may share an entry)."""
    channels = (r, g, b)
    integral = all(float(c).is_integer() for c in channels)
    if a == 0 and integral and channels == (0, 0, 0):
        return "transparent"
    if integral and a == 1:
        key = (int(r), int(g), int(b))
        hex_form = "#{:02x}{:02x}{:02x}".format(*key)
        if all(hex_form[i] == hex_form[i + 1] for i in (1, 3, 5)):
            hex_form = "#" + hex_form[1] + hex_form[3] + hex_form[5]
        name = _NAME_OF.get(key)
        return name if name is not None and len(name) < len(hex_form) else hex_form
    rgb = ",".join(_num(c) for c in channels)
    if a == 1:
        return f"rgb({rgb})"
    return f"rgba({rgb},{_num(a)})"


class RGBA(Frozen):
    """An sRGB colour: channels 0-255 (floats), alpha 0-1.

    :func:`~satori_py.style.parse_color` gives whole channels, as colours reach
    the SVG (the reference rounds the colours it converts).
    """

    r: float
    g: float
    b: float
    a: float = 1.0

    def to_css(self) -> str:
        """The shortest exact CSS form: a name, a hex colour, or ``rgba()``."""
        return _css_color(self.r, self.g, self.b, self.a)

    @property
    def opaque(self) -> bool:
        return self.a >= 1

    @property
    def transparent(self) -> bool:
        return self.a <= 0


class Percent(Frozen):
    """A percentage, ``value`` in CSS units (``50%`` is ``Percent(50)``)."""

    value: float

    def resolve(self, basis: float) -> float:
        return self.value * basis / 100.0

    def px(self, basis: float) -> float | None:
        """``lengthToNumber``'s reading against ``basis``: ``value / 100 * basis``, clamped
        like a length (None for NaN)."""
        return finite_length(self.value / 100 * basis)


# A calc() tree: ("num", x) plain number, ("px", x) a length, ("pct", x) a
# percentage, ("+"|"-"|"*"|"/", a, b), ("min"|"max", (a, ...)),
# ("clamp", lo, mid, hi). Lengths are already px, so the tree only needs the
# percentage basis to be evaluated.
CalcNode = tuple[Any, ...]


# A length word of a background or a gradient as the style stage reads it: px, a Percent of
# a basis the painter gives, or None when it is not a length.
LengthToken = float | Percent | None
# A background's (or mask's) position or size, or a conic centre, as the painter reads
# them: keywords as they are, the other words read as lengths.
LayerWords = tuple[str | LengthToken, ...]
# A background's (or mask's) repeat: one keyword per axis (x, y), lowercased.
Repeat = tuple[str, str]


def _evaluate(node: CalcNode, basis: float) -> float:
    kind = node[0]
    if kind in ("num", "px"):
        return float(node[1])
    if kind == "pct":
        return basis * float(node[1]) / 100.0
    if kind == "+":
        return _evaluate(node[1], basis) + _evaluate(node[2], basis)
    if kind == "-":
        return _evaluate(node[1], basis) - _evaluate(node[2], basis)
    if kind == "*":
        return _evaluate(node[1], basis) * _evaluate(node[2], basis)
    if kind == "/":
        divisor = _evaluate(node[2], basis)
        dividend = _evaluate(node[1], basis)
        if divisor == 0:  # JavaScript division: +-Infinity or NaN
            return math.nan if dividend == 0 else math.copysign(math.inf, dividend)
        return dividend / divisor
    if kind == "min":
        return min(_evaluate(n, basis) for n in node[1])
    if kind == "max":
        return max(_evaluate(n, basis) for n in node[1])
    if kind == "clamp":
        lo, mid, hi = (_evaluate(n, basis) for n in node[1:4])
        return max(lo, min(mid, hi))
    raise ValueError(f"bad calc node {kind!r}")


class Calc(Frozen):
    """A ``calc()``/``min()``/``max()``/``clamp()`` length that has percentages.

    Math functions without percentages are resolved to px at compute time, like
    the reference; only those whose value depends on the layout stay a Calc.
    """

    tree: CalcNode
    source: str = ""

    def resolve(self, basis: float) -> float:
        """The length in px, with percentages of ``basis``."""
        return top_level(_evaluate(self.tree, basis))


class FitContent(Frozen):
    """``fit-content(<limit>)`` of a size: px, or a percentage."""

    limit: float | Percent


class LineHeight(Frozen):
    """A computed line height.

    ``kind`` is ``"normal"`` (the font's metrics decide; ``value`` is 0) or
    ``"multiplier"``: ``value`` times the font size. The reference converts
    lengths and percentages to a multiplier of the element's font size at
    compute time, and children inherit that multiplier (not the px value).
    """

    kind: Literal["normal", "multiplier"]
    value: float = 0.0

    def resolve(self, font_size: float) -> float | None:
        """The line height in px, or None for ``normal``."""
        return None if self.kind == "normal" else self.value * font_size


class TabLength(Frozen):
    """A ``tabSize`` given as a length: the distance between tab stops in px (a number is a
    count of spaces)."""

    px: float


class LineClamp(Frozen):
    """``lineClamp``: at most ``count`` lines, the last one ending in ``ellipsis``."""

    count: int
    ellipsis: str = "\u2026"


class Shadow(Frozen):
    """One ``textShadow`` or ``boxShadow`` layer, lengths in px."""

    offset_x: float
    offset_y: float
    blur: float
    color: RGBA
    spread: float = 0.0
    inset: bool = False


class TransformFunction(Frozen):
    """A transform function with resolved arguments.

    ``name`` is spelled as in CSS (``translateX``). Lengths are px, angles
    degrees, numbers and scales floats; translations keep percentages of the
    element's size as Percent or Calc. ``perspective(none)`` is ``inf``.
    """

    name: str
    args: tuple[float | Percent | Calc, ...]


class TransformOrigin(Frozen):
    """A parsed ``transformOrigin``: each axis relative (percent) or absolute (px).

    An axis with neither is the default, 50%. ``z_absolute`` is the depth in px.
    """

    x_relative: float | None = None
    y_relative: float | None = None
    x_absolute: float | None = None
    y_absolute: float | None = None
    z_absolute: float | None = None


# -- gradients (parsed at style time: style/gradients.py) ------------------------------------

# (space, hue method) of ``in <space> [<hue> hue]``.
Method = tuple[str, str]
# A stop position that is a math function is the placeholder length MATH_POSITION + its
# index (as the reference's), in px.
MATH_POSITION = 1_000_000_000


class Offset(Frozen):
    """A stop position as css-gradient-parser leaves it: the number's text (None when
    it did not match) and its unit (``px`` when none was written); ``px`` is what
    ``lengthToNumber`` makes of it in the element's font size and viewport, for the
    positions of stops (None for a percentage or what is not a length)."""

    text: str | None
    unit: str
    px: float | None = None

    @property
    def number(self) -> float:
        return float(self.text) if self.text is not None else math.nan

    @property
    def css(self) -> str:
        """``${value}${unit}``: what the reference hands to ``lengthToNumber``."""
        return f"{'undefined' if self.text is None else self.text}{self.unit}"


class StopColor(Frozen):
    """A stop's colour resolved at style time (against the element's ``color``): its SVG
    text, its colour in its own space to interpolate in (None: not a colour, written as
    it is) and its alpha in a mask (None: the text is kept)."""

    text: str
    space: SpaceColor | None
    mask_alpha: float | None


TRANSPARENT_STOP = StopColor("transparent", SpaceColor("srgb", (0.0, 0.0, 0.0), 0.0), 0.0)


class ColorStop(Frozen):
    """A colour stop: its colour as written and resolved, its position and its hint's."""

    color: str
    paint: StopColor
    offset: Offset | None = None
    hint: Offset | None = None


class MathLength(Protocol):
    """A parsed math function of a stop position (``calc(10% + 5px)``): px, with
    percentages of the gradient's length."""

    def evaluate(self, basis: float = 0.0) -> float: ...


class LinearGradient(Frozen):
    """``[repeating-]linear-gradient()``: the end points of ``to <side>`` in the unit
    box (``to bottom`` when no direction is given), else an angle in degrees (NaN
    when it does not parse); stop positions ``1000000000px``... stand for
    ``math[0]``..., as the reference's placeholders."""

    repeating: bool
    method: Method | None
    points: tuple[float, float, float, float] | None
    degrees: float
    stops: tuple[ColorStop, ...]
    math: tuple[MathLength | None, ...] = ()


class RadialGradient(Frozen):
    """``[repeating-]radial-gradient()``: its shape, size words (extent keywords, or
    lengths read as :data:`LengthToken`), the two words of its centre (and each read as a
    position, for those that are not keywords); stops as :class:`LinearGradient`'s."""

    repeating: bool
    method: Method | None
    shape: str
    sizes: tuple[str | LengthToken, ...]
    position: tuple[str, str]
    position_offsets: tuple[Offset | None, Offset | None]
    stops: tuple[ColorStop, ...]
    math: tuple[MathLength | None, ...] = ()


class ConicGradient(Frozen):
    """``[repeating-]conic-gradient()``: the start angle in degrees and the centre's
    words (its keywords as written, the other words read as :data:`LengthToken`)."""

    repeating: bool
    method: Method | None
    start: float
    position: LayerWords
    stops: tuple[ColorStop, ...]


Gradient = LinearGradient | RadialGradient | ConicGradient


class BackgroundLayer(Frozen):
    """One background (or mask) layer as css-background-parser splits it.

    Every field but ``image`` is the CSS text as written for that layer ("" when
    its list was not given, like the reference); ``image`` is a parsed gradient
    or the text (``url()``, a colour, ``none``). Once the style stage has typed
    the layer, ``position`` and ``size`` are :data:`LayerWords` (lowercased).
    """

    image: str | Gradient
    position: str | LayerWords = ""
    size: str | LayerWords = ""
    repeat: str | Repeat = ""
    origin: str = ""
    clip: str = ""
    attachment: str = ""
    blend_mode: str | None = None


Length = float
LengthPercentage = float | Percent | Calc
# A size: px, Percent, Calc, FitContent, or a keyword ("auto", "none",
# "min-content", "max-content", "fit-content", "stretch", "content").
Size = float | Percent | Calc | FitContent | str


# A value kept as written by the style stage and parsed by a later one (see style/schema.py).
Raw = Any
