"""Resolution of expanded values: font size, line height, math functions,
relative units, background layers and transforms.

Mirrors the second half of the reference's ``expand()`` in
``handler/expand.ts`` (after the declaration loop): ``calcBaseFontSize``,
``resolveLineHeight``, the final loop that turns ``em``/``rem``/``vw``/...
and ``calc()`` into px, ``css-background-parser``'s layers with the
``VALID_IMAGE`` check, and the resolution of transform arguments. Values stay
the reference's serialized shapes (numbers, strings, lists); Calc and
TransformFunction are the only typed values introduced here.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..cache import text_cache
from ..errors import NOT_THE_VALUES_FAULT, StyleError
from ..js_format import js_number
from ..length_range import MAX_LENGTH, finite_length
from ..patterns import lazy_compile
from .calc import parse_math
from .loose_values import ANGLE_UNITS, note_angle_as_length
from .transform import parse_transform_origin, resolve_transform
from .types import BackgroundLayer, Calc, LineHeight, TabLength
from .values import (
    MATH_FUNCTION,
    VIEWPORT_UNITS,
    LengthContext,
    describe,
    js_string,
    dimension_unit,
    js_to_number,
    length_to_number,
    unit_to_px,
    unreadable,
)

__all__ = ["ELEMENT", "background_layers", "base_font_size", "element_font_size", "resolve_declared",
           "resolved_alone"]

# https://www.w3.org/TR/css-fonts-4/#absolute-size-mapping
_ABSOLUTE_FONT_SIZES = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0,
                        "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0}
# Sizes, which can be sizing keywords and fit-content().
_SIZES = {"width", "height", "minWidth", "minHeight", "maxWidth", "maxHeight", "flexBasis"}
# Percentages of the element's font size (CSS Text 4: 1em). The reference draws NaN for every
# glyph of the card then (a plain bug); a browser spaces by the percentage of 1em.
_FONT_PERCENTAGES = frozenset({"letterSpacing", "wordSpacing"})
# Lengths whose calc() may have percentages (of a basis only the layout knows).
_CALC_LENGTHS = _SIZES | {"marginTop", "marginRight", "marginBottom", "marginLeft", "paddingTop",
                          "paddingRight", "paddingBottom", "paddingLeft", "top", "right", "bottom",
                          "left", "gap", "rowGap", "columnGap"}
# The longhands _resolve_one treats by name; any other one's value is resolved by its kind alone.
_SHADOW_LISTS = ("textShadowRadius", "textShadowOffset")
_BY_NAME = _SIZES | {"lineHeight", "tabSize", "opacity", "transform", *_SHADOW_LISTS}
# First characters of text that is neither a length (a number first, after spaces) nor a math
# function (calc/min/max/clamp): `center`, `solid`, `#fff`. A value of another kind than a string
# or a non-finite float is left as it is too.
_NOT_LENGTH_START = frozenset("abdefghijklnopqrstuvwxyzABDEFGHIJKLNOPQRSTUVWXYZ#")
_VALID_IMAGE = lazy_compile(r"^(none|url\(.*\)|(repeating-)?(linear|radial|conic)-gradient\(.*\))$", re.IGNORECASE | re.DOTALL)
# The reference's normalizeColor: the first `rgb(R G B / A)` of a value (integer channels) becomes
# `rgba(R, G, B, A)`. It is applied to each layer's text, so it reaches a colour inside a url()'s
# SVG markup, which resvg can't read in the space syntax (a browser draws it either way).
_RGB_SLASH = lazy_compile(r"rgb\(([0-9]+)\s+([0-9]+)\s+([0-9]+)\s*/\s*([.0-9]+)\)")


def _resolver(font_size: float, lengths: LengthContext) -> Callable[[float, str], float | None]:
    return lambda number, unit: unit_to_px(number, unit, font_size, lengths)


def base_font_size(size: Any, inherited: float, lengths: LengthContext) -> float:
    """``calcBaseFontSize``: keywords, and em/% of the inherited size (which is also what a
    value it cannot read gives)."""
    read = _read_font_size(size, inherited, lengths)
    return inherited if read is None else read


def _read_font_size(size: Any, inherited: float, lengths: LengthContext) -> float | None:
    """The font size ``size`` gives (see :func:`base_font_size`), None when it is no size."""
    if isinstance(size, (int, float)) and not isinstance(size, bool):
        return float(size)
    if not isinstance(size, str):
        return None
    keyword = size.strip().lower()
    if keyword in _ABSOLUTE_FONT_SIZES:
        return _ABSOLUTE_FONT_SIZES[keyword]
    if keyword == "larger":
        return inherited * 1.2
    if keyword == "smaller":
        return inherited / 1.2
    math_value = parse_math(size, _resolver(inherited, lengths))
    if math_value is not None and math_value.type == "length":
        return math_value.evaluate(inherited)
    return length_to_number(size, inherited, lengths, basis=inherited)


def _unread_font_size(value: Any, inherited: float) -> StyleError:
    text = js_string(value) if isinstance(value, (str, int, float)) else describe(value)
    # satori-html leaves a sheet's `!important` in the value, where no parser reads it.
    why = " (`!important` is not read in a style value)" if "!important" in text.lower().replace(" ", "") else ""
    return StyleError(f'Invalid value "{text}" for CSS property "fontSize": the inherited size '
                      f"({js_number(inherited)}px) is used{why}.", prop="fontSize", value=value)


def _line_height(value: Any, font_size: float, lengths: LengthContext) -> Any:
    """A line height as a multiple of the font size (``resolveLineHeight``)."""
    if not isinstance(value, str) or value == "normal":
        return value
    math_value = parse_math(value, _resolver(font_size, lengths)) if MATH_FUNCTION.match(value) else None
    if math_value is not None:
        if math_value.type == "number":
            return math_value.evaluate(0)
        return math_value.evaluate(font_size) / font_size if font_size else float("nan")
    px = length_to_number(value, font_size, lengths, basis=font_size)
    if px is None:
        return value  # not a length: the converter reports it and uses "normal"
    return px / font_size if font_size else float("nan")


def _parse_images(text: str) -> list[str]:
    """css-background-parser: split at commas outside parentheses. (By pieces between commas,
    each closing its parentheses or not: a loop per character was a tenth of a style's work.)"""
    images: list[str] = []
    depth = 0
    buffer: list[str] = []  # the pieces of the image being read
    pieces = text.split(",")
    last = len(pieces) - 1
    for i, piece in enumerate(pieces):
        buffer.append(piece)
        depth += piece.count("(") - piece.count(")")
        if i < last and not depth:
            images.append(",".join(buffer).strip())
            buffer = []
    rest = ",".join(buffer)
    if rest:
        images.append(rest.strip())
    return images


def background_layers(style: dict[str, Any], prefix: str = "background",
                      images: list[str] | None = None) -> tuple[BackgroundLayer, ...]:
    """The layers of ``backgroundImage`` (``images``: its images, split already) with the
    other lists repeated over them."""
    if images is None:
        images = _parse_images(style.get(f"{prefix}Image") or "")

    def listed(name: str) -> tuple[str, ...]:
        value = style.get(f"{prefix}{name}")
        if value is None:
            return _UNSET_LIST  # (most layers: one list or two of the six are given)
        return tuple(part.strip() for part in js_string(value).split(","))

    positions, sizes, repeats = listed("Position"), listed("Size"), listed("Repeat")
    origins, clips, attachments = listed("Origin"), listed("Clip"), listed("Attachment")
    modes = js_string(style.get("backgroundBlendMode")).split(",") \
        if style.get("backgroundBlendMode") else []
    return tuple(BackgroundLayer(
        # (the pattern starts with `rgb(`: a plain find first, as most images have none)
        image=_RGB_SLASH.sub(r"rgba(\1, \2, \3, \4)", image, count=1) if "rgb(" in image else image,
        position=positions[i % len(positions)], size=sizes[i % len(sizes)],
        repeat=repeats[i % len(repeats)], origin=origins[i % len(origins)], clip=clips[i % len(clips)],
        attachment=attachments[i % len(attachments)],
        blend_mode=modes[i % len(modes)] if modes else None) for i, image in enumerate(images))


# A list that was not given: one empty value for every layer, as css-background-parser has it.
_UNSET_LIST = ("",)


def _checked_images(style: dict[str, Any], report: Callable[[StyleError], None]) -> list[str] | None:
    """The images of ``backgroundImage``, or None (the property dropped) when it is not text
    or one of them is not an image (reported)."""
    value = style.get("backgroundImage")
    if not isinstance(value, str):
        style.pop("backgroundImage", None)
        return None
    images = _parse_images(value)
    for image in images:
        if not _VALID_IMAGE.match(image.strip()):
            style.pop("backgroundImage", None)
            report(StyleError(f'Invalid background image: "{image}"', prop="backgroundImage", value=image))
            return None
    return images


def element_font_size(declared_size: Any, inherited_font_size: float, lengths: LengthContext,
                      note: Callable[[StyleError], None] | None = None) -> float:
    """The element's font size: the one declared (None: none), read against the inherited one."""
    if declared_size is None:
        return max(-MAX_LENGTH, min(MAX_LENGTH, inherited_font_size))
    read_size = _read_font_size(declared_size, inherited_font_size, lengths)
    # Not finite: e.g. calc(1px / 0); the inherited size keeps the text measurable.
    unread = read_size is None or not math.isfinite(read_size)
    font_size = inherited_font_size if unread or read_size is None else read_size
    note_angle_as_length("fontSize", declared_size, note)
    if unread and declared_size is not None and note is not None \
            and declared_size is not True and declared_size is not False:  # (value_report words those)
        note(_unread_font_size(declared_size, inherited_font_size))
    # 1e308 clamps as lengths do (the coordinates of its glyphs overflowed).
    return max(-MAX_LENGTH, min(MAX_LENGTH, font_size))


def resolve_declared(declared: dict[str, Any], inherited_font_size: float, lengths: LengthContext,
                     report: Callable[[StyleError], None],
                     note: Callable[[StyleError], None] | None = None,
                     known: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], float]:
    """The declared longhands with lengths in px; and the element's font size. What is drawn
    otherwise than written (an origin's unread word) is given to ``note``. ``known``: longhands
    whose value is resolved already (a fused step's, :mod:`.steps`: what :func:`resolved_alone`
    gives), taken as they are."""
    style = {k: v for k, v in declared.items() if v is not None}
    if style.get("backgroundImage"):
        images = _checked_images(style, report)
        if images is not None:
            style["backgroundImage"] = background_layers(style, images=images)

    font_size = element_font_size(style.get("fontSize"), inherited_font_size, lengths, note)
    if "fontSize" in style:
        style["fontSize"] = font_size
    for origin in ("transformOrigin", "perspectiveOrigin"):
        if origin in style:
            style[origin] = parse_transform_origin(style[origin], font_size, origin, note)

    # translate, rotate and scale apply before transform, in this order.
    if "translate" in style or "rotate" in style or "scale" in style:
        individual = [f for prop in ("translate", "rotate", "scale") for f in (style.pop(prop, None) or [])]
        if individual:
            style["transform"] = individual + list(style.get("transform") or [])

    resolve: Callable[[float, str], float | None] | None = None  # made for the first value that needs it
    for prop in list(style):
        if prop.startswith("--"):
            continue
        if known and prop in known:
            style[prop] = known[prop]
            continue
        alone = resolved_alone(prop, style[prop])
        if alone is not ELEMENT:
            style[prop] = alone
            continue
        if resolve is None:
            resolve = _resolver(font_size, lengths)
        note_angle_as_length(prop, style[prop], note)
        try:
            _resolve_one(style, prop, font_size, lengths, resolve, report)
        except NOT_THE_VALUES_FAULT:
            raise
        except Exception:  # noqa: BLE001 - any other failure of a parser: the value is invalid
            report(unreadable(prop, style.pop(prop)))
    if isinstance(style.get("lineHeight"), (int, float)):
        style["lineHeight"] = _multiplier(style["lineHeight"])
    return style, font_size


