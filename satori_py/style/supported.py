"""The CSS properties satori-py reads, so that the others can be reported.

A declaration of any other property changes nothing (as in Satori, which
passes it through and never reads it); :func:`unsupported_property` words the
report, with the closest supported name when the property looks misspelt.
"""
from __future__ import annotations

from ..diagnostics import did_you_mean
from .c2rn import SHORTHANDS
from .paint_shorthands import PAINT_HANDLERS
from .properties import INHERITED, PROPERTIES
from .shorthands import BOX_HANDLERS

__all__ = ["SUPPORTED", "unsupported_property"]

_MASK_LONGHANDS = ("Image", "Position", "Size", "Repeat", "Origin", "Clip", "Composite", "Mode")

# Kept as written by the expansion and read later: by the end of compute_style (grid,
# style/grid_values.py), the layout (line clamps, form controls), the painter (clips,
# masks, 3D) or the stylesheet cascade.
_READ_AS_WRITTEN = frozenset({
    "grid", "gridTemplate", "gridArea", "gridRow", "gridColumn",
    "WebkitBoxOrient", "WebkitLineClamp", "appearance", "WebkitAppearance",
    "clipPath", "overflowClipMargin", "backgroundClip", "backfaceVisibility", "perspective",
    "perspectiveOrigin", "transformStyle",
    "mask", "WebkitMask", *(f"mask{part}" for part in _MASK_LONGHANDS),
    *(f"WebkitMask{part}" for part in _MASK_LONGHANDS),
    "container", "containerType", "containerName", "content",
})

SUPPORTED: frozenset[str] = frozenset({
    *PROPERTIES, *BOX_HANDLERS, *PAINT_HANDLERS, *SHORTHANDS, "font",  # style.expand's own shorthand
    *(name for name in INHERITED if not name.startswith("_")), *_READ_AS_WRITTEN,
})


def unsupported_property(written: str, name: str) -> str | None:
    """The report for property ``name`` (camelCase of ``written``), or None when it is supported."""
    if name in SUPPORTED:
        return None
    return f'CSS property "{written}" is not supported.{did_you_mean(name, SUPPORTED)}'
