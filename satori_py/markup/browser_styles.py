"""HTML elements a browser's stylesheet draws and Satori's does not.

Markup pasted from a page (a blog excerpt, release notes, a pricing table) relies on the
browser's default styles: a link is blue and underlined, ``<sup>`` is raised and smaller,
``<del>`` is struck through. Satori's presets (``handler/presets.ts``,
:mod:`satori_py.style.presets`) give these elements none of that: they are drawn as plain
inline text. :func:`browser_style` says what a browser would draw and the CSS that draws it
in Satori, for the report. (Tables, which Satori does not lay out either, are told by the
render itself, per row: see :mod:`satori_py.layout.build`.)

Only elements the user has not styled are reported (no ``style``, ``class`` or ``tw``):
a ``<a tw="text-sky-500 no-underline">`` is designed, a pasted ``<a href>`` is not; nor a
``<q>`` whose text already opens with a quotation mark (Satori draws the marks written, which
are what was meant; a browser would draw them twice).
"""
from __future__ import annotations

from collections.abc import Mapping

__all__ = ["browser_style"]

_PLAIN = "drawn as plain text, as Satori draws it (a browser "
_ITALIC = _PLAIN + "draws it in italics): set font-style: italic in style"
_MONOSPACE = _PLAIN + "draws it in a monospace font): set font-family in style"
# tag -> what a browser draws that Satori does not, and the CSS that draws it.
_DRAWN: Mapping[str, str] = {
    "sup": _PLAIN + "raises it and makes it smaller): set vertical-align: super and font-size: smaller in style",
    "sub": _PLAIN + "lowers it and makes it smaller): set vertical-align: sub and font-size: smaller in style",
    "del": _PLAIN + "strikes it through): set text-decoration: line-through in style",
    "strike": _PLAIN + "strikes it through): set text-decoration: line-through in style",
    "ins": _PLAIN + "underlines it): set text-decoration: underline in style",
    "cite": _ITALIC, "dfn": _ITALIC, "var": _ITALIC, "address": _ITALIC,
    "samp": _MONOSPACE, "tt": _MONOSPACE,
    "q": _PLAIN + "adds quotation marks): write them in the text",
}
_LINK = _PLAIN + "colours and underlines a link): set color and text-decoration in style"
_STYLING = ("style", "class", "tw")
# The quotation marks a quote's text can open with (ASCII, typographic, guillemets, CJK corners).
_QUOTATION_MARKS = frozenset("\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a"
                             "\u300c\u300e\u301d\uff02")


def browser_style(tag: str, attrs: Mapping[str, str | None], text: str = "") -> str | None:
    """The report's reason for an unstyled element a browser would draw differently, or None.

    ``text``: the element's text before its first child element (a ``<q>`` opening with a
    quotation mark is not reported)."""
    if any(name.lower() in _STYLING for name in attrs):
        return None
    lower = tag.lower()
    if lower == "q" and text.lstrip()[:1] in _QUOTATION_MARKS:
        return None
    return _LINK if lower == "a" and "href" in attrs else _DRAWN.get(lower)
