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
* the values come resolved from the style stage (:mod:`satori_py.style.svg_values`:
  ``var()``, ``currentColor``, colours resvg can't read), an attribute whose
  ``var()`` is invalid left out;
* path data gets ``m0 0`` after a ``z`` that is followed by another command
  (resvg can't parse that); ``<image href>`` (or ``xlinkHref``, or ``xlink:href`` as
  markup writes it) is resolved like an ``<img src>``; a ``data:`` URI in any other
  ``href`` (``<feImage>``) is checked as an embedded image (``checks.check_href``:
  resvg decodes it); any other ``href`` but a ``#id`` (or a link's) is reported: resvg
  loads nothing external inside an SVG image;
* ``<text>`` is refused, element and attribute names must be XML names, and
  every value and text is XML-escaped, so user text stays inert;
* the data URI is ``data:image/svg+xml;utf8,`` with only the characters that
  matter percent-encoded.

The document's cost to resvg (``<use>`` expansion, turbulence and morphology
filters) is checked by :mod:`.svg_work`.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..diagnostics import report
from ..element import Element
from ..errors import ImageError, InvalidElementError, node_context
from ..js_format import js_text
from ..js_numbers import js_div, js_to_number, js_truthy, parse_view_box
from ..limits import active
from ..patterns import lazy_compile
from ..style import ComputedStyle
from ..style.paint_types import SvgElementValues
from ..style.svg_values import HYPHENATED_SVG_ATTRIBUTES, resolve_svg
from ..svg import SvgNode, escape_text, raw, serialize
from .checks import check_href
from .formats import SVG, check_svg_ratio
from .source import ImageSource, load_image
from .svg_work import first_of, svg_work

__all__ = ["DEFAULT_ASPECT_RATIO", "inline_svg_image", "preserve_aspect_ratio", "svg_data_uri", "svg_document",
           "svg_source"]

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
DEFAULT_ASPECT_RATIO = "xMidYMid meet"

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
_XML_NAME = lazy_compile(f"[{_NAME_START}][{_NAME_START}\\-.0-9\u00B7\u0300-\u036F\u203F-\u2040]*")
_UPPER = lazy_compile(r"[A-Z]")
# resvg can't parse a subpath that starts after `z` without a move: `m0 0`
# moves to where the closed one started, which changes nothing.
# What resvg reads of an href inside an SVG image: a reference in the document, a data: URI.
_READ_HREF = lazy_compile(r"\s*(?:#|data:|$)", re.IGNORECASE)
_CLOSE_THEN_DRAW = lazy_compile(r"[zZ](?=\s*[a-ln-yA-LN-Y])")
# What a data URI can't hold as it is, or what the enclosing SVG would read as
# markup (`&`); encodeURIComponent leaves ( ) ' as they are.
_URI_UNSAFE = lazy_compile(r"[\r\n%#<>?\[\\\]^`{|}\"&]")

ImageLoader = Callable[[str], ImageSource]


# --- the public entry points --------------------------------------------------------

def inline_svg_image(el: Element, style: ComputedStyle, load_href: ImageLoader = load_image) -> ImageSource:
    """The image of the inline ``<svg>`` ``el``: its values resolved by the style stage,
    its box's size the style's ``svgSize`` (``style.replaced.svg_size``)."""
    size = style["svgSize"]
    return svg_source(resolve_svg(el, style), (size.width, size.height), load_href=load_href,
                      aspect_ratio=preserve_aspect_ratio(el.props))


def svg_source(values: SvgElementValues, size: tuple[Any, Any], *, load_href: ImageLoader = load_image,
               aspect_ratio: str = DEFAULT_ASPECT_RATIO) -> ImageSource:
    """The image of an inline ``<svg>`` whose values the style stage resolved
    (:func:`satori_py.style.svg_values.resolve_svg`), ``size`` being the width and height
    of its box (the style stage's ``svgSize``) and ``aspect_ratio`` its
    :func:`preserve_aspect_ratio`.

    ``load_href`` resolves ``<image href>`` sources (as ``<img src>``: give it
    the render's fetcher). Its ``width``/``height`` are the box's size when
    both are lengths (``intrinsic`` is False otherwise: the builder sizes the
    box with the style's ``svgSize``).
    """
    markup = svg_document(values, load_href=load_href)
    check_svg_ratio(markup, 1.0, 1.0, "The inline SVG")  # (its own width and height: the box's may differ)
    width, height = _px(size[0]), _px(size[1])
    sized = width is not None and height is not None
    # Unsized, the box is not known yet: the replaced element's default 300x150.
    skipped: list[str] = []
    work = svg_work(markup, width or 300.0, height or 150.0, "The inline SVG", skipped=skipped)
    if skipped:  # resvg (as a browser) draws nothing of them
        report(ImageError(first_of("The inline SVG's ", skipped)))
    if work:
        active().count_effect(work, what="The inline SVG's filter primitives")
    return ImageSource(svg_data_uri(markup), SVG, width or 0.0, height or 0.0,
                       intrinsic=sized, aspect_ratio=aspect_ratio)


