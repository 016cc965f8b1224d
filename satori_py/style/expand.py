"""Declarations to longhands: the main loop of the reference's ``expand()``.

Mirrors the first half of ``handler/expand.ts``: property names are
camelised, ``var()`` is substituted, ``currentColor`` and colours that SVG
renderers may not support are rewritten in the value text, colour keywords
are normalised, and each declaration is expanded by its special-case
handler (:mod:`.shorthands`, :mod:`.paint_shorthands`) or else by
css-to-react-native (:mod:`.c2rn`). Errors get the reference's
"in CSS rule" suffix. The result is still the reference's serialized values
(strings and numbers); :mod:`.computed` types them.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from ..cache import text_cache
from ..errors import NOT_THE_VALUES_FAULT, StyleError, UnsupportedPropertyError
from ..frozen import Record, field
from ..js_format import js_number
from ..limits import active, check_deadline
from ..patterns import lazy_compile
from . import c2rn
from . import valueparser as vp
from .colors import BLACK, convert_function_text, is_color, parse_color
from .font import parse_font_shorthand
from .paint_shorthands import LAYER_LISTS, PAINT_HANDLERS, layer_count
from .purify import purify
from .shorthands import BOX_HANDLERS, aspect_ratio_auto
from .supported import CHECKED_VALUES, unsupported_property, value_report
from .types import RGBA
from .values import js_string, unreadable
from .variables import extract_custom_properties, merge_variables, resolve_variables

__all__ = ["Expanded", "camelize", "expand", "expand_color", "expand_declaration", "expand_rest", "check_layer_list",
           "quiet_longhands"]


def camelize(prop: str) -> str:
    """css-to-react-native's ``getPropertyName``: kebab-case to camelCase."""
    if "-" in prop or "_" in prop or "." in prop:
        return _camelize(prop)
    return prop  # already camelCase (most are): nothing to replace, no cache to ask


@text_cache(1024)
def _camelize(prop: str) -> str:
    if re.match(r"^--\w+", prop):
        return prop
    return re.sub(r"[_.-](\w|$)", lambda m: m.group(1).upper(), prop)


# -- colour preprocessing -----------------------------------------------------------------

_MAYBE_CONVERTED = lazy_compile(r"(hwb|lab|lch|oklab|oklch|color|color-mix|light-dark|rgba?|hsla?)\(", re.IGNORECASE)
_GRADIENT = lazy_compile(r"^(repeating-)?(linear|radial|conic)-gradient$", re.IGNORECASE)
_NON_LEGACY = lazy_compile(r"^(lab|lch|oklab|oklch|color|color-mix)$")
_RELATIVE_CAPABLE = lazy_compile(r"^(rgba?|hsla?|hwb)$")


def _has_non_legacy_color(node: vp.Node) -> bool:
    for child in node.nodes:
        if child.type != "function":
            continue
        name = child.value.lower()
        if name == "url":
            continue
        if _NON_LEGACY.match(name):
            return True
        if _RELATIVE_CAPABLE.match(name):
            first = vp.significant(child.nodes)
            if first and first[0].type == "word" and first[0].value.lower() == "from":
                return True
            continue
        if _has_non_legacy_color(child):
            return True
    return False


def _add_interpolation_method(node: vp.Node) -> None:
    """Gradients with non-legacy colours interpolate in Oklab unless they say otherwise."""
    comma = next((i for i, n in enumerate(node.nodes) if n.type == "div" and n.value == ","), -1)
    if comma == -1:
        return
    first = vp.significant(node.nodes[:comma])
    if any(n.type == "word" and n.value.lower() == "in" for n in first) or not _has_non_legacy_color(node):
        return
    method = vp.Node("word", "in oklab")
    if first and parse_color(vp.stringify(first[0]), BLACK) is not None:
        node.nodes[0:0] = [method, vp.Node("div", ",", after=" ")]
    else:
        node.nodes[comma:comma] = [vp.Node("space", " "), method]


