"""How many Taffy computations a render takes: a pass is not run again to repeat the last one.

A row item holding one word (a tag, a "·" separator, a tile of one-word labels) is frozen at its width after the
first pass (flex_fit ``_freeze``, fit_boxes ``frozen_as_laid_out``); laying the tree out
again with that freeze gives the same boxes, so no second pass runs for it. The long way
(the second pass run anyway) is what these tests hold the short one to.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.case import load_case
from satori_py.layout import engine, flex_fit, taffy
from satori_py.layout.taffy import with_parents
from tests.layout.support import d
from tests.support import paths
from tests.support.counting import count_calls
from tests.support.harness import case_kwargs

CARDS = sorted((paths.REPO_ROOT / "benchmarks" / "cards").glob("*.json"))
# Cards whose only change after the first pass is a freeze of one-word row items.
ONE_PASS = ["blog-emoji", "blog-flat", "blog-gradient", "blog-serif", "docs-api", "docs-cli", "docs-guide", "job-posting",
            "release-notes"]


def _tags(words: list[str]) -> dict[str, Any]:
    tags = [d({"padding": "4px 18px", "borderRadius": 20, "background": "#eef"}, word) for word in words]
    return d({"display": "flex", "flexDirection": "column", "width": "100%", "height": "100%", "padding": 40},
             d({"display": "flex", "gap": 12}, *tags),
             d({"display": "flex", "gap": 8, "fontSize": 22},
               d({}, "Ada"), d({"color": "#888"}, "·"), d({}, "5 min read")))


def _render(element: Any, monkeypatch: pytest.MonkeyPatch, long_way: bool,
            **options: Any) -> tuple[str, list[tuple[str | None, str]], int]:
    """The SVG, every node's box in the main layout, and the number of Taffy computations."""
    with monkeypatch.context() as patched:
        patched.setattr(engine, "recall", lambda pending: False)  # laid out every time
        if long_way:
            patched.setattr(flex_fit, "frozen_as_laid_out", lambda item: False)
        runs = count_calls(patched, taffy, "_run_taffy")
        laid_out: list[list[tuple[str | None, str]]] = []
        run = engine.Layout.run

        def keep_boxes(self: engine.Layout, root: Any, **kw: Any) -> None:
            run(self, root, **kw)
            laid_out.append([(node.path, repr(node.box)) for node, _ in with_parents(root.node)])

        patched.setattr(engine.Layout, "run", keep_boxes)
        svg = render_svg(element, **options)
    return svg, laid_out[0], runs[0]


def test_one_word_row_items_take_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    card = _tags(["#python", "#layout", "#speed"])
    short = _render(card, monkeypatch, long_way=False, width=800, height=300)
    long = _render(card, monkeypatch, long_way=True, width=800, height=300)
    assert short[:2] == long[:2]
    assert (short[2], long[2]) == (1, 2)


def test_a_row_of_tiles_with_one_word_labels_takes_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each tile is a padded column of two one-word texts: its layout is the same at any width.
    tiles = [d({"display": "flex", "flexDirection": "column", "alignItems": "center", "padding": "12px 28px",
                "background": "#eee"}, d({"fontSize": 34}, count), d({"fontSize": 20}, label))
             for count, label in (("48.2k", "Followers"), ("312", "Following"))]
    card = d({"display": "flex", "width": "100%", "height": "100%"}, d({"display": "flex", "gap": 40}, *tiles))
    short = _render(card, monkeypatch, long_way=False, width=800, height=300)
    long = _render(card, monkeypatch, long_way=True, width=800, height=300)
    assert short[:2] == long[:2]
    assert short[2] == 1 < long[2]


def test_a_two_word_item_at_its_min_content_width_is_laid_out_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # The row is narrower than the item's longest word: the item is at its min-content width
    # and frozen there, but its two words make its min- and max-content widths differ: the
    # freeze isn't known to repeat the pass, which runs again.
    card = d({"display": "flex", "width": 40, "height": 200},
             d({"padding": 4, "background": "#eef"}, "wide words"))
    short = _render(card, monkeypatch, long_way=False, width=200, height=200)
    long = _render(card, monkeypatch, long_way=True, width=200, height=200)
    assert short == long
    assert short[2] == 2


@pytest.mark.parametrize("path", CARDS, ids=[p.stem for p in CARDS])
def test_a_bench_card_is_laid_out_as_the_long_way(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = load_case(path)
    short = _render(case.element, monkeypatch, long_way=False, **case_kwargs(case))
    long = _render(case.element, monkeypatch, long_way=True, **case_kwargs(case))
    assert short[:2] == long[:2]
    assert short[2] <= long[2]
    if path.stem in ONE_PASS:
        assert (short[2], long[2]) == (1, 2)
    if path.stem.startswith("profile-"):  # its tiles' freeze (a pass after its cap) takes no pass of its own
        assert short[2] == long[2] - 1
