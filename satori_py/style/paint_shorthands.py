"""Font, background, shadow, stroke, list and blending declarations.

Mirrors the text and paint half of ``handleSpecialCase`` in the reference's
``handler/expand.ts``; the ``background`` shorthand is parsed by
:mod:`.background` (``font`` is expanded by :mod:`.expand` itself: its longhands
go through the same expansion). Like
:mod:`.shorthands`, handlers return the longhands a declaration sets, as the
reference's strings and numbers (None: reset to unset).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..errors import StyleError
from ..js_numbers import js_truthy
from ..patterns import LazyPattern, lazy_compile
from . import c2rn
from . import valueparser as vp
from .background import expand_background
from .font_features import VARIANT_FEATURES, expand_font_variant, parse_font_variant
from .purify import purify
from .shorthands import parse_line_width
from .loose_values import transform_percentages
from .transform import RawFunction, parse_individual_transform, parse_transform
from .values import (
    check_keyword,
    js_string,
    split_top_level,
    split_values,
    unreadable,
)

__all__ = ["BLEND_MODES", "LAYER_LISTS", "PAINT_HANDLERS", "layer_count"]


# -- font --------------------------------------------------------------------------------

def _font_family(value: Any) -> dict[str, Any]:
    if not isinstance(value, str):
        # The reference's TypeError, with its minified variable name.
        raise StyleError("g.split is not a function", prop="fontFamily", value=value)
    return {"fontFamily": [re.sub(r"(^['\"])|(['\"]$)", "", family.strip()).lower()
                           for family in value.split(",")]}


# -- shadows and strokes -----------------------------------------------------------------

def _text_shadow(value: Any, warn: Callable[[str], None]) -> dict[str, Any]:
    result: dict[str, list[Any]] = {}
    for shadow in split_top_level(js_string(value).strip()):
        for key, part in c2rn.get_styles_for_property("textShadow", shadow, warn).items():
            result.setdefault(key, []).append(part)
    return result


# css-box-shadow splits at `,(?![^(]*\))` and then at `\s(?![^(]*\))`: a separator counts
# unless the first parenthesis after it is a `)`. Its lookahead scans to the end of the
# value from each separator (500,000 shadows never finished); _split_unless_closing
# finds the same cuts in one pass.
_BOX_SHADOW_VALUES = lazy_compile(r"[(),]")
_BOX_SHADOW_PARTS = lazy_compile(r"[()\s]")
_BOX_SHADOW_LENGTH = lazy_compile(r"^[0-9]+[a-zA-Z%]+?$")
_NUMBER_LIKE = lazy_compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?([a-z%]+)?$", re.IGNORECASE)


def _split_unless_closing(text: str, separators: LazyPattern) -> list[str]:
    """``text`` split at what ``separators`` finds, except parentheses and the separators
    whose first parenthesis after them is a ``)``."""
    cuts: list[int] = []
    closing = False  # whether the first parenthesis after the match is a `)`
    for match in reversed(list(separators.finditer(text))):
        found = match.group()
        if found in "()":
            closing = found == ")"
        elif not closing:
            cuts.append(match.start())
    starts = [0, *(cut + 1 for cut in reversed(cuts))]
    ends = [*reversed(cuts), len(text)]
    return [text[start:end] for start, end in zip(starts, ends)]


# The comma lists whose every part the painter draws as a layer of its own, each counted
# against max_effect_layers before it is parsed; with what the limit's message calls them.
LAYER_LISTS = {"boxShadow": "shadows and filter functions", "textShadow": "shadows and filter functions",
               **dict.fromkeys(("background", "backgroundImage"), "background layers"),
               **dict.fromkeys(("mask", "WebkitMask", "maskImage", "WebkitMaskImage"), "mask layers")}


def layer_count(name: str, value: str) -> int:
    """How many layers a value of one of :data:`LAYER_LISTS` lists, split as its handler
    splits it: shadows as ``boxShadow`` or ``textShadow`` split them, images at commas outside
    parentheses (checked against ``max_effect_layers`` before the value is worked on)."""
    if name == "boxShadow":
        return len(_split_unless_closing(value, _BOX_SHADOW_VALUES))
    return len(split_top_level(value.strip()))


def _box_shadow(value: Any) -> dict[str, Any]:
    """css-box-shadow's lenient parse: lengths, ``inset`` and a colour (first or last)."""
    if not js_truthy(value):  # as the reference tests it: an empty list is no shadow
        raise StyleError(f'Invalid `boxShadow` value: "{js_string(value)}".', prop="boxShadow", value=value)
    if isinstance(value, (list, tuple)):  # shadows already split (the painter reports bad entries)
        return {"boxShadow": value}
    if not isinstance(value, str):  # (the reference throws "(g || []) is not iterable")
        raise unreadable("boxShadow", value)
    if value.strip().lower() == "none":
        # The reference makes it one shadow of colour "none" at the box, which its clip hides.
        return {"boxShadow": []}
    shadows = []
    for text in (s.strip() for s in _split_unless_closing(value, _BOX_SHADOW_VALUES)):
        parts = _split_unless_closing(text, _BOX_SHADOW_PARTS)
        # CSS takes `inset` and the colour first or last. css-box-shadow reads only a colour
        # last, and takes `inset` last for the colour: `rgba(0,0,0,.2) 0 8px 24px` (a widely
        # copied shadow) drew nothing in the reference, `0 0 0 1px #ddd inset` a black ring
        # (plain bugs); both are read as a browser reads them.
        words = [p for p in parts if p != "inset"] or parts
        if len(words) > 2 and not _NUMBER_LIKE.match(words[0]) and all(_NUMBER_LIKE.match(w) for w in words[1:]):
            words = words[1:] + words[:1]
        last = words[-1]
        color = None if last == "0" or _BOX_SHADOW_LENGTH.match(last) else last

        def to_num(v: str) -> Any:
            if not v.endswith("px") and v != "0":
                return v
            try:
                return float(re.match(r"^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", v).group(0))  # type: ignore[union-attr]
            except (AttributeError, ValueError):
                return v

        numbers = [to_num(p) for p in words if p != "inset" and p != color]
        numbers += [None] * 4
        shadows.append({"inset": "inset" in parts, "offsetX": numbers[0], "offsetY": numbers[1],
                        "blurRadius": numbers[2], "spreadRadius": numbers[3], "color": color})
    return {"boxShadow": shadows}


