"""What the layout engine gets for the alignment properties.

Mirrors the mapping half of the reference's ``handler/compute.ts``: the CSS
keywords of a computed style (``alignItems``, ``justifyContent``...) become
the layout engine's values, with the reference's defaults (``stretch`` items,
``flex-start`` content in flex containers) and, with ``direction: rtl``,
``left``/``right`` as the physical end/start on the inline axis.
"""
from __future__ import annotations

from .computed import ComputedStyle

__all__ = ["layout_alignment"]

_ITEMS = {"stretch": "stretch", "center": "center", "start": "start", "end": "end", "self-start": "start",
          "self-end": "end", "flex-start": "flex-start", "flex-end": "flex-end", "baseline": "baseline"}
_CONTENT = {"stretch": "stretch", "center": "center", "start": "start", "end": "end",
            "flex-start": "flex-start", "flex-end": "flex-end", "space-between": "space-between",
            "space-around": "space-around", "space-evenly": "space-evenly"}
_PHYSICAL_RTL = {"left": "end", "right": "start"}


def layout_alignment(style: ComputedStyle) -> dict[str, str | None]:
    """The six alignment values for the layout engine (None: the engine's default).

    Keys are ``alignContent``, ``alignItems``, ``alignSelf``, ``justifyContent``,
    ``justifyItems`` and ``justifySelf``.
    """
    inner = style.get("displayInner")
    is_flex = inner == "flex"
    # The defaults only apply to properties the element didn't set (`normal` is unset).
    declared = style.declared
    out: dict[str, str | None] = {
        "alignContent": "flex-start" if style.get("alignContent") == "baseline"
        else _CONTENT.get(style.get("alignContent", "")),
        "alignItems": _ITEMS.get(style.get("alignItems", ""),
                                 None if "alignItems" in declared else "stretch"),
        "alignSelf": _ITEMS.get(style.get("alignSelf", "")),
        "justifyContent": {**_CONTENT, "left": "start", "right": "end"}.get(style.get("justifyContent", "")),
        "justifyItems": {**_ITEMS, "left": "start", "right": "end"}.get(style.get("justifyItems", "")),
        "justifySelf": {**_ITEMS, "left": "start", "right": "end"}.get(style.get("justifySelf", "")),
    }
    if is_flex and "justifyContent" not in declared:
        out["justifyContent"] = "flex-start"  # unlike CSS, flex containers start at flex-start
    if style.get("direction") == "rtl":
        inline_axis = inner == "grid" or (is_flex and style.get("flexDirection") in ("row", "row-reverse"))
        if inline_axis and style.get("justifyContent") in _PHYSICAL_RTL:
            out["justifyContent"] = _PHYSICAL_RTL[style["justifyContent"]]
        for key in ("justifyItems", "justifySelf"):
            if style.get(key) in _PHYSICAL_RTL:
                out[key] = _PHYSICAL_RTL[style[key]]
    return out
