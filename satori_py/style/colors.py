"""CSS colour parsing: names, hex, ``rgb()``/``hsl()``/``hwb()``, Lab/LCh/Oklab/
Oklch, ``color()``, ``color-mix()``, ``light-dark()`` and relative colours.

Mirrors the parsing half of the reference's ``parser/color.ts`` (which keeps
its own rules, e.g. legacy comma syntax may mix numbers and percentages, and
``calc()`` is allowed in channels). Tokenising is tinycss2's; conversions
live in :mod:`satori_py.colorspaces`. Parsers return None for anything that is not a
colour, never raise.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any, cast

import tinycss2
from tinycss2 import ast

from ..cache import text_cache
from ..colorspaces import (
    POLAR,
    PREDEFINED_SPACES,
    SpaceColor,
    convert,
    interpolate,
    to_rgba_tuple,
)
from ..frozen import Frozen
from ..js_format import js_round, serialize_color
from ..patterns import lazy_compile
from .named_colors import NAMED_COLORS
from .types import RGBA

__all__ = [
    "BLACK",
    "TRANSPARENT",
    "convert_function_text",
    "is_color",
    "needs_conversion",
    "parse_color",
    "parse_space_color",
    "serialize_color",
]

BLACK = RGBA(0, 0, 0, 1)
TRANSPARENT = RGBA(0, 0, 0, 0)
_HEX = lazy_compile(r"^[0-9a-f]{3,4}$|^[0-9a-f]{6}$|^[0-9a-f]{8}$")
_ANGLE_UNITS = {"": 1.0, "deg": 1.0, "grad": 0.9, "rad": 180 / math.pi, "turn": 360.0}


class _Channel(Frozen):
    percent: float
    hue: bool = False


class _Layout(Frozen):
    space: str
    channels: tuple[_Channel, _Channel, _Channel]
    names: tuple[str, str, str]
    scale: float = 1.0
    allow_legacy: bool = False
    clamp: str = ""


_HUE = _Channel(0, hue=True)
_ALPHA = _Channel(1)
_LAYOUTS = {
    "rgb": _Layout("srgb", (_Channel(255), _Channel(255), _Channel(255)), ("r", "g", "b"), 255, True),
    "hsl": _Layout("hsl", (_HUE, _Channel(100), _Channel(100)), ("h", "s", "l"), 1, True, "hue0"),
    "hwb": _Layout("hwb", (_HUE, _Channel(100), _Channel(100)), ("h", "w", "b"), clamp="hue0"),
    "lab": _Layout("lab", (_Channel(100), _Channel(125), _Channel(125)), ("l", "a", "b"), clamp="l100"),
    "lch": _Layout("lch", (_Channel(100), _Channel(150), _HUE), ("l", "c", "h"), clamp="l100-chroma"),
    "oklab": _Layout("oklab", (_Channel(1), _Channel(0.4), _Channel(0.4)), ("l", "a", "b"), clamp="l1"),
    "oklch": _Layout("oklch", (_Channel(1), _Channel(0.4), _HUE), ("l", "c", "h"), clamp="l1-chroma"),
}
_LAYOUTS["rgba"] = _LAYOUTS["rgb"]
_LAYOUTS["hsla"] = _LAYOUTS["hsl"]
_HUE_METHODS = {"shorter", "longer", "increasing", "decreasing"}


def _significant(tokens: Sequence[Any]) -> list[Any]:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _is_literal(token: Any, char: str) -> bool:
    return bool(token.type == "literal" and token.value == char)


def _split_arguments(tokens: Sequence[Any]) -> list[list[Any]]:
    args: list[list[Any]] = [[]]
    for token in _significant(tokens):
        if _is_literal(token, ","):
            args.append([])
        else:
            args[-1].append(token)
    return args


def _parse_number(token: Any, channel: _Channel) -> float | None:
    if token.type == "percentage":
        return float(token.value) / 100 * channel.percent if channel.percent else None
    if token.type == "number":
        return float(token.value)
    if token.type == "dimension" and channel.hue and token.lower_unit in _ANGLE_UNITS:
        return float(token.value) * _ANGLE_UNITS[token.lower_unit]
    return None


def _evaluate(token: Any, channel: _Channel, keywords: dict[str, float]) -> float | None:
    if token.type == "ident":
        name = token.lower_value
        if name in keywords:
            return keywords[name]
        return math.pi if name == "pi" else math.e if name == "e" else None
    if token.type in ("number", "percentage", "dimension"):
        return _parse_number(token, channel)
    if token.type == "() block":
        name, content = "", token.content
    elif token.type == "function":
        name, content = token.lower_name, token.arguments
    else:
        return None
    if name == "calc" and any(_is_literal(t, "/") for t in content):
        # The reference's tokenizer reads `/` in calc() as a word, which its
        # evaluator rejects: `rgb(calc(255/2) 0 0)` is not a colour there.
        return None
    args = [_evaluate_sum(arg, channel, keywords) for arg in _split_arguments(content)]
    if any(a is None for a in args):
        return None
    values: list[float] = args  # type: ignore[assignment]
    if name in ("", "calc"):
        return values[0] if len(values) == 1 else None
    if name == "min":
        return min(values)
    if name == "max":
        return max(values)
    if name == "clamp" and len(values) == 3:
        return max(values[0], min(values[1], values[2]))
    return None


def _evaluate_sum(tokens: Sequence[Any], channel: _Channel, keywords: dict[str, float]) -> float | None:
    """``a + b - c * d / e`` with the usual precedence."""
    items: list[float | str] = []
    for token in tokens:
        if token.type == "literal" and token.value in "*/+-":
            items.append(token.value)
        else:
            value = _evaluate(token, channel, keywords)
            if value is None:
                return None
            items.append(value)
    total, sign, product, operator = 0.0, 1.0, None, "*"
    for item in items:
        if isinstance(item, float):
            if product is None:
                product = item
            elif operator == "*":
                product *= item
            elif operator == "/":
                product = product / item if item else math.copysign(math.inf, product) if product else math.nan
            else:
                return None
            operator = ""
        elif item in ("*", "/"):
            if product is None or operator:
                return None
            operator = item
        else:
            if product is None or operator:
                return None
            total += sign * product
            sign, product, operator = (-1.0 if item == "-" else 1.0), None, "*"
    if product is None or operator:
        return None
    return total + sign * product


_MISSING = object()


def _parse_channel(token: Any, channel: _Channel, keywords: dict[str, float] | None,
                   legacy: bool) -> Any:
    """A channel value, None for ``none``, or ``_MISSING`` when invalid."""
    if token.type == "ident" and token.lower_value == "none":
        return _MISSING if legacy else None
    if token.type == "() block":
        return _MISSING
    value = _evaluate(token, channel, keywords or {})
    return value if value is not None and math.isfinite(value) else _MISSING


def _parse_relative(tokens: list[Any], current: RGBA | None
                    ) -> tuple[SpaceColor | None, list[Any], bool] | None:
    origin = None
    if tokens and tokens[0].type == "ident" and tokens[0].lower_value == "from":
        origin = _parse_node(tokens[1] if len(tokens) > 1 else None, current)
        if origin is None:
            return None
        tokens = tokens[2:]
    legacy = origin is None and any(_is_literal(t, ",") for t in tokens)
    if legacy:
        if not all(i % 2 == 0 or _is_literal(t, ",") for i, t in enumerate(tokens)):
            return None
        return None, tokens[::2], True
    return origin, tokens, False


def _clamp(layout: _Layout, coords: list[float | None]) -> list[float | None]:
    def norm(h: float | None) -> float | None:
        return None if h is None else math.fmod(math.fmod(h, 360) + 360, 360)

    if layout.clamp == "hue0":
        coords[0] = norm(coords[0])
    elif layout.clamp.startswith("l"):
        top = 100.0 if layout.clamp.startswith("l100") else 1.0
        if coords[0] is not None:
            coords[0] = min(max(coords[0], 0.0), top)
        if layout.clamp.endswith("chroma"):
            coords[1] = None if coords[1] is None else max(coords[1], 0.0)
            coords[2] = norm(coords[2])
    return coords


def _parse_channels(tokens: list[Any], layout: _Layout, origin: SpaceColor | None,
                    legacy: bool) -> SpaceColor | None:
    keywords: dict[str, float] | None = None
    if origin is not None:
        converted = convert(origin, layout.space)
        keywords = {name: (converted.coords[i] or 0.0) * layout.scale
                    for i, name in enumerate(layout.names)}
        keywords["alpha"] = converted.alpha or 0.0
    alpha_token = None
    if legacy:
        if len(tokens) not in (3, 4):
            return None
        channels, alpha_token = tokens[:3], (tokens[3] if len(tokens) == 4 else None)
    else:
        slash = next((i for i, t in enumerate(tokens) if _is_literal(t, "/")), -1)
        channels = tokens if slash == -1 else tokens[:slash]
        if slash != -1:
            if slash != len(tokens) - 2:
                return None
            alpha_token = tokens[slash + 1]
        if len(channels) != 3:
            return None
    coords: list[float | None] = []
    for i, token in enumerate(channels):
        value = _parse_channel(token, layout.channels[i], keywords, legacy)
        if value is _MISSING:
            return None
        coords.append(None if value is None else value / layout.scale)
    alpha: float | None = keywords["alpha"] if keywords else 1.0
    if alpha_token is not None:
        alpha = _parse_channel(alpha_token, _ALPHA, keywords, legacy)
        if alpha is _MISSING:
            return None
    if alpha is not None:
        alpha = min(max(alpha, 0.0), 1.0)
    coords = _clamp(layout, coords)
    if layout.space == "srgb":
        coords = [None if c is None else min(max(c, 0.0), 1.0) for c in coords]
    return SpaceColor(layout.space, (coords[0], coords[1], coords[2]), alpha)


def _parse_color_function(tokens: list[Any], current: RGBA | None) -> SpaceColor | None:
    relative = _parse_relative(tokens, current)
    if relative is None or relative[2] or not relative[1]:
        return None
    origin, rest, _ = relative
    if rest[0].type != "ident" or rest[0].lower_value not in PREDEFINED_SPACES:
        return None
    space = PREDEFINED_SPACES[rest[0].lower_value]
    channel = _Channel(1)
    names = ("x", "y", "z") if space.startswith("xyz") else ("r", "g", "b")
    return _parse_channels(rest[1:], _Layout(space, (channel, channel, channel), names), origin, False)


def parse_interpolation_method(words: Sequence[str]) -> tuple[str, str] | None:
    """``in <space> [<hue-method> hue]`` as (space, hue method)."""
    lower = [w.lower() for w in words] + ["", "", "", ""]
    if lower[0] != "in":
        return None
    layout = _LAYOUTS.get(lower[1])
    space = layout.space if layout else PREDEFINED_SPACES.get(lower[1])
    if not space:
        return None
    if len(words) == 2:
        return space, "shorter"
    if len(words) == 4 and space in POLAR and lower[2] in _HUE_METHODS and lower[3] == "hue":
        return space, lower[2]
    return None


def _parse_color_mix(arguments: Sequence[Any], current: RGBA | None) -> SpaceColor | None:
    args = _split_arguments(arguments)
    space, hue_method = "oklab", "shorter"
    if args[0] and args[0][0].type == "ident" and args[0][0].lower_value == "in":
        first = args.pop(0)
        method = parse_interpolation_method([t.value if t.type == "ident" else "" for t in first])
        if method is None:
            return None
        space, hue_method = method
    if len(args) != 2:
        return None
    items: list[tuple[SpaceColor, float | None]] = []
    for tokens in args:
        if len(tokens) not in (1, 2):
            return None
        color, percent = None, None
        for token in tokens:
            value = _parse_number(token, _Channel(100)) if token.type == "percentage" else None
            if value is None and token.type == "function" and token.lower_name in ("calc", "min", "max", "clamp"):
                value = _evaluate(token, _Channel(100), {})
            if value is not None:
                if percent is not None:
                    return None
                percent = value
            else:
                if color is not None:
                    return None
                color = _parse_node(token, current)
                if color is None:
                    return None
        if color is None or (percent is not None and not 0 <= percent <= 100):
            return None
        items.append((color, percent))
    p1, p2 = items[0][1], items[1][1]
    if p1 is None and p2 is None:
        p1 = p2 = 50.0
    elif p1 is None:
        p1 = 100 - p2  # type: ignore[operator]
    elif p2 is None:
        p2 = 100 - p1
    total = p1 + p2  # type: ignore[operator]
    if total == 0:
        return None
    mixed = interpolate(items[0][0], items[1][0], p2 / total, space, hue_method)  # type: ignore[operator]
    if total < 100 and mixed.alpha is not None:
        mixed = SpaceColor(mixed.space, mixed.coords, mixed.alpha * total / 100)
    return mixed


def _parse_node(token: Any, current: RGBA | None) -> SpaceColor | None:
    if token is None:
        return None
    if token.type == "hash":
        return _parse_hex(token.value.lower())
    if token.type == "ident":
        return _parse_word(token.lower_value, current)
    if token.type != "function":
        return None
    name = token.lower_name
    tokens = _significant(token.arguments)
    if name == "color":
        return _parse_color_function(tokens, current)
    if name == "color-mix":
        return _parse_color_mix(token.arguments, current)
    if name == "light-dark":
        args = _split_arguments(token.arguments)  # no color-scheme: always light
        if len(args) != 2 or any(len(a) != 1 for a in args):
            return None
        return _parse_node(args[0][0], current)
    layout = _LAYOUTS.get(name)
    if layout is None:
        return None
    relative = _parse_relative(tokens, current)
    if relative is None or (relative[2] and not layout.allow_legacy):
        return None
    return _parse_channels(relative[1], layout, relative[0], relative[2])


def _parse_word(word: str, current: RGBA | None) -> SpaceColor | None:
    """An identifier (lowercase): a named colour, ``transparent`` or ``currentcolor``."""
    if word == "transparent":
        return SpaceColor("srgb", (0.0, 0.0, 0.0), 0.0)
    if word == "currentcolor":
        return None if current is None else _from_rgba(current)
    rgb = NAMED_COLORS.get(word)
    return None if rgb is None else SpaceColor("srgb", (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255), 1.0)


def _parse_hex(digits: str) -> SpaceColor | None:
    if not _HEX.match(digits):
        return None
    if len(digits) <= 4:
        digits = "".join(c * 2 for c in digits)
    values = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
    alpha = values[3] / 255 if len(values) == 4 else 1.0
    return SpaceColor("srgb", (values[0] / 255, values[1] / 255, values[2] / 255), alpha)


def _from_rgba(color: RGBA) -> SpaceColor:
    return SpaceColor("srgb", (color.r / 255, color.g / 255, color.b / 255), color.a)


_CONVERTED = {"hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix", "light-dark"}
_LEGACY_NUMBER = lazy_compile(r"^[+-]?(\d*\.)?\d+(e[+-]?\d+)?%?$", re.IGNORECASE)


def needs_conversion(token: Any) -> bool:
    """Whether the reference converts this colour function to ``rgb()`` text.

    Only the comma-separated ``rgb()``/``hsl()`` of CSS Color 3 are kept as
    written; the reference rounds the others to whole channels.
    """
    if token.type != "function":
        return False
    if token.lower_name in _CONVERTED:
        return True
    if token.lower_name not in ("rgb", "rgba", "hsl", "hsla"):
        return False
    tokens = _significant(token.arguments)
    return not (len(tokens) in (5, 7) and all(
        _is_literal(t, ",") if i % 2 else t.type in ("number", "percentage")
        and _LEGACY_NUMBER.match(tinycss2.serialize([t])) is not None
        for i, t in enumerate(tokens)))


def _unreadable_by_resvg(token: Any) -> bool:
    """A kept comma colour with a percentage alpha, e.g. ``rgba(0, 0, 255, 40%)``.

    The reference writes the colours it doesn't convert into the SVG as they
    are, and resvg can't read a percentage alpha there: it fills them black.
    """
    if token.type != "function" or needs_conversion(token):
        return False
    tokens = _significant(token.arguments)
    return len(tokens) == 7 and tokens[6].type == "percentage"


@text_cache(1024)
def read_by_resvg(value: str) -> bool:
    """Whether resvg reads the colour the reference writes for ``value``: not a kept
    comma colour with a percentage alpha, nor ``rebeccapurple`` (CSS Color 4, kept as
    written where it comes from ``color``), which resvg fills black and never strokes."""
    if value.strip().lower() == "rebeccapurple":
        return False
    nodes = _significant(tinycss2.parse_component_value_list(value.strip()))
    return not (len(nodes) == 1 and _unreadable_by_resvg(nodes[0]))


# A colour that is one hash or one ASCII word: the one token tinycss2 would read.
_ONE_WORD = lazy_compile(r"#[0-9A-Za-z]+|[A-Za-z]+")


# A comma rgb()/rgba() of three or four plain numbers (most functions written): read without
# tinycss2, as _parse_node reads its tokens (a number token's value is float() of its text).
_ARGUMENT = r"[ \t\n]*([+-]?(?:[0-9]*\.)?[0-9]+(?:[eE][+-]?[0-9]+)?)[ \t\n]*"
_COMMA_RGB = lazy_compile(rf"[rR][gG][bB][aA]?\({_ARGUMENT},{_ARGUMENT},{_ARGUMENT}(?:,{_ARGUMENT})?\)")
_UNKNOWN = object()


def _parse_plain(text: str, current: RGBA | None) -> Any:
    """What _parse_node gives for the one token of ``text`` (stripped), read without tokenizing
    when ``text`` is one hash or ASCII word (most colours; tokenizing was most of a first
    parse) or a comma rgb() of plain numbers; else ``_UNKNOWN``."""
    if _ONE_WORD.fullmatch(text):
        return _parse_hex(text[1:].lower()) if text[0] == "#" else _parse_word(text.lower(), current)
    rgb = _COMMA_RGB.fullmatch(text)
    if rgb is not None:
        numbers = [float(group) for group in rgb.groups() if group is not None]
        if all(map(math.isfinite, numbers)):
            return SpaceColor("srgb", (min(max(numbers[0] / 255, 0.0), 1.0), min(max(numbers[1] / 255, 0.0), 1.0),
                                       min(max(numbers[2] / 255, 0.0), 1.0)),
                              min(max(numbers[3], 0.0), 1.0) if len(numbers) == 4 else 1.0)
    return _UNKNOWN


@text_cache(1024)
def _parse_cached(value: str, current: RGBA | None) -> RGBA | None:
    text = value.strip()
    parsed = _parse_plain(text, current)
    if parsed is _UNKNOWN:
        return _parse_tokens(text, current)
    if parsed is None:
        return None
    r, g, b, a = to_rgba_tuple(parsed)
    return RGBA(js_round(r), js_round(g), js_round(b), a)  # a word, hash or comma rgb(): not converted


def _parse_tokens(text: str, current: RGBA | None) -> RGBA | None:
    """A colour's text (stripped, not one word) read through its tinycss2 tokens."""
    nodes = _significant(tinycss2.parse_component_value_list(text))
    if len(nodes) != 1:
        return None
    parsed = _parse_node(nodes[0], current)
    if parsed is None:
        return None
    r, g, b, a = to_rgba_tuple(parsed)
    if _unreadable_by_resvg(nodes[0]):
        return BLACK
    if needs_conversion(nodes[0]):
        # The reference serialises converted colours with rounded channels and
        # an alpha of three decimals; the others go to the SVG as written.
        return RGBA(js_round(r), js_round(g), js_round(b), js_round(a * 1000) / 1000)
    return RGBA(js_round(r), js_round(g), js_round(b), a)