# A comma rgb()/rgba()/hsl()/hsla() of plain numbers (the colours most values have): kept as
# written (colors.needs_conversion), so a value with no other colour function is kept whole,
# without being parsed (parsing and writing back a value gives its text back). Not with a
# backslash (an escaped function name, `\6c\61\62(` is lab, is only known once parsed), nor
# with a comment (`/*/` is written back `/**/`)
_NUMBER_ARGUMENT = r"[ \t\n]*[+-]?(?:\d*\.)?\d+(?:[eE][+-]?\d+)?%?[ \t\n]*"
_LEGACY_COLOR = lazy_compile(rf"(?:[rR][gG][bB][aA]?|[hH][sS][lL][aA]?)\({_NUMBER_ARGUMENT}"
                             rf"(?:,{_NUMBER_ARGUMENT}){{2,3}}\)")


def convert_colors(value: str, current: RGBA | None) -> str:
    """Rewrite colours SVG renderers may not support as ``rgb()``/``rgba()``."""
    # A plain find first: most values have no function, and the search of a colour function's
    # name is slow over a long one (8 MB of a data: URI: 2.8 s); the shortcut only after it.
    if "(" not in value or not _MAYBE_CONVERTED.search(value):
        return value
    if "\\" not in value and "/*" not in value and not _MAYBE_CONVERTED.search(_LEGACY_COLOR.sub("", value)):
        return value
    return convert_parsed(value, current)


def convert_parsed(value: str, current: RGBA | None) -> str:
    """:func:`convert_colors` the long way, for a value with a colour function's name:
    ``value`` parsed, its colour functions converted."""
    nodes = vp.parse(value)
    _convert_nodes(nodes, current)
    return vp.stringify(nodes)


def _convert_nodes(children: list[vp.Node], current: RGBA | None) -> None:
    """``convert_colors`` on parsed nodes, in place (module level: a nested recursive
    function would be a reference cycle, its closure holding itself, left to the collector)."""
    for node in children:
        if node.type != "function" or node.value.lower() == "url":
            continue
        if _GRADIENT.match(node.value):
            _add_interpolation_method(node)
            continue
        needed, converted = convert_function_text(vp.stringify(node), current)
        if not needed:
            _convert_nodes(node.nodes, current)
        elif converted is not None:
            node.type, node.value, node.nodes = "word", converted, []


_FLOAT = r"-?\d*(?:\.\d+)?"
_HSL3 = lazy_compile(rf"^hsla?\(\s*({_FLOAT}(?:deg|rad|turn)?)\s*,\s*({_FLOAT}%)\s*,\s*({_FLOAT}%)\s*"
                   rf"(?:,\s*({_FLOAT}%?)\s*)?\)$")


def _clamp_float(text: str, low: float, high: float) -> float:
    return min(max(low, float(text)), high)


def refine_hsl(text: str) -> str:
    """The text colour as the reference hands it on (``refineHSL``, after resvg#579).

    A kept comma ``hsl()``/``hsla()`` is rewritten ``hsl(H,S%,L%[,A])`` with a
    numeric alpha (parse-css-color's reading: hue in degrees, saturation and
    lightness clamped to 0..100, alpha to 0..1), so a percentage alpha, which
    resvg can't read, reaches the SVG as a number. Only ``color`` gets this:
    backgrounds and borders keep their string, and ``rgba()`` stays as written.
    """
    if not text.startswith("hsl"):
        return text
    m = _HSL3.match(text)
    if m is None or not m.group(1).rstrip("degradturn"):
        return text
    hue_text = m.group(1)
    if hue_text.endswith("turn"):
        hue = float(hue_text[:-4]) * 360
    elif hue_text.endswith("rad"):
        hue = float(math.floor(float(hue_text[:-3]) * 180 / math.pi + 0.5))
    else:
        hue = float(hue_text[:-3] if hue_text.endswith("deg") else hue_text)
    sat, light = (_clamp_float(g[:-1], 0, 100) for g in (m.group(2), m.group(3)))
    alpha_text = m.group(4)
    alpha = 1.0 if alpha_text is None else _clamp_float(
        alpha_text[:-1], 0, 100) / 100 if alpha_text.endswith("%") else _clamp_float(alpha_text, 0, 1)
    parts = [js_number(hue), f"{js_number(sat)}%", f"{js_number(light)}%"]
    if alpha != 1:
        parts.append(js_number(alpha))
    return f"hsl({','.join(parts)})"


