"""The web layer: ``ImageResponse``, its render pool and the framework adapters.

Built on the public rendering API (:func:`satori_py.render_png`); nothing in the
pipeline imports it. Importing this package imports no web framework: the
adapters (:mod:`.starlette`, :mod:`.flask`, :mod:`.django`, also importable as
``satori_py.starlette`` and so on) import theirs.

Modules, in the direction of their imports: :mod:`.job` (what one render needs,
and the render itself), :mod:`.worker` (the worker process's loop), :mod:`.pool`
(the worker processes), :mod:`.reply` (HTTP answers), :mod:`.response` (the
framework-neutral ``ImageResponse``), :mod:`.metadata` (file-based metadata),
then the adapters.
"""
from __future__ import annotations

from .response import ImageResponse

__all__ = ["ImageResponse"]
