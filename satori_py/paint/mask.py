"""``maskImage`` and the ``mask-*`` properties: layers, and the ``<mask>`` they make.

Mirrors the reference's ``parser/mask.ts`` (the ``mask`` shorthand and the
layer lists) and ``builder/mask-image.ts``. Each layer is an image drawn like
a background (:func:`.background.image_layer`, gradients in white with their
alpha) into the layer's clip box; layers composite with ``add``,
``subtract``, ``intersect`` or ``exclude`` through masks of masks, which
renderers support better than blending inside masks.

Kept from the reference:

* The style stage keeps ``mask`` as written, so it is expanded here; its
  longhands, when also given, win over it.
* Lists of values repeat for the layers they are too short for; ``none``
  layers are dropped; ``-webkit-mask-composite`` operators map to standard
  ones.
* ``url()`` images mask with their alpha (an ``feColorMatrix`` paints them
  white) unless ``maskMode: luminance``; gradients are already white.
* Boxes other than ``padding-box`` and ``content-box`` are the border box.
* ``exclude`` is exact for opaque layers only.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import StyleError
from ..style import valueparser as vp
from ..style.types import BackgroundLayer
from ..style.values import js_number, split_top_level
from ..svg import SvgNode, fmt
from .background import box_area, image_layer
from .compose import url, wrap_one
from .gradient_stops import PaintStyle
from .image import Fetcher

__all__ = ["MaskLayer", "build_mask", "expand_mask", "mask_layers"]

Style = Mapping[str, Any]
Edges = tuple[float, float, float, float]

_IMAGE_FUNCTION = re.compile(r"^(url|(repeating-)?(linear|radial|conic)-gradient)$", re.IGNORECASE)
_REPEATS = ("repeat", "space", "round", "no-repeat")
_BOXES = ("border-box", "padding-box", "content-box", "margin-box", "fill-box", "stroke-box", "view-box")
_COMPOSITES = ("add", "subtract", "intersect", "exclude")
_MODES = ("alpha", "luminance", "match-source")
_WEBKIT_COMPOSITES = {"source-over": "add", "source-in": "intersect", "source-out": "subtract", "xor": "exclude"}
_POSITION_WORDS = ("left", "right", "top", "bottom", "center")
_SIZE_WORDS = ("auto", "cover", "contain")
_LENGTH = re.compile(r"^[+-]?(\d+(?:\.\d*)?|\.\d+)(px|em|rem|vw|vh|vmin|vmax|%)?$", re.IGNORECASE)
_VALID_IMAGE = re.compile(r"^(none|url\(.*\)|(repeating-)?(linear|radial|conic)-gradient\(.*\))$",
                          re.IGNORECASE | re.DOTALL)
# Paints white keeping the alpha: image masks use their alpha, SVG masks the luminance.
_ALPHA_TO_WHITE = "0 0 0 0 1 0 0 0 0 1 0 0 0 0 1 0 0 0 1 0"
_LONGHANDS = ("image", "position", "size", "repeat", "origin", "clip", "composite", "mode")
_INITIAL = {"position": "0% 0%", "size": "auto", "repeat": "repeat", "origin": "border-box",
            "clip": "border-box", "composite": "add", "mode": "match-source"}


@dataclass(frozen=True, slots=True)
class MaskLayer:
    image: str
    position: str = "0% 0%"
    size: str = "auto"
    repeat: str = "repeat"
    origin: str = "border-box"
    clip: str = "border-box"
    composite: str = "add"
    mode: str = "match-source"


def _invalid(value: str) -> StyleError:
    return StyleError(f'Invalid `mask` value: "{value}".', prop="mask", value=value)


def _is_length(word: str) -> bool:
    return bool(_LENGTH.match(word))


def _parse_layer(nodes: list[vp.Node], value: str) -> dict[str, str]:
    found: dict[str, str] = {}
    boxes: list[str] = []

    def word_at(i: int) -> str:
        return nodes[i].value.lower() if 0 <= i < len(nodes) and nodes[i].type == "word" else ""

    i = 0
    while i < len(nodes):
        node, word = nodes[i], word_at(i)
        if "image" not in found and ((node.type == "function" and _IMAGE_FUNCTION.match(node.value))
                                     or word == "none"):
            found["image"] = vp.stringify(node)
        elif "repeat" not in found and word in ("repeat-x", "repeat-y"):
            found["repeat"] = word
        elif "repeat" not in found and word in _REPEATS:
            found["repeat"] = word
            if word_at(i + 1) in _REPEATS:
                i += 1
                found["repeat"] += " " + word_at(i)
        elif len(boxes) < 2 and (word in _BOXES or (len(boxes) == 1 and word == "no-clip")):
            boxes.append(word)
        elif "composite" not in found and word in _COMPOSITES:
            found["composite"] = word
        elif "mode" not in found and word in _MODES:
            found["mode"] = word
        elif "position" not in found and (word in _POSITION_WORDS or _is_length(word)):
            tokens = [word]
            while len(tokens) < 4 and (word_at(i + 1) in _POSITION_WORDS or _is_length(word_at(i + 1))):
                i += 1
                tokens.append(word_at(i))
            found["position"] = " ".join(tokens)
            if i + 1 < len(nodes) and nodes[i + 1].type == "div" and nodes[i + 1].value == "/":
                i += 1
                sizes: list[str] = []
                while len(sizes) < 2 and (word_at(i + 1) in _SIZE_WORDS or _is_length(word_at(i + 1))):
                    i += 1
                    sizes.append(word_at(i))
                if not sizes:
                    raise _invalid(value)
                found["size"] = " ".join(sizes)
        else:
            raise _invalid(value)
        i += 1
    found.setdefault("image", "none")
    if boxes:
        found["origin"] = boxes[0]
        found["clip"] = boxes[1] if len(boxes) > 1 else boxes[0]
    return {key: found.get(key, _INITIAL.get(key, "")) for key in _LONGHANDS}


def expand_mask(value: str) -> dict[str, str]:
    """The ``mask`` shorthand as its longhands (``maskImage`` ...), lists joined with ", "."""
    layers: list[list[vp.Node]] = [[]]
    for node in vp.parse(value):
        if node.type == "div" and node.value == ",":
            layers.append([])
        elif node.type not in ("space", "comment"):
            layers[-1].append(node)
    if any(not nodes for nodes in layers):
        raise _invalid(value)
    parsed = [_parse_layer(nodes, value) for nodes in layers]
    return {f"mask{key.capitalize()}": ", ".join(layer[key] for layer in parsed) for key in _LONGHANDS}


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # The style stage resolves a single length to px.
        return f"{js_number(float(value))}px"
    return str(value)


def _declared(style: Style) -> dict[str, str]:
    """The mask longhands: the shorthand's, then the longhands given (``WebkitMask*`` too)."""
    out: dict[str, str] = {}
    for shorthand in ("mask", "WebkitMask"):
        text = _text(style.get(shorthand))
        if text is not None:
            out.update(expand_mask(text.strip()))
    for key in _LONGHANDS:
        name = f"mask{key.capitalize()}"
        text = _text(style.get(name)) or _text(style.get(f"Webkit{name[0].upper()}{name[1:]}"))
        if text is not None:
            out[name] = text
    return out