_CURRENT_COLOR = lazy_compile("currentcolor", re.IGNORECASE)


def preprocess(value: Any, current_text: str, current: RGBA | None) -> Any:
    """``currentColor`` replaced by the current colour text, colours converted."""
    if not isinstance(value, str):
        return value
    value = _CURRENT_COLOR.sub(lambda _: current_text, value)
    return convert_colors(value, current)


_COLOR_PROPERTY = lazy_compile(
    r"^(color|background|textShadow|boxShadow|textDecoration|WebkitTextStroke|"
    r"border(Top|Right|Bottom|Left)?|outline)$|Color$")
_ALIASES = {"cyan": "aqua", "magenta": "fuchsia"}
_LETTERS = lazy_compile(r"^[a-z]+$", re.IGNORECASE)


def normalize_color_keywords(name: str, value: Any) -> Any:
    """Colour keywords lowercased (and aliased) in values that have colours."""
    if not isinstance(value, str) or not _COLOR_PROPERTY.search(name):
        return value
    if value.isascii() and value == value.lower() \
            and "cyan" not in value and "magenta" not in value and "rebeccapurple" not in value:
        return value  # no word to lowercase or alias: known without parsing the value
    return normalize_parsed(value)


def normalize_parsed(value: str) -> str:
    """:func:`normalize_color_keywords` the long way, for a colour property: ``value`` parsed."""
    nodes = vp.parse(value)
    return vp.stringify(nodes) if _lowercase_color_words(nodes) else value


def _lowercase_color_words(children: list[vp.Node]) -> bool:
    """``normalize_color_keywords`` on parsed nodes, in place; whether any changed (module
    level: a nested recursive function would be a reference cycle left to the collector)."""
    changed = False
    for node in children:
        if node.type == "function":
            if node.value.lower() != "url":
                changed = _lowercase_color_words(node.nodes) or changed
            continue
        if node.type != "word" or not _LETTERS.match(node.value):
            continue
        lower = node.value.lower()
        keyword = "#663399" if lower == "rebeccapurple" else _ALIASES.get(lower, lower)
        if keyword != node.value and (lower in _ALIASES or is_color(lower)):
            node.value = keyword
            changed = True
    return changed


# -- one declaration ----------------------------------------------------------------------

# A declaration's expansion: its longhands, the warnings given, and the parts of the StyleError
# raised, if any (the parts, not the error: its traceback would keep the frames of the render
# that first met the value, and everything they hold, alive in a cache).
_Outcome = tuple[dict[str, Any], tuple[str, ...], tuple[str, str | None, Any] | None]


