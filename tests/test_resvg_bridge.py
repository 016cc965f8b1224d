"""resvg_bridge: both backends, same pixels; errors wrapped; sizes, background, fonts."""
from __future__ import annotations

import io
import threading

import numpy as np
import pytest
from PIL import Image

import resvg_bridge
from resvg_bridge import RasterizeError, svg_to_png
from satori_py import StyleError, render_png
from satori_py.assets import DEFAULT_FONT_PATH

HAS_RESVG = "resvg" in resvg_bridge.available_backends()
BACKENDS = ["resvg_py", pytest.param("resvg", marks=pytest.mark.skipif(
    not HAS_RESVG, reason="the optional resvg package is not installed"))]

SAMPLE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/>'
    '<stop offset="1" stop-color="#00f" stop-opacity="0.5"/></linearGradient>'
    '<clipPath id="c"><rect x="4" y="4" width="112" height="52" rx="12"/></clipPath></defs>'
    '<g clip-path="url(#c)"><rect width="120" height="60" fill="url(#g)"/>'
    '<circle cx="40.5" cy="30.25" r="17.3" fill="rgba(0,128,0,0.6)"/>'
    '<path d="M10 50 L110 8" stroke="#222" stroke-width="2.5"/></g></svg>'
)
TEXT_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30">'
            '<text x="2" y="22" font-size="20" font-family="serif">Hello</text></svg>')


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


@pytest.mark.parametrize("backend", BACKENDS)
def test_renders_png_at_svg_size(backend: str) -> None:
    png = svg_to_png(SAMPLE, backend=backend)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert pixels(png).shape == (60, 120, 4)


@pytest.mark.skipif(not HAS_RESVG, reason="the optional resvg package is not installed")
@pytest.mark.parametrize("kwargs", [
    {}, {"width": 333}, {"height": 91}, {"width": 100, "height": 1000},
    {"width": 1000, "height": 100}, {"zoom": 1.5}, {"background": (0, 64, 255, 77)},
])
def test_backends_give_identical_pixels(kwargs: dict) -> None:
    a = pixels(svg_to_png(SAMPLE, backend="resvg_py", **kwargs))
    b = pixels(svg_to_png(SAMPLE, backend="resvg", **kwargs))
    assert a.shape == b.shape
    assert np.array_equal(a, b)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("bad", ["", "<svg", "hello", "<svg xmlns='http://www.w3.org/2000/svg' "
                                 "width='0' height='0'/>"])
def test_bad_svg_raises_rasterize_error(backend: str, bad: str) -> None:
    with pytest.raises(RasterizeError) as info:
        svg_to_png(bad, backend=backend)
    assert str(info.value)


@pytest.mark.skipif(not HAS_RESVG, reason="the optional resvg package is not installed")
def test_resvg_panic_gets_resvg_py_message() -> None:
    with pytest.raises(RasterizeError, match="does not have a root node"):
        svg_to_png("<svg", backend="resvg")


@pytest.mark.parametrize("backend", BACKENDS)
def test_width_scales_keeping_aspect_ratio(backend: str) -> None:
    assert pixels(svg_to_png(SAMPLE, width=240, backend=backend)).shape[:2] == (120, 240)
    assert pixels(svg_to_png(SAMPLE, height=30, backend=backend)).shape[:2] == (30, 60)
    assert pixels(svg_to_png(SAMPLE, zoom=2, backend=backend)).shape[:2] == (120, 240)
    # Both given: fit inside the box.
    assert pixels(svg_to_png(SAMPLE, width=240, height=60, backend=backend)).shape[:2] == (60, 120)


@pytest.mark.parametrize("kwargs", [{"width": 0}, {"height": -3}, {"width": 1.5},
                                    {"zoom": 0}, {"zoom": 2, "width": 10}])
def test_bad_sizes_are_rejected(kwargs: dict) -> None:
    with pytest.raises(RasterizeError):
        svg_to_png(SAMPLE, **kwargs)


@pytest.mark.parametrize("backend", BACKENDS)
def test_background_fills_the_canvas(backend: str) -> None:
    empty = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    assert pixels(svg_to_png(empty, backend=backend))[0, 0].tolist() == [0, 0, 0, 0]
    assert pixels(svg_to_png(empty, background=(0x33, 0x66, 0x99, 255), backend=backend))[0, 0].tolist() \
        == [0x33, 0x66, 0x99, 255]
    assert pixels(svg_to_png(empty, background=(255, 255, 255, 255), backend=backend))[2, 2].tolist() \
        == [255, 255, 255, 255]


