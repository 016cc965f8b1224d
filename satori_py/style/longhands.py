"""The longhands of shorthand properties, in the camelCase of inline styles.

Mirrors the reference's ``handler/shorthands.ts``: shorthands of shorthands
(``border``) list both levels, and properties with a common prefix aren't
always longhands (``flexDirection`` isn't one of ``flex``). Used by the
cascade for CSS-wide keywords and by inheritance checks.
"""
from __future__ import annotations

__all__ = ["LONGHANDS", "SIDES", "is_longhand_of", "longhands_of"]

SIDES = ("Top", "Right", "Bottom", "Left")


def _sides(prefix: str, suffix: str = "") -> list[str]:
    return [f"{prefix}{side}{suffix}" for side in SIDES]


LONGHANDS: dict[str, list[str]] = {
    "margin": _sides("margin"),
    "padding": _sides("padding"),
    "inset": ["top", "right", "bottom", "left"],
    "border": ["borderWidth", "borderStyle", "borderColor", *_sides("border"), "borderImage"],
    "borderWidth": _sides("border", "Width"),
    "borderStyle": _sides("border", "Style"),
    "borderColor": _sides("border", "Color"),
    **{f"border{side}": [f"border{side}{part}" for part in ("Width", "Style", "Color")] for side in SIDES},
    "borderRadius": ["borderTopLeftRadius", "borderTopRightRadius", "borderBottomRightRadius",
                     "borderBottomLeftRadius"],
    "borderImage": ["borderImageSource", "borderImageSlice", "borderImageWidth", "borderImageOutset",
                    "borderImageRepeat"],
    "outline": ["outlineColor", "outlineStyle", "outlineWidth"],
    "background": ["backgroundColor", "backgroundImage", "backgroundPosition", "backgroundSize",
                   "backgroundRepeat", "backgroundOrigin", "backgroundClip", "backgroundAttachment"],
    "backgroundPosition": ["backgroundPositionX", "backgroundPositionY"],
    "font": ["fontStyle", "fontVariant", "fontWeight", "fontStretch", "fontSize", "lineHeight",
             "fontFamily", "fontKerning", "fontSizeAdjust"],
    "fontVariant": ["fontVariantCaps", "fontVariantNumeric", "fontVariantLigatures",
                    "fontVariantEastAsian", "fontVariantPosition", "fontVariantAlternates",
                    "fontVariantEmoji"],
    "fontSynthesis": ["fontSynthesisWeight", "fontSynthesisStyle", "fontSynthesisSmallCaps",
                      "fontSynthesisPosition"],
    "textDecoration": ["textDecorationLine", "textDecorationStyle", "textDecorationColor",
                       "textDecorationThickness"],
    "listStyle": ["listStyleType", "listStylePosition", "listStyleImage"],
    "flex": ["flexGrow", "flexShrink", "flexBasis"],
    "flexFlow": ["flexDirection", "flexWrap"],
    "gap": ["rowGap", "columnGap"],
    "grid": ["gridTemplate", "gridAutoRows", "gridAutoColumns", "gridAutoFlow"],
    "gridTemplate": ["gridTemplateRows", "gridTemplateColumns", "gridTemplateAreas"],
    "gridArea": ["gridRow", "gridColumn"],
    "gridRow": ["gridRowStart", "gridRowEnd"],
    "gridColumn": ["gridColumnStart", "gridColumnEnd"],
    "placeContent": ["alignContent", "justifyContent"],
    "placeItems": ["alignItems", "justifyItems"],
    "placeSelf": ["alignSelf", "justifySelf"],
    "overflow": ["overflowX", "overflowY"],
    "mask": ["maskImage", "maskPosition", "maskSize", "maskRepeat", "maskOrigin", "maskClip",
             "maskComposite", "maskMode"],
    # The reference stores these shorthands as its own longhands.
    "textShadow": ["textShadowOffset", "textShadowColor", "textShadowRadius"],
    "WebkitTextStroke": ["WebkitTextStrokeWidth", "WebkitTextStrokeColor"],
}


def _all_longhands(prop: str) -> frozenset[str]:
    found: set[str] = set()
    for longhand in LONGHANDS.get(prop, ()):
        found.add(longhand)
        found |= _all_longhands(longhand)
    return frozenset(found)


# Made once with the table (it is not a cache: the cascade asks it for any name it is given,
# and a cache keyed by them grew with every new name).
_LONGHANDS_OF = {prop: _all_longhands(prop) for prop in LONGHANDS}
_NONE: frozenset[str] = frozenset()


def longhands_of(prop: str) -> frozenset[str]:
    """The longhands of ``prop``, recursively (empty for a longhand)."""
    return _LONGHANDS_OF.get(prop, _NONE)


def is_longhand_of(key: str, prop: str) -> bool:
    """Whether ``key`` is ``prop`` or one of its longhands."""
    return key == prop or key in longhands_of(prop)
