"""The one grapheme cut of the three ellipsis policies (satori_py/text/ellipsis.py)."""
from __future__ import annotations

from satori_py.text.ellipsis import (
    PlacedPiece,
    cut_in_order,
    cut_visual,
    ellipsis_text,
    ends_in_order,
    keep_fitting,
    needs_ellipsis,
)


def ten(text: str) -> float:
    return 10.0 * len(text)


def test_keep_fitting_from_either_end() -> None:
    assert keep_fitting(list("abcde"), ten, lambda w: w > 25) == ("ab", 20.0)
    assert keep_fitting(list("abcde"), ten, lambda w: w > 25, from_end=True) == ("de", 20.0)
    assert keep_fitting(list("abcde"), ten, lambda w: w > 5) == ("", 0.0)
    assert keep_fitting(list("abcde"), ten, lambda w: w > 5, keep_first=True) == ("a", 10.0)


def test_a_too_wide_ellipsis_falls_back_to_the_horizontal_ellipsis() -> None:
    assert ellipsis_text(" [more]", ten, 100) == (" [more]", 70.0)
    assert ellipsis_text(" [more]", ten, 60) == ("\u2026", 10.0)


def test_in_order_the_first_character_of_a_line_is_clipped_not_ellipsed() -> None:
    # Room for 3 graphemes + the ellipsis before 100, the piece starting at 50.
    assert cut_in_order("hello  ", 50.0, False, "\u2026", 10.0, 100.0, ten, None) == ("hell\u2026", 90.0)
    assert cut_in_order("hello", 95.0, False, "\u2026", 10.0, 100.0, ten, None) == ("\u2026", 0.0)
    assert cut_in_order("hello", 95.0, True, "\u2026", 10.0, 100.0, ten, None) == ("h\u2026", 105.0)


def test_visual_order_cuts_from_the_start_side_of_a_right_to_left_line() -> None:
    # Container 100 wide; pieces right to left: "abc" at 70-100, "de" at 40-60, "fgh" at 10-40.
    pieces = [PlacedPiece(0, 70.0, 30.0, "abc", True), PlacedPiece(1, 40.0, 20.0, "de", True),
              PlacedPiece(2, 10.0, 30.0, "fgh", True), PlacedPiece(3, 0.0, 10.0, "i", True)]
    cut = cut_visual(0, pieces, "\u2026", 10.0, rtl=True, width=100.0, room=80.0, measure=ten,
                     locale=None, round_left=True)
    # 70 of room for text: "abc" and "de" fit; "fgh" keeps its start, "f", at its right end;
    # "i" is hidden, the ellipsis goes left of the kept text.
    assert cut.hidden == {3}
    assert cut.truncated == (2, "f", 30.0)
    assert (cut.end, cut.left) == (30.0, 20.0)


def test_which_piece_of_a_text_node_gets_the_ellipsis_in_order() -> None:
    widths = [90.0, 90.0, 40.0]
    assert needs_ellipsis(1, widths, 100.0)  # lines follow
    assert not needs_ellipsis(2, widths, 100.0)  # the last line, and it fits
    assert needs_ellipsis(0, [120.0], 100.0)  # one line, wider than the room
    # Line 1 (limit 2): a piece ending at 80 with a 10-wide ellipsis gets it only when it ends
    # the line; one ending at 95 gets it anyway.
    assert not ends_in_order(1, 2, widths, 80.0, 10.0, 1, 100.0)
    assert ends_in_order(1, 2, widths, 80.0, 10.0, 2, 100.0)
    assert ends_in_order(1, 2, widths, 95.0, 10.0, 1, 100.0)
    assert not ends_in_order(0, 2, widths, 95.0, 10.0, 0, 100.0)  # not the last allowed line