def _multiplier(number: float) -> LineHeight:
    multiplier = finite_length(float(number))  # huge ones clamp as lengths do
    return LineHeight("multiplier", multiplier) if multiplier is not None else LineHeight("normal")


class _Element:
    def __repr__(self) -> str:
        return "ELEMENT"


#: What :func:`resolved_alone` gives for a value that the element resolves.
ELEMENT: Any = _Element()


def resolved_alone(prop: str, value: Any) -> Any:
    """What :func:`resolve_declared` makes of a declared longhand's value (not None) when that
    does not depend on the element: a keyword, colour, number or list as it is, a length in a
    unit the element changes nothing in (``24px``, ``0``, ``1rem``) as px, a percentage without
    a basis as written, a line height's number as a multiplier; :data:`ELEMENT` for anything
    else (``2em``, ``10vw``, math functions, transforms), which takes the long way. The fused
    declaration steps (:mod:`.steps`) and resolve_declared's loop both ask it: one answer."""
    kind = type(value)
    if prop in _BY_NAME and prop not in _SIZES:
        if prop == "lineHeight" and (kind is int or kind is float) and math.isfinite(value):
            return _multiplier(value)
        if prop == "opacity" and (kind is int or kind is float) and math.isfinite(value):
            return min(max(value, 0.0), 1.0) if kind is float else value
        return ELEMENT
    if kind is str:
        if value[:1] in _NOT_LENGTH_START and (prop not in _SIZES or "(" not in value):
            return value  # (a size's word without a `(`: a keyword, no fit-content())
        fixed = _fixed_length(value)
        if fixed == "%":
            return value if prop not in _FONT_PERCENTAGES else ELEMENT
        return ELEMENT if fixed is None else fixed
    if kind is int or kind is bool or kind is list or kind is tuple or (kind is float and math.isfinite(value)):
        return value
    return ELEMENT


