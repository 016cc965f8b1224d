"""A ``data:`` URI the reference "resolved without size" is reported (images/source.py ``_unsized``).

The reference embeds such a source as it is and only warns on its console ("Image data URI
resolved without size"); resvg draws nothing of ``data:text/html,...``. Before: no report at all,
so a stranger's avatar of the wrong type vanished without a word. The SVG is the same as before.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import ImageError, h, render_svg


def rendered(src: str, **options: Any) -> tuple[str, list[str]]:
    told: list[str] = []
    svg = render_svg(h("div", {"style": {"display": "flex", "width": 40, "height": 40,
                                         "backgroundImage": f"url({src})"}},
                       h("img", {"src": src, "width": 10, "height": 10})),
                     width=50, height=50, on_warning=lambda e: told.append(str(e)), **options)
    return svg, told


@pytest.mark.parametrize(("src", "what"), [
    ("data:text/html,<b>x</b>", 'a data URI of type "text/html" that is not base64'),
    ("data:image/png,%89PNG", 'a data URI of type "image/png" that is not base64'),
    ("data:,hello", "a data URI of a type the renderer does not read"),
    ("data:application/octet-stream;base64,AAAA", "a data URI of a type the renderer does not read"),
])
def test_a_data_uri_without_size_is_reported_where_it_is_used(src: str, what: str) -> None:
    svg, told = rendered(src)
    message = (f"Image data URI resolved without size: {what} is embedded as it is, and drawn only if the "
               "rasteriser reads it as an image.")
    assert sorted(told) == [f"div/img[0]: {message}", f"div: {message}"]  # the <img>, the url() layer
    assert f'href="{src}"'.replace("<", "&lt;").replace(">", "&gt;") in svg  # embedded as it is
    with pytest.raises(ImageError) as info:
        render_svg(h("img", {"src": src, "width": 10, "height": 10}), width=20, height=20, strict=True)
    assert info.value.message == message
