"""Inline ``<svg>`` elements as images: their document, its data URI and its size.

Mirrors ``SVGNodeToImage`` and ``translateSVGNodeToSVGString`` of Satori
0.63.2's ``handler/preprocess.ts`` and the ``svg`` branch of ``layout.ts``:
the element and its children are serialised into a standalone SVG document,
which is drawn as an ``<image>`` filling the content box, fitted by the
element's ``preserveAspectRatio`` (``xMidYMid meet`` when unset). The box's
size is the style stage's ``svgSize`` (``handler/compute.ts``); the
document's own ``width``/``height`` follow the serialiser's simpler rule, so
they can differ from the box (``height="5em"`` gives ``width="NaN"``), as in
the reference (except that a NaN size is left out: see ``svg_document``).

What the serialiser does, as the reference does:

* the root loses ``style``, ``className``, ``transform`` (it transforms the
  box) and ``viewbox`` (read as ``viewBox`` when that is missing); ``xmlns``
  is always the SVG namespace; a missing ``width``/``height`` follows from
  the other one and the viewBox ratio, then ``width``, ``height`` and
  ``viewBox`` come last;
* React's SVG attribute names are hyphenated (``strokeWidth`` ->
  ``stroke-width``, ``xlinkHref`` -> ``xlink:href``), others are kept;
  a child's ``style`` object becomes a ``style`` attribute (``k:v;...``,
  names hyphenated, numbers without units);
* ``var()`` in attributes and styles is resolved with the custom properties
  of the element and its ancestors (an invalid value drops the attribute);
  a value that is ``currentColor`` becomes the current colour (the element's
  computed ``color``, changed by ``style.color`` inside the SVG), and colours
  resvg can't read (``oklch()``...) are converted to ``rgb()``;
* path data gets ``m0 0`` after a ``z`` that is followed by another command
  (resvg can't parse that); ``<image href>`` is resolved like an ``<img src>``;
* ``<text>`` is refused, element and attribute names must be XML names, and
  every value and text is XML-escaped, so user text stays inert;
* the data URI is ``data:image/svg+xml;utf8,`` with only the characters that
  matter percent-encoded.

The document's cost to resvg (``<use>`` expansion, turbulence and morphology
filters) is checked by :mod:`.svg_work`.
"""
from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..element import Element, TextNode
from ..errors import InvalidElementError, node_context
from ..js_numbers import js_div, js_to_number, parse_view_box
from ..limits import active
from ..style.colors import parse_color
from ..style.expand import convert_colors as _convert_color_functions
from ..style.types import Percent, js_number
from ..style.variables import (
    extract_custom_properties,
    merge_variables,
    resolve_variables,
)
from ..svg import SvgNode, escape_text, raw, serialize
from .image import image_nodes
from .image_formats import SVG
from .image_source import ImageSource, load_image
from .svg_work import svg_work

__all__ = ["InlineSvgSource", "draw_replaced", "preserve_aspect_ratio", "svg_data_uri",
           "svg_document", "svg_source"]

_log = logging.getLogger("satori_py.svg")

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
DEFAULT_ASPECT_RATIO = "xMidYMid meet"

