"""Typing of serialized values: the reference's strings and numbers to the
value types of :mod:`.types`.

Mirrors the checks of ``handler/compute.ts`` (``v()`` keywords, ``asSize``,
``asPointAutoPercentageLength``, ``asPointPercentageLength`` of ``utils.ts``)
and adds the parsing that the reference leaves to its builders (colours,
radii, font weights, line clamps, shadows). Each converter takes the value and
a :class:`Context` and returns the typed value; hard errors go through
``ctx.report`` and soft ones (the reference's ``console.warn``) through
``ctx.soft``, both falling back to the property's initial value. A value the
reference ignores without a word is :data:`INVALID` (the caller reports it
with :func:`ignored_value`) or, when it falls back to something else than the
initial value, reported through ``ctx.ignored``.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any, cast, get_args

from ..errors import StyleError
from ..frozen import Record
from ..js_numbers import js_parse_int
from ..length_range import finite_length
from ..patterns import lazy_compile
from . import valueparser as vp
from .colors import BLACK, TRANSPARENT, parse_color, read_by_resvg
from .converter_reads import alone, not_text
from .keywords import VerticalAlign
from .object_position import parse_object_position
from .types import RGBA, Calc, FitContent, LineClamp, LineHeight, Percent, Shadow, TabLength
from .values import MATH_FUNCTION, LengthContext, check_keyword, js_string, length_to_number, parse_css_dimension

__all__ = [
    "INVALID",
    "Context",
    "Converter",
    "fill_color",
    "ignored_value",
    "font_family",
    "font_style",
    "font_weight",
    "gap",
    "inset",
    "keyword",
    "keyword_soft",
    "keywords_noted",
    "length_px",
    "line_clamp",
    "line_height",
    "loosely_read_percentage",
    "margin",
    "number",
    "object_position",
    "padding",
    "radius",
    "raw",
    "size",
    "stroke_color",
    "text_indent",
    "vertical_align",
    "decoration_length",
    "tab_size",
    "z_index",
]


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


# A converter returns INVALID to fall back to the property's initial value.
INVALID: Any = _Invalid()


class Context(Record):
    """What converters need besides the value."""

    prop: str
    font_size: float
    color: RGBA | None  # None: no current colour (a fused step's value reads none, style/steps.py)
    lengths: LengthContext
    report: Callable[[StyleError], None]
    soft: Callable[[str], None]
    style: Mapping[str, Any]
    ignored: Callable[[str], None] = lambda message: None


def shown(value: Any) -> str:
    """A value as a report quotes it: as written, cut when long."""
    text = js_string(value)
    return text if len(text) <= 80 else text[:77] + "..."


def ignored_value(prop: str, value: Any) -> str:
    """The report of an invalid value that falls back to the property's initial value."""
    return f'Invalid value "{shown(value)}" for CSS property "{prop}".'


Converter = Callable[[Any, Context], Any]

@alone()
def raw(value: Any, ctx: Context) -> Any:
    return value


def keyword(allowed: Mapping[str, Any]) -> Converter:
    """``v()``: the value must be a key of ``allowed`` (case-sensitive), else an error."""
    def convert(value: Any, ctx: Context) -> Any:
        try:
            return check_keyword(value, allowed, ctx.prop)
        except StyleError as error:
            ctx.report(error)
            return INVALID
    return alone()(convert)


def keyword_soft(allowed: tuple[str, ...]) -> Converter:
    """A keyword the reference doesn't check; unknown ones act as the initial value."""
    def convert(value: Any, ctx: Context) -> Any:
        return value if isinstance(value, str) and value in allowed else INVALID
    return alone()(convert)


def keywords_noted(allowed: frozenset[str]) -> Converter:
    """Kept as written (the text stage reads it); reported when a word is not one of CSS's."""
    def convert(value: Any, ctx: Context) -> Any:
        words = js_string(value).strip().split()
        if not words or any(word not in allowed for word in words):
            ctx.ignored(ignored_value(ctx.prop, value))
        return value
    return alone()(convert)


