"""resvg_bridge: every backend, same pixels; errors wrapped; sizes, background, fonts, PNG encoding."""
from __future__ import annotations

import io
import threading
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import resvg_bridge
import resvg_bridge.heap
from resvg_bridge import RasterizeError, svg_to_png
from satori_py import StyleError, render_png
from satori_py.assets import DEFAULT_FONT_PATH

INSTALLED = resvg_bridge.available_backends()
HAS_RESVG = "resvg" in INSTALLED
BACKENDS = [pytest.param(b, marks=pytest.mark.skipif(b not in INSTALLED, reason=f"{b} is not installed"))
            for b in resvg_bridge.BACKENDS]
FAST = [b for b in BACKENDS if b.values[0] != "resvg_py"]
CARDS = Path(__file__).resolve().parent.parent / "benchmarks" / "cards"

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


@pytest.mark.parametrize("backend", FAST)
@pytest.mark.parametrize("kwargs", [
    {}, {"width": 333}, {"height": 91}, {"width": 100, "height": 1000},
    {"width": 1000, "height": 100}, {"zoom": 1.5}, {"background": (0, 64, 255, 77)},
    {"compression": "fast"}, {"compression": "smallest"},
])
def test_backends_give_identical_pixels(backend: str, kwargs: dict) -> None:
    a = pixels(svg_to_png(SAMPLE, backend="resvg_py", **kwargs))
    b = pixels(svg_to_png(SAMPLE, backend=backend, **kwargs))
    assert a.shape == b.shape
    assert np.array_equal(a, b)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("bad", ["", "<svg", "hello", "<svg xmlns='http://www.w3.org/2000/svg' "
                                 "width='0' height='0'/>"])
def test_bad_svg_raises_rasterize_error(backend: str, bad: str) -> None:
    with pytest.raises(RasterizeError) as info:
        svg_to_png(bad, backend=backend)
    assert str(info.value)


@pytest.mark.parametrize("backend", FAST)
def test_errors_get_resvg_py_message(backend: str) -> None:
    with pytest.raises(RasterizeError, match="^the document does not have a root node$"):
        svg_to_png("<svg", backend=backend)


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
    fastest = INSTALLED[0]
    assert resvg_bridge.resolve_backend() == fastest
    assert resvg_bridge.resolve_backend("resvg-py") == "resvg_py"
    with pytest.raises(RasterizeError, match="unknown resvg backend"):
        resvg_bridge.resolve_backend("cairo")
    # A bad environment setting falls back rather than breaking renders.
    monkeypatch.setenv(resvg_bridge.ENV_BACKEND, "cairo")
    assert resvg_bridge.resolve_backend() == fastest
    monkeypatch.setenv(resvg_bridge.ENV_BACKEND, "resvg_py")
    assert resvg_bridge.resolve_backend() == "resvg_py"
    assert resvg_bridge.releases_gil() is False
    monkeypatch.setenv(resvg_bridge.ENV_BACKEND, "resvg")
    assert resvg_bridge.resolve_backend() == ("resvg" if HAS_RESVG else fastest)


def test_fastest_installed_backend_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(resvg_bridge.ENV_BACKEND, raising=False)
    for installed, expected in [({"svg2png_py", "resvg", "resvg_py"}, "svg2png"),
                                ({"resvg", "resvg_py"}, "resvg"), ({"resvg_py"}, "resvg_py")]:
        monkeypatch.setattr(resvg_bridge, "_installed", {})
        monkeypatch.setattr(resvg_bridge, "_has_module", lambda name, s=installed: name in s)
        assert resvg_bridge.resolve_backend() == expected
        assert resvg_bridge.releases_gil() is (expected == "svg2png")
    monkeypatch.setattr(resvg_bridge, "_installed", {})
    monkeypatch.setattr(resvg_bridge, "_has_module", lambda name: False)
    with pytest.raises(RasterizeError, match="no resvg binding is installed"):
        svg_to_png(SAMPLE)


