"""``text-shadow``: the filter the reference draws under text (``buildDropShadow``).

Mirrors ``buildDropShadow`` of the reference's ``builder/shadow.ts``: for each
shadow, the text's alpha is blurred, moved and flooded with the colour, and
the shadows are merged under the text. The filter region is given in
percentages of the text box (grown by a tenth, as glyphs may overflow their
metrics), which resvg applies to the bounding box of what the filter draws:
the glyphs' outlines.

Leaner than the reference, for the same pixels:

* The region grows no farther than the blur reaches (the same pixels: resvg
  allocates the region, and a 300px blur's took gigabytes).
* One shadow runs in sRGB, not linearRGB (see :func:`drop_shadow_filter`); one black
  shadow is a single ``feDropShadow`` (resvg draws it to the chain's pixels without the
  chain's four intermediate images of the region).
* Text drawn untransformed and only as glyph paths gets its region in user
  space: the reference's region placed on the glyphs' bounding box (computed
  from the path data, tightly, as usvg computes it; then on whole pixels, as
  resvg rounds it), cut on each side to what can draw there: the glyphs grown
  by the blur's support, and moved by each shadow's offset. A line box is
  taller than its glyphs and the reference's margins are a share of it, so its
  region is often most of a card's width and twice the glyphs' height.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import accumulate, compress, repeat
from operator import sub
from typing import Any

from ..cache import BoundedCache
from ..limits import active
from ..patterns import NUMBER, lazy_compile
from ..style.computed_types import GroupedStyle
from ..svg import SvgNode
from ..text.processor import color_css
from .shadow import blur_reach
from .shadow_split import box_blur_reach

__all__ = ["drop_shadow_filter", "path_bounds", "text_shadow_extent", "text_shadows"]

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1

# The filter region is larger than the text box: glyphs may overflow their metrics.
_SHADOW_SCALE = 1.1


def _to_fixed(value: float) -> str:
    """JavaScript's ``toFixed(2)`` (ties of the exact binary value round up)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    from decimal import ROUND_HALF_UP, Decimal  # text shadows only

    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _percent(part: float, whole: float) -> str:
    if whole == 0:
        ratio = math.nan if part == 0 else math.copysign(math.inf, part)
    else:
        ratio = part / whole
    return _to_fixed(ratio * 100 * _SHADOW_SCALE) + "%"


def text_shadow_extent(style: GroupedStyle) -> float:
    """How far the text shadows of ``style`` draw from the glyphs (offset plus blur), in px."""
    return max((abs(dx) + abs(dy) + 2 * radius for dx, dy, radius, _ in text_shadows(style)), default=0.0)


def text_shadows(style: GroupedStyle) -> list[tuple[float, float, float, str]]:
    """``(dx, dy, blur radius, colour)`` of each ``text-shadow`` layer (the style stage folds
    ``textShadowOffset``, ``-Color`` and ``-Radius`` into them)."""
    return [(float(s.offset_x), float(s.offset_y), float(s.blur), color_css(s.color))
            for s in style.text.text_shadow]


# --- the glyphs' bounding box ---------------------------------------------------------------

_TOKEN = lazy_compile("[A-Za-z]|" + NUMBER)
_ARITY = {"M": 1, "L": 1, "Q": 2, "C": 3, "Z": 0}
_N = r"-?\d+(?:\.\d)?"  # text.outlines' numbers: tenths
_NUMBER = lazy_compile(_N)
# Its quadratic path data: M, L, Q with their numbers one space apart, Z before an M or the end
# (the glyph paths of a text are joined with spaces).
_QUADRATIC_GLYPHS = lazy_compile(rf"(?:[ML]{_N} {_N}|Q{_N}(?: {_N}){{3}}|Z *(?=M|$))*")
_OPS_ONLY = str.maketrans("", "", "0123456789 .-")
_SIZES = bytes.maketrans(b"MLQZ", bytes([2, 2, 4, 0]))  # a command's count of numbers
_CURVES = bytes.maketrans(b"MLQZ", bytes([0, 0, 1, 0]))
# Bounds by path data (a line of text is ~2-10 kB of it): a card drawn again has the same text.
_BOUNDS: BoundedCache[tuple[int, Rect | None]] = BoundedCache(256, weigh=lambda hit: hit[0], max_weight=2_000_000)


def _extremes(a: float, b: float, c: float, d: float | None = None) -> list[float]:
    """Where a quadratic (a, b, c) or cubic (a, b, c, d) Bezier coordinate turns, 0 < t < 1."""
    if d is None:
        denominator = a - 2 * b + c
        return [(a - b) / denominator] if denominator else []
    # The derivative's roots: 3((b-a)(1-t)^2 + 2(c-b)t(1-t) + (d-c)t^2).
    p, q, r = b - a, c - b, d - c
    qa, qb, qc = p - 2 * q + r, 2 * (q - p), p
    if abs(qa) < 1e-12:
        return [-qc / qb] if qb else []
    disc = qb * qb - 4 * qa * qc
    if disc < 0:
        return []
    root = math.sqrt(disc)
    return [(-qb + root) / (2 * qa), (-qb - root) / (2 * qa)]


