"""Which input is HTML, and reading it: the front doors' dispatch of markup.

``render_svg``/``render_png`` (through ``api.Pipeline.parse``), the CLI, case
files and batches hand their input to :func:`read_markup` first: an HTML string
(its first non-blank character is ``<``) or a ``.html``/``.htm`` file becomes
the element dict :func:`~satori_py.markup.from_html` makes of it; anything else
is returned untouched, for :func:`satori_py.element.load_element`. The element
stage itself knows nothing of HTML (markup uses the style stage's CSS parser,
so it comes after it).

The HTML parser is imported only when markup is met.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import InvalidElementError
from ..files import read_regular_text

__all__ = ["MARKUP_SUFFIXES", "is_markup", "is_markup_file", "read_markup", "read_text"]

MARKUP_SUFFIXES = (".html", ".htm")


def is_markup(text: str | bytes) -> bool:
    """Whether ``text`` looks like HTML (its first non-blank character is ``<``)."""
    if isinstance(text, bytes):
        text = text[:1024].decode("utf-8", "replace")
    return text.lstrip("\ufeff \t\r\n").startswith("<")


def is_markup_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names an HTML file (by its extension)."""
    return Path(path).suffix.lower() in MARKUP_SUFFIXES


def read_text(path: Path) -> str:
    """A file's UTF-8 text; a file that cannot be read is an :class:`InvalidElementError`."""
    try:
        return read_regular_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InvalidElementError(f"Cannot read element file {path}: {reason}.") from None


def read_markup(source: Any, **options: Any) -> Any:
    """``source`` as an element dict when it is HTML text or an HTML file, else ``source`` itself.

    ``options`` are :func:`~satori_py.markup.from_html`'s (``tailwind_classes``,
    ``tailwind_config``, ``components``, ``dialect``).
    """
    if isinstance(source, os.PathLike) and is_markup_file(source):
        text: str | bytes = read_text(Path(source))
    elif isinstance(source, (str, bytes)) and is_markup(source):
        text = source
    else:
        return source
    from .html import from_html

    return from_html(text, **options)