def test_missing_backend_asked_for_explicitly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resvg_bridge, "_installed", {})
    monkeypatch.setattr(resvg_bridge, "_has_module", lambda name: name == "resvg_py")
    with pytest.raises(RasterizeError, match="not installed"):
        svg_to_png(SAMPLE, backend="resvg")
    monkeypatch.setenv(resvg_bridge.ENV_BACKEND, "resvg")
    assert pixels(svg_to_png(SAMPLE)).shape == (60, 120, 4)


def test_bad_compression_is_rejected() -> None:
    with pytest.raises(RasterizeError, match="compression must be one of fast, default, smallest"):
        svg_to_png(SAMPLE, compression="tiny")


# Every (colour, alpha) pair that premultiplication can produce, in a 256x256 image.
ALPHA_SWEEP = ('<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">'
               '<defs><linearGradient id="c"><stop offset="0" stop-color="#000"/>'
               '<stop offset="1" stop-color="#fff"/></linearGradient>'
               '<linearGradient id="a" x2="0" y2="1"><stop offset="0" stop-color="#fff" stop-opacity="0"/>'
               '<stop offset="1" stop-color="#fff"/></linearGradient>'
               '<mask id="m"><rect width="256" height="256" fill="url(#a)"/></mask></defs>'
               '<rect width="256" height="256" fill="url(#c)" mask="url(#m)"/>'
               '<circle cx="128" cy="128" r="60" fill="rgba(200,30,90,0.37)"/></svg>')


@pytest.mark.parametrize("backend", FAST)
@pytest.mark.parametrize("compression", resvg_bridge.COMPRESSIONS)
def test_our_png_encoder_unpremultiplies_as_resvg_does(backend: str, compression: str) -> None:
    ours = pixels(svg_to_png(ALPHA_SWEEP, backend=backend, compression=compression))
    assert len(np.unique(ours[..., 3])) > 200  # the sweep covers the alphas
    assert np.array_equal(ours, pixels(svg_to_png(ALPHA_SWEEP, backend="resvg_py")))


