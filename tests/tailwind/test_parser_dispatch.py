"""The parser's dispatch on a utility's first character against twrnc's long way.

twrnc tries its 17 families in order for every utility; ours calls only the families
that can start at the cursor's first character, picked again after a family consumed a
prefix and failed. Both must give the same result and the same problems for any class,
including the quirk that a failed family leaves the rest to the next ones (``text-font-
sans`` is a font family).
"""
from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py.tailwind.config import resolve_config
from satori_py.tailwind.parser import FAMILIES, _Utility
from satori_py.tailwind.resolver import _device
from satori_py.tailwind.units import IR, Complete, Dependent

THEME = resolve_config(None)
DEVICE = _device(1200, 630)
# Each family's prefixes, the pieces after them and values of every kind.
FRAGMENTS = (
    "-", "m", "p", "t", "b", "l", "r", "x", "y", "h-", "w-", "min-w-", "min-h-", "max-w-", "max-h-", "leading-",
    "text-", "font-", "aspect-", "ratio-", "tint-", "bg-", "border", "border-", "opacity-", "rounded", "rounded-",
    "bottom-", "top-", "left-", "right-", "inset-", "flex-", "grow", "shrink", "shadow-", "color-", "offset-",
    "radius-", "elevation-", "tracking-", "z-", "4", "1/2", "0", "px", "full", "auto", "screen", "sm", "lg", "tight",
    "wide", "red-500", "white", "black/50", "[3px]", "[#abc]", "[2rem]", "[1.5]", "16/9", "sans", "mono", "bold",
    "none", "1", "10", "50", "center", "/20", "-x-", "-y-", "s", "g", "e", "o", "z", "a", "i", "f", "q", "",
)
UTILITIES = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("".join),
    st.text(alphabet="abefghilmoprstwxyz-[]#0123456789/.", max_size=14),
)


def _long_way(utility: _Utility) -> IR:
    """twrnc's ClassParser.parseUtility: every family in order."""
    if utility.cursor.string.startswith("-"):
        utility.cursor.position = 1
        utility.negative = True
    for family, _ in FAMILIES:
        found = family(utility)
        if found is not None:
            return found
    utility.problems.append(("unknown", "unknown or invalid utility"))
    return None


def _outcome(ir: IR) -> Any:
    """What a result comes to: its style, or what it makes of a few merged styles."""
    if isinstance(ir, Complete):
        return ir.style
    if isinstance(ir, Dependent):
        completed = []
        for base in ({}, {"fontSize": 20}, {"fontSize": "2rem", "color": "rgba(0, 0, 0, var(--tw-text-opacity))",
                                            "__opacity_text": 0.5}):
            style: dict[str, Any] = dict(base)
            error = ir.complete(style)
            completed.append((style, error))
        return completed
    return ir


@settings(max_examples=3000, deadline=None)
@given(UTILITIES)
def test_the_dispatch_gives_what_every_family_in_order_gives(string: str) -> None:
    fast: list[tuple[str, str]] = []
    slow: list[tuple[str, str]] = []
    found = _Utility(string, THEME, DEVICE, fast).parse()
    expected = _long_way(_Utility(string, THEME, DEVICE, slow))
    assert _outcome(found) == _outcome(expected)
    assert fast == slow


def test_a_failed_family_leaves_the_rest_to_the_next_ones() -> None:
    # text- reads no size or colour in "font-mono"; the font family after it does.
    problems: list[tuple[str, str]] = []
    found = _Utility("text-font-mono", THEME, DEVICE, problems).parse()
    assert isinstance(found, Complete) and "fontFamily" in found.style and problems == []
