"""direction: rtl places children from the right, as the reference's engine does.

Expected boxes are the real Satori 0.63.2's (onNodeDetected, tests/tools/satori_boxes.mjs)
for the same elements.
"""
from __future__ import annotations

from .support import boxes, d


def _bar(width: float, **style: object) -> dict:
    return d({"width": width, "height": 20, **style})


def test_rtl_rows_columns_blocks_and_wrapped_lines_start_at_the_right() -> None:
    root = d({"display": "flex", "flexDirection": "column", "width": 400, "height": 300,
              "direction": "rtl", "padding": "10px 30px 10px 5px"},
             d({"display": "flex", "gap": 10, "paddingLeft": 20},
               _bar(50, marginLeft=7), _bar(60), d({"height": 20}, "ab")),
             d({"display": "flex", "justifyContent": "space-between"},
               _bar(50), _bar(60, marginLeft="auto")),
             _bar(100),
             d({"display": "flex", "flexDirection": "row-reverse"}, _bar(50), _bar(60)),
             d({"display": "block", "width": 300}, _bar(50), _bar(60, marginLeft=5)),
             d({"display": "flex", "flexWrap": "wrap", "width": 150}, _bar(50), _bar(60), _bar(70)))
    got = {p: (round(x, 1), round(y, 1)) for p, (x, y, _, _) in boxes(root).items()}
    assert [got[f"div/div[0]/div[{i}]"] for i in range(3)] == [(355, 10), (278, 10), (249, 10)]
    assert [got[f"div/div[1]/div[{i}]"] for i in range(2)] == [(355, 30), (295, 30)]
    assert got["div/div[2]"] == (305, 50)
    assert [got[f"div/div[3]/div[{i}]"] for i in range(2)] == [(5, 70), (55, 70)]
    assert [got[f"div/div[4]/div[{i}]"] for i in range(2)] == [(355, 90), (345, 110)]
    assert [got[f"div/div[5]/div[{i}]"] for i in range(3)] == [(355, 130), (295, 130), (335, 150)]


def test_rtl_keeps_physical_insets_and_mirrors_grid_columns() -> None:
    root = d({"display": "flex", "flexDirection": "column", "width": 400, "height": 300,
              "direction": "rtl", "position": "relative"},
             d({"position": "absolute", "width": 30, "height": 30}),
             d({"position": "absolute", "left": 10, "width": 30, "height": 30}),
             d({"position": "relative", "left": 10, "width": 30, "height": 30}),
             d({"display": "grid", "gridTemplateColumns": "50px 1fr 80px", "gap": 10},
               d({"height": 20}), d({"height": 20}), d({"height": 20, "width": 20}),
               d({"height": 20, "gridColumn": "span 2"})),
             d({"display": "flex", "direction": "ltr", "width": 100}, _bar(30), _bar(30)))
    got = {p: (round(x, 1), round(y, 1)) for p, (x, y, _, _) in boxes(root).items()}
    assert [got[f"div/div[{i}]"] for i in range(3)] == [(370, 0), (10, 0), (380, 0)]
    assert [got[f"div/div[3]/div[{i}]"] for i in range(4)] == [(350, 30), (90, 30), (60, 30), (90, 60)]
    assert [got[f"div/div[4]/div[{i}]"] for i in range(2)] == [(300, 80), (330, 80)]
