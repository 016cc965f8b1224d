"""The value types of the paint properties, parsed at style time.

Owns the immutable values the style stage makes of ``filter`` and
``backdropFilter`` (more paint layers join as they move from paint/ to the
style stage, issue 13): the painter reads them and never parses CSS. Lengths
are px; what needs the box's size stays a ``Percent``.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FilterFunction"]


@dataclass(frozen=True, slots=True)
class FilterFunction:
    """One filter function; ``value`` is px (blur), degrees (hue-rotate) or an amount.

    ``drop-shadow`` has ``offset``, ``value`` (its blur radius) and ``color``
    (CSS text); ``url`` has ``ref`` (the id of an SVG filter).
    """

    name: str
    value: float = 0.0
    offset: tuple[float, float] = (0.0, 0.0)
    color: str = "black"
    ref: str = ""
