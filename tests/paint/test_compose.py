"""The lean-output combinators: when an effect moves onto a node and when it needs a <g>,
and that every such move draws the same pixels in resvg as the nested <g> it replaces."""
from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py.paint.compose import (
    _REFERENCE,
    _add_references,
    _bare,
    _real,
    clipped,
    faded,
    flatten,
    transformed,
    unused_defs_removed,
    wrap,
)
from satori_py.svg import SvgNode, serialize

RECT = SvgNode("rect", {"x": 10, "y": 10, "width": 60, "height": 40, "fill": "#2563eb"})


def attrs_of(nodes: list[SvgNode]) -> list[tuple[str, dict[str, object]]]:
    return [(n.tag, {k: v for k, v in n.attrs.items() if v is not None}) for n in nodes]


def test_plain_groups_are_spliced() -> None:
    inner = SvgNode("g", {}, [RECT, SvgNode("g", {"id": None}, [RECT])])
    assert flatten([inner, RECT]) == [RECT, RECT, RECT]
    # A <g> with attributes stays.
    kept = SvgNode("g", {"opacity": 0.5}, [RECT])
    assert flatten([kept]) == [kept]


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "opacity", "clip-path", "mask"]),
                       st.none() | st.text(max_size=3) | st.integers() | st.floats(allow_nan=True)))
def test_bare_is_no_real_attribute(attrs: dict[str, str | int | float | None]) -> None:
    """flatten's check (no dict made per <g>) says what _real's emptiness said."""
    assert _bare(attrs) is (not _real(attrs))


def test_no_attributes_no_wrapper() -> None:
    assert wrap([RECT], {"clip-path": None}) == [RECT]
    assert wrap([], {"clip-path": "url(#c)"}) == []


def test_a_single_shape_takes_the_effects() -> None:
    (node,) = clipped([RECT], "c", "m")
    assert node.tag == "rect" and node.attrs["clip-path"] == "url(#c)" and node.attrs["mask"] == "url(#m)"


def test_several_nodes_share_one_group() -> None:
    (node,) = clipped([RECT, RECT], "c", None)
    assert node.tag == "g" and node.attrs == {"clip-path": "url(#c)"} and len(node.children) == 2


def test_a_clip_cannot_move_onto_a_transformed_node() -> None:
    moved = transformed([RECT], "matrix(1,0,0,1,5,0)")
    (node,) = clipped(moved, "c", None)
    assert node.tag == "g" and node.children[0].attrs["transform"] == "matrix(1,0,0,1,5,0)"


def test_a_transform_moves_onto_a_clipped_node() -> None:
    # The clip is resolved in the node's user space, which its transform sets up: the same
    # space as inside a transformed <g>.
    (node,) = transformed(clipped([RECT], "c", None), "matrix(1,0,0,1,5,0)")
    assert attrs_of([node])[0][1].keys() >= {"clip-path", "transform"} and node.tag == "rect"


def test_effects_move_only_outward_in_svg_order() -> None:
    filtered = SvgNode("g", {"filter": "url(#f)"}, [RECT, RECT])
    # filter, then clip: a clip around a filtered group can join it...
    (joined,) = clipped([filtered], "c", None)
    assert joined.tag == "g" and joined.attrs == {"filter": "url(#f)", "clip-path": "url(#c)"}
    # ...but a filter around a clipped group cannot (it would filter before clipping).
    (outer,) = wrap([SvgNode("g", {"clip-path": "url(#c)"}, [RECT, RECT])], {"filter": "url(#f)"})
    assert outer.attrs == {"filter": "url(#f)"} and outer.children[0].attrs == {"clip-path": "url(#c)"}


def test_opacity_is_fill_opacity_on_a_plain_shape_only() -> None:
    (node,) = faded([RECT], 0.5)
    assert node.attrs["fill-opacity"] == 0.5
    stroked = SvgNode("rect", {**RECT.attrs, "stroke": "#000"})
    (node,) = faded([stroked], 0.5)
    assert node.tag == "rect" and node.attrs["opacity"] == 0.5
    # resvg anti-aliases a clipped paint server's fill-opacity differently from group opacity.
    patterned = SvgNode("rect", {**RECT.attrs, "fill": "url(#p)", "clip-path": "url(#c)"})
    (node,) = faded([patterned], 0.5)
    assert "fill-opacity" not in node.attrs and node.attrs["opacity"] == 0.5


