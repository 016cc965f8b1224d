"""Paints the laid-out render-box tree into an SVG document tree.

Boxes paint in tree order, as the reference does for elements without
stacking contexts: a box's background, borders and replaced content, then its
inline content (paragraphs), then its children. Groups are emitted only when a
box needs one (opacity, clipping), and every id is derived from the node path,
so the output is deterministic and lean.
"""
from __future__ import annotations

import re
from typing import Any

from ..layout.boxes import RenderBox
from ..layout.build import LayoutResult
from ..svg import SvgNode
from .box import background, border_widths, borders, debug_outline
from .geometry import rect_path, resolve_radii

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def node_id(path: str) -> str:
    """A stable SVG id from a node path: ``div/div[1]/#text[0]`` -> ``div-div1-text0``."""
    return _ID_UNSAFE.sub("-", path.replace("[", "").replace("]", "")).strip("-") or "root"


class Painter:
    def __init__(self, *, debug: bool = False, image_drawer: Any = None) -> None:
        self.debug = debug
        self.image_drawer = image_drawer
        self.defs: list[SvgNode] = []

    def document(self, result: LayoutResult) -> SvgNode:
        width, height = result.width, result.height
        body: list[SvgNode] = []
        for child in result.root.children:
            body.extend(self.box(child))
        svg = SvgNode("svg", {"width": width, "height": height,
                              "viewBox": f"0 0 {_num(width)} {_num(height)}",
                              "xmlns": "http://www.w3.org/2000/svg"})
        if self.defs:
            svg.children.append(SvgNode("defs", {}, self.defs))
        svg.children.extend(body)
        return svg

    def box(self, box: RenderBox) -> list[SvgNode]:
        style = box.style
        r = box.rect
        uid = node_id(box.path)
        out: list[SvgNode] = []
        visible = style.get("visibility", "visible") != "hidden"
        radii = resolve_radii(style, r.width, r.height)
        if box.tag and visible:
            bg = background(r.x, r.y, r.width, r.height, style, radii)
            if bg is not None:
                out.append(bg)
            if box.image is not None and self.image_drawer is not None:
                top, right, bottom, left = border_widths(style)
                b = box.node.box
                cx = r.x + left + b.padding.left
                cy = r.y + top + b.padding.top
                cw = r.width - left - right - b.padding.left - b.padding.right
                ch = r.height - top - bottom - b.padding.top - b.padding.bottom
                shapes, defs = self.image_drawer(box.image, x=cx, y=cy, width=cw, height=ch,
                                                 style=style, radii=radii, id_prefix=uid)
                self.defs.extend(defs)
                out.extend(shapes)
            shapes, defs = borders(r.x, r.y, r.width, r.height, style, radii, f"b-{uid}")
            self.defs.extend(defs)
            out.extend(shapes)
            if self.debug:
                out.append(debug_outline(r.x, r.y, r.width, r.height))
        if box.paragraph_layout is not None:
            if visible:
                out.extend(box.paragraph_layout.paint(r.x, r.y, id_prefix=uid))
            for key in sorted(box.atomics):
                out.extend(self.box(box.atomics[key]))
        content: list[SvgNode] = []
        for child in box.children:
            content.extend(self.box(child))
        if content and box.tag and _clips(style):
            top, right, bottom, left = border_widths(style)
            inner = radii.inset(top, right, bottom, left)
            cid = f"c-{uid}"
            self.defs.append(SvgNode("clipPath", {"id": cid}, [SvgNode("path", {
                "d": rect_path(r.x + left, r.y + top, r.width - left - right,
                               r.height - top - bottom, inner)})]))
            content = [SvgNode("g", {"clip-path": f"url(#{cid})"}, content)]
        out.extend(content)
        opacity = style.get("opacity", 1.0)
        if box.tag and isinstance(opacity, (int, float)) and opacity < 1:
            if opacity <= 0:
                return []
            return [SvgNode("g", {"opacity": opacity}, out)] if out else []
        return out


def _clips(style: Any) -> bool:
    return style.get("overflowX", "visible") != "visible" or style.get("overflowY", "visible") != "visible"


def _num(value: float) -> str:
    from ..svg import fmt
    return fmt(value)
