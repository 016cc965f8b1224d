"""Transforms: matrices of the functions, transform states, and how the painter applies them.

Expected matrices are the reference's (Satori 0.63.2 ``builder/transform.ts``,
checked with its output on the same inputs), e.g. ``rotate(40deg)`` of a
200x20 box at the origin is ``matrix(0.766044,0.642788,-0.642788,0.766044,29.823432,-61.939205)``.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.paint.transform import (
    IDENTITY,
    ROOT_STATE,
    TransformState,
    depth,
    is_back_facing,
    matrix_of,
    relative_matrix,
    resolve_state,
    svg_matrix,
)
from satori_py.style.types import Percent, TransformFunction, TransformOrigin

NS = "{http://www.w3.org/2000/svg}"


def div(style: dict[str, Any], *children: Any) -> dict[str, Any]:
    props: dict[str, Any] = {"style": style}
    if children:
        props["children"] = list(children) if len(children) > 1 else children[0]
    return {"type": "div", "props": props}


def svg_of(element: dict[str, Any], width: int = 100, height: int = 100) -> ET.Element:
    return ET.fromstring(render_svg(element, width=width, height=height))


def fn(name: str, *args: Any) -> TransformFunction:
    return TransformFunction(name, tuple(args))


def state(functions: list[TransformFunction], box: tuple[float, float, float, float] = (0, 0, 100, 100),
          origin: TransformOrigin | None = None, parent: TransformState = ROOT_STATE,
          **kwargs: Any) -> TransformState:
    return resolve_state(functions, box, origin, parent, **kwargs)


def test_rotate_about_the_centre_matches_the_reference() -> None:
    assert svg_matrix(state([fn("rotate", 40.0)], (0, 0, 200, 20))) == \
        "matrix(0.766044,0.642788,-0.642788,0.766044,29.823432,-61.939205)"


@pytest.mark.parametrize("function, expected", [
    (fn("translate", 10.0, Percent(50)), "matrix(1,0,0,1,10,50)"),
    (fn("translateX", Percent(10)), "matrix(1,0,0,1,10,0)"),
    (fn("translateY", -5.0), "matrix(1,0,0,1,0,-5)"),
    (fn("scale", 2.0), "matrix(2,0,0,2,-50,-50)"),
    (fn("scale", 2.0, 0.5), "matrix(2,0,0,0.5,-50,25)"),
    (fn("scaleX", 0.5), "matrix(0.5,0,0,1,25,0)"),
    (fn("skewX", 45.0), "matrix(1,0,1,1,-50,0)"),
    (fn("matrix", 1.0, 0.2, 0.3, 1.0, 5.0, 5.0), "matrix(1,0.2,0.3,1,-10,-5)"),
    (fn("rotate", 0.0), None),
    (fn("translateZ", 20.0), None),  # no perspective: flattened away
])
def test_2d_functions(function: TransformFunction, expected: str | None) -> None:
    assert svg_matrix(state([function])) == expected


def test_functions_compose_left_to_right() -> None:
    # translate then scale: the translation is not scaled.
    assert svg_matrix(state([fn("translate", 10.0, 0.0), fn("scale", 2.0)])) == "matrix(2,0,0,2,-40,-50)"
    assert svg_matrix(state([fn("scale", 2.0), fn("translate", 10.0, 0.0)])) == "matrix(2,0,0,2,-30,-50)"


def test_origin_keywords_and_lengths() -> None:
    top_left = TransformOrigin(x_relative=0.0, y_relative=0.0)
    assert svg_matrix(state([fn("scale", 2.0)], origin=top_left)) == "matrix(2,0,0,2,0,0)"
    absolute = TransformOrigin(x_absolute=10.0, y_relative=100.0)
    assert svg_matrix(state([fn("scale", 2.0)], origin=absolute)) == "matrix(2,0,0,2,-10,-100)"


def test_child_state_multiplies_the_parent() -> None:
    parent = state([fn("translate", 10.0, 0.0)])
    child = state([fn("scale", 2.0)], (0, 0, 10, 10), TransformOrigin(x_relative=0.0, y_relative=0.0),
                  parent)
    assert svg_matrix(child) == "matrix(2,0,0,2,10,0)"


def test_perspective_is_approximated_at_the_centre() -> None:
    # translateZ towards the viewer with perspective: scaled about the perspective origin.
    parent = state([], perspective=100.0)
    child = state([fn("translateZ", 50.0)], (0, 0, 100, 100), None, parent)
    assert svg_matrix(child) == "matrix(2,0,0,2,-50,-50)"
    # The perspective() function does the same for the element itself.
    assert svg_matrix(state([fn("perspective", 100.0), fn("translateZ", 50.0)])) == "matrix(2,0,0,2,-50,-50)"
    # perspective(none) is the identity.
    assert svg_matrix(state([fn("perspective", math.inf), fn("translateZ", 50.0)])) is None


def test_behind_the_viewer_and_back_facing() -> None:
    parent = state([], perspective=100.0)
    assert state([fn("translateZ", 200.0)], (0, 0, 100, 100), None, parent).behind_viewer
    flipped = state([fn("rotateY", 180.0)])
    assert is_back_facing(flipped)
    assert not is_back_facing(state([fn("rotateY", 30.0)]))


def test_preserve_3d_children_share_the_space_and_have_depth() -> None:
    parent = state([], preserve3d=True)
    near = state([fn("translateZ", 20.0)], (0, 0, 100, 100), None, parent)
    far = state([fn("translateZ", -20.0)], (0, 0, 100, 100), None, parent)
    assert depth(near, 50, 50) == pytest.approx(20)
    assert depth(far, 50, 50) == pytest.approx(-20)


def test_matrix3d_and_rotate3d() -> None:
    values = [1.0, 0, 0, 0, 0, 1.0, 0, 0, 0, 0, 1.0, 0, 7.0, 8.0, 0, 1.0]
    assert matrix_of(fn("matrix3d", *values), 10, 10) == tuple(values)
    assert matrix_of(fn("rotate3d", 0.0, 0.0, 0.0, 45.0), 10, 10) == IDENTITY  # a zero axis


def test_relative_matrix_undoes_the_outer_transform() -> None:
    outer = state([fn("translate", 25.0, 0.0)])
    assert relative_matrix(outer, outer) is None
    inner = state([fn("translate", 5.0, 0.0)], (0, 0, 100, 100), None, outer)
    assert relative_matrix(outer, inner) == "matrix(1,0,0,1,5,0)"


def test_descendants_inherit_the_matrix() -> None:
    root = svg_of(div({"display": "flex", "transform": "rotate(90deg)", "width": 100, "height": 100,
                       "backgroundColor": "red"}, div({"width": 10, "height": 10, "backgroundColor": "blue"})))
    matrices = [el.get("transform") for el in root.iter() if el.get("fill") in ("red", "#00f")]
    assert len(matrices) == 2 and matrices[0] == matrices[1] == "matrix(0,1,-1,0,100,0)"


def test_individual_properties_apply_before_transform() -> None:
    svg = render_svg(div({"width": 100, "height": 100, "backgroundColor": "red", "translate": "10px",
                          "transform": "scale(2)"}), width=100, height=100)
    assert 'transform="matrix(2,0,0,2,-40,-50)"' in svg


def test_text_is_transformed_with_its_element() -> None:
    root = svg_of(div({"transform": "translateX(10px)", "fontSize": 20}, "Hi"))
    paths = [p for p in root.iter(f"{NS}path") if p.get("transform") == "matrix(1,0,0,1,10,0)"]
    assert paths


def test_backface_hidden_element_draws_nothing() -> None:
    svg = render_svg(div({"display": "flex"}, div({"width": 50, "height": 50, "backgroundColor": "red",
                                                   "transform": "rotateY(180deg)",
                                                   "backfaceVisibility": "hidden"})), width=100, height=100)
    assert "red" not in svg
