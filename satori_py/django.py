"""``ImageResponse`` for Django: the public path of :mod:`satori_py.web.django`."""
from __future__ import annotations

from .web.django import ImageResponse, opengraph_image

__all__ = ["ImageResponse", "opengraph_image"]
