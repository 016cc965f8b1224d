"""The ``background`` shorthand, split into its longhands.

Mirrors the reference's ``parser/background.ts``: comma-separated layers of
``<bg-image> || <position> [/ <size>] || <repeat> || <attachment> || <box>{1,2}``
and a colour in the final layer. Lists are only set when a layer has an
image; omitted longhands are reset (None).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..errors import StyleError
from ..patterns import lazy_compile
from . import valueparser as vp
from .colors import parse_color
from .convert import shown
from .paint_types import MaskLayer
from .types import BackgroundLayer, LayerWords, LengthToken, Repeat
from .values import LengthContext, js_string, length_token

__all__ = ["expand_background", "layer_fields", "layer_words", "repeat_words"]

# The words of a layer's position and size the painter reads as keywords.
_LAYER_KEYWORDS = frozenset({"left", "right", "top", "bottom", "center", "auto", "cover", "contain"})
_REPEAT_KEYWORDS = frozenset({"repeat", "space", "round", "no-repeat"})
Note = Callable[[StyleError], None]


def layer_words(text: str | LayerWords, default: str, font_size: float, lengths: LengthContext,
                note: Note | None = None, prop: str = "") -> LayerWords:
    """A layer's ``position`` or ``size`` (``default`` when empty) as the painter reads it:
    lowercased words, the keywords as they are and the others read as lengths in the
    element's font size and viewport (percentages of the area, when painted). A word that
    is neither is drawn as 0 and given to ``note`` (with ``prop``)."""
    if not isinstance(text, str):
        return text  # already read (a memoised layer)
    words: list[str | LengthToken] = []
    for word in (text or default).strip().lower().split():
        token = word if word in _LAYER_KEYWORDS else length_token(word, font_size, lengths)
        if token is None and note is not None:
            note(StyleError(f'Invalid value "{shown(word)}" in CSS property "{prop}": 0 is used.', prop=prop,
                            value=text))
        words.append(token)
    return tuple(words)


def repeat_words(text: str | Repeat, note: Note | None = None, prop: str = "") -> Repeat:
    """A layer's ``repeat`` as the painter reads it: one keyword per axis (``repeat-x`` and
    ``repeat-y`` are both). A keyword the painter does not know repeats the image, and a
    third word is not read: given to ``note`` (with ``prop``)."""
    if not isinstance(text, str):
        return text  # already read (a memoised layer)
    words = (text or "repeat").strip().lower().split() or [""]
    if words[0] == "repeat-x":
        pair = ("repeat", "no-repeat")
    elif words[0] == "repeat-y":
        pair = ("no-repeat", "repeat")
    else:
        pair = (words[0], words[1] if len(words) > 1 else words[0])
    if note is not None and (len(words) > 2 or any(w not in _REPEAT_KEYWORDS for w in pair)):
        note(StyleError(f'Invalid value "{shown(text)}" for CSS property "{prop}": the image is repeated.',
                        prop=prop, value=text))
    return pair


# The boxes a layer's origin (and a mask layer's clip) can name, and the one the painter
# takes for any other word, by kind of layer.
_BOXES_OF = {"background": (("", "border-box", "padding-box", "content-box"), "padding-box"),
             "mask": (("border-box", "padding-box", "content-box"), "border-box")}


def layer_fields(layer: BackgroundLayer | MaskLayer, font_size: float, lengths: LengthContext, note: Note,
                 prefix: str) -> dict[str, Any]:
    """The position, size and repeat of a background (``prefix`` "background") or mask
    ("mask") layer, read as the painter reads them; an origin (and a mask's clip) that
    names no box is noted."""
    boxes, fallback = _BOXES_OF[prefix]
    named = [("Origin", layer.origin)] + ([("Clip", layer.clip)] if prefix == "mask" else [])
    for name, box in named:
        if box not in boxes:
            note(StyleError(f'Invalid value "{shown(box)}" for CSS property "{prefix}{name}": {fallback} is used.',
                            prop=f"{prefix}{name}", value=box))
    return {"position": layer_words(layer.position, "0% 0%", font_size, lengths, note, f"{prefix}Position"),
            "size": layer_words(layer.size, "auto", font_size, lengths, note, f"{prefix}Size"),
            "repeat": repeat_words(layer.repeat, note, f"{prefix}Repeat")}

_IMAGE_FUNCTION = lazy_compile(r"^(url|(repeating-)?(linear|radial|conic)-gradient)$", re.IGNORECASE)
_REPEATS = ("repeat", "space", "round", "no-repeat")
_ATTACHMENTS = ("scroll", "fixed", "local")
_BOXES = ("border-box", "padding-box", "content-box")
_POSITIONS = ("left", "right", "top", "bottom", "center")
_SIZES = ("auto", "cover", "contain")
_LENGTH_PERCENTAGE = lazy_compile(r"^[+-]?(\d+(?:\.\d*)?|\.\d+)(px|em|rem|vw|vh|vmin|vmax|%)?$", re.IGNORECASE)


def _layer(nodes: list[vp.Node], final: bool, value: str) -> dict[str, str | None]:
    def invalid() -> StyleError:
        return StyleError(f'Invalid `background` value: "{value}".', prop="background", value=value)

    def word_at(i: int) -> str:
        return nodes[i].value.lower() if 0 <= i < len(nodes) and nodes[i].type == "word" else ""

    def is_position(word: str) -> bool:
        return word in _POSITIONS or bool(_LENGTH_PERCENTAGE.match(word))

    image = position = size = repeat = attachment = color = None
    boxes: list[str] = []
    i = 0
    while i < len(nodes):
        node, word = nodes[i], word_at(i)
        if image is None and ((node.type == "function" and _IMAGE_FUNCTION.match(node.value)) or word == "none"):
            image = vp.stringify(node)
        elif repeat is None and word in ("repeat-x", "repeat-y"):
            repeat = word
        elif repeat is None and word in _REPEATS:
            repeat = word
            if word_at(i + 1) in _REPEATS:
                i += 1
                repeat += " " + word_at(i)
        elif attachment is None and word in _ATTACHMENTS:
            attachment = word
        elif len(boxes) < 2 and (word in _BOXES or (final and word == "text")):
            boxes.append(word)
        elif position is None and is_position(word):
            tokens = [word]
            while len(tokens) < 4 and is_position(word_at(i + 1)):
                i += 1
                tokens.append(word_at(i))
            position = " ".join(tokens)
            if i + 1 < len(nodes) and nodes[i + 1].type == "div" and nodes[i + 1].value == "/":
                i += 1
                size_tokens: list[str] = []
                while len(size_tokens) < 2 and (word_at(i + 1) in _SIZES or _LENGTH_PERCENTAGE.match(word_at(i + 1))):
                    i += 1
                    size_tokens.append(word_at(i))
                if not size_tokens:
                    raise invalid()
                size = " ".join(size_tokens)
        elif final and color is None and node.type in ("word", "function") and (
                word == "transparent" or parse_color(vp.stringify(node)) is not None):
            color = vp.stringify(node)
        else:
            raise invalid()
        i += 1
    return {"image": image or "none", "position": position or "0% 0%", "size": size or "auto",
            "repeat": repeat or "repeat", "origin": boxes[0] if boxes else "padding-box",
            "clip": boxes[1] if len(boxes) > 1 else boxes[0] if boxes else "border-box", "color": color}


def expand_background(value: Any) -> dict[str, Any]:
    text = js_string(value).strip()
    groups: list[list[vp.Node]] = [[]]
    for node in vp.parse(text):
        if node.type == "div" and node.value == ",":
            groups.append([])
        elif node.type not in ("space", "comment"):
            groups[-1].append(node)
    if any(not nodes for nodes in groups):
        raise StyleError(f'Invalid `background` value: "{text}".', prop="background", value=text)
    layers = [_layer(nodes, i == len(groups) - 1, text) for i, nodes in enumerate(groups)]
    has_image = any(layer["image"] != "none" for layer in layers)

    def joined(key: str) -> str | None:
        return ", ".join(str(layer[key]) for layer in layers) if has_image else None

    final = layers[-1]
    # Each layer's own clip, as a browser draws them (the reference keeps the final layer's,
    # a bug: the `padding-box, border-box` gradient border draws no border); one value
    # when they are the same.
    clips = {layer["clip"] for layer in layers}
    clip = joined("clip") if has_image and len(clips) > 1 else final["clip"]
    return {"backgroundColor": final["color"], "backgroundImage": joined("image"),
            "backgroundPosition": joined("position"), "backgroundSize": joined("size"),
            "backgroundRepeat": joined("repeat"), "backgroundOrigin": joined("origin"),
            "backgroundClip": None if clip == "border-box" else clip}