# React's SVG attribute names (possibleStandardNames) that the reference
# hyphenates; every other name, e.g. viewBox or gradientUnits, is kept.
_HYPHENATED = frozenset(["accentHeight", "alignmentBaseline", "arabicForm", "baselineShift", "capHeight", "clipPath", "clipRule", "colorInterpolation", "colorInterpolationFilters", "colorProfile", "colorRendering", "dominantBaseline", "enableBackground", "fillOpacity", "fillRule", "floodColor", "floodOpacity", "fontFamily", "fontSize", "fontSizeAdjust", "fontStretch", "fontStyle", "fontVariant", "fontWeight", "glyphName", "glyphOrientationHorizontal", "glyphOrientationVertical", "horizAdvX", "horizOriginX", "imageRendering", "letterSpacing", "lightingColor", "markerEnd", "markerMid", "markerStart", "overlinePosition", "overlineThickness", "paintOrder", "pointerEvents", "renderingIntent", "shapeRendering", "stopColor", "stopOpacity", "strikethroughPosition", "strikethroughThickness", "strokeDasharray", "strokeDashoffset", "strokeLinecap", "strokeLinejoin", "strokeMiterlimit", "strokeOpacity", "strokeWidth", "textAnchor", "textDecoration", "textRendering", "underlinePosition", "underlineThickness", "unicodeBidi", "unicodeRange", "unitsPerEm", "vAlphabetic", "vHanging", "vIdeographic", "vMathematical", "vectorEffect", "vertAdvY", "vertOriginX", "vertOriginY", "wordSpacing", "writingMode", "xHeight"])
# Names that get a namespace prefix, and the one whose digit is hyphenated too.
_SPECIAL_NAMES = {
    "panose1": "panose-1",
    "xlinkActuate": "xlink:actuate", "xlinkArcrole": "xlink:arcrole", "xlinkHref": "xlink:href",
    "xlinkRole": "xlink:role", "xlinkShow": "xlink:show", "xlinkTitle": "xlink:title",
    "xlinkType": "xlink:type", "xmlBase": "xml:base", "xmlLang": "xml:lang",
    "xmlSpace": "xml:space", "xmlnsXlink": "xmlns:xlink",
}
# Props of the root that are not attributes of the document.
_ROOT_ONLY = ("viewBox", "viewbox", "width", "height", "className", "style", "children", "transform")

# XML 1.0 names (the BMP part, as React's check): names can't be escaped, so
# anything else is refused rather than written into the markup.
_NAME_START = (":A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
               "\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD")
_XML_NAME = re.compile(f"[{_NAME_START}][{_NAME_START}\\-.0-9\u00B7\u0300-\u036F\u203F-\u2040]*")
_UPPER = re.compile(r"[A-Z]")
# resvg can't parse a subpath that starts after `z` without a move: `m0 0`
# moves to where the closed one started, which changes nothing.
_CLOSE_THEN_DRAW = re.compile(r"[zZ](?=\s*[a-ln-yA-LN-Y])")
# What a data URI can't hold as it is, or what the enclosing SVG would read as
# markup (`&`); encodeURIComponent leaves ( ) ' as they are.
_URI_UNSAFE = re.compile(r"[\r\n%#<>?\[\\\]^`{|}\"&]")

ImageLoader = Callable[[str], ImageSource]


@dataclass(frozen=True, slots=True)
class InlineSvgSource(ImageSource):
    """An inline SVG's document; ``aspect_ratio`` fits its viewBox in the box."""

    aspect_ratio: str = DEFAULT_ASPECT_RATIO


# --- the public entry points --------------------------------------------------------

def svg_source(el: Element, style: Mapping[str, Any], *, load_href: ImageLoader = load_image,
               convert_colors: bool = True) -> InlineSvgSource:
    """The image of the inline ``<svg>`` ``el`` whose computed style is ``style``.

    ``load_href`` resolves ``<image href>`` sources (as ``<img src>``: give it
    the render's fetcher). Its ``width``/``height`` are the box's size when
    both are lengths (``intrinsic`` is False otherwise: the builder sizes the
    box with the style's ``svgSize``).
    """
    markup = svg_document(el, style, load_href=load_href, convert_colors=convert_colors)
    size = style["svgSize"]  # the style stage's (style.replaced.svg_size)
    width, height = _px(size.width), _px(size.height)
    sized = width is not None and height is not None
    # Unsized, the box is not known yet: the replaced element's default 300x150.
    work = svg_work(markup, width or 300.0, height or 150.0, "The inline SVG")
    if work:
        active().count_effect(work, what="The inline SVG's filter primitives")
    return InlineSvgSource(svg_data_uri(markup), SVG, width or 0.0, height or 0.0,
                           intrinsic=sized, aspect_ratio=preserve_aspect_ratio(el.props))


