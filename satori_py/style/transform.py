"""``transform`` and the individual ``translate``/``rotate``/``scale`` properties.

Mirrors the reference's ``parser/transform.ts`` (functions split with their
raw arguments, then resolved once the font size is known) and
``parseIndividualTransform`` of ``handler/expand.ts``. Arguments resolve to
px, degrees and numbers; translations keep percentages (Percent / Calc).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from ..errors import StyleError
from ..patterns import lazy_compile
from . import valueparser as vp
from .calc import parse_math
from .convert import loosely_read_percentage, shown
from .types import Percent, TransformFunction, TransformOrigin
from .values import (
    MATH_FUNCTION,
    calc_degree,
    js_string,
    parse_css_dimension,
    split_values,
)

__all__ = [
    "RawFunction",
    "parse_individual_transform",
    "parse_transform",
    "parse_transform_origin",
    "resolve_transform",
    "svg_transform_to_css",
]

# (name as spelled in CSS, minimum arguments, kinds of the arguments)
_L, _LP, _N, _S, _A = "length", "lengthOrPercentage", "number", "scale", "angle"
_FUNCTIONS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    name.lower(): (name, minimum, kinds) for name, minimum, kinds in (
        ("matrix", 6, (_N,) * 6), ("matrix3d", 16, (_N,) * 16),
        ("translate", 1, (_LP, _LP)), ("translateX", 1, (_LP,)), ("translateY", 1, (_LP,)),
        ("translateZ", 1, (_L,)), ("translate3d", 3, (_LP, _LP, _L)),
        ("scale", 1, (_S, _S)), ("scaleX", 1, (_S,)), ("scaleY", 1, (_S,)), ("scaleZ", 1, (_S,)),
        ("scale3d", 3, (_S, _S, _S)),
        ("rotate", 1, (_A,)), ("rotateX", 1, (_A,)), ("rotateY", 1, (_A,)), ("rotateZ", 1, (_A,)),
        ("rotate3d", 4, (_N, _N, _N, _A)),
        ("skew", 1, (_A, _A)), ("skewX", 1, (_A,)), ("skewY", 1, (_A,)),
        ("perspective", 1, (_L,)),
    )
}

# A function before its arguments are resolved: (name, raw argument strings).
RawFunction = tuple[str, tuple[str, ...]]
ToPixels = Callable[[str], "float | None"]


def parse_transform(value: str) -> list[RawFunction]:
    """Split a ``transform`` value into functions; raise on an invalid one."""
    nodes = vp.significant(vp.parse(value))
    if len(nodes) == 1 and nodes[0].type == "word" and nodes[0].value.lower() == "none":
        return []
    functions: list[RawFunction] = []
    for node in nodes:
        definition = _FUNCTIONS.get(node.value.lower()) if node.type == "function" else None
        if definition is None:
            raise StyleError(f'Invalid transform function: "{vp.stringify(node)}".', prop="transform")
        name, minimum, kinds = definition
        args: list[str] = []
        expects = True
        for arg in node.nodes:
            if arg.type in ("space", "comment"):
                continue
            if arg.type == "div" and arg.value == "," and not expects:
                expects = True
            elif expects and (arg.type == "word" or (
                    arg.type == "function" and MATH_FUNCTION.match(vp.stringify(arg)))):
                args.append(vp.stringify(arg))
                expects = False
            else:
                raise StyleError(f'Invalid arguments in transform function "{vp.stringify(node)}".',
                                 prop="transform")
        if len(args) < minimum or len(args) > len(kinds):
            raise StyleError(
                f'Invalid number of arguments in transform function "{vp.stringify(node)}".',
                prop="transform")
        functions.append((name, tuple(args)))
    return functions


def _resolve_argument(arg: str, kind: str, to_px: ToPixels, math_resolver: Any) -> Any:
    if MATH_FUNCTION.match(arg):
        value = parse_math(arg, math_resolver)
        if value is None:
            return None
        if value.percentage:  # of the element's size
            return value.as_calc(arg) if kind == _LP else None
        expected = "number" if kind in (_N, _S) else "length"
        return value.evaluate(0) if value.type == expected or kind == _A else None
    dimension = parse_css_dimension(arg)
    if dimension is None:
        return None
    kind_of, number, _unit = dimension
    if kind == _N:
        return number if kind_of == "number" else None
    if kind == _S:
        return number if kind_of == "number" else number / 100 if kind_of == "percentage" else None
    if kind == _A:
        return calc_degree(arg) if kind_of == "angle" else 0.0 if kind_of == "number" and number == 0 else None
    if kind == _LP and kind_of == "percentage":
        return Percent(number)
    if kind_of == "length":
        return to_px(arg)
    return 0.0 if kind_of == "number" and number == 0 else None


def resolve_transform(functions: list[RawFunction], to_px: ToPixels, math_resolver: Any
                      ) -> tuple[TransformFunction, ...]:
    """Resolve arguments to px, degrees and numbers; raise on an invalid one."""
    out: list[TransformFunction] = []
    for name, raw in functions:
        kinds = _FUNCTIONS[name.lower()][2]
        args: list[Any] = []
        for i, arg in enumerate(raw):
            if name == "perspective" and arg.lower() == "none":
                args.append(math.inf)  # the identity transform
                continue
            resolved = _resolve_argument(arg.lower(), kinds[i], to_px, math_resolver)
            if resolved is None:
                raise StyleError(f'Invalid value "{arg}" in transform function {name}().',
                                 prop="transform")
            args.append(float(resolved) if isinstance(resolved, (int, float)) else resolved)
        out.append(TransformFunction(name, tuple(args)))
    return tuple(out)


_ANGLE = lazy_compile(r"^[+-]?(\d+(?:\.\d*)?|\.\d+)(deg|rad|grad|turn)$|^0$", re.IGNORECASE)


def parse_individual_transform(name: str, value: Any) -> list[RawFunction]:
    """``translate``, ``rotate`` or ``scale`` as transform functions."""
    def invalid() -> StyleError:
        return StyleError(f'Invalid `{name}` value: "{js_string(value)}".', prop=name, value=value)

    text = value
    if isinstance(value, (int, float)):
        if name == "rotate" and value != 0:
            raise invalid()
        text = f"{js_string(value)}px" if name == "translate" else js_string(value)
    parts = split_values(str(text).strip())
    if len(parts) == 1 and parts[0].lower() == "none":
        return []
    if not parts:
        raise invalid()
    if name in ("translate", "scale"):
        if len(parts) > 3:
            raise invalid()
        function = f"{name}3d" if len(parts) == 3 else name
        return parse_transform(f"{function}({', '.join(parts)})")
    index = next((i for i, part in enumerate(parts) if _ANGLE.match(part)), -1)
    if index == -1:
        raise invalid()
    angle = parts[index]
    axis = [part for i, part in enumerate(parts) if i != index]
    if not axis:
        return parse_transform(f"rotate({angle})")
    if index not in (0, len(parts) - 1):
        raise invalid()
    if len(axis) == 1 and re.match(r"^[xyz]$", axis[0], re.IGNORECASE):
        return parse_transform(f"rotate{axis[0].upper()}({angle})")
    if len(axis) != 3:
        raise invalid()
    return parse_transform(f"rotate3d({', '.join(axis)}, {angle})")


def _origin_unit(word: str, font_size: float) -> tuple[str, float] | None:
    """("absolute", px) or ("relative", percent) of one origin component."""
    if re.match(r"^[+-]?0*\.?0+$", word):
        return ("absolute", 0.0)
    parsed = parse_css_dimension(word)
    if parsed is None:
        return None
    _kind, value, unit = parsed
    if unit == "px":
        return ("absolute", value)
    if unit == "em":
        return ("absolute", value * font_size)
    if unit == "rem":
        return ("absolute", value * 16)
    if unit == "%":
        return ("relative", value)
    return None


_ORIGIN_KEYWORDS: dict[str, dict[str, float]] = {
    "top": {"y_relative": 0.0}, "left": {"x_relative": 0.0}, "right": {"x_relative": 100.0},
    "bottom": {"y_relative": 100.0}, "center": {}}


def _origin_word(word: str, font_size: float, horizontal: bool,
                 unread: Callable[[str, str], None]) -> dict[str, float]:
    if word in _ORIGIN_KEYWORDS:
        return dict(_ORIGIN_KEYWORDS[word])
    loose = loosely_read_percentage(word)
    if loose is not None:  # (parse-css-dimension's parseFloat: a browser drops it)
        unread(word, f"it is read as {js_string(loose)}%")
    unit = _origin_unit(word, font_size)
    if unit is None:
        unread(word, "50% is used")
        return {}
    axis = "x" if horizontal else "y"
    return {f"{axis}_{unit[0]}": unit[1]}


def parse_transform_origin(value: Any, font_size: float, prop: str = "transformOrigin",
                           note: Callable[[StyleError], None] | None = None) -> TransformOrigin:
    """``transformOrigin``/``perspectiveOrigin`` (transform-origin.ts); unknown parts are None
    (the centre on their axis), as by the reference, and given to ``note`` (with ``prop``)."""
    if isinstance(value, (int, float)):
        return TransformOrigin(x_absolute=float(value))

    def unread(part: str, outcome: str) -> None:
        if note is not None:
            note(StyleError(f'Invalid value "{shown(part)}" in CSS property "{prop}": {outcome}.',
                            prop=prop, value=value))

    nodes = vp.parse(str(value))
    for node in nodes:
        if node.type not in ("word", "space"):
            unread(vp.stringify([node]), "it is not read")
    words = [node.value for node in nodes if node.type == "word"]
    if len(words) == 1:
        return TransformOrigin(**_origin_word(words[0], font_size, True, unread))
    if len(words) not in (2, 3):
        unread(str(value), "the centre is used")
        return TransformOrigin()
    depth: dict[str, float] = {}
    if len(words) == 3:
        z_word = words.pop()
        z = _origin_unit(z_word, font_size)
        if z is not None and z[0] == "relative":
            unread(str(value), "the centre is used (a depth cannot be a percentage)")
            return TransformOrigin()
        if z is None:
            unread(z_word, "the depth is 0")
        elif z[1]:
            depth = {"z_absolute": z[1]}
    if words[0] in ("top", "bottom") or words[1] in ("left", "right"):
        words.reverse()
    return TransformOrigin(**{**_origin_word(words[0], font_size, True, unread),
                              **_origin_word(words[1], font_size, False, unread), **depth})


_SVG_FUNCTION = lazy_compile(r"\s*([a-zA-Z]+)\s*\(([^)]*)\)\s*,?")


def _svg_matrix(name: str, args: list[float]) -> list[float] | None:
    rad = math.radians(args[0]) if args else 0.0
    if name == "matrix":
        return args if len(args) == 6 else None
    if name == "translate" and len(args) in (1, 2):
        return [1, 0, 0, 1, args[0], args[1] if len(args) > 1 else 0]
    if name == "scale" and len(args) in (1, 2):
        return [args[0], 0, 0, args[1] if len(args) > 1 else args[0], 0, 0]
    if name == "rotate" and len(args) in (1, 3):
        cos, sin = math.cos(rad), math.sin(rad)
        cx, cy = (args[1], args[2]) if len(args) == 3 else (0.0, 0.0)
        return [cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy]
    if name == "skewX" and len(args) == 1:
        return [1, 0, math.tan(rad), 1, 0, 0]
    if name == "skewY" and len(args) == 1:
        return [1, math.tan(rad), 0, 1, 0, 0]
    return None


def svg_transform_to_css(value: str) -> str | None:
    """The ``transform`` attribute of an inline ``<svg>`` as a CSS ``matrix()``, or None."""
    from ..js_format import js_number
    from ..js_numbers import js_to_number

    matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    position = 0
    while True:
        match = _SVG_FUNCTION.match(value, position)
        if not match:
            break
        args = [js_to_number(a) for a in re.split(r"[\s,]+", match.group(2).strip()) if a]
        fn = None if any(math.isnan(a) for a in args) else _svg_matrix(match.group(1), args)
        if fn is None:
            return None
        a1, b1, c1, d1, e1, f1 = matrix
        a2, b2, c2, d2, e2, f2 = fn
        matrix = [a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2,
                  a1 * e2 + c1 * f2 + e1, b1 * e2 + d1 * f2 + f1]
        position = match.end()
    if not position or value[position:].strip():
        return None
    return "matrix(" + ",".join(js_number(float(f"{n:.6f}")) for n in matrix) + ")"
