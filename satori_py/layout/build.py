"""Builds the layout tree from the element tree, then lays it out.

Mirrors the reference's ``layout.ts`` box generation: styles are computed per
element (style stage), elements become boxes, and the inline content of a
block container (text, inline boxes, atomic inlines) becomes a paragraph that
is one measured leaf for Taffy. Elements are blockified in flex and grid
containers and when out of flow; absolutely positioned boxes are laid out in
their containing block (the nearest positioned ancestor, else the root).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

from ..element import Element, TextNode
from ..errors import node_context
from ..style import ComputedStyle, compute_style, layout_alignment, root_style
from ..style.replaced import image_size, natural_height_for, svg_size
from ..text.paragraph import AtomicItem, BoxEnd, BoxStart, LineBreak, Paragraph, TextItem
from .boxes import RenderBox, absolute_origins, place
from .taffy import LayoutNode, compute_layout

_LAYOUT_KEYS = (
    "position", "boxSizing", "overflowX", "overflowY", "width", "height", "minWidth", "minHeight",
    "maxWidth", "maxHeight", "aspectRatio", "marginTop", "marginRight", "marginBottom", "marginLeft",
    "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth",
    "borderBottomWidth", "borderLeftWidth", "top", "right", "bottom", "left", "rowGap", "columnGap",
    "flexDirection", "flexWrap", "flexBasis", "flexGrow", "flexShrink",
)


def _inner_display(style: ComputedStyle) -> str:
    """The layout engine's display for an element's box (block, flex or grid)."""
    inner = style.get("displayInner", "flow-root")
    return inner if inner in ("flex", "grid") else "block"


def _is_inline_level(style: ComputedStyle) -> bool:
    return style.get("displayOuter") == "inline"


@dataclass
class LayoutResult:
    root: RenderBox
    width: float
    height: float


@dataclass
class _Context:
    """Where a box goes: its parent's layout node and the containing block of absolutes."""

    parent_node: LayoutNode
    absolute_node: LayoutNode
    formatting: str  # "block", "flex" or "grid": the parent's inner display