def draw_replaced(source: ImageSource, **kwargs: Any) -> tuple[list[SvgNode], list[SvgNode]]:
    """``image_nodes``, with the ``preserveAspectRatio`` of inline SVGs (the painter's drawer)."""
    if isinstance(source, InlineSvgSource):
        kwargs.setdefault("svg_aspect_ratio", source.aspect_ratio)
    return image_nodes(source, **kwargs)


def preserve_aspect_ratio(props: Mapping[str, Any]) -> str:
    """The element's ``preserveAspectRatio`` (trimmed), else ``xMidYMid meet`` like browsers."""
    value = props.get("preserveAspectRatio")
    return value.strip() if isinstance(value, str) and value.strip() else DEFAULT_ASPECT_RATIO


def svg_data_uri(markup: str) -> str:
    """``data:image/svg+xml;utf8,`` and the markup, percent-encoding what a URI can't hold."""
    return "data:image/svg+xml;utf8," + _URI_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", markup)


def svg_document(el: Element, style: Mapping[str, Any], *, load_href: ImageLoader = load_image,
                 convert_colors: bool = True) -> str:
    """The standalone SVG document of the inline ``<svg>`` ``el`` (markup, not yet a URI)."""
    inherited_vars = {k: _js_text(v) for k, v in style.items() if k.startswith("--")}
    ctx = _Context(str(style.get("_colorText", "black")), inherited_vars, convert_colors, load_href)
    props = el.props
    own = _own_context(ctx, props.get("style"))

    view_box = props.get("viewBox") or props.get("viewbox")
    width, height = props.get("width"), props.get("height")
    box = parse_view_box(view_box)
    # height / width, divided as the reference does (NaN or infinite for odd viewBoxes);
    # 0 and NaN count as no ratio.
    ratio = 0.0
    if box is not None:
        ratio = js_div(box[3] if len(box) > 3 else math.nan, box[2] if len(box) > 2 else math.nan)
    has_ratio = _truthy(ratio)
    if not _truthy(width):
        width = js_div(js_to_number(height), ratio) if has_ratio and _truthy(height) else None
    if not _truthy(height):
        height = js_to_number(width) * ratio if has_ratio and _truthy(width) else None
    if has_ratio and any(isinstance(v, float) and math.isnan(v) for v in (width, height)):
        # The reference writes e.g. width="NaN" beside height="5em". resvg 0.48 then
        # sizes the document by its viewBox's aspect and 0.47 does not; without
        # either attribute every resvg draws what 0.48 draws.
        width = height = None

    rest: dict[str, Any] = {k: v for k, v in props.items() if k not in _ROOT_ONLY}
    rest["xmlns"] = SVG_NAMESPACE
    rest["width"], rest["height"] = width, height
    if _truthy(view_box):
        rest["viewBox"] = view_box
    attrs: dict[str, str] = {}
    for key, value in rest.items():
        if value is None and key in ("width", "height"):
            continue  # a size that is still missing is left out
        resolved = own.resolve(value)
        if resolved is not _DROP:
            attrs[_attribute_name(key)] = _js_text(resolved)
    root = _node(el.type, attrs, _children(el.children, own))
    return serialize(root)


# --- the serialiser ---------------------------------------------------------------------

class _Drop:
    """An attribute whose ``var()`` is invalid: left out."""


_DROP: Any = _Drop()


@dataclass(frozen=True, slots=True)
class _Context:
    """What a node of the SVG inherits: the current colour (as text) and the custom properties."""

    color: str
    variables: Mapping[str, str]
    convert_colors: bool
    load_href: ImageLoader

    def resolve(self, value: Any) -> Any:
        """An attribute or style value with ``var()`` and ``currentColor`` resolved."""
        value = self.variables_in(value)
        return value if value is _DROP else self.colors_in(value)

    def variables_in(self, value: Any) -> Any:
        # Only `var()` is looked for (not a lone `env()`), as in the reference.
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
        if not self.convert_colors:
            return value
        return _convert_color_functions(value, parse_color(self.color))


