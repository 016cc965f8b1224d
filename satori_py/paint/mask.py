"""The ``<mask>`` of an element's ``maskImage`` layers.

Mirrors the reference's ``builder/mask-image.ts``; the layers are parsed at
style time (:mod:`satori_py.style.masks`). Each layer is an image drawn like
a background (:func:`.background.image_layer`, gradients in white with their
alpha) into the layer's clip box; layers composite with ``add``,
``subtract``, ``intersect`` or ``exclude`` through masks of masks, which
renderers support better than blending inside masks.

Kept from the reference:

* ``url()`` images mask with their alpha (an ``feColorMatrix`` paints them
  white) unless ``maskMode: luminance``; gradients are already white.
* Boxes other than ``padding-box`` and ``content-box`` are the border box.
* ``exclude`` is exact for opaque layers only.
"""
from __future__ import annotations

from typing import Any

from ..images.layers import NO_LAYER_IMAGES, LayerImages
from ..style.computed_types import GroupedStyle
from ..style.paint_types import MaskLayer
from ..style.types import BackgroundLayer
from ..svg import SvgNode, fmt
from .background import box_area, image_layer
from .compose import url, wrap_one

__all__ = ["build_mask"]

Edges = tuple[float, float, float, float]

# Paints white keeping the alpha: image masks use their alpha, SVG masks the luminance.
_ALPHA_TO_WHITE = "0 0 0 0 1 0 0 0 0 1 0 0 0 0 1 0 0 0 1 0"


def _gradients_in_user_space(pattern: SvgNode) -> None:
    """Give the pattern's bounding-box gradients user-space units, in place.

    resvg draws a mask whose content has bounding-box gradients wrongly once
    several elements reference it (every element references its ancestor's
    mask). ``userSpaceOnUse`` with the bounding box as ``gradientTransform``
    is the same gradient.
    """
    boxes = {}
    for node in pattern.children:
        fill = node.attrs.get("fill")
        if node.tag == "rect" and isinstance(fill, str) and fill.startswith("url(#"):
            boxes[fill[5:-1]] = node
    for node in pattern.children:
        target = boxes.get(str(node.attrs.get("id")))
        if node.tag not in ("linearGradient", "radialGradient") or target is None \
                or node.attrs.get("gradientUnits") is not None:
            continue
        a = target.attrs
        numbers = (a.get("width"), 0, 0, a.get("height"), a.get("x", 0), a.get("y", 0))
        bbox = "matrix(" + " ".join(fmt(float(v or 0)) for v in numbers) + ")"
        existing = node.attrs.get("gradientTransform")
        node.attrs["gradientUnits"] = "userSpaceOnUse"
        node.attrs["gradientTransform"] = f"{bbox} {existing}" if existing else bbox


def _box(name: str) -> str:
    return name if name in ("padding-box", "content-box") else "border-box"


def _rect(x: float, y: float, w: float, h: float, **attrs: Any) -> SvgNode:
    return SvgNode("rect", {"x": x, "y": y, "width": w, "height": h, **attrs})


def build_mask(mask_id: str, box: tuple[float, float, float, float], style: GroupedStyle, *,
               padding: Edges, border: Edges, images: LayerImages = NO_LAYER_IMAGES) -> list[SvgNode]:
    """The ``<mask id=mask_id>`` (and masks it is built from) of the element, or [] for none;
    ``images`` are its layers' ``url()`` images, loaded before paint."""
    layers: tuple[MaskLayer, ...] = style.paint.mask_image or ()
    if not layers:
        return []
    built: list[tuple[list[SvgNode], str]] = []  # (defs and shape of the layer, composite)
    for i, layer in enumerate(layers):
        origin = _box(layer.origin)
        area = None if origin == "border-box" else box_area(box, padding, border, origin)
        bg = BackgroundLayer(layer.image, layer.position, layer.size, layer.repeat, origin, layer.clip)
        drawn = image_layer(bg, box, area, f"{mask_id}-p{i}", images=images, mask=True)
        if drawn is None:
            continue  # a `none` layer does not mask
        pattern_id, pattern = drawn
        _gradients_in_user_space(pattern)
        clip = _box(layer.clip)
        cx, cy, cw, ch = box if clip == "border-box" else box_area(box, padding, border, clip)
        alpha = isinstance(layer.image, str) and layer.image.strip().lower().startswith("url(") \
            and layer.mode != "luminance"
        nodes = [pattern]
        filter_id = f"{mask_id}-{i}-alpha"
        if alpha:
            nodes.append(SvgNode("filter", {"id": filter_id, "color-interpolation-filters": "sRGB"}, [
                SvgNode("feColorMatrix", {"type": "matrix", "values": _ALPHA_TO_WHITE})]))
        nodes.append(_rect(cx, cy, cw, ch, fill=f"url(#{pattern_id})",
                           filter=f"url(#{filter_id})" if alpha else None))
        built.append((nodes, layer.composite))
    if not built:
        return []
    if len(built) == 1:
        return [SvgNode("mask", {"id": mask_id}, built[0][0])]
    return _composite(mask_id, box, built)


def _composite(mask_id: str, box: tuple[float, float, float, float],
               layers: list[tuple[list[SvgNode], str]]) -> list[SvgNode]:
    """Each layer a mask, and each result of compositing it with those below a mask."""
    x, y, w, h = box
    masks: list[SvgNode] = []
    inverses: set[str] = set()

    def paint(of: str) -> SvgNode:
        return _rect(x, y, w, h, fill="#fff", mask=f"url(#{of})")

    def masked(by: str, content: SvgNode) -> SvgNode:
        return wrap_one(content, {"mask": url(by)})

    def inverse(of: str) -> str:
        inverse_id = f"{of}-inverse"
        if of not in inverses:
            inverses.add(of)
            masks.append(SvgNode("mask", {"id": inverse_id}, [
                _rect(x, y, w, h, fill="#fff"), _rect(x, y, w, h, fill="#000", mask=f"url(#{of})")]))
        return inverse_id

    below = ""
    for i, (nodes, composite) in enumerate(layers):
        layer_id = f"{mask_id}-layer-{i}"
        masks.append(SvgNode("mask", {"id": layer_id}, nodes))
        if i == 0:
            below = layer_id
            continue
        if composite == "intersect":
            content = [masked(layer_id, paint(below))]
        elif composite == "subtract":
            content = [masked(inverse(below), paint(layer_id))]
        elif composite == "exclude":
            content = [masked(inverse(below), paint(layer_id)), masked(inverse(layer_id), paint(below))]
        else:
            content = [paint(below), paint(layer_id)]
        result = mask_id if i == len(layers) - 1 else f"{mask_id}-c{i}"
        masks.append(SvgNode("mask", {"id": result}, content))
        below = result
    return masks
