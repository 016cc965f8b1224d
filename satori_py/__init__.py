"""satori-py: HTML-and-CSS-shaped element trees to SVG and PNG, without a browser.

The public names only; see :mod:`satori_py.api` for the pipeline.
"""
from __future__ import annotations

from ._version import __version__
from .api import render_png, render_svg
from .element import h
from .templates import Template
from .errors import (FontError, ImageError, InvalidElementError, LimitError, RenderError,
                     SatoriError, StyleError)
from .limits import Limits
from .options import Font
from .fetch import files_fetcher, http_fetcher
from .web import ImageResponse

__all__ = [
    "__version__", "render_svg", "render_png", "h", "Font", "Limits", "ImageResponse", "files_fetcher",
    "http_fetcher",
    "SatoriError", "InvalidElementError", "StyleError", "FontError", "ImageError", "LimitError",
    "RenderError", "render_many", "Template",
]


def __getattr__(name: str) -> object:
    # The batch machinery (process pools, Dask glue) is imported on first use only.
    if name == "render_many":
        from .batch import render_many

        return render_many
    raise AttributeError(f"module 'satori_py' has no attribute {name!r}")
