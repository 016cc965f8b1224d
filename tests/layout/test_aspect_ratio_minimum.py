"""The automatic minimum size of flex items with an aspect ratio (layout/flex_fit.py).

Expected boxes are the real Satori 0.63.2's (tests/tools/satori_boxes.mjs) for the same
rows: an item beside a nowrap text that overflows its 200px row.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.api import Pipeline

from .support import d


def boxes(element: dict[str, Any]) -> dict[str, tuple[float, float, float, float]]:
    """Border boxes by node path, from the whole pipeline (which sizes <svg> and <img>)."""
    pipeline = Pipeline(400, 300)
    out = {}
    stack = [pipeline.layout(pipeline.parse(element)).root]
    while stack:
        box = stack.pop()
        out[box.path] = (box.rect.x, box.rect.y, box.rect.width, box.rect.height)
        stack.extend(box.children)
    return out

TEXT = d({"whiteSpace": "nowrap"}, "a very long piece of text that will not wrap at all in here")


def _svg(**props: Any) -> dict[str, Any]:
    return {"type": "svg", "props": {**props, "children": [
        {"type": "circle", "props": {"cx": 12, "cy": 12, "r": 10, "fill": "red"}}]}}


@pytest.mark.parametrize(("item", "size"), [
    (_svg(width=24, height=24, viewBox="0 0 24 24"), (24, 24)),
    (_svg(width=40, height=20, viewBox="0 0 24 24"), (20, 20)),  # the height through the ratio
    (_svg(width=40, viewBox="0 0 24 24"), (40, 40)),
    (_svg(width=40, height=40), (40, 40)),
    (_svg(width=24, height=24, viewBox="0 0 24 24", style={"minWidth": 0}), (0, 24)),
    (_svg(width=24, height=24, viewBox="0 0 24 24", style={"overflow": "hidden"}), (0, 24)),
    (d({"width": 40, "height": 40, "aspectRatio": 1}), (40, 40)),
    (d({"width": 40, "height": 40}), (0, 40)),
])
def test_an_item_with_an_aspect_ratio_keeps_its_transferred_minimum(item: dict[str, Any],
                                                                   size: tuple[float, float]) -> None:
    got = boxes(d({"display": "flex", "width": 200}, item, TEXT))
    assert got["div/" + ("svg[0]" if item["type"] == "svg" else "div[0]")][2:] == size


def test_in_a_column_the_minimum_is_a_height() -> None:
    got = boxes(d({"display": "flex", "flexDirection": "column", "height": 30},
                  _svg(width=24, height=24, viewBox="0 0 24 24"), d({"height": 50})))
    assert got["div/svg[0]"][2:] == (24, 24) and got["div/div[1]"][3] == 6


# Satori's boxes for a 200 x 100 column holding a 16:9 item with text and a 50 px high one.
@pytest.mark.parametrize(("item", "size", "below"), [
    # A percentage of a definite width: the 16:9 box keeps 200 x 113 and the other item shrinks
    # to 0 (Taffy 0.7 gave the box a minimum of 0 and shrank both: 200 x 69).
    ({"width": "100%"}, (200, 113), 0),
    ({"width": "50%"}, (100, 56), 44),
    # A maximum height still limits the width through the ratio (Taffy 0.7 does it).
    ({"width": "100%", "maxHeight": 45}, (80, 45), 50),
    # overflow: hidden makes its automatic minimum 0: both shrink.
    ({"width": "100%", "overflow": "hidden"}, (200, 69), 31),
])
def test_a_percentage_width_transfers_into_a_columns_item_minimum(
        item: dict[str, Any], size: tuple[float, float], below: float) -> None:
    got = boxes(d({"display": "flex", "flexDirection": "column", "width": 200, "height": 100},
                  d({"display": "flex", "aspectRatio": 16 / 9, **item}, "cover"), d({"height": 50})))
    assert got["div/div[0]"][2:] == size and got["div/div[1]"][3] == below


def test_a_percentage_height_transfers_into_a_rows_item_minimum() -> None:
    got = boxes(d({"display": "flex", "width": 200, "height": 40},
                  d({"height": "100%", "aspectRatio": 1}, "AB"), d({"width": 300})))
    assert got["div/div[0]"][2:] == (40, 40) and got["div/div[1]"][2] == 160


_PICTURE = ("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='96' height='48'>"
            "<rect width='96' height='48' fill='red'/></svg>")


@pytest.mark.parametrize(("row", "style", "picture"), [
    (142, {"height": 60}, (112, 60)),
    (142, {"height": 60, "width": 120}, (112, 60)),
    (130, {"height": 60}, (103, 60)),
])
def test_an_image_given_only_a_height_shrinks_as_one_given_both_sizes(
        row: float, style: dict[str, Any], picture: tuple[float, float]) -> None:
    """Decided: Satori's boxes, not a browser's. A 96x48 picture with only ``height: 60`` beside
    "t Dg" in a row too narrow for both: Satori gives it the width through its ratio (120) as a
    px width, the same as ``width: 120``, and shrinks it with the text (its automatic minimum is
    its content's, 0). A browser keeps it 120 wide (a replaced element's automatic minimum is
    its ratio size, for both forms) and shrinks only the text. Keeping the browser's for the
    height-only form alone would treat the two forms apart, and for both it would change every
    sized image in a tight row, which Satori's users lay out with Satori's rule (cards11's
    img-height-only-shrinks-in-row: 17-recipe with a stranger's avatar given only a height)."""
    got = boxes(d({"display": "flex", "width": row},
                  {"type": "img", "props": {"src": _PICTURE, "style": style}}, d({}, "t Dg")))
    assert got["div/img[0]"][2:] == picture
    assert got["div/div[1]"][0] == picture[0] and got["div/div[1]"][2] == row - picture[0]


@pytest.mark.parametrize(("content", "maximum", "height"), [
    ("growth", None, 276),  # its word: its minimum is its height (Taffy 0.7 shrank it to 264)
    (None, None, 264),  # nothing in it: no minimum, it shrinks in the reference too
    ("growth", 100, 200),  # its maxWidth holds the width at 100, the height through it at 200
])
def test_a_px_main_size_with_content_is_its_minimum_through_the_ratio(content: str | None, maximum: int | None,
                                                                        height: int) -> None:
    # The layouts family's ratio card 49: a column 410 px high inside, a ratio 0.5 box 276 px
    # high and a 292 x 146 box: 12 px too many. The real Satori's heights.
    style: dict[str, Any] = {"aspectRatio": 0.5, "height": 276, "maxWidth": 284 if maximum is None else maximum}
    first = d(style, content) if content is not None else d(style)
    card = d({"display": "flex", "width": "100%", "height": "100%", "padding": 40},
             d({"display": "flex", "flexDirection": "column", "alignItems": "baseline", "padding": 4},
               first, d({"aspectRatio": 2, "width": 292})))
    pipeline = Pipeline(800, 418)
    column = pipeline.layout(pipeline.parse(card)).root.children[0].children[0]
    assert [child.rect.height for child in column.children] == [height, 146]


def test_a_percentage_maximum_main_size_leaves_the_minimum_to_the_engine() -> None:
    # A 252 px wide ratio box with maxWidth 30 % (120 of 400) beside a nowrap text: the
    # automatic minimum is capped by the maximum (unknown when the item is built), so no
    # 252 px minimum is set: 120 wide, as in the real Satori (layout families ratio card 89).
    card = d({"display": "flex", "width": "100%", "height": "100%"},
             d({"aspectRatio": 2, "width": 252, "maxWidth": "30%"}, "pricing open"),
             d({"whiteSpace": "nowrap"}, "a long nowrap text beside it here"))
    pipeline = Pipeline(400, 200)
    row = pipeline.layout(pipeline.parse(card)).root.children[0]
    assert [child.rect.width for child in row.children] == [120, 239]


def _laid_out(element: dict[str, Any], width: float, height: float) -> dict[str, tuple[float, float, float, float]]:
    from . import support

    return support.boxes(element, width, height)


@pytest.mark.parametrize(("root", "items", "size", "expected"), [
    # an empty `aspect-[3/4] min-h-[52px]` in a row: its minimum height through the ratio is its
    # minimum width (it was 0 x 0)
    ({"display": "flex"}, [{"aspectRatio": 0.75, "minHeight": 52}], (200, 104), [(0, 0, 39, 52)]),
    # ... which it doesn't shrink below beside a wider sibling
    ({"display": "flex"}, [{"aspectRatio": 1.5, "minHeight": 36}, {"width": 76}], (67, 67),
     [(0, 0, 54, 36), (54, 0, 13, 36)]),
    # in a centred column, its minimum width through the ratio is its minimum height
    ({"display": "flex", "flexDirection": "column", "alignItems": "center"},
     [{"aspectRatio": 1, "minWidth": 144, "children": "s"}], (67, 67), [(-38, 0, 144, 144)]),
    # stretched in a row of definite height, its width from the ratio within its % maximum width
    ({"display": "flex", "height": 316}, [{"aspectRatio": 1, "maxWidth": "10%"}], (150, 78), [(0, 0, 15, 316)]),
    # empty and flexed in a column that doesn't stretch it: its width from its final height
    ({"display": "flex", "flexDirection": "column", "height": "100%", "alignItems": "flex-start"},
     [{"aspectRatio": 4 / 3, "flexGrow": 1}], (150, 78), [(0, 0, 104, 78)]),
    ({"display": "flex", "flexDirection": "column", "height": 348, "alignItems": "flex-end"},
     [{"aspectRatio": 16 / 9, "flexBasis": "100%"}], (200, 104), [(-418.67, 0, 618.67, 348)]),
])
def test_sizes_go_through_the_ratio(root: dict[str, Any], items: list[dict[str, Any]], size: tuple[int, int],
                                     expected: list[tuple[float, ...]]) -> None:
    """A flex item with an aspect ratio and no size of its own takes its size and limits in one
    axis through the ratio into the other, as the reference's Taffy does (boxes from the real Satori's
    SVG for these trees; layout/aspect_fit.py drops the ratio that Taffy 0.7 would apply)."""
    kids = [d({k: v for k, v in item.items() if k != "children"}, item["children"]) if "children" in item
            else d(item) for item in items]
    got = _laid_out(d(root, *kids), *size)
    for index, rect in enumerate(expected):
        assert got[f"div/div[{index}]"] == pytest.approx(rect, abs=0.5), index
