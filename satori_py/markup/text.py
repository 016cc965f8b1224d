"""Text between tags, cleaned the way a JSX compiler cleans it.

Written as JSX, ``<div>\\n  Hello\\n  <b>world</b>\\n</div>`` gives the children
``["Hello", <b>]``: Babel's ``cleanJSXElementLiteralChild`` (and SWC's, which
Next.js uses) splits a text on line breaks, turns tabs into spaces, trims the
spaces at the start of every line but the first and at the end of every line
but the last, drops the lines left empty and joins the others with one space.
Text without a line break is kept as it is, so ``<b>a</b> <i>b</i>`` keeps
its space. Only spaces and tabs are trimmed: ``&nbsp;`` (U+00A0) stays, as the
JSX compilers decode entities before they trim.

:func:`satori_html_trim` is satori-html's cleaning instead: every text node trimmed at
both ends (``<b>a</b> <i>b</i>`` loses its space).
"""
from __future__ import annotations


from ..js_numbers import JS_SPACE
from ..patterns import lazy_compile

__all__ = ["jsx_text", "satori_html_trim"]

_LINE_BREAK = lazy_compile(r"\r\n|\n|\r")
_NOT_BLANK = lazy_compile(r"[^ \t]")
# What satori-html's trim() removes: JavaScript's white space less U+00A0, since
# satori-html trims text before entities are decoded, so the usual no-break space,
# `&nbsp;`, survives its trim (a literal U+00A0 would not).
_SATORI_HTML_SPACE = JS_SPACE.replace("\u00a0", "")


def jsx_text(text: str) -> str:
    """The text a JSX compiler keeps for ``text`` written between tags ("" for none)."""
    lines = _LINE_BREAK.split(text)
    if len(lines) == 1:
        return text
    last_non_empty = 0
    for index, line in enumerate(lines):
        if _NOT_BLANK.search(line):
            last_non_empty = index
    out: list[str] = []
    for index, line in enumerate(lines):
        trimmed = line.replace("\t", " ")
        if index > 0:
            trimmed = trimmed.lstrip(" ")
        if index < len(lines) - 1:
            trimmed = trimmed.rstrip(" ")
        if trimmed:
            out.append(trimmed if index == last_non_empty else trimmed + " ")
    return "".join(out)


def satori_html_trim(text: str) -> str:
    """``text.trim()`` as satori-html applies it to every text node (see ``_SATORI_HTML_SPACE``)."""
    return text.strip(_SATORI_HTML_SPACE)
