"""The property table: name -> inherited?, initial value, converter.

Mirrors ``handler/inheritable.ts`` (the inherited list) and the defaults and
checks of ``handler/compute.ts``. Rows are in the order the reference checks
them, so the first invalid value raises the same error. Adding a property is
one row here (and, if its syntax is new, a converter in :mod:`.convert`).
Properties not in the table pass through as the reference serialized them.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from ..frozen import Frozen
from ..patterns import lazy_compile
from . import convert as c
from .colors import BLACK, TRANSPARENT
from .font_features import check_feature_settings
from .loose_values import noted_line_height, not_negative
from .object_position import CENTER
from .types import LineHeight
from .values import js_string

__all__ = [
    "CURRENT_COLOR",
    "DISPLAY_TYPES",
    "INHERITED",
    "INHERITED_TABLE_KEYS",
    "ITEM_ALIGNMENT",
    "PROPERTIES",
    "Prop",
    "inherited_values",
    "is_inherited",
    "list_image_url",
]


class _CurrentColor:
    def __repr__(self) -> str:
        return "CURRENT_COLOR"


# An initial value that is the element's own `color`.
CURRENT_COLOR: Any = _CurrentColor()


class Prop(Frozen):
    inherited: bool
    initial: Any
    convert: c.Converter = c.raw


# The inherited properties of the reference (inheritable.ts), besides custom
# properties. `transform` is passed down there for Satori's own use only.
INHERITED = frozenset({
    "color", "fontFamily", "fontSize", "fontStyle", "fontWeight", "fontFeatureSettings",
    "fontSynthesis", "fontSynthesisWeight", "fontSynthesisStyle", "fontKerning",
    "fontVariantLigatures", "fontVariantCaps", "fontVariantNumeric", "fontVariantEastAsian",
    "fontVariantPosition", "fontVariantAlternates", "letterSpacing", "wordSpacing", "listStyleType",
    "listStylePosition", "listStyleImage", "lineHeight", "textAlign", "textIndent", "textTransform",
    "textShadow", "textShadowOffset", "textShadowColor", "textShadowRadius", "WebkitTextStrokeWidth",
    "WebkitTextStrokeColor", "WebkitTextFillColor", "paintOrder", "textDecorationLine",
    "textDecorationStyle", "textDecorationColor", "textDecorationSkipInk", "textDecorationThickness",
    "textUnderlineOffset", "whiteSpace", "textWrap", "wordBreak", "overflowWrap", "tabSize",
    "visibility", "direction", "fontVariationSettings",
})

# display -> (outer display, inner display).
DISPLAY_TYPES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "block": ("block", "block"), "flow-root": ("block", "flow-root"), "list-item": ("block", "block"),
    "flex": ("block", "flex"), "-webkit-flex": ("block", "flex"), "-webkit-box": ("block", "flex"),
    "grid": ("block", "grid"), "inline": ("inline", "inline"), "inline-block": ("inline", "flow-root"),
    "inline-flex": ("inline", "flex"), "-webkit-inline-flex": ("inline", "flex"),
    "inline-grid": ("inline", "grid"), "contents": ("contents", "contents"), "none": ("none", "none"),
})
# Values of align-items/-self and justify-items/-self, and what the layout
# engine gets for them (None: its default).
ITEM_ALIGNMENT: Mapping[str, str | None] = MappingProxyType({
    "stretch": "stretch", "center": "center", "start": "start", "end": "end", "self-start": "start",
    "self-end": "end", "flex-start": "flex-start", "flex-end": "flex-end", "baseline": "baseline",
})


def _same(*keys: str) -> dict[str, str]:
    return {k: k for k in keys}


_SPACING = _same("space-between", "space-around", "space-evenly")


def _words(*words: str) -> c.Converter:
    """A property the text stage reads as written: its CSS keywords (any combination)."""
    return c.keywords_noted(frozenset(words))


# The reference's marker image: `url(...)`, its quotes matched (list-marker.ts).
_LIST_IMAGE_URL = lazy_compile(r"""url\((["']?)(.*)\1\)""", re.IGNORECASE | re.DOTALL)


def list_image_url(value: Any) -> str | None:
    """The URL of a ``listStyleImage`` (None for ``none`` and what the marker does not draw)."""
    url = _LIST_IMAGE_URL.fullmatch(js_string(value).strip())
    return url.group(2) if url else None


def _list_style_image(value: Any, ctx: c.Context) -> Any:
    """``none`` or a ``url()``, kept as written (the list marker reads it); anything else draws
    no image, as in the reference (a gradient too), and is reported."""
    if js_string(value).strip().lower() != "none" and list_image_url(value) is None:
        ctx.ignored(f'Value "{c.shown(value)}" of CSS property "listStyleImage" is not a url() image: the marker '
                    "has no image.")
    return value


_SIDES = ("Top", "Right", "Bottom", "Left")
_CORNERS = ("TopLeft", "TopRight", "BottomRight", "BottomLeft")
_SIZE = Prop(False, "auto", not_negative(c.size))

PROPERTIES: Mapping[str, Prop] = MappingProxyType({
    # Checked in this order by compute.ts.
    "aspectRatio": Prop(False, None, c.raw),
    "order": Prop(False, 0, c.raw),
    "visibility": Prop(True, "visible", c.keyword({"visible": "visible", "hidden": "hidden",
                                                   "collapse": "hidden"})),
    "display": Prop(False, "inline", c.keyword({k: k for k in DISPLAY_TYPES})),
    "direction": Prop(True, "ltr", c.keyword(_same("ltr", "rtl"))),
    "alignContent": Prop(False, "normal", c.keyword({
        **_same("stretch", "center", "start", "end", "flex-start", "flex-end"), **_SPACING,
        "baseline": "baseline", "normal": "normal"})),
    "alignItems": Prop(False, "normal", c.keyword({**_same(*ITEM_ALIGNMENT), "normal": "normal"})),
    "alignSelf": Prop(False, "auto", c.keyword({**_same(*ITEM_ALIGNMENT), "normal": "normal", "auto": "auto"})),
    "justifyContent": Prop(False, "normal", c.keyword({
        **_same("center", "start", "end", "left", "right", "flex-start", "flex-end", "stretch"), **_SPACING,
        "normal": "normal"})),
    "justifyItems": Prop(False, "normal", c.keyword({**_same(*ITEM_ALIGNMENT), "left": "left",
                                                     "right": "right", "normal": "normal", "legacy": "legacy"})),
    "justifySelf": Prop(False, "auto", c.keyword({**_same(*ITEM_ALIGNMENT), "left": "left", "right": "right",
                                                  "normal": "normal", "auto": "auto"})),
    "flexDirection": Prop(False, "row", c.keyword(_same("row", "column", "row-reverse", "column-reverse"))),
    "flexWrap": Prop(False, "nowrap", c.keyword(_same("wrap", "nowrap", "wrap-reverse"))),
    "rowGap": Prop(False, 0.0, c.gap),
    "columnGap": Prop(False, 0.0, c.gap),
    "flexBasis": _SIZE,
    "flexGrow": Prop(False, 0.0, c.number),
    "flexShrink": Prop(False, 1.0, c.number),
    "maxHeight": Prop(False, "none", _SIZE.convert),
    "maxWidth": Prop(False, "none", _SIZE.convert),
    "minHeight": _SIZE,
    "minWidth": _SIZE,
    "overflowX": Prop(False, "visible", c.keyword(_same("visible", "hidden", "clip", "scroll", "auto"))),
    "overflowY": Prop(False, "visible", c.keyword(_same("visible", "hidden", "clip", "scroll", "auto"))),
    **{f"margin{s}": Prop(False, 0.0, c.margin) for s in ("Top", "Bottom", "Left", "Right")},
    **{f"border{s}Style": Prop(False, "none") for s in _SIDES},
    **{f"border{s}Width": Prop(False, 3.0, c.length_px) for s in _SIDES},
    **{f"border{s}Color": Prop(False, CURRENT_COLOR, c.stroke_color) for s in _SIDES},
    **{f"padding{s}": Prop(False, 0.0, not_negative(c.padding)) for s in _SIDES},
    "boxSizing": Prop(False, "content-box", c.keyword(_same("border-box", "content-box"))),
    "position": Prop(False, "static", c.keyword(_same("absolute", "relative", "static", "fixed", "sticky"))),
    "float": Prop(False, "none", c.keyword(_same("none", "left", "right", "inline-start", "inline-end"))),
    "clear": Prop(False, "none", c.keyword(_same("none", "left", "right", "both", "inline-start", "inline-end"))),
    **{edge: Prop(False, "auto", c.inset) for edge in ("top", "bottom", "left", "right")},
    "height": _SIZE,
    "width": _SIZE,
    # Not checked by compute.ts: typed here for the painter and the text layout.
    **{f"border{k}Radius": Prop(False, (0.0, 0.0), c.radius) for k in _CORNERS},
    "zIndex": Prop(False, "auto", c.z_index),
    "opacity": Prop(False, 1.0, c.number),
    "color": Prop(True, BLACK, c.fill_color),
    "backgroundColor": Prop(False, TRANSPARENT, c.fill_color),
    "backgroundImage": Prop(False, None),
    "transform": Prop(False, None),
    "transformOrigin": Prop(False, None),
    "fontFamily": Prop(True, ("serif",), c.font_family),
    "fontSize": Prop(True, 16.0, not_negative(c.number)),
    "fontWeight": Prop(True, 400, c.font_weight),
    "fontStyle": Prop(True, "normal", c.font_style),
    "lineHeight": Prop(True, LineHeight("normal"), noted_line_height(c.line_height)),
    "letterSpacing": Prop(True, 0.0, c.length_px),
    "wordSpacing": Prop(True, 0.0, c.length_px),
    "textAlign": Prop(True, "start", c.raw),
    "whiteSpace": Prop(True, "normal", _words("normal", "pre", "nowrap", "pre-wrap", "pre-line",
                                                 "break-spaces", "collapse", "preserve", "preserve-breaks",
                                                 "preserve-spaces", "wrap")),
    "wordBreak": Prop(True, "normal", _words("normal", "break-all", "keep-all", "break-word", "auto-phrase")),
    "overflowWrap": Prop(True, "normal", _words("normal", "break-word", "anywhere")),
    "textWrap": Prop(True, "wrap", _words("wrap", "nowrap", "balance", "pretty", "stable", "auto")),
    "textOverflow": Prop(False, "clip", _words("clip", "ellipsis")),
    "textTransform": Prop(True, "none", _words("none", "capitalize", "uppercase", "lowercase", "full-width",
                                                    "full-size-kana", "math-auto")),
    "textIndent": Prop(True, 0.0, c.text_indent),
    "textDecorationLine": Prop(True, "none", c.raw),
    "textDecorationStyle": Prop(True, "solid", c.raw),
    "textDecorationColor": Prop(True, CURRENT_COLOR, c.stroke_color),
    "textDecorationThickness": Prop(True, None, c.decoration_length),
    "textUnderlineOffset": Prop(True, None, c.decoration_length),
    "textDecorationSkipInk": Prop(True, "auto", c.raw),
    "textShadow": Prop(True, ()),
    "boxShadow": Prop(False, ()),
    "lineClamp": Prop(False, None, c.line_clamp),
    "tabSize": Prop(True, 8.0, c.tab_size),
    "fontFeatureSettings": Prop(True, None, check_feature_settings),
    "objectFit": Prop(False, "fill", c.keyword_soft(("fill", "contain", "cover", "none", "scale-down"))),
    "objectPosition": Prop(False, CENTER, c.object_position),
    "verticalAlign": Prop(False, "baseline", c.vertical_align),
    "outlineWidth": Prop(False, 3.0, c.length_px),
    "outlineStyle": Prop(False, "none"),
    "outlineColor": Prop(False, CURRENT_COLOR, c.stroke_color),
    "outlineOffset": Prop(False, 0.0, c.length_px),
    "WebkitTextStrokeWidth": Prop(True, 0.0, c.length_px),
    "WebkitTextStrokeColor": Prop(True, CURRENT_COLOR, c.fill_color),
    "WebkitTextFillColor": Prop(True, None, c.fill_color),
    "listStyleType": Prop(True, "disc", c.raw),
    "listStylePosition": Prop(True, "outside", _words("inside", "outside")),
    "listStyleImage": Prop(True, "none", _list_style_image),
    "mixBlendMode": Prop(False, "normal", c.raw),
    "isolation": Prop(False, "auto", c.raw),
    "paintOrder": Prop(True, "normal", c.raw),
})

# The inherited properties of the table, in its order: the inherited values of most styles.
_INHERITED_TABLE = tuple(name for name in PROPERTIES if name in INHERITED)
_inherited_table = itemgetter(*_INHERITED_TABLE)
INHERITED_TABLE_KEYS = frozenset(_INHERITED_TABLE)


def inherited_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The inherited and the custom (``--*``) values of a style's ``values``. A style whose keys
    besides the table's are neither (most styles: no custom property, no font variant) has them
    picked by one getter, in the table's order, not by a Python loop over its ~150 values
    (once per parent of a card rendered on cold caches); else in the order of ``values``. (The
    order only decides which parents the style memo finds alike.)"""
    try:
        picked = _inherited_table(values)
    except KeyError:  # a partial mapping (a test's)
        picked = None
    if picked is not None and not any(k in INHERITED or k.startswith("--") for k in values.keys() - PROPERTIES.keys()):
        return dict(zip(_INHERITED_TABLE, picked))
    return {k: v for k, v in values.items() if k in INHERITED or k.startswith("--")}


def is_inherited(prop: str) -> bool:
    """Whether ``prop`` or one of its longhands is inherited (``isInherited``)."""
    from .longhands import longhands_of

    if prop == "transform":
        return False
    return prop in INHERITED or any(longhand in INHERITED for longhand in longhands_of(prop))
