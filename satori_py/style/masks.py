"""The ``mask`` shorthand and the ``mask-*`` lists parsed at style time into layers.

Mirrors the reference's ``parser/mask.ts``: the painter (paint/mask.py) draws
the :class:`~.paint_types.MaskLayer` tuple this makes the computed
``maskImage``, and reads no other mask property. Kept from the reference:

* ``mask`` is kept as written by the cascade and expanded here; its
  longhands, when also given, win over it. ``WebkitMask*`` are the same
  properties (the standard one wins when both are given).
* Lists of values repeat for the layers they are too short for; ``none``
  layers are dropped; ``-webkit-mask-composite`` operators map to standard
  ones.
* An invalid shorthand or image is an error with the reference's sentence.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import StyleError
from ..js_format import js_number
from ..patterns import lazy_compile
from . import valueparser as vp
from .background import layer_fields
from .convert import shown
from .gradients import is_gradient, parse_gradient
from .paint_types import MaskLayer
from .types import RGBA
from .values import LengthContext, split_top_level

__all__ = ["MASK_PROPERTIES", "expand_mask", "mask_layers", "masks_of"]

Style = Mapping[str, Any]
Note = Callable[[StyleError], None]

_IMAGE_FUNCTION = lazy_compile(r"^(url|(repeating-)?(linear|radial|conic)-gradient)$", re.IGNORECASE)
_REPEATS = ("repeat", "space", "round", "no-repeat")
_BOXES = ("border-box", "padding-box", "content-box", "margin-box", "fill-box", "stroke-box", "view-box")
_COMPOSITES = ("add", "subtract", "intersect", "exclude")
_MODES = ("alpha", "luminance", "match-source")
_WEBKIT_COMPOSITES = {"source-over": "add", "source-in": "intersect", "source-out": "subtract", "xor": "exclude"}
_POSITION_WORDS = ("left", "right", "top", "bottom", "center")
_SIZE_WORDS = ("auto", "cover", "contain")
_LENGTH = lazy_compile(r"^[+-]?(\d+(?:\.\d*)?|\.\d+)(px|em|rem|vw|vh|vmin|vmax|%)?$", re.IGNORECASE)
_VALID_IMAGE = lazy_compile(r"^(none|url\(.*\)|(repeating-)?(linear|radial|conic)-gradient\(.*\))$",
                          re.IGNORECASE | re.DOTALL)
_LONGHANDS = ("image", "position", "size", "repeat", "origin", "clip", "composite", "mode")
_INITIAL = {"position": "0% 0%", "size": "auto", "repeat": "repeat", "origin": "border-box",
            "clip": "border-box", "composite": "add", "mode": "match-source"}


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


_SHORTHANDS = ("mask", "WebkitMask")
_STANDARD = tuple(f"mask{key.capitalize()}" for key in _LONGHANDS)
_PREFIXED = {f"WebkitM{name[1:]}": name for name in _STANDARD}


def _declared(style: Style) -> dict[str, str]:
    """The mask longhands, as the reference's expansion leaves them: in declaration order, a
    shorthand (either one) sets every standard longhand and a later longhand overrides it (a
    later shorthand overrides an earlier longhand: its invalid image is then an error); a
    standard longhand wins over its ``WebkitMask*`` one whatever their order."""
    out: dict[str, str] = {}
    prefixed: dict[str, str] = {}
    for name, value in style.items():
        if name in _SHORTHANDS or name in _STANDARD or name in _PREFIXED:
            text = _text(value)
            if text is None:
                continue
            if name in _SHORTHANDS:
                out.update(expand_mask(text.strip()))
            elif name in _STANDARD:
                out[name] = text
            else:
                prefixed[_PREFIXED[name]] = text
    return {**prefixed, **out}


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


# Every property a mask is made of: folded into the computed ``maskImage``.
MASK_PROPERTIES = ("mask", "WebkitMask", *(f"{prefix}{key.capitalize()}" for prefix in ("mask", "WebkitMask")
                                           for key in _LONGHANDS))
_SET_BY = ("maskImage", "WebkitMaskImage", "mask", "WebkitMask")


def masks_of(style: Style, font_size: float, lengths: LengthContext, note: Note,
             current: RGBA | None = None) -> tuple[MaskLayer, ...] | None:
    """The computed ``maskImage``: the layers of the mask properties of ``style``
    from the bottom one (gradients parsed in the element's font size and
    ``lengths``, their stops against the colour ``current``), ``()`` for a mask of
    ``none`` layers (it still makes a stacking context), None for no mask. Raises
    StyleError on an invalid value; ``note`` is told of stops that are not read."""
    if not any(style.get(key) not in (None, "", "none") for key in _SET_BY):
        return None
    return tuple(layer.replace(image=parse_gradient(layer.image, font_size, lengths, note, current, "maskImage")
                               if isinstance(layer.image, str) and is_gradient(layer.image) else layer.image,
                               **layer_fields(layer, font_size, lengths, note, "mask"))
                 for layer in _noted(mask_layers(style), note))



def _noted(layers: list[MaskLayer], note: Note) -> list[MaskLayer]:
    """``layers``, their composites and modes that the painter does not read (it composites
    them with ``add``, masks with the image's alpha) given to ``note``."""
    for layer in layers:
        if layer.composite not in _COMPOSITES:
            note(StyleError(f'Invalid value "{shown(layer.composite)}" for CSS property "maskComposite": add is used.',
                            prop="maskComposite", value=layer.composite))
        if layer.mode not in _MODES:
            note(StyleError(f'Invalid value "{shown(layer.mode)}" for CSS property "maskMode": match-source is used.',
                            prop="maskMode", value=layer.mode))
    return layers
