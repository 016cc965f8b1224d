"""Characters no font has: drawn as the missing-glyph box, as the reference draws them, and said.

The reference (Satori 0.63.2, checked on ``A你好กB`` with Geist) draws each as Geist's ``.notdef``
box without a word; satori-py draws the same boxes and reports them (satori_py.text.missing_chars).
"""
from __future__ import annotations

import base64
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.errors import FontError, SatoriError

from .support import png_header

_DOT = "data:image/png;base64," + base64.b64encode(png_header(2, 2)).decode()


def _reports(children: Any, **options: Any) -> list[str]:
    heard: list[SatoriError] = []
    tree = {"type": "div", "props": {"style": {"display": "flex", "fontSize": 20},
                                     "children": [{"type": "p", "props": {"children": children}}]}}
    render_svg(tree, width=200, height=60, on_warning=heard.append, **options)
    return [str(error) for error in heard]


def test_characters_no_font_has_are_named_by_code_point_with_their_element() -> None:
    assert _reports("A你好\u0e01B") == [
        'div/p[0]: No font has U+4F60 "你", U+597D "好", U+0E01 "ก": they are drawn as the missing-glyph box. '
        "Give a font that has them, or load_additional_asset."]


def test_a_control_character_is_named_by_its_code_point_alone() -> None:
    assert _reports("a\x1bb") == [
        "div/p[0]: No font has U+001B: it is drawn as the missing-glyph box. Give a font that has it, "
        "or load_additional_asset."]


def test_a_long_list_names_eight_and_counts_the_others() -> None:
    (said,) = _reports("".join(chr(0x4E00 + i) for i in range(11)))
    assert said.endswith('U+4E07 "万" and 3 more: they are drawn as the missing-glyph box. Give a font that '
                         "has them, or load_additional_asset.")


def test_each_text_is_reported_at_its_own_element() -> None:
    assert _reports(["x\u0e01", {"type": "span", "props": {"children": "\u0e02"}}]) == [
        'div/p[0]: No font has U+0E01 "ก": it is drawn as the missing-glyph box. Give a font that has it, '
        "or load_additional_asset.",
        'div/p[0]/span[1]: No font has U+0E02 "ข": it is drawn as the missing-glyph box. Give a font that has '
        "it, or load_additional_asset."]


@pytest.mark.parametrize("text", ["a\u200bb", "a\u00adb", "a\ufeffb", "a\u202eb\u202c", "a\u3000b", "A\ufe0f",
                                  "\U0001F600", "1\u20e3", "plain Latin text"])
def test_what_is_drawn_as_nothing_or_as_an_emoji_image_is_not_reported(text: str) -> None:
    assert _reports(text) == []


def test_a_grapheme_image_or_an_answer_of_load_additional_asset_covers_the_character() -> None:
    assert _reports("\u2605", grapheme_images={"\u2605": _DOT}) == []
    assert _reports("\u2605", load_additional_asset=lambda code, segment: _DOT) == []


def test_strict_mode_fails_the_render() -> None:
    tree = {"type": "div", "props": {"children": "\u2605"}}
    with pytest.raises(FontError) as caught:
        render_svg(tree, width=100, height=40, strict=True)
    assert str(caught.value) == ('div: No font has U+2605 "★": it is drawn as the missing-glyph box. Give a font '
                                 "that has it, or load_additional_asset.")
    assert caught.value.path == "div" and caught.value.value == "\u2605"
