"""A stranger's font file: what it may cost to read and to draw (the fuzzer is tests/fuzz/fonts.py)."""
from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont

from satori_py import Font, Limits, h, render_svg
from satori_py.errors import FontError, LimitError
from satori_py.text import outlines, woff2
from satori_py.text.faces import load_sfnt

from .support import glyph_stream_bomb, many_point_glyph

ROOT = Path(__file__).resolve().parents[2]


def card(text: str) -> dict:
    return h("div", {"style": {"display": "flex", "flexWrap": "wrap", "fontFamily": "F", "fontSize": 8,
                               "wordBreak": "break-all", "width": 400}}, text)


def test_glyphs_of_many_points_stop_at_max_glyph_points() -> None:
    # "x" is 1,000 squares, 5,000 points as drawn (a line back to the start of each): 100 of them are
    # 500,000 points, over a limit of 300,000.
    font = Font("F", many_point_glyph(4000))
    assert render_svg(card("x" * 50), fonts=[font], width=400, height=400, limits=Limits(max_glyph_points=300_000))
    with pytest.raises(LimitError) as info:
        render_svg(card("x" * 100), fonts=[font], width=400, height=400, limits=Limits(max_glyph_points=300_000))
    assert str(info.value) == ("div: The glyphs the render draws have more than 300000 outline points (the "
                               "max_glyph_points limit).")
    assert info.value.limit == "max_glyph_points"
    # Paths drawn before (and kept in the engine's caches) count again in the next render.
    with pytest.raises(LimitError, match="max_glyph_points"):
        render_svg(card("x" * 100), fonts=[font], width=400, height=400, limits=Limits(max_glyph_points=300_000))


def test_a_woff2_is_rebuilt_byte_for_byte_as_fonttools_rebuilds_it() -> None:
    data = (ROOT / "golden/text/fonts/Montserrat-VF-latin.woff2").read_bytes()
    font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
    font.flavor = None
    out = io.BytesIO()
    font.save(out, reorderTables=False)
    assert load_sfnt(data, "M") == out.getvalue()


def test_a_woff2_checks_the_deadline_while_its_glyphs_are_rebuilt(monkeypatch: pytest.MonkeyPatch) -> None:
    checks = []
    monkeypatch.setattr(woff2, "check_deadline", lambda: checks.append(1))
    load_sfnt(glyph_stream_bomb(2000, 0), "B")
    assert len(checks) == 8  # every 256 glyphs


@pytest.mark.parametrize("path", ["satori_py/assets/Geist-Regular.ttf", "golden/parity/fonts/NotoSansKR-subset-annyeong.otf"])
def test_a_font_of_units_per_em_0_is_a_font_error(path: str) -> None:
    # Every size is divided by unitsPerEm: ZeroDivisionError from the engine.
    data = bytearray((ROOT / path).read_bytes())
    head = data.index(b"head", 12, 12 + 16 * 32)
    struct.pack_into(">H", data, struct.unpack_from(">I", data, head + 8)[0] + 18, 0)
    with pytest.raises(FontError, match=r"^Failed to parse font Z: its unitsPerEm \(head\) is 0$"):
        render_svg(card("Hello 안녕"), fonts=[Font("Z", bytes(data))], width=100, height=100)


def test_the_outline_caches_hold_a_bounded_number_of_points() -> None:
    # One 16,000-point glyph (20,000 as drawn) at 100 font sizes: each size is an entry of the
    # scaled-outline cache; bounded by entries alone they held 2,000,000 points, for good.
    font = Font("F", many_point_glyph(16_000))
    for size in range(100):
        render_svg(h("div", {"style": {"fontFamily": "F", "fontSize": 10 + size}}, "x"), fonts=[font],
                   width=100, height=100)
    assert sum(map(outlines._held, list(outlines._CACHES))) <= outlines.CACHED_POINTS


def _without_table(data: bytes, tag: bytes) -> bytes:
    """``data`` with table ``tag`` renamed in the table directory, so the font has none."""
    out = bytearray(data)
    out[out.index(tag, 12, 12 + 16 * struct.unpack_from(">H", out, 4)[0])] = ord("z")
    return bytes(out)


def _table_cut(data: bytes, tag: bytes, length: int) -> bytes:
    """``data`` with table ``tag`` said to be ``length`` bytes long in the table directory."""
    out = bytearray(data)
    struct.pack_into(">I", out, out.index(tag, 12, 12 + 16 * struct.unpack_from(">H", out, 4)[0]) + 12, length)
    return bytes(out)


@pytest.mark.parametrize(("damage", "message"), [
    # The sfnt reader refuses, then fontTools' KeyError said only "'head'".
    (lambda data: _without_table(data, b"head"), "Failed to parse font Z: it has no head table"),
    (lambda data: _without_table(data, b"hhea"), "Failed to parse font Z: it has no hhea table"),
    # fontTools' struct.error said only "unpack requires a buffer of 36 bytes".
    (lambda data: _table_cut(data, b"hhea", 20),
     "Failed to parse font Z: its hhea table is damaged (unpack requires a buffer of 36 bytes)"),
    # Read per glyph, once the face is shared: fontTools' KeyError said "'loca'", and no font's name.
    (lambda data: _without_table(data, b"loca"), "div: Failed to read glyph 63 of font z: it has no loca table"),
], ids=["no head", "no hhea", "hhea cut", "no loca"])
def test_a_font_without_a_table_it_needs_says_which(damage: Any, message: str) -> None:
    data = damage((ROOT / "satori_py/assets/Geist-Regular.ttf").read_bytes())
    with pytest.raises(FontError) as info:
        render_svg(card("Hello"), fonts=[Font("Z", data)], width=100, height=100)
    assert str(info.value) == message


def test_a_glyph_error_names_the_font_the_text_is_set_in() -> None:
    # Two names register the same bytes, which share one parsed face: each error names its own font.
    data = _without_table((ROOT / "satori_py/assets/Geist-Regular.ttf").read_bytes(), b"loca")
    fonts = [Font("First", data), Font("Second", data)]
    for name in ("First", "Second"):
        with pytest.raises(FontError) as info:
            render_svg(h("div", {"style": {"fontFamily": name}}, "H"), fonts=fonts, width=100, height=100)
        assert str(info.value) == f"div: Failed to read glyph 63 of font {name.lower()}: it has no loca table"
        assert info.value.value == name.lower()
