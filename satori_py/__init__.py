"""satori-py: HTML-and-CSS-shaped element trees to SVG and PNG, without a browser.

The public names only; see :mod:`satori_py.api` for the pipeline. They are
imported when first used, so that ``import satori_py.cli`` (the command) or
``import satori_py.errors`` does not load the whole render stack.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import render_png, render_svg
    from .batch import render_many
    from .element import h
    from .errors import (FontError, ImageError, InvalidElementError, LimitError, RenderError,
                         SatoriError, StyleError)
    from .fetch import files_fetcher, http_fetcher
    from .limits import Limits
    from .options import Font
    from .templates import Template
    from .web import ImageResponse

__all__ = [
    "__version__", "render_svg", "render_png", "h", "Font", "Limits", "ImageResponse", "files_fetcher",
    "http_fetcher",
    "SatoriError", "InvalidElementError", "StyleError", "FontError", "ImageError", "LimitError",
    "RenderError", "render_many", "Template",
]

_HOMES = {
    "render_svg": ".api", "render_png": ".api", "h": ".element", "Font": ".options", "Limits": ".limits",
    "ImageResponse": ".web", "files_fetcher": ".fetch", "http_fetcher": ".fetch",
    "Template": ".templates", "render_many": ".batch",
    **dict.fromkeys(("SatoriError", "InvalidElementError", "StyleError", "FontError", "ImageError",
                     "LimitError", "RenderError"), ".errors"),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'satori_py' has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
