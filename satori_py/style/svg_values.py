"""The CSS values of an inline ``<svg>``'s subtree, resolved at style time.

Mirrors what ``translateSVGNodeToSVGString`` of Satori 0.63.2's
``handler/preprocess.ts`` does to values before it writes them: ``var()`` in
attributes and ``style`` objects is resolved with the custom properties of the
element and its ancestors (an invalid one drops the attribute; only ``var(`` is
looked for, not a lone ``env()``), a value that is ``currentColor`` becomes the
current colour (the ``<svg>``'s computed ``color``, changed by ``style.color``
inside the SVG, where ``currentColor`` is the parent's), and colours resvg
can't read (``oklch()``...) are rewritten as ``rgb()``. The images stage
(:mod:`satori_py.images.inline_svg`) writes the document from the
:class:`~.paint_types.SvgElementValues` made here.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..element import Element, TextNode
from ..js_format import js_text
from ..js_numbers import js_truthy
from .colors import parse_color
from .computed import ComputedStyle
from .expand import convert_colors as _convert_color_functions
from .paint_types import SvgElementValues
from .variables import extract_custom_properties, merge_variables, resolve_variables

__all__ = ["HYPHENATED_SVG_ATTRIBUTES", "resolve_svg"]

# React's SVG attribute names (possibleStandardNames) that the reference
# hyphenates (strokeWidth is written stroke-width); every other name, e.g. viewBox
# or gradientUnits, is kept. Markup reads them too (HTML lowercases strokeWidth).
HYPHENATED_SVG_ATTRIBUTES = frozenset([
    "accentHeight", "alignmentBaseline", "arabicForm", "baselineShift", "capHeight", "clipPath", "clipRule",
    "colorInterpolation", "colorInterpolationFilters", "colorProfile", "colorRendering", "dominantBaseline",
    "enableBackground", "fillOpacity", "fillRule", "floodColor", "floodOpacity", "fontFamily", "fontSize",
    "fontSizeAdjust", "fontStretch", "fontStyle", "fontVariant", "fontWeight", "glyphName",
    "glyphOrientationHorizontal", "glyphOrientationVertical", "horizAdvX", "horizOriginX", "imageRendering",
    "letterSpacing", "lightingColor", "markerEnd", "markerMid", "markerStart", "overlinePosition",
    "overlineThickness", "paintOrder", "pointerEvents", "renderingIntent", "shapeRendering", "stopColor",
    "stopOpacity", "strikethroughPosition", "strikethroughThickness", "strokeDasharray", "strokeDashoffset",
    "strokeLinecap", "strokeLinejoin", "strokeMiterlimit", "strokeOpacity", "strokeWidth", "textAnchor",
    "textDecoration", "textRendering", "underlinePosition", "underlineThickness", "unicodeBidi", "unicodeRange",
    "unitsPerEm", "vAlphabetic", "vHanging", "vIdeographic", "vMathematical", "vectorEffect", "vertAdvY",
    "vertOriginX", "vertOriginY", "wordSpacing", "writingMode", "xHeight"])

_log = logging.getLogger("satori_py.svg")

class _Drop:
    """A value whose ``var()`` is invalid: left out."""


_DROP: Any = _Drop()


def resolve_svg(el: Element, style: ComputedStyle, *, convert_colors: bool = True) -> SvgElementValues:
    """The values of the inline ``<svg>`` ``el`` whose computed style is ``style``: its
    props (the root's ``style`` is not written, but its custom properties and ``color``
    apply) and its subtree's."""
    inherited = {k: js_text(v) for k, v in style.items() if k.startswith("--")}
    ctx = _Context(style.color_text, inherited, convert_colors)
    props = el.props
    own = _own_context(ctx, props.get("style"))
    view_box = props.get("viewBox") or props.get("viewbox")
    resolved = [(key, value) for key, value in _resolved_props(props, own) if key not in ("viewBox", "viewbox")]
    if js_truthy(view_box):  # `viewbox` is read as `viewBox` when that is missing
        value = own.resolve(view_box)
        if value is not _DROP:
            resolved.append(("viewBox", value))
    return SvgElementValues(el.type, el.path, tuple(resolved), (), _children(el.children, own),
                            (props.get("width"), props.get("height"), view_box))


@dataclass(frozen=True, slots=True)
class _Context:
    """What a node of the SVG inherits: the current colour (as text) and the custom properties."""

    color: str
    variables: Mapping[str, str]
    convert_colors: bool

    def resolve(self, value: Any) -> Any:
        """A value with ``var()`` and ``currentColor`` resolved (``_DROP``: left out)."""
        value = self.variables_in(value)
        return value if value is _DROP else self.colors_in(value)

    def variables_in(self, value: Any) -> Any:
        if not isinstance(value, str) or "var(" not in value:
            return value
        resolved = resolve_variables(value, self.variables, _log.warning)
        if resolved is None or (isinstance(resolved, str) and not resolved.strip()):
            return _DROP
        return resolved

    def colors_in(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if value.lower() == "currentcolor":
            return self.color
        # "(" first, a plain find: the search for colour functions took 7 s over a 66 MB data:
        # URI in an <image href>.
        if not self.convert_colors or "(" not in value:
            return value
        return _convert_color_functions(value, parse_color(self.color))


def _own_context(parent: _Context, style: Any) -> _Context:
    """The context of an element with ``style``: its custom properties and ``color`` apply."""
    if not isinstance(style, Mapping) or not style:
        return parent
    own_vars, _ = extract_custom_properties(style)
    variables = merge_variables(parent.variables, own_vars) if own_vars else parent.variables
    scoped = _Context(parent.color, variables, parent.convert_colors)
    color = scoped.variables_in(style.get("color"))
    if color is _DROP or not js_truthy(color):
        return scoped
    # Here currentColor is the parent's colour, and colours convert in its terms.
    return _Context(js_text(scoped.colors_in(color)), variables, parent.convert_colors)


def _resolved_props(props: Mapping[str, Any], ctx: _Context) -> tuple[tuple[str, Any], ...]:
    out = []
    for key, value in props.items():
        if key in ("children", "style"):
            continue
        resolved = ctx.resolve(value)
        if resolved is not _DROP:
            out.append((key, resolved))
    return tuple(out)


def _children(children: Sequence[Element | TextNode], ctx: _Context) -> tuple[SvgElementValues | str, ...]:
    out: list[SvgElementValues | str] = []
    for child in children:
        if isinstance(child, TextNode):
            if child.text:
                out.append(child.text)
            continue
        style = child.props.get("style")
        own = _own_context(ctx, style)
        declarations = _declarations(style, own) if isinstance(style, Mapping) and style else ()
        out.append(SvgElementValues(child.type, child.path, _resolved_props(child.props, own), declarations,
                                    _children(child.children, own)))
    return tuple(out)


def _declarations(style: Mapping[str, Any], ctx: _Context) -> tuple[tuple[str, Any], ...]:
    out = []
    for key, value in style.items():
        if key.startswith("--"):
            continue  # custom properties are resolved, not written
        resolved = ctx.color if key == "color" else ctx.resolve(value)
        if resolved is not _DROP:
            out.append((key, resolved))
    return tuple(out)
