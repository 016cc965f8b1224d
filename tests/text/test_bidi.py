"""Bidi: the reference's piece-level levels (the default), per-character levels (UAX #9,
``REFERENCE_BIDI = False``), line rules L1/L2, and the visual order of words in plain and
inline text in both modes.

Where the real Satori (0.63.2, a piece-level approximation) and a browser disagree, the
default follows Satori (checked against it: golden/parity/rtl-arabic-latin-numerals and
golden/text/rtl-mixed-latin-arabic-hebrew) and the browser mode follows headless Chromium
(golden/text/rtl-mixed-latin-arabic-hebrew.chromium.png).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from satori_py.options import Font
from satori_py.paint.text import paint_text
from satori_py.svg import SvgNode
from satori_py.text import bidi
from satori_py.text.bidi import (
    char_levels,
    line_levels,
    needs_bidi,
    piece_class,
    reorder_line,
    resolve_piece_levels,
    split_by_direction,
    split_by_level,
)
from satori_py.text.fonts import FontRegistry
from satori_py.text.paragraph import Paragraph
from tests.text.test_paragraph import items_of, styled

ROOT = Path(__file__).resolve().parents[2]
FONTS = (("Geist", ROOT / "satori_py" / "assets" / "Geist-Regular.ttf"),
         ("Noto Sans Hebrew", ROOT / "golden" / "text" / "fonts" / "NotoSansHebrew-Regular.ttf"),
         ("Noto Sans Arabic", ROOT / "golden" / "text" / "fonts" / "NotoSansArabic-Regular.ttf"))


@pytest.mark.parametrize(("text", "rtl", "levels"), [
    ("abc", False, "000"),
    ("abc", True, "222"),
    ("אב גד", False, "11111"),
    ("ab אב cd", False, "00011000"),
    # Neutrals at the end of a right-to-left paragraph take its direction.
    ("ab!", True, "221"),
    # W4: one separator between numbers is part of the number; the reference gives the
    # ":" piece level 1, showing 30:10.
    ("ב 10:30", True, "1122222"),
    # W2: European digits after Arabic letters are Arabic numbers (still level 2).
    ("عدد 12", False, "111122"),
    # N0: a bracket pair takes the direction of the text before it; the reference puts
    # ")" at the paragraph level.
    ("a (b) ש", True, "2222211"),
    # Isolates (RLI ... PDI) and overrides (RLO ... PDF).
    ("\u2067ab\u2069 c", False, "022000"),
    ("\u202eab\u202c", False, "0111"),
    # Paragraphs end at newlines; each has the base level.
    ("א\nb", True, "112"),
])
def test_char_levels(text: str, rtl: bool, levels: str) -> None:
    assert "".join(str(n) for n in char_levels(text, rtl)) == levels


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bidi as browsers do it (UAX #9 per character, inline lines reordered)."""
    monkeypatch.setattr(bidi, "REFERENCE_BIDI", False)


def test_needs_bidi() -> None:
    assert needs_bidi("abc", True)
    assert needs_bidi("abc שלום", False)
    assert not needs_bidi("x\u202ey", False)  # the reference ignores overrides
    assert not needs_bidi("abc 123 (x)", False)
    assert char_levels("", False) == ()


@pytest.mark.usefixtures("browser")
def test_needs_bidi_in_browsers() -> None:
    assert needs_bidi("x\u202ey", False)  # an override makes Latin right-to-left


def test_split_by_level() -> None:
    text = "הפגישה ב-10:30, הנחה"
    levels = char_levels(text, True)
    assert split_by_level("ב-10:30,", levels, 7) == [("ב-", 1), ("10:30", 2), (",", 1)]
    assert split_by_level("הנחה", levels, 16) == [("הנחה", 1)]
    # Marks stay with their base: "é" is one grapheme.
    assert split_by_level("e\u0301א", char_levels("e\u0301א", False), 0) == [("e\u0301", 0), ("א", 1)]


def test_line_levels_l1(monkeypatch: pytest.MonkeyPatch) -> None:
    # Spaces at the end of the line go to the paragraph level; in browsers also before a tab.
    assert line_levels(["א", " ", "ב", " "], [1, 1, 1, 1], 0) == [1, 1, 1, 0]
    assert line_levels(["a", " ", "\t", "b"], [2, 2, 2, 2], 1) == [2, 2, 2, 2]
    monkeypatch.setattr(bidi, "REFERENCE_BIDI", False)
    assert line_levels(["a", " ", "\t", "b"], [2, 2, 2, 2], 1) == [2, 1, 1, 2]


@pytest.mark.parametrize(("text", "cls"), [
    ("abc", "L"), ("שלום", "R"), ("مرحبا", "R"), ("12", "EN"), ("\u0661\u0662", "AN"),
    (" ", "N"), (":", "N"), ("+12%", "EN"), ("1a", "L"), ("\u200f1", "R"), ("\u200ex", "L"),
])
def test_piece_class(text: str, cls: str) -> None:
    assert piece_class(text) == cls


def test_split_by_direction() -> None:
    assert split_by_direction("abc") == ["abc"]  # no right-to-left text: one piece
    assert split_by_direction("ב-10") == ["ב-", "10"]
    assert split_by_direction("Satori،مرحبا") == ["Satori،", "مرحبا"]


