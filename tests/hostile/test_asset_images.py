"""Images that ``load_additional_asset`` returns (emoji, or any grapheme) are checked as any
image is, and only ``data:`` URIs are drawn.

Before: they went into the SVG as they came. A PNG claiming 60000 x 60000 px aborted the
process in resvg (10.8 GB asked for); a path was read by resvg as a file: ``/dev/zero``
grew the process past 2 GB, a FIFO hung the render past any timeout.
"""
from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest

from satori_py import LimitError, h, render_png, render_svg

from .support import png_header

CARD = h("div", {"style": {"display": "flex"}}, "Hi 😀")


def test_an_image_over_a_limit_is_refused_before_the_raster() -> None:
    bomb = "data:image/png;base64," + base64.b64encode(png_header(60000, 60000)).decode()
    with pytest.raises(LimitError) as info:  # (the SVG: before, render_png aborted the process)
        render_svg(CARD, width=200, height=40, load_additional_asset=lambda code, segment: bomb)
    assert str(info.value) == "An embedded image is 60000x60000 pixels, over the max_image_pixels limit of 40000000."
    assert (info.value.limit, info.value.prop) == ("max_image_pixels", "load_additional_asset")


@pytest.mark.parametrize("answer", ["/dev/zero", "file:///etc/passwd", "https://example.com/e.svg", "fifo"])
def test_an_image_that_is_not_a_data_uri_is_reported_and_not_drawn(answer: str, tmp_path: Path) -> None:
    if answer == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        answer = str(tmp_path / "fifo")
        os.mkfifo(answer)
    reports: list[Any] = []
    # (The SVG: before, render_png read the path, for ever for the FIFO.)
    svg = render_svg(CARD, width=200, height=40, on_warning=reports.append,
                     load_additional_asset=lambda code, segment: answer)
    assert "<image" not in svg
    # (Not drawn as an image, the emoji is the font's missing-glyph box, which is said too.)
    assert [str(r) for r in reports] == [f'load_additional_asset("emoji", "😀") returned "{answer}", which is not '
                                         "a data: URI: it is not drawn.",
                                         'div: No font has U+1F600 "😀": it is drawn as the missing-glyph box. Give a '
                                         "font that has it, or load_additional_asset."]
    if answer.startswith("https:"):
        assert render_png(CARD, width=200, height=40, on_warning=reports.append,
                          load_additional_asset=lambda code, segment: answer)[:4] == b"\x89PNG"
