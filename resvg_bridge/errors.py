"""The one error type of resvg_bridge."""
from __future__ import annotations


class RasterizeError(Exception):
    """The SVG could not be rasterised (invalid SVG, bad option, missing backend)."""

    def __init__(self, message: str, *, backend: str | None = None) -> None:
        super().__init__(message)
        self.backend = backend
