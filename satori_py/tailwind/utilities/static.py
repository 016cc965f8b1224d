"""Classes with a fixed style: twrnc's ``styles.js`` table, and Satori's shadow plugin.

twrnc seeds its cache with these (so ``md:flex`` finds ``flex`` already known and
applies it in place, not after the unprefixed classes: see :mod:`..parser`).
Satori (``handler/tailwind.ts``) adds a plugin that replaces twrnc's React Native
shadows with CSS ``boxShadow`` values, and ``shadow-inner``.
"""
from __future__ import annotations

from typing import Any

from ..units import IR, Complete, Dependent

__all__ = ["STATIC"]


def _font_variant(kind: str) -> Dependent:
    def complete(style: dict[str, Any]) -> None:
        if not isinstance(style.get("fontVariant"), list):
            style["fontVariant"] = []
        style["fontVariant"].append(kind)
    return Dependent(complete)


_FIXED: dict[str, dict[str, Any]] = {
    "aspect-square": {"aspectRatio": 1},
    "aspect-video": {"aspectRatio": 16 / 9},
    "items-center": {"alignItems": "center"},
    "items-start": {"alignItems": "flex-start"},
    "items-end": {"alignItems": "flex-end"},
    "items-baseline": {"alignItems": "baseline"},
    "items-stretch": {"alignItems": "stretch"},
    "justify-start": {"justifyContent": "flex-start"},
    "justify-end": {"justifyContent": "flex-end"},
    "justify-center": {"justifyContent": "center"},
    "justify-between": {"justifyContent": "space-between"},
    "justify-around": {"justifyContent": "space-around"},
    "justify-evenly": {"justifyContent": "space-evenly"},
    "content-start": {"alignContent": "flex-start"},
    "content-end": {"alignContent": "flex-end"},
    "content-between": {"alignContent": "space-between"},
    "content-around": {"alignContent": "space-around"},
    "content-stretch": {"alignContent": "stretch"},
    "content-center": {"alignContent": "center"},
    "self-auto": {"alignSelf": "auto"},
    "self-start": {"alignSelf": "flex-start"},
    "self-end": {"alignSelf": "flex-end"},
    "self-center": {"alignSelf": "center"},
    "self-stretch": {"alignSelf": "stretch"},
    "self-baseline": {"alignSelf": "baseline"},
    "direction-inherit": {"direction": "inherit"},
    "direction-ltr": {"direction": "ltr"},
    "direction-rtl": {"direction": "rtl"},
    "hidden": {"display": "none"},
    "flex": {"display": "flex"},
    "flex-row": {"flexDirection": "row"},
    "flex-row-reverse": {"flexDirection": "row-reverse"},
    "flex-col": {"flexDirection": "column"},
    "flex-col-reverse": {"flexDirection": "column-reverse"},
    "flex-wrap": {"flexWrap": "wrap"},
    "flex-wrap-reverse": {"flexWrap": "wrap-reverse"},
    "flex-nowrap": {"flexWrap": "nowrap"},
    "flex-auto": {"flexGrow": 1, "flexShrink": 1, "flexBasis": "auto"},
    "flex-initial": {"flexGrow": 0, "flexShrink": 1, "flexBasis": "auto"},
    "flex-none": {"flexGrow": 0, "flexShrink": 0, "flexBasis": "auto"},
    "overflow-hidden": {"overflow": "hidden"},
    "overflow-visible": {"overflow": "visible"},
    "overflow-scroll": {"overflow": "scroll"},
    "absolute": {"position": "absolute"},
    "relative": {"position": "relative"},
    "italic": {"fontStyle": "italic"},
    "not-italic": {"fontStyle": "normal"},
    "font-thin": {"fontWeight": "100"},
    "font-100": {"fontWeight": "100"},
    "font-extralight": {"fontWeight": "200"},
    "font-200": {"fontWeight": "200"},
    "font-light": {"fontWeight": "300"},
    "font-300": {"fontWeight": "300"},
    "font-normal": {"fontWeight": "normal"},
    "font-400": {"fontWeight": "400"},
    "font-medium": {"fontWeight": "500"},
    "font-500": {"fontWeight": "500"},
    "font-semibold": {"fontWeight": "600"},
    "font-600": {"fontWeight": "600"},
    "font-bold": {"fontWeight": "bold"},
    "font-700": {"fontWeight": "700"},
    "font-extrabold": {"fontWeight": "800"},
    "font-800": {"fontWeight": "800"},
    "font-black": {"fontWeight": "900"},
    "font-900": {"fontWeight": "900"},
    "include-font-padding": {"includeFontPadding": True},
    "remove-font-padding": {"includeFontPadding": False},
    # twrnc's stand-in for `max-width: none`.
    "max-w-none": {"maxWidth": "99999%"},
    "text-left": {"textAlign": "left"},
    "text-center": {"textAlign": "center"},
    "text-right": {"textAlign": "right"},
    "text-justify": {"textAlign": "justify"},
    "text-auto": {"textAlign": "auto"},
    "underline": {"textDecorationLine": "underline"},
    "line-through": {"textDecorationLine": "line-through"},
    "no-underline": {"textDecorationLine": "none"},
    "uppercase": {"textTransform": "uppercase"},
    "lowercase": {"textTransform": "lowercase"},
    "capitalize": {"textTransform": "capitalize"},
    "normal-case": {"textTransform": "none"},
    "w-auto": {"width": "auto"},
    "h-auto": {"height": "auto"},
    # Satori's plugin (handler/tailwind.ts) replaces twrnc's React Native shadows.
    "shadow-sm": {"boxShadow": "0 1px 2px 0 rgb(0 0 0 / 0.05)"},
    "shadow": {"boxShadow": "0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)"},
    "shadow-md": {"boxShadow": "0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)"},
    "shadow-lg": {"boxShadow": "0 10px 15px -3px rgb(0 0 0 / 0.1), 0 4px 6px -4px rgb(0 0 0 / 0.1)"},
    "shadow-xl": {"boxShadow": "0 20px 25px -5px rgb(0 0 0 / 0.1), 0 8px 10px -6px rgb(0 0 0 / 0.1)"},
    "shadow-2xl": {"boxShadow": "0 25px 50px -12px rgb(0 0 0 / 0.25)"},
    "shadow-inner": {"boxShadow": "inset 0 2px 4px 0 rgb(0 0 0 / 0.05)"},
    "shadow-none": {"boxShadow": "0 0 #0000"},
}

STATIC: dict[str, IR] = {
    **{name: Complete(style) for name, style in _FIXED.items()},
    **{name: _font_variant(name) for name in (
        "oldstyle-nums", "small-caps", "lining-nums", "tabular-nums", "proportional-nums")},
}
