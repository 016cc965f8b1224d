"""A ``fonts`` option that is not a list of Font: a FontError naming the entry, from every entry point.

A caller that builds the list from a request or a config file can hand over a font name, the
font file's bytes, one Font without its list, or a list holding a dict or None. render_svg said
``Expected a satori_py.Font, got str.`` without saying which entry (or raised ``TypeError: 'int'
object is not iterable`` for a number), and ImageResponse raised a bare TypeError.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import Font, render_png, render_svg
from satori_py.assets import DEFAULT_FONT_PATH
from satori_py.errors import FontError
from satori_py.web.response import ImageResponse

GEIST = Font("Geist", DEFAULT_FONT_PATH)
CARD = {"type": "div", "props": {"children": "Hi"}}

CASES: list[tuple[Any, str]] = [
    (5, "Invalid fonts: expected a list of satori_py.Font, got int."),
    ("Geist", "Invalid fonts: expected a list of satori_py.Font, got str."),
    (b"\x00\x01\x00\x00", "Invalid fonts: expected a list of satori_py.Font, got bytes."),
    ({"name": "Geist", "data": b""}, "Invalid fonts: expected a list of satori_py.Font, got dict."),
    (GEIST, "Invalid fonts: expected a list of satori_py.Font, got one Font (put it in a list)."),
    ([GEIST, None], "Invalid fonts[1]: expected a satori_py.Font, got NoneType."),
    ([{"name": "Geist", "data": b""}], "Invalid fonts[0]: expected a satori_py.Font, got dict."),
    ([GEIST, GEIST, "Geist"], "Invalid fonts[2]: expected a satori_py.Font, got str."),
]


@pytest.mark.parametrize(("fonts", "message"), CASES)
def test_a_broken_fonts_option_names_its_entry(fonts: Any, message: str) -> None:
    for render in (render_svg, render_png):
        with pytest.raises(FontError) as info:
            render(CARD, width=40, height=20, fonts=fonts)
        assert str(info.value) == message
        assert info.value.prop == "fonts"
    with pytest.raises(FontError) as info:
        ImageResponse(CARD, fonts=fonts)
    assert str(info.value) == message


def test_any_iterable_of_fonts_is_a_list_of_fonts() -> None:
    svg = render_svg(CARD, width=40, height=20, fonts=[GEIST])
    assert render_svg(CARD, width=40, height=20, fonts=(GEIST,)) == svg
    assert render_svg(CARD, width=40, height=20, fonts=iter([GEIST])) == svg  # type: ignore[arg-type]
    assert ImageResponse(CARD, fonts=iter([GEIST]), width=40, height=20).job.fonts == (GEIST,)  # type: ignore[arg-type]
