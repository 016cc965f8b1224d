"""Box shadows: the masks, filters and shapes the reference draws (Satori 0.63.2 ``builder/shadow.ts``).

The expected markup is the reference's for the same box, e.g. ``0 0 10px 10px red``
on a 50x50 box at (25, 25): a user-space mask without the box, a filter
region of -70% / 240%, and the box stroked 20px wide. Where we draw the same
pixels more cheaply (regions cut to what can reach the image, no filter for
an unblurred shadow), the tests say so.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from satori_py import render_svg
from satori_py.paint.geometry import Radii
from satori_py.paint.shadow import box_shadows
from satori_py.style.types import RGBA, Shadow
from satori_py.svg import SvgNode, serialize

NS = "{http://www.w3.org/2000/svg}"
RED = RGBA(255, 0, 0)
BLUE = RGBA(0, 0, 255)


def test_outer_shadow_with_spread() -> None:
    defs, outer, inner = box_shadows((25, 25, 50, 50), Radii(), (Shadow(10, -10, 10, RED, 10),), (100, 100),
                                     id_prefix="sh")
    assert not inner
    assert [serialize(d) for d in defs] == [
        # What keeps the shadow off the box: the filter's region less the box, as a clip path
        # (the reference's mask of the image less the box; the same pixels within a level).
        '<clipPath id="sh-ms0"><path clip-rule="evenodd" d="M8 -12H112V92H8ZM25 25H75V75H25Z"/></clipPath>',
        # The reference's region, -70% / 240% of the moved box (0..120 x -20..100), cut to
        # the moved box grown by spread and reach (10 + 3 * 5 + 2) and to the image grown
        # by the reach; in sRGB, one blur of the shape drawn in the colour.
        ('<filter id="sh-s0" x="8" y="-12" width="104" height="104" filterUnits="userSpaceOnUse" '
         'color-interpolation-filters="sRGB"><feGaussianBlur stdDeviation="5"/></filter>')]
    # One shape takes its clip path and filter itself (SVG filters it, then clips it, as a <g>
    # would), and the colour's alpha as its opacity (here opaque: none).
    assert [serialize(n) for n in outer] == [
        ('<rect x="35" y="15" width="50" height="50" fill="red" stroke="red" stroke-width="20" '
         'clip-path="url(#sh-ms0)" filter="url(#sh-s0)"/>')]


@pytest.mark.parametrize("box, radius, shadows", [
    ((25, 25, 50, 50), 0, (Shadow(10, -10, 10, RED, 10),)),
    ((30.5, 20.25, 61, 40), 12, (Shadow(0, 6, 18, RGBA(0, 0, 0, 0.3)), Shadow(-4, 0, 0, BLUE, 3))),
    ((-20, 10, 90, 60), 30, (Shadow(3, 5, 40, RGBA(20, 40, 60, 0.6), -6),)),  # past the image, split
    # (A round avatar's is one even-odd path, the region less the box: tests/paint/test_shadow_round.py.)
])
def test_clip_keeps_outer_shadows_off_the_box_as_the_mask_did(box, radius, shadows) -> None:
    import numpy as np

    import resvg_bridge
    from tests.support import imgdiff

    radii = Radii(*[(radius, radius)] * 4) if radius else Radii()
    defs, outer, _ = box_shadows(box, radii, shadows, (100, 100), id_prefix="sh")
    clips = [d for d in defs if d.tag == "clipPath"]
    assert clips and not any(d.tag == "mask" and d.attrs["id"] == clips[0].attrs["id"] for d in defs)
    body = "".join(serialize(d) for d in defs) + "".join(serialize(n) for n in outer)
    # The same shadows kept off by the reference's kind of mask: the region less the box.
    masks = ""
    for clip in clips:
        rect, shape = clip.children[0].attrs["d"].split("Z", 1)
        x0, y0 = (float(v) for v in rect[1:].split("H")[0].split())
        x1, y1 = float(rect.split("H")[1].split("V")[0]), float(rect.split("V")[1].split("H")[0])
        masks += (f'<mask id="{clip.attrs["id"]}-m" maskUnits="userSpaceOnUse" x="{x0}" y="{y0}" '
                  f'width="{x1 - x0}" height="{y1 - y0}"><rect width="100" height="100" fill="#fff"/>'
                  f'<path d="{shape}" fill="#000"/></mask>')
    masked = re.sub(r'clip-path="url\(#([^)]*)\)"', r'mask="url(#\1-m)"', body)

    def pixels(content: str) -> np.ndarray:
        svg = f'<svg width="100" height="100" xmlns="http://www.w3.org/2000/svg">{content}</svg>'
        return imgdiff.load(resvg_bridge.svg_to_png(svg)).astype(int)

    ours, theirs = pixels(body), pixels(masks + masked)
    assert theirs[..., 3].sum() > 1000
    diff = np.abs(ours - theirs).max(axis=-1)  # premultiplied from the PNG: +-1 of rounding
    assert diff.max() <= 2 and (diff > 1).sum() <= 10, (diff.max(), (diff > 1).sum())


def test_outer_shadow_colour_alpha_is_the_group_opacity() -> None:
    # The alpha resvg floods for 0.5 (the reference's flood): 128/255, rounded half up.
    half = RGBA(0, 0, 255, 0.5)
    _, outer, _ = box_shadows((25, 25, 50, 50), Radii(), (Shadow(0, 4, 8, half),), (100, 100), id_prefix="sh")
    assert outer[0].attrs["fill"] == "#00f" and outer[0].attrs["opacity"] == 0.502


def test_shadow_colour_is_the_one_the_reference_flood_leaves() -> None:
    # Satori floods the colour in linearRGB: resvg rounds its alpha to 8 bits and takes its
    # channels to 8-bit linear values and back; a dark one comes out black.
    dark = RGBA(1, 2, 3, 0.1)
    for shadow in (Shadow(0, 4, 8, dark), Shadow(4, 4, 0, dark)):
        _, outer, _ = box_shadows((25, 25, 50, 50), Radii(), (shadow,), (100, 100), id_prefix="sh")
        drawn = serialize(outer[0])
        assert 'fill="#000"' in drawn and 'opacity="0.102"' in drawn, drawn
    # An inset shadow's colour that the flood changes is flooded as written, in linearRGB, as the
    # reference does (resvg's rounding there is its own), on a small region or a large one;
    # black's flood in sRGB takes the colour the round trip leaves.
    for box, canvas, colour, written in (((25, 25, 500, 400), (600, 500), RGBA(15, 23, 42, 0.35), "rgba(15,23,42,0.35)"),
                                         ((25, 25, 50, 50), (100, 100), RGBA(15, 23, 42, 0.35), "rgba(15,23,42,0.35)"),
                                         ((25, 25, 500, 400), (600, 500), RGBA(0, 0, 0, 0.35), "rgba(0,0,0,0.349)")):
        defs, _, _ = box_shadows(box, Radii(), (Shadow(0, 4, 8, colour, inset=True),), canvas, id_prefix="sh")
        glow = next(d for d in defs if d.tag == "filter")
        assert glow.children[1].attrs["flood-color"] == written, glow.children[1].attrs
        assert (glow.attrs.get("color-interpolation-filters") == "sRGB") is (colour.r == 0)


def test_one_filter_floods_the_colour_in_linear_rgb_where_one_colour_would_show() -> None:
    # A badge's faint slate glow: the reference's flood in 8-bit premultiplied linearRGB keeps
    # no red at any alpha, so the one colour blurred would draw the glow light (5.8 % of the
    # badge's ink mass: golden/paint/box-shadow-faint-glow-badge); its filter is drawn instead.
    def drawn(colour: RGBA, box: tuple[float, float, float, float], blur: float,
              canvas: tuple[float, float] = (400, 200)) -> tuple[SvgNode, SvgNode]:
        defs, outer, _ = box_shadows(box, Radii(), (Shadow(0, 10, blur, colour),), canvas, id_prefix="sh")
        return next(d for d in defs if d.tag == "filter"), outer[0]

    slate = RGBA(30, 41, 59, 0.18)
    glow, shape = drawn(slate, (60, 45, 280, 110), 36)
    assert [c.tag for c in glow.children] == ["feGaussianBlur", "feFlood", "feComposite"]
    assert "color-interpolation-filters" not in glow.attrs
    assert glow.children[1].attrs["flood-color"] == "rgba(30,41,59,0.18)"  # as written (see above)
    assert (shape.attrs["fill"], shape.attrs.get("opacity")) == ("#fff", None)
    # So is a white card's on a white page (a region of 560x320 px; the glow drew 7.4 % of the
    # card's ink mass light: golden/paint/box-shadow-faint-glow-white-card).
    glow, shape = drawn(slate, (40, 60, 520, 280), 6, (1200, 630))
    assert [c.tag for c in glow.children] == ["feGaussianBlur", "feFlood", "feComposite"]
    # Black loses nothing to the flood: the one blur.
    glow, shape = drawn(RGBA(0, 0, 0, 0.18), (60, 45, 280, 110), 36)
    assert [c.tag for c in glow.children] == ["feGaussianBlur"] and shape.attrs["opacity"] == 0.1804


def test_flood_round_trip_is_resvgs() -> None:
    # Every 8-bit channel: resvg's flood "in" an opaque shape in linearRGB (the reference's
    # filter: the flood is converted when a linearRGB primitive takes it), against the table
    # the shadows are drawn with.
    import resvg_bridge
    from satori_py.paint.shadow import _ROUND_TRIP
    from tests.support import imgdiff

    filters = "".join(f'<filter id="f{v}" x="0" y="0" width="1" height="1"><feFlood flood-color="rgb({v},{v},{v})" result="f"/>'
                      f'<feComposite in="f" in2="SourceGraphic" operator="in"/></filter><rect x="{v}" width="1" height="1" fill="#fff" filter="url(#f{v})"/>'
                      for v in range(256))
    png = resvg_bridge.svg_to_png(f'<svg width="256" height="1" xmlns="http://www.w3.org/2000/svg">{filters}</svg>')
    assert [int(p) for p in imgdiff.load(png)[0, :, 0]] == list(_ROUND_TRIP)


def test_transformed_shadow_keeps_the_reference_region() -> None:
    def region(blur: float) -> dict[str, str]:
        defs, _, _ = box_shadows((25, 25, 50, 50), Radii(), (Shadow(10, -10, blur, RED, 10),), (100, 100),
                                 id_prefix="sh", transform="matrix(0.7,0.7,-0.7,0.7,0,0)")
        return {k: defs[1].attrs[k] for k in ("x", "y", "width", "height")}

    # The reference's blur^2 / 4 + spread (4 + 10) past the box...
    assert region(4) == {"x": "-28%", "y": "-28%", "width": "156%", "height": "156%"}
    # ...but no farther than the blur reaches, 3 * 5 + 2 (the same pixels; 25 by the reference).
    assert region(10) == {"x": "-54%", "y": "-54%", "width": "208%", "height": "208%"}


def test_large_blur_region_is_cut_to_the_image() -> None:
    # blur 100: the reference grows the box by 2500px on each side; the blur reaches
    # 3 * 50 + 2 = 152px past the moved box (100, 120, 1000, 400), and no further
    # outside the image than that.
    defs, _, _ = box_shadows((100, 100, 1000, 400), Radii(), (Shadow(0, 20, 100, RED),), (1200, 630),
                             id_prefix="sh")
    region = defs[1].attrs
    assert (region["x"], region["y"], region["width"], region["height"]) == (-52, -32, 1304, 704)
    defs, _, _ = box_shadows((-500, 100, 2000, 400), Radii(), (Shadow(0, 20, 100, RED),), (1200, 630),
                             id_prefix="sh")
    # (This one is drawn in pieces, all inside the region its clip path covers.)
    assert defs[0].tag == "clipPath" and defs[0].children[0].attrs["d"].startswith("M-152 -32H1352V")


def test_inset_shadow_negates_the_spread_and_cuts_a_band() -> None:
    defs, outer, inner = box_shadows((0, 0, 40, 40), Radii(), (Shadow(2, 2, 4, BLUE, 3, inset=True),), (100, 100),
                                     id_prefix="sh")
    assert not outer and len(inner) == 1
    mask, negative, filt = defs
    assert mask.children[0].attrs["fill"] == "#000" and mask.children[1].attrs["fill"] == "#fff"
    assert negative.attrs["id"] == "sh-ms0-neg"
    assert negative.children[0].attrs["stroke-width"] == 6
    assert filt.children[-1].attrs["operator"] == "out"
    # The moved shape keeps the negated spread as its stroke width (which renderers ignore).
    shape = inner[0].children[0]
    assert inner[0].attrs["filter"] == "url(#sh-s0)" and shape.attrs["mask"] == "url(#sh-ms0-neg)"
    assert shape.attrs["stroke-width"] == -6 and shape.attrs["x"] == 2


def test_first_shadow_is_on_top_and_rounded_boxes_are_paths() -> None:
    radii = Radii((5, 5), (5, 5), (5, 5), (5, 5))
    _, outer, _ = box_shadows((0, 0, 20, 20), radii, (Shadow(1, 1, 3, RED), Shadow(2, 2, 3, BLUE)), (100, 100),
                              id_prefix="sh", transform="matrix(1,0,0,1,5,0)", mask="m")
    assert [g.attrs["filter"] for g in outer] == ["url(#sh-s1)", "url(#sh-s0)"]
    shape = outer[0].children[0]
    assert shape.tag == "path"
    assert shape.attrs["transform"] == "matrix(1,0,0,1,5,0)" and shape.attrs["mask"] == "url(#m)"


def test_unblurred_shadow_is_the_shape_in_its_colour_without_a_filter() -> None:
    defs, outer, _ = box_shadows((0, 0, 20, 20), Radii(), (Shadow(4, 4, 0, RGBA(0, 0, 255, 0.5), 2),), (100, 100),
                                 id_prefix="sh")
    assert [d.tag for d in defs] == ["clipPath"]
    # At the alpha the reference's flood has (0.5 -> 128/255).
    assert [serialize(n) for n in outer] == [
        '<g clip-path="url(#sh-ms0)"><rect x="4" y="4" width="20" height="20" fill="#00f" stroke="#00f" '
        'stroke-width="4" opacity="0.502"/></g>']


def test_empty_box_has_no_shadow() -> None:
    assert box_shadows((0, 0, 0, 20), Radii(), (Shadow(1, 1, 1, RED, 5),), (100, 100), id_prefix="sh") == ([], [], [])


def test_painter_draws_outer_shadows_under_and_inset_over_the_box() -> None:
    svg = render_svg({"type": "div", "props": {"style": {
        "width": 50, "height": 50, "backgroundColor": "red", "border": "2px solid green",
        "boxShadow": "inset 0 0 4px blue, 3px 3px 5px black"}}}, width=100, height=100)
    root = ET.fromstring(svg)
    order = [el.get("filter") or el.get("fill") or el.get("stroke") for el in root
             if el.tag != f"{NS}defs"]
    assert order[0].startswith("url(#sh-div-s1)")  # the outer shadow, under the box
    assert order[-1].startswith("url(#sh-div-s0)")  # the inset one, over its border


def _clipped_box(clip_path: str, radius: float = 0) -> ET.Element:
    return ET.fromstring(render_svg({"type": "div", "props": {"style": {
        "width": 60, "height": 60, "marginLeft": 20, "marginTop": 20, "backgroundColor": "red", "clipPath": clip_path,
        "borderRadius": radius, "boxShadow": "inset 0 4px 6px blue, 0 8px 20px black"}}}, width=100, height=100))


def test_clip_path_within_a_square_box_hides_its_outer_shadows() -> None:
    # A browser clips the shadows with the element; outer ones lie outside the box, so a clip path
    # within it leaves none to draw (the reference drew the clipped shape's, unclipped).
    root = _clipped_box("circle(50%)")
    assert [f.get("id") for f in root.iter(f"{NS}filter")] == ["sh-div-s0"]  # the inset one only
    inset = next(el for el in root.iter() if el.get("filter") == "url(#sh-div-s0)")
    assert inset.get("clip-path") is None  # cast by the whole box ...
    group = next(el for el in root if el.tag == f"{NS}g")
    assert group.get("clip-path") == "url(#cp-div)" and inset in list(group.iter())  # ... clipped by the circle


@pytest.mark.parametrize("clip_path, radius", [("inset(-10px)", 0), ("circle(50%)", 8)])
def test_clip_path_clips_outer_shadows_it_may_show(clip_path: str, radius: float) -> None:
    # Past the box, or in a rounded box's corners, an outer shadow shows within the clip path.
    root = _clipped_box(clip_path, radius)
    groups = [el for el in root if el.tag == f"{NS}g" and el.get("clip-path") == "url(#cp-div)"]
    outer = next(el for el in root.iter() if el.get("filter") == "url(#sh-div-s1)")
    # Cast by the whole box (kept off it by its own region), the group clipped by the circle.
    assert outer.get("clip-path") == "url(#sh-div-ms1)" and outer in list(groups[0].iter())


def test_an_ancestors_overflow_clip_clips_the_shadows_cast_by_the_whole_box() -> None:
    # A browser clips descendants' shadows at an overflow: hidden edge; the reference cast them
    # from the clipped shape and let the blur reach past the edge.
    root = ET.fromstring(render_svg({"type": "div", "props": {"style": {
        "display": "flex", "width": 80, "height": 60, "overflow": "hidden", "alignItems": "flex-end"}, "children": [
            {"type": "div", "props": {"style": {"width": 40, "height": 30, "marginBottom": -10, "backgroundColor": "red",
                                                "boxShadow": "0 8px 12px black, inset 0 2px 4px blue"}}}]}},
        width=100, height=100))
    shapes = [el for el in root.iter() if el.get("filter") in ("url(#sh-div-div0-s0)", "url(#sh-div-div0-s1)")]
    assert len(shapes) == 2 and all(el.get("clip-path") != "url(#oc-div)" for el in shapes)
    groups = [el for el in root.iter() if el.tag == f"{NS}g" and el.get("clip-path") == "url(#oc-div)"]
    assert all(any(shape in list(g.iter()) for g in groups) for shape in shapes)


def test_one_text_shadow_filters_in_srgb_several_in_linear_rgb() -> None:
    from satori_py.paint.text_shadow import drop_shadow_filter

    one = drop_shadow_filter("t", 100, 20, [(0, 4, 16, "black")])
    two = drop_shadow_filter("t", 100, 20, [(0, 4, 16, "black"), (2, 2, 4, "red")])
    # Where two shadows overlap, their blend is the colour space's own: the reference's.
    assert one.attrs["color-interpolation-filters"] == "sRGB"
    assert two.attrs.get("color-interpolation-filters") is None


@pytest.mark.parametrize("written,canonical", [
    ("rgba(149, 157, 165, 0.2) 0px 8px 24px", "0px 8px 24px rgba(149, 157, 165, 0.2)"),
    ("#f59e0b 10px 10px 0 -2px inset", "inset 10px 10px 0 -2px #f59e0b"),
    ("0 0 0 1px #60a5fa inset", "inset 0 0 0 1px #60a5fa"),
    ("inset hsl(0 0% 0% / 0.3) 0 2px 4px, red -4px 0 8px", "inset 0 2px 4px hsl(0 0% 0% / 0.3), -4px 0 8px red"),
])
def test_colour_and_inset_first_or_last_are_read_as_in_css(written: str, canonical: str) -> None:
    # css-box-shadow (Satori 0.63.2) reads a colour only last and takes a last `inset` for the
    # colour: the first drew nothing there, the others a black shadow. A browser draws them all.
    def card(shadow: str) -> dict:
        return {"type": "div", "props": {"style": {"display": "flex", "width": "100%", "height": "100%",
                                                   "padding": 40, "backgroundColor": "white"},
                                         "children": {"type": "div", "props": {"style": {
                                             "width": 120, "height": 80, "borderRadius": 12, "boxShadow": shadow}}}}}
    warnings: list = []
    assert render_svg(card(written), width=240, height=200, on_warning=warnings.append) == \
        render_svg(card(canonical), width=240, height=200)
    assert warnings == []
