"""Finished layouts of whole trees, kept for the next render of the same boxes.

A server renders the same card again and again (the same template, texts and
fonts): its boxes come out of the passes of :class:`.engine.Layout` the same
every time. The passes are a function of exactly this, which is the key:

* the available width and height and the point scale factor;
* every node of the tree, parents before children: its style, its limits and
  hints (as the build left them), its number of children, and for the measured
  leaf of a paragraph what makes the paragraph (:func:`_paragraph_key`): the
  only measure functions are paragraphs' (:meth:`.engine.Layout.measure_paragraph`),
  and baseline alignment reads the same paragraphs;
* the layout's registries of nodes, each node by its place in the key's node
  order: the out-of-flow boxes laid out in a containing block other than their
  parent (:class:`.positioning.Positions`) with their static-position
  placeholders and static axes, the values that wait for sizes
  (:class:`.sizing.Deferred`) and the boxes a pass sizes on their own
  (:class:`.sizing.OwnHeight`);
* its other registries, which the key covers by being empty: a tree with
  floats, atomic inlines, refitted grids or sticky boxes is laid out, not kept
  (:func:`layout_key` answers None). A grid container's tracks, which no pass
  refits then, are in its hints as values (:func:`_grid_key`).

A tree is kept the second time its texts are laid out: the first time, only the
hash of its paragraphs' texts is remembered, so that a stream of new texts (a new
title on every request) makes no key and keeps no layout it would never take again.

What the passes leave that the steps after them read (origins, paragraph layouts
at their final width, paint) is every node's style (which passes may resolve) and
box: that is what is kept, and given back to the nodes of the next such tree.
Styles are immutable (a :class:`~satori_py.style.computed.ComputedStyle` is keyed
by its :attr:`~satori_py.style.computed.ComputedStyle.token`, which no other style
object ever has), so the same key means the same input.
"""
from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any

from ..cache import ENTRY_WEIGHT, MAX_CACHED_TEXT, BoundedCache
from ..style.computed import ComputedStyle
from ..text.paragraph import AtomicItem, Paragraph, TextItem
from .taffy import Box, LayoutNode
from .taffy_style import FitLimits, LayoutHints

if TYPE_CHECKING:
    from ..style.grid_values import GridContainer
    from .boxes import RenderBox
    from .positioning import Positions
    from .sizing import Deferred, OwnHeight

__all__ = ["Pending", "forget", "keep", "layout_key", "recall"]

# A kept layout: each node's final style and box values, in the key's node order, and its weight.
_Kept = tuple[tuple[tuple[Any, tuple[Any, ...]], ...], int]
# Trees of more nodes are laid out every time: what a key holds stays small (a card has tens).
_MAX_NODES = 2000
# Weighed in about bytes: ENTRY_WEIGHT a node (its key's and its box's values), and the text.
_LAYOUTS: BoundedCache[_Kept] = BoundedCache(256, weigh=lambda kept: kept[1], max_weight=8 * 2 ** 20)
# The hashes of the texts of trees laid out (a collision only makes a key the first time).
_SEEN: BoundedCache[bool] = BoundedCache(1024)

_limits = FitLimits._values
_hints = LayoutHints._values
_box = Box._values


class _Key:
    """A tree's key with its hash, computed once (a key is looked up, then may be kept)."""

    __slots__ = ("parts", "hash")

    def __init__(self, parts: tuple[Any, ...]) -> None:
        self.parts = parts
        self.hash = hash(parts)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and self.hash == other.hash and self.parts == other.parts


class Pending:
    """A tree's key, its nodes in the key's order, and what keeping it weighs."""

    __slots__ = ("key", "nodes", "weight")

    def __init__(self, key: _Key, nodes: list[LayoutNode], weight: int) -> None:
        self.key, self.nodes, self.weight = key, nodes, weight


def forget() -> None:
    """Drop every kept layout and every text seen."""
    _LAYOUTS.clear()
    _SEEN.clear()


