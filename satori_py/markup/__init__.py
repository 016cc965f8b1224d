"""Markup input: HTML (and Python components) into the element tree.

:func:`from_html` is the public surface; :mod:`.source` tells HTML input from
the rest for the front doors, :mod:`.html` walks the parsed document,
:mod:`.dialects` names the trees markup can make (JSX's or satori-html's),
:mod:`.attributes` turns attributes into props, :mod:`.classes` reads ``class``
attributes as Tailwind utilities (when asked) and :mod:`.text` cleans text as
a JSX compiler does. The HTML parser is imported with :mod:`.html`, on first
use of :func:`from_html`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .source import is_markup, read_markup

if TYPE_CHECKING:
    from .html import from_html

__all__ = ["from_html", "is_markup", "read_markup"]


def __getattr__(name: str) -> Any:
    if name == "from_html":
        from .html import from_html

        return from_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
