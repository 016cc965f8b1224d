"""The "nothing dropped without a word" oracle, over every property the style stage reads.

A declaration is rendered on the middle element of a small card, in a context where its
property applies (a background layer for ``backgroundPosition``, a grid for ``gridRow``...),
and compared with the card without it. A value that changes nothing in the SVG must have
been reported (``on_warning`` or ``on_style_error``) or raised a SatoriError; else it was
dropped silently. :data:`KNOWN_SILENT` lists the properties that still drop invalid values
without a word (may only shrink); :data:`ANY_IDENT` those where any word is a valid value.
"""
from __future__ import annotations

from typing import Any

from satori_py import SatoriError, h, render_svg
from satori_py.style.supported import SUPPORTED

from .strategies import NAMES, _uri

ALL_NAMES = sorted({*SUPPORTED, *NAMES} - {"_private"})

# Invalid for every property but those below: words, broken functions, wrong types, a unit
# with junk after it (parseFloat reads some properties' `10px%` as 10%: that is reported too).
JUNK: list[Any] = ["qqq", "12zz", "calc(", "url(", "1px 2px 3px 4px 5px 6px x", [1, 2], {"a": 1}, True, float("nan"),
                   "10px%"]

# Any identifier is a value: custom properties, counter names, grid line and area names,
# container names (the stylesheet cascade reads every word of them as a name).
ANY_IDENT = frozenset({"--x", "--custom", "counterReset", "counterIncrement", "counterSet", "gridArea", "gridRow",
                       "gridColumn", "gridRowStart", "gridRowEnd", "gridColumnStart", "gridColumnEnd", "fontFamily",
                       "container", "containerName"})

# Invalid values of these are dropped without a report today (found by this oracle; session 14:
# 35 properties; session 15: 5; session 16: none). May only stay empty.
KNOWN_SILENT: frozenset[str] = frozenset()

_GRADIENT = "linear-gradient(red, blue)"
# An image of two colours, contained in a wider box (objectFit contain) so that its position shows.
_IMAGE = _uri(b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='5' height='10' "
              b"fill='red'/><rect x='5' width='5' height='10' fill='blue'/></svg>", "image/svg+xml")
# The properties whose element is an <img>, and those whose element's child is turned in 3D.
_ON_IMAGE = frozenset({"objectPosition", "objectFit"})
_ON_3D_CHILD = frozenset({"perspectiveOrigin"})


def context(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The style the element (and its parent) need for ``name`` to apply."""
    low = name.lower()
    if low.startswith("background") and name != "backgroundColor":
        return {"backgroundImage": _GRADIENT, "backgroundSize": "20px 20px", "backgroundRepeat": "no-repeat"}, {}
    if low.startswith(("mask", "webkitmask")):
        # (`maskImage` wins over `WebkitMaskImage`, as in the reference: the prefixed ones get their own.)
        prefix = "WebkitMask" if low.startswith("webkitmask") else "mask"
        return {f"{prefix}Image": _GRADIENT, f"{prefix}Size": "20px 20px", f"{prefix}Repeat": "no-repeat"}, {}
    if low.startswith("grid"):
        return {"display": "grid", "gridTemplateColumns": "20px 30px", "gridTemplateAreas": '"a b"'}, {"display": "grid"}
    if low.startswith("list"):
        return {"display": "list-item"}, {"display": "block"}
    if low.startswith("textoverflow"):
        return {"overflow": "hidden", "whiteSpace": "nowrap", "width": 20}, {}
    if low.startswith("textshadow") and name != "textShadow":
        return {"textShadow": "2px 2px 1px green"}, {}
    if name == "transformOrigin":
        return {"transform": "perspective(100px) rotateX(20deg) rotate(10deg)"}, {}
    if name in _ON_3D_CHILD:
        return {"perspective": "100px"}, {}
    if name in _ON_IMAGE:
        return {"objectFit": "contain"}, {}
    if name in ("top", "left", "right", "bottom", "inset"):
        return {"position": "relative"}, {}
    return {}, {}


# Inherited properties the card's parent and element both declare (other values): a junk value
# on the element that is dropped leaves it the parent's value, which the oracle must tell from
# the element's own.
_PARENT_INHERITED: dict[str, Any] = {"color": "green", "fontSize": 14, "lineHeight": 2, "letterSpacing": 2,
                                     "textAlign": "right", "fontWeight": 300, "textTransform": "lowercase",
                                     "wordSpacing": 3, "textIndent": 4}
_OWN: dict[str, Any] = {"width": 60, "height": 40, "backgroundColor": "red", "color": "blue", "fontSize": 12,
                        "lineHeight": 1.2, "letterSpacing": 0.5, "textAlign": "center", "fontWeight": 700,
                        "textTransform": "uppercase", "fontStyle": "italic", "wordSpacing": 1, "textIndent": 2}


def card(name: str, style: dict[str, Any]) -> Any:
    own, parent = context(name)
    content: Any = "Ab c long words here"
    if name in _ON_3D_CHILD:
        content = h("div", {"style": {"transform": "rotateY(50deg)", "width": 40, "height": 30,
                                      "backgroundColor": "blue"}}, content)
    middle = h("img", {"src": _IMAGE, "style": {**_OWN, **own, **style}}) if name in _ON_IMAGE else \
        h("div", {"style": {**_OWN, **own, **style}}, content)
    return h("div", {"style": {"display": "flex", "width": 120, "height": 80, "backgroundColor": "#eee",
                               **_PARENT_INHERITED, **parent}}, middle, h("span", {}, "x"))


def render(name: str, style: dict[str, Any]) -> tuple[str | None, list[str]]:
    """The SVG (None when a SatoriError stopped it) and what was reported."""
    told: list[str] = []
    try:
        svg = render_svg(card(name, style), width=150, height=100, on_warning=lambda e: told.append(str(e)),
                         on_style_error=lambda e: told.append(str(e)))
    except SatoriError as exc:
        return None, [str(exc)]
    return svg, told


def dropped_silently(name: str, value: Any, base: str | None = None) -> bool:
    """Whether ``name: value`` changed nothing, or for a property the card's element declares,
    rendered as the card without it, and was reported by nobody."""
    if base is None:
        base, told = render(name, {})
        assert told == [], told
    svg, told = render(name, {name: value})
    if told:
        return False
    # A property the card's element declares: dropped, the element goes without it (its initial
    # or inherited value), which changes the render (an invalid fontSize falling back to the
    # inherited size was missed so).
    return svg == base or (name in {**_OWN, **context(name)[0]} and svg == render(name, {name: None})[0])
