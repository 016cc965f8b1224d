"""Where Taffy 0.7 differs from the reference's Taffy: the boxes the reference gives.

Expected boxes are the real Satori 0.63.2's (its onNodeDetected boxes) for the same
trees with Geist: fit-content flex containers (its flexbox-fit-content patch), stale
children of block containers and min-content cache collisions (Taffy 0.7's cache).
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.layout.boxes import RenderBox

from .support import boxes, d, lay_out

TEXT = "This is a multiline text with hanging indent for the first line"


def test_flex_row_in_a_centered_column_fits_the_available_width() -> None:
    el = d({"width": 200, "height": 200, "display": "flex", "flexDirection": "column", "alignItems": "center",
            "justifyContent": "center", "fontSize": 20},
           # Its maxWidth (190 + 20 padding) is wider than the column: the column's width wins.
           d({"display": "flex", "maxWidth": 190, "textIndent": -20, "paddingLeft": 20}, TEXT),
           d({"display": "flex", "marginLeft": 30, "marginRight": 10}, "short"),
           d({"display": "flex", "flexDirection": "column", "alignItems": "center", "padding": 10},
             d({"display": "flex"}, "nested text that is long enough to wrap")))
    b = boxes(el, 200, 200)
    assert b["div/div[0]"] == (0, -14, 200, 104)
    assert b["div/div[1]"] == (86, 90, 48, 26)
    assert b["div/div[2]"] == (0, 116, 200, 98)
    assert b["div/div[2]/div[0]"] == (10, 126, 180, 78)


def test_flex_column_in_a_centered_row_fits_the_available_height() -> None:
    el = d({"width": 200, "height": 200, "display": "flex", "alignItems": "center"},
           d({"display": "flex", "flexDirection": "column"},
             *(d({"height": 100, "width": 10}) for _ in range(3))))
    b = boxes(el, 200, 200)
    assert b["div/div[0]"] == (0, 0, 10, 200)
    # Items with a fixed height have no automatic minimum size: they shrink.
    assert [b[f"div/div[0]/div[{i}]"] for i in range(3)] == [(0, 0, 10, 67), (0, 67, 10, 66), (0, 133, 10, 67)]


def test_column_in_a_centred_row_keeps_the_height_of_its_wrapped_row() -> None:
    # Satori's rects: the column is as tall as its row at its final width (6 lines) and is
    # centred at a negative offset; a first pass had the row one line high (wider).
    el = d({"display": "flex", "height": "100%", "alignItems": "center", "fontSize": 32},
           d({"display": "flex", "flexDirection": "column", "alignItems": "center"},
             d({"display": "flex"}, d({}, "Release notes"), d({}, "Faster builds for every design system"))))
    b = boxes(el, 300, 40)
    assert b["div/div[0]"] == (0, -85, 300, 210)
    assert b["div/div[0]/div[0]/div[0]"] == (0, -85, 126, 210)


def test_a_centred_block_is_fitted_in_its_room_before_rounding() -> None:
    # Satori's rects: the room is 454.3 px (rounded, 454); the line is 454.5 px. Wrapped in the
    # room the text measures as the room rounded up (455), and laid out again there it is one line.
    el = d({"display": "flex", "flexDirection": "column", "alignItems": "center", "width": 454.3, "padding": 32,
            "border": "2px solid black", "fontSize": 32},
           d({"display": "block"}, "Shipping a faster layout engine"))
    b = boxes(el, 600, 200)
    assert b["div"] == (0, 0, 522, 110)
    assert b["div/div[0]"] == (34, 34, 455, 42)


def _text_box(box: RenderBox, path: str) -> RenderBox | None:
    if box.path == path and box.paragraph is not None:
        return box
    for child in box.children:
        found = _text_box(child, path)
        if found is not None:
            return found
    return None


def test_block_children_get_their_final_width_after_baseline_sizing() -> None:
    el = d({"width": 600, "height": 100, "display": "flex", "flexDirection": "column"},
           d({"display": "flex", "flexDirection": "column"},
             d({"display": "flex", "gap": 10, "alignItems": "baseline", "marginLeft": -4, "fontSize": 32,
                "lineHeight": 1},
               d({"fontSize": 30}, "shape()", t="span"), d({}, "support for clip-path in Satori", t="span"))))
    result = lay_out(el, 600, 100)
    span = "div/div[0]/div[0]/span[1]"
    b = boxes(el, 600, 100)
    assert b[span] == (106, 0, 431, 32)
    # Taffy 0.7 left the span's paragraph at its min-content width (one word a line).
    text = _text_box(result.root, span + "/#inline") or _text_box(result.root, span)
    assert text is not None
    assert (text.node.box.width, text.node.box.height) == (431, 32)


def test_fixed_width_card_is_as_tall_as_its_content() -> None:
    caption = d({"display": "flex", "flexDirection": "column", "alignItems": "flex-start", "gap": 8, "marginTop": 8},
                d({"fontSize": 16, "lineHeight": 1.1}, "Blur"),
                d({"fontSize": 12, "lineHeight": 1.35, "wordBreak": "break-word"}, "blur(8px)"))
    el = d({"width": 600, "display": "flex", "flexDirection": "column"},
           d({"display": "flex", "justifyContent": "space-between"},
             # Its min-content width is its width (the 204px box): Taffy 0.7 measured its
             # height with the caption broken at every letter.
             d({"display": "flex", "flexDirection": "column", "width": 204},
               d({"display": "flex", "width": 204, "height": 126}), caption),
             d({"display": "flex", "flexDirection": "column"},
               d({"width": 150, "height": 20}), d({"fontSize": 12, "wordBreak": "break-word"}, "auto width"))))
    b = boxes(el, 600, 400)
    assert b["div/div[0]"] == (0, 0, 600, 176)
    assert b["div/div[0]/div[0]"] == (0, 0, 204, 176)
    assert b["div/div[0]/div[0]/div[1]/div[1]"] == (0, 160, 49, 16)
    assert b["div/div[0]/div[1]"] == (450, 0, 150, 176)
    assert b["div/div[0]/div[1]/div[1]"] == (450, 20, 150, 16)


def test_row_in_a_flex_start_column_shrinks_and_wraps_its_items() -> None:
    # The real Satori 0.63.2's boxes (satori-ref/boxes.mjs).
    b = {"border": "1px solid #767676", "padding": "1px 2px"}
    got = boxes(d({"display": "flex", "flexDirection": "column", "alignItems": "flex-start", "padding": 10,
                   "fontSize": 14},
                  d({"display": "flex", "gap": 8, "alignItems": "flex-start"},
                    d({**b, "width": 300, "height": 40}), d(b, "line one line two"))), 400, 100)
    assert got["div/div[0]"] == (10, 10, 380, 44)
    assert got["div/div[0]/div[0]"] == (10, 10, 273, 44)
    assert got["div/div[0]/div[1]"] == (291, 10, 99, 40)


def test_column_held_at_its_max_width_in_a_row_is_as_tall_as_its_wrapped_text() -> None:
    quote = "Everything you need to ship beautiful social cards in minutes."
    for align, top in (("center", 136), ("flex-start", 0)):
        el = d({"display": "flex", "width": 800, "height": 420, "alignItems": align},
               d({"display": "flex", "flexDirection": "column", "maxWidth": 500, "padding": 32},
                 d({"fontSize": 32}, quote)))
        b = boxes(el, 800, 420)
        assert b["div/div[0]"] == (0, top, 564, 148)  # two lines of 42px, and the padding
        assert b["div/div[0]/div[0]"] == (32, top + 32, 500, 84)
    # Shrunk below its maximum, it isn't held there.
    el = d({"display": "flex", "width": 400, "height": 300, "alignItems": "center"},
           d({"display": "flex", "flexDirection": "column", "maxWidth": 500}, d({"fontSize": 32}, quote)))
    assert boxes(el, 400, 300)["div/div[0]"][2] == 400


def test_baseline_aligned_items_share_their_first_baseline() -> None:
    # Satori's boxes: a 16px and a 14px line (Geist baselines 15 and 14).
    el = d({"display": "flex", "alignItems": "baseline"}, d({}, "d"), d({"fontSize": 14}, "Po"))
    b = boxes(el, 600, 315)
    assert b["div/div[0]"][1] == 0 and b["div/div[1]"][1] == 1
    # The first line counts, and an item with none sits on its bottom edge.
    el = d({"display": "flex", "alignItems": "baseline", "gap": 8},
           d({"fontSize": 16, "width": 160}, "wrapping text that is long enough to go onto two lines"),
           d({"fontSize": 48}, "Big"), d({"width": 10, "height": 10}))
    b = boxes(el, 600, 315)
    assert (b["div/div[0]"][1], b["div/div[1]"][1], b["div/div[2]"][1]) == (33, 0, 38)


def test_flex_row_in_a_content_sized_block_takes_at_most_the_room() -> None:
    """A flex-start item (a block) holding a flex row of text: the reference's fit-content
    patch caps the row at the item's room, so the text wraps (Satori's boxes)."""
    for align, left in (("flex-start", 0), ("center", 0)):
        el = d({"display": "flex", "flexDirection": "column", "alignItems": align, "width": 150},
               d({}, d({"display": "flex"}, "matters for your team")))
        b = boxes(el, 150, 100)
        assert b["div/div[0]"] == (left, 0, 150, 42)
        assert b["div/div[0]/div[0]"] == (left, 0, 150, 42)


TITLE = "Decentralised social graphs are finally usable: a field report from three months of building on Lens Protocol"


def test_a_block_sized_by_its_content_is_as_wide_as_its_lines_in_the_room() -> None:
    # Broken at the 680 px room, the widest line measures 689 with its trailing space (as in
    # Satori's text measure): the reference's block is 689 wide (layout/block_fit.py).
    title = {"fontSize": 48, "lineHeight": 1.375}
    for align, left in (("flex-start", 60), ("flex-end", 51)):
        el = d({"display": "flex", "flexDirection": "column", "alignItems": align, "width": 680, "padding": "0 60px"},
               d(title, TITLE))
        b = boxes(el, 800, 418)
        assert b["div/div[0]"] == (left, 0, 689, 264)
    # Absolutely positioned in a 680 px box; with insets its lines are broken narrower.
    el = d({"display": "flex", "position": "relative", "width": 680, "height": 400},
           d({**title, "position": "absolute", "left": 0, "top": 0}, TITLE))
    assert boxes(el, 800, 418)["div/div[0]"] == (0, 0, 689, 264)
    el = d({"display": "flex", "flexDirection": "column", "alignItems": "flex-start", "width": 680,
            "padding": "0 60px"}, d({**title, "padding": "0 16px", "boxSizing": "border-box"}, TITLE))
    assert boxes(el, 800, 418)["div/div[0]"] == (60, 0, 680, 264)


def test_a_row_is_asked_once_a_walk_whether_its_items_fill_it(monkeypatch: Any) -> None:
    # Every flex-grow item of a definite row asks whether the row's items fill it: the answer is
    # read from the row's items once a walk (n items read n x n boxes before).
    from satori_py.layout import fit_walk, flex_fit

    calls: list[int] = []

    def counted(row: Any) -> float:
        calls.append(len(row.children))
        return fit_walk.used_width(row)

    monkeypatch.setattr(flex_fit, "used_width", counted)
    items = [d({"display": "flex", "flexGrow": 1}, f"item {i}") for i in range(12)]
    el = d({"width": 600, "height": 100, "display": "flex", "flexDirection": "column", "fontSize": 14},
           d({"display": "flex", "width": 580}, *items))
    b = boxes(el, 600, 100)
    assert b["div/div[0]"][2] == 580 and b["div/div[0]/div[11]"][0] + b["div/div[0]/div[11]"][2] == 580
    walks = len(calls)  # one a walk (each pass's)
    assert 1 <= walks <= 3 and calls == [12] * walks


def test_a_row_sized_by_its_content_keeps_its_width_when_a_frozen_item_overflows_it() -> None:
    # The second item's minWidth of 100 % takes the whole row (as wide as both texts' max-content
    # widths, 382); the first shrinks to its longest word (57 wide, 5 lines) and is frozen there.
    # Taffy 0.7 then counted 57 for it in the row's width: 219 (Tailwind seed 18, card 70).
    el = d({"display": "flex"},
           d({"display": "flex"},
             d({}, "layouts time faster typed time"),
             d({"minWidth": "100%"}, "typed faster time with")))
    b = boxes(el, 1080, 1080)
    assert b["div/div[0]"] == (0, 0, 382, 105)
    assert b["div/div[0]/div[0]"] == (0, 0, 57, 105)
    assert b["div/div[0]/div[1]"] == (57, 0, 382, 105)


def test_a_centred_column_counts_the_baseline_shifts_of_its_row() -> None:
    # A column centred in a 78 px row holds a baseline-aligned row: the big "m" puts the text's
    # first baseline 49 px down, the row is 112 tall and the column with it (y = (78 - 112) / 2).
    # The column's minimum height was kept from the pass before the shift and capped it (83).
    el = d({"display": "flex", "height": "100%", "alignItems": "center"},
           d({"display": "flex", "flexDirection": "column"},
             d({"display": "flex", "alignItems": "baseline"},
               d({"fontSize": 64}, "m", t="span"), d({}, "the ĳssecafé perfce system", t="span"))))
    b = boxes(el, 150, 78)
    assert b["div/div[0]"] == (0, -17, 150, 112)
    assert b["div/div[0]/div[0]"] == (0, -17, 150, 112)


def test_a_row_sized_by_its_content_keeps_its_width_when_a_frozen_item_leaves_room() -> None:
    # A zero flex basis that doesn't shrink: the row is as wide as the text on one line (211),
    # the item as its longest word (82, 3 lines), frozen there. Taffy 0.7 then counted 82 for
    # it in the row's width (the layout-families generator, flexBasis family).
    el = d({"display": "flex", "padding": 12},
           d({"display": "flex"}, d({"flexBasis": "0%", "flexShrink": 0}, "notes faster time community")))
    b = boxes(el, 600, 200)
    assert b["div/div[0]"] == (12, 12, 211, 63)
    assert b["div/div[0]/div[0]"] == (12, 12, 82, 63)


def test_a_wrap_row_on_two_lines_is_as_tall_as_its_lines() -> None:
    # The quote mark (10 wide, frozen at its min-content width) and a text too long for the row
    # beside it: two flex lines, 60 and 120 tall (the text wraps at 540). Summed across lines, the
    # items seemed to overflow the row, whose width then became its minimum: Taffy 0.7's cache
    # gave it the height of its min-content layout, 360 (cards19's kindle-highlight, strangers 5).
    el = d({"display": "flex"},
           d({"display": "flex", "flexWrap": "wrap", "fontSize": 46},
             d({}, "\u2018", t="span"), d({}, "you to speak first and last", t="span")))
    b = boxes(el, 540, 400)
    assert b["div/div[0]"] == (0, 0, 540, 180)
    assert b["div/div[0]/span[0]"] == (0, 0, 10, 60)
    assert b["div/div[0]/span[1]"] == (0, 60, 540, 120)


def test_a_shrunk_column_over_a_stretched_row_is_as_tall_as_its_wrapped_title() -> None:
    # The title on one line is wider than the canvas: the root row shrinks the column to 1500 and
    # the title wraps in 2 lines (176). The stretched row under it, its "s" frozen and not filling
    # it, got its width as its minimum: the column's min-content width became 1500, and Taffy 0.7's
    # cache gave the column the height of its min-content layout, 373 (cards19's twitter-header).
    el = d({"display": "flex", "height": "100%", "alignItems": "center"},
           d({"display": "flex", "flexDirection": "column"},
             d({"fontSize": 68}, "Developertools for people who ship on Fridays and every day", t="span"),
             d({"display": "flex"}, d({}, "s", t="span"))))
    b = boxes(el, 1500, 500)
    assert b["div/div[0]"] == (0, 152, 1500, 197)
    assert b["div/div[0]/span[0]"] == (0, 152, 1500, 176)
    assert b["div/div[0]/div[1]"] == (0, 328, 1500, 21)


def test_a_row_in_a_block_keeps_its_items_on_one_line() -> None:
    # The block is as wide as "kø *" (29); the row in it holds "-c" (16) and "s" (9), which fit.
    # The row, its "s" frozen and not filling it, got its width as its minimum, and Taffy 0.7's
    # cache gave it its min-content layout: "-c" 9 wide, broken after the hyphen (cards19's
    # twitter-header, strangers 4).
    el = d({"display": "flex"},
           d({}, d({}, "kø *", t="span"), d({"display": "flex"}, d({}, "-c", t="span"), d({}, "s", t="span"))))
    b = boxes(el, 375, 125)
    assert b["div/div[0]"] == (0, 0, 29, 42)
    assert b["div/div[0]/div[1]/span[0]"] == (0, 21, 16, 21)
    assert b["div/div[0]/div[1]/span[1]"] == (16, 21, 9, 21)


def test_a_window_taller_than_its_room_holds_its_overflowing_column() -> None:
    # The long word makes the column 354 wide, past the window's 168 px room. The window is
    # taller than the 100 px canvas: it takes its items' minimum heights, the column's measured
    # in that room (its sentence wraps more there), as the reference's Taffy measures it: 132
    # high. Measured at the column's final width, it was 111 (tw19's shiki code window).
    code = d({"display": "flex", "flexDirection": "column"},
             d({"display": "flex"}, d({}, "const value = compute(alpha, beta); return value * 2;", t="span")),
             d({"display": "flex"}, d({}, "Pneumonoultramicroscopicsilicovolcanoconiosis", t="span")))
    window = d({"display": "flex", "flexDirection": "column", "alignItems": "flex-start", "width": 200,
                "padding": 16, "fontSize": 16},
               d({"width": 40, "height": 10, "flexShrink": 0, "marginBottom": 16}), code)
    b = boxes(d({"display": "flex", "width": "100%", "height": "100%", "alignItems": "center",
                 "justifyContent": "center"}, window), 400, 100)
    assert b["div/div[0]"] == (84, -16, 232, 132)
    assert b["div/div[0]/div[1]"] == (100, 26, 354, 84)


def test_an_item_with_an_auto_bottom_margin_is_not_baseline_aligned() -> None:
    # "Big" takes the line's free space in its bottom margin: only "small" and "mid" share a
    # baseline, at the top of the row (before: both moved 3 px down to "Big"'s baseline).
    el = d({"display": "flex", "padding": 20},
           d({"display": "flex", "alignItems": "baseline", "height": 120},
             d({"fontSize": 32, "marginBottom": "auto"}, "Big"),
             d({"padding": 14}, "small"),
             d({"fontSize": 24}, "mid")))
    b = boxes(el, 400, 200)
    assert b["div/div[0]/div[0]"] == (20, 20, 48, 42)
    assert b["div/div[0]/div[1]"] == (68, 20, 68, 49)
    assert b["div/div[0]/div[2]"] == (136, 25, 41, 31)


@pytest.mark.parametrize("item", [{"flexBasis": "50%"}, {"minWidth": "50%"}])
def test_a_row_at_its_max_content_width_is_as_tall_as_its_percentage_item_there(item: dict[str, Any]) -> None:
    # A row sized by its content is as wide as its items at max-content (a percentage flex basis
    # or minimum counts as auto there), then lays the percentage out against that width: the
    # item wraps to two lines. Taffy 0.7 answered the row's height from its max-content
    # measurement (the same width, one line): 21 instead of 42. The real Satori's boxes.
    if "flexBasis" in item:
        card = d({"display": "flex", "padding": 12},
                 d({"display": "flex"}, d(item, "notes faster time community"), d({"width": 88, "height": 20})))
        expected = {"div/div[0]": (12, 12, 299, 42), "div/div[0]/div[0]": (12, 12, 150, 42)}
    else:
        card = d({"display": "flex"},
                 d({"display": "flex"}, d({}, "layouts time faster typed time"), d(item, "typed faster time with")))
        expected = {"div/div[0]": (0, 0, 382, 42), "div/div[0]/div[1]": (191, 0, 191, 42)}
    laid = boxes(card, 600, 200)
    assert {path: laid[path] for path in expected} == expected


def test_a_growing_column_held_at_its_max_width_by_a_longer_word_is_as_tall_as_its_lines_there() -> None:
    # tw18's motion-audit og frame: ``flex: 1; maxWidth: 680px`` holding a 60px word wider than 680 and a
    # short paragraph. Its min-content width is clamped to 680, where Taffy 0.7's cache answered the
    # final measurement at 680 with the min-content layout's height (the paragraph broken at its space:
    # the column 136 high); the real Satori's column is 115 (golden
    # parity/growing-column-at-its-max-width-keeps-its-one-line-paragraph).
    el = d({"display": "flex", "width": "100%", "justifyContent": "space-between", "alignItems": "flex-end"},
           d({"display": "flex", "flexDirection": "column", "flex": "1 1 0%", "maxWidth": 680},
             d({"fontSize": 60, "margin": 0}, "Antidisestablishmentarianism", t="p"),
             d({"margin": "16px 0 0 0"}, "in a line", t="p")),
           d({"margin": 0}, "host.dev", t="p"))
    got = boxes(el, 1200, 630)
    assert got["div/div[0]"] == (0, 0, 680, 115)
    assert got["div/div[0]/p[1]"] == (0, 94, 680, 21)
    assert got["div/p[1]"] == (1137, 94, 63, 21)


def test_a_pill_with_a_smaller_min_width_at_its_min_content_in_a_wrap_row_is_as_tall_as_its_lines() -> None:
    # cards18's air-quality gauge (markup strangers 2): pills of ``minWidth: 110`` in a wrap row of a
    # ``flex: 1`` column that the first pill's long word widens past its 540 px room. That pill fills
    # the row at its min-content width, where Taffy 0.7's cache answered its final measurement with its
    # min-content layout's height (its sentence broken at every space: the wrap row 452 high, its lines
    # stretched); its given minimum hid that its content can't be narrower. The real Satori's boxes
    # (golden parity/pill-with-a-min-width-at-its-min-content-in-a-wrap-row).
    def pill(label: str, size: int, text: str) -> dict[str, Any]:
        return d({"display": "flex", "flexDirection": "column", "padding": "10px 16px", "border": "1px solid #fdba74",
                  "minWidth": 110}, d({"fontSize": size}, label), d({"fontSize": 24}, text))

    el = d({"display": "flex", "width": "100%", "height": "100%", "alignItems": "center", "padding": "20px 30px",
            "boxSizing": "border-box"},
           d({"display": "flex", "flexDirection": "column", "flex": 1},
             d({"display": "flex", "flexWrap": "wrap", "gap": 12},
               pill("Pneumonoultramicroscopicsilicovolcanoconiosis", 26,
                    "Air quality is fair today, with light winds from the west"),
               pill("PM2.5", 16, "12 µg"))))
    got = boxes(el, 600, 400)
    assert got["div/div[0]/div[0]"] == (30, 98, 609, 204)
    assert got["div/div[0]/div[0]/div[0]"] == (30, 98, 609, 118)
    assert got["div/div[0]/div[0]/div[1]"] == (30, 228, 144, 74)
    # Once its row is narrower than it, its given minimum counts again: it shrinks below its word.
    narrow = d({"display": "flex", "width": 300}, pill("Pneumonoultramicroscopicsilicovolcanoconiosis", 26, "fair"))
    assert boxes(narrow, 600, 400)["div/div[0]"][2] == 300


def test_a_column_sized_in_a_narrower_room_lays_its_rows_out_at_their_floor_there() -> None:
    # tw18's Spotify og route (560 px): an items-start column > a px-4 column > a row of a 60 px <img>
    # (120 x 60 source) and a column holding a 475 px line. The row is fit-content in the 528 px room,
    # at least its items' automatic minimum widths (the image's is 0: Taffy's for a leaf), so the px-4
    # column is 560 wide and the image shrinks to 45 x 60 (the real Satori's boxes). Counting the row's
    # min-content width (the image's 60) made the column 575 wide and kept the image 60 wide.
    png = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAHgAAAA8CAIAAAAiz+n/AAABFUlEQVR4nO3ZsY1DAQzDUFkz3LAZJ5"
           "v+NJcB0hgE4U7NA9hr/t6vyTPJTJpMnplM0mQmk+c7Mnn6P9LJqZ9UUTViVVSNWBVVY1asGq8qqkasiqpxK1aNVRVVI1ZF1YhVUT"
           "VmxarxqqJqxKqoGrEqqsasWDVeVVSNWBVVY1asGq8qqkasiqoRq3tYthSrxquKqhGre1juYXGpe1iW1D0sS6qoGrNi1XjVPSxLqq"
           "gasSqqxqxYNV5VVI1YFVVjVqwaryqqRqyKqhGre1i2FKvGq4qqEat7WO5hcal7WJbUPSxLqqgas2LVeNU9LEuqqBqxKqrGrFg1Xl"
           "VUjVgVVWNWrBqvKqpGrIqqEat7WLYUq8ariqoRqw9KwmoKRawqcwAAAABJRU5ErkJggg==")
    el = d({"display": "flex", "flexDirection": "column", "width": "100%", "height": "100%", "alignItems": "flex-start"},
           d({"display": "flex", "flexDirection": "column", "padding": "0 16px"},
             d({"display": "flex", "alignItems": "center"},
               d({}, t="img", src=png, width=60, height=60),
               d({"display": "flex", "flexDirection": "column", "marginLeft": 8}, d({"width": 475}, "Wait")))))
    got = boxes(el, 560, 100)
    assert got["div/div[0]"] == (0, 0, 560, 60)
    assert got["div/div[0]/div[0]"] == (16, 0, 528, 60)
    assert got["div/div[0]/div[0]/img[0]"] == (16, 0, 45, 60)
    assert got["div/div[0]/div[0]/div[1]"] == (69, 20, 475, 21)
