"""Composite glyphs of a user font that multiply: a glyph's points and component visits are bounded
(satori_py/text/outlines.py MAX_GLYPH_POINTS, 65535 as TrueType's 16-bit point numbers), in the
sfnt column reader and in the fontTools reader it falls back to. Three levels of 1000 components
(a 144 KB font) never finished before; see also test_issue_inputs.py."""
from __future__ import annotations

import pytest

from satori_py import Font, LimitError, Limits, h, render_svg
from satori_py.errors import FontError
from satori_py.text import outlines

from .support import composite_bomb


def _render(font: bytes, text: str = "x") -> str:
    return render_svg(h("div", {"style": {"display": "flex", "fontFamily": "Bomb"}}, text), width=100, height=50,
                      fonts=[Font("Bomb", font)])


@pytest.mark.parametrize("base, message", [
    ("o", "A composite glyph of a font has more than 65535 points."),  # 300 x 300 x 28 points
    (" ", "A composite glyph of a font visits more than 65535 components."),  # 90000 visits that draw nothing
])
def test_a_composite_glyph_that_multiplies_is_refused(base: str, message: str) -> None:
    font = composite_bomb(300, 2, base)
    with pytest.raises(FontError) as info:
        _render(font)
    # The face is shared by every name its bytes are registered under: the error names the font the text is set in.
    assert str(info.value) == f"div: Failed to read glyph 976 of font bomb: {message}"  # Geist has 975 glyphs
    assert info.value.value == "bomb"
    assert _render(font, "o")  # the font's other glyphs draw


def test_the_fonttools_reader_counts_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sfnt reader refuses; the fallback must not then spend what it saved.
    import io

    from fontTools.ttLib import TTFont

    tt = TTFont(io.BytesIO(composite_bomb(300, 2, " ")))
    with pytest.raises(FontError, match="visits more than 65535 components"):
        outlines.glyf_outline(tt["glyf"], "bomb1")
    assert outlines.glyf_outline(tt["glyf"], "bomb0") == outlines.EMPTY_OUTLINE  # 300 visits: within


def test_emoji_drawn_count_as_glyph_points() -> None:
    # Each emoji drawn writes its document out again (this Twemoji's data URI: 101 points).
    # Before: not counted: 190,000 in a title made a 230 MB SVG and took 1 GB of memory, and
    # max_total_text allows five such titles.
    def card(n: int) -> dict[str, object]:
        return h("div", {"style": {"display": "flex", "flexWrap": "wrap", "fontSize": 2}}, "\U0001F300" * n)

    limits = Limits(max_glyph_points=50_000)
    assert render_svg(card(400), width=100, height=100, limits=limits).count("<svg") == 401
    with pytest.raises(LimitError) as info:
        render_svg(card(600), width=100, height=100, limits=limits)
    assert str(info.value) == ("div: The glyphs the render draws have more than 50000 outline points "
                               "(the max_glyph_points limit).")
