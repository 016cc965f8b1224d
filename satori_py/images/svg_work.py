"""What a user's SVG document will cost resvg, checked before it is embedded.

An SVG from the input (an inline ``<svg>`` element, an SVG image, an SVG
image inside one) reaches resvg as written, and a few of its features cost
time or memory no other limit sees; resvg cannot be interrupted once it draws,
and it aborts the process when an allocation fails (a turbulence under
``scale(1000)`` asked for 115 GB, a pattern tile 10^5 px wide for 40 GB). So the
document is parsed (expat, which refuses entity expansion bombs) and walked as
resvg renders it: through ``<use>`` references, into the markers, patterns,
masks and clip paths each element references, with the scale to the image of
every element (its transforms and its ancestors', nested viewports, the
``viewBox`` of the document at the size it is given, ``render_png``'s
``scale``; bounds from :mod:`.svg_geometry`). An SVG image drawn larger than
its size (its box, CSS transforms) adds the difference when it is painted
(``checks.check_drawn_svg``, from paint/raster_cost.py).

* The elements the walk meets, a marker's once per vertex it is drawn at, may
  be at most ``max_nodes`` (ten ``<use>`` per level over six levels are a
  million rectangles; a marker on a polyline of 10^5 points took 1.8 s).
* Each filter an element references has a region on the image (from the
  element's bounding box, or in user space, by ``filterUnits``; not cut to the
  image, as resvg allocates most primitives at the whole region): at most
  ``max_image_pixels``, and counted once per primitive into
  ``max_effect_pixels``, times the primitive's passes:
  ``<feTurbulence>`` once per octave, ``<feMorphology>`` its window
  (``(2 rx + 1) x (2 ry + 1)`` px, up to twice the region) / 16,
  ``<feConvolveMatrix>`` its kernel (``orderX x orderY``) / 32: resvg's speeds
  relative to a blur (measured; a blur's cost does not grow with its
  ``stdDeviation``). Filter functions (``filter="blur(5)"``) count one pass.
* A pattern's tile is rendered at its size on the image: at most
  ``max_image_pixels``.
* A shape larger than half of ``limits.RASTER_REACH`` px on the image (its stroke
  included) is a LimitError: where the document is drawn is not known here, and a
  shape over the image reaching 2^29 px from its origin wraps resvg's 32-bit rows
  (a 10 px rect under ``scale(1e9)``: a panic).
* A stroke wider, or a shape larger, than ``max_stroke_reach`` px on the image
  (its scale included; resvg's 32-bit stroker took 0.28 s for one circle
  stroked 1e9 wide, 25 s for 1e308 borders) is a LimitError; the cascade is
  not computed, so the widest stroke width in the document counts for every
  shape of a document that strokes anything.

Nothing is rewritten (clamped): resvg's turbulence pixels change up to about
1100 octaves (float overflow of its lattice), and a morphology radius past the
region already costs no more. :func:`svg_work` returns the filter work; the
caller counts it each time the document is drawn (an SVG image's work includes
that of the SVG images it embeds: checks.py).
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from ..errors import LimitError
from ..limits import RASTER_REACH, active
from ..patterns import NUMBER, lazy_compile
from .svg_geometry import (XLINK_HREF, Boxes, length, local, numbers, parse_transform, stretch,
                           viewbox_matrix)

__all__ = ["first_of", "svg_work"]

_NUMBER = lazy_compile(NUMBER)
_STROKE_WIDTH = lazy_compile(r"stroke-width\s*[:=]\s*[\"']?\s*(" + NUMBER + ")")
_URL = lazy_compile(r"url\(\s*['\"]?#([^)'\"\s]+)")
_FILTER_FUNCTION = lazy_compile(r"\b(blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|"
                              r"saturate|sepia)\s*\(")
_STYLE_FILTER = lazy_compile(r"filter\s*:\s*([^;]*)")
_PATH_TOKEN = lazy_compile("[MmLlHhVvCcSsQqTtAaZz]|" + NUMBER)
_SHAPES = frozenset(("path", "circle", "ellipse", "rect", "line", "polyline", "polygon"))
_GEOMETRY = ("d", "points", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height")
# Drawn only where referenced (or not at all): the walk enters them from the reference.
_REFERENCED = frozenset(("defs", "pattern", "marker", "mask", "clipPath", "symbol", "filter", "linearGradient",
                         "radialGradient", "style", "title", "desc", "metadata", "script"))
_MARKED = frozenset(("path", "line", "polyline", "polygon"))
# What suggests work worth a parse; the common document has none of them.
_MARKS = ("use", "fe", "filter", "marker", "pattern", "stroke", "transform")
# Numbers that can make a shape large: 8 digits before the point, an exponent, a tiny viewBox.
_LARGE = lazy_compile(r"\d{8}|\d[eE][+-]?\d|\.0{6}")
# Filled by resvg's rasteriser (RASTER_REACH); text is laid out and filled as paths too, but
# its box here is a rough bound.
_FILLED = _SHAPES | {"image"}
# Passes of each primitive over its region, relative to a blur's (resvg 0.45, measured on 1000x500 px
# and 200x100 px regions: a 150x150 kernel took 2.8 s on 24,000 px, a radius-30 window 0.43 s).
_MORPHOLOGY_SPEED = 16
_CONVOLVE_SPEED = 32
_MAX_WORK = 2 ** 62  # past any limit is as good as infinite (and stays an int)


class SvgSource:
    """An SVG document's text, parsed (expat, which refuses entity expansion bombs) at most
    once for the checks that read it (:func:`svg_work`, ``checks.check_svg``)."""

    __slots__ = ("text", "_root", "_parsed")

    def __init__(self, text: str) -> None:
        self.text = text
        self._root: ET.Element | None = None
        self._parsed = False

    def root(self) -> ET.Element | None:
        """The parsed document, or None when expat cannot parse it."""
        if not self._parsed:
            self._parsed = True
            try:
                self._root = ET.fromstring(self.text)
            except (ET.ParseError, ValueError):
                self._root = None
        return self._root


def svg_work(source: str | SvgSource, width: float, height: float, what: str = "An SVG image",
             zoom: float = 1.0, skipped: list[str] | None = None) -> int:
    """The filter work (pixels, for ``max_effect_pixels``) of the SVG document ``source`` given
    ``width`` x ``height`` px and drawn ``zoom`` times that size; LimitError for what is over
    another limit (see the module). Each ``<use>`` the walk meets that resvg draws nothing of
    (one that reaches itself, or refers to no element of the document) is added to ``skipped``
    when given, said as ``<use href="#a"> ...`` (once each), for the caller to report.

    The caller counts the work where the document is drawn (an image may come from
    the cache). A document expat cannot parse is left to resvg (which reads XML as
    strictly) and counts nothing.
    """
    document = source if isinstance(source, SvgSource) else SvgSource(source)
    text = document.text
    if not any(mark in text for mark in _MARKS) and _LARGE.search(text) is None:
        return 0  # nothing counted here (the common case costs one scan)
    root = document.root()
    if root is None:
        return 0
    # render_png rasterises at its scale: every size on the image grows with it.
    scale = _view_box_scale(root, width, height) * zoom * active().raster_scale
    # Which shapes are stroked, with what width, follows from the cascade (attributes, style,
    # <style>, inheritance): rather than compute it, the widest stroke width of the document
    # (1 by default) is taken for every shape when the document strokes anything.
    widths = [abs(float(m)) for m in _STROKE_WIDTH.findall(text)]
    walk = _Walk(root, width, height, what, max(widths + [1.0]), strokes="stroke" in text)
    walk.visit(root, scale * stretch(parse_transform(root.get("transform"))), 1, 0)
    if skipped is not None:
        skipped.extend(walk.skipped.values())
    total = walk.work
    return int(min(total, _MAX_WORK)) if not math.isnan(total) else _MAX_WORK


def first_of(lead: str, reasons: list[str]) -> str:
    """A sentence of the first of ``reasons`` after ``lead``, counting the others ("" for none):
    one report however many elements a document leaves out."""
    if not reasons:
        return ""
    return lead + reasons[0] + (f" (and {len(reasons) - 1} more)." if len(reasons) > 1 else ".")


def _px(value: float) -> str:
    return f"{value:.0f}px" if math.isfinite(value) else "infinitely many px"


class _Walk:
    """The document as resvg renders it: elements with their scale to the image (px per user
    unit) and how many times each is drawn; the filter work adds up in ``work``."""

    def __init__(self, root: ET.Element, width: float, height: float, what: str, stroke_width: float,
                 strokes: bool) -> None:
        self.ids = {key: el for el in root.iter() if (key := el.get("id"))}
        box = numbers(root.get("viewBox"))
        self.viewport = (box[2], box[3]) if len(box) >= 4 and box[2] > 0 and box[3] > 0 else (width, height)
        self.boxes = Boxes(self.ids, self.viewport)
        # References made by a stylesheet may apply to any element: taken for every one.
        sheets = " ".join("".join(el.itertext()) for el in root.iter() if local(el.tag) == "style")
        self.sheet_refs = _URL.findall(sheets)
        self.sheet_functions = len(_FILTER_FUNCTION.findall(" ".join(_STYLE_FILTER.findall(sheets))))
        self.stroke_width = stroke_width
        self.strokes = strokes
        self.reach: dict[int, float] = {}
        self.limits = active().limits
        self.what = what
        self.nodes = 0.0
        self.work = 0.0
        self.busy: set[int] = set()
        self.skipped: dict[int, str] = {}  # the <use> elements resvg draws nothing of, by id()

    def visit(self, el: ET.Element, scale: float, times: float, depth: int) -> None:
        name = local(el.tag)
        if name in _REFERENCED or not name:
            return
        self.nodes += times
        if self.nodes > self.limits.max_nodes:
            raise LimitError(f"{self.what} expands its <use> elements and markers to more than "
                             f"{self.limits.max_nodes} elements (the max_nodes limit).", limit="max_nodes")
        if depth > self.limits.max_depth:
            raise LimitError(f"{self.what} nests its elements more than {self.limits.max_depth} levels deep "
                             "through its <use> references (the max_depth limit).", limit="max_depth")
        if depth:  # the document's own transform and viewBox are in the caller's scale
            scale *= stretch(parse_transform(el.get("transform")))
        if self.strokes and name in _SHAPES:
            self._check_stroke(el, name, scale)
        if name in _FILLED:
            self._check_size(el, name, scale)
        self._references(el, name, scale, times, depth)
        if name == "use":
            href = el.get("href") or el.get(XLINK_HREF) or ""
            target = self.ids.get(href[1:]) if href.startswith("#") else None
            if target is None or id(target) in self.busy:
                self._skip(el, href, target)
            else:
                self.busy.add(id(target))
                if local(target.tag) == "symbol":
                    self._content(target, scale * stretch(viewbox_matrix(target, self.viewport)), times, depth)
                else:
                    self.visit(target, scale, times, depth + 1)
                self.busy.discard(id(target))
            return
        if name == "svg" and depth:
            scale *= stretch(viewbox_matrix(el, self.viewport))
        self._content(el, scale, times, depth)

    def _skip(self, el: ET.Element, href: str, target: ET.Element | None) -> None:
        """Note a ``<use>`` that resvg (as a browser) draws nothing of: one whose target holds it
        or leads back to it through other ``<use>`` elements, or one with no target here."""
        if id(el) in self.skipped:
            return
        shown = href if len(href) <= 60 else href[:57] + "..."
        if target is not None:
            why = "its target holds it, or leads back to it"
        elif href.startswith("#"):
            why = "the document has no element of that id"
        else:
            return  # an external or data: reference: resvg loads none (reported where the href is read)
        self.skipped[id(el)] = f'<use href="{shown}"> is not drawn: {why}'

    def _check_stroke(self, el: ET.Element, name: str, scale: float) -> None:
        """LimitError for a stroke wider, or a shape larger, than ``max_stroke_reach`` px on the
        image: past a few million px resvg's 32-bit stroker takes about a second per curve
        (a circle of radius 1 stroked under ``scale(1e7)``: 0.56 s)."""
        limit = self.limits.max_stroke_reach
        width = self.stroke_width * scale
        if width > limit:
            raise LimitError(f"{self.what} strokes a line {_px(width)} wide, over the max_stroke_reach limit of "
                             f"{limit}.", limit="max_stroke_reach")
        key = id(el)
        if key not in self.reach:
            values = [el.get(attr) or "" for attr in _GEOMETRY]
            self.reach[key] = max((abs(float(m)) for value in values for m in _NUMBER.findall(value)), default=0.0)
        reach = self.reach[key] * scale
        if reach > limit:
            raise LimitError(f"{self.what} has a <{name}> reaching {_px(reach)}, over the max_stroke_reach "
                             f"limit of {limit}.", limit="max_stroke_reach")

    def _check_size(self, el: ET.Element, name: str, scale: float) -> None:
        """LimitError for a shape larger on the image than half of ``RASTER_REACH`` (see the module)."""
        box = self.boxes.box(el)
        if box is None:
            return
        grow = 2 * self.stroke_width if self.strokes else 0.0  # a miter join's reach
        size = (max(box[2] - box[0], box[3] - box[1]) + grow) * scale
        if not size <= RASTER_REACH // 2:  # (NaN too)
            raise LimitError(f"{self.what} has a <{name}> {_px(size)} across on the image, larger than resvg can "
                             f"draw ({RASTER_REACH // 2}px: its anti-aliasing counts rows in 32-bit integers).")

    def _content(self, el: ET.Element, scale: float, times: float, depth: int) -> None:
        for child in el:
            self.visit(child, scale, times, depth + 1)

    def _references(self, el: ET.Element, name: str, scale: float, times: float, depth: int) -> None:
        refs = list(self.sheet_refs)
        functions = self.sheet_functions
        for attr, value in el.attrib.items():
            if "url(" in value:
                refs += _URL.findall(value)
            if attr == "filter":
                functions += len(_FILTER_FUNCTION.findall(value))
            elif attr == "style" and "filter" in value:
                functions += sum(len(_FILTER_FUNCTION.findall(v)) for v in _STYLE_FILTER.findall(value))
        if functions:  # filter functions: one pass each over the default region
            self.work += self._region(el, None, scale) * functions * times
        for ref in refs:
            target = self.ids.get(ref)
            kind = local(target.tag) if target is not None else ""
            if target is None or id(target) in self.busy:
                continue
            self.busy.add(id(target))
            if kind == "filter":
                self._filter(target, el, scale, times)
            elif kind == "pattern":
                self._pattern(target, el, scale, times, depth)
            elif kind in ("mask", "clipPath"):
                content = scale
                if target.get("maskContentUnits" if kind == "mask" else "clipPathUnits") == "objectBoundingBox":
                    content *= self._box_size(el)
                self._content(target, content, times, depth)
            elif kind == "marker" and name in _MARKED:
                self._markers(target, el, scale, times, depth)
            self.busy.discard(id(target))

    def _box_size(self, el: ET.Element) -> float:
        box = self.boxes.box(el)
        return max(box[2] - box[0], box[3] - box[1], 0.0) if box is not None else 0.0

    def _region(self, el: ET.Element, filter_el: ET.Element | None, scale: float) -> float:
        """Pixels of a filter's region on the image; over ``max_image_pixels`` a LimitError.

        Not cut to the image: resvg (0.45, the svg2png and resvg bindings) allocates
        the whole region for most primitives, and aborts the process when it can't
        (a flood over a region of 1000 x its element asked for 80 GB).
        """
        if filter_el is not None and filter_el.get("filterUnits") == "userSpaceOnUse":
            vw, vh = self.viewport
            w, h = (length(filter_el.get("width"), 1.2 * vw, vw), length(filter_el.get("height"), 1.2 * vh, vh))
        else:
            box = self.boxes.box(el)
            if box is None:
                return 0.0  # no bounding box: resvg draws nothing
            w = _fraction(filter_el, "width") * (box[2] - box[0])
            h = _fraction(filter_el, "height") * (box[3] - box[1])
        w, h = (abs(w) * scale if w else 0.0), (abs(h) * scale if h else 0.0)
        pixels = w * h if w and h else 0.0  # (a zero side draws nothing, even under an infinite scale)
        limit = self.limits.max_image_pixels
        if not pixels <= limit:
            raise LimitError(f"{self.what} has a filter region of {_px(w)} x {_px(h)} on the image, over the "
                             f"max_image_pixels limit of {limit}.", limit="max_image_pixels")
        return pixels

    def _filter(self, filter_el: ET.Element, el: ET.Element, scale: float, times: float) -> None:
        region = self._region(el, filter_el, scale)
        if not region:
            return
        side = math.sqrt(region)
        primitive_scale = scale * (self._box_size(el) if filter_el.get("primitiveUnits") == "objectBoundingBox"
                                   else 1.0)
        passes = 0.0
        for primitive in filter_el:
            kind = local(primitive.tag)
            if kind == "feTurbulence":
                octaves = _first(primitive.get("numOctaves"), 1.0)
                passes += max(math.floor(octaves), 1) if math.isfinite(octaves) else math.inf
            elif kind == "feMorphology":
                radii = numbers(primitive.get("radius")) or [0.0]
                rx, ry = radii[0], radii[1] if len(radii) > 1 else radii[0]
                # The window stops at the region (at most twice its size from any pixel).
                window_x = min(2 * max(rx, 0.0) * primitive_scale + 1, 2 * side + 1)
                window_y = min(2 * max(ry, 0.0) * primitive_scale + 1, 2 * side + 1)
                passes += max(window_x * window_y / _MORPHOLOGY_SPEED, 1.0)
            elif kind == "feConvolveMatrix":
                # resvg ignores a kernel of another size than the order says.
                order = numbers(primitive.get("order")) or [3.0]
                kernel = min(abs(order[0] * order[-1]), len(_NUMBER.findall(primitive.get("kernelMatrix") or "")))
                passes += max(kernel / _CONVOLVE_SPEED, 1.0)
            elif kind:
                passes += 1.0  # each primitive makes an image of the region
        self.work += region * passes * times

    def _pattern(self, pattern: ET.Element, el: ET.Element, scale: float, times: float, depth: int) -> None:
        href = pattern.get("href") or pattern.get(XLINK_HREF) or ""
        source = self.ids.get(href[1:], pattern) if href.startswith("#") and not len(pattern) else pattern
        vw, vh = self.viewport
        if pattern.get("patternUnits") == "userSpaceOnUse":
            w, h = length(pattern.get("width"), 0.0, vw), length(pattern.get("height"), 0.0, vh)
        else:
            box = self.boxes.box(el) or (0.0, 0.0, 0.0, 0.0)
            w = _fraction(pattern, "width", 0.0) * (box[2] - box[0])
            h = _fraction(pattern, "height", 0.0) * (box[3] - box[1])
        scale *= stretch(parse_transform(pattern.get("patternTransform")))
        tile_w, tile_h = (abs(w) * scale if w else 0.0), (abs(h) * scale if h else 0.0)
        limit = self.limits.max_image_pixels
        if not tile_w * tile_h <= limit:
            raise LimitError(f"{self.what} fills with a <pattern> whose tile is {_px(tile_w)} x {_px(tile_h)} on "
                             f"the image, over the max_image_pixels limit of {limit}.", limit="max_image_pixels")
        content = scale
        view_box = numbers(pattern.get("viewBox"))
        if len(view_box) >= 4 and view_box[2] > 0 and view_box[3] > 0:
            content *= max(w / view_box[2], h / view_box[3])
        elif pattern.get("patternContentUnits") == "objectBoundingBox":
            content *= self._box_size(el)
        self._content(source, content, times, depth)

    def _markers(self, marker: ET.Element, el: ET.Element, scale: float, times: float, depth: int) -> None:
        # One marker per vertex at most: a path's vertices are fewer than its tokens.
        kind = local(el.tag)
        if kind == "path":
            vertices = len(_PATH_TOKEN.findall(el.get("d") or ""))
        elif kind == "line":
            vertices = 2
        else:
            vertices = len(numbers(el.get("points"))) // 2 + 1
        if marker.get("markerUnits") != "userSpaceOnUse":
            scale *= self.stroke_width
        box = numbers(marker.get("viewBox"))
        if len(box) >= 4 and box[2] > 0 and box[3] > 0:
            scale *= max(_first(marker.get("markerWidth"), 3.0) / box[2],
                         _first(marker.get("markerHeight"), 3.0) / box[3])
        self._content(marker, scale, times * vertices, depth)


def _fraction(el: ET.Element | None, name: str, default: float = 1.2) -> float:
    """An objectBoundingBox size: a fraction, or a percentage (default 120%, a filter's)."""
    value = (el.get(name) or "").strip() if el is not None else ""
    found = numbers(value)
    if not found:
        return default
    return found[0] / 100 if value.endswith("%") else found[0]


def _first(value: str | None, default: float) -> float:
    found = numbers(value)
    return found[0] if found else default


def _view_box_scale(root: ET.Element, width: float, height: float) -> float:
    """Pixels per document unit (the larger axis), 1 without a usable viewBox."""
    box = numbers(root.get("viewBox"))
    if len(box) < 4 or not all(math.isfinite(v) and v > 0 for v in box[2:4]):
        return 1.0
    return max(width / box[2], height / box[3], 1e-9)
