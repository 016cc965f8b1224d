"""Markup input: HTML (and Python components) into the element tree.

:func:`from_html` is the whole public surface; :mod:`.html` walks the parsed
document, :mod:`.attributes` turns attributes into props and :mod:`.text`
cleans text as a JSX compiler does.
"""
from __future__ import annotations

from .html import from_html, is_markup

__all__ = ["from_html", "is_markup"]