# The units whose px depend on the element (its font, line height, the viewport), and the
# percentage (of the font size for some longhands, no length for the others).
_ELEMENT_UNITS = frozenset(("em", "ch", "ex", "lh", "%", *VIEWPORT_UNITS))


@text_cache(4096)
def _fixed_length(text: str) -> float | str | None:
    """What :func:`_resolve_one` makes of ``text`` for a longhand it resolves by kind or a
    size, when the element changes nothing in it: the px of a number with such a unit
    (``24px``, ``0``, ``1rem``), or the text as it is (an unknown unit; a word, ``rgba(...)``:
    no number, no math function, no ``fit-content()``); ``"%"`` for a percentage (kept as
    written where there is no basis); None for anything else (``2em``, ``10vw``, math
    functions), which takes the long way."""
    unit = dimension_unit(text)
    if unit == "%":
        return "%"
    if unit is None:
        return None if MATH_FUNCTION.match(text) or "fit-content" in text.lower() else text
    if unit in _ELEMENT_UNITS or unit in ANGLE_UNITS:  # (an angle is reported: the long way)
        return None
    px = length_to_number(text, 0.0, _NO_ELEMENT)
    return text if px is None else px


_NO_ELEMENT = LengthContext()


def _resolve_one(style: dict[str, Any], prop: str, font_size: float, lengths: LengthContext,
                 resolve: Callable[[float, str], float | None], report: Callable[[StyleError], None]) -> None:
    """Resolve the lengths of one declared longhand, in place."""
    value = style[prop]
    if prop in _SHADOW_LISTS and not isinstance(value, list):
        # Only the textShadow shorthand makes them (one entry per shadow); the reference throws
        # on another value ("r.map is not a function").
        del style[prop]
        report(StyleError(f'Invalid value for CSS property "{prop}": {describe(value)} (it is the list the '
                          'textShadow shorthand makes: declare textShadow instead).', prop=prop, value=value))
        return
    if isinstance(value, float) and not math.isfinite(value):
        # Infinite numbers clamp as lengths do (1e999px); NaN is no value at all.
        clamped = finite_length(value)
        if clamped is None:
            del style[prop]
            report(unreadable(prop, value))
            return
        value = style[prop] = clamped
    if prop == "lineHeight":
        style[prop] = _line_height(value, font_size, lengths)
        return
    if isinstance(value, str) and MATH_FUNCTION.match(value):
        math_value = parse_math(value, resolve)
        if math_value is not None and not math_value.percentage:
            value = style[prop] = math_value.evaluate(0)
        elif math_value is not None and prop in _CALC_LENGTHS:
            value = style[prop] = Calc(math_value.tree, value)
        elif math_value is not None and prop in _FONT_PERCENTAGES:
            value = style[prop] = math_value.evaluate(font_size)
    if isinstance(value, str) and prop in _SIZES:
        fit = re.match(r"^fit-content\((.+)\)$", value.strip(), re.IGNORECASE)
        if fit and not fit.group(1).strip().endswith("%"):
            limit = length_to_number(fit.group(1).strip(), font_size, lengths)
            if limit is not None:
                value = style[prop] = f"fit-content({js_string(limit)}px)"
    if prop == "tabSize" and isinstance(value, str):
        spaces = js_to_number(value)
        if not math.isnan(spaces):  # a number of spaces
            style[prop] = spaces
        else:
            px = length_to_number(value, font_size, lengths)
            style[prop] = TabLength(px) if px is not None else value
    elif isinstance(value, str):
        px = length_to_number(value, font_size, lengths, font_size if prop in _FONT_PERCENTAGES else None)
        if px is not None:
            value = style[prop] = px
    if prop == "opacity" and isinstance(value, float):
        style[prop] = min(max(value, 0.0), 1.0)
    if prop == "transform":
        try:
            style[prop] = resolve_transform(value, lambda text: length_to_number(text, font_size, lengths),
                                            resolve)
        except StyleError as error:
            style.pop(prop, None)
            report(error)
    if prop == "textShadowRadius":
        style[prop] = [length_to_number(v, font_size, lengths) for v in value]
    if prop == "textShadowOffset":
        style[prop] = [{"width": length_to_number(o["width"], font_size, lengths),
                        "height": length_to_number(o["height"], font_size, lengths)} for o in value]
