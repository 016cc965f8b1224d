"""No input may crash the process: the inputs that aborted or segfaulted it, run in a child.

Each of these killed the interpreter before (a Rust panic in stretchable that
aborted with ``free(): invalid pointer``, resvg overflowing the thread's stack);
now each renders or raises a SatoriError, and the child exits normally.
"""
from __future__ import annotations

import pytest

from satori_py import LimitError, render_png
from satori_py.errors import RenderError
from satori_py.layout.node_style import NodeStyle
from satori_py.layout.taffy import LayoutNode, compute_layout

from .support import assert_survives

NESTED = '''
def nested(depth, style, leaf="x"):
    node = leaf
    for _ in range(depth):
        node = {"type": "div", "props": {"style": {"display": "flex", **style}, "children": node}}
    return node
'''


def test_an_svg_sized_min_content_renders_instead_of_aborting() -> None:
    # stretchable panicked on "unsupported dimension 3" and the process aborted.
    assert_survives('''
        svg = render_svg(h("div", {"style": {"display": "flex"}},
                           {"type": "svg", "props": {"height": "min-content", "width": 10}}), width=100, height=100)
        print(svg.startswith("<svg"))
        ''', expected="True")


def test_an_img_sized_min_content_renders_instead_of_aborting() -> None:
    assert_survives('''
        src = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"
        png = render_png(h("div", {"style": {"display": "flex"}},
                           h("img", {"src": src, "width": "min-content", "height": 10})), width=100, height=100)
        print(png[:4])
        ''', expected="b'\\x89PNG'")


def test_250_nested_blurs_are_over_the_effect_nesting_limit() -> None:
    # resvg-py segfaulted on them (250 nested groups overflowed the main thread's stack).
    assert_survives(NESTED, '''
        try:
            render_png(nested(250, {"filter": "blur(2px)"}), width=200, height=100)
        except LimitError as exc:
            print(exc.limit, exc.path.count("/"), exc.message)
        ''', expected="max_effect_nesting 32 The element nests 33 layers of filter, opacity, clipPath, mask or mixBlendMode "
             "effects, over the max_effect_nesting limit of 32.")


def test_250_nested_blurs_rasterise_when_the_limit_allows_them() -> None:
    # The raster runs on a thread whose stack holds the deepest tree usvg accepts.
    assert_survives(NESTED, '''
        png = render_png(nested(250, {"filter": "blur(2px)"}), width=200, height=100,
                         limits=Limits(max_effect_nesting=300))
        print(png[:4])
        ''', expected="b'\\x89PNG'")


def test_deep_trees_lay_out_and_rasterise_from_a_thread_with_a_small_stack() -> None:
    # Servers may give threads 256 KB; Taffy and resvg recurse once per level.
    assert_survives(NESTED, '''
        import threading
        out = []
        def render():
            out.append(render_png(nested(255, {"opacity": 0.99}), width=100, height=50,
                                  limits=Limits(max_effect_nesting=300))[:4])
        threading.stack_size(256 * 1024)
        thread = threading.Thread(target=render)
        thread.start()
        thread.join()
        print(out)
        ''', expected="[b'\\x89PNG']")


def test_the_taffy_bridge_never_passes_what_stretchable_panics_on() -> None:
    # A keyword size becomes auto; what the layout stage should never produce is an error.
    node = LayoutNode(NodeStyle(display="flex", width="min-content", height="max-content", flex_basis="min-content",
                                padding_top="max-content", margin_left="fit-content"))
    compute_layout(node, width=100, height=100)
    assert (node.box.width, node.box.height) == (0.0, 0.0)  # auto: the size of no content
    with pytest.raises(RenderError, match=r"^div: Internal layout error: display is 9\.$"):
        from satori_py.layout.taffy_guard import check_style
        from satori_py.layout.taffy_style import taffy_style
        check_style({**taffy_style(NodeStyle()), "display": 9}, "div")


def test_non_finite_lengths_at_the_taffy_bridge_are_clamped() -> None:
    # The style stage gives none (test_values.py); the bridge still never passes one on.
    node = LayoutNode(NodeStyle(display="flex", width=float("nan"), height=float("inf")), path="div/div[0]")
    compute_layout(node, width=100, height=100)
    assert (node.box.width, node.box.height) == (0.0, 33554431.0)


def test_huge_lengths_are_clamped_as_browsers_clamp_them() -> None:
    node = LayoutNode(NodeStyle(display="flex", width=1e308, height=-1e308))
    compute_layout(node, width=None, height=None)
    assert (node.box.width, node.box.height) == (33554431.0, 0.0)  # 2^25 - 1 px


@pytest.mark.parametrize("backend", ["resvg_py", "resvg"])
def test_a_raster_error_crosses_threads_without_the_bindings_objects(backend: str) -> None:
    import resvg_bridge

    if backend not in resvg_bridge.available_backends():
        pytest.skip(f"{backend} is not installed")
    with pytest.raises(resvg_bridge.RasterizeError):
        resvg_bridge.svg_to_png("<svg", backend=backend)


def test_png_canvas_counts_as_an_image() -> None:
    with pytest.raises(LimitError, match=r"^The PNG is 8000x8000 pixels, over the max_image_pixels limit of "
                                         r"40000000\.$"):
        render_png({"type": "div", "props": {}}, width=4000, height=4000, scale=2)


def test_a_png_of_no_size_is_a_clear_error() -> None:
    with pytest.raises(RenderError, match=r"^The image is 0x0 px: a PNG needs a width and a height \(give them, or "
                                          r"content that has a size\)\.$"):
        render_png({"type": "div", "props": {}})
