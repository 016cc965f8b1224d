"""Taffy trees made once and computed again: within a layout, and from render to render.

Converting a style dict into a Taffy node (stretchable's ``node_create``) costs more
than Taffy's own layout of it, and the same trees come back: a layout computes a
root again in every pass, and the subtrees its workarounds measure alone; a server
renders the same template over and over, whose nodes get the same (shared, cached)
style dicts. So a tree made for a computation is kept:

* :class:`KeptTrees`, one per layout computation, keeps each root's tree; computing
  the root again takes it back, with the styles that differ set again, or, when the
  pool has a tree with the new styles (the one this pass had in the render before:
  flex_fit's corrections come back), takes that one and pools the other as it is.
* :class:`TreePool`, one per process, takes the trees a layout ends with, by their
  shape: the identity of every node's style dict, its parent and whether Taffy
  measures it. A tree of the same shape is taken from it instead of being made (a
  layout that computes several like subtrees at once finds as many).

A tree taken back has every node marked dirty, which empties every cache Taffy keeps:
its computation is a new tree's. (Taffy marks a node's ancestors with it, so marking the
leaves reaches every node.) A pooled tree is used by one computation at a time
(taken out of the pool, and put back at the end of its layout); the pool holds at
most ``MAX_POOLED`` trees and frees the ones it drops. Taffy's functions come from
:mod:`.taffy` (the one module that imports stretchable), as ``lib``.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from operator import is_
from typing import Any

__all__ = ["KeptTrees", "MAX_POOLED", "MAX_POOLED_NODES", "TreePool"]

# A pooled node holds ~1.3 kB in Taffy and its style dicts (~4.5 kB each, mostly shared with
# taffy_style's cache): at most ~20 MB. The 24 benchmark cards leave 44 trees of 1252 nodes
# (a card laid out twice keeps a tree per pass: +0.9 MB resident), at 32 and 1024 they would
# push each other out. A tree larger than the bound is freed, not pooled.
MAX_POOLED = 64
MAX_POOLED_NODES = 2048
# A tree's shape, per node in the order made: (id of its style dict, parent index, measured).
Shape = tuple[tuple[int, int, bool], ...]


class _Tree:
    """A Taffy tree: its node ids and style dicts in the order made (its shape in the pool:
    the styles it has)."""

    __slots__ = ("handle", "ids", "fields", "leaves")

    def __init__(self, handle: int, ids: list[int], fields: list[dict[str, Any]], parents: Sequence[int]) -> None:
        self.handle, self.ids, self.fields = handle, ids, fields
        inner = set(parents)
        self.leaves = [nid for index, nid in enumerate(ids) if index not in inner]

    def shape(self, parents: Sequence[int], measured: Sequence[bool]) -> Shape:
        return _shape(self.fields, parents, measured)


def _shape(fields: Sequence[dict[str, Any]], parents: Sequence[int], measured: Sequence[bool]) -> Shape:
    return tuple(zip(map(id, fields), parents, measured))


class TreePool:
    """Trees kept from layout to layout, by shape (see the module docstring); a BoundedCache's
    ``clear`` (benchmarks' cleared caches), without its type, as it frees what it drops.

    A shape may have several trees (a card's like items, e.g. three stat boxes each measured
    alone, are computed at once, each on its own tree); the oldest tree goes first."""

    def __init__(self, lib: Any, max_entries: int = MAX_POOLED, max_nodes: int = MAX_POOLED_NODES) -> None:
        # The name benchmarks/bench_cards.py's clear_caches empties a cache by (on the instance:
        # the class itself is in its module too).
        self.cache_clear = self.clear
        self._lib = lib
        # Every pooled tree by (shape, serial), oldest first; each shape's serials, oldest first.
        self._trees: OrderedDict[tuple[Shape, int], tuple[_Tree, Sequence[int], Sequence[bool]]] = OrderedDict()
        self._by_shape: dict[Shape, list[int]] = {}
        self._serial = 0
        self._lock = threading.Lock()
        self._nodes = 0  # of the pooled trees
        self.max_entries = max_entries
        self.max_nodes = max_nodes

    def take(self, shape: Shape) -> _Tree | None:
        """A tree of ``shape`` (the newest), no longer in the pool (None: none)."""
        with self._lock:
            serials = self._by_shape.get(shape)
            if not serials:
                return None
            serial = serials.pop()
            if not serials:
                del self._by_shape[shape]
            tree = self._trees.pop((shape, serial))[0]
            self._nodes -= len(tree.ids)
        return tree

    def put(self, tree: _Tree, parents: Sequence[int], measured: Sequence[bool]) -> None:
        """Keep ``tree`` (of ``parents`` and ``measured``) for a later layout."""
        if len(tree.ids) > self.max_nodes:
            self._lib.free(tree.handle)
            return
        shape = tree.shape(parents, measured)
        dropped: list[_Tree] = []
        with self._lock:
            self._serial += 1
            # The entry holds the style dicts (tree.fields), so that no other dict takes one's id
            # while pooled.
            self._trees[(shape, self._serial)] = (tree, parents, measured)
            self._by_shape.setdefault(shape, []).append(self._serial)
            self._nodes += len(tree.ids)
            while len(self._trees) > self.max_entries or self._nodes > self.max_nodes:
                (gone_shape, _), (gone, _, _) = self._trees.popitem(last=False)
                serials = self._by_shape[gone_shape]
                del serials[0]  # (the oldest of its shape too)
                if not serials:
                    del self._by_shape[gone_shape]
                self._nodes -= len(gone.ids)
                dropped.append(gone)
        for gone in dropped:
            self._lib.free(gone.handle)

    def clear(self) -> None:
        """Free every pooled tree."""
        with self._lock:
            trees = [entry[0] for entry in self._trees.values()]
            self._trees.clear()
            self._by_shape.clear()
            self._nodes = 0
        for tree in trees:
            self._lib.free(tree.handle)

    def __len__(self) -> int:
        return len(self._trees)


class KeptTrees:
    """The Taffy trees of one layout computation, by root; given to ``pool`` at the end."""

    def __init__(self, lib: Any, pool: TreePool | None) -> None:
        self._lib = lib
        self._pool = pool
        # root id -> (tree, its nodes' parent indices, which are measured, root's node shape)
        self._trees: dict[int, tuple[_Tree, Sequence[int], Sequence[bool], tuple[int, ...]]] = {}

    def take(self, root_key: int, nodes: tuple[int, ...], parents: Sequence[int], measured: Sequence[bool],
             fields: Sequence[dict[str, Any]]) -> tuple[int, list[int]] | None:
        """A tree for a computation of the root ``root_key`` whose nodes (by id, in the order
        made) are ``nodes``, with ``parents``, ``measured`` and styles ``fields``: this
        computation's tree of that root, or a pooled tree of the same shape, its styles made
        ``fields`` and every cache emptied; its handle and node ids. None: make one (:meth:`keep`)."""
        kept = self._trees.get(root_key)
        if kept is not None and (kept[3] != nodes or kept[1] != parents or kept[2] != measured):
            self._drop(root_key)
            kept = None
        if kept is not None and self._pool is not None and not all(map(is_, kept[0].fields, fields)):
            # Styles changed since this computation's last pass (flex_fit's corrections): a
            # pooled tree with these (the last render's same pass) saves setting them, and
            # this pass's tree goes to the pool as it is, for the next render's pass.
            pooled = self._pool.take(_shape(fields, parents, measured))
            if pooled is not None:
                self._drop(root_key)
                kept = self._trees[root_key] = (pooled, parents, measured, nodes)
        if kept is None:
            pooled = self._pool.take(_shape(fields, parents, measured)) if self._pool is not None else None
            if pooled is None:
                return None
            kept = self._trees[root_key] = (pooled, parents, measured, nodes)
        tree = kept[0]
        lib = self._lib
        try:
            for index, (nid, old, new) in enumerate(zip(tree.ids, tree.fields, fields)):
                if old is not new and old != new:
                    lib.node_set_style(tree.handle, nid, new)
                    tree.fields[index] = new
            handle, mark_dirty = tree.handle, lib.node_mark_dirty
            for nid in tree.leaves:  # (and so their ancestors: every node)
                mark_dirty(handle, nid)
        except BaseException:
            self._trees.pop(root_key, None)
            lib.free(tree.handle)
            raise
        return tree.handle, tree.ids

    def keep(self, root_key: int, nodes: tuple[int, ...], parents: Sequence[int], measured: Sequence[bool],
             handle: int, ids: list[int], fields: Sequence[dict[str, Any]]) -> None:
        """Keep the tree ``handle`` just made for the root ``root_key`` (see :meth:`take`)."""
        self._drop(root_key)
        self._trees[root_key] = (_Tree(handle, ids, list(fields), parents), parents, measured, nodes)

    def _drop(self, root_key: int) -> None:
        kept = self._trees.pop(root_key, None)
        if kept is not None:
            self._give(kept[0], kept[1], kept[2])

    def _give(self, tree: _Tree, parents: Sequence[int], measured: Sequence[bool]) -> None:
        if self._pool is not None:
            self._pool.put(tree, parents, measured)
        else:
            self._lib.free(tree.handle)

    def free(self) -> None:
        """The end of the computation: every tree to the pool (or freed)."""
        kept, self._trees = self._trees, {}
        for tree, parents, measured, _ in kept.values():
            self._give(tree, parents, measured)
