"""The typed columns of the property table: the group and the value type of each
computed property, and the keyword sets.

:data:`~.properties.PROPERTIES` says whether a property is inherited, its
initial value and its converter; :data:`COLUMNS` adds, per computed key, the
group of the typed computed style it belongs to and the Python type of its
value as the style stage computes it today. :mod:`.computed_types` (a named
tuple per group) and :mod:`.keywords` (a ``Literal`` type per keyword set) are
generated from both by ``python -m tests.style.make_computed_types``.

Groups follow inheritance, as browsers' style structs do: ``font`` and
``text`` hold inherited properties only (so a child that sets none shares its
parent's), ``box``, ``flex`` (flex and grid) and ``paint`` the others.

``type`` is the truth of today, checked against every computed style of the
golden cases and the conformance suite (tests/style/test_computed_types.py).
Where it is not the final type, ``target`` says what it becomes and in which
step of the typed-style refactor (notes/issue-13-typed.md): ``Raw`` is a value
kept as written and parsed later by layout or paint.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from ..frozen import Frozen
from .properties import DISPLAY_TYPES, PROPERTIES

__all__ = ["ALWAYS_COMPUTED", "COLUMNS", "ENUMS", "GROUPS", "GROUP_KEYS", "INHERITED_GROUPS",
           "Column", "enum_name", "keyword_values"]

GROUPS = ("box", "flex", "font", "text", "paint")
INHERITED_GROUPS = frozenset({"font", "text"})

# Keys compute_style always sets besides the table's; any other key outside the table is
# there only when declared (its field defaults to None).
ALWAYS_COMPUTED = frozenset({"displayOuter", "displayInner", "overflow", "aspectRatioAuto"})


class Column(Frozen):
    """One computed key: its group, its value type (Python source), where it is going."""

    group: str
    type: str
    target: str = ""


def keyword_values(converter: Callable[..., Any]) -> tuple[str, ...] | None:
    """The keywords a ``convert.keyword``/``keyword_soft`` converter returns, in table order
    (None for other converters)."""
    if converter.__qualname__ not in ("keyword.<locals>.convert", "keyword_soft.<locals>.convert"):
        return None
    cells = dict(zip(converter.__code__.co_freevars, converter.__closure__ or (), strict=True))
    allowed = cells["allowed"].cell_contents
    values = allowed.values() if isinstance(allowed, Mapping) else allowed
    return tuple(dict.fromkeys(v for v in values if v is not None))


def _table(name: str) -> tuple[str, ...]:
    values = keyword_values(PROPERTIES[name].convert)
    assert values is not None, name
    return values


# Keyword sets (keywords.py's Literal types): name -> CSS keywords. Those of table properties come from their converters.
ENUMS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "Display": tuple(DISPLAY_TYPES),
    "DisplayOuter": tuple(dict.fromkeys(outer for outer, _ in DISPLAY_TYPES.values())),
    "DisplayInner": tuple(dict.fromkeys(inner for _, inner in DISPLAY_TYPES.values())),
    "Visibility": _table("visibility"),
    "Direction": _table("direction"),
    "AlignContent": _table("alignContent"),
    "AlignItems": _table("alignItems"),
    "AlignSelf": _table("alignSelf"),
    "JustifyContent": _table("justifyContent"),
    "JustifyItems": _table("justifyItems"),
    "JustifySelf": _table("justifySelf"),
    "FlexDirection": _table("flexDirection"),
    "FlexWrap": _table("flexWrap"),
    "Overflow": _table("overflowX"),
    "BoxSizing": _table("boxSizing"),
    "Position": _table("position"),
    "Float": _table("float"),
    "Clear": _table("clear"),
    "ObjectFit": _table("objectFit"),
    "TextAlign": ("left", "right", "center", "justify", "start", "end"),
    # The keywords a size can compute to (asSize); `none` only for max-*, `content` for flexBasis.
    "SizeKeyword": ("auto", "none", "min-content", "max-content", "fit-content", "stretch", "content"),
    "Auto": ("auto",),
    "TransformStyle": ("flat", "preserve-3d"),
    "VerticalAlign": ("baseline", "sub", "super", "text-top", "text-bottom", "middle", "top", "bottom"),
    "BackfaceVisibility": ("visible", "hidden"),
})


def enum_name(type_source: str) -> list[str]:
    """The keyword sets named in a type's source."""
    return [part.strip() for part in type_source.split("|") if part.strip() in ENUMS]