@pytest.mark.parametrize("bad", ["white", (1, 2, 3), (0, 0, 0, 256), (0, 0, 0.5, 1), [0, 0, 0, 0]])
def test_bad_background_is_rejected(bad: object) -> None:
    with pytest.raises(RasterizeError) as info:
        svg_to_png(SAMPLE, background=bad)  # type: ignore[arg-type]
    assert str(info.value) == f"background must be (r, g, b, a) with each 0-255, got {bad!r}"


# render_png parses the CSS colour (the project's one colour parser) and gives the bridge bytes.
@pytest.mark.parametrize("text, rgba", [
    ("red", (255, 0, 0, 255)), ("#f008", (255, 0, 0, 136)), ("#ABCDEF", (171, 205, 239, 255)),
    ("rgb(1, 2, 3)", (1, 2, 3, 255)), ("rgba(1,2,3,0.5)", (1, 2, 3, 128)),
    ("rgb(1 2 3 / 50%)", (1, 2, 3, 128)), ("hsl(120, 50%, 50%)", (64, 191, 64, 255)),
    ("transparent", (0, 0, 0, 0)), ("RebeccaPurple", (102, 51, 153, 255)),
])
def test_render_png_background_is_parsed_as_css(text: str, rgba: tuple) -> None:
    png = render_png({"type": "div", "props": {}}, width=4, height=4, background=text)
    empty = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    assert np.array_equal(pixels(png), pixels(svg_to_png(empty, background=rgba)))
    if rgba[3] == 255:  # PNG stores translucent pixels premultiplied: exact only when opaque
        assert tuple(pixels(png)[1, 1].tolist()) == rgba


def test_render_png_rejects_a_background_that_is_not_a_colour() -> None:
    with pytest.raises(StyleError) as info:
        render_png({"type": "div", "props": {}}, width=4, height=4, background="not-a-colour")
    assert str(info.value) == "Invalid background 'not-a-colour': expected a CSS colour."
    assert info.value.prop == "background"


@pytest.mark.parametrize("backend", BACKENDS)
def test_text_uses_only_the_given_fonts(backend: str) -> None:
    # No fonts: system fonts are never loaded, so <text> draws nothing.
    assert pixels(svg_to_png(TEXT_SVG, backend=backend))[..., 3].max() == 0
    # The first font stands for the generic family "serif".
    with_path = pixels(svg_to_png(TEXT_SVG, font_files=[DEFAULT_FONT_PATH], backend=backend))
    assert with_path[..., 3].max() == 255
    with_bytes = pixels(svg_to_png(TEXT_SVG, font_files=[DEFAULT_FONT_PATH.read_bytes()],
                                   backend=backend))
    assert np.array_equal(with_path, with_bytes)


def test_unreadable_font_is_a_rasterize_error(tmp_path) -> None:
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"not a font")
    with pytest.raises(RasterizeError, match="cannot read font"):
        svg_to_png(TEXT_SVG, font_files=[bogus])


def test_backend_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(resvg_bridge.ENV_BACKEND, raising=False)
    assert resvg_bridge.resolve_backend() == "resvg_py"
    assert resvg_bridge.resolve_backend("resvg-py") == "resvg_py"
    with pytest.raises(RasterizeError, match="unknown resvg backend"):
        resvg_bridge.resolve_backend("cairo")
    # A bad environment setting falls back rather than breaking renders.
    monkeypatch.setenv(resvg_bridge.ENV_BACKEND, "cairo")
    assert resvg_bridge.resolve_backend() == "resvg_py"
    monkeypatch.setenv(resvg_bridge.ENV_BACKEND, "resvg")
    assert resvg_bridge.resolve_backend() == ("resvg" if HAS_RESVG else "resvg_py")


def test_missing_backend_asked_for_explicitly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resvg_bridge, "_has_module", lambda name: name == "resvg_py")
    with pytest.raises(RasterizeError, match="not installed"):
        svg_to_png(SAMPLE, backend="resvg")
    monkeypatch.setenv(resvg_bridge.ENV_BACKEND, "resvg")
    assert pixels(svg_to_png(SAMPLE)).shape == (60, 120, 4)


@pytest.mark.skipif(not HAS_RESVG, reason="the optional resvg package is not installed")
def test_resvg_backend_works_from_other_threads() -> None:
    # resvg's Options/Tree are unsendable; the bridge builds them per call.
    expected = pixels(svg_to_png(SAMPLE, backend="resvg"))
    results: list[np.ndarray] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(pixels(svg_to_png(SAMPLE, backend="resvg")))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(np.array_equal(r, expected) for r in results)


def test_non_str_svg_is_rejected() -> None:
    with pytest.raises(RasterizeError):
        svg_to_png(b"<svg/>")  # type: ignore[arg-type]