@pytest.mark.parametrize("width", [1, 7, 300])
def test_straight_colour_of_runs_within_and_across_rows(width: int) -> None:
    """straight_rgba against tiny-skia's demultiply pixel by pixel, on runs of one alpha
    (a translucent background: runs as long as a row, each row ending one), single
    pixels of every alpha, opaque and clear ones."""
    from resvg_bridge.png import straight_rgba

    rng = np.random.default_rng(7)
    height = 600 // width
    alpha = np.full(width * height, 128, np.uint8)  # one run over every row
    alpha[len(alpha) // 3:] = rng.choice(np.array([0, 1, 77, 254, 255], np.uint8), len(alpha) - len(alpha) // 3)
    alpha[-50:] = rng.integers(0, 256, 50)
    colour = (rng.integers(0, 256, (len(alpha), 3)) * alpha[:, None].astype(np.int64) // 255).astype(np.uint8)
    canvas = np.concatenate([colour, alpha[:, None]], axis=1)
    scale = np.maximum(alpha, 1)[:, None] / 255.0
    expected = np.where(np.isin(alpha, (0, 255))[:, None], colour,
                        np.minimum(255, (colour / scale + 0.5).astype(np.int64))).astype(np.uint8)
    out = np.frombuffer(straight_rgba(canvas.tobytes(), width, height), np.uint8).reshape(-1, 4)
    assert np.array_equal(out[:, 3], alpha)
    assert np.array_equal(out[:, :3], expected)


def test_compression_trades_size() -> None:
    from resvg_bridge.png import encode_png

    # A flat card with a band of rows that differ little from the row above but
    # much along the row (like a photograph): every mode, same pixels.
    rng = np.random.default_rng(1)
    canvas = np.full((200, 300, 4), 255, np.uint8)
    base = rng.integers(0, 256, (300, 3))
    canvas[50:150, :, :3] = (base[None] + np.arange(100)[:, None, None]) % 256
    sizes = {}
    for mode in resvg_bridge.COMPRESSIONS:
        png = encode_png(canvas.tobytes(), 300, 200, mode)
        assert np.array_equal(pixels(png), canvas)
        sizes[mode] = len(png)
    assert sizes["smallest"] <= sizes["default"] < sizes["fast"]


def _rows_and_zlib_header(png: bytes) -> tuple[bytes, bytes]:
    """The IDAT's zlib header (its level flag) and its inflated rows."""
    idat, i = b"", 8
    while i < len(png):
        length = int.from_bytes(png[i:i + 4], "big")
        if png[i + 4:i + 8] == b"IDAT":
            idat += png[i + 8:i + 8 + length]
        i += 12 + length
    return idat[:2], zlib.decompress(idat)


@pytest.mark.parametrize("card, header", [("product-lamp", b"\x78\xda"), ("stats-github", b"\x78\x9c"),
                                          ("event-gala", b"\x78\x5e")])
def test_default_compression_leaves_rows_unfiltered(card: str, header: bytes) -> None:
    # "default" never filters rows (that runs in Python); a busy canvas (the lamp's
    # photograph) gets deflate level 7 (zlib's level flag 3: 0xda), a flat one level 6
    # (0x9c), a smooth one (the gala's radial gradient) level 4 (flag 1: 0x5e), and each
    # stays within 1.6x of "smallest" (its rows filtered where it helps).
    svg2png_py = pytest.importorskip("svg2png_py")
    from resvg_bridge.png import encode_png
    from satori_py.api import Pipeline
    from satori_py.case import load_case

    case = load_case(CARDS / f"{card}.json")
    pipeline = Pipeline(**case.render_kwargs(offline=True))
    svg = pipeline.paint(pipeline.layout(pipeline.parse(case.element)))
    rgba, width, height = svg2png_py.svg_to_rgba(svg, svg2png_py.FontDatabase())
    default = encode_png(bytes(rgba), width, height)
    smallest = encode_png(bytes(rgba), width, height, "smallest")
    assert np.array_equal(pixels(default), pixels(smallest))
    zlib_header, rows = _rows_and_zlib_header(default)
    assert zlib_header == header
    assert rows[::width * 4 + 1] == bytes(height)  # every row's filter byte: None
    assert len(default) <= 1.6 * len(smallest)


@pytest.mark.parametrize("backend", BACKENDS)
def test_threads_render_the_same_bytes(backend: str) -> None:
    expected = svg_to_png(SAMPLE, backend=backend)
    results: list[bytes] = []

    def work() -> None:
        for _ in range(5):
            results.append(svg_to_png(SAMPLE, backend=backend))
    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 20


def test_a_raster_thread_runs_renders_right_there() -> None:
    seen: list[threading.Thread] = []

    def work() -> None:
        seen.append(threading.current_thread())
        seen.append(resvg_bridge.on_raster_stack(threading.current_thread))

    resvg_bridge.raster_thread(work, "test-raster").join()
    assert [t.name for t in seen] == ["test-raster", "test-raster"]  # no thread started per call
    assert resvg_bridge.on_raster_stack(threading.current_thread) is not threading.current_thread()


@pytest.mark.skipif("svg2png" not in INSTALLED, reason="svg2png is not installed")
@pytest.mark.skipif(not resvg_bridge.heap.keep_freed_memory(),
                    reason="not glibc, or the environment tunes malloc itself")
def test_kept_memory_spares_the_kernel_a_fresh_canvas_per_card(monkeypatch: pytest.MonkeyPatch) -> None:
    import resource

    from satori_py.case import load_case

    case = load_case(CARDS / "event-gala.json")
    kwargs = {"element": case.element, **case.render_kwargs(offline=True)}
    counts: list[int] = []

    def faults() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt

    def work() -> None:  # on one raster thread, as a render pool's worker
        for _ in range(2):  # warm: caches, and the heap grown to a render's peak
            render_png(**kwargs)
        before = faults()
        for _ in range(3):
            render_png(**kwargs)
        counts.append(faults() - before)

    monkeypatch.setenv(resvg_bridge.ENV_BACKEND, "svg2png")
    resvg_bridge.raster_thread(work, "test-raster").join()
    # Memory freed by one card and returned to the kernel faults again, page by page, in the
    # next: about 2,000 faults a card (6,460 for these three); kept, a few dozen at most.
    assert counts[0] < 3 * 100


def test_malloc_settings_of_the_environment_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "131072")
    assert resvg_bridge.heap._set_thresholds() is False