def mask_layers(style: Style) -> list[MaskLayer]:
    """The layers of the element's mask, from the bottom one; raise on an invalid image."""
    declared = _declared(style)
    images = declared.get("maskImage")
    if not images:
        return []

    def values(key: str) -> list[str]:
        text = declared.get(f"mask{key.capitalize()}")
        return split_top_level(text) if text else []

    lists = {key: values(key) for key in _LONGHANDS[1:]}
    layers = []
    for i, image in enumerate(split_top_level(images)):
        if not _VALID_IMAGE.match(image.strip()):
            raise StyleError(f'Invalid background image: "{image}"', prop="maskImage", value=image)
        fields = {key: (lst[i % len(lst)].strip() if lst else _INITIAL[key]) for key, lst in lists.items()}
        composite = fields["composite"].lower()
        fields["composite"] = _WEBKIT_COMPOSITES.get(composite, composite)
        fields["mode"] = fields["mode"].lower()
        if image and image != "none":
            layers.append(MaskLayer(image, **fields))
    return layers[::-1]


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


def build_mask(mask_id: str, box: tuple[float, float, float, float], style: Style, *,
               padding: Edges, border: Edges, fetcher: Fetcher | None = None) -> list[SvgNode]:
    """The ``<mask id=mask_id>`` (and masks it is built from) of the element, or [] for none."""
    layers = mask_layers(style)
    if not layers:
        return []
    ps = PaintStyle.from_style(style)
    built: list[tuple[list[SvgNode], str]] = []  # (defs and shape of the layer, composite)
    for i, layer in enumerate(layers):
        origin = _box(layer.origin)
        area = None if origin == "border-box" else box_area(box, padding, border, origin)
        bg = BackgroundLayer(layer.image, layer.position, layer.size, layer.repeat, origin, layer.clip)
        drawn = image_layer(bg, box, area, f"{mask_id}-p{i}", ps, fetcher=fetcher, mask=True)
        if drawn is None:
            continue  # a `none` layer does not mask
        pattern_id, pattern = drawn
        _gradients_in_user_space(pattern)
        clip = _box(layer.clip)
        cx, cy, cw, ch = box if clip == "border-box" else box_area(box, padding, border, clip)
        alpha = layer.image.strip().lower().startswith("url(") and layer.mode != "luminance"
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
