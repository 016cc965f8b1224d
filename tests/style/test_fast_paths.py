"""The style stage's shortcuts give what the long way gives, for any text.

A shortcut answers without parsing when it can tell the parse would change nothing
(a value whose colours are comma rgb()/hsl() of plain numbers, a colour value with no
word to lowercase); these tests hold it to the long way, and pin the texts it must leave
to the long way (escaped function names, comments).
"""
from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py.errors import StyleError
from satori_py.style import valueparser as vp
from satori_py.style import colors
from satori_py.style.colors import BLACK
from satori_py.style.expand import (
    _MAYBE_CONVERTED,
    _prepared_expansion,
    convert_colors,
    convert_parsed,
    normalize_color_keywords,
    normalize_parsed,
)
from satori_py.style.gradients import expand_color_stops, expand_parsed_stops
from satori_py.style.resolve import _resolve_one, resolve_declared
from satori_py.style.types import RGBA
from satori_py.style.values import LengthContext, unit_to_px, unreadable

_NUMBERS = st.one_of(
    st.sampled_from(["0", "-0", "12", "255", "256", ".5", "1.25", "+.5", "-3", "3e2", "4E-1", "1e999", "1.", ".",
                     "50%", "10deg", "0.35", "-.0"]),
    st.floats(allow_nan=False).map(repr), st.integers(-300, 300).map(str))
_SPACES = st.sampled_from(["", "", " ", "\t", "\n", "\r", "\f", "\u00a0"])
_ARGUMENT = st.tuples(_SPACES, _NUMBERS, _SPACES).map("".join)
_COLOR = st.tuples(st.sampled_from(["rgb", "rgba", "hsl", "hsla", "RGBA", "rGb", "hSl", "xrgb", "lab", "oklch"]),
                   st.lists(_ARGUMENT, min_size=2, max_size=5).map(",".join),
                   st.sampled_from([")", ")", "", " )"])).map(lambda parts: f"{parts[0]}({parts[1]}{parts[2]}")
_PIECES = st.sampled_from([
    "rgb(", "rgba(", "hsl(", "lab(", "color(", "hwb(", "light-dark(", "color-mix(", "linear-gradient(",
    "radial-gradient(", "url(", "calc(", "var(", "from ", "in ", "oklab", "0", "50%", ",", " ", ")", "(", "\n",
    "/", "/*", "*/", "red", "Red", "CYAN", "cyan", "magenta", "rebeccapurple", "transparent", "currentColor",
    "#fff", '"', "'", "\\", "\\6c", "\\61", "\\62", "x", "e", "%", "\u017f", "\u212a", "\u00e9"])
