"""The range of lengths as browsers keep them, below every stage.

Lengths past ``MAX_LENGTH`` px are clamped (Chrome's LayoutUnit range); the layout
computes in f32 (Taffy), where larger values soon overflow to infinity. The style
stage clamps what it reads, the painter what it computes from percentages and
math functions.
"""
from __future__ import annotations

__all__ = ["MAX_LENGTH", "finite_length", "top_level"]

MAX_LENGTH = 33554431.0


def finite_length(value: float) -> float | None:
    """A length as browsers keep it: clamped to ``MAX_LENGTH`` px (``1e999px`` too); NaN is
    not a length (None)."""
    if value != value:
        return None
    return max(-MAX_LENGTH, min(MAX_LENGTH, value))


def top_level(value: float) -> float:
    """A math function's result as CSS Values 4 takes it: NaN is 0, infinities are clamped."""
    if value != value:
        return 0.0
    return max(-MAX_LENGTH, min(MAX_LENGTH, value))
