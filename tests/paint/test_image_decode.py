"""WebP and AVIF draw as in a browser: the image at its natural size in our render is,
pixel for pixel, Pillow's decode of it over the page's background.

The golden cases paint/webp-image and paint/avif-image put the first image at
(20, 20), 120 x 90, its natural size, on white; their reference PNGs were also
checked against headless Chromium (the ``.chromium.png`` beside them).
"""
from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from tests.support import harness, paths

Image = pytest.importorskip("PIL.Image")
features = pytest.importorskip("PIL.features")

BOX = (20, 20, 120, 90)


@pytest.mark.parametrize("name", ["webp-image", "avif-image"])
def test_natural_size_image_is_the_decoded_picture(name: str) -> None:
    if name == "avif-image" and not features.check("avif"):
        pytest.skip("Pillow without AVIF")
    case_file: Path = paths.GOLDEN_DIR / "paint" / f"{name}.json"
    if not case_file.is_file():
        pytest.skip(f"no golden case {name}")
    from satori_py.case import load_case

    _, png = harness.render_case(load_case(case_file))
    ours = Image.open(io.BytesIO(png)).convert("RGBA")
    src = json.loads(case_file.read_text())["element"]["props"]["children"][0]["props"]["src"]
    picture = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).convert("RGBA")
    assert picture.size == BOX[2:]
    expected = Image.new("RGBA", picture.size, (255, 255, 255, 255))
    expected.alpha_composite(picture)
    x, y, w, h = BOX
    assert ours.crop((x, y, x + w, y + h)).tobytes() == expected.tobytes()
