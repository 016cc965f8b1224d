"""The Tailwind differential tester's own parts, without node (python -m tests.tailwind.differential runs it)."""
from __future__ import annotations

import random
from typing import Any

from satori_py.tailwind.resolver import resolve

from .differential import minimise
from .random_classes import card, class_list, one_class


def test_cards_and_lists_are_the_same_for_the_same_seed() -> None:
    assert card(3, 7) == card(3, 7) and card(3, 7) != card(3, 8) and card(4, 7) != card(3, 7)
    first, second = random.Random("x"), random.Random("x")
    assert [class_list(first) for _ in range(50)] == [class_list(second) for _ in range(50)]


def test_no_random_class_is_dropped_silently() -> None:
    # Each class applies something or is reported (a class under a breakpoint that does not
    # match the canvas is neither: it applies at other widths).
    rng = random.Random(11)
    for _ in range(3000):
        name = one_class(rng)
        resolution = resolve(name, width=1200, height=630)
        assert resolution.style or resolution.problems, name


def test_the_minimiser_keeps_only_what_fails() -> None:
    case = card(1, 5)

    def fails(candidate: dict[str, Any]) -> bool:
        return "w-5" in str(candidate["element"])

    small = case
    small["element"]["props"]["children"].append({"type": "div", "props": {"tw": "flex w-5 p-2", "children": "x"}})
    small = minimise(case, fails)
    assert small["element"]["props"]["tw"] == ""
    assert small["element"]["props"]["children"] == [{"type": "div", "props": {"tw": "w-5", "children": "x"}}]
