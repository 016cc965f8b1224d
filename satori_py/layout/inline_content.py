"""The inline content of a block container, collected into paragraphs in tree order.

Mirrors ``InlineFormatting`` of the reference's ``text/inline.ts``: text,
inline boxes, atomic inlines and line breaks flow into the current paragraph,
an anonymous block box (one measured leaf for Taffy) inserted into the
container where its content starts. A block-level child ends the paragraph:
inline boxes open at that point close there and continue in the next
paragraph. A float is inserted before the paragraph it is in, so the
paragraph wraps around it. A paragraph of white space that collapses away
is removed, like a browser generates no line box for it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..frozen import Record, field
from ..text.paragraph import (
    AtomicItem,
    BoxEnd,
    BoxStart,
    Item,
    LineBreak,
    Paragraph,
    TextItem,
)
from .boxes import RenderBox
from .node_style import NodeStyle
from .taffy import LayoutNode

__all__ = ["InlineFormatting", "PendingParagraph"]

# Makes the Paragraph of collected items for its box and measures the box's node with it:
# (items, container style, box, near floats).
ParagraphFactory = Callable[[list[Item], Any, RenderBox, bool], Paragraph]


class PendingParagraph(Record):
    """A paragraph being collected: its box is in the tree already, its Paragraph is made at the end."""

    box: RenderBox
    items: list[Item] = field(default_factory=list)
    near_floats: bool = False


class InlineFormatting:
    """Collects a block container's inline content (``InlineFormatting``)."""

    def __init__(self, container: RenderBox, style: Any, make_paragraph: ParagraphFactory,
                 floats_found: list[bool]) -> None:
        self.container = container
        self.style = style
        self.make_paragraph = make_paragraph
        self.paragraph: PendingParagraph | None = None
        self.open: list[tuple[Any, str]] = []  # the inline boxes open, outermost first
        self.count = 0
        # Whether a float was found in the document before: text after one may wrap around it.
        self.floats_found = floats_found

    @property
    def node(self) -> LayoutNode:
        return self.container.node

    def current(self) -> PendingParagraph:
        if self.paragraph is None:
            path = f"{self.container.path}/#inline" + (f"{self.count}" if self.count else "")
            self.count += 1
            node = LayoutNode(NodeStyle(display="block"))
            box = RenderBox(path, "", self.style, node)
            self.node.children.append(node)
            self.container.children.append(box)
            self.paragraph = PendingParagraph(box, near_floats=self.floats_found[0])
            # Boxes split by a block-level element continue in the paragraph.
            for style, box_path in self.open:
                self.paragraph.items.append(BoxStart(style, box_path, continuation=True))
                box.inline_styles[box_path] = style
        return self.paragraph

    def add_text(self, item: TextItem) -> None:
        self.current().items.append(item)

    def open_box(self, style: Any, path: str) -> None:
        paragraph = self.current()
        paragraph.items.append(BoxStart(style, path))
        paragraph.box.inline_styles[path] = style
        self.open.append((style, path))

    def close_box(self, path: str) -> None:
        self.open.pop()
        if self.paragraph is not None:
            self.paragraph.items.append(BoxEnd(path))

    def add_atomic(self, item: AtomicItem, box: RenderBox) -> None:
        paragraph = self.current()
        paragraph.items.append(item)
        paragraph.box.atomics[item.key] = box

    def add_break(self, path: str) -> None:
        self.current().items.append(LineBreak(path))

    def add_float(self, box: RenderBox, placeholder: LayoutNode) -> None:
        """A float goes before the paragraph it is in, which wraps around it.

        ``placeholder`` stands for it in the flow; the float itself is laid out on its own.
        """
        self.floats_found[0] = True
        if self.paragraph is not None:
            self.paragraph.near_floats = True
            index = self.node.children.index(self.paragraph.box.node)
            self.node.children.insert(index, placeholder)
        else:
            self.node.children.append(placeholder)
        self.container.children.append(box)

    def break_for_block(self) -> None:
        """A block-level element ends the paragraph."""
        if self.paragraph is None:
            return
        for _style, path in reversed(self.open):
            self.paragraph.items.append(BoxEnd(path, continued=True))
        self._finish()

    def end(self) -> None:
        """The end of the container's content."""
        self._finish()

    def _finish(self) -> None:
        pending, self.paragraph = self.paragraph, None
        if pending is None:
            return
        box = pending.box
        paragraph = self.make_paragraph(pending.items, self.style, box, pending.near_floats)
        if _collapses_away(pending.items, paragraph):
            # No line box: it would also keep the margins around it from collapsing.
            self.node.children.remove(box.node)
            self.container.children.remove(box)
            box.paragraph = None


def _collapses_away(items: list[Item], paragraph: Paragraph) -> bool:
    if any(isinstance(i, (AtomicItem, LineBreak)) for i in items):
        return False
    return paragraph.collapses_away()
