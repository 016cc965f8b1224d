"""Layout differences found in public Tailwind designs, minimised (golden/tailwind has the designs).

Expected boxes are the real Satori 0.63.2's (tests/tools/satori_boxes.mjs) for the same trees.
"""
from __future__ import annotations

from typing import Any

from .support import boxes, d

FLEX = {"display": "flex"}
COLUMN_WRAP = {"display": "flex", "flexDirection": "column", "flexWrap": "wrap"}
SPANS = (d({}, "victor.sawthat.band", t="span"), d({}, "Victor saw that band", t="span"))


def test_text_wrapping_in_a_percentage_width_makes_its_row_item_taller() -> None:
    # frames.js stats: the w-1/3 box is 45 wide, its text two lines; the row item holding it (134,
    # its max-content width) is as tall (Taffy 0.7 answered from its max-content measurement: 21).
    got = boxes(d({}, d(FLEX, d({}, d({}, d({"width": "33.333333%"}, d({}, "Weekly Allowance", t="span"))))),
                  d({"paddingTop": 8, "paddingBottom": 8})), 1146, 600)
    assert got["div/div[0]/div[0]"] == (0, 0, 134, 42)
    assert got["div/div[0]/div[0]/div[0]/div[0]"] == (0, 0, 45, 42)
    assert got["div/div[1]"] == (0, 42, 1146, 16)


def _in_row(column: dict[str, Any], *siblings: Any) -> dict[str, Any]:
    return d({}, d(FLEX, d(column, *SPANS), *siblings))


def test_a_wrapping_column_in_a_row_of_a_block_keeps_one_line() -> None:
    got = boxes(_in_row(COLUMN_WRAP), 1200, 630)
    assert got["div/div[0]/div[0]"] == (0, 0, 152, 42)
    assert got["div/div[0]/div[0]/span[1]"] == (0, 21, 152, 21)
    # A taller line, and a packed line in a column as wide as its items.
    tall = d({"width": 16, "height": 80})
    for column in (COLUMN_WRAP, {**COLUMN_WRAP, "alignContent": "flex-start"}):
        got = boxes(_in_row(column, tall), 1200, 630)
        assert got["div/div[0]/div[0]"] == (0, 0, 152, 80)
        assert got["div/div[0]/div[1]"] == (152, 0, 16, 80)
    got = boxes(_in_row({**COLUMN_WRAP, "alignContent": "flex-start", "width": 384}, tall), 1200, 630)
    assert got["div/div[0]/div[0]/span[1]"] == (0, 21, 152, 21)
    # Through two rows (the reference then makes the column itself 192 wide, wider than its
    # 152px row: not matched).
    got = boxes(d({}, d(FLEX, d(FLEX, d(COLUMN_WRAP, *SPANS)))), 1200, 630)
    assert got["div/div[0]/div[0]"] == (0, 0, 152, 42)


def test_a_wrapping_column_in_a_row_of_definite_height_still_wraps() -> None:
    got = boxes(d({}, d({**FLEX, "height": 32}, d(COLUMN_WRAP, *SPANS))), 1200, 630)
    assert got["div/div[0]/div[0]"] == (0, 0, 296, 32)
    assert got["div/div[0]/div[0]/span[1]"] == (144, 0, 152, 21)


def test_a_percentage_width_item_with_a_ratio_keeps_its_ratio_height_in_a_column() -> None:
    # The w-5/6 picture of a blog post og, as a box with a ratio: its flex basis and automatic
    # minimum are its width through the ratio (Taffy 0.7 shrank it to 0).
    column = {"display": "flex", "flexDirection": "column", "width": 256, "height": 80}
    got = boxes(d(column, d({"marginTop": 16, "marginBottom": 16}, "by Acme, a line of text", t="p"),
                  d({"width": "50%", "aspectRatio": 16 / 9})), 600, 400)
    assert got["div/div[1]"] == (0, 53, 128, 72)



def test_a_wrapping_column_at_its_min_content_width_is_one_line() -> None:
    # sawthat.band's title block: its row leaves it less room than its min-content width (its
    # spans side by side, each a line of its own: 613), so it is that wide, and its spans fit in
    # one line there. Taffy 0.7 answered its layout at 613 from the min-content layout (two
    # lines: as tall as the row allows, 422). (The reference sizes the row with that two-line
    # height, 454, where ours is 306; centred, the column is at the same place.)
    p = d({**COLUMN_WRAP, "marginTop": 16, "marginBottom": 16},
          d({"fontSize": 32, "marginBottom": 24}, "victor.sawthat.band", t="span"),
          d({"fontSize": 110, "lineHeight": "90px"}, "Victor saw that band", t="span"))
    row = d({**FLEX, "alignItems": "center", "paddingRight": 300},
            d({"width": 352, "height": 306, "flexShrink": 0}), p)
    got = boxes(d({"display": "flex", "flexDirection": "column", "justifyContent": "center", "width": 1200,
                   "height": 630, "padding": 88, "boxSizing": "border-box"}, row), 1200, 630)
    assert got["div/div[0]/div[1]"] == (440, 192, 613, 246)
    assert got["div/div[0]/div[1]/span[1]"] == (440, 258, 613, 180)


def test_a_full_width_paragraph_held_at_its_px_maximum_in_a_column_of_content_width() -> None:
    # Tailwind's "w-full max-w-xs" paragraph under a heading in a column sized by its content
    # (tw17's farrel card): 100 % of the column (516) is clamped to 320, where it wraps to two
    # lines. Taffy 0.7 measured its height at 516 wide (one line): the column was 28 px short.
    card = d({"display": "flex", "width": "100%", "height": "100%", "alignItems": "center",
              "justifyContent": "space-between"},
             d({"display": "flex", "flexDirection": "column", "paddingLeft": 40},
               d({"fontSize": 32}, "wheobodywatching the word count", t="h2"),
               d({"width": "100%", "maxWidth": 320, "fontSize": 18, "lineHeight": "28px"},
                 "into reality. Together, lets App that's scale.", t="p")))
    got = boxes(card, 600, 315)
    assert got["div/div[0]"] == (0, 64, 556, 187)
    assert got["div/div[0]/h2[0]"] == (40, 91, 516, 42)
    assert got["div/div[0]/p[1]"] == (40, 177, 320, 56)
