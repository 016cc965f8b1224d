"""The walks of a render over its nodes look at the clock at every node: the work between two
deadline checks is bounded by a count, not by the size of the tree.

Before: a flex row of 49,000 spans of the same text (each span's style and line breaks
cached, so nothing per span looked at the clock) was parsed, built, converted for Taffy,
fitted and finished without a check in between: the 20 s timeout fired after 85 s (load 15).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from satori_py import LimitError, element, h, limits, render_svg
from satori_py.images import svg_geometry
from satori_py.layout import build, engine, flex_fit, taffy
from satori_py.paint import painter

SPANS = 300


def _counted(events: list[str], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def counting(*args: Any, **kwargs: Any) -> Any:
        events.append(name)
        return fn(*args, **kwargs)
    return counting


def test_no_walk_does_more_than_a_node_of_work_between_deadline_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    clock = limits._clock

    def checked() -> float:
        events.append("check")
        return clock()

    monkeypatch.setattr(limits, "_clock", checked)
    # One call per node in each walk: parsing, building, Taffy's input and output, flex
    # fitting, finishing and painting.
    for owner, name in ((element, "parse_element"), (build.TreeBuilder, "_element"), (taffy, "node_style"),
                        (taffy.taffylib, "node_get_layout"), (flex_fit.FlexFit, "_fit"), (engine.Layout, "_finish"),
                        (painter.Painter, "box")):
        monkeypatch.setattr(owner, name, _counted(events, name, getattr(owner, name)))
    card = h("div", {"style": {"display": "flex", "flexWrap": "wrap"}}, *[h("span", {}, "x") for _ in range(SPANS)])
    render_svg(card, width=100, height=100, emoji=None)
    walks = {name for name in events if name != "check"}
    assert len(walks) == 7
    runs: dict[str, int] = dict.fromkeys(walks, 0)
    since: dict[str, int] = dict.fromkeys(walks, 0)
    for event in events:
        if event == "check":
            since = dict.fromkeys(walks, 0)
        else:
            since[event] += 1
            runs[event] = max(runs[event], since[event])
    assert all(count >= SPANS for count in map(events.count, walks))  # each walk met every span
    assert max(runs.values()) <= 2, runs



def test_long_path_data_is_followed_within_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    # A user SVG's path data is followed in Python (its bounds, for the raster checks). Before: a
    # path of 3 million relative commands (15 MB, under max_image_bytes) with Limits(timeout=5)
    # took 7.9 s of CPU, the deadline noticed only after it.
    looked: list[str | None] = []

    def late(path: str | None = None) -> None:
        looked.append(path)
        if len(looked) == 2:
            raise LimitError("late", limit="timeout")

    monkeypatch.setattr(svg_geometry, "check_deadline", late)
    svg = ("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><path d='M0 0" + " l1 1" * 100_000
           + "' stroke='red'/></svg>")
    with pytest.raises(LimitError, match="late"):
        render_svg(h("div", {"style": {"display": "flex"}}, h("img", {"src": f"data:image/svg+xml;utf8,{svg}",
                                                                        "width": 10, "height": 10})),
                   width=20, height=20)
    assert len(looked) == 2  # at the first token, then after 65,536: not at the end of 300,003
