"""``<style>`` elements: their rules applied to the element tree, before layout.

Mirrors ``applyStyleSheets()`` of the reference's ``handler/stylesheet.ts``
and its two passes in ``satori.ts``: the sheets of ``<style>`` elements
(outside ``<svg>``, whose ``media`` attribute matches) are parsed
(:mod:`.sheet_parser`), their rules compiled into a flat list (nesting,
``@media`` against the image size, ``@supports``, ``@layer`` ranks,
``@property``), matched against every element (:mod:`.selectors`), and the
declarations that apply are merged with each element's inline style in
cascade order (:mod:`.sheet_cascade`): this module finds the sheets, and
:mod:`.sheet_apply`, imported only when there are some, applies them. Invalid declarations are dropped like
a browser drops them, and reported. ``::before`` and ``::after`` become child
elements ``::before``/``::after`` whose children are their content: text,
``img`` for ``url()`` and ``::counter`` elements, which layout resolves at
their place in the tree. The ``<style>`` elements stay (their preset hides
them), as in the reference.

Query containers get the ``__satoriContainer`` prop, their index in tree
order; ``@container`` rules match once their content-box sizes are known,
see :func:`lay_out_with_stylesheets`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from ..diagnostics import Diagnostics
from ..element import CONTAINER_PROP, PLACEHOLDER_PROP, Element, TextNode
from ..errors import SatoriError
from ..limits import active
from .values import js_string

if TYPE_CHECKING:
    from .sheet_cascade import ContainerSizes

__all__ = ["CONTAINER_PROP", "PLACEHOLDER_PROP", "apply_stylesheets", "has_query_containers",
           "lay_out_with_stylesheets"]

Viewport = tuple[float | None, float | None]
ErrorSink = Callable[[SatoriError], None]
R = TypeVar("R")


# -- the pass -----------------------------------------------------------------------------

def _matches_media(query: str, viewport: Viewport) -> bool:
    from .conditions import matches_media  # here: only a <style media> needs the query parser

    return matches_media(query, viewport)


def _style_sheets(element: Element, viewport: Viewport, out: list[str]) -> None:
    """The text of ``<style>`` elements in tree order; the sheets in ``<svg>`` are drawn with it."""
    if element.type == "style":
        media = element.props.get("media")
        if media is None or _matches_media(js_string(media), viewport):
            out.append("".join(c.text for c in element.children if isinstance(c, TextNode)))
            active().check_css(len(out[-1]), "The sheet", element.path)
    elif element.type != "svg":
        for child in element.children:
            if isinstance(child, Element):
                _style_sheets(child, viewport, out)


def apply_stylesheets(element: Element, *, viewport: Viewport, on_style_error: ErrorSink | None = None,
                      container_sizes: ContainerSizes | None = None) -> Element:
    """``element`` with the rules of its ``<style>`` elements applied (itself when it has none).

    ``viewport`` is the (width, height) of the image, either None when it's
    not given. ``container_sizes`` are the content-box sizes of the query
    containers of a first layout, see :func:`lay_out_with_stylesheets`.
    """
    texts: list[str] = []
    _style_sheets(element, viewport, texts)
    if not texts:
        return element
    # Imported here: most cards have no sheets, and a cold start pays for every import.
    from .sheet_apply import apply_sheets

    return apply_sheets(element, texts, viewport, on_style_error, container_sizes)


# -- container queries: two passes -------------------------------------------------------

def has_query_containers(element: Element) -> bool:
    """Whether a tree from :func:`apply_stylesheets` has query containers, whose sizes matter."""
    if CONTAINER_PROP in element.props:
        return True
    return any(isinstance(c, Element) and has_query_containers(c) for c in element.children)


def lay_out_with_stylesheets(element: Element, lay_out: Callable[[Element], R], *,
                             viewport: Viewport, diagnostics: Diagnostics,
                             container_sizes: Callable[[R], ContainerSizes]) -> R:
    """Apply the stylesheets and lay out, twice when there are query containers.

    Container queries depend on the sizes of containers, known after layout:
    the first pass lays out without them, the second with the content-box
    sizes ``container_sizes`` reads from the first. What the first pass
    reported to ``diagnostics`` is withdrawn: the second one reports it again.
    Invalid declarations of the sheets are reported there too.
    """
    mark = diagnostics.checkpoint()
    styled = apply_stylesheets(element, viewport=viewport, on_style_error=diagnostics.report)
    result = lay_out(styled)
    if styled is not element and has_query_containers(styled):
        sizes = container_sizes(result)
        diagnostics.rollback(mark)
        styled = apply_stylesheets(element, viewport=viewport, on_style_error=diagnostics.report,
                                   container_sizes=sizes)
        return lay_out(styled)
    return result
