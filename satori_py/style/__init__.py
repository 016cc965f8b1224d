"""The style stage: element type + props + parent style -> ComputedStyle.

Mirrors the reference's ``handler/compute.ts`` and ``handler/expand.ts``
(with presets, inheritance, custom properties and the CSS parsers they use).
See :func:`compute_style` and :class:`ComputedStyle`; the value types are in
:mod:`satori_py.style.types`.
"""
from __future__ import annotations

from .alignment import layout_alignment
from .colors import parse_color
from .computed import ComputedStyle, compute_style, root_style
from .font_features import font_feature_settings
from .replaced import ReplacedSize, image_size, natural_height_for, svg_size
from .stylesheet import apply_stylesheets, lay_out_with_stylesheets
from .types import (
                    RGBA,
                    BackgroundLayer,
                    Calc,
                    FitContent,
                    LineClamp,
                    LineHeight,
                    Percent,
                    Shadow,
                    TransformFunction,
                    TransformOrigin,
)

__all__ = [
    "RGBA", "BackgroundLayer", "Calc", "ComputedStyle", "FitContent", "LineClamp", "LineHeight",
    "Percent", "ReplacedSize", "Shadow", "TransformFunction", "TransformOrigin", "apply_stylesheets",
    "compute_style", "font_feature_settings", "image_size", "lay_out_with_stylesheets",
    "layout_alignment", "natural_height_for", "parse_color", "root_style", "svg_size",
]