@dataclass
class TreeBuilder:
    """Turns an element tree into render boxes and a Taffy-ready layout tree."""

    registry: Any
    viewport: tuple[float | None, float | None]
    embed_font: bool = True
    on_style_error: Callable[[Exception], None] | None = None
    image_loader: Callable[[Element, ComputedStyle], Any] | None = None
    point_scale_factor: float = 1.0
    _atomic_roots: list[RenderBox] = field(default_factory=list)

    def style_of(self, el: Element, parent: ComputedStyle) -> ComputedStyle:
        vw, vh = self.viewport
        with node_context(el.path):
            return compute_style(el.type, dict(el.props), parent,
                                 viewport=(vw or 0.0, vh or 0.0), on_style_error=self.on_style_error,
                                 point_scale_factor=self.point_scale_factor)

    # -- boxes ---------------------------------------------------------------------------

    def layout(self, element: Element) -> LayoutResult:
        width, height = self.viewport
        base = root_style(width=width, height=height)
        root_node = LayoutNode({"display": "flow-root", "width": width if width else "auto",
                                "height": height if height else "auto",
                                "overflowX": "hidden", "overflowY": "hidden"})
        root = RenderBox("", "", base, root_node)
        ctx = _Context(root_node, root_node, "block")
        root_style_ = self.style_of(element, base)
        # The root element is blockified, as in browsers; display none renders nothing.
        if root_style_.get("displayOuter") not in ("none", "contents"):
            root.children.append(self._box_for(element, root_style_, ctx))
        elif root_style_.get("displayOuter") == "contents":
            self._children_of_block(root, list(element.children), root_style_, ctx)
        compute_layout(root_node, width=width, height=height, point_scale_factor=self.point_scale_factor)
        origins = absolute_origins(root_node)
        place(root, origins)
        self._finish_paragraphs(root)
        return LayoutResult(root, root_node.box.width, root_node.box.height)

    def _node_style(self, style: ComputedStyle, display: str) -> dict[str, Any]:
        out = {key: style.get(key) for key in _LAYOUT_KEYS if style.get(key) is not None}
        out.update({k: v for k, v in layout_alignment(style).items() if v is not None})
        out["display"] = display
        if style.get("position") in ("static", None, "sticky"):
            for side in ("top", "right", "bottom", "left"):
                out.pop(side, None)
            out["position"] = "relative"
        elif style.get("position") == "fixed":
            out["position"] = "absolute"
        return out

    def _box_for(self, el: Element, style: ComputedStyle, ctx: _Context) -> RenderBox:
        out_of_flow = style.get("position") in ("absolute", "fixed")
        inner = _inner_display(style)
        node = LayoutNode(self._node_style(style, inner))
        (ctx.absolute_node if out_of_flow else ctx.parent_node).children.append(node)
        box = RenderBox(el.path, el.type, style, node, props=dict(el.props))
        positioned = style.get("position") not in ("static", None)
        child_ctx = _Context(node, node if positioned else ctx.absolute_node, inner)
        if el.type == "img":
            self._image(box, el, style)
        elif el.type == "svg":
            self._image(box, el, style)
        elif inner == "block":
            self._children_of_block(box, list(el.children), style, child_ctx)
        else:
            self._children_of_flex(box, list(el.children), style, child_ctx)
        return box

    def _image(self, box: RenderBox, el: Element, style: ComputedStyle) -> None:
        """Size a replaced element from its natural size, attributes and style (compute.ts)."""
        if self.image_loader is None:
            return
        with node_context(el.path):
            source = self.image_loader(el, style)
        box.image = source
        if el.type == "svg":
            size = svg_size(style, el.props)
        elif source is None:
            return
        else:
            natural_h = natural_height_for(style, source.width, source.height)
            size = image_size(style, source.width, natural_h, el.props.get("width"),
                              el.props.get("height"))
        ns = box.node.style
        ns["width"], ns["height"] = size.width, size.height
        if size.aspect_ratio:
            ns["aspectRatio"] = size.aspect_ratio

    def _children_of_flex(self, box: RenderBox, children: list[Any], style: ComputedStyle,
                          ctx: _Context) -> None:
        for child in children:
            if isinstance(child, TextNode):
                if not child.text.strip(" \t\n\r\f"):
                    continue
                self._paragraph_box(box, [TextItem(child.text, style, child.path)], style, ctx,
                                    child.path)
                continue
            child_style = self.style_of(child, style)
            outer = child_style.get("displayOuter")
            if outer == "none":
                continue
            if outer == "contents":
                self._children_of_flex(box, list(child.children), child_style, ctx)
                continue
            box.children.append(self._box_for(child, child_style, ctx))

    def _children_of_block(self, box: RenderBox, children: list[Any], style: ComputedStyle,
                           ctx: _Context) -> None:
        run: list[Any] = []
        inline_styles: dict[str, Any] = {}
        atomics: dict[str, RenderBox] = {}

        def flush() -> None:
            if run and any(not isinstance(i, TextItem) or i.text.strip(" \t\n\r\f") for i in run):
                pbox = self._paragraph_box(box, list(run), style, ctx, f"{box.path}/#inline")
                pbox.inline_styles.update(inline_styles)
                pbox.atomics.update(atomics)
            run.clear()
            inline_styles.clear()
            atomics.clear()

        for child in children:
            if isinstance(child, TextNode):
                run.append(TextItem(child.text, style, child.path))
                continue
            child_style = self.style_of(child, style)
            outer = child_style.get("displayOuter")
            if outer == "none":
                continue
            if child.type == "br":
                run.append(LineBreak(child.path))
                continue
            if outer == "contents":
                self._children_of_block(box, list(child.children), child_style, ctx)
                continue
            if child_style.get("position") in ("absolute", "fixed"):
                box.children.append(self._box_for(child, child_style, ctx))
                continue
            if _is_inline_level(child_style):
                self._inline(child, child_style, run, inline_styles, atomics, ctx)
                continue
            flush()
            box.children.append(self._box_for(child, child_style, ctx))
        flush()

    def _inline(self, el: Element, style: ComputedStyle, run: list[Any], inline_styles: dict[str, Any],
                atomics: dict[str, RenderBox], ctx: _Context) -> None:
        if style.get("displayInner") != "inline" or el.type in ("img", "svg"):
            atomic = self._atomic(el, style, ctx)
            atomics[el.path] = atomic
            b = atomic.node.box
            m = b.margin
            run.append(AtomicItem(el.path, b.width + m.left + m.right, b.height + m.top + m.bottom,
                                  style=style))
            return
        inline_styles[el.path] = style
        run.append(BoxStart(style, el.path))
        for child in el.children:
            if isinstance(child, TextNode):
                run.append(TextItem(child.text, style, child.path))
                continue
            child_style = self.style_of(child, style)
            outer = child_style.get("displayOuter")
            if outer == "none":
                continue
            if child.type == "br":
                run.append(LineBreak(child.path))
            elif outer == "contents":
                self._inline(Element("span", {}, child.children, child.path), child_style, run,
                             inline_styles, atomics, ctx)
            else:
                self._inline(child, child_style, run, inline_styles, atomics, ctx)
        run.append(BoxEnd(el.path))

    def _atomic(self, el: Element, style: ComputedStyle, ctx: _Context) -> RenderBox:
        """Lay out an atomic inline (inline-block, image) on its own to learn its size."""
        holder = LayoutNode({"display": "block"})
        box = self._box_for(el, style, _Context(holder, holder, "block"))
        node = holder.children[0]
        compute_layout(node, width=None, height=None, point_scale_factor=self.point_scale_factor)
        self._atomic_roots.append(box)
        return box

    def _paragraph_box(self, box: RenderBox, items: list[Any], style: ComputedStyle, ctx: _Context,
                       path: str) -> RenderBox:
        paragraph = Paragraph(items, style, self.registry, embed_font=self.embed_font, path=path)

        def measure(width: float, height: float, mode: str) -> tuple[float, float]:
            return paragraph.measure(None if math.isinf(width) else width, mode)

        node = LayoutNode({"display": "block", "flexShrink": 1.0}, measure=measure)
        ctx.parent_node.children.append(node)
        pbox = RenderBox(path, "", style, node, paragraph=paragraph)
        box.children.append(pbox)
        return pbox

    def _finish_paragraphs(self, box: RenderBox) -> None:
        if box.paragraph is not None:
            box.paragraph_layout = box.paragraph.layout(box.node.box.width)
            for key, (ax, ay) in box.paragraph_layout.atomic_positions.items():
                atomic = box.atomics.get(key)
                if atomic is None:
                    continue
                m = atomic.node.box.margin
                origins = absolute_origins(atomic.node, box.rect.x + ax + m.left - atomic.node.box.left,
                                           box.rect.y + ay + m.top - atomic.node.box.top)
                place(atomic, origins)
                self._finish_paragraphs(atomic)
        for child in box.children:
            self._finish_paragraphs(child)
