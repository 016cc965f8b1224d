"""The one white-space pass (text/white_space.py) of text nodes and inline content."""
from __future__ import annotations

import pytest

from satori_py.style import root_style
from satori_py.text.processor import preprocess
from satori_py.text.white_space import COLLAPSIBLE, Collapser, run_text


@pytest.mark.parametrize(("white_space", "expected"), [
    ("normal", "a b c d"),
    ("nowrap", "a b c d"),
    ("pre-line", "a b\nc d"),
    ("pre", "a  \t b \n c\td"),
    ("pre-wrap", "a  \t b \n c\td"),
])
def test_run_text(white_space: str, expected: str) -> None:
    assert run_text("a  \t b \n c\td", white_space) == expected


def test_a_text_node_keeps_spaces_at_newlines_with_pre_line() -> None:
    # The reference's text/processor.ts only collapses spaces and tabs (kept: it changes pixels).
    assert run_text("a \n  b", "pre-line", spaces_at_newlines=True) == "a \n b"
    root = root_style(width=100, height=100)
    assert preprocess(" a \n  b ", root.replace(whiteSpace="pre-line")).content == "a \n b"
    assert preprocess(" a \n  b ", root.replace(whiteSpace="normal")).content == "a b"


def _collapse(*parts: tuple[str, str] | str) -> tuple[str, list[int]]:
    collapser = Collapser()
    for owner, part in enumerate(parts):
        if part == "<br>":
            collapser.add_break(owner)
        elif part == "<img>":
            collapser.add_atomic("\ufffc", owner)
        else:
            assert isinstance(part, tuple)
            text, white_space = part
            collapser.add_text(run_text(text, white_space), owner, white_space in COLLAPSIBLE)
    return collapser.finish(), collapser.owners()


def test_spaces_collapse_across_runs_and_at_the_ends() -> None:
    assert _collapse((" a ", "normal"), ("  b ", "normal")) == ("a b", [0, 0, 1])
    assert _collapse((" ", "normal"), (" ", "normal")) == ("", [])


def test_a_preserved_newline_removes_the_collapsible_space_before_it() -> None:
    assert _collapse(("x ", "normal"), ("\n y", "pre")) == ("x\n y", [0, 1, 1, 1])
    assert _collapse(("x ", "pre"), ("\n y", "pre")) == ("x \n y", [0, 0, 1, 1, 1])


def test_breaks_and_atomics() -> None:
    assert _collapse(("a ", "normal"), "<br>", (" b", "normal")) == ("a\nb", [0, 1, 2])
    assert _collapse(("a ", "normal"), "<img>", (" b ", "normal")) == ("a \ufffc b", [0, 0, 1, 2, 2])
