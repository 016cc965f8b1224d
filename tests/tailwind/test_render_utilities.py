"""A render reads each utility once (TailwindStage's ``utilities``), against reading it per list.

twrnc reads every class list with a fresh cache; a render's lists often repeat utilities
(``text-white``, ``px-4``). The stage keeps what each utility came to for the render's
other lists. Whatever lists a render holds, and in whatever order, each must resolve
exactly as it does alone: same style (keys in the same order), same problems, same
dropped keys, the styles of one list never changed by another's.
"""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py.tailwind.apply import TailwindStage
from satori_py.tailwind.config import resolve_config
from satori_py.tailwind.parser import Utilities
from satori_py.tailwind.resolver import _device, resolve_classes
from tests.tailwind.random_classes import class_list

# Classes whose results are completed from the others (font variants append to a list,
# colours wait for an opacity, leading/tracking read the font size) and prefixed ones.
SHARED = ("oldstyle-nums", "lining-nums", "tabular-nums", "bg-red-500", "bg-opacity-50", "leading-tight",
          "tracking-wide", "text-xl", "md:p-4", "sm:text-red-500", "p-4", "md:hover:flex", "dark:bg-black",
          "text-[20px]", "gap-4", "shadow-lg", "shadow-red-500", "font-mono", "w-1/2", "top-[-3px]")


def _lists(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join([class_list(rng), *rng.sample(SHARED, rng.randint(0, 6))]) for _ in range(count)]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32), count=st.integers(1, 25),
       size=st.sampled_from([(1200, 630), (600, 800), (None, None)]))
def test_lists_resolve_as_alone_with_the_renders_utilities(seed: int, count: int,
                                                           size: tuple[int | None, int | None]) -> None:
    theme, device = resolve_config(None), _device(*size)
    utilities: Utilities = {}
    lists = _lists(seed, count)
    shared = [resolve_classes(classes, theme, device, utilities) for classes in lists]
    for classes, found in zip(lists, shared):
        alone = resolve_classes(classes, theme, device)
        assert repr(found.style) == repr(alone.style), classes  # repr: keys in order, NaN (w-screen) equal
        assert found.problems == alone.problems, classes
        assert found.dropped == alone.dropped, classes


def test_a_render_reads_each_utility_once() -> None:
    # A width no other test uses, so that the class lists are not in the resolver's cache.
    stage = TailwindStage(1234.5, 630, None)
    stage("px-[13px] text-[#123456] bg-[#abcdef]/50", {})
    read = dict(stage.utilities)
    stage("text-[#123456] px-[13px] md:bg-[#abcdef]/50 flex", {})
    assert stage.utilities == read  # nothing new read: the second list's utilities were known
    assert set(read) == {"px-[13px]", "text-[#123456]", "bg-[#abcdef]/50"}
