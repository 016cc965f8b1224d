"""Text shadows' filter region (paint/text_shadow.py): in user space for untransformed glyph paths,
the reference's region placed as resvg places it, cut to what the shadows can reach."""
from __future__ import annotations

import io
import re

import numpy as np
import pytest
from PIL import Image

import resvg_bridge
import satori_py.paint.text as text_paint
from satori_py import render_svg
from satori_py.paint.text_shadow import path_bounds


def _pixels(svg: str) -> np.ndarray:
    rgba = np.asarray(Image.open(io.BytesIO(resvg_bridge.svg_to_png(svg))).convert("RGBA"), dtype=np.int32)
    alpha = rgba[..., 3:4]
    return np.concatenate([(rgba[..., :3] * alpha + 127) // 255, alpha], axis=-1)


def test_path_bounds_are_tight_like_usvgs() -> None:
    # The quadratic's control point (100, 0) is far above the curve's top (y 50).
    curve = "M50 100Q100 0 150 100Z"
    assert path_bounds(curve) == (50, 50, 150, 100)
    assert path_bounds("M0 0C0 -40 100 -40 100 0ZM10 5L20 5") == (0, -30, 100, 5)
    assert path_bounds("M0 0A5 5 0 0 1 10 0") is None and path_bounds("") is None
    # resvg sizes an objectBoundingBox filter region by the same box: a flood fills it.
    svg = ('<svg width="200" height="200" xmlns="http://www.w3.org/2000/svg"><filter id="f" x="0" y="0" '
           f'width="1" height="1"><feFlood flood-color="red"/></filter><path d="{curve}" filter="url(#f)"/></svg>')
    ys, xs = np.nonzero(_pixels(svg)[..., 3])
    assert (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1) == (50, 50, 150, 100)


def _card(shadow: str, **style: object) -> dict:
    return {"type": "div", "props": {"style": {
        "display": "flex", "width": 600, "height": 300, "backgroundColor": "#f97316", "color": "white",
        "fontSize": 48, "lineHeight": 2, "padding": 40, "textShadow": shadow, **style},
        "children": "Shadows under the glyphs"}}


def _reference_region_svg(element: dict, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as m:
        m.setattr(text_paint, "path_bounds", lambda d: None)
        return render_svg(element, width=600, height=300)


@pytest.mark.parametrize("shadow, style", [
    ("0 4px 16px rgba(0,0,0,0.35)", {}),
    ("0 0 3px black", {}),  # a small blur (resvg blurs it another way)
    ("12px -20px 40px rgba(0,0,80,0.8)", {"fontWeight": 700}),
    ("2px 2px 0 red, -6px 8px 10px blue", {}),  # two shadows, one unblurred
])
def test_user_space_region_draws_the_reference_regions_pixels(shadow, style, monkeypatch) -> None:
    element = _card(shadow, **style)
    ours = render_svg(element, width=600, height=300)
    region = re.search(r'<filter id="satori_s[^>]*>', ours)
    assert region and 'filterUnits="userSpaceOnUse"' in region.group(0)
    reference = _reference_region_svg(element, monkeypatch)
    assert "userSpaceOnUse" not in re.search(r'<filter id="satori_s[^>]*>', reference).group(0)
    assert np.abs(_pixels(ours) - _pixels(reference)).max() <= 1


def test_glyph_path_data_is_read_as_any_path_data() -> None:
    # text.outlines' path data takes a reader of its own (end points at once, only the curves
    # whose control point is not strictly inside them): the same box as the general reader.
    from satori_py.paint.text_shadow import _QUADRATIC_GLYPHS, _any_path_bounds
    svg = render_svg({"type": "div", "props": {"style": {"display": "flex", "fontSize": 48},
                                                "children": "Quiet glyphs: Og 8 @ & S"}}, width=700, height=80)
    glyphs = re.search(r'<path fill="[^"]*" d="([^"]*)"', svg).group(1)
    hand = ["M0 0Q5 -3 10 0Z", "M0 0L10 10Q5 5 0 10Z", "M0 0Q10 0 10 10Z", "M-2.5 0Q0 9.9 2.5 0ZM0 1L0 2",
            "M0 0Q0 0 0 0"]
    for d in [glyphs, *hand]:
        assert _QUADRATIC_GLYPHS.fullmatch(d) and path_bounds(d) == _any_path_bounds(d), d
    assert path_bounds("M0 0Q5 -3 10 0Z") == (0, -1.5, 10, 0)


def test_the_region_is_cut_to_what_the_shadow_reaches() -> None:
    # The reference's region is the text box's, grown by a tenth, on the glyphs' box: about 5 % of
    # the glyphs' width (20 px here) past each side. Ours ends where the blur of sigma 2 ends (four
    # sigma and a pixel) and the glyphs' antialiasing.
    svg = render_svg(_card("0 0 4px black", lineHeight=3), width=600, height=300)
    attrs = dict(re.findall(r'(\w+)="([^"]*)"', re.search(r'<filter id="satori_s[^>]*>', svg).group(0)))
    glyphs = path_bounds(re.search(r'<path fill="#fff" d="([^"]*)"', svg).group(1))
    assert glyphs is not None
    assert float(attrs["x"]) >= glyphs[0] - 12 and float(attrs["x"]) + float(attrs["width"]) <= glyphs[2] + 12


def test_transformed_text_keeps_the_reference_region() -> None:
    svg = render_svg(_card("0 4px 16px black", transform="rotate(10deg)"), width=600, height=300)
    assert "%" in re.search(r'<filter id="satori_s[^>]*>', svg).group(0)


@pytest.mark.parametrize("sigma", [2.5, 4, 8, 13])
def test_a_region_cut_at_the_blurs_reach_has_the_same_pixels(sigma: float) -> None:
    # An opaque half of a region (the most alpha a shape can hold past an edge) blurred in a region
    # that ends at box_blur_reach past it, and in one 40 px wider: the same pixels; one pixel
    # shorter, and the blur's tail is cut.
    from satori_py.paint.shadow_split import box_blur_reach

    reach = box_blur_reach(sigma)

    def blurred(left: int) -> np.ndarray:
        return _pixels(f'<svg width="300" height="60" xmlns="http://www.w3.org/2000/svg"><filter id="f" x="{left}" '
                       f'y="-100" width="{300 - left}" height="260" filterUnits="userSpaceOnUse" '
                       f'color-interpolation-filters="sRGB"><feGaussianBlur stdDeviation="{sigma}"/></filter>'
                       f'<rect x="200" y="-100" width="300" height="260" filter="url(#f)"/></svg>')

    whole = blurred(200 - reach - 40)
    assert np.array_equal(blurred(200 - reach), whole)
    assert whole[:, 200 - reach - 1, 3].max() == 0 < whole[:, 200 - reach, 3].max()
    assert not np.array_equal(blurred(200 - reach + 1), whole)


_DROP = re.compile(r'<feDropShadow dx="([^"]*)" dy="([^"]*)" stdDeviation="([^"]*)" flood-color="([^"]*)" '
                   r'flood-opacity="1"/>')


def _as_chain(svg: str) -> str:
    """The SVG with its feDropShadow written as the reference's chain of primitives."""
    def chain(m: re.Match[str]) -> str:
        dx, dy, sigma, color = m.groups()
        return (f'<feGaussianBlur in="SourceAlpha" stdDeviation="{sigma}" result="b"/>'
                f'<feOffset in="b" dx="{dx}" dy="{dy}" result="o"/><feFlood flood-color="{color}" '
                f'flood-opacity="1" result="c"/><feComposite in="c" in2="o" operator="in" result="s"/>'
                f'<feMerge><feMergeNode in="s"/><feMergeNode in="SourceGraphic"/></feMerge>')
    return _DROP.sub(chain, svg)


@pytest.mark.parametrize("backend", resvg_bridge.available_backends())
@pytest.mark.parametrize("shadow, style", [
    ("0 4px 16px rgba(0,0,0,0.35)", {}),
    ("2.5px -1.5px 0 rgba(0,0,0,0.07)", {"color": "rgba(200,30,90,0.6)"}),  # unblurred, off the pixel grid
    ("-7px 3px 3px black", {"fontWeight": 700, "color": "#111"}),  # a small blur (resvg blurs it another way)
    ("4px 9px 37px rgba(0,0,0,0.9)", {"backgroundImage": "linear-gradient(90deg, #f00, #00f)"}),
])
def test_one_black_shadow_is_one_drop_shadow_with_the_chains_pixels(backend, shadow, style) -> None:
    svg = render_svg(_card(shadow, **style), width=600, height=300)
    assert svg.count("<feDropShadow") == 1 and "<feFlood" not in svg

    def pixels(doc: str) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(resvg_bridge.svg_to_png(doc, backend=backend))).convert("RGBA"))
    assert np.array_equal(pixels(svg), pixels(_as_chain(svg)))


@pytest.mark.parametrize("shadow", ["0 4px 16px rgba(30,0,0,0.35)", "0 0 3px black, 0 0 6px black"])
def test_other_shadows_keep_the_chain(shadow) -> None:
    # resvg's feDropShadow converts a colour as if it were linear in sRGB filters (by up to 170 of
    # 255 here); several shadows blend in linearRGB.
    svg = render_svg(_card(shadow), width=600, height=300)
    assert "<feDropShadow" not in svg and "<feFlood" in svg