VALUES = st.lists(st.one_of(_PIECES, _COLOR), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_colour_conversion_without_parsing_is_the_parsed_one(value: str) -> None:
    named = _MAYBE_CONVERTED.search(value) is not None  # (no colour function's name: kept, not parsed)
    for current in (BLACK, RGBA(10, 20, 30, 1.0), None):
        assert convert_colors(value, current) == (convert_parsed(value, current) if named else value)


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_colour_words_without_parsing_are_the_parsed_ones(value: str) -> None:
    for name in ("color", "boxShadow", "borderTopColor"):
        assert normalize_color_keywords(name, value) == normalize_parsed(value)
    assert normalize_color_keywords("width", value) == value


@settings(max_examples=500, deadline=None)
@given(VALUES.filter(lambda v: "\\" not in v and "/*" not in v))
def test_a_value_without_escapes_or_comments_is_written_back_as_it_was(value: str) -> None:
    # What the shortcut of convert_colors relies on.
    assert vp.stringify(vp.parse(value)) == value


def test_the_texts_left_to_the_long_way() -> None:
    # An escaped name is only known parsed: `\6c\61\62(` is lab(), converted; a comment `/*/`
    # is written back `/**/` by the parser, as the reference's.
    assert convert_colors("rgba(0,0,0,1) \\6c\\61\\62(50% 0 0)", BLACK) == "rgba(0,0,0,1) rgb(119,119,119)"
    assert convert_colors("rgba(0,0,0,1) /*/", BLACK) == "rgba(0,0,0,1) /**/"
    assert convert_colors("0 4px 8px rgba(0,0,0,0.35)", BLACK) == "0 4px 8px rgba(0,0,0,0.35)"
    assert convert_colors("0 4px 8px rgb(0 0 0 / 35%)", BLACK) == "0 4px 8px rgba(0,0,0,0.35)"
    assert normalize_color_keywords("color", "\u212ahaki") == "khaki"  # the Kelvin sign is a K
    assert normalize_color_keywords("borderColor", "cyan") == "aqua"


def test_words_of_a_value_are_split_as_postcss_value_parser_splits_them() -> None:
    def shape(nodes: list[vp.Node]) -> list[object]:
        return [(n.type, n.value, n.before, n.after, shape(n.nodes)) for n in nodes]

    assert shape(vp.parse("a\\ b calc(1px*2/3) f(x) g(1)h")) == [
        ("word", "a\\ b", "", "", []), ("space", " ", "", "", []),
        ("function", "calc", "", "", [("word", "1px", "", "", []), ("word", "*", "", "", []),
                                      ("word", "2", "", "", []), ("word", "/", "", "", []),
                                      ("word", "3", "", "", [])]),
        ("space", " ", "", "", []), ("function", "f", "", "", [("word", "x", "", "", [])]),
        ("space", " ", "", "", []), ("function", "g", "", "", [("word", "1", "", "", [])]),
        ("word", "h", "", "", [])]
    assert shape(vp.parse("x\\")) == [("word", "x\\", "", "", [])]


@settings(max_examples=800, deadline=None)
@given(_COLOR)
def test_a_comma_rgb_read_without_tinycss2_is_the_tokens_reading(text: str) -> None:
    for current in (BLACK, None):
        assert colors.parse_color(text, current) == colors._parse_tokens(text.strip(), current)
        assert colors.parse_color(f" {text}\n", current) == colors._parse_tokens(text.strip(), current)


@settings(max_examples=800, deadline=None)
@given(st.one_of(_COLOR, st.sampled_from(["red", "RED", "#fff", "#FfF8", "#12", "e", "currentColor", "transparent",
                                          " #abc ", "rgb(1,2,3)/**/"])))
def test_a_space_colour_read_without_tinycss2_is_the_tokens_reading(text: str) -> None:
    import tinycss2

    nodes = colors._significant(tinycss2.parse_component_value_list(text.strip()))
    for current in (BLACK, None):
        assert colors.parse_space_color(text, current) == (
            colors._parse_node(nodes[0], current) if len(nodes) == 1 else None)


_LENGTHS = st.lists(st.one_of(
    st.sampled_from(["0", "12", "-3", ".5", "1.", "+2", "1e3", "1E-2", "1e999", " ", "\t", "px", "PX", "em", "rem",
                     "%", "vw", "vmin", "cqw", "dvh", "lh", "rlh", "ch", "ex", "in", "pt", "Q", "deg", "turn", "x",
                     "calc(", "min(", ")", "fit-content(", "auto", "-", "e"]),
    _NUMBERS), max_size=5).map("".join)


@settings(max_examples=500, deadline=None)
@given(_LENGTHS, st.sampled_from([0.0, 16.0, 7.5]),
       st.sampled_from([LengthContext(0.0, 0.0, 0.5, None), LengthContext(1200.0, 630.0, 0.6, 1.5)]))
def test_a_length_kept_by_its_text_is_the_one_resolved_for_the_element(text: str, font_size: float,
                                                                       lengths: LengthContext) -> None:
    """resolve_declared's per-text px of `24px`-like lengths (resolve._fixed_length) is what
    _resolve_one makes of the text for this element, for a size and for a length by kind."""
    def resolve(number: float, unit: str) -> float | None:
        return unit_to_px(number, unit, font_size, lengths)

    for prop in ("marginTop", "borderTopWidth", "letterSpacing", "width", "flexBasis"):
        fast_errors: list[StyleError] = []
        fast, _ = resolve_declared({prop: text}, font_size, lengths, fast_errors.append)
        long_errors: list[StyleError] = []
        long: dict[str, Any] = {prop: text}
        try:
            _resolve_one(long, prop, font_size, lengths, resolve, long_errors.append)
        except Exception:  # noqa: BLE001 - resolve_declared reports such a value as unreadable
            long.pop(prop)
            long_errors.append(unreadable(prop, text))
        assert (fast.get(prop), [e.message for e in fast_errors]) == \
            (long.get(prop), [e.message for e in long_errors])


_STOP_PIECES = st.sampled_from([
    "linear-gradient(", "radial-gradient(", "repeating-linear-gradient(", "conic-gradient(", "to right", "45deg",
    "red", "#fff", "rgb(1, 2, 3)", "transparent", "0", "10%", "1.", ".5px", "-3em", "+2", "20PX", "1e3", "5turn",
    "calc(10% + 2px)", "CALC(1px)", "min(", "max(1px, 2%)", "clamp(", "(", ")", ",", ", ", " ", "  ", "\t", "\n",
    "\f", "\u00a0", "/*", "*/", "/", "x", "%", "in oklab", "'", '"', "\\", "\u0663"])
_GRADIENTS = st.lists(_STOP_PIECES, max_size=14).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_GRADIENTS)
def test_colour_stops_left_unparsed_are_the_parsed_ones(gradient: str) -> None:
    found: list[str] = []
    parsed: list[str] = []
    assert expand_color_stops(gradient, found) == expand_parsed_stops(gradient, parsed)
    assert found == parsed
    assert expand_color_stops(gradient) == expand_parsed_stops(gradient)