@alone()
def font_style(value: Any, ctx: Context) -> Any:
    """``fontStyle``, kept as written: ``normal``, ``italic``, ``oblique`` or ``oblique <angle>``.

    The text stage slants ``oblique`` by an angle in deg only (as the reference's
    ``isSlanted``): an angle in another unit is reported as read upright.
    """
    text = js_string(value).strip()
    oblique = re.fullmatch(r"oblique\s+(\S+)", text)
    if oblique and _ANGLE.fullmatch(oblique.group(1)) and not oblique.group(1).lower().endswith("deg"):
        ctx.ignored(f'Unsupported value "{shown(value)}" for CSS property "fontStyle": only an angle in deg '
                    "is read; the text is upright.")
    elif text not in ("normal", "italic", "oblique") and not (oblique and re.fullmatch(r"-?[\d.]+deg", oblique.group(1))):
        ctx.ignored(ignored_value(ctx.prop, value))
    return value


_ANGLE = lazy_compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:deg|grad|rad|turn)", re.IGNORECASE)
_VERTICAL_ALIGN = frozenset(get_args(VerticalAlign))
_RESOLVED_PERCENT = lazy_compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?%\s*", re.IGNORECASE)


@alone(not_text)
def vertical_align(value: Any, ctx: Context) -> VerticalAlign | float | Percent:
    """``verticalAlign`` (lengths are px already): a keyword the text stage reads, a px number
    or a Percent of the line height; anything else is read as ``baseline`` and reported."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    if isinstance(value, str) and MATH_FUNCTION.match(value.strip()):
        ctx.ignored(f'Unsupported value "{shown(value)}" for CSS property "{ctx.prop}": it is read as baseline.')
    elif not (isinstance(value, str) and (value in _VERTICAL_ALIGN or _RESOLVED_PERCENT.fullmatch(value))):
        ctx.ignored(ignored_value(ctx.prop, value))
    if isinstance(value, str):
        if value in _VERTICAL_ALIGN:
            return cast(VerticalAlign, value)
        # What a value that is not a keyword raises the baseline by: a length (of the text
        # layout's reading, ``toNumber``) when it starts like a number, else nothing.
        return _font_length(value, ctx.font_size) if re.match(r"-?[\d.]", value) else "baseline"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)  # not finite (reported)
    return 0.0


# A length as the text layout reads one (px, em, rem or a percentage of its basis); any other
# text is 0 px.
_FONT_LENGTH = lazy_compile(r"\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(px|em|rem|%)?\s*", re.IGNORECASE)


def _font_length(text: str, font_size: float) -> float | Percent:
    match = _FONT_LENGTH.fullmatch(text)
    if match is None:
        return 0.0
    number = float(match.group(1))
    unit = (match.group(2) or "px").lower()
    return Percent(number) if unit == "%" else number * {"px": 1.0, "em": font_size, "rem": 16.0}[unit]


@alone(lambda value: not isinstance(value, str) or value in ("auto", "from-font") or not value.strip())
def decoration_length(value: Any, ctx: Context) -> float | Percent | None:
    """``textDecorationThickness`` and ``textUnderlineOffset``: px, a Percent of the font
    size, or None for ``auto`` and ``from-font`` (the font's own)."""
    if value is None or isinstance(value, str) and (value in ("auto", "from-font") or not value.strip()):
        return None
    if isinstance(value, bool):
        return 0.0
    if isinstance(value, (int, float)):
        return float(value)
    return _font_length(value, ctx.font_size) if isinstance(value, str) else 0.0


@alone(not_text)
def tab_size(value: Any, ctx: Context) -> float | TabLength:
    """``tabSize``: a number of spaces, or a length (a percentage is of 1 px, as the text
    layout reads it). Text that is neither is reported: its tabs are 0 px wide."""
    if isinstance(value, TabLength):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if not (isinstance(value, str) and _FONT_LENGTH.fullmatch(value)):
        ctx.ignored(f'Invalid value "{shown(value)}" for CSS property "{ctx.prop}": tabs are 0 px wide.')
        return TabLength(0.0)
    length = _font_length(value, ctx.font_size)
    return TabLength(length.resolve(1.0) if isinstance(length, Percent) else length)


_POSITION_KEYWORDS = frozenset({"left", "center", "right", "top", "bottom"})


def _position_word(word: Any) -> bool:
    """Whether ``parseObjectPosition`` reads ``word`` as written: a keyword, a percentage,
    a length or a number (its ``CssDimension``; anything else is read as 0 px)."""
    if isinstance(word, (int, float, Percent)) and not isinstance(word, bool):
        return True
    if not isinstance(word, str):
        return False
    dimension = parse_css_dimension(word)
    return word in _POSITION_KEYWORDS or (dimension is not None and dimension[0] in ("length", "number",
                                                                                     "percentage"))


@alone()
def object_position(value: Any, ctx: Context) -> Any:
    """``objectPosition``: one or two keywords, percentages or lengths, read as the reference
    reads them (:mod:`.object_position`). A word that is none of those (read as 0 px) and a
    third and fourth value (not read) are reported."""
    if isinstance(value, (int, float, Percent)) and not isinstance(value, bool) and value == value:
        return parse_object_position(value)
    words = value.lower().split() if isinstance(value, str) else list(value) \
        if isinstance(value, (list, tuple)) else []
    if not words or not all(_position_word(w) for w in words[:2]):
        ctx.ignored(ignored_value(ctx.prop, value))
    elif loose := [(w, n) for w in words[:2] if isinstance(w, str) and (n := loosely_read_percentage(w)) is not None]:
        ctx.ignored(f'Invalid value "{shown(loose[0][0])}" for CSS property "{ctx.prop}": it is read as '
                    f"{js_string(loose[0][1])}%.")
    elif len(words) > 2:
        ctx.ignored(f'Unsupported value "{shown(value)}" for CSS property "{ctx.prop}": only its first two '
                    "values are read.")
    return parse_object_position(value)


# -- lengths ------------------------------------------------------------------------------

_SIZING = {"min-content": "min-content", "max-content": "max-content", "fit-content": "fit-content",
           "stretch": "stretch", "-webkit-min-content": "min-content",
           "-webkit-max-content": "max-content", "-webkit-fit-content": "fit-content",
           "-webkit-fill-available": "stretch"}
_FIT_CONTENT = lazy_compile(r"^fit-content\(\s*([\d.]+)(px|%)\s*\)$")
_EXAMPLE = '(e.g., "50%")'


def _js_parse_float(text: str) -> float:
    match = re.match(r"^\s*[+-]?(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?|Infinity)", text, re.IGNORECASE)
    return float(match.group(0).replace("Infinity", "inf")) if match else math.nan


def _percentage(value: str, ctx: Context) -> Any:
    number = _read_percentage(value, ctx)
    if math.isnan(number):
        ctx.soft(f'Invalid value "{value}" for "{ctx.prop}". Expected a percentage value {_EXAMPLE}.')
        return INVALID
    return Percent(number)


def _read_percentage(value: str, ctx: Context) -> float:
    """The number of a text ending in ``%``, as the reference reads it (parseFloat of the rest);
    a text a browser would not read (``10px%``, ``100%%``, ``5 %``) is said to be read so."""
    loose = loosely_read_percentage(value)
    if loose is not None:
        ctx.ignored(f'Invalid value "{shown(value)}" for CSS property "{ctx.prop}": it is read as '
                    f"{js_string(loose)}%.")
    return _js_parse_float(value[:-1])


def loosely_read_percentage(text: str) -> float | None:
    """The percentage the reference reads (parseFloat) in a text ending in ``%`` that a browser
    would not read (``10px%``, ``100%%``, ``5 %``); None for any other text."""
    if not text.endswith("%"):
        return None
    number = _js_parse_float(text[:-1])
    if math.isnan(number) or re.fullmatch(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?", text[:-1], re.IGNORECASE):
        return None
    return number


def _length_percentage(value: Any, ctx: Context, *, auto: bool) -> Any:
    """``asPointAutoPercentageLength`` / ``asPointPercentageLength``."""
    if isinstance(value, bool):
        value = js_string(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (Calc, Percent)):
        return value
    text = js_string(value)
    if auto and text.strip().lower() == "auto":
        return "auto"
    if text.endswith("%"):
        return _percentage(text, ctx)
    expected = 'a number, "auto", or a percentage value' if auto else "a number or a percentage value"
    ctx.soft(f'Invalid value "{text}" for "{ctx.prop}". Expected {expected} {_EXAMPLE}.')
    return INVALID


@alone()
def size(value: Any, ctx: Context) -> Any:
    """``asSize``: a length, a sizing keyword or ``fit-content()``."""
    prop = ctx.prop
    if isinstance(value, str):
        lower = value.strip().lower()
        if lower in _SIZING:
            return _SIZING[lower]
        if lower == "content" and prop == "flexBasis":
            return "content"
        fit = _FIT_CONTENT.match(lower)
        if fit:
            limit = _js_parse_float(fit.group(1))
            return FitContent(Percent(limit) if fit.group(2) == "%" else limit)
        if lower == "none" and prop.startswith("max"):
            return "none"
        if lower == "auto" and prop.startswith("min"):
            return "auto"
    return _length_percentage(value, ctx, auto=not prop.startswith(("min", "max")))


@alone()
def margin(value: Any, ctx: Context) -> Any:
    # `style.marginTop || 0`: falsy values are 0.
    return _length_percentage(value or 0.0, ctx, auto=True)


@alone()  # (the position only decides whether an invalid value is reported)
def inset(value: Any, ctx: Context) -> Any:
    """Insets only apply (and are only checked) when the box is positioned."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        return "auto"
    if ctx.style.get("position") in ("static", "sticky", None):
        quiet = Context(ctx.prop, ctx.font_size, ctx.color, ctx.lengths, ctx.report,
                        lambda message: None, ctx.style, ctx.ignored)
        return _length_percentage(value, quiet, auto=False)
    return _length_percentage(value, ctx, auto=False)


@alone()
def padding(value: Any, ctx: Context) -> Any:
    """Not checked by the reference; anything but a length is 0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, (Percent, Calc)):
        return value
    if isinstance(value, str) and value.endswith("%"):
        number = _read_percentage(value, ctx)
        if not math.isnan(number):
            return Percent(number)
    return INVALID


@alone()
def gap(value: Any, ctx: Context) -> Any:
    read = padding(value, ctx)
    amount = read.value if isinstance(read, Percent) else read
    if isinstance(amount, float) and amount < 0:
        # Taffy lays it out as the reference's engine does (Satori 0.63.2 lays out with a patched Taffy
        # compiled to wasm, vercel/satori crates/layout: the items overlap); a browser drops it.
        ctx.ignored(f'Invalid value "{shown(value)}" for CSS property "{ctx.prop}": a gap is not negative '
                    "in CSS (a browser uses none); the items overlap, as in Satori.")
    return read


@alone()
def length_px(value: Any, ctx: Context) -> Any:
    """A px length (em and friends are already resolved); others fall back."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        length = finite_length(float(value))  # 1e308 clamps (letter spacing of it overflowed)
        return INVALID if length is None else length
    return INVALID


@alone()
def text_indent(value: Any, ctx: Context) -> Any:
    """px, or a percentage of the line's width."""
    if isinstance(value, str) and value.strip().endswith("%"):
        number = _read_percentage(value.strip(), ctx)  # (`10px%` is said to be read as 10%)
        return INVALID if math.isnan(number) else Percent(number)
    return length_px(value, ctx)


@alone()
def number(value: Any, ctx: Context) -> Any:
    """A plain number; numeric strings were converted already, others are ignored."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return INVALID


@alone()
def z_index(value: Any, ctx: Context) -> Any:
    if value == "auto":
        return "auto"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    return INVALID


# -- colours ------------------------------------------------------------------------------

@alone()
def fill_color(value: Any, ctx: Context) -> Any:
    """A colour painted as a fill: an invalid one is black (the SVG default fill)."""
    if isinstance(value, RGBA):
        return value
    parsed = parse_color(js_string(value), ctx.color)
    if parsed is None:
        ctx.ignored(f'Invalid color "{shown(value)}" for CSS property "{ctx.prop}": it is drawn black.')
        return BLACK
    return parsed


@alone()
def stroke_color(value: Any, ctx: Context) -> Any:
    """A colour painted as a stroke: an invalid one draws nothing (the SVG default)."""
    if isinstance(value, RGBA):
        return value
    parsed = parse_color(js_string(value), ctx.color)
    if parsed is None:
        ctx.ignored(f'Invalid color "{shown(value)}" for CSS property "{ctx.prop}".')
        return TRANSPARENT
    if not read_by_resvg(js_string(value)):
        return TRANSPARENT  # kept as written, which resvg can't read: no stroke
    return parsed


# -- shapes and fonts ---------------------------------------------------------------------

def _radius_component(text: str, ctx: Context) -> float | Percent | Calc:
    from .calc import parse_math

    if text.endswith("%"):
        number = _js_parse_float(text[:-1])
        if math.isnan(number):
            ctx.ignored(f'Invalid length "{shown(text)}" for CSS property "{ctx.prop}": 0 is used.')
        return Percent(0.0 if math.isnan(number) else number)
    math_value = parse_math(text, lambda n, u: _unit(n, u, ctx))
    if math_value is not None:
        return math_value.as_calc(text) if math_value.percentage else math_value.evaluate(0)
    px = length_to_number(text, ctx.font_size, ctx.lengths)
    if px is None:
        ctx.ignored(f'Invalid length "{shown(text)}" for CSS property "{ctx.prop}": 0 is used.')
    return 0.0 if px is None else px


def _unit(number_: float, unit: str, ctx: Context) -> float | None:
    from .values import unit_to_px
    return unit_to_px(number_, unit, ctx.font_size, ctx.lengths)


@alone(not_text)
def radius(value: Any, ctx: Context) -> Any:
    """A corner radius: one length (px, Percent or Calc), or (horizontal, vertical).

    One length is kept apart from two equal ones: the painter makes a corner
    given as one absolute length circular after fitting it to the box, as the
    reference does (``makeSmaller`` in ``builder/border-radius.ts``).
    """
    if isinstance(value, tuple):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, Calc):
        return value
    parts = list(vp.iter_words(vp.parse(js_string(value))))
    if not parts:
        return INVALID
    horizontal = _radius_component(parts[0], ctx)
    if len(parts) == 1:
        return horizontal
    return (horizontal, _radius_component(parts[1], ctx))


def _relative_weight(keyword: str, inherited: int) -> int:
    """``bolder``/``lighter`` of the parent's weight: CSS Fonts 4's table, as browsers have it."""
    if keyword == "bolder":
        return 400 if inherited < 350 else 700 if inherited < 550 else 900 if inherited < 900 else inherited
    return inherited if inherited < 100 else 100 if inherited < 550 else 400 if inherited < 750 else 700


@alone(lambda value: js_string(value).strip() not in ("bolder", "lighter"))
def font_weight(value: Any, ctx: Context) -> Any:
    """``normal`` 400, ``bold`` 700, numbers as integers, ``bolder``/``lighter`` relative; others 400.

    Satori reads ``bolder`` and ``lighter`` as no number, which picks the heaviest
    font; a browser makes them relative to the parent's weight, which for
    ``bolder`` under a 400 is the same bold. satori-py does what the browser does.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else 400
    text = js_string(value).strip()
    if text == "bold":
        return 700
    if text in ("bolder", "lighter"):
        inherited = ctx.style.get("fontWeight", 400)
        return _relative_weight(text, inherited if isinstance(inherited, int) else 400)
    weight = js_parse_int(text)  # (past the largest double, Infinity: no weight)
    if math.isfinite(weight):
        return int(weight) or 400
    if text != "normal":
        ctx.ignored(f'Unsupported value "{shown(value)}" for CSS property "fontWeight": 400 is used.')
    return 400


@alone()
def font_family(value: Any, ctx: Context) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (js_string(value).lower(),)


@alone()
def line_height(value: Any, ctx: Context) -> Any:
    if isinstance(value, LineHeight):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return LineHeight("multiplier", float(value))
    if js_string(value).strip().lower() != "normal":
        ctx.ignored(f'Invalid value "{shown(value)}" for CSS property "lineHeight": "normal" is used.')
    return LineHeight("normal")


@alone()
def line_clamp(value: Any, ctx: Context) -> Any:
    """``lineClamp``: a count and an optional quoted ellipsis (``3 "..."``); None if none."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not value:
            return None
        if not (math.isfinite(value) and value >= 1):
            # Like a browser's line-clamp, which takes only integers from 1 up.
            ctx.ignored(ignored_value(ctx.prop, value))
            return None
        return LineClamp(int(value))
    match = re.match(r"""^(\d+)\s*(?:"(.*)"|'(.*)')$""", js_string(value), re.DOTALL)
    if not match:
        if js_string(value).strip().lower() != "none":
            ctx.ignored(ignored_value(ctx.prop, value))
        return None
    count = int(match.group(1))
    ellipsis = match.group(2) if match.group(2) is not None else match.group(3)
    return LineClamp(count, ellipsis) if count else None


def text_shadows(style: Mapping[str, Any], ctx: Context) -> tuple[Shadow, ...]:
    """The declared ``textShadow`` layers (offsets and radii already px)."""
    offsets = style.get("textShadowOffset") or []
    colors = style.get("textShadowColor") or []
    radii = style.get("textShadowRadius") or []
    shadows = []
    for i, offset in enumerate(offsets):
        def px(v: Any) -> float:
            return finite_length(float(v)) or 0.0 if isinstance(v, (int, float)) else 0.0
        color = fill_color(colors[i] if i < len(colors) else "black", ctx)
        shadows.append(Shadow(px(offset.get("width")), px(offset.get("height")),
                              px(radii[i] if i < len(radii) else 0), color))
    return tuple(shadows)


def box_shadows(value: Any, ctx: Context) -> tuple[Shadow, ...]:
    """The ``boxShadow`` layers css-box-shadow split; a length that does not resolve is 0
    (noted)."""
    if not isinstance(value, list):
        return ()

    def px(v: Any) -> float:
        resolved = float(v) if isinstance(v, (int, float)) else \
            length_to_number(v, ctx.font_size, ctx.lengths) if isinstance(v, str) else None
        if resolved is None and v is not None:
            ctx.ignored(f'Invalid length "{shown(v)}" for CSS property "boxShadow": 0 is used.')
        return finite_length(resolved) or 0.0 if resolved is not None else 0.0  # 1e308px clamps

    return tuple(Shadow(px(s.get("offsetX")), px(s.get("offsetY")), px(s.get("blurRadius")),
                        fill_color(s.get("color") or "black", ctx), px(s.get("spreadRadius")),
                        bool(s.get("inset"))) for s in value)