def _own_context(parent: _Context, style: Any) -> _Context:
    """The context of an element with ``style``: its custom properties and ``color`` apply."""
    if not isinstance(style, Mapping) or not style:
        return parent
    own_vars, _ = extract_custom_properties(style)
    variables = merge_variables(parent.variables, own_vars) if own_vars else parent.variables
    scoped = _Context(parent.color, variables, parent.convert_colors, parent.load_href)
    color = scoped.variables_in(style.get("color"))
    if color is _DROP or not _truthy(color):
        return scoped
    # Here currentColor is the parent's colour, and colours convert in its terms.
    return _Context(_js_text(scoped.colors_in(color)), variables, parent.convert_colors,
                    parent.load_href)


def _children(children: Sequence[Element | TextNode], ctx: _Context) -> list[SvgNode]:
    out: list[SvgNode] = []
    for child in children:
        if isinstance(child, TextNode):
            if child.text:
                out.append(raw(escape_text(child.text)))
            continue
        with node_context(child.path):
            out.append(_element(child, ctx))
    return out


def _element(el: Element, parent: _Context) -> SvgNode:
    if el.type == "text":
        raise InvalidElementError(
            "<text> nodes are not currently supported, please convert them to <path>")
    props = el.props
    style = props.get("style")
    ctx = _own_context(parent, style)
    attrs: dict[str, str] = {}
    for key, value in props.items():
        if key in ("children", "style"):
            continue
        resolved = ctx.resolve(value)
        if resolved is _DROP:
            continue
        if key in ("href", "xlinkHref") and el.type == "image":
            resolved = _image_href(resolved, ctx.load_href)
            if resolved is None:
                continue  # a failed download: nothing to draw
        if key == "d" and isinstance(resolved, str):
            resolved = _CLOSE_THEN_DRAW.sub(lambda m: m.group(0) + "m0 0", resolved)
        attrs[_attribute_name(key)] = _js_text(resolved)
    if isinstance(style, Mapping) and style:
        declarations = _declarations(style, ctx)
        if declarations:
            attrs["style"] = declarations
    return _node(el.type, attrs, _children(el.children, ctx))


def _declarations(style: Mapping[str, Any], ctx: _Context) -> str:
    parts: list[str] = []
    for key, value in style.items():
        if key.startswith("--"):
            continue  # custom properties are resolved, not written
        if key == "color":
            resolved: Any = ctx.color
        else:
            resolved = ctx.resolve(value)
            if resolved is _DROP:
                continue
        parts.append(f"{_UPPER.sub(lambda m: '-' + m.group(0).lower(), key)}:{_js_text(resolved)}")
    return ";".join(parts)


def _image_href(value: Any, load_href: ImageLoader) -> str | None:
    """An ``<image>`` source as the data URI an ``<img src>`` gets (None: it failed to load)."""
    source = load_href(value)
    return source.href or None


def _node(tag: str, attrs: dict[str, str], children: list[SvgNode]) -> SvgNode:
    _check_name(tag, "element")
    for name in attrs:
        _check_name(name, "attribute")
    return SvgNode(tag, dict(attrs), children)


def _check_name(name: str, kind: str) -> None:
    if not _XML_NAME.fullmatch(name):
        raise InvalidElementError(
            f"Invalid XML {kind} name: {json.dumps(name, ensure_ascii=False)}", prop=name)


def _attribute_name(prop: str) -> str:
    if prop in _HYPHENATED:
        return _UPPER.sub(lambda m: "-" + m.group(0).lower(), prop)
    return _SPECIAL_NAMES.get(prop, prop)


# --- JavaScript semantics the reference's output depends on --------------------------------

def _px(value: Any) -> float | None:
    """A size that is a length in px (not a percentage, ``auto`` or NaN)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _truthy(value: Any) -> bool:
    if isinstance(value, float) and math.isnan(value):
        return False
    if isinstance(value, (Mapping, list, tuple, Percent)):
        return True
    return bool(value)


def _js_text(value: Any) -> str:
    """``String(value)`` as the reference writes attribute values."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return js_number(value)
    if isinstance(value, (list, tuple)):
        return ",".join("" if item is None else _js_text(item) for item in value)
    if isinstance(value, Mapping):
        return "[object Object]"
    return str(value)