def _at(t: float, coords: Sequence[float]) -> float:
    if len(coords) == 3:
        a, b, c = coords
        return (1 - t) ** 2 * a + 2 * (1 - t) * t * b + t * t * c
    a, b, c, d = coords
    return (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t * t * c + t ** 3 * d


def path_bounds(d: str) -> Rect | None:
    """The tight bounding box of path data made of absolute M, L, Q, C and Z commands (the
    glyph outlines'), as usvg computes it; None for other commands or no drawing."""
    hit = _BOUNDS.get(d)
    if hit is None:
        hit = (len(d), _glyph_bounds(d) if d.startswith("M") and _QUADRATIC_GLYPHS.fullmatch(d) else
               _any_path_bounds(d))
        _BOUNDS.put(d, hit)
    return hit[1]


def _glyph_bounds(d: str) -> Rect | None:
    # TrueType glyphs in text.outlines' format, read with C-level passes: the numbers, and
    # where each command's end in them (its end point is the box's). A curve can only reach
    # past the end points where its control point does not lie strictly between them (its
    # turning point lies between the control point and its nearer end, and the numbers are
    # tenths, far apart for any rounding); those curves get _any_path_bounds' arithmetic.
    numbers = list(map(float, _NUMBER.findall(d)))
    ops = d.translate(_OPS_ONLY).encode("ascii")
    sizes = ops.translate(_SIZES)
    ends = list(compress(accumulate(sizes), sizes))  # after each command but Z
    if not ends:
        return None
    at = numbers.__getitem__
    xs = list(map(at, map(sub, ends, repeat(2))))
    ys = list(map(at, map(sub, ends, repeat(1))))
    x_lo, x_hi, y_lo, y_hi = min(xs), max(xs), min(ys), max(ys)
    for end in compress(accumulate(sizes), ops.translate(_CURVES)):  # a Q's numbers end at `end`
        for back, into, lo, hi in ((2, xs, x_lo, x_hi), (1, ys, y_lo, y_hi)):  # x, then y
            control = numbers[end - back - 2]
            if not lo < control < hi:  # from the previous command's end point, to its own
                coords = [numbers[end - back - 4], control, numbers[end - back]]
                into.extend(_at(t, coords) for t in _extremes(*coords) if 0 < t < 1)
    return min(xs), min(ys), max(xs), max(ys)


def _any_path_bounds(d: str) -> Rect | None:
    """:func:`path_bounds` of path data in any separators and number format."""
    tokens = _TOKEN.findall(d)
    xs: list[float] = []
    ys: list[float] = []
    x = y = start_x = start_y = 0.0
    op = ""
    i = 0
    try:
        while i < len(tokens):
            if tokens[i].isalpha():
                op = tokens[i]
                i += 1
                if op == "Z":
                    x, y = start_x, start_y
                    continue
                if op not in _ARITY:
                    return None
            elif op in ("", "Z"):
                return None
            numbers = [float(v) for v in tokens[i:i + 2 * _ARITY[op]]]
            i += 2 * _ARITY[op]
            if op in ("Q", "C"):
                for axis, (values, into) in enumerate(((numbers[0::2], xs), (numbers[1::2], ys))):
                    coords = [(x, y)[axis], *values]
                    into.extend(_at(t, coords) for t in _extremes(*coords) if 0 < t < 1)
            x, y = numbers[-2], numbers[-1]
            xs.append(x)
            ys.append(y)
            if op == "M":
                start_x, start_y = x, y
                op = "L"  # more pairs after a moveto are linetos
    except (ValueError, IndexError):
        return None
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


# --- the filter -------------------------------------------------------------------------------

def _support(sigma: float) -> int:
    """How far resvg's blur of ``sigma`` carries a pixel: as far as its five box blurs leave
    anything but 0 (:func:`~.shadow_split.box_blur_reach`; an IIR blur, at 2 and below, thins
    out within four sigma). The glyphs draw nothing past their box, so a region cut there has
    the pixels of the whole one: the blur treats what is outside it as 0, as it is."""
    if sigma <= 0:
        return 0
    if sigma <= 2:
        return math.ceil(4 * sigma) + 1
    return box_blur_reach(sigma)


def _user_space_region(percent: Sequence[str], glyphs: Rect, overhang: float,
                       shadows: Sequence[tuple[float, float, float, str]]) -> dict[str, Any] | None:
    """The reference's region (``percent`` x, y, width, height of the glyphs' box) on whole
    pixels, each side cut to what the shadows or the glyphs (``overhang`` past their box)
    can draw there; None where resvg would not place the region that way."""
    x0, y0, x1, y1 = glyphs
    width, height = x1 - x0, y1 - y0
    try:
        fx, fy, fw, fh = (float(p[:-1]) / 100 for p in percent)
    except ValueError:
        return None
    if width <= 0 or height <= 0 or not all(map(math.isfinite, (fx, fy, fw, fh))) or fw <= 0 or fh <= 0:
        return None
    left, top = math.floor(x0 + fx * width), math.floor(y0 + fy * height)
    right, bottom = left + math.ceil(fw * width), top + math.ceil(fh * height)
    need = [x0 - overhang, y0 - overhang, x1 + overhang, y1 + overhang]
    for dx, dy, radius, _ in shadows:
        grow = overhang + _support(radius / 2) + 1
        need = [min(need[0], x0 - grow, x0 - grow + dx), min(need[1], y0 - grow, y0 - grow + dy),
                max(need[2], x1 + grow, x1 + grow + dx), max(need[3], y1 + grow, y1 + grow + dy)]
    left, top = max(left, math.floor(need[0])), max(top, math.floor(need[1]))
    right, bottom = min(right, math.ceil(need[2])), min(bottom, math.ceil(need[3]))
    if right <= left or bottom <= top:
        return None
    return {"x": left, "y": top, "width": right - left, "height": bottom - top, "filterUnits": "userSpaceOnUse"}


def drop_shadow_filter(id_: str, width: float, height: float,
                       shadows: Sequence[tuple[float, float, float, str]],
                       transparent_text: bool = False,
                       glyphs: tuple[Rect, float] | None = None,
                       stretch: tuple[float, float] = (1.0, 1.0)) -> SvgNode:
    """The ``<filter>`` of text shadows (``buildDropShadow``), the first shadow on top.

    ``glyphs``: the bounding box of the glyph paths it filters (all it filters, drawn
    untransformed) and how far their strokes reach past it; the region is then in user space.
    ``stretch``: how much the text's transform stretches it (``matrix_stretch``): the
    transform goes on the glyphs inside the filter, whose region is a share of their box on
    the image, so resvg allocates the region at the stretched size.
    """
    left, right, top, bottom = 0.0, width, 0.0, height
    effects: list[SvgNode] = []
    merge: list[SvgNode] = []
    for i, (dx, dy, radius, color) in enumerate(shadows):
        # The reference's radius^2 / 4, but no farther than the blur reaches (the same
        # pixels: resvg allocates the region, and a 300px blur's took gigabytes).
        grow = min(radius * radius / 4, blur_reach(radius))
        left = min(dx - grow, left)
        right = max(dx + grow + width, right)
        top = min(dy - grow, top)
        bottom = max(dy + grow + height, bottom)
        result = f"satori_s-{id_}-result-{i}"
        effects += [
            SvgNode("feGaussianBlur", {"in": "SourceAlpha", "stdDeviation": radius / 2,
                                       "result": f"{result}-blur"}),
            SvgNode("feOffset", {"in": f"{result}-blur", "dx": dx, "dy": dy,
                                 "result": f"{result}-offset"}),
            SvgNode("feFlood", {"flood-color": color, "flood-opacity": 1,
                                "result": f"{result}-color"}),
            SvgNode("feComposite", {"in": f"{result}-color", "in2": f"{result}-offset",
                                    "operator": "in", "result": result}),
        ]
        merge.insert(0, SvgNode("feMergeNode", {"in": result}))
    if not transparent_text:
        merge.append(SvgNode("feMergeNode", {"in": "SourceGraphic"}))
    sx, sy = stretch
    active().count_region(math.ceil((right - left) * _SHADOW_SCALE * sx),
                          math.ceil((bottom - top) * _SHADOW_SCALE * sy), what="The region of the text shadows",
                          prop="textShadow")
    percent = (_percent(left, width), _percent(top, height), _percent(right - left, width),
               _percent(bottom - top, height))
    region = _user_space_region(percent, *glyphs, shadows) if glyphs is not None else None
    # One shadow runs in sRGB, not linearRGB: a flood of one colour under the text merged back
    # as it is changes by rounding only, and the round trip of every pixel of the region (two
    # passes per primitive in resvg) was about a tenth of a text-shadowed card's raster.
    # Several shadows stay in linearRGB: where they overlap, the blend is the space's own.
    return SvgNode("filter", {
        "id": f"satori_s-{id_}",
        **(region or dict(zip(("x", "y", "width", "height"), percent))),
        "color-interpolation-filters": "sRGB" if len(shadows) == 1 else None,
    }, _drop_shadow(shadows[0]) if len(shadows) == 1 and not transparent_text and _black(shadows[0][3])
        else [*effects, SvgNode("feMerge", {}, merge)])


def _black(color: str) -> bool:
    """Whether a shadow colour (as ``RGBA.to_css`` writes it) is black, at any opacity."""
    return color in ("#000", "black") or color.startswith("rgba(0,0,0,")


def _drop_shadow(shadow: tuple[float, float, float, str]) -> list[SvgNode]:
    """One black shadow under the text as one ``feDropShadow``: resvg draws it as the chain
    above does (the alpha blurred, flooded with the colour's opacity, moved, the text drawn
    over it), to the same pixels, without the chain's four images of the region in between
    (event-gala's raster 217.3M -> 213.7M instructions). Only black: resvg's drop shadow then
    converts its flooded colour as if it were linear (sRGB filters), which leaves black alone
    and changes any other colour (by up to 170 of 255)."""
    dx, dy, radius, color = shadow
    return [SvgNode("feDropShadow", {"dx": dx, "dy": dy, "stdDeviation": radius / 2,
                                     "flood-color": color, "flood-opacity": 1})]
