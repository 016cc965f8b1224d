"""Sizes of replaced elements (``<img>``, ``<svg>``) from their attributes.

Mirrors ``setReplacedElementSize`` and the ``svg`` branch of the reference's
``handler/compute.ts``. The style stage can't know an image's natural size
(the image stage loads it), so these are helpers the layout calls once it
does: they return the width, height and aspect ratio the layout node gets.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import StyleError
from ..frozen import Frozen
from ..js_numbers import parse_view_box
from ..length_range import finite_length
from .colors import BLACK
from .convert import INVALID, Context, size as as_size
from .types import Percent, Size
from .values import LengthContext, js_to_number, length_to_number

__all__ = ["ReplacedSize", "image_size", "natural_height_for", "svg_size"]


class ReplacedSize(Frozen):
    """The size a replaced element is laid out with; ``aspect_ratio`` is width / height."""

    width: Size
    height: Size
    aspect_ratio: float | None


def _declared(style: Mapping[str, Any], declared: frozenset[str], name: str) -> Any:
    """The element's own value of a size, or None when it didn't set one."""
    return style[name] if name in declared else None


def _attribute_length(value: Any) -> Any:
    """Attributes are px lengths: numeric strings become numbers."""
    if isinstance(value, str) and re.match(r"^(?:\d+(?:\.\d+)?|\.\d+)$", value.strip()):
        return finite_length(float(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return finite_length(float(value))
    if isinstance(value, str) and re.match(r"^\s*(?:\d+(?:\.\d+)?|\.\d+)%\s*$", value):
        return Percent(float(value.strip()[:-1]))  # the layout engine reads "50%" as a percentage
    return value


def _read_attribute(value: Any, prop: str, report: Callable[[StyleError], None] | None) -> Size:
    """The layout's reading (``asSize``) of a size an attribute gave: a value it cannot read
    (``width="75px"``: an attribute is a number) is reported and is ``auto``, as in the reference,
    where the image then keeps its natural ratio."""
    def soft(message: str) -> None:
        if report is not None:
            report(StyleError(message, prop=prop, value=value))

    read = as_size(value, Context(prop, 16.0, BLACK, LengthContext(), _raise, soft, {}))
    return "auto" if read is INVALID else read


def _raise(error: StyleError) -> None:
    raise error


def _extra(style: Mapping[str, Any], sides: tuple[str, str]) -> float:
    if style.get("boxSizing") != "border-box":
        return 0.0
    total = 0.0
    for side in sides:
        for key in (f"border{side}Width", f"padding{side}"):
            value = style.get(key)
            total += value if isinstance(value, float) else 0.0
    return total


def image_size(style: Mapping[str, Any], natural_width: float, natural_height: float,
               attr_width: Any = None, attr_height: Any = None, *, declared: frozenset[str],
               report: Callable[[StyleError], None] | None = None) -> ReplacedSize:
    """An ``<img>``'s size: CSS sizes override the attributes, and a missing one keeps the ratio.
    ``declared``: the properties the element declared (``ComputedStyle.declared``); ``report``
    is given the attribute values the layout cannot read (they are ``auto``).

    ``natural_width``/``natural_height`` are the image's (already changed by a
    non-``auto`` ``aspectRatio``: call :func:`natural_height_for` first).
    """
    ratio = natural_height / natural_width if natural_width else 0.0
    extra_h = _extra(style, ("Left", "Right"))
    extra_v = _extra(style, ("Top", "Bottom"))

    def size(value: Any, attribute: Any) -> Any:
        if value is None:
            return _attribute_length(attribute)
        return None if value == "auto" else value

    own_width, own_height = _declared(style, declared, "width"), _declared(style, declared, "height")
    width = size(own_width, attr_width)
    height = size(own_height, attr_height)
    aspect: float | None = None
    if width is None and height is None:
        width, aspect = Percent(100), (1 / ratio if ratio else None)
    elif height is None:
        if isinstance(width, float):
            height = (width - extra_h) * ratio + extra_v
        else:
            aspect = 1 / ratio if ratio else None
    elif width is None:
        if isinstance(height, float):
            width = (height - extra_v) / ratio + extra_h if ratio else 0.0
        else:
            aspect = 1 / ratio if ratio else None
    # An attribute the layout cannot read counts as a size above (it is one to the reference's
    # ratio rule) and is auto in the layout.
    if own_width is None and width is not None:
        width = _read_attribute(width, "width", report)
    if own_height is None and height is not None:
        height = _read_attribute(height, "height", report)
    return ReplacedSize("auto" if width is None else width, "auto" if height is None else height, aspect)


def natural_height_for(style: Mapping[str, Any], natural_width: float, natural_height: float) -> float:
    """A number ``aspectRatio`` (not ``auto <ratio>``) replaces the image's natural ratio."""
    ratio = style.get("aspectRatio")
    if isinstance(ratio, float) and not style.get("aspectRatioAuto"):
        return natural_width / ratio
    return natural_height


