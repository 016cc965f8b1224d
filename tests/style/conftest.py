"""Shared helpers for the style tests: computing a style the way the layout does."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.style import ComputedStyle, compute_style, root_style

VIEWPORT = (100.0, 50.0)


def style_of(style: dict[str, Any] | None = None, tag: str = "div", *, parent: ComputedStyle | None = None,
             props: dict[str, Any] | None = None, **kwargs: Any) -> ComputedStyle:
    """The computed style of one element under ``parent`` (default: the root)."""
    parent = parent or root_style(width=VIEWPORT[0], height=VIEWPORT[1])
    return compute_style(tag, {"style": style or {}, **(props or {})}, parent, viewport=VIEWPORT, **kwargs)


@pytest.fixture
def compute() -> Any:
    return style_of