def convert_function_text(text: str, current: RGBA | None) -> tuple[bool, str | None]:
    """(needs conversion, its ``rgb()`` text or None if invalid) of a colour function."""
    try:
        token = tinycss2.parse_one_component_value(text)
    except (ValueError, TypeError):  # tinycss2 reports parse errors as tokens; be safe
        return False, None
    if not needs_conversion(token):
        return False, None
    parsed = _parse_node(token, current)
    if parsed is None:
        return True, None
    r, g, b, a = to_rgba_tuple(parsed)
    return True, serialize_color(RGBA(r, g, b, a))


def parse_space_color(text: str, current: RGBA | None) -> SpaceColor | None:
    """A colour in its own space, before it is clipped to sRGB (``parseCSSColor``), or
    None: gradients interpolate in other spaces."""
    text = text.strip()
    parsed = _parse_plain(text, current)
    if parsed is not _UNKNOWN:
        return cast("SpaceColor | None", parsed)
    nodes = _significant(tinycss2.parse_component_value_list(text))
    return _parse_node(nodes[0], current) if len(nodes) == 1 else None


def parse_color(value: Any, current: RGBA | None = None) -> RGBA | None:
    """The colour ``value`` as sRGB, or None if it isn't one.

    ``current`` is what ``currentColor`` means (None: it is not a colour).
    Channels are rounded to whole numbers, as they reach the SVG.
    """
    if not isinstance(value, str) or isinstance(value, ast.Node):
        return None
    return _parse_cached(value, current)


def is_color(value: Any) -> bool:
    """Whether ``value`` is a colour (``isColor``: currentColor counts)."""
    return parse_color(value, BLACK) is not None
