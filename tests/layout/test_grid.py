"""Grid: the parsers of parser/grid.ts, item placement, and boxes the reference lays out."""
from __future__ import annotations

import pytest

from satori_py.errors import StyleError
from satori_py.style.grid_parse import (
    Area,
    Fr,
    GridLine,
    Repeat,
    TrackSize,
    parse_auto_flow,
    parse_line,
    parse_template_areas,
    parse_track_list,
)
from satori_py.layout.grid_place import place_items
from satori_py.style.grid_shorthands import expand_grid_shorthands
from satori_py.style.types import Percent

from .support import boxes, d


def px(text: str) -> float | None:
    return float(text[:-2]) if text.endswith("px") else None


@pytest.mark.parametrize(("value", "tracks"), [
    ("100px 1fr", (TrackSize(100.0, 100.0), TrackSize("auto", Fr(1.0)))),
    ("minmax(20px, 2fr) 25%", (TrackSize(20.0, Fr(2.0)), TrackSize(Percent(25.0), Percent(25.0)))),
    ("repeat(2, 10px)", (Repeat(2, (TrackSize(10.0, 10.0),)),)),
    ("max-content auto", (TrackSize("max-content", "max-content"), TrackSize("auto", "auto"))),
])
def test_track_lists(value: str, tracks: tuple[object, ...]) -> None:
    parsed = parse_track_list(value, px, "gridTemplateColumns")
    assert parsed is not None and parsed.tracks == tracks


def test_line_names_are_kept_per_line() -> None:
    parsed = parse_track_list("[a] 10px [b c] 20px [d]", px, "gridTemplateColumns")
    assert parsed is not None and parsed.line_names == (("a",), ("b", "c"), ("d",))


@pytest.mark.parametrize("value", ["1fr minmax(1fr, 2px)", "repeat(0, 1px)",
                                   "repeat(auto-fill, 1px) repeat(auto-fit, 2px)", "[a 10px", "-5px"])
def test_invalid_track_lists_raise_the_reference_sentence(value: str) -> None:
    with pytest.raises(StyleError, match=r'^Invalid value for CSS property "gridTemplateColumns": '):
        parse_track_list(value, px, "gridTemplateColumns")


@pytest.mark.parametrize(("value", "line"), [
    ("2", GridLine("line", 2)), ("-1", GridLine("line", -1)), ("span 3", GridLine("span", 3)),
    ("a 2", GridLine("line", 2, "a")), ("span a", GridLine("span", 1, "a")), ("auto", None),
])
def test_lines(value: str, line: GridLine | None) -> None:
    assert parse_line(value, "gridRowStart") == line


@pytest.mark.parametrize("value", ["0", "span 0", "span", "a b", "span auto"])
def test_invalid_lines(value: str) -> None:
    with pytest.raises(StyleError):
        parse_line(value, "gridRowStart")


def test_areas_are_rectangles_with_lines_from_one() -> None:
    areas = parse_template_areas('"a a ." "b b c"')
    assert areas is not None and (areas.row_count, areas.column_count) == (2, 3)
    assert set(areas.areas) == {Area("a", 1, 2, 1, 3), Area("b", 2, 3, 1, 3), Area("c", 2, 3, 3, 4)}
    with pytest.raises(StyleError):
        parse_template_areas('"a b" "b a"')


def test_auto_flow() -> None:
    assert parse_auto_flow("dense column") == "column dense"
    with pytest.raises(StyleError):
        parse_auto_flow("row column")


def test_shorthands_expand_in_declaration_order() -> None:
    style = {"gridArea": "head", "gridRowEnd": "span 2", "gridTemplate": '"a b" 20px / 1fr 2fr',
             "grid": "auto-flow dense 30px / 1fr"}
    out = expand_grid_shorthands(style)
    assert out["gridRowStart"] == "head" and out["gridRowEnd"] == "span 2"
    assert out["gridColumnStart"] == out["gridColumnEnd"] == "head"
    assert out["gridTemplateColumns"] == "1fr" and out["gridAutoRows"] == "30px"
    assert out["gridAutoFlow"] == "row dense" and out["gridTemplateAreas"] == "none"


