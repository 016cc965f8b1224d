"""Text between tags, cleaned the way a JSX compiler cleans it.

Written as JSX, ``<div>\\n  Hello\\n  <b>world</b>\\n</div>`` gives the children
``["Hello", <b>]``: Babel's ``cleanJSXElementLiteralChild`` (and SWC's, which
Next.js uses) splits a text on line breaks, turns tabs into spaces, trims the
spaces at the start of every line but the first and at the end of every line
but the last, drops the lines left empty and joins the others with one space.
Text without a line break is kept as it is, so ``<b>a</b> <i>b</i>`` keeps
its space. Only spaces and tabs are trimmed: ``&nbsp;`` (U+00A0) stays, as the
JSX compilers decode entities before they trim.

:func:`js_trim` is satori-html's cleaning instead: every text node trimmed at
both ends (``<b>a</b> <i>b</i>`` loses its space).
"""
from __future__ import annotations

import re

__all__ = ["js_trim", "jsx_text"]

_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_NOT_BLANK = re.compile(r"[^ \t]")
# What JavaScript's String.prototype.trim() removes (ECMA-262's WhiteSpace and
# LineTerminator: Unicode's Space_Separator, these controls and the BOM), less
# U+00A0: satori-html trims text before entities are decoded, so the usual
# no-break space, `&nbsp;`, survives its trim (a literal U+00A0 would not).
_JS_WHITE_SPACE = ("\t\n\v\f\r \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                   "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")


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


def js_trim(text: str) -> str:
    """``text.trim()`` as satori-html applies it to every text node (see ``_JS_WHITE_SPACE``)."""
    return text.strip(_JS_WHITE_SPACE)
