"""``ImageResponse`` for Flask (and any Werkzeug app): the public path of :mod:`satori_py.web.flask`."""
from __future__ import annotations

from .web.flask import ImageResponse, opengraph_image

__all__ = ["ImageResponse", "opengraph_image"]
