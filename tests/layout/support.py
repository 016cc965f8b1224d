"""Helpers for layout tests: lay an element out and read its boxes by node path."""
from __future__ import annotations

from functools import cache
from typing import Any

from satori_py.assets import DEFAULT_FONT_PATH
from satori_py.element import parse_element
from satori_py.layout.boxes import RenderBox
from satori_py.layout import reuse
from satori_py.layout.build import LayoutResult, TreeBuilder
from satori_py.options import Font
from satori_py.text.fonts import FontRegistry

Rect = tuple[float, float, float, float]


@cache
def registry() -> FontRegistry:
    return FontRegistry([Font("Geist", DEFAULT_FONT_PATH, 400, "normal")])


def d(style: dict[str, Any], *kids: Any, t: str = "div", **props: Any) -> dict[str, Any]:
    """An element: ``d({"width": 10}, "text", d(...), t="span", lang="ja")``."""
    p: dict[str, Any] = {"style": style, **props}
    if kids:
        p["children"] = list(kids) if len(kids) > 1 else kids[0]
    return {"type": t, "props": p}


def lay_out(element: dict[str, Any], width: float | None = None, height: float | None = None) -> LayoutResult:
    """``element`` laid out the long way: not from a layout kept by an earlier test (reuse.py,
    tested on its own), whose passes a test may have patched since."""
    reuse.forget()
    return TreeBuilder(registry(), (width, height)).layout(parse_element(element))


def boxes(element: dict[str, Any], width: float | None = None, height: float | None = None) -> dict[str, Rect]:
    """The absolute border box of every element box (atomic inlines and floats included)."""
    out: dict[str, Rect] = {}

    def visit(box: RenderBox) -> None:
        if box.tag:
            r = box.rect
            out[box.path] = (r.x, r.y, r.width, r.height)
        for atomic in box.atomics.values():
            visit(atomic)
        for child in box.children:
            visit(child)

    visit(lay_out(element, width, height).root)
    return out
