"""What a user's SVG document will cost resvg, checked before it is embedded.

An SVG from the input (an inline ``<svg>`` element, an SVG image, an SVG
image inside one) reaches resvg as written, and a few of its features cost
time no other limit sees; resvg cannot be interrupted once it draws. So the
document is parsed (expat, which refuses entity expansion bombs) and:

* ``<use>`` elements are expanded as resvg expands them (the referenced
  element and its subtree, again for each reference, through chains): the
  total may be at most ``max_nodes`` elements. Ten ``<use>`` per level over
  six levels are a million rectangles.
* a stroke wider, or a shape larger, than ``max_stroke_reach`` px on the image
  (resvg's 32-bit stroker takes about a second per huge curve) is a LimitError;
  the cascade is not computed, so any stroke width in the document counts for
  every shape, and any shape for a curve.
* ``<feTurbulence>`` costs its region's pixels once per octave, and
  ``<feMorphology>`` its region's pixels once per pixel of its window
  (``(2 rx + 1) x (2 ry + 1)``, up to the region's size; resvg does not
  separate it). Both are counted
  into ``max_effect_pixels`` with the filters of the render. resvg changes
  pixels up to about 1100 octaves (float overflow), and a morphology radius
  does not clamp inside it, so neither is rewritten: the count refuses them.

The region is taken as the whole document at the size it is drawn, and a
radius in document units is scaled by the ``viewBox``; transforms inside the
document, CSS transforms and ``render_png(scale=)`` are not counted.
"""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from ..errors import LimitError
from ..limits import active

__all__ = ["svg_work"]

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_STROKE_WIDTH = re.compile(r"stroke-width\s*[:=]\s*[\"']?\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")
_SHAPES = frozenset(("path", "circle", "ellipse", "rect", "line", "polyline", "polygon"))
_GEOMETRY = ("d", "points", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height")
# Window pixels of a morphology per pixel of blur, by time (resvg 0.45, 200x100 px:
# radius 30 0.43 s, 100 to 1000 1-1.3 s; a blur pass ~6 million px/s).
_MORPHOLOGY_SPEED = 16


def svg_work(text: str, width: float, height: float, what: str = "An SVG image") -> int:
    """The filter work (pixels, for ``max_effect_pixels``) of the SVG document ``text`` drawn
    ``width`` x ``height`` px; LimitError when it expands ``<use>`` past ``max_nodes``.

    The caller counts the work where the document is drawn (an image may come from
    the cache). A document expat cannot parse is left to resvg (which reads XML as
    strictly) and counts nothing.
    """
    if not any(mark in text for mark in ("use", "fe", "stroke")):
        return 0  # nothing counted here (the common case costs one scan)
    try:
        root = ET.fromstring(text)
    except (ET.ParseError, ValueError):
        return 0
    _check_uses(root, what)
    if "stroke" in text:
        _check_strokes(root, text, _view_box_scale(root, width, height), what)
    return _filter_work(root, width, height)


def _check_strokes(root: ET.Element, text: str, scale: float, what: str) -> None:
    """LimitError for a stroke wider, or shape geometry larger, than ``max_stroke_reach`` px.

    Which shapes are stroked, with what width, follows from the cascade (attributes,
    ``style``, ``<style>``, inheritance): rather than compute it, any stroke width in the
    document is taken for every shape, and every shape for a curved one. Past a few
    million px resvg's 32-bit stroker takes about a second per curve.
    """
    limit = active().limits.max_stroke_reach
    widths = [abs(float(m)) for m in _STROKE_WIDTH.findall(text)]
    width = max(widths, default=0.0) * scale
    if width > limit:
        raise LimitError(f"{what} strokes a line {_px(width)} wide, over the max_stroke_reach limit of {limit}.",
                         limit="max_stroke_reach")
    for el in root.iter():
        if _local(el.tag) not in _SHAPES:
            continue
        values = [el.get(name) or "" for name in _GEOMETRY]
        reach = max((abs(float(m)) for value in values for m in _NUMBER.findall(value)), default=0.0) * scale
        if reach > limit:
            raise LimitError(f"{what} has a <{_local(el.tag)}> reaching {_px(reach)}, over the max_stroke_reach "
                             f"limit of {limit}.", limit="max_stroke_reach")


def _px(value: float) -> str:
    return f"{value:.0f}px" if math.isfinite(value) else "infinitely many px"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _check_uses(root: ET.Element, what: str) -> None:
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    if not any(_local(el.tag) == "use" for el in root.iter()):
        return
    limit = active().limits.max_nodes
    sizes: dict[int, int] = {}
    visiting: set[int] = set()

    def size(el: ET.Element) -> int:
        key = id(el)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            return 0  # a recursive <use>: resvg skips it
        visiting.add(key)
        total = 1
        stack = list(el)
        while stack:  # children iteratively, <use> targets through size()
            child = stack.pop()
            total += 1
            if _local(child.tag) == "use":
                total += _use_target_size(child)
            else:
                stack.extend(child)
            if total > limit:
                break
        if _local(el.tag) == "use":
            total += _use_target_size(el)
        visiting.discard(key)
        sizes[key] = total
        return total

    def _use_target_size(use: ET.Element) -> int:
        href = use.get("href") or use.get(_XLINK_HREF) or ""
        target = ids.get(href[1:]) if href.startswith("#") else None
        return size(target) if target is not None else 0

    total = size(root)
    if total > limit:
        raise LimitError(f"{what} expands its <use> elements to more than {limit} elements "
                         "(the max_nodes limit).", limit="max_nodes")


def _filter_work(root: ET.Element, width: float, height: float) -> int:
    pixels = max(width, 0.0) * max(height, 0.0)
    scale = _view_box_scale(root, width, height)
    total = 0.0
    for el in root.iter():
        name = _local(el.tag)
        if name == "feTurbulence":
            octaves = _numbers(el.get("numOctaves"), 1)[0]
            total += pixels * max(math.floor(octaves), 1) if math.isfinite(octaves) else math.inf
        elif name == "feMorphology":
            radii = _numbers(el.get("radius"), 0)
            rx, ry = (radii[0], radii[1]) if len(radii) > 1 else (radii[0], radii[0])
            # The window stops at the region (at most twice its size from any pixel);
            # resvg passes over a window some 16 times faster than it blurs a pixel.
            window_x = min(2 * max(rx, 0) * scale + 1, 2 * width + 1)
            window_y = min(2 * max(ry, 0) * scale + 1, 2 * height + 1)
            total += pixels * window_x * window_y / _MORPHOLOGY_SPEED
    # Past any limit is as good as infinite (and stays an int).
    return int(min(total, 2.0 ** 62)) if not math.isnan(total) else 2 ** 62


def _numbers(value: str | None, default: float) -> list[float]:
    found = [float(m) for m in _NUMBER.findall(value or "")]
    return [v if math.isfinite(v) else math.inf for v in found] or [default]


def _view_box_scale(root: ET.Element, width: float, height: float) -> float:
    """Pixels per document unit (the larger axis), 1 without a usable viewBox."""
    box = [float(v) for v in _NUMBER.findall(root.get("viewBox") or "")]
    if len(box) < 4 or not all(math.isfinite(v) and v > 0 for v in box[2:4]):
        return 1.0
    return max(width / box[2], height / box[3], 1e-9)