def _line(value: int) -> dict[str, int]:
    return {"kind": 1, "value": value}


AUTO = {"kind": 0, "value": 0}


def test_placement_of_an_item_locked_to_a_column_after_the_cursor() -> None:
    # Taffy 0.7 puts the third item one column too far right; the algorithm here doesn't.
    items = [({"start": AUTO, "end": AUTO}, {"start": _line(3), "end": _line(4)}),
             ({"start": AUTO, "end": AUTO}, {"start": _line(1), "end": _line(5)}),
             ({"start": AUTO, "end": AUTO}, {"start": _line(2), "end": _line(4)})]
    placed = place_items(items, 3, 0, "row")
    assert [(r.start, c.start, c.span) for r, c in placed] == [(0, 2, 1), (1, 0, 4), (2, 1, 2)]


def test_dense_flow_fills_holes() -> None:
    span2 = {"start": {"kind": 2, "value": 2}, "end": AUTO}
    one = {"start": AUTO, "end": AUTO}
    items = [(one, {"start": _line(2), "end": AUTO}), (one, span2), (one, one)]
    placed = place_items(items, 2, 0, "row dense")
    assert [(r.start, c.start) for r, c in placed] == [(0, 1), (1, 0), (0, 0)]


# Boxes of the real Satori 0.63.2 (onNodeDetected), for the same elements.

def test_template_areas_and_named_lines() -> None:
    el = d({"display": "grid", "gridTemplateAreas": '"head head head" "side main main" "foot foot foot"',
            "gridTemplateColumns": "80px 1fr 1fr", "gridTemplateRows": "40px 1fr 30px", "width": 400,
            "height": 300, "columnGap": 4},
           d({"gridArea": "head"}), d({"gridArea": "side"}), d({"gridArea": "main"}), d({"gridArea": "foot"}),
           d({"gridRowStart": "main-start", "gridColumnStart": "main", "width": 20, "height": 20}))
    b = boxes(el, 400, 300)
    assert b["div/div[0]"] == (0, 0, 400, 40)
    assert b["div/div[1]"] == (0, 40, 80, 230)
    assert b["div/div[2]"] == (84, 40, 316, 230)
    assert b["div/div[3]"] == (0, 270, 400, 30)
    assert b["div/div[4]"] == (84, 40, 20, 20)


def test_named_lines_and_spans_to_them() -> None:
    el = d({"width": 400},
           d({"display": "grid", "gridTemplateColumns": "[x] 40px [y] 40px [x] 40px [y]", "gridAutoRows": "12px"},
             d({"gridColumn": "x 2 / y 2"}), d({"gridColumn": "span x / y 3"}), d({"gridColumn": "y / span y"})))
    b = boxes(el, 400, 100)
    assert b["div/div[0]/div[0]"] == (80, 0, 40, 12)
    assert b["div/div[0]/div[1]"] == (0, 12, 400, 12)
    assert b["div/div[0]/div[2]"] == (40, 24, 80, 12)


def test_auto_fill_counts_with_the_final_width_of_a_stretched_item() -> None:
    el = d({"display": "flex", "flexDirection": "column", "width": 400},
           d({"display": "grid", "grid": "auto-flow 25px / repeat(auto-fill, minmax(60px, 1fr))", "gap": 5},
             *[d({}) for _ in range(7)]))
    b = boxes(el, 400, 300)
    assert b["div/div[0]"] == (0, 0, 400, 55)
    assert b["div/div[0]/div[1]"] == (68, 0, 62, 25)
    assert b["div/div[0]/div[6]"] == (0, 30, 63, 25)


