"""The work of flex_fit's correction walk (``FlexFit.update``), held to the long way's boxes.

An anonymous block leaf (a paragraph's box in a flex or grid container: most leaves of a card)
has nothing any correction reads (no size, limit, ratio, padding or child of its own): the walk
passes over it (``_plain_leaf``) instead of asking each correction, and lays every card out as
the long way (every leaf asked) does. Work is asserted as a count of calls, never a time.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import render_svg
from satori_py.case import load_case
from satori_py.layout import engine, flex_fit
from satori_py.layout.node_style import ANONYMOUS_BLOCK
from satori_py.layout.taffy import LayoutNode, with_parents
from tests.layout.support import d
from tests.support import paths
from tests.support.counting import count_calls
from tests.support.harness import case_kwargs

CARDS = ["blog-flat", "pricing-three", "product-lamp"]


def _render(element: Any, monkeypatch: pytest.MonkeyPatch, long_way: bool,
            **options: Any) -> tuple[str, list[tuple[str | None, str]], int, int]:
    """The SVG, every node's box, the items the walk asked to clamp, and the anonymous leaves in
    flex containers."""
    with monkeypatch.context() as patched:
        patched.setattr(engine, "recall", lambda pending: False)  # laid out every time
        if long_way:
            patched.setattr(flex_fit, "_plain_leaf", lambda leaf: False)
        asked = count_calls(patched, flex_fit, "clamp_width")
        laid_out: list[list[tuple[str | None, str]]] = []
        leaves: list[int] = []
        run = engine.Layout.run

        def keep_boxes(self: engine.Layout, root: Any, **kw: Any) -> None:
            run(self, root, **kw)
            nodes = list(with_parents(root.node))
            laid_out.append([(node.path, repr(node.box)) for node, _ in nodes])
            leaves.append(sum(1 for node, parent in nodes if node.style == ANONYMOUS_BLOCK and not node.children
                              and parent is not None and parent.style.display == "flex"))

        patched.setattr(engine.Layout, "run", keep_boxes)
        svg = render_svg(element, **options)
    return svg, laid_out[0], asked[0], leaves[0]


@pytest.mark.parametrize("name", CARDS)
def test_the_walk_passes_over_paragraph_leaves(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    case = load_case(paths.REPO_ROOT / "benchmarks" / "cards" / f"{name}.json")
    short = _render(case.element, monkeypatch, False, **case_kwargs(case))
    long = _render(case.element, monkeypatch, True, **case_kwargs(case))
    assert short[:2] == long[:2]
    leaves = short[3]
    assert leaves > 0
    # The long way asks each of them once a pass.
    assert long[2] - short[2] >= leaves


def test_a_leaf_given_a_limit_is_still_corrected(monkeypatch: pytest.MonkeyPatch) -> None:
    # A leaf a correction gave a limit before is walked: only the walk can take it back.
    card = d({"display": "flex", "flexDirection": "column", "width": 300, "height": 200},
             d({"display": "flex", "justifyContent": "center", "fontSize": 30},
               "A centred title long enough to wrap in its column"), "plain text")
    limited = LayoutNode(ANONYMOUS_BLOCK)
    limited.limits.clamped_width = 10.0
    assert not flex_fit._plain_leaf(limited)
    assert flex_fit._plain_leaf(LayoutNode(ANONYMOUS_BLOCK))
    short = _render(card, monkeypatch, False, width=300, height=200)
    long = _render(card, monkeypatch, True, width=300, height=200)
    assert short[:2] == long[:2]
