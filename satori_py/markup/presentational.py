"""HTML's presentational attributes, which a browser draws and Satori ignores.

E-mail and legacy markup styles with attributes (``<td bgcolor="#eee" align="center">``,
``<table cellpadding="10" width="100%">``, ``<font color="white">``): a browser maps them
to CSS (HTML's "presentational hints"), Satori reads none of them, so the markup renders
without them. They stay in the tree (a ``<style>`` sheet may select them), and
:func:`presentational_hint` names the CSS to write instead, for the report.

Only the attributes a browser draws on the elements it draws them for are listed: an
``align`` on a ``<span>`` does nothing in a browser either. What Satori does read is not
here: ``width``/``height`` of ``<img>`` and ``<svg>``, ``type``/``start``/``reversed``/
``value`` of lists, ``size`` of form controls, ``hidden``, ``dir``, ``lang``.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..patterns import lazy_compile

__all__ = ["presentational_hint"]

_TABLE_PARTS = frozenset(["table", "thead", "tbody", "tfoot", "tr", "td", "th"])
_ROWS_AND_CELLS = frozenset(["thead", "tbody", "tfoot", "tr", "td", "th", "col", "colgroup"])
_BLOCKS = frozenset(["div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend"])
_EMBEDDED = frozenset(["img", "iframe", "embed", "object"])
_BACKGROUND = _TABLE_PARTS | {"body"}
_SIZED = _TABLE_PARTS | {"col", "colgroup", "hr", "iframe", "embed", "object", "video", "canvas"}
_BODY = frozenset(["body"])


def _on(tags: frozenset[str] | set[str], css: str) -> dict[str, str]:
    return dict.fromkeys(tags, css)


# attribute -> {element a browser draws it on: the CSS that does the same}.
_HINTS: Mapping[str, Mapping[str, str]] = {
    "bgcolor": _on(_BACKGROUND, "background-color"),
    "background": _on(_BACKGROUND, "background-image"),
    "text": _on(_BODY, "color"),
    "color": _on({"font", "basefont", "hr"}, "color"),
    "face": _on({"font", "basefont"}, "font-family"),
    "size": {**_on({"font", "basefont"}, "font-size"), "hr": "height"},
    "align": {**_on(_BLOCKS | _TABLE_PARTS | {"col", "colgroup"}, "text-align"),
              **_on(_EMBEDDED | {"table", "hr", "input"}, "margin or float")},
    "valign": _on(_ROWS_AND_CELLS, "vertical-align"),
    "width": _on(_SIZED | {"pre"}, "width"),
    "height": _on(_SIZED, "height"),
    "border": _on({"table", "img", "object"}, "border"),
    "bordercolor": _on(_TABLE_PARTS, "border-color"),
    "cellpadding": _on({"table"}, "padding on its cells"),
    "cellspacing": _on({"table"}, "border-spacing"),
    "frame": _on({"table"}, "border"),
    "rules": _on({"table"}, "borders on its cells"),
    "nowrap": _on({"td", "th"}, "white-space: nowrap"),
    "hspace": _on(_EMBEDDED, "margin-left and margin-right"),
    "vspace": _on(_EMBEDDED, "margin-top and margin-bottom"),
    "noshade": _on({"hr"}, "border-style"),
    "clear": _on({"br"}, "clear"),
    "marginwidth": _on(_BODY | {"iframe"}, "margin"),
    "marginheight": _on(_BODY | {"iframe"}, "margin"),
    "leftmargin": _on(_BODY, "margin-left"),
    "rightmargin": _on(_BODY, "margin-right"),
    "topmargin": _on(_BODY, "margin-top"),
    "bottommargin": _on(_BODY, "margin-bottom"),
    "link": _on(_BODY, "color on its links"),
    "vlink": _on(_BODY, "color on its links"),
    "alink": _on(_BODY, "color on its links"),
}


# Attributes whose zero asks for nothing Satori would not give anyway (e-mail markup writes
# border="0" cellpadding="0" cellspacing="0" on every table: reporting those is noise).
_ZERO_IS_NOTHING = frozenset(["border", "cellpadding", "cellspacing", "hspace", "vspace", "marginwidth",
                              "marginheight", "leftmargin", "rightmargin", "topmargin", "bottommargin"])
_ZERO = lazy_compile(r"\s*0*\.?0*(px)?\s*")


def presentational_hint(tag: str, attribute: str, value: str) -> str | None:
    """The CSS that does what ``attribute`` (lowercase) of an HTML ``<tag>`` does in a
    browser, when it is a presentational attribute there (which Satori ignores) and ``value``
    asks for something, else None."""
    hint = _HINTS.get(attribute, {}).get(tag.lower())
    if hint is not None and attribute in _ZERO_IS_NOTHING and _ZERO.fullmatch(value) and "0" in value:
        return None
    return hint