def test_grid_in_a_block_container_grows_its_rows() -> None:
    # Taffy 0.7 gives block children a min-content available height; the reference's doesn't.
    el = d({"width": 400, "fontSize": 12},
           d({"display": "grid", "gridAutoRows": "minmax(30px, auto)", "gridTemplateColumns": "1fr 1fr"},
             d({}, "x"), d({"height": 50}, "y"), d({}, "z")),
           d({"display": "grid", "gridTemplateRows": "1fr 2fr"}, d({}, "x"), d({"height": 40}, "y")))
    b = boxes(el, 400, 300)
    assert b["div/div[0]"] == (0, 0, 400, 80)
    assert b["div/div[0]/div[2]"] == (0, 50, 200, 30)
    assert b["div/div[1]/div[0]"] == (0, 80, 400, 20)
    assert b["div/div[1]/div[1]"] == (0, 100, 400, 40)


def test_invalid_grid_values_raise_with_the_node_path_or_are_reported() -> None:
    from satori_py.api import render_svg

    el = d({"display": "flex"}, d({"display": "grid", "gridTemplateColumns": "1fr minmax(1fr, 2px)"}),
           d({"gridRowStart": "span 0"}))
    with pytest.raises(StyleError) as caught:
        render_svg(el, width=100, height=100)
    assert str(caught.value) == ('div/div[0]: Invalid value for CSS property "gridTemplateColumns": '
                                 '"1fr minmax(1fr, 2px)".')
    errors: list[Exception] = []
    render_svg(el, width=100, height=100, on_style_error=errors.append)
    assert [str(e) for e in errors] == [
        'div/div[0]: Invalid value for CSS property "gridTemplateColumns": "1fr minmax(1fr, 2px)".',
        'div/div[1]: Invalid value for CSS property "gridRowStart": "span 0".']


def test_a_percentage_height_grid_in_a_block_fills_it() -> None:
    """The 1fr row takes the free space of a grid whose height is 100% of a definite block
    (as the root of a card): Satori's boxes (tests/tools/satori_boxes.mjs)."""
    cells = [d({"gridArea": name}, name) for name in ("head", "side", "main", "foot")]
    grid = d({"display": "grid", "gridTemplateColumns": "140px 1fr", "gridTemplateRows": "auto 1fr auto",
              "gridTemplateAreas": '"head head" "side main" "side foot"', "gap": 8, "height": "100%"}, *cells)
    b = boxes(d({"width": "100%", "height": "100%"}, grid), 500, 320)
    assert b["div/div[0]"][3] == 320
    assert b["div/div[0]/div[1]"][1:] == (29, 140, 291)  # the sidebar spans rows 2 and 3
    assert b["div/div[0]/div[3]"][1] == 299  # the footer at the bottom


@pytest.mark.parametrize(("columns", "expected"), [
    # a w-full item in the 1fr column beside a 160px one: 224 wide, the column not widened
    ("160px 1fr", {"div/div[1]": (176, 0, 224, 21), "div/div[2]": (0, 37, 160, 39)}),
    # grid-cols-3 gap-4: each item as wide as its column, the long word's column grown to it
    ("repeat(3, 1fr)", {"div/div[1]": (104, 0, 36, 39), "div/div[2]": (156, 0, 375, 39)}),
    ("1fr 1fr", {"div/div[1]": (391, 0, 36, 21), "div/div[2]": (0, 37, 375, 39)}),
])
def test_a_full_width_item_counts_its_content_in_its_column(columns: str,
                                                           expected: dict[str, tuple[float, ...]]) -> None:
    """A grid item's ``width: 100%`` is its area's width, and its columns are sized by its content
    (as an automatic width), not by 100 % of the grid's width (Taffy 0.7 widened the column to
    the grid's 400). Boxes read from the real Satori's SVG for these trees."""
    grid = d({"display": "grid", "gridTemplateColumns": columns, "gap": 16, "width": 400},
             d({"width": 88, "height": 20}), d({"width": "100%"}, "hello"),
             d({"width": "100%", "fontSize": 30}, "Pneumonoultramicroscopic"))
    got = boxes(grid, 400, 200)
    for path, rect in expected.items():
        assert got[path] == pytest.approx(rect), path