def test_resolve_piece_levels() -> None:
    # "ב 10 : 30": the ":" piece is neutral between numbers (R), so it's at level 1.
    assert resolve_piece_levels(["R", "N", "EN", "N", "EN"], 1) == [1, 1, 2, 1, 2]
    # W7: numbers after L text are L; neutrals between L and R take the base.
    assert resolve_piece_levels(["L", "N", "EN", "N", "R"], 0) == [0, 0, 0, 0, 1]
    assert resolve_piece_levels(["N", "R", "N"], 0) == [0, 1, 0]


def test_reorder_line() -> None:
    # An RTL run of three pieces is mirrored within its extent.
    assert reorder_line([(0, 10), (10, 5), (15, 20), (35, 10)], [1, 1, 1, 0], 45) == [25, 20, 0, 35]
    # A number (level 2) inside right-to-left text keeps its own order.
    assert reorder_line([(0, 10), (10, 10), (20, 10)], [1, 2, 2], 30) == [20, 0, 10]


# --- words in visual order -------------------------------------------------------------

@cache
def _registry() -> FontRegistry:
    return FontRegistry([Font(name, str(path)) for name, path in FONTS])


def _walk(nodes: list[SvgNode]) -> list[SvgNode]:
    out = []
    for node in nodes:
        out.append(node)
        out.extend(_walk(node.children))
    return out


def visual(children: list[Any], css: dict[str, Any], width: float = 600,
           words: bool = False) -> list[str]:
    """Each line's text left to right (pieces drawn as ``<text>``, sorted by x); with
    ``words``, its pieces without white space, separated by spaces (inline layout
    doesn't draw white space)."""
    style = styled({"fontFamily": "Geist, Noto Sans Hebrew, Noto Sans Arabic", "fontSize": 20,
                    **css}, width)
    paragraph = Paragraph(items_of(children, style, "div", width), style, _registry(),
                          embed_font=False)
    paragraph.measure(width, "definite")
    drawings = paragraph.layout(width).drawings(0, 0)
    texts = [n for n in _walk(paint_text(drawings, id_prefix="t")) if n.tag == "text"]
    lines: dict[float, list[tuple[float, str]]] = {}
    for node in texts:
        lines.setdefault(float(node.attrs["y"]), []).append((float(node.attrs["x"]), node.text or ""))
    if words:
        return [" ".join(t.strip() for _, t in sorted(line) if t.strip())
                for _, line in sorted(lines.items())]
    return ["".join(t for _, t in sorted(line)).strip() for _, line in sorted(lines.items())]


def test_rtl_paragraph_starts_at_the_right() -> None:
    assert visual(["שלום world, זה Satori!"], {"direction": "rtl"}) == ["!Satori זה ,world שלום"]


@pytest.mark.usefixtures("browser")
def test_numbers_keep_their_order_in_rtl() -> None:
    # The reference shows "30:10" and "12/31" here (Chromium: 10:30, 31/12).
    line = visual(["ב 10:30 עד 31/12"], {"direction": "rtl"})[0]
    assert line == "31/12 עד 10:30 ב"


@pytest.mark.usefixtures("browser")
def test_bracket_pairs_and_overrides() -> None:
    assert visual(["כתוב a (b) ליד"], {"direction": "rtl"}) == ["ליד a (b) כתוב"]
    # The override's text is shaped right-to-left as one piece: drawn reversed.
    assert visual(["x \u202eabc\u202c y"], {}) == ["x \u202eabc\u202c y"]


def test_ltr_paragraph_with_rtl_words() -> None:
    assert visual(["Hello שלום עולם and"], {}) == ["Hello עולם שלום and"]


@pytest.mark.usefixtures("browser")
def test_inline_spans_are_reordered() -> None:
    """The reference's inline layout doesn't reorder lines with inline elements at all
    (its words stay in logical order from the left); browsers do."""
    span = {"type": "span", "props": {"style": {"color": "red"}, "children": "world"}}
    assert visual(["שלום ", span, " עולם גדול"], {"direction": "rtl"}, words=True) == [
        "גדול עולם world שלום"]
    hebrew = {"type": "span", "props": {"children": "שלום עולם"}}
    assert visual(["Hello ", hebrew, " and more"], {}, words=True) == ["Hello עולם שלום and more"]


def test_wrapped_rtl_lines() -> None:
    lines = visual(["אחת שתיים שלוש ארבע חמש שש שבע שמונה"], {"direction": "rtl"}, width=120)
    assert len(lines) > 1
    # Each line reads right to left: its first word is the rightmost.
    assert lines[0].split()[-1] == "אחת"


def test_reference_order_of_numbers_brackets_and_inline_lines() -> None:
    """What satori 0.63.2 draws (golden/parity/rtl-arabic-latin-numerals): numbers split
    by separators run right to left, a bracket pair is broken, inline lines aren't reordered."""
    assert visual(["ב 10:30 עד 31/12"], {"direction": "rtl"}) == ["12/31 עד 30:10 ב"]
    assert visual(["מחיר +12% היום"], {"direction": "rtl"}) == ["היום %12+ מחיר"]
    assert visual(["כתוב a (b) ליד"], {"direction": "rtl"}) == ["ליד )a (b כתוב"]
    span = {"type": "span", "props": {"style": {"color": "red"}, "children": "world"}}
    assert visual(["שלום ", span, " עולם גדול"], {"direction": "rtl"}, words=True) == [
        "שלום world עולם גדול"]