def _parse_int(value: Any) -> float:
    match = re.match(r"^\s*([+-]?\d+)", str(value))
    return float(match.group(1)) if match else float("nan")


def svg_size(style: Mapping[str, Any], props: Mapping[str, Any], parent_font_size: float,
             viewport: tuple[float, float], *, declared: frozenset[str]) -> ReplacedSize:
    """An inline ``<svg>``'s size from ``width``/``height``/``viewBox`` and its computed values
    (the style stage's ``svgSize``); ``em`` in the attributes is the parent's font size."""
    own_ratio = style.get("aspectRatio")
    replaces = isinstance(own_ratio, float) and not style.get("aspectRatioAuto")
    box = parse_view_box(props.get("viewBox") or props.get("viewbox"))
    ratio = (1 / own_ratio if replaces and isinstance(own_ratio, float) and own_ratio else
             box[3] / box[2] if box and len(box) > 3 and box[2] else None)
    lengths = LengthContext(viewport[0], viewport[1])

    def px(value: Any) -> Any:
        return length_to_number(value, parent_font_size, lengths)

    width, height = props.get("width"), props.get("height")
    if width is None and height:
        if ratio is None:
            width = 0.0
        elif isinstance(height, str) and height.endswith("%"):
            width = Percent(_parse_int(height) / ratio)
        else:
            height = px(height)
            width = height / ratio if height is not None else None
    elif height is None and width:
        if ratio is None:
            width = 0.0  # sic: the reference sets the width here
        elif isinstance(width, str) and width.endswith("%"):
            height = Percent(_parse_int(width) * ratio)
        else:
            width = px(width)
            height = width * ratio if width is not None else None
    else:
        if width is not None:
            width = px(width) if px(width) is not None else width
        if height is not None:
            height = px(height) if px(height) is not None else height

    def as_size(value: Any) -> Any:
        if isinstance(value, str) and value.endswith("%"):
            return Percent(js_to_number(value[:-1]))
        return value

    own_width, own_height = _declared(style, declared, "width"), _declared(style, declared, "height")
    auto_width, auto_height = own_width in (None, "auto"), own_height in (None, "auto")
    # The reference replaces falsy sizes (unset, or 0) with the attribute's.
    own_width = None if own_width == 0 else own_width
    own_height = None if own_height == 0 else own_height
    if width is None and height is None and auto_width and auto_height:
        width, height = (Percent(100), None) if ratio else (300.0, 150.0)
    out_width = as_size(width) if own_width is None and width is not None else style.get("width", "auto")
    out_height = as_size(height) if own_height is None and height is not None else style.get("height", "auto")
    natural = ratio
    attr_w, attr_h = props.get("width"), props.get("height")
    if natural is None and isinstance(attr_w, (int, float)) and isinstance(attr_h, (int, float)) and attr_w > 0:
        natural = attr_h / attr_w
    aspect = own_ratio if isinstance(own_ratio, float) else (1 / natural if natural else None)
    return ReplacedSize(out_width, out_height, aspect)