def expand_declaration(name: str, value: Any, current_text: str,
                       warn: Callable[[str], None]) -> Mapping[str, Any]:
    """The longhands a declaration sets (None values reset a longhand; read only: a
    cached expansion is shared).

    Memoised: a declaration's expansion only depends on its name, its value
    and the current colour, and styles repeat a lot within a tree.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return _expand_uncached(name, value, current_text, warn)
    return _longhands(_expand_cached(name, value, type(value).__name__, current_text), warn)


def _longhands(outcome: _Outcome, warn: Callable[[str], None]) -> Mapping[str, Any]:
    """The longhands of an expansion (read only: the cached one), its warnings told to
    ``warn`` (its error raised)."""
    result, warnings, error = outcome
    for message in warnings:
        warn(message)
    if error is not None:
        message, prop, error_value = error
        raise StyleError(message, prop=prop, value=error_value)
    return result


def _expansion(name: str, value: Any, kind: str, current_text: str) -> _Outcome:
    warnings: list[str] = []
    try:
        return _expand_uncached(name, value, current_text, warnings.append), tuple(warnings), None
    except StyleError as error:
        return {}, tuple(warnings), (error.message, error.prop, error.value)


_expand_cached = text_cache(4096)(_expansion)


@text_cache(4096)
def _prepared_expansion(name: str, value: str, current_text: str,
                        current: RGBA | None) -> tuple[Any, _Outcome | None]:
    """A text declaration as expand() takes it: its value with currentColor and colour keywords
    settled (what a failure of that raises, this raises), and its expansion; None for an
    expansion that failed otherwise than with a StyleError (an unreadable value). One cached
    call per declaration: the two steps were cached apart, and the cache's call cost more
    than a declaration's other work. ``current`` (the current colour) is read only by the
    colour functions of a value: the caller gives None when neither the value nor the colour
    text that replaces its currentColor has a ``(``, which keys the cache without hashing a
    colour (a Python-level hash) and shares the entry."""
    text = normalize_color_keywords(name, preprocess(value, current_text, current))
    try:
        return text, _expansion(name, text, type(text).__name__, current_text)
    except NOT_THE_VALUES_FAULT:
        raise
    except Exception:  # noqa: BLE001 - any other failure of a parser: the caller reports the value
        return text, None


def _expand_uncached(name: str, value: Any, current_text: str,
                     warn: Callable[[str], None]) -> dict[str, Any]:
    if name == "font":
        return _font(value, current_text, warn)
    handler = BOX_HANDLERS.get(name)
    if handler is not None:
        result = handler(name, value, current_text)
        if result is not None:
            return result
    paint = PAINT_HANDLERS.get(name)
    if paint is not None:
        result = paint(name, value, current_text, warn)
        if result is not None:
            return result
    purified = purify(name, value)
    if not isinstance(purified, str):
        # css-to-react-native calls .trim() on it, which only strings have: the reference says
        # "inputValue.trim is not a function", which names neither the value nor what is wrong.
        raise unreadable(name, value)
    styles = c2rn.get_styles_for_property(name, purified, warn)
    return {k: (None if v is c2rn.UNSET else v) for k, v in styles.items()}


def _font(value: Any, current_text: str, warn: Callable[[str], None]) -> dict[str, Any]:
    """The ``font`` shorthand: its longhands, each expanded like a declaration of its own."""
    out: dict[str, Any] = {}
    for longhand, longhand_value in parse_font_shorthand(js_string(value)).items():
        out.update(expand_declaration(longhand, longhand_value, current_text, warn))
    return out


def _with_rule(error: StyleError, name: str, value: Any) -> StyleError:
    """The reference attaches the rule unless the message already shows the value (then the
    error only names the property in ``prop``: the sentence stays the reference's)."""
    text = js_string(value)
    if text in error.message:
        if error.prop is None:
            error.prop = name
        return error
    return StyleError(f"{error.message}\n  in CSS rule `{name}: {text}`.", prop=name, value=value)


# -- the whole style ----------------------------------------------------------------------

class Expanded(Record):
    """A style expanded to longhands, with its variables and current colour.

    ``color_text`` is the current colour as written (the reference keeps the
    string, so an invalid colour stays invalid where currentColor is used).
    ``aspect_ratio_auto``: an ``aspectRatio`` declaration paired ``auto`` with its
    ratio (replaced elements keep their natural ratio); a later declaration of the
    property does not clear it.
    """

    declared: dict[str, Any] = field(default_factory=dict)
    rest: dict[str, Any] = field(default_factory=dict)  # the declarations but custom properties
    variables: Mapping[str, str] = field(default_factory=dict)
    color: RGBA = BLACK
    color_text: str = "black"
    warned: set[str] = field(default_factory=set)  # longhands whose declaration was warned about
    aspect_ratio_auto: bool = False
    # The longhands a fused step (:mod:`.steps`) set last, and its declaration as written.
    stepped: dict[str, str] = field(default_factory=dict)


def _unset_by_var(name: str, value: Any) -> StyleError:
    return StyleError(f'The value of "{name}" is invalid where its var() is substituted (a custom property it '
                      "uses is not defined, or is empty): the property is unset.", prop=name, value=value)


def expand(style: Mapping[str, Any], inherited_variables: Mapping[str, str], parent_color: RGBA,
           parent_color_text: str, report: Callable[[StyleError], None],
           warn: Callable[..., None], note: Callable[[StyleError], None] | None = None) -> Expanded:
    """Expand ``style`` (preset and inline declarations in cascade order).

    ``note`` hears of what the reference ignores without a word: properties
    nothing reads (they are kept all the same). ``warn(message, prop)`` hears what the
    reference warns about, with the property of the declaration it is about.
    """
    return expand_rest(expand_color(style, inherited_variables, parent_color, parent_color_text, warn, note),
                       report, warn, note)


def expand_color(style: Mapping[str, Any], inherited_variables: Mapping[str, str], parent_color: RGBA,
                 parent_color_text: str, warn: Callable[..., None],
                 note: Callable[[StyleError], None] | None = None) -> Expanded:
    """The first part of :func:`expand`: the custom properties and the current colour, and the
    declarations left to expand (``rest``)."""
    own, rest = extract_custom_properties(style)
    # (most elements declare none: the inherited ones are read, never changed)
    variables = merge_variables(inherited_variables, own) if own else inherited_variables
    out = Expanded(rest=rest, variables=variables, color=parent_color, color_text=parent_color_text)

    raw_color = rest.get("color")
    if raw_color is not None and raw_color != "" and raw_color != 0:
        counted = _Counted(warn, "color")
        resolved = resolve_variables(raw_color, variables, counted)
        if (resolved is None or not js_string(resolved).strip()) and not counted.count and note is not None:
            note(_unset_by_var("color", raw_color))
        if resolved is not None and js_string(resolved).strip():
            text = js_string(resolved)
            if text.lower() != "currentcolor":
                try:
                    out.color_text = refine_hsl(convert_colors(text, parent_color))
                    parsed = parse_color(out.color_text, parent_color)
                except (ArithmeticError, ValueError):  # numbers past every range: not a colour
                    out.color_text, parsed = text, None
                # An invalid colour is kept as written: SVG renderers fill it black.
                if parsed is None and note is not None:
                    note(StyleError(f'Invalid color "{text}" for CSS property "color": it is drawn black.',
                                    prop="color", value=raw_color))
                # So is rebeccapurple (CSS Color 4), which the reference leaves as written
                # in `color` only, and resvg doesn't know.
                resvg_lacks = out.color_text.strip().lower() == "rebeccapurple"
                out.color = parsed if parsed is not None and not resvg_lacks else BLACK
    return out


class _Stepped(Protocol):
    """A declaration's fused step (:class:`.steps.Step`), as expand reads it."""

    @property
    def longhands(self) -> Mapping[str, Any]: ...


def expand_rest(out: Expanded, report: Callable[[StyleError], None], warn: Callable[..., None],
                note: Callable[[StyleError], None] | None = None,
                steps: Mapping[str, _Stepped] | None = None) -> Expanded:
    """The second part of :func:`expand`: each declaration of ``out.rest`` into ``out.declared``.
    A declaration with a step in ``steps`` (keyed as written) says nothing: its longhands are
    the step's, and ``out.stepped`` records them."""
    variables = out.variables
    counted = _Counted(warn)
    stepped = out.stepped

    for prop, value in out.rest.items():
        step = steps.get(prop) if steps else None
        if step is not None:
            longhands = step.longhands
            out.declared.update(longhands)
            stepped.update(dict.fromkeys(longhands, prop))
            continue
        check_deadline()  # a style may have 100,000 properties (each unknown one: ~0.3 ms)
        if prop.startswith("_"):
            report(StyleError(f"Invalid style property: {_json_string(prop)}", prop=prop))
            continue
        if prop == "color" or value is None:
            continue
        name = camelize(prop)
        if note is not None:
            unsupported = unsupported_property(prop, name)
            if unsupported is not None:
                note(UnsupportedPropertyError(unsupported, prop=prop, value=value))
        before = counted.count
        counted.prop = name
        resolved = resolve_variables(value, variables, counted)
        # Invalid at computed-value time, or empty after var(): behaves as unset.
        if resolved is None or (isinstance(resolved, str) and not resolved.strip() and resolved != value):
            if counted.count == before and note is not None:  # (the resolver said why when it could)
                note(_unset_by_var(name, value))
            continue
        said = None
        if note is not None and (name in CHECKED_VALUES or resolved is True or resolved is False):
            said = value_report(name, resolved)  # read otherwise than written: the reference says nothing
            if said is not None:
                note(StyleError(said, prop=name, value=value))
        if isinstance(resolved, str):
            check_layer_list(name, resolved)
        outcome: _Outcome | None = None
        if isinstance(resolved, str):  # what preparing the text raises goes on, as it always did
            text, outcome = _prepared_expansion(
                name, resolved, out.color_text,
                out.color if "(" in resolved or "(" in out.color_text else None)
            if outcome is None:
                report(unreadable(name, text))
                continue
        else:
            text = resolved
        try:
            longhands = _longhands(outcome, counted) if outcome is not None \
                else expand_declaration(name, text, out.color_text, counted)
        except StyleError as error:
            report(_with_rule(error, name, text))
            continue
        except NOT_THE_VALUES_FAULT:
            raise
        except Exception:  # noqa: BLE001 - any other failure of a parser: the value is invalid
            report(unreadable(name, text))
            continue
        out.declared.update(longhands)
        if stepped:
            for longhand in longhands:
                stepped.pop(longhand, None)
        if name == "aspectRatio" and aspect_ratio_auto(text):
            out.aspect_ratio_auto = True
        if counted.count != before or said is not None:  # said once: its longhands say no more
            out.warned.update(longhands)
        elif out.warned:  # a later declaration of a longhand says what it says
            out.warned.difference_update(longhands)
    return out


class _Counted:
    """``warn``, counting what it was told: whether a step said why a value is dropped. Told
    with the property of the declaration being expanded (``prop``), when there is one: a
    report of a var() or of a value names the property it is about."""

    __slots__ = ("_warn", "count", "prop")

    def __init__(self, warn: Callable[..., None], prop: str | None = None) -> None:
        self._warn, self.count, self.prop = warn, 0, prop

    def __call__(self, message: str) -> None:
        self.count += 1
        if self.prop is None:
            self._warn(message)
        else:
            self._warn(message, self.prop)


def check_layer_list(name: str, value: str) -> None:
    """LimitError for a value of a layer list (shadows, backgrounds, masks) with more layers
    than the render's limit: checked before the value is parsed."""
    if name in LAYER_LISTS:
        active().check_layers(layer_count(name, value), LAYER_LISTS[name], name)


def quiet_longhands(prop: str, value: Any, color_text: str, current: RGBA | None) -> Mapping[str, Any] | None:
    """The longhands :func:`expand_rest` makes of a text or number declaration without a word
    (read only: a cached expansion), or None when it would say something: report, warn or note
    it; and for a var(), whose value is the element's. ``current`` is the current colour, given
    as :func:`expand_rest` gives it. (The caller checks a layer list against the render's limits
    first, as expand_rest does: :func:`check_layer_list`.)"""
    if prop.startswith("_") or type(value) is bool:
        return None
    name = camelize(prop)
    if unsupported_property(prop, name) is not None or name == "aspectRatio" \
            or (name in CHECKED_VALUES and value_report(name, value) is not None):
        return None
    if isinstance(value, str):
        if "var(" in value or "env(" in value:
            return None
        outcome = _prepared_expansion(name, value, color_text, current)[1]
    else:
        outcome = _expand_cached(name, value, type(value).__name__, color_text)
    if outcome is None or outcome[1] or outcome[2] is not None:
        return None
    return outcome[0]


def _json_string(text: str) -> str:
    import json
    return json.dumps(text, ensure_ascii=False)