def _paragraph_key(paragraph: Paragraph) -> tuple[tuple[Any, ...], int] | None:
    """What makes ``paragraph`` measure and lay out as it does (its constructor's arguments;
    its styles by token, its fonts by the registry's token), with the characters of its text and
    grapheme images; None: an atomic inline in it, or more text than is kept."""
    items: list[Any] = []
    chars = 0
    for item in paragraph.items:
        if isinstance(item, TextItem):
            items.append((item.text, item.style.token, item.path, item.locale))
            chars += len(item.text)
        elif isinstance(item, AtomicItem):
            return None
        else:  # boxes' starts and ends, line breaks: their values (a style by its token)
            kind = type(item)
            items.append((kind, *[value.token if type(value) is ComputedStyle else value
                                  for value in kind._values(item)]))
    if chars > MAX_CACHED_TEXT:
        return None
    images = paragraph.images
    if images:
        chars += sum(len(uri) for uri in images.values())  # (what the key holds: weighed, not bounded)
    key = (tuple(items), paragraph.style.token, paragraph.registry.token, paragraph.embed_font, paragraph.path,
           paragraph.block_paragraph, tuple(sorted(images.items())) if images else (), paragraph.scale,
           paragraph.locale, paragraph.near_floats)
    return key, chars


def layout_key(root: LayoutNode, width: float | None, height: float | None, scale: float,
               measured: dict[int, RenderBox], positions: Positions, deferred: list[Deferred],
               own_heights: list[OwnHeight]) -> Pending | None:
    """The key of the passes of ``root``'s tree (see the module docstring), for a layout whose
    registries are empty but these (``measured``: the boxes of paragraphs by their nodes' ids);
    None: not a tree that is kept, or texts seen for the first time."""
    texts = hash(tuple([item.text for box in measured.values() if box.paragraph is not None
                        for item in box.paragraph.items if isinstance(item, TextItem)]))
    if _SEEN.get(texts) is None:
        _SEEN.put(texts, True)
        return None
    nodes: list[LayoutNode] = []
    parts: list[Any] = [width, height, scale]
    chars = 0
    stack = [root]
    while stack:
        node = stack.pop()
        nodes.append(node)
        if len(nodes) > _MAX_NODES:
            return None
        hints = node.hints
        hint_values = _hints(hints)
        if hints.grid is not None:
            from ..style.grid_values import GridContainer  # (imported by the first grid, in build.py)

            hint_values = tuple(_grid_key(value) if type(value) is GridContainer else value for value in hint_values)
        paragraph_key = None
        if node.measure is not None:
            box = measured.get(id(node))
            made = None if box is None or box.paragraph is None else _paragraph_key(box.paragraph)
            if made is None:
                return None
            paragraph_key, length = made
            chars += length
        children = node.children
        parts.append((node.style, _limits(node.limits), hint_values, paragraph_key, len(children)))
        stack.extend(reversed(children))
    if positions.out_of_flow or deferred or own_heights:
        registries = _registries(nodes, positions, deferred, own_heights)
        if registries is None:
            return None
        parts.append(registries)
    try:
        key = _Key(tuple(parts))
    except TypeError:  # a value that is no key (none is known, but input is untrusted): not kept
        return None
    return Pending(key, nodes, len(nodes) * ENTRY_WEIGHT + chars)


def _grid_key(grid: GridContainer) -> tuple[Any, ...]:
    """A grid container's values as a key: its line names (dicts of lists) as tuples, in order."""
    return tuple(tuple((name, tuple(lines)) for name, lines in value.items()) if isinstance(value, dict) else value
                 for value in (getattr(grid, spec.name) for spec in fields(grid)))


def _registries(nodes: list[LayoutNode], positions: Positions, deferred: list[Deferred],
                own_heights: list[OwnHeight]) -> tuple[Any, ...] | None:
    """The entries of these registries with their nodes by index in ``nodes`` (-1: none), in
    order; None: a node not in the tree."""
    index = {id(node): i for i, node in enumerate(nodes)}
    index[id(None)] = -1
    try:
        return (tuple((index[id(entry.node)], index[id(entry.placeholder)], entry.static_x, entry.static_y)
                      for entry in positions.out_of_flow.values()),
                tuple((index[id(entry.node)], tuple(entry.values.items()), entry.intrinsic,
                       tuple(entry.resolved.items())) for entry in deferred),
                tuple((index[id(entry.node)], entry.declared, entry.recorded) for entry in own_heights))
    except KeyError:
        return None


def recall(pending: Pending) -> bool:
    """Give the pending tree's nodes the styles and boxes kept under its key; whether there were any."""
    kept = _LAYOUTS.get(pending.key)
    if kept is None:
        return False
    for node, (style, box) in zip(pending.nodes, kept[0]):
        node.style = style
        node.box = Box(*box)
    return True


def keep(pending: Pending) -> None:
    """Keep the styles and boxes the passes gave the pending tree's nodes under its key."""
    _LAYOUTS.put(pending.key, (tuple((node.style, _box(node.box)) for node in pending.nodes), pending.weight))
