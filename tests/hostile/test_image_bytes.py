"""``max_image_bytes``: an image's bytes are counted before anything is decoded.

A 200 MB ``data:`` URI took 4 s and 792 MB before it was refused as damaged, and a valid
PNG padded to 50 MB in an inline ``<svg>``'s ``<image href>`` 7 s (the colour search over
the attribute) and made a 66 MB SVG. A ``data:`` URI is measured by its length (base64:
3 bytes per 4 characters), wherever it is: ``src``, ``url()``, inside an SVG image, in an
inline ``<svg>``; bytes given, downloaded or read from a file by their count.
"""
from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from satori_py import LimitError, Limits, files_fetcher, h, render_svg
from satori_py.images import source
from satori_py.limits import enforcing

from .support import png_header

SMALL = Limits(max_image_bytes=1000)
PNG = png_header(4, 4)
PADDED = PNG + bytes(1200)  # a PNG with data after IEND: over the limit, drawn if allowed
URI = "data:image/png;base64," + base64.b64encode(PADDED).decode()  # 1714 characters, 1269 bytes


@pytest.fixture(autouse=True)
def nothing_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The data is refused by its length: base64 is never decoded (a cached image would
    hide a decode: the cache is emptied)."""
    source.clear_image_cache()

    def refuse(*args: Any) -> bytes:
        raise AssertionError("decoded")
    monkeypatch.setattr(source, "_decode_base64", refuse)


def limit_error(element: Any, **options: Any) -> LimitError:
    with pytest.raises(LimitError) as info:
        render_svg(element, width=40, height=40, limits=SMALL, **options)
    assert info.value.limit == "max_image_bytes"
    return info.value


def test_an_img_data_uri() -> None:
    error = limit_error(h("div", {}, h("img", {"src": URI, "width": 4, "height": 4})))
    assert str(error) == ("div/img[0]: The data: URI has 1714 characters, 1269 bytes, over the max_image_bytes "
                          "limit of 1000.")
    assert (error.path, error.prop) == ("div/img[0]", "src")


def test_a_background_url() -> None:
    error = limit_error(h("div", {"style": {"width": 10, "height": 10, "backgroundImage": f"url({URI})"}}))
    assert (error.path, error.prop) == ("div", "backgroundImage")
    assert "The data: URI has 1714 characters, 1269 bytes" in str(error)


def test_percent_encoded_data_counts_a_byte_a_character() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">' + " " * 1000 + "</svg>"
    error = limit_error(h("img", {"src": "data:image/svg+xml;utf8," + svg, "width": 4, "height": 4}))
    assert str(error) == "img: The data: URI has 1091 characters, 1067 bytes, over the max_image_bytes limit of 1000."


def test_in_an_inline_svg() -> None:
    # (One inside an SVG image is checked too, though it is never larger than the SVG image.)
    error = limit_error(h("div", {}, h("svg", {"width": 4, "height": 4},
                                       h("image", {"href": URI, "width": 4, "height": 4}))))
    assert str(error) == ("div/svg[0]/image[0]: The data: URI has 1714 characters, 1269 bytes, over the "
                          "max_image_bytes limit of 1000.")
    assert error.prop == "href"


def test_bytes_given_downloaded_or_read_from_a_file(tmp_path: Path) -> None:
    error = limit_error(h("img", {"src": PADDED, "width": 4, "height": 4}))
    assert str(error) == "img: The image data is 1269 bytes, over the max_image_bytes limit of 1000."
    error = limit_error(h("img", {"src": "https://example.com/a.png", "width": 4, "height": 4}),
                        fetcher=lambda url: PADDED)
    assert str(error) == "img: The downloaded image is 1269 bytes, over the max_image_bytes limit of 1000."
    (tmp_path / "a.png").write_bytes(PADDED)
    error = limit_error(h("img", {"src": (tmp_path / "a.png").as_uri(), "width": 4, "height": 4}),
                        fetcher=files_fetcher(tmp_path))
    assert str(error) == "img: The image is 1269 bytes, over the max_image_bytes limit of 1000."
    with enforcing(SMALL), pytest.raises(LimitError) as info:  # a path (the CLI's cases read files)
        source.load_image(str(tmp_path / "a.png"), allow_files=True, prop="src")
    assert str(info.value) == "The image file is 1269 bytes, over the max_image_bytes limit of 1000."


def test_within_the_limit_it_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # decoding allowed
    svg = render_svg(h("img", {"src": URI, "width": 4, "height": 4}), width=40, height=40,
                     limits=Limits(max_image_bytes=1269))
    assert URI in svg
    assert Limits().max_image_bytes == 16 * 1024 * 1024