def _webkit_text_stroke(value: Any, color: str) -> dict[str, Any]:
    width = stroke = None
    parts = list(vp.iter_words(vp.parse(js_string(value))))
    for part in parts:
        line_width = parse_line_width(part)
        if line_width is not None and width is None:
            width = line_width
        elif line_width is None and stroke is None:
            stroke = part
        else:
            raise StyleError("Invalid `WebkitTextStroke` value.", prop="WebkitTextStroke", value=value)
    if not parts:
        raise StyleError("Invalid `WebkitTextStroke` value.", prop="WebkitTextStroke", value=value)
    return {"WebkitTextStrokeWidth": width if width is not None else 0.0,
            "WebkitTextStrokeColor": stroke or color}


def _webkit_text_stroke_width(value: Any) -> dict[str, Any]:
    width = parse_line_width(js_string(value).strip())
    if width is None:
        raise StyleError("Invalid `WebkitTextStrokeWidth` value.", prop="WebkitTextStrokeWidth", value=value)
    return {"WebkitTextStrokeWidth": width}


# -- lists and counters ------------------------------------------------------------------

def _list_style(value: Any) -> dict[str, Any]:
    text = js_string(value)
    position = image = kind = None
    nones = 0
    for token in split_values(text.strip()):
        lower = token.lower()
        if lower == "none":
            nones += 1
        elif lower in ("inside", "outside") and not position:
            position = lower
        elif re.match(r"^url\(", token, re.IGNORECASE) and not image:
            image = token
        elif not kind:
            kind = token
        else:
            raise StyleError(f'Invalid `listStyle` value: "{text}".', prop="listStyle", value=value)
    if nones > (0 if image else 1) + (0 if kind else 1):
        raise StyleError(f'Invalid `listStyle` value: "{text}".', prop="listStyle", value=value)
    if nones and not kind:
        kind = "none"
    return {"listStylePosition": position or "outside", "listStyleImage": image or "none",
            "listStyleType": kind or "disc"}


