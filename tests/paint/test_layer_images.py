"""Background and mask ``url()`` images are loaded before paint (satori_py/images/layers.py,
satori_py/layout/layer_images.py): the painter only draws them, and a loading error comes
out where the painter draws the layer, as when it loaded them itself."""
from __future__ import annotations

import base64
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.api import Pipeline
from satori_py.errors import ImageError

PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABQAAAAKCAYAAAC0VX7mAAAAF0lEQVR42mP4z8Dwn5qYYdTAUQOHo4"
       "EAf0SOgC3jbuQAAAAASUVORK5CYII=")
BAD = "url(data:image/png;base64,@@@)"


def _card(*boxes: dict[str, Any]) -> dict[str, Any]:
    children = [{"type": "div", "props": {"style": {"width": 40, "height": 30, **style}}} for style in boxes]
    return {"type": "div", "props": {"style": {"display": "flex", "width": 200, "height": 100}, "children": children}}


def test_the_painter_draws_what_the_layout_loaded() -> None:
    calls: list[tuple[str, str]] = []
    stage = ["layout"]

    warnings: list[Exception] = []

    def fetcher(url: str) -> bytes:
        calls.append((stage[0], url))
        return b"not an image" if url.endswith("bad.png") else base64.b64decode(PNG.split(",")[1])

    pipeline = Pipeline(width=200, height=100, fetcher=fetcher, emoji=None, on_warning=warnings.append)
    element = _card({"backgroundImage": "url(https://example.com/a.png)"},
                    {"maskImage": "url(https://example.com/m.png)", "backgroundColor": "red"},
                    {"backgroundImage": "url(https://example.com/bad.png)"})
    result = pipeline.layout(pipeline.parse(element))
    boxes = result.root.children[0].children
    assert [sorted(box.layer_images) for box in boxes] == [
        ["url(https://example.com/a.png)"], ["url(https://example.com/m.png)"], ["url(https://example.com/bad.png)"]]
    stage[0] = "paint"
    svg = pipeline.paint(result)
    assert [s for s, _ in calls] == ["layout"] * 3  # nothing is fetched while painting
    assert svg.count("<image") == 2
    # The failed download is reported as the painter draws the layer, with the box's path.
    assert [str(w) for w in warnings] == [
        "div/div[2]: Can't load image https://example.com/bad.png: Unsupported image type: unknown"]


def test_a_bad_image_fails_where_its_layer_is_drawn() -> None:
    with pytest.raises(ImageError) as caught:
        render_svg(_card({"backgroundColor": "red"}, {"backgroundImage": BAD}), width=200, height=100, emoji=None)
    assert str(caught.value) == "div/div[1]: Invalid base64 data in the image data URI data:image/png;base64,@@@"
    with pytest.raises(ImageError) as caught:
        render_svg(_card({"maskImage": f"url({PNG}), {BAD}"}), width=200, height=100, emoji=None)
    assert caught.value.path == "div/div[0]"


@pytest.mark.parametrize("style", [
    {"position": "absolute", "left": -500},  # outside the image: not drawn
    {"visibility": "hidden"},
    {"width": 0},
])
def test_a_layer_that_is_not_drawn_neither_fails_nor_reports(style: dict[str, Any]) -> None:
    warnings: list[Exception] = []
    for image in (BAD, "url(https://example.com/missing.png)"):
        svg = render_svg(_card({"backgroundImage": image, **style}), width=200, height=100, emoji=None,
                         fetcher=lambda url: b"", strict=False, on_warning=warnings.append)
        assert "<image" not in svg
    assert warnings == []


def test_a_failed_download_raises_in_strict_mode_with_its_path() -> None:
    def fetcher(url: str) -> bytes:
        raise OSError("down")

    card = _card({"backgroundColor": "blue"}, {"backgroundImage": "url(https://example.com/a.png)"})
    with pytest.raises(ImageError) as caught:
        render_svg(card, width=200, height=100, emoji=None, fetcher=fetcher, strict=True)
    assert str(caught.value) == "div/div[1]: Can't load image https://example.com/a.png: down"