def test_colour_stops_the_shortcut_leaves_to_the_long_way() -> None:
    assert expand_color_stops("linear-gradient(red 10% 20%, blue)") == \
        "linear-gradient(red 10%, red 20%, blue)"
    found: list[str] = []
    assert expand_color_stops("linear-gradient(red calc(10% + 1px), blue)", found) != \
        "linear-gradient(red calc(10% + 1px), blue)"
    assert found == ["calc(10% + 1px)"]
    assert expand_color_stops("linear-gradient(red 10%/**/20%, blue)") == \
        expand_parsed_stops("linear-gradient(red 10%/**/20%, blue)")


# Values and colour texts without a `(`: the declarations expand() prepares without the current colour.
_PLAIN_VALUES = st.lists(_PIECES.filter(lambda piece: "(" not in piece), max_size=10).map("".join)
_PLAIN_COLOR_TEXTS = st.sampled_from(["black", "#0f172a", "red", "Cyan", "rebeccapurple", "currentcolor", "nocolor",
                                      "#12345678"])


@settings(max_examples=300, deadline=None)
@given(_PLAIN_VALUES, _PLAIN_COLOR_TEXTS,
       st.sampled_from(["border", "color", "boxShadow", "padding", "backgroundImage", "textShadow"]))
def test_a_declaration_prepared_without_the_current_colour_is_the_one_prepared_with_it(
        value: str, color_text: str, name: str) -> None:
    """expand() keys a declaration without its current colour when neither the value nor the
    colour text that replaces its currentColor has a `(` (colour functions read it)."""
    prepare = _prepared_expansion.__wrapped__  # type: ignore[attr-defined]
    outcomes = []
    for current in (None, BLACK, RGBA(10, 20, 30, 0.5)):
        try:
            outcomes.append(prepare(name, value, color_text, current))
        except StyleError as error:
            outcomes.append(("raised", error.message))
    assert outcomes[0] == outcomes[1] == outcomes[2]