@pytest.mark.parametrize(("columns", "items", "grid", "expected"), [
    # w-1/2 and w-4/5 in 1fr 2fr, a w-full px-2 (content box) one overflowing its column
    ("1fr 2fr", [({"width": "50%"}, None), ({"width": "80%"}, "abc def"),
                 ({"width": "100%", "padding": "0 8px"}, None)], {},
     [(16, 16, 60, 30), (144, 16, 192, 30), (16, 54, 136, 30)]),
    # a long word's column grows to it; the percentages are of the columns left (0 wide)
    ("repeat(3, 1fr)", [({"width": "50%"}, None), ({"width": "80%"}, None),
                        ({"fontSize": 30}, "Pneumonoultramicroscopic")], {},
     [(16, 16, 0, 30), (24, 16, 0, 30), (32, 16, 375, 30)]),
    # auto columns sized by the items' text, the fr one by what is left
    ("auto 1fr auto", [({"width": "50%"}, "label text"), ({"width": "80%"}, "middle bit"), ({}, "end")], {},
     [(16, 16, 35, 30), (93, 16, 204, 30), (356, 16, 28, 30)]),
    # centred in their areas; one spanning both columns
    ("120px 1fr", [({"width": "50%"}, None), ({"width": "80%", "marginLeft": 10}, None),
                   ({"gridColumn": "1 / -1", "width": "40%"}, None)],
     {"justifyItems": "center"}, [(46, 16, 60, 30), (173, 16, 192, 30), (126, 54, 148, 30)]),
])
def test_percentage_widths_are_of_the_grid_area(columns: str, items: list[tuple[dict[str, object], str | None]],
                                                grid: dict[str, object],
                                                expected: list[tuple[float, ...]]) -> None:
    """A grid item's percentage width is of its grid area, and its column is sized by its
    content, as for an automatic width (Taffy 0.7 counted the percentage of the grid's width in
    the column). Boxes read from the real Satori's SVG for these trees."""
    kids = [d({"height": 30, **style}, text) if text else d({"height": 30, **style}) for style, text in items]
    el = d({"display": "flex", "flexDirection": "column", "width": "100%", "height": "100%", "padding": 16,
            "boxSizing": "border-box"},
           d({"display": "grid", "gridTemplateColumns": columns, "gap": 8, **grid}, *kids))
    got = boxes(el, 400, 200)
    for index, rect in enumerate(expected):
        assert got[f"div/div[0]/div[{index}]"] == pytest.approx(rect), index


@pytest.mark.parametrize(("grid", "text", "expected"), [
    # rows of automatic height sharing a 200px grid's free space
    ({"height": 200}, "b", [(16, 16, 278, 94), (306, 16, 278, 94), (16, 122, 278, 94)]),
    # rows as tall as their content: the wrapping text's row and a one-line one
    ({}, "b long text that wraps maybe more more more more more",
     [(16, 16, 278, 42), (306, 16, 278, 42), (16, 70, 278, 21)]),
])
def test_a_full_height_item_fills_its_row(grid: dict[str, object], text: str,
                                          expected: list[tuple[float, ...]]) -> None:
    """A grid item's ``height: 100%`` (``h-full``) is its grid area's height, not the grid's
    (Taffy 0.7 made each item as tall as the grid, the rows growing with it). Boxes read from
    the real Satori's SVG for these trees."""
    el = d({"display": "flex", "flexDirection": "column", "width": "100%", "height": "100%", "padding": 16,
            "boxSizing": "border-box"},
           d({"display": "grid", "gridTemplateColumns": "repeat(2, 1fr)", "gap": 12, **grid},
             *[d({"height": "100%"}, t) for t in ("a", text, "c")]))
    got = boxes(el, 600, 300)
    for index, rect in enumerate(expected):
        assert got[f"div/div[0]/div[{index}]"] == pytest.approx(rect), index
