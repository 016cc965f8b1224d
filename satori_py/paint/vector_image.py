"""Emoji drawn in place: a nested ``<svg>`` instead of ``<image href="data:image/svg+xml,...">``.

resvg draws an SVG image into a transparent layer the size of the whole canvas
and then composites that layer, whatever the image's own size: about 4-5 ms per
image on a 1200x630 card (four emoji were half of the release-notes card's
raster time). The same shapes in a nested ``<svg>`` cost only themselves. resvg
clips an SVG image fitted with ``meet`` (an emoji's) nowhere, so the nested
``<svg>`` is ``overflow="visible"``.

Pixels (tests/paint/test_vector_image.py): the same, except where shapes of the
image overlap on anti-aliased edges (the image's layer composited them together
first; the nested ``<svg>`` composites each onto the canvas: 1-2 levels, ~10 on a
pixel or two at a very sharp tip). Only unclipped images are drawn this way
(emoji): resvg draws some curves inside a group layer (a clip, a mask, an isolated
group) up to ~45 levels apart from the same curves in an image's canvas-sized
layer, which passes the references' rule but is not the same picture, so an
``<img>`` (always clipped to its box) keeps its ``<image>``.

Only plain documents are inlined, since inside our document an image's content
would see our ids and styles: shapes and groups (``path``, ``rect``, ``circle``,
``ellipse``, ``line``, ``polyline``, ``polygon``, ``g``) with geometry and
presentation attributes, no ``url(...)`` anywhere (so no reference to a
gradient, clip, mask, filter or marker, ours or its own), no ``<style>``,
``<use>``, ``<image>``, ``<text>``, ``<defs>`` content or DOCTYPE, a root
whose size is its viewBox's (or absent), at most ``MAX_BYTES`` of markup,
``MAX_ELEMENTS`` elements and ``MAX_DEPTH`` levels. ``id`` and ``class`` are
dropped (nothing can refer to them). Anything else stays an ``<image>``: the
Twemoji set (the default emoji) is plain; sets with gradients are not.

The document was already checked (and its work counted) when it was loaded; this
module only rewrites how it is drawn.
"""
from __future__ import annotations

import base64
import binascii
import urllib.parse
from typing import TYPE_CHECKING

from ..cache import BoundedCache
from ..patterns import NUMBER, lazy_compile
from ..svg import AttrValue, SvgNode, escape_attr

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_ELEMENTS", "vector_image"]

MAX_BYTES = 64 * 1024
MAX_ELEMENTS = 512
MAX_DEPTH = 16

_SVG_NS = "{http://www.w3.org/2000/svg}"
_SHAPES = frozenset(("g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon"))
_SKIPPED = frozenset(("title", "desc", "metadata"))
_PRESENTATION = frozenset((
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "opacity", "clip-rule", "color", "visibility", "display",
    "shape-rendering", "paint-order", "style"))
_GEOMETRY = frozenset(("d", "cx", "cy", "r", "rx", "ry", "x", "y", "width", "height",
                       "x1", "y1", "x2", "y2", "points", "transform"))
_DROPPED = frozenset(("id", "class"))
# The root's own attributes that change nothing once its size is its viewBox's.
_ROOT_DROPPED = frozenset(("id", "class", "version", "baseProfile", "x", "y",
                           "preserveAspectRatio", "enable-background"))
_NUMBER = lazy_compile(r"\s*(" + NUMBER + r")(?:px)?\s*$")


class _NotPlain(Exception):
    """The document is not one this module inlines."""


_CACHE: BoundedCache[tuple[str, str, dict[str, str]]] = BoundedCache(
    256, weigh=lambda hit: len(hit[1]) + 64, max_weight=4 * 1024 * 1024)


