"""Theme values Tailwind computes from other theme keys, as data.

Tailwind's default config writes e.g. ``width: ({ theme }) => ({ auto: 'auto',
...theme('spacing'), ... })``, so a user's ``spacing`` reaches ``w-*`` too. The
generated :mod:`.default_theme` keeps those keys as :class:`Derived` parts, which
:mod:`.config` evaluates against the merged theme (``resolveFunctionKeys``).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..frozen import Frozen

__all__ = ["MISSING", "Breakpoints", "Derived", "Ref", "Spread", "evaluate"]

# What a theme path that leads nowhere gives (JavaScript's undefined).
MISSING: Any = object()


class Ref(Frozen):
    """``theme(path, default)``: the value at a dotted theme path."""

    path: str
    default: Any = MISSING


class Spread(Frozen):
    """``...theme(path)`` inside an object: the entries of the value at ``path``."""

    path: str


class Breakpoints(Frozen):
    """``...breakpoints(theme(path))``: ``screen-NAME`` entries for the string screens."""

    path: str


class Derived:
    """An object built from plain entries and spreads, in order."""

    __slots__ = ("parts",)

    def __init__(self, *parts: dict[str, Any] | Spread | Breakpoints) -> None:
        self.parts = parts


def evaluate(value: Any, lookup: Callable[[str], Any]) -> Any:
    """The plain value of ``value``, reading other theme paths through ``lookup``."""
    if isinstance(value, Ref):
        found = lookup(value.path)
        if found is MISSING:
            return value.default
        return found
    if not isinstance(value, Derived):
        return value
    result: dict[str, Any] = {}
    for part in value.parts:
        if isinstance(part, Spread):
            spread = lookup(part.path)
            if isinstance(spread, dict):
                result.update(spread)
        elif isinstance(part, Breakpoints):
            screens = lookup(part.path)
            if isinstance(screens, dict):
                result.update({f"screen-{k}": v for k, v in screens.items() if isinstance(v, str)})
        else:
            result.update({k: evaluate(v, lookup) for k, v in part.items()})
    return result

