"""Regular expressions compiled when first used; a base module, below the stages.

A module writes its patterns at its top, ``_NUMBER = lazy_compile(r"...")``, and uses
them as compiled ones (``_NUMBER.fullmatch(text)``). Compiling a pattern costs
0.1-0.5 ms, and modules compiled theirs on import: a plain card's CLI run compiled 91,
used 22 of them, and the rest were ~10 % of its CPU time. Here the first use compiles
the pattern and keeps the compiled pattern's methods on the object, so later calls find
them as directly as on a compiled pattern. Two threads using a pattern first at once
compile it twice, harmlessly.

A lazy pattern is not a :class:`re.Pattern`: it is used through its methods, never
handed to ``re.sub`` and the like.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["NUMBER", "LazyPattern", "lazy_compile"]

# A number's text in CSS and SVG, to compose patterns from: `\d+(?:\.\d*)?`, not `\d+\.?\d*`,
# whose digits split two ways between its parts, so that a long run of them that fails to
# match is tried every way (5,000 digits: 2.7 s). js_numbers has the ASCII-only twin.
NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"

_KEPT = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "pattern", "flags",
         "groups", "groupindex")


class LazyPattern:
    """A :class:`re.Pattern` compiled on first use (see the module)."""

    # Set on first use, from the compiled pattern (__getattr__ answers until then).
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    search: Callable[..., re.Match[str] | None]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]
    findall: Callable[..., list[Any]]
    finditer: Callable[..., Iterator[re.Match[str]]]
    pattern: str
    flags: int
    groups: int
    groupindex: dict[str, int]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only until the first use has kept _KEPT
        if name not in _KEPT:
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for kept in _KEPT:
            setattr(self, kept, getattr(compiled, kept))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source[0]!r}{f', {self._source[1]}' if self._source[1] else ''})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, done on first use."""
    return LazyPattern(pattern, flags)