def test_unused_definitions_are_dropped_with_what_only_they_use() -> None:
    defs = [SvgNode("clipPath", {"id": "a", "clip-path": "url(#b)"}), SvgNode("clipPath", {"id": "b"}),
            SvgNode("mask", {"id": "unused", "mask": "url(#c)"}), SvgNode("mask", {"id": "c"}),
            SvgNode("linearGradient", {"id": "g"}), SvgNode("pattern", {"id": "p"}, [
                SvgNode("rect", {"fill": "url(#g)"})]), SvgNode("style", {})]
    body = [SvgNode("rect", {"clip-path": "url(#a)", "fill": "url(#p)"})]
    kept = [d.attrs.get("id") for d in unused_defs_removed(defs, body)]
    assert kept == ["a", "b", "g", "p", None]


# -- the moves draw the same pixels as the nesting they replace -------------------------------

DEFS = ('<defs><clipPath id="c"><circle cx="40" cy="30" r="28"/></clipPath>'
        '<mask id="m"><rect x="0" y="0" width="100" height="100" fill="#fff"/>'
        '<rect x="30" y="0" width="20" height="100" fill="#333"/></mask>'
        '<filter id="f" x="-20" y="-20" width="140" height="140" filterUnits="userSpaceOnUse">'
        '<feGaussianBlur stdDeviation="2"/></filter>'
        '<linearGradient id="lg"><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/>'
        '</linearGradient></defs>')

SHAPES = [
    RECT,
    SvgNode("rect", {**RECT.attrs, "fill": "url(#lg)"}),
    SvgNode("path", {"d": "M10 10L70 20L40 60Z", "fill": "#16a34a", "transform": "rotate(10 40 30)"}),
    SvgNode("rect", {**RECT.attrs, "clip-path": "url(#c)"}),
    SvgNode("g", {"filter": "url(#f)"}, [RECT, SvgNode("circle", {"cx": 60, "cy": 50, "r": 15, "fill": "#f59e0b"})]),
]
WRAPPERS = [
    {"clip-path": "url(#c)"},
    {"mask": "url(#m)"},
    {"clip-path": "url(#c)", "mask": "url(#m)"},
    {"opacity": 0.6},
    {"filter": "url(#f)"},
    {"transform": "matrix(0.9,0.2,-0.2,0.9,12,-4)"},
    {"style": "mix-blend-mode:multiply"},
]


def _pixels(body: str) -> bytes:
    resvg_bridge = pytest.importorskip("resvg_bridge")
    image = pytest.importorskip("PIL.Image")
    svg = (f'<svg width="100" height="100" viewBox="0 0 100 100" xmlns="http://www.w3.org/2000/svg">{DEFS}'
           f'<rect width="100" height="100" fill="#fef3c7"/>{body}</svg>')
    return bytes(image.open(io.BytesIO(resvg_bridge.svg_to_png(svg))).convert("RGBA").tobytes())


@pytest.mark.parametrize("outer", WRAPPERS, ids=lambda a: ",".join(a))
@pytest.mark.parametrize("inner", range(len(SHAPES)))
def test_a_merged_node_draws_like_the_nested_group(inner: int, outer: dict[str, str]) -> None:
    node = SHAPES[inner]
    nested = serialize(SvgNode("g", dict(outer), [node]))
    lean = "".join(serialize(n) for n in wrap([node], outer))
    assert _pixels(lean) == _pixels(nested), lean


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["#", "url(", "url(#", ")", "a", "fff", "bg-1", "\n", " ", "(", "x#y"]),
                max_size=8).map("".join))
def test_the_references_found_without_the_pattern_are_the_patterns(value: str) -> None:
    used: set[str] = set()
    _add_references([SvgNode("rect", {"fill": value, "d": value})], used)
    assert used == {m.group(1) or m.group(2) for m in _REFERENCE.finditer(value)}