def _list_style_position(value: Any) -> dict[str, Any]:
    position = js_string(value).strip().lower()
    if position not in ("inside", "outside"):
        raise StyleError(f'Invalid `listStylePosition` value: "{js_string(value)}".',
                         prop="listStylePosition", value=value)
    return {"listStylePosition": position}


def _counters(name: str, value: Any) -> dict[str, Any]:
    """``none`` or ``[<counter-name> <integer>?]+`` (and ``reversed()`` for resets)."""
    tokens = js_string(value).strip().split() or [""]
    if len(tokens) == 1 and tokens[0].lower() == "none":
        return {name: []}

    def invalid() -> StyleError:
        return StyleError(f'Invalid `{name}` value: "{js_string(value)}".', prop=name, value=value)

    counters: list[dict[str, Any]] = []
    can_take_value = False
    for token in tokens:
        reversed_ = re.match(r"^reversed\(\s*([^()\s]+)\s*\)$", token, re.IGNORECASE)
        if re.match(r"^[+-]?\d+$", token):
            if not can_take_value:
                raise invalid()
            counters[-1]["value"] = int(token)
            can_take_value = False
        elif reversed_ and name == "counterReset":
            counters.append({"name": reversed_.group(1), "reversed": True})
            can_take_value = True
        elif re.match(r"^-?[_a-zA-Z][\w-]*$", token) and token != "none":
            counters.append({"name": token, "value": 1 if name == "counterIncrement" else 0})
            can_take_value = True
        else:
            raise invalid()
    return {name: counters}


# -- blending, painting, wrapping ---------------------------------------------------------

BLEND_MODES = {m: m for m in (
    "normal", "multiply", "screen", "overlay", "darken", "lighten", "color-dodge", "color-burn",
    "hard-light", "soft-light", "difference", "exclusion", "hue", "saturation", "color", "luminosity")}


def _paint_order(value: Any) -> dict[str, Any]:
    normalized = js_string(value).strip().lower()
    keywords = normalized.split() or [""]
    if normalized != "normal" and (len(keywords) > 3 or len(set(keywords)) != len(keywords)
                                   or any(k not in ("fill", "stroke", "markers") for k in keywords)):
        raise StyleError("Invalid `paintOrder` value.", prop="paintOrder", value=value)
    order = list(dict.fromkeys([*keywords, "fill", "stroke", "markers"]))
    normal = normalized == "normal" or " ".join(order) == "fill stroke markers"
    return {"paintOrder": "normal" if normal else " ".join(keywords)}


def _background_blend_mode(value: Any) -> dict[str, Any]:
    modes = [mode.strip().lower() for mode in js_string(value).split(",")]
    if any(mode not in BLEND_MODES for mode in modes):
        raise StyleError("Invalid `backgroundBlendMode` value.", prop="backgroundBlendMode", value=value)
    return {"backgroundBlendMode": ",".join(modes)}


def _overflow_wrap(name: str, value: Any) -> dict[str, Any]:
    normalized = js_string(value).strip().lower()
    if normalized not in ("normal", "break-word", "anywhere"):
        raise StyleError(f"Invalid `{name}` value.", prop=name, value=value)
    return {"overflowWrap": normalized}


def _transform(value: Any, warn: Callable[[str], None]) -> dict[str, Any]:
    if not isinstance(value, str):
        raise StyleError("Invalid `transform` value.", prop="transform", value=value)
    # Arguments are resolved later, once the font size is known.
    return {"transform": _noted_transform("transform", parse_transform(value), warn)}


def _noted_transform(prop: str, functions: list[RawFunction], warn: Callable[[str], None]) -> list[RawFunction]:
    transform_percentages(prop, functions, warn)  # (`10px%` is read as 10%: said)
    return functions


