"""``ImageResponse`` for Starlette and FastAPI: the public path of :mod:`satori_py.web.starlette`."""
from __future__ import annotations

from .web.starlette import ImageResponse, opengraph_image, shutdown, warm_up

__all__ = ["ImageResponse", "opengraph_image", "shutdown", "warm_up"]
