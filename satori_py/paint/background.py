"""Background layers of a box: ``backgroundColor`` under the ``backgroundImage`` layers.

Mirrors ``builder/background-image.ts`` (one layer: its size, position,
repeat and tile, as a ``<pattern>``) and the background part of
``builder/rect.ts`` (the layers stacked, each a shape of the border box
filled with its pattern; blend modes; ``background-clip``) of Satori 0.63.2.

Behaviour kept from the reference:

* Layers are listed top first; the colour is drawn first, then the last
  layer, ..., then the first. Each shape is the border box (rounded with the
  border radius), so backgrounds are always clipped to the border box.
* ``backgroundOrigin`` is per layer (``border-box``, ``content-box``, anything
  else the padding box); one ``backgroundClip`` box clips every layer and the
  colour (``padding-box`` or ``content-box``: with the reference's content
  mask, see :func:`_clip_mask`). ``text`` clips to a clip path of the glyphs
  that the painter passes in. A list of boxes clips each layer to its own and
  the colour as the bottom layer, as a browser does (the reference reads no
  list: the ``padding-box, border-box`` gradient border draws no border).
* ``backgroundSize``: ``cover``/``contain``, one or two lengths or
  percentages of the positioning area, ``auto`` keeps an image's ratio.
  Gradients have no intrinsic size; an SVG without width and height is
  sized like ``contain``. ``round`` rescales to a whole number of tiles.
* ``backgroundPosition``: 1 to 4 values, percentages of the free space.
* ``backgroundRepeat``: ``repeat``, ``no-repeat``, ``repeat-x``/``-y``,
  ``space`` (tiles edge to edge, position ignored; one tile is no-repeat)
  and ``round``. ``no-repeat`` is a tile too large to repeat in the box.
* Blend modes blend layers only with each other (an isolated group).

Sizes and positions come as the words the style stage read
(:func:`satori_py.style.background.layer_words`: keywords, lengths in px or
percentages of the area); nothing here parses CSS.

Patterns are ``userSpaceOnUse`` at the tile's absolute position, which is
what the reference's ``objectBoundingBox`` fractions of the border box
resolve to, without their rounding.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..images.layers import NO_LAYER_IMAGES, LayerImages
from ..js_format import js_round
from ..style.computed_types import GroupedStyle
from ..style.types import RGBA, BackgroundLayer, Gradient, LayerWords, LengthToken, Percent
from ..svg import SvgNode, fmt
from .border import content_mask
from .box import border_lines
from .compose import clipped, wrap
from .geometry import Box, Radii, rect_path, word_px

__all__ = [
    "Area",
    "background_layers",
    "box_area",
    "image_layer",
    "resolve_position",
    "resolve_size",
]

# (left, top, width, height) in px.
Area = tuple[float, float, float, float]
Edges = tuple[float, float, float, float]  # top, right, bottom, left

_X, _Y = ("left", "right"), ("top", "bottom")


def box_area(box: Area, padding: Edges, border: Edges, which: str) -> Area:
    """``getBoxArea``: the border box inset to ``which`` box (padding box by default)."""
    def inset(side: int) -> float:
        return (0.0 if which == "border-box" else border[side]) + (padding[side] if which == "content-box" else 0.0)
    left, top, width, height = box
    return (left + inset(3), top + inset(0), width - inset(3) - inset(1), height - inset(0) - inset(2))


def _length(word: str | LengthToken, base: float) -> float:
    """A word read as a length (a keyword where a length goes is 0, as the reference's NaN)."""
    px = word_px(word, base)
    return 0.0 if px is None else px


def resolve_size(size: LayerWords, area_width: float, area_height: float, image_width: float,
                 image_height: float, has_size: bool = True) -> tuple[float, float]:
    """``background-size`` (its words, read at style time) in the positioning area, with
    the image's intrinsic size if any."""
    words = size
    has_ratio = image_width > 0 and image_height > 0
    if not has_size and has_ratio and 0 < len(words) <= 2 and all(word == "auto" for word in words):
        words = ("contain",)
    if words in (("cover",), ("contain",)):
        if not has_ratio:
            return area_width, area_height
        pick = max if words[0] == "cover" else min
        scale = pick(area_width / image_width, area_height / image_height)
        return image_width * scale, image_height * scale
    width_value = words[0] if words else None
    height_value = words[1] if len(words) > 1 else "auto"
    width = None if width_value == "auto" else _length(width_value, area_width)
    height = None if height_value == "auto" else _length(height_value, area_height)
    if width is None and height is None:
        return (image_width, image_height) if has_ratio else (area_width, area_height)
    if width is None:
        assert height is not None
        width = image_width / image_height * height if has_ratio else area_width
    if height is None:
        height = image_height / image_width * width if has_ratio else area_height
    return width, height


def _is_keyword(token: str | LengthToken) -> bool:
    return token in _X or token in _Y or token == "center"


Word = str | LengthToken
# (the edge an offset is from, the offset); the edge is a keyword but for the
# reference's reading of three or four words that are not all keywords.
_EdgeOffset = tuple[Word, Word]
_HALF, _ZERO = Percent(50.0), Percent(0.0)


def resolve_position(position: LayerWords, free_width: float, free_height: float) -> tuple[float, float]:
    """``background-position`` (1 to 4 words, read at style time) as the offset of the
    image in its area."""
    tokens: Sequence[Word] = position or (None,)
    x: _EdgeOffset = ("left", _HALF)
    y: _EdgeOffset = ("top", _HALF)

    def keyword_offset(token: Word, start: str) -> _EdgeOffset:
        return (start, _HALF) if token == "center" else (token, _ZERO)

    if len(tokens) <= 2:
        first, second = tokens[0], tokens[1] if len(tokens) > 1 else "center"
        if first in _Y or second in _X:
            first, second = second, first
        x = keyword_offset(first, "left") if _is_keyword(first) else ("left", first)
        y = keyword_offset(second, "top") if _is_keyword(second) else ("top", second)
    else:
        # Keywords, each followed by an optional offset.
        assigned_x = assigned_y = False
        i = 0
        while i < len(tokens):
            keyword = tokens[i]
            offset: Word = _ZERO
            if i + 1 < len(tokens) and not _is_keyword(tokens[i + 1]):
                i += 1
                offset = tokens[i]
            if keyword in _X or (keyword == "center" and not assigned_x):
                x = ("left", _HALF) if keyword == "center" else (keyword, offset)
                assigned_x = True
            else:
                y = ("top", _HALF) if keyword == "center" else (keyword, offset)
                assigned_y = True
            i += 1
        if not assigned_y:
            y = ("top", _HALF)

    def resolve(edge_offset: _EdgeOffset, free: float) -> float:
        value = _length(edge_offset[1], free)
        return free - value if edge_offset[0] in ("right", "bottom") else value

    return resolve(x, free_width), resolve(y, free_height)


def _tile(keyword: str, image_size: float, area_size: float, area_offset: float, box_size: float,
          offset: float) -> tuple[float, float]:
    """(offset of the first tile from the box, distance between tiles) on one axis."""
    # At most 2**53 tiles: a 1e-308px image in a wide box made an infinite count.
    count = int(min(area_size // image_size, 2.0 ** 53)) if image_size > 0 else 0
    if keyword == "space" and count > 1:
        return area_offset, image_size + (area_size - count * image_size) / (count - 1)
    if keyword in ("no-repeat", "space"):
        # Far enough apart that the image does not repeat in the box.
        return area_offset + offset, box_size + abs(area_offset + offset) + image_size
    return area_offset + offset, image_size


def _rounded(image_size: float, area_size: float) -> float:
    return area_size / max(1.0, js_round(min(area_size / image_size, 2.0 ** 53)))


def image_layer(layer: BackgroundLayer, box: Area, area: Area | None, id_base: str,
                *, images: LayerImages = NO_LAYER_IMAGES, mask: bool = False) -> tuple[str, SvgNode] | None:
    """One layer as a ``<pattern>`` (id ``{id_base}``) for shapes of ``box``, or a linear or
    radial gradient (id ``{id_base}-g``) when one tile covers ``box`` exactly; None for ``none``.

    ``area`` is the positioning area (``box`` when None). ``mask`` paints
    gradients white with their alpha, for ``mask-image``. A ``url()`` image is
    one of ``images``, loaded before paint (:mod:`satori_py.images.layers`).
    """
    image = layer.image
    if isinstance(image, str) and image.strip() == "none":
        return None
    left, top, width, height = box
    repeat = layer.repeat
    assert not isinstance(repeat, str), "a layer's repeat is read at the style stage"
    repeat_x, repeat_y = repeat
    if isinstance(image, str) and not image.startswith("url("):
        return _color_layer(image, box, id_base)

    href, image_width, image_height, intrinsic = "", 0.0, 0.0, True
    if isinstance(image, str):
        source = images[image].drawn()
        if not source.drawable:
            return None
        href, image_width, image_height, intrinsic = source.href, source.width, source.height, source.intrinsic

    area_left, area_top, area_width, area_height = area or box
    words = _words(layer.size)
    w, h = resolve_size(words, area_width, area_height, image_width, image_height, intrinsic)
    # `round` fits a whole number of tiles, keeping the ratio if the other size is auto.
    width_auto = not words or words[0] == "auto"
    height_auto = len(words) < 2 or words[1] == "auto"
    if repeat_x == "round" and w > 0:
        rounded = _rounded(w, area_width)
        if repeat_y != "round" and height_auto:
            h *= rounded / w
        w = rounded
    if repeat_y == "round" and h > 0:
        rounded = _rounded(h, area_height)
        if repeat_x != "round" and width_auto:
            w *= rounded / h
        h = rounded
    if not (w > 0 and h > 0 and width > 0 and height > 0):
        return None  # an empty image draws nothing (and SVG would reject it)

    px, py = resolve_position(_words(layer.position), area_width - w, area_height - h)
    offset_x, step_x = _tile(repeat_x, w, area_width, area_left - left, width, px)
    offset_y, step_y = _tile(repeat_y, h, area_height, area_top - top, height, py)
    if not all(math.isfinite(v) for v in (offset_x, offset_y, step_x, step_y)):
        return None
    if not isinstance(image, str):
        from .gradient import gradient_content  # here: see background_layers

        content = gradient_content(image, (w, h), width, id_base, mask=mask)
        if (not mask and offset_x == 0 and offset_y == 0 and (w, h) == (width, height)
                and all(float(v).is_integer() for v in box)
                and len(content) == 2 and content[1].tag == "rect"):
            # One tile exactly over a box on whole pixels: the gradient fills the
            # shape itself, with the pattern's pixels (to 1 level on a few); a <pattern>
            # around it cost resvg ~5 ms of a 1200x630 card (a radial one ~15 %
            # of such a card's raster). (On fractional edges the pattern's own clip
            # differs by up to ~120 levels: kept there. With a translucent stop resvg's
            # two routes differ by a level over most of the box, which on a faint
            # overlay is most of the card's ink: kept there too.)
            direct = _tile_gradient(content[0], left, top) if _opaque_stops(image) else None
            if direct is not None:
                return str(direct.attrs["id"]), direct
    else:
        content = [SvgNode("image", {"x": 0, "y": 0, "width": w, "height": h,
                                     "preserveAspectRatio": "none", "href": href})]
    return id_base, _pattern(id_base, left + offset_x, top + offset_y, step_x, step_y, content)


def _words(value: str | LayerWords) -> LayerWords:
    """A layer's position or size as the style stage read it (a layer it did not type is
    a programming error)."""
    assert not isinstance(value, str), "layer words are read at the style stage"
    return value


def _opaque_stops(gradient: Gradient) -> bool:
    """Whether every stop of ``gradient`` (a style stage's gradient) is an opaque colour."""
    for stop in gradient.stops:
        space = stop.paint.space
        if space is None or space.alpha is None or space.alpha < 1:
            return False
    return True


def _tile_gradient(gradient: SvgNode, left: float, top: float) -> SvgNode | None:
    """The gradient of a one-tile pattern at ``left, top``, for the shape itself: a linear one
    as it is (objectBoundingBox: the tile's box and the shape's are the same), a radial one
    (in the tile's user space) moved by the tile's offset; None for any other."""
    if gradient.tag == "linearGradient":
        return gradient
    if gradient.tag != "radialGradient" or gradient.attrs.get("gradientUnits") != "userSpaceOnUse":
        return None
    if not (left or top):
        return gradient
    moved = f"translate({fmt(left)} {fmt(top)})"
    transform = gradient.attrs.get("gradientTransform")
    attrs = {**gradient.attrs, "gradientTransform": f"{moved} {transform}" if transform else moved}
    return SvgNode(gradient.tag, attrs, gradient.children)


def _pattern(pattern_id: str, x: float, y: float, width: float, height: float,
             content: list[SvgNode]) -> SvgNode:
    return SvgNode("pattern", {"id": pattern_id, "patternContentUnits": "userSpaceOnUse",
                               "patternUnits": "userSpaceOnUse", "x": x, "y": y, "width": width,
                               "height": height}, content)


def _color_layer(image: str, box: Area, pattern_id: str) -> tuple[str, SvgNode]:
    """A colour as an image, which the reference allows in image lists (checked at style time)."""
    left, top, width, height = box
    rect = SvgNode("rect", {"x": 0, "y": 0, "width": width, "height": height, "fill": image})
    return pattern_id, _pattern(pattern_id, left, top, width, height, [rect])


def _layers(style: GroupedStyle) -> Sequence[BackgroundLayer]:
    return style.paint.background_image or ()


def _color_fill(color: Any) -> str | None:
    if isinstance(color, RGBA):
        return None if color.transparent else color.to_css()
    return color if isinstance(color, str) and color else None


def background_layers(x: float, y: float, width: float, height: float, style: GroupedStyle,
                      radii: Radii, *, id_prefix: str, images: LayerImages = NO_LAYER_IMAGES,
                      padding: Edges = (0.0, 0.0, 0.0, 0.0), border: Edges = (0.0, 0.0, 0.0, 0.0),
                      text_clip: str | None = None) -> tuple[list[SvgNode], list[SvgNode]]:
    """The background of the border box ``x, y, width, height``: (shapes in paint order, defs).

    ``padding`` and ``border`` are (top, right, bottom, left) px; ``images`` are the
    layers' ``url()`` images (:mod:`satori_py.images.layers`). Pattern ids
    are ``{id_prefix}-bg{i}`` (layer ``i`` as listed), the clip mask
    ``{id_prefix}-bgclip``. With ``backgroundClip: text`` the shapes are
    clipped by the clip path ``text_clip`` (the element's glyphs, which the
    painter builds); without one nothing is drawn, as in the reference for an
    element without text.
    """
    clip = style.paint.background_clip
    if width <= 0 or height <= 0 or (clip == "text" and not text_clip):
        return [], []
    box = (x, y, width, height)
    layers = list(enumerate(_layers(style)))
    color_clip, layer_clips = _clips(clip, [layer for _, layer in layers])
    fills: list[tuple[str, str | None, str]] = []  # (fill, blend mode, clip)
    color = _color_fill(style.paint.background_color)
    if color is not None:
        fills.append((color, None, color_clip))
    defs: list[SvgNode] = []
    for index, layer in reversed(layers):  # the first layer is on top
        drawn = image_layer(layer, box, box_area(box, padding, border, layer.origin),
                            f"{id_prefix}-bg{index}", images=images)
        if drawn is not None:
            blend = (layer.blend_mode or "").strip().lower()
            fills.append((f"url(#{drawn[0]})", blend if blend and blend != "normal" else None, layer_clips[index]))
            defs.append(drawn[1])
    if not fills:
        return [], []

    def shape(fill: str, blend: str | None) -> SvgNode:
        style_attr = f"mix-blend-mode:{blend}" if blend else None
        if radii.any:
            return SvgNode("path", {"d": rect_path(x, y, width, height, radii), "fill": fill,
                                    "style": style_attr})
        return SvgNode("rect", {"x": x, "y": y, "width": width, "height": height, "fill": fill,
                                "style": style_attr})

    masks: set[str] = set()

    def box_clipped(nodes: list[SvgNode], box_clip: str, mask_id: str) -> list[SvgNode]:
        """``nodes`` clipped to the box ``box_clip`` names (the mask ``mask_id``, defined here)."""
        border_only = box_clip == "padding-box"
        if box_clip not in ("padding-box", "content-box") or not (any(border) or (not border_only and any(padding))):
            return nodes
        if mask_id not in masks:
            masks.add(mask_id)
            defs.append(_clip_mask(mask_id, box, padding, border, radii, style, border_only))
        return clipped(nodes, None, mask_id)

    one_clip = len({box_clip for _, _, box_clip in fills}) == 1
    if one_clip:
        shapes = [shape(fill, blend) for fill, blend, _ in fills]
    else:  # a list of clips: each layer to its own box
        shapes = [node for fill, blend, box_clip in fills
                  for node in box_clipped([shape(fill, blend)], box_clip, f"{id_prefix}-bgclip-{box_clip}")]
    if any(blend for _, blend, _ in fills):
        # Layers blend with each other only, not with what is under the element.
        shapes = wrap(shapes, {"style": "isolation:isolate"})
    if clip == "text":
        shapes = clipped(shapes, text_clip, None)
    elif one_clip:
        shapes = box_clipped(shapes, fills[0][2], f"{id_prefix}-bgclip")
    return shapes, defs


def _clips(clip: Any, layers: Sequence[BackgroundLayer]) -> tuple[str, list[str]]:
    """The box the colour is clipped to and each layer's, for ``backgroundClip`` ``clip``: one
    box for all (the reference's reading), or a list of boxes, one per layer, the colour
    clipped as the bottom layer (CSS Backgrounds 3: a browser's reading, which the
    reference lacks)."""
    if not isinstance(clip, str) or "," not in clip:
        box = clip if isinstance(clip, str) else "border-box"
        return box, [box] * len(layers)
    if not layers:
        return clip.split(",")[0].strip(), []
    own = [layer.clip for layer in layers]
    return own[-1], own


def _clip_mask(mask_id: str, box: Area, padding: Edges, border: Edges, radii: Radii,
               style: GroupedStyle, border_only: bool) -> SvgNode:
    """``background-clip`` as the reference's content mask: the inner box, less the
    border's strokes along the outline (:func:`.border.content_mask`).

    Those strokes use one padding per run of sides with the same border, so
    with uneven padding they can cut into the content box, as in the reference.
    """
    inner = box_area(box, (0.0, 0.0, 0.0, 0.0) if border_only else padding, border, "content-box")
    ix, iy, iw, ih = inner
    white = SvgNode("rect", {"x": ix, "y": iy, "width": max(0.0, iw), "height": max(0.0, ih), "fill": "#fff"})
    strokes = content_mask(Box(*box), border_lines(style), padding, radii, border_only=border_only)
    return SvgNode("mask", {"id": mask_id}, [white, *strokes])
