"""Taffy trees kept within a layout and pooled between layouts (layout/taffy_trees.py)."""
from __future__ import annotations

import math
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.layout import engine, taffy
from satori_py.layout.node_style import NodeStyle
from satori_py.layout.taffy import LayoutNode, compute_layout
from satori_py.layout.taffy_trees import KeptTrees, TreePool, _Tree


@pytest.fixture(autouse=True)
def _passes_every_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every render runs its passes: these tests are of what the passes use, not of a layout kept
    from the render before (layout/reuse.py)."""
    monkeypatch.setattr(engine, "recall", lambda pending: False)


def _card() -> tuple[LayoutNode, list[LayoutNode]]:
    def measure(width: float, height: float, mode: str) -> tuple[float, float]:
        if mode == "min-content":
            return (40.0, 40.0)
        wide = 200.0 if math.isinf(width) else min(width, 200.0)
        return (wide, 8000.0 / max(wide, 1.0))

    text = LayoutNode(NodeStyle(display="block", flex_grow=1.0), measure=measure)
    icon = LayoutNode(NodeStyle(display="block", width=30.0, height=30.0, margin_right=10.0))
    row = LayoutNode(NodeStyle(display="flex", padding_left=7.0), [icon, text])
    root = LayoutNode(NodeStyle(display="flex", flex_direction="column", width=150.0), [row])
    return root, [root, row, icon, text]


def _boxes(nodes: list[LayoutNode]) -> list[Any]:
    return [(n.box.left, n.box.top, n.box.width, n.box.height, n.box.padding, n.box.margin) for n in nodes]


def test_a_tree_computed_again_lays_out_as_a_new_one() -> None:
    fresh_root, fresh = _card()
    root, nodes = _card()
    trees = taffy.kept_trees()
    try:
        compute_layout(root, width=150, height=None, trees=trees)
        for width, padding in ((90.0, 3.0), (150.0, 7.0), (120.0, 0.0)):
            # A style that changes between computations is set again in the kept tree.
            for node in (fresh[1], nodes[1]):
                node.style = node.style._replace(padding_left=padding)
            compute_layout(fresh_root, width=width, height=None)
            compute_layout(root, width=width, height=None, trees=trees)
            assert _boxes(nodes) == _boxes(fresh)
    finally:
        trees.free()


def test_a_kept_tree_forgets_every_size_it_computed() -> None:
    # Nothing of the tree changes but what a leaf deep inside measures: Taffy's caches of the
    # leaf and of every node above it must not answer (only the leaves are marked dirty).
    def text(width: float) -> Any:
        return lambda w, h, mode: (width, 20.0)

    def card(width: float) -> tuple[LayoutNode, list[LayoutNode]]:
        leaf = LayoutNode(NodeStyle(display="block"), measure=text(width))
        other = LayoutNode(NodeStyle(display="block"), measure=text(30.0))
        box = LayoutNode(NodeStyle(display="flex", padding_left=4.0), [leaf])
        row = LayoutNode(NodeStyle(display="flex"), [box, other])
        root = LayoutNode(NodeStyle(display="flex", flex_direction="column", align_items="flex-start"), [row])
        return root, [root, row, box, leaf, other]

    root, nodes = card(50.0)
    trees = taffy.kept_trees()
    try:
        compute_layout(root, width=300, height=None, trees=trees)
        for width in (80.0, 20.0):
            nodes[3].measure = text(width)
            fresh_root, fresh = card(width)
            compute_layout(fresh_root, width=300, height=None)
            compute_layout(root, width=300, height=None, trees=trees)
            assert _boxes(nodes) == _boxes(fresh)
            assert nodes[0].box.width == width + 4.0 + 30.0
    finally:
        trees.free()


def test_a_pooled_tree_lays_out_as_a_new_one() -> None:
    pool = TreePool(taffy.taffylib)
    try:
        for width in (150, 80, 150):
            root, nodes = _card()
            fresh_root, fresh = _card()
            trees = KeptTrees(taffy.taffylib, pool)
            compute_layout(root, width=width, height=None, trees=trees)
            trees.free()
            compute_layout(fresh_root, width=width, height=None)
            assert _boxes(nodes) == _boxes(fresh)
        assert len(pool) == 1  # the same shape each time: one tree, taken and given back
    finally:
        pool.clear()


class _Lib:
    def __init__(self) -> None:
        self.freed: list[int] = []

    def free(self, handle: int) -> None:
        self.freed.append(handle)


def test_the_pool_is_bounded_and_frees_what_it_drops() -> None:
    lib = _Lib()
    pool = TreePool(lib, max_entries=4, max_nodes=10)
    styles = [{"n": i} for i in range(20)]
    for i in range(6):  # six shapes of one node each: the two oldest are dropped
        pool.put(_Tree(i, [0], [styles[i]], [-1]), [-1], [False])
    assert len(pool) == 4 and lib.freed == [0, 1]
    pool.put(_Tree(10, list(range(11)), styles[:11], [-1, *[0] * 10]), [-1, *[0] * 10], [False] * 11)  # over max_nodes
    assert lib.freed[-1] == 10 and len(pool) == 4
    pool.put(_Tree(11, list(range(8)), styles[6:14], [-1, *[0] * 7]), [-1, *[0] * 7], [False] * 8)  # 4 + 8 nodes: two go
    assert len(pool) == 3 and lib.freed[-2:] == [2, 3]
    assert pool.take(tuple(zip(map(id, styles[6:14]), [-1, *[0] * 7], [False] * 8))) is not None
    pool.clear()
    assert sorted(lib.freed) == [0, 1, 2, 3, 4, 5, 10]  # the taken tree is its taker's to free


def _trees_made(monkeypatch: Any, card: dict[str, Any], width: int, height: int) -> tuple[list[int], list[int]]:
    """The sizes of the Taffy trees a render of ``card`` makes when rendered again, and with the
    pool emptied first (the same SVG both times). (Rendered four times before: a card laid out
    in n passes of different styles keeps a tree a pass, the pool having a tree by the styles
    it has; a render makes one of them until it has all n.)"""
    for _ in range(4):
        render_svg(card, width=width, height=height)
    made: list[int] = []
    original = taffy._made_tree

    def counted(plan: Any) -> Any:
        made.append(len(plan))
        return original(plan)

    monkeypatch.setattr(taffy, "_made_tree", counted)
    first = render_svg(card, width=width, height=height)
    again = list(made)
    taffy._POOL.clear()
    made.clear()
    assert render_svg(card, width=width, height=height) == first
    return again, made


def test_a_card_rendered_again_makes_few_trees(monkeypatch: Any) -> None:
    card = {"type": "div", "props": {"style": {"display": "flex", "flexDirection": "column", "padding": 20},
                                     "children": [{"type": "div", "props": {"style": {"display": "flex"},
                                                                            "children": "Hello trees"}},
                                                  {"type": "div", "props": {"children": "and again"}}]}}
    again, cleared = _trees_made(monkeypatch, card, 300, 100)
    assert again == [] and cleared  # its trees came from the pool


def test_like_subtrees_measured_alone_are_pooled_each(monkeypatch: Any) -> None:
    # Three like stat boxes in a row centred in a column: each is measured alone at its
    # min-content width (flex_fit), on a tree of the same shape as the others'.
    stat = {"type": "div", "props": {"style": {"display": "flex", "flexDirection": "column",
                                               "alignItems": "center", "padding": "12px 28px"},
                                     "children": [{"type": "div", "props": {"style": {"fontSize": 34},
                                                                            "children": "48k"}},
                                                  {"type": "div", "props": {"style": {"fontSize": 18},
                                                                            "children": "followers"}}]}}
    card = {"type": "div", "props": {"style": {"display": "flex", "flexDirection": "column", "alignItems": "center",
                                               "width": "100%", "height": "100%"},
                                     "children": [{"type": "div", "props": {"style": {"display": "flex", "gap": 40},
                                                                            "children": [stat, stat, stat]}}]}}
    again, cleared = _trees_made(monkeypatch, card, 600, 300)
    # All four trees from the pool (when it held one tree a shape, two were made).
    assert again == [] and cleared == [18, 5, 5, 5]


def test_the_pool_keeps_several_trees_of_a_shape() -> None:
    lib = _Lib()
    pool = TreePool(lib, max_entries=3)
    style = {"n": 0}
    shape = ((id(style), -1, False),)
    for handle in range(4):  # one shape: the oldest of the four is dropped
        pool.put(_Tree(handle, [0], [style], [-1]), [-1], [False])
    assert len(pool) == 3 and lib.freed == [0]
    taken = [pool.take(shape) for _ in range(4)]
    assert [t.handle if t is not None else None for t in taken] == [3, 2, 1, None] and len(pool) == 0


def test_a_node_keeps_its_taffy_dict_while_its_style_and_limits_stay() -> None:
    root, nodes = _card()
    compute_layout(root, width=150, height=None)
    kept = [node.taffy_fields[2] for node in nodes if node.taffy_fields is not None]
    assert len(kept) == len(nodes)
    compute_layout(root, width=150, height=None)
    # The same dict objects again (a pooled tree is found by their identity).
    assert all(node.taffy_fields is not None and node.taffy_fields[2] is dict_
               for node, dict_ in zip(nodes, kept))
    # A limit given between passes (flex_fit's) on the same style object: a new dict, laid
    # out as a fresh node with that limit is.
    fresh_root, fresh = _card()
    for node in (nodes[1], fresh[1]):
        node.limits.cap_width = 60.0
    compute_layout(root, width=150, height=None)
    compute_layout(fresh_root, width=150, height=None)
    assert _boxes(nodes) == _boxes(fresh)
    assert nodes[1].box.width == 67.0  # 60 and its 7px padding
    assert nodes[1].taffy_fields is not None and nodes[1].taffy_fields[2] is not kept[1]


def test_a_card_laid_out_twice_sets_no_style_when_rendered_again(monkeypatch: Any) -> None:
    # A row whose fixed-width avatar is frozen after the first pass (frozen_widths.freeze; its flexGrow
    # keeps the freeze a change: fit_boxes.frozen_as_laid_out): its two passes have different styles, and each finds its tree of the render before in the
    # pool (one tree a pass), not one tree whose styles are set back and forth.
    card = {"type": "div", "props": {"style": {"display": "flex", "width": 400, "height": 200}, "children": [
        {"type": "div", "props": {"style": {"display": "flex", "alignItems": "center"}, "children": [
            {"type": "div", "props": {"style": {"display": "flex"}, "children": [
                {"type": "div", "props": {"style": {"width": 48, "height": 48, "flexGrow": 1, "background": "red"}}}]}},
            {"type": "div", "props": {"style": {"fontSize": 20}, "children": "A name that wraps at some width"}}]}}]}}
    taffy._POOL.clear()
    expected = render_svg(card)
    render_svg(card)
    calls: list[str] = []
    for name in ("node_set_style", "node_create"):
        original = getattr(taffy.taffylib, name)
        monkeypatch.setattr(taffy.taffylib, name, lambda *a, _f=original, _n=name: (calls.append(_n), _f(*a))[1])
    passes: list[int] = []
    monkeypatch.setattr(taffy, "_run_taffy_here", lambda *a, _f=taffy._run_taffy_here: (passes.append(1), _f(*a))[1])
    assert render_svg(card) == expected
    assert len(passes) >= 2 and calls == []
    taffy._POOL.clear()  # without the pool: the same layout from new trees
    assert render_svg(card) == expected and "node_create" in calls
