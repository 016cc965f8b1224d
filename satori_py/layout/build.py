"""Builds the layout tree from the element tree, then lays it out.

Mirrors the box generation of the reference's ``layout.ts``: every element
gets its computed style (the style stage) and, unless it has none, a box.
Elements are blockified in flex and grid containers, as the root, when out
of flow and when floated. In a block container, text, inline boxes, atomic
inlines and floats are inline content, collected into paragraphs
(:mod:`.inline_content`); atomic inlines and floats are laid out on their
own. Absolutely positioned and fixed boxes go to their containing block
(:mod:`.positioning`). List items get markers and counters
(:mod:`.lists`). Then :class:`Layout` runs Taffy in as many passes as the
values Taffy 0.7 can't take need (:mod:`.sizing`, :mod:`.floats`).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any, cast

from ..diagnostics import Reporter
from ..element import Element, Node, TextNode
from ..errors import InvalidElementError, node_context
from ..frozen import Record, field
from ..limits import check_deadline
from ..style import ComputedStyle, layout_alignment
from ..style.memo import cached_style, root_style_of
from ..style.replaced import image_size, natural_height_for
from ..text.inline_style import ignored_on_inline_box
from ..text.language import normalize_locale
from ..text.paragraph import Item, Paragraph, TextItem
from .boxes import RenderBox
from .engine import Layout
from .aspect_fit import aspect_ratio_minimum, percent_ratio_minimum
from .inline_content import InlineFormatting
from .node_style import ANONYMOUS_BLOCK, LayoutDisplay, NodeSize, NodeStyle
from .lists import (
    MARKER_PARENT,
    Counters,
    apply_counters,
    counter_text,
    find_marker_target,
    list_marker,
)
from .positioning import ContainingBlock, Sticky, insert_out_of_flow
from . import taffy_thread
from .taffy import LayoutNode

if TYPE_CHECKING:
    from ..images.source import Fetcher

__all__ = ["LayoutResult", "TreeBuilder"]

_WHITE_SPACE = " \t\n\r\f"
_SCROLLS = frozenset(("hidden", "scroll", "auto"))


# Satori has no table layout (no presets for table, tr, td...: inline boxes, as any unknown
# element): e-mail and blog HTML's tables lose their rows and columns without a word. Told once
# per row.
_NO_TABLE_LAYOUT = ("<tr> is laid out as an inline box, as in Satori, which has no table layout: its cells and the "
                    "rows around it flow together as text. Give rows display: flex (and cells a width or flex).")


class LayoutResult(Record):
    root: RenderBox
    width: float
    height: float


class _Ctx(Record):
    """Where an element's box goes, and what it inherits from its parent's box."""

    box: RenderBox  # the render box child boxes are added to (paint order)
    node: LayoutNode  # the layout node in-flow child nodes are added to
    style: ComputedStyle  # the parent's style, inherited from
    formatting: str  # "root", "block", "flex" or "grid": how the parent lays out its children
    inline: InlineFormatting | None  # the inline content of the block container, in one
    absolute_cb: ContainingBlock | None
    fixed_cb: ContainingBlock | None
    parent_box: LayoutNode  # the containing block of sticky children
    scrollport: LayoutNode  # the nearest scroll container, which sticky descendants stick to
    markers: list[Element] | None = None  # list markers to place at the start of the first line
    counters_hidden: bool = False
    locale: str | None = None  # the nearest `lang`
    # Taffy 0.7 lays the children out in a min-content available height, where the reference's
    # Taffy gives an indefinite (max-content) one: a block container's children, and the items
    # of a row among them whose height is its content's (see _unwrapped).
    min_content_height: bool = False


def _unwrapped(style: NodeStyle) -> bool:
    """Whether a wrapping column flex container, an item of a row laid out in a min-content
    height by Taffy 0.7 (``_Ctx.min_content_height``), lays its items out in one line.

    Taffy 0.7 measures it in that min-content height, where it wraps every item into a
    column of its own (a title over a subtitle side by side); the reference's Taffy measures
    it in an indefinite height, where it doesn't wrap, and its final height (at least that one
    line's, as the row's height is its items') keeps the one line. With no height or
    maximum height of its own, ``nowrap`` lays it out so in Taffy 0.7. (A line's width is the
    container's unless ``alignContent`` packs it where the container may be wider than its items.)
    """
    content_width = (style.width in (None, "auto") and style.min_width in (None, "auto")
                     and not float(style.flex_grow or 0.0))
    return (style.display == "flex" and style.flex_wrap != "nowrap"
            and style.flex_direction in ("column", "column-reverse") and style.height in (None, "auto")
            and style.max_height in (None, "none")
            and (content_width or style.align_content in (None, "normal", "stretch")))


def _one_line(node: LayoutNode) -> bool:
    """Whether a wrapping row flex container holds a single in-flow item, which is always
    alone on its line, so that ``nowrap`` lays it out the same.

    Taffy 0.7 sizes such a container, measured in a definite available width (a text row in a
    centred column), at its item's max-content width (one line overflowing the column); the
    reference and a browser give it its fit-content width, as Taffy 0.7 does with ``nowrap``.
    Only with ``align-content`` normal or stretch, which lay one line out as ``nowrap`` does
    (a packed line doesn't take the container's cross size), and not ``wrap-reverse`` (whose
    line starts at the cross end).
    """
    style = node.style
    if (style.display != "flex" or style.flex_wrap != "wrap" or style.flex_direction not in ("row", "row-reverse")
            or style.align_content not in (None, "normal", "stretch")):
        return False
    return sum(1 for child in node.children
               if child.style.display != "none" and child.style.position != "absolute") == 1


def _is_blank(text: str) -> bool:
    return not text.strip(_WHITE_SPACE)


_LAYOUT_DISPLAY: dict[str, LayoutDisplay] = {"flex": "flex", "grid": "grid", "flow-root": "flow-root"}


def _layout_display(style: ComputedStyle) -> LayoutDisplay:
    return _LAYOUT_DISPLAY.get(style.box.display_inner, "block")


# The physical side of a `float` or `clear` value, by whether the direction is rtl (per element:
# tables, not dicts made on every call).
_FLOAT_SIDES: dict[bool, dict[str, str]] = {
    rtl: {"left": "left", "right": "right", "inline-start": "right" if rtl else "left",
          "inline-end": "left" if rtl else "right"} for rtl in (False, True)}
_CLEAR_SIDES: dict[bool, dict[str, str]] = {rtl: {**sides, "both": "both"} for rtl, sides in _FLOAT_SIDES.items()}


def _float_side(style: ComputedStyle) -> str | None:
    return _FLOAT_SIDES[style.text.direction == "rtl"].get(style.box.float_)


def _clear(style: ComputedStyle) -> str:
    return _CLEAR_SIDES[style.text.direction == "rtl"].get(style.box.clear, "none")


def _is_fixed_containing_block(style: ComputedStyle) -> bool:
    """Whether the element is the containing block of its fixed descendants."""
    paint = style.paint
    return bool(paint.transform_style == "preserve-3d"
                or isinstance(paint.perspective, (int, float))
                or paint.transform or paint.filter or paint.backdrop_filter)


# A computed style comes back for every element that has it, in every render (style/memo.py):
# its node style is kept with it (ComputedStyle.derived), under these keys, and shared by its
# nodes (it is immutable). As many as the style memo keeps styles (~0.5 kB each).
_DERIVED_KEYS: dict[str, tuple[str, str]] = {
    display: ("layout.node_style", display) for display in ("flex", "grid", "flow-root", "block")}


# The node style's fields taken from the computed box and flex groups (same names), in its order.
_FIELDS = NodeStyle._fields
_box_values = attrgetter(*_FIELDS[_FIELDS.index("box_sizing"):_FIELDS.index("top")])
_insets = attrgetter("top", "right", "bottom", "left")
_flex_values = attrgetter(*_FIELDS[_FIELDS.index("row_gap"):_FIELDS.index("align_content")])
_NO_INSETS = (None, None, None, None)
_tuple_new = tuple.__new__


def _node_style(style: ComputedStyle, display: LayoutDisplay) -> NodeStyle:
    """The layout node style of a computed style (see :mod:`.node_style`), for a box of ``display``."""
    box = style.box
    position = box.position
    # Static boxes ignore insets; sticky ones are moved after layout.
    static = position in ("static", "sticky")
    # Made from its values in one call, as the groups are (a call by keyword is ~2x slower).
    return _tuple_new(NodeStyle, (
        display, style.text.direction, box.order,
        "relative" if static else "absolute" if position == "fixed" else position,
        *_box_values(box), *(_NO_INSETS if static else _insets(box)), *_flex_values(style.flex),
        *layout_alignment(style)))


class TreeBuilder(Record, weakref=True):
    """Turns an element tree into render boxes and a Taffy-ready layout tree."""

    registry: Any
    viewport: tuple[float | None, float | None]
    embed_font: bool = True
    # Invalid values, reported instead of raised when given; see satori_py.diagnostics.
    on_style_error: Reporter | None = None
    # What is ignored (unsupported properties, values that fall back, ...).
    on_warning: Reporter | None = None
    fetcher: Fetcher | None = None  # downloads image sources (without one, a URL source is an error)
    point_scale_factor: float = 1.0
    grapheme_images: Mapping[str, str] | None = None
    # tailwind(tw, inline style) -> the style with the tw classes under it (satori_py.tailwind).
    tailwind: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None
    # Every paragraph built, e.g. to ask ``load_additional_asset`` for what their text lacks.
    paragraphs: list[Paragraph] = field(default_factory=list)
    _layout: Layout = field(init=False)
    _counters: Counters = field(default_factory=Counters)
    _floats_found: list[bool] = field(default_factory=lambda: [False])

    def style_of(self, el: Element, parent: ComputedStyle) -> ComputedStyle:
        # Markers inherit from their list item wherever they are placed.
        parent = el.props.get(MARKER_PARENT) or parent
        vw, vh = self.viewport
        with node_context(el.path):
            style = cached_style(el.type, el.props, parent,
                                 viewport=(vw or 0.0, vh or 0.0), on_style_error=self.on_style_error,
                                 point_scale_factor=self.point_scale_factor, on_warning=self.on_warning,
                                 tailwind=self.tailwind, ch_ratio=self.registry.ch_ratio)
            families = style.font.font_family
            if self.on_warning is not None and "fontFamily" in style.declared \
                    and isinstance(families, tuple):
                missing = self.registry.missing_families(families)
                if missing is not None:
                    self.on_warning(missing)
        return style

    # -- the whole tree ----------------------------------------------------------------------

    def layout(self, element: Element) -> LayoutResult:
        """Build the boxes of ``element`` and lay them out."""
        return self.finish(self.build(element))

    def build(self, element: Element) -> RenderBox:
        """The render boxes of ``element``, not laid out yet (``paragraphs`` are known now)."""
        width, height = self.viewport
        self._layout = Layout(self.point_scale_factor, self._remake_paragraph)
        base = root_style_of(width=width, height=height)
        # Like the initial containing block, the root is a block formatting context.
        root_node = LayoutNode(NodeStyle(display="flow-root", width=width if width else "auto",
                                         height=height if height else "auto",
                                         overflow_x="hidden", overflow_y="hidden"))
        root = RenderBox("", "", base, root_node)
        cb = ContainingBlock(root_node)
        ctx = _Ctx(root, root_node, base, "root", None, cb, cb, root_node, root_node, min_content_height=True)
        self._element(element, ctx)
        return root

    def finish(self, root: RenderBox) -> LayoutResult:
        """Lay out the boxes :meth:`build` made."""
        width, height = self.viewport
        # All its Taffy computations in one job on the render's Taffy thread (a hand-over each
        # otherwise); the build above, which calls the caller's loaders, stays on its thread.
        taffy_thread.run(lambda: self._layout.run(root, width=width, height=height))
        return LayoutResult(root, root.node.box.width, root.node.box.height)

    # -- elements ----------------------------------------------------------------------------

    def _element(self, el: Node, ctx: _Ctx) -> None:
        # Per node: the work of a node may be all cached (same style, same text), and a
        # tree of max_nodes siblings would build for seconds without looking at the clock.
        check_deadline(el.path)
        if isinstance(el, TextNode):
            self._text(el, ctx)
            return
        if el.type == "br":
            if ctx.inline is not None:
                ctx.inline.add_break(el.path)
            return
        style = self.style_of(el, ctx.style)
        # layout.ts: inputs show their value or placeholder instead of their children, and
        # selects their options (getInputContent/getSelectContent, see form_controls).
        if el.type in ("input", "select"):
            # Imported here: a cold start pays for every import, and most cards have no form controls.
            from .form_controls import with_form_content
            el = with_form_content(el, style, self.registry)
        if "lang" in el.props:
            # `lang: newLocale = locale` in the reference: only an absent lang inherits;
            # one that names no locale ("en", null) clears it.
            ctx = ctx.replace(locale=normalize_locale(el.props["lang"]))
        outer = style.box.display_outer
        if el.type == "tr" and outer == "inline" and style.box.display_inner == "inline" and self.on_warning:
            self.on_warning(InvalidElementError(_NO_TABLE_LAYOUT, path=el.path, prop="display"))
        hidden = ctx.counters_hidden or outer == "none"
        scope = el.path.rsplit("/", 1)[0] if "/" in el.path else ""
        if not hidden:
            apply_counters(self._counters, style, scope, el.children)
        try:
            if outer != "none":
                self._displayed(el, style, outer, ctx)
        finally:
            # Counters created by the children are out of scope.
            self._counters.close_scope(el.path)

    def _children(self, el: Element) -> list[Node]:
        """An element's children; counters in generated content take their values here."""
        if el.type not in ("::before", "::after"):
            return list(el.children)
        out: list[Node] = []
        for child in el.children:
            if isinstance(child, Element) and child.type == "::counter":
                props = child.props
                out.append(TextNode(counter_text(self._counters, props["name"], props.get("separator"),
                                                 props.get("counterStyle") or "decimal"), child.path))
            else:
                out.append(child)
        return out

    def _displayed(self, el: Element, style: ComputedStyle, outer: str, ctx: _Ctx) -> None:
        position = style.box.position
        out_of_flow = position in ("absolute", "fixed")
        # Floats only apply in block containers, and are blockified too.
        floated = (not out_of_flow and ctx.formatting == "block" and ctx.inline is not None
                   and outer != "contents" and _float_side(style) is not None)
        if outer == "inline" and (ctx.formatting != "block" or out_of_flow or floated or ctx.inline is None):
            outer = "block"
        replaced = el.type in ("img", "svg")
        if outer == "contents":
            self._contents(el, style, ctx)
            return
        if outer == "inline" and style.box.display_inner == "inline" and not replaced:
            self._inline_box(el, style, ctx)
            return
        if outer == "inline":
            self._atomic(el, style, ctx)
            return
        if floated:
            assert ctx.inline is not None
            box = self._box(el, style, ctx, floated=True)
            self._layout.add_float(box, ctx.inline, _float_side(style) or "left", _clear(style))
            return
        if not out_of_flow and ctx.inline is not None:
            # A block-level box ends the paragraph before it.
            ctx.inline.break_for_block()
        box = self._box(el, style, ctx)
        if ctx.formatting == "flex" and not out_of_flow:
            # (ctx.style is the flex container's computed style, whose node ctx.node is.)
            row = ctx.style.flex.flex_direction in ("row", "row-reverse")
            if el.type != "img":
                # (The reference gives an <img> no layout aspect ratio when both its sizes are known.)
                aspect_ratio_minimum(box.node, row)
            percent_ratio_minimum(box.node, row)
        ctx.box.children.append(box)
        if out_of_flow:
            cb = ctx.fixed_cb if position == "fixed" else ctx.absolute_cb
            if insert_out_of_flow(box.node, ctx.node, cb, self._layout.positions):
                return
        ctx.node.children.append(box.node)

    def _text(self, text: TextNode, ctx: _Ctx) -> None:
        if ctx.inline is not None:
            ctx.inline.add_text(TextItem(text.text, ctx.style, text.path, ctx.locale))
            return
        # In flex and grid containers, text with only white space isn't rendered.
        if _is_blank(text.text):
            return
        paragraph = self._paragraph([TextItem(text.text, ctx.style, text.path, ctx.locale)], ctx.style,
                                    text.path)
        node = LayoutNode(ANONYMOUS_BLOCK)
        box = RenderBox(text.path, "", ctx.style, node, paragraph=paragraph)
        self._layout.measure_paragraph(box)
        ctx.node.children.append(node)
        ctx.box.children.append(box)

    def _contents(self, el: Element, style: ComputedStyle, ctx: _Ctx) -> None:
        """No box: the children take part in the parent's layout."""
        child_ctx = ctx.replace(style=style, markers=None)
        children = self._children(el)
        target = self._place_markers(ctx.markers, children, style, False)
        for index, child in enumerate(children):
            self._element(child, child_ctx.replace(markers=ctx.markers if index == target else None))

    def _inline_box(self, el: Element, style: ComputedStyle, ctx: _Ctx) -> None:
        assert ctx.inline is not None
        if self.on_warning is not None:
            for prop, why in ignored_on_inline_box(style):
                self.on_warning(InvalidElementError(
                    f'"{prop}" is ignored on an inline box (a span in text, display: inline): {why}. '
                    "Give it display: inline-block or flex to apply it.", path=el.path, prop=prop))
        ctx.inline.open_box(style, el.path)
        child_ctx = ctx.replace(style=style, markers=None)
        children = self._children(el)
        target = self._place_markers(ctx.markers, children, style, False)
        for index, child in enumerate(children):
            self._element(child, child_ctx.replace(markers=ctx.markers if index == target else None))
        ctx.inline.close_box(el.path)

    def _atomic(self, el: Element, style: ComputedStyle, ctx: _Ctx) -> None:
        """An atomic inline (inline-block, image...), laid out on its own to learn its size."""
        assert ctx.inline is not None
        holder = LayoutNode(ANONYMOUS_BLOCK)
        box = self._box(el, style, ctx.replace(node=holder))
        ctx.inline.add_atomic(self._layout.atomic(box), box)

    # -- boxes -------------------------------------------------------------------------------

    def _node_style(self, style: ComputedStyle, display: LayoutDisplay) -> NodeStyle:
        """The layout node's style (shared: a pass that resolves a value gives its node a copy)."""
        derived = style.derived
        key = _DERIVED_KEYS[display]
        kept: NodeStyle | None = derived.get(key)
        if kept is None:
            kept = derived[key] = _node_style(style, display)
        return kept

    def _box(self, el: Element, style: ComputedStyle, ctx: _Ctx, floated: bool = False) -> RenderBox:
        display = _layout_display(style)
        node = LayoutNode(self._node_style(style, display), path=el.path)
        if ctx.formatting == "flex" and ctx.min_content_height and _unwrapped(node.style):
            node.style = node.style._replace(flex_wrap="nowrap")
        if floated or (ctx.formatting == "block" and (display == "flow-root" or el.type in ("img", "svg")
                                                      or (display == "block" and node.style.align_content))):
            # Taffy 0.7 has no flow-root: a block formatting context root (also a block container
            # with align-content, block_alignment.py) keeps its children's margins from
            # collapsing with its own, as a scroll container does there.
            node.hints.bfc = True
        if ctx.formatting == "block" and not floated:
            node.hints.clear = _clear(style)
        box = RenderBox(el.path, el.type, style, node, props=dict(el.props))
        if display == "grid":
            from ..style.grid_values import EMPTY_GRID  # on the first grid

            from .grid import has_auto_repeat, has_calc_tracks
            from .grid_fit import has_fitted_columns

            grid = node.hints.grid = style.flex.grid_container or EMPTY_GRID
            if has_auto_repeat(grid) or has_calc_tracks(grid) or has_fitted_columns(grid):
                self._layout.grids.append(node)
        node.hints.grid_item = style.flex.grid_item
        self._layout.defer(node, in_block=ctx.formatting in ("block", "root"))

        position = style.box.position
        fixed_cb = ContainingBlock(node) if _is_fixed_containing_block(style) else ctx.fixed_cb
        if fixed_cb is not None and fixed_cb.node is node:
            absolute_cb: ContainingBlock | None = fixed_cb
        elif position != "static":
            absolute_cb = ContainingBlock(node)
        else:
            absolute_cb = ctx.absolute_cb
        if position == "sticky":
            self._layout.positions.sticky[id(node)] = Sticky(style.box, ctx.parent_box, ctx.scrollport)
        box_style = style.box
        scrolls = box_style.overflow_x in _SCROLLS or box_style.overflow_y in _SCROLLS

        if el.type in ("img", "svg"):
            if el.type == "img" and el.children and self.on_warning is not None:
                self.on_warning(InvalidElementError("The children of an <img> are not drawn.", path=el.path,
                                                    prop="children"))
            self._image(box, el, style)
            return box
        children = self._children(el)
        markers = list(ctx.markers or [])
        if box_style.display == "list-item" and not ctx.counters_hidden:
            markers.extend(self._list_marker(style, el.path, ctx.locale))
        item_container = display in ("flex", "grid")
        target = self._place_markers(markers or None, children, style, item_container)
        inline = None if item_container else InlineFormatting(box, style, self._make_paragraph,
                                                              self._floats_found)
        nstyle = node.style
        min_content_height = inline is not None or (
            ctx.min_content_height and display == "flex" and nstyle.flex_direction in ("row", "row-reverse")
            and nstyle.height in (None, "auto") and nstyle.max_height in (None, "none"))
        child_ctx = _Ctx(box, node, style, "block" if inline else display, inline, absolute_cb, fixed_cb,
                         node, node if scrolls else ctx.scrollport, locale=ctx.locale,
                         min_content_height=min_content_height)
        for index, child in enumerate(children):
            self._element(child, child_ctx.replace(markers=markers if index == target else None)
                          if index == target else child_ctx)
        if inline is not None:
            inline.end()
        elif _one_line(node):
            node.style = node.style._replace(flex_wrap="nowrap")
        if display == "grid" and all(g is not node for g in self._layout.grids):
            from .grid_fit import has_percent_items  # (items with a percentage width: known now)

            if has_percent_items(node):
                self._layout.grids.append(node)
        return box

    def _image(self, box: RenderBox, el: Element, style: ComputedStyle) -> None:
        """Size a replaced element from its natural size, attributes and style (compute.ts)."""
        # Imported by the first image: a card without one needs none of the loading.
        from ..images.replaced import replaced_image

        with node_context(el.path):
            source = replaced_image(el, style, self.fetcher)
        box.image = source
        if el.type == "svg":
            svg_size = style.box.svg_size
            assert svg_size is not None  # computed for every <svg>
            size = svg_size
        elif source is None:
            return
        else:
            natural_h = natural_height_for(style, source.width, source.height)
            # Images of list markers and generated content have their natural size.
            attr_width = el.props.get("width")
            if attr_width is None and el.props.get("__naturalSize"):
                attr_width = source.width
            with node_context(el.path):  # attributes the layout cannot read are reported
                size = image_size(style, source.width, natural_h, attr_width, el.props.get("height"),
                                  declared=style.declared, report=self.on_style_error or self.on_warning)
        node = box.node
        # (A replaced size's keyword is auto, a NodeSize.)
        node.style = node.style._replace(width=cast(NodeSize, size.width), height=cast(NodeSize, size.height),
                                         aspect_ratio=size.aspect_ratio or node.style.aspect_ratio)

    # -- lists -------------------------------------------------------------------------------

    def _list_marker(self, style: ComputedStyle, path: str, locale: str | None) -> list[Element]:
        engine = Paragraph([], style, self.registry, embed_font=self.embed_font).engine_for(style, locale)
        ascent = math.floor(engine.ascent("0") + 0.5)
        return list_marker(style, self._counters.value("list-item"), ascent, path)

    def _place_markers(self, markers: list[Element] | None, children: list[Node], style: ComputedStyle,
                       item_container: bool) -> int:
        """Put markers at the start of the first line; the index of the child they go into, or -1."""
        if not markers:
            return -1
        target = find_marker_target(children, item_container)
        if target.nested:
            return target.index
        if target.wrap:
            text = children[target.index]
            children[target.index] = Element("span", {}, (*markers, text), f"{text.path}/::wrap", {})
        elif not item_container:
            children[target.index:target.index] = markers
        return -1

    # -- paragraphs --------------------------------------------------------------------------

    def _paragraph(self, items: Sequence[Item], style: ComputedStyle, path: str,
                   near_floats: bool = False) -> Paragraph:
        paragraph = Paragraph(list(items), style, self.registry, embed_font=self.embed_font, path=path,
                              point_scale_factor=self.point_scale_factor, near_floats=near_floats,
                              grapheme_images=self.grapheme_images)
        self.paragraphs.append(paragraph)
        return paragraph

    def _make_paragraph(self, items: list[Item], style: ComputedStyle, box: RenderBox,
                        near_floats: bool) -> Paragraph:
        paragraph = box.paragraph = self._paragraph(items, style, box.path, near_floats)
        box.near_floats = near_floats
        self._layout.measure_paragraph(box, near_floats)
        return paragraph

    def _remake_paragraph(self, box: RenderBox, items: list[Item]) -> None:
        """The paragraph of ``box`` again with new items (atomic inlines laid out in its width)."""
        self._make_paragraph(items, box.style, box, box.near_floats)