def vector_image(href: str, x: float, y: float, width: float, height: float) -> SvgNode | None:
    """The SVG image ``href`` (a ``data:image/svg+xml`` URI) fitted to ``x, y, width, height``
    as an ``<image>`` with no ``preserveAspectRatio`` fits it (``xMidYMid meet``), drawn as a
    nested ``<svg>``; None when it must stay an ``<image>``."""
    if not href.startswith("data:image/svg+xml"):
        return None
    hit = _CACHE.get(href)
    if hit is None:
        hit = _inline(href)
        _CACHE.put(href, hit)
    view_box, markup, root_attrs = hit
    if not view_box:
        return None
    attrs: dict[str, AttrValue] = {"x": x, "y": y, "width": width, "height": height,
                                   "viewBox": view_box, "overflow": "visible", **root_attrs}
    return SvgNode("svg", attrs, raw=markup)


def _inline(href: str) -> tuple[str, str, dict[str, str]]:
    """``(viewBox, children's markup, root attributes)``; an empty viewBox when not plain."""
    import xml.etree.ElementTree as ET  # here: a card without emoji or images parses no SVG

    try:
        text = _document(href)
        if len(text) > MAX_BYTES or "<!DOCTYPE" in text or "<!ENTITY" in text:
            raise _NotPlain
        root = ET.fromstring(text)
        if root.tag not in ("svg", _SVG_NS + "svg"):
            raise _NotPlain
        view_box, root_attrs = _root(root)
        out: list[str] = []
        _children(root, out, depth=1, count=[0])
        return view_box, "".join(out), root_attrs
    except (_NotPlain, ET.ParseError, ValueError, binascii.Error, UnicodeDecodeError):
        return "", "", {}


def _document(href: str) -> str:
    head, sep, payload = href.partition(",")
    if not sep:
        raise _NotPlain
    if head.endswith(";base64"):
        return base64.b64decode(payload, validate=False).decode("utf-8-sig")
    return urllib.parse.unquote(payload)


def _number(value: str | None) -> float | None:
    match = _NUMBER.match(value) if value is not None else None
    return float(match.group(1)) if match else None


def _root(root: ET.Element) -> tuple[str, dict[str, str]]:
    """The root's viewBox (its size when it has none) and the presentation attributes it passes on."""
    width, height = _number(root.get("width")), _number(root.get("height"))
    box = root.get("viewBox")
    if box is not None:
        parts = [float(p) for p in box.replace(",", " ").split()]
        if len(parts) != 4 or not (parts[2] > 0 and parts[3] > 0):
            raise _NotPlain
        # A size other than the viewBox's would fit the viewBox inside it, by the root's
        # own preserveAspectRatio: not inlined.
        if (root.get("width") is not None and width != parts[2]) or (
                root.get("height") is not None and height != parts[3]):
            raise _NotPlain
        view_box = " ".join(_plain(p) for p in parts)
    elif width is not None and height is not None and width > 0 and height > 0:
        view_box = f"0 0 {_plain(width)} {_plain(height)}"
    else:
        raise _NotPlain
    passed: dict[str, str] = {}
    for name, value in root.attrib.items():
        if name in ("viewBox", "width", "height") or name in _ROOT_DROPPED:
            continue
        if name not in _PRESENTATION:
            raise _NotPlain
        passed[name] = _value(value)
    return view_box, passed


def _plain(value: float) -> str:
    return repr(int(value)) if value == int(value) else repr(value)


def _value(value: str) -> str:
    lowered = value.lower()
    if "url(" in lowered or "\\" in value or "var(" in lowered:
        raise _NotPlain
    return value


def _children(parent: ET.Element, out: list[str], depth: int, count: list[int]) -> None:
    if depth > MAX_DEPTH:
        raise _NotPlain
    for child in parent:
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction
        tag = child.tag.removeprefix(_SVG_NS)
        if tag in _SKIPPED:
            continue
        if tag not in _SHAPES or (child.text or "").strip():
            raise _NotPlain
        count[0] += 1
        if count[0] > MAX_ELEMENTS:
            raise _NotPlain
        out.append("<" + tag)
        for name, value in child.attrib.items():
            if name in _DROPPED:
                continue
            if name not in _PRESENTATION and name not in _GEOMETRY:
                raise _NotPlain
            out.append(f' {name}="{escape_attr(_value(value))}"')
        if len(child):
            out.append(">")
            _children(child, out, depth + 1, count)
            out.append(f"</{tag}>")
        else:
            out.append("/>")
