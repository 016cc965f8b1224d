"""Regular expressions compiled on first use (satori_py/patterns.py)."""
from __future__ import annotations

import re

import pytest

from satori_py.patterns import lazy_compile


def test_a_lazy_pattern_compiles_on_first_use_and_answers_as_a_compiled_one() -> None:
    lazy, compiled = lazy_compile(r"(\d+)(px)?", re.IGNORECASE), re.compile(r"(\d+)(px)?", re.IGNORECASE)
    assert "fullmatch" not in vars(lazy)  # nothing compiled yet
    assert repr(lazy) == "lazy_compile('(\\\\d+)(px)?', re.IGNORECASE)"
    match = lazy.fullmatch("12PX")
    assert match is not None and match.groups() == ("12", "PX")
    assert vars(lazy)["fullmatch"] == compiled.fullmatch  # kept: later calls go straight to it
    assert lazy.sub("-", "a1b22") == compiled.sub("-", "a1b22") == "a-b-"
    assert [m.span() for m in lazy.finditer("1 22")] == [(0, 1), (2, 4)]
    assert (lazy.pattern, lazy.flags, lazy.groups) == (compiled.pattern, compiled.flags, compiled.groups)
    with pytest.raises(AttributeError):
        lazy.scanner  # noqa: B018 - not kept: a lazy pattern is used through its methods
