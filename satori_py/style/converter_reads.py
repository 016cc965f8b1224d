"""Which converters of :mod:`.convert` read nothing of the element.

A converter that reads only ``ctx.prop`` and the current colour (``ctx.color``) of its
:class:`~.convert.Context` converts a value the same on every element of that colour, when it
calls none of the context's callbacks (reports). The fused declaration steps (:mod:`.steps`)
keep such a conversion once per value. Each converter says so where it is defined
(``@alone()``, or ``@alone(test)`` for the values it reads nothing else for); the others read
the font size, the lengths or the element's other values.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["alone", "converts_alone", "not_text"]

_Converter = Callable[[Any, Any], Any]
_ALONE: dict[_Converter, Callable[[Any], bool]] = {}


def _always(value: Any) -> bool:
    return True


def not_text(value: Any) -> bool:
    """For converters that read the font size or the lengths for a text only."""
    return not isinstance(value, str)


def alone(when: Callable[[Any], bool] = _always) -> Callable[[_Converter], _Converter]:
    """Register a converter as reading nothing of the element for the values ``when`` accepts."""
    def register(converter: _Converter) -> _Converter:
        _ALONE[converter] = when
        return converter
    return register


def converts_alone(converter: _Converter, value: Any) -> bool:
    """Whether ``converter`` reads nothing of the element for ``value`` (see the module)."""
    when = _ALONE.get(converter)
    return when is not None and when(value)