def _normal_spacing(name: str, value: Any) -> dict[str, Any] | None:
    return {name: 0.0} if js_string(value).strip().lower() == "normal" else None


_Handler = Callable[[str, Any, str, Callable[[str], None]], "dict[str, Any] | None"]

PAINT_HANDLERS: dict[str, _Handler] = {
    "letterSpacing": lambda n, v, c, w: _normal_spacing(n, v),
    "wordSpacing": lambda n, v, c, w: _normal_spacing(n, v),
    "fontFamily": lambda n, v, c, w: _font_family(v),
    "lineHeight": lambda n, v, c, w: {"lineHeight": purify(n, v)},
    "tabSize": lambda n, v, c, w: {"tabSize": v if isinstance(v, (int, float)) else js_string(v).strip()},
    "boxShadow": lambda n, v, c, w: _box_shadow(v),
    "listStyle": lambda n, v, c, w: _list_style(v),
    "listStylePosition": lambda n, v, c, w: _list_style_position(v),
    "counterReset": lambda n, v, c, w: _counters(n, v),
    "counterIncrement": lambda n, v, c, w: _counters(n, v),
    "counterSet": lambda n, v, c, w: _counters(n, v),
    "translate": lambda n, v, c, w: {n: _noted_transform(n, parse_individual_transform(n, v), w)},
    "rotate": lambda n, v, c, w: {n: parse_individual_transform(n, v)},
    "scale": lambda n, v, c, w: {n: _noted_transform(n, parse_individual_transform(n, v), w)},
    "transform": lambda n, v, c, w: _transform(v, w),
    "background": lambda n, v, c, w: expand_background(v),
    "backgroundPosition": lambda n, v, c, w: {n: f"{js_string(v)}px" if isinstance(v, (int, float)) else js_string(v)},
    "backgroundSize": lambda n, v, c, w: {n: f"{js_string(v)}px" if isinstance(v, (int, float)) else js_string(v)},
    "backgroundRepeat": lambda n, v, c, w: {n: f"{js_string(v)}px" if isinstance(v, (int, float)) else js_string(v)},
    "backgroundOrigin": lambda n, v, c, w: {n: f"{js_string(v)}px" if isinstance(v, (int, float)) else js_string(v)},
    "textShadow": lambda n, v, c, w: _text_shadow(v, w),
    "WebkitTextStroke": lambda n, v, c, w: _webkit_text_stroke(v, c),
    "WebkitTextStrokeWidth": lambda n, v, c, w: _webkit_text_stroke_width(v),
    "WebkitBackgroundClip": lambda n, v, c, w: {"backgroundClip": v},
    "fontVariant": lambda n, v, c, w: expand_font_variant(v),
    **{name: (lambda n, v, c, w: {n: parse_font_variant(n, v)}) for name in (*VARIANT_FEATURES, "fontKerning")},
    "overflowWrap": lambda n, v, c, w: _overflow_wrap(n, v),
    "wordWrap": lambda n, v, c, w: _overflow_wrap(n, v),
    "paintOrder": lambda n, v, c, w: _paint_order(v),
    "mixBlendMode": lambda n, v, c, w: {n: check_keyword(
        js_string(v).strip(), {**BLEND_MODES, "plus-lighter": "plus-lighter"}, n)},
    "backgroundBlendMode": lambda n, v, c, w: _background_blend_mode(v),
    "isolation": lambda n, v, c, w: {n: check_keyword(js_string(v).strip(), {"auto": "auto", "isolate": "isolate"}, n)},
    # Kept as written here; parsed at the end of compute_style (grid: grid_values; filters: paint_values).
    **{name: (lambda n, v, c, w: {n: v}) for name in (
        "gridTemplateColumns", "gridTemplateRows", "gridTemplateAreas", "gridAutoColumns",
        "gridAutoRows", "gridAutoFlow", "gridRowStart", "gridRowEnd", "gridColumnStart",
        "gridColumnEnd", "filter", "backdropFilter")},
    "WebkitBackdropFilter": lambda n, v, c, w: {"backdropFilter": v},
}