_SIDES = ("Top", "Right", "Bottom", "Left")
_CORNERS = ("TopLeft", "TopRight", "BottomRight", "BottomLeft")
_LENGTH = "float | Percent | Calc"
_SIZE = f"{_LENGTH} | FitContent | SizeKeyword"
_RADIUS = f"{_LENGTH} | tuple[{_LENGTH}, {_LENGTH}]"


def _raw(group: str, target: str) -> Column:
    return Column(group, "Raw", target)


COLUMNS: Mapping[str, Column] = MappingProxyType({
    # -- box: the element's own box, positioning and block-level text limits -------------
    "display": Column("box", "Display"),
    "displayOuter": Column("box", "DisplayOuter"),
    "displayInner": Column("box", "DisplayInner"),
    "position": Column("box", "Position"),
    "float": Column("box", "Float"),
    "clear": Column("box", "Clear"),
    "boxSizing": Column("box", "BoxSizing"),
    **{name: Column("box", _SIZE) for name in ("width", "height", "minWidth", "minHeight", "maxWidth",
                                                 "maxHeight")},
    "aspectRatio": Column("box", "float | None"),
    "aspectRatioAuto": Column("box", "bool"),
    **{f"margin{s}": Column("box", f"{_LENGTH} | Auto") for s in _SIDES},
    **{f"padding{s}": Column("box", _LENGTH) for s in _SIDES},
    **{f"border{s}Width": Column("box", "float") for s in _SIDES},
    **{edge: Column("box", f"{_LENGTH} | Auto") for edge in ("top", "right", "bottom", "left")},
    "overflowX": Column("box", "Overflow"),
    "overflowY": Column("box", "Overflow"),
    "overflow": Column("box", "Overflow"),
    "zIndex": Column("box", "int | Auto"),
    "order": Column("box", "int"),
    "verticalAlign": Column("box", "VerticalAlign | float | Percent"),
    "lineClamp": Column("box", "LineClamp | None"),
    "textOverflow": Column("box", "str", "TextOverflow enum (step 5)"),
    "WebkitLineClamp": _raw("box", "folded into lineClamp at style time (step 5)"),
    "WebkitBoxOrient": _raw("box", "folded into lineClamp at style time (step 5)"),
    "appearance": _raw("box", "Appearance enum (step 4c)"),
    "counterReset": _raw("box", "tuple[CounterOp, ...] (step 4c)"),
    "counterSet": _raw("box", "tuple[CounterOp, ...] (step 4c)"),
    "counterIncrement": _raw("box", "tuple[CounterOp, ...] (step 4c)"),
    "content": _raw("box", "generated content, resolved by the stylesheet pass (step 6a)"),
    # An inline <svg>'s size from its attributes and style (style/replaced.py), <svg> only.
    "svgSize": Column("box", "ReplacedSize | None"),
    # -- flex: how the element lays out its children, and how it is placed as an item ----
    "flexDirection": Column("flex", "FlexDirection"),
    "flexWrap": Column("flex", "FlexWrap"),
    "flexGrow": Column("flex", "float"),
    "flexShrink": Column("flex", "float"),
    "flexBasis": Column("flex", _SIZE),
    "alignContent": Column("flex", "AlignContent"),
    "alignItems": Column("flex", "AlignItems"),
    "alignSelf": Column("flex", "AlignSelf"),
    "justifyContent": Column("flex", "JustifyContent"),
    "justifyItems": Column("flex", "JustifyItems"),
    "justifySelf": Column("flex", "JustifySelf"),
    "rowGap": Column("flex", _LENGTH),
    "columnGap": Column("flex", _LENGTH),
    # The grid properties an element declares, parsed (style/grid_values.py).
    "gridContainer": Column("flex", "GridContainer | None"),
    "gridItem": Column("flex", "GridItem | None"),
    # -- font (inherited) ------------------------------------------------------------------
    "fontFamily": Column("font", "tuple[str, ...]"),
    "fontSize": Column("font", "float"),
    "fontWeight": Column("font", "int"),
    "fontStyle": Column("font", "str", "FontStyle keyword + oblique angle (step 5)"),
    "fontFeatureSettings": _raw("font", "tuple[FontFeature, ...] (step 5)"),
    **{name: _raw("font", "keyword enums (step 5)") for name in (
        "fontKerning", "fontSynthesis", "fontSynthesisWeight", "fontSynthesisStyle",
        "fontVariantLigatures")},
    # The axes' location (font_features.Location) variable fonts are instanced at; None unset.
    "fontVariationSettings": Column("font", "tuple[tuple[str, float], ...] | None"),
    # -- text (inherited) ------------------------------------------------------------------
    "color": Column("text", "RGBA"),
    "visibility": Column("text", "Visibility"),
    "direction": Column("text", "Direction"),
    "lineHeight": Column("text", "LineHeight"),
    "letterSpacing": Column("text", "float"),
    "wordSpacing": Column("text", "float"),
    "textAlign": Column("text", "TextAlign"),
    "textIndent": Column("text", "float | Percent"),
    **{name: Column("text", "str", "keyword enum (step 5)") for name in (
        "whiteSpace", "wordBreak", "overflowWrap", "textWrap", "textTransform", "textDecorationLine",
        "textDecorationStyle", "textDecorationSkipInk", "paintOrder", "listStylePosition")},
    "textDecorationThickness": Column("text", "float | Percent | None"),
    "textUnderlineOffset": Column("text", "float | Percent | None"),
    "textDecorationColor": Column("text", "RGBA"),
    "textShadow": Column("text", "tuple[Shadow, ...]"),
    "tabSize": Column("text", "float | TabLength"),
    "WebkitTextStrokeWidth": Column("text", "float"),
    "WebkitTextStrokeColor": Column("text", "RGBA"),
    "WebkitTextFillColor": Column("text", "RGBA | None"),
    "listStyleType": Column("text", "str", "CounterStyle | string marker (step 4c)"),
    "listStyleImage": Column("text", "str", "ImageUrl | None (step 4c)"),
    # -- paint -------------------------------------------------------------------------------
    "backgroundColor": Column("paint", "RGBA"),
    "backgroundImage": Column("paint", "tuple[BackgroundLayer, ...] | None",
                              "layers with parsed images, positions and sizes (steps 2c, 2e)"),
    "backgroundClip": _raw("paint", "folded into the background layers (step 2e)"),
    **{f"border{s}Color": Column("paint", "RGBA") for s in _SIDES},
    **{f"border{s}Style": Column("paint", "str", "BorderStyle (step 2f)") for s in _SIDES},
    **{f"border{c}Radius": Column("paint", _RADIUS) for c in _CORNERS},
    **{f"corner{c}Shape": Column("paint", "float | None") for c in _CORNERS},
    "boxShadow": Column("paint", "tuple[Shadow, ...]"),
    "opacity": Column("paint", "float"),
    "transform": Column("paint", "tuple[TransformFunction, ...] | None"),
    "transformOrigin": Column("paint", "TransformOrigin | None"),
    "perspectiveOrigin": Column("paint", "TransformOrigin | None"),
    "perspective": Column("paint", "float | None"),
    "transformStyle": Column("paint", "TransformStyle | None"),
    "backfaceVisibility": Column("paint", "BackfaceVisibility | None"),
    "filter": Column("paint", "tuple[FilterFunction, ...] | None"),
    "backdropFilter": Column("paint", "tuple[FilterFunction, ...] | None"),
    "clipPath": Column("paint", "ClipShape | ClipReference | None"),
    "overflowClipMargin": Column("paint", "ClipMargin | None"),
    "maskImage": Column("paint", "tuple[MaskLayer, ...] | None"),
    "mixBlendMode": Column("paint", "str", "BlendMode enum (step 2f)"),
    "isolation": Column("paint", "str", "Isolation enum (step 2f)"),
    "objectFit": Column("paint", "ObjectFit"),
    "objectPosition": Column("paint", "ObjectPosition"),
    "outlineWidth": Column("paint", "float"),
    "outlineStyle": Column("paint", "str", "OutlineStyle (step 2f)"),
    "outlineColor": Column("paint", "RGBA"),
    "outlineOffset": Column("paint", "float"),
})

# The computed keys of each group.
GROUP_KEYS: Mapping[str, frozenset[str]] = MappingProxyType({
    group: frozenset(name for name, column in COLUMNS.items() if column.group == group) for group in GROUPS})