def preserve_aspect_ratio(props: Mapping[str, Any]) -> str:
    """The element's ``preserveAspectRatio`` (trimmed), else ``xMidYMid meet`` like browsers."""
    value = props.get("preserveAspectRatio")
    return value.strip() if isinstance(value, str) and value.strip() else DEFAULT_ASPECT_RATIO


def svg_data_uri(markup: str) -> str:
    """``data:image/svg+xml;utf8,`` and the markup, percent-encoding what a URI can't hold."""
    return "data:image/svg+xml;utf8," + _URI_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", markup)


def svg_document(values: SvgElementValues, *, load_href: ImageLoader = load_image) -> str:
    """The standalone SVG document of an inline ``<svg>`` (markup, not yet a URI)."""
    props = dict(values.props)
    width, height, view_box = values.sizing
    box = parse_view_box(view_box)
    # height / width, divided as the reference does (NaN or infinite for odd viewBoxes);
    # 0 and NaN count as no ratio.
    ratio = 0.0
    if box is not None:
        ratio = js_div(box[3] if len(box) > 3 else math.nan, box[2] if len(box) > 2 else math.nan)
    has_ratio = js_truthy(ratio)
    # A size as written is written resolved (var()); one that follows from the ratio is a number.
    sizes: dict[str, Any] = {"width": props.get("width", _DROP), "height": props.get("height", _DROP)}
    if not js_truthy(width):
        width = sizes["width"] = js_div(js_to_number(height), ratio) if has_ratio and js_truthy(height) else None
    if not js_truthy(height):
        height = sizes["height"] = js_to_number(width) * ratio if has_ratio and js_truthy(width) else None
    if has_ratio and any(isinstance(v, float) and math.isnan(v) for v in (width, height)):
        # The reference writes e.g. width="NaN" beside height="5em". resvg 0.48 then
        # sizes the document by its viewBox's aspect and 0.47 does not; without
        # either attribute every resvg draws what 0.48 draws.
        sizes["width"] = sizes["height"] = None

    rest: dict[str, Any] = {k: v for k, v in props.items() if k not in _ROOT_ONLY}
    rest["xmlns"] = SVG_NAMESPACE
    rest.update(sizes)
    if js_truthy(view_box):
        rest["viewBox"] = props.get("viewBox", _DROP)
    attrs: dict[str, str] = {}
    for key, value in rest.items():
        if value is _DROP or (value is None and key in ("width", "height")):
            continue  # an invalid var(), or a size that is still missing, is left out
        attrs[_attribute_name(key)] = js_text(value)
    root = _node(values.tag, attrs, _children(values.children, load_href))
    return serialize(root)


# --- the serialiser ---------------------------------------------------------------------

class _Drop:
    """A value the style stage left out (its ``var()`` is invalid)."""


_DROP: Any = _Drop()


def _children(children: Sequence[SvgElementValues | str], load_href: ImageLoader) -> list[SvgNode]:
    out: list[SvgNode] = []
    for child in children:
        if isinstance(child, str):
            out.append(raw(escape_text(child)))
            continue
        with node_context(child.path):
            out.append(_element(child, load_href))
    return out


def _element(el: SvgElementValues, load_href: ImageLoader) -> SvgNode:
    if el.tag == "text":
        raise InvalidElementError(
            "<text> nodes are not currently supported, please convert them to <path>")
    attrs: dict[str, str] = {}
    for key, value in el.props:
        name = _attribute_name(key)
        if name in ("href", "xlink:href") and el.tag == "image":  # (markup writes `xlink:href` as such)
            value = _image_href(value, load_href)  # loaded and checked as an <img src>
            if value is None:
                continue  # a failed download: nothing to draw
        elif name.rpartition(":")[2] == "href":
            if work := check_href(js_text(value)):
                active().count_effect(work, what="The SVG image's filter primitives")
            elif el.tag != "a" and not _READ_HREF.match(js_text(value)):
                report(ImageError(f'The {name} "{js_text(value)}" of <{el.tag}> is not loaded: inside an inline '
                                  'SVG only "#id" references and data: URIs are read.', prop=name, value=value))
        elif key == "d" and isinstance(value, str):
            value = _CLOSE_THEN_DRAW.sub(lambda m: m.group(0) + "m0 0", value)
        attrs[name] = js_text(value)
    if el.declarations:
        attrs["style"] = ";".join(f"{_UPPER.sub(lambda m: '-' + m.group(0).lower(), key)}:{js_text(value)}"
                                  for key, value in el.declarations)
    return _node(el.tag, attrs, _children(el.children, load_href))


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
    if prop in HYPHENATED_SVG_ATTRIBUTES:
        return _UPPER.sub(lambda m: "-" + m.group(0).lower(), prop)
    return _SPECIAL_NAMES.get(prop, prop)


# --- JavaScript semantics the reference's output depends on --------------------------------

def _px(value: Any) -> float | None:
    """A size that is a length in px (not a percentage, ``auto`` or NaN)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None
