"""Wrapping painted nodes in what a box needs: a transform, a clip path and mask, a filter,
opacity, a blend mode.

The painter's small SVG combinators, and the one place that decides when a
``<g>`` is needed. Each wraps only when it has to:

* attribute-less ``<g>`` elements are spliced into their parent (they do nothing);
* a single node takes the wrapper's attributes itself when that draws the same.
  SVG applies an element's effects in a fixed order (CSS Masking 1 and Filter
  Effects 1: filter, then clip-path, then mask, then opacity, then compositing),
  so an outer effect can move onto the node when it comes after every effect
  the node has. ``clip-path``, ``mask`` and ``filter`` are resolved in the
  node's user space, which its own ``transform`` changes, so they cannot move
  onto a transformed node; for the same reason an outer ``transform`` can
  move onto a node that has them (they stay in the transformed space);
* several nodes share one ``<g>``.

Nodes are copied, never changed in place.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..patterns import lazy_compile
from ..svg import AttrValue, SvgNode

__all__ = ["clipped", "faded", "filtered", "flatten", "group", "transformed", "transformed_under_filters",
           "unused_defs_removed", "url", "wrap", "wrap_one"]

# Elements that take presentation effects like a group does (not <svg>, <defs>, <mask>...).
_TAKERS = frozenset({"rect", "path", "circle", "ellipse", "polygon", "polyline", "line", "image", "text", "g"})
_FILLED = frozenset({"rect", "path", "circle", "ellipse", "polygon"})
# SVG's order of an element's effects; ``style`` carries mix-blend-mode/isolation (compositing).
_EFFECT_RANK = {"filter": 0, "clip-path": 1, "mask": 2, "opacity": 3, "style": 4}
_SPATIAL = frozenset({"filter", "clip-path", "mask"})


def url(ref: str | None) -> str | None:
    return f"url(#{ref})" if ref else None


def _with(node: SvgNode, attrs: Mapping[str, AttrValue]) -> SvgNode:
    return SvgNode(node.tag, {**node.attrs, **attrs}, node.children, node.text, node.raw)


def flatten(nodes: list[SvgNode]) -> list[SvgNode]:
    """``nodes`` with every attribute-less ``<g>`` among them replaced by its children."""
    for n in nodes:  # (most lists have none: a loop, no dict of its real attributes per <g>)
        if n.tag == "g" and _bare(n.attrs):
            break
    else:
        return nodes
    out: list[SvgNode] = []
    for node in nodes:
        if node.tag == "g" and _bare(node.attrs):
            out.extend(flatten(node.children))
        else:
            out.append(node)
    return out


def _bare(attrs: Mapping[str, AttrValue]) -> bool:
    """Whether ``attrs`` has no value (all None: what :func:`_real` keeps nothing of)."""
    for value in attrs.values():
        if value is not None:
            return False
    return True


def _real(attrs: Mapping[str, AttrValue]) -> dict[str, AttrValue]:
    return {k: v for k, v in attrs.items() if v is not None}


def _takes(node: SvgNode, attrs: Mapping[str, AttrValue]) -> bool:
    """Whether ``node`` with ``attrs`` added draws what a ``<g attrs>`` around it draws."""
    if node.tag not in _TAKERS or node.raw is not None:
        return False
    own = _real(node.attrs)
    if any(k in own for k in attrs) or any(k not in _EFFECT_RANK and k != "transform" for k in attrs):
        return False
    effects = [k for k in own if k in _EFFECT_RANK]
    if "transform" in own and any(k in _SPATIAL for k in attrs):
        return False
    last = max((_EFFECT_RANK[k] for k in effects), default=-1)
    return all(_EFFECT_RANK[k] > last for k in attrs if k != "transform")


def wrap(nodes: list[SvgNode], attrs: Mapping[str, AttrValue]) -> list[SvgNode]:
    """``nodes`` drawn with the effect attributes ``attrs`` (None values dropped): on the
    node itself when there is one that can take them, else in one ``<g>``."""
    real = _real(attrs)
    nodes = flatten(nodes)
    if not nodes or not real:
        return nodes
    if len(nodes) == 1 and _takes(nodes[0], real):
        return [_with(nodes[0], real)]
    return [SvgNode("g", real, nodes)]


def wrap_one(node: SvgNode, attrs: Mapping[str, AttrValue]) -> SvgNode:
    """One node drawn with ``attrs``: itself when it can take them, else in a ``<g>``."""
    wrapped = wrap([node], attrs)
    return wrapped[0] if len(wrapped) == 1 else SvgNode("g", {}, wrapped)


def group(nodes: list[SvgNode], attrs: Mapping[str, AttrValue]) -> list[SvgNode]:
    """``nodes`` with the effect attributes ``attrs``; an alias of :func:`wrap`."""
    return wrap(nodes, attrs)


def transformed(nodes: list[SvgNode], matrix: str | None) -> list[SvgNode]:
    """``nodes`` drawn with the SVG transform ``matrix`` (None: as they are)."""
    if matrix is None:
        return flatten(nodes)
    return wrap(nodes, {"transform": matrix})


def transformed_under_filters(nodes: list[SvgNode], matrix: str | None) -> list[SvgNode]:
    """Text ``nodes`` drawn with the SVG transform ``matrix``, inside their filters.

    The reference puts an element's transform on each glyph path, inside the
    text-shadow filter group, so a shadow's offset and blur stay in untransformed
    pixels (a plain bug: Chromium transforms text shadows with the text). We follow it.
    """
    nodes = flatten(nodes)
    if matrix is None or not any("filter" in node.attrs for node in nodes):
        return transformed(nodes, matrix)
    out: list[SvgNode] = []
    for node in nodes:
        shadow = node.attrs.get("filter")
        if node.tag == "defs":
            out.append(node)  # not drawn: no transform needed
        elif shadow is None:
            out.extend(transformed([node], matrix))
        else:
            inner = SvgNode(node.tag, {k: v for k, v in node.attrs.items() if k != "filter"},
                            node.children, node.text, node.raw)
            out.append(SvgNode("g", {"filter": shadow}, transformed([inner], matrix)))
    return out


def clipped(nodes: list[SvgNode], clip: str | None, mask: str | None) -> list[SvgNode]:
    """``nodes`` clipped by the clip path ``clip`` and masked by ``mask`` (ids)."""
    if not clip and not mask:
        return flatten(nodes)
    return wrap(nodes, {"clip-path": url(clip), "mask": url(mask)})


def filtered(nodes: list[SvgNode], filter_id: str | None) -> list[SvgNode]:
    """``nodes`` filtered as a group by the filter ``filter_id``."""
    return wrap(nodes, {"filter": url(filter_id)})


def faded(nodes: list[SvgNode], opacity: float) -> list[SvgNode]:
    """``nodes`` drawn as a group with ``opacity``; a single plain shape takes ``fill-opacity``
    (as in the reference; the same pixels, as a fill alone has nothing to overlap)."""
    nodes = flatten(nodes)
    if opacity >= 1 or not nodes:
        return nodes
    if opacity <= 0:
        return []
    node = nodes[0]
    fill = node.attrs.get("fill")
    # resvg anti-aliases the clipped edge of a paint server's fill-opacity differently.
    clip_differs = str(fill).startswith("url(") and node.attrs.get("clip-path") is not None
    if len(nodes) == 1 and node.tag in _FILLED and fill is not None and not clip_differs and not any(
            node.attrs.get(k) is not None for k in ("stroke", "filter", "mask", "opacity", "fill-opacity", "style")):
        return [_with(node, {"fill-opacity": opacity})]
    return wrap(nodes, {"opacity": opacity})


_REFERENCE = lazy_compile(r"url\(#([^)]+)\)|^#(.+)$")


def _add_references(nodes: list[SvgNode], used: set[str]) -> None:
    """Add to ``used`` the ids ``nodes`` and their descendants refer to (``url(#id)``,
    ``href="#id"``). One loop over a stack (a generator per node cost a fifth more)."""
    pending = list(nodes)
    pop, extend, find, add = pending.pop, pending.extend, _REFERENCE.finditer, used.add
    while pending:
        current = pop()
        for key, value in current.attrs.items():
            # Path data (long, for glyphs) refers to nothing.
            if key != "d" and isinstance(value, str) and "#" in value:
                if "url(#" in value or "\n" in value:
                    for match in find(value):
                        add(match.group(1) or match.group(2))
                elif value[0] == "#" and len(value) > 1:
                    # What the pattern finds in the rest (most: a colour, `#0f172a`), without it.
                    add(value[1:])
        if current.children:
            extend(current.children)


def unused_defs_removed(defs: list[SvgNode], body: list[SvgNode]) -> list[SvgNode]:
    """``defs`` without the definitions nothing in ``body`` or in the kept ``defs`` refers to
    (e.g. a ``background-clip: text`` clip path whose element has no background drawn).
    Definitions without an id, and raw markup, are kept."""
    pending = [d for d in defs if d.raw is None and d.attrs.get("id") is not None]
    if not pending:
        return list(defs)
    used: set[str] = set()
    _add_references(body, used)
    while True:  # definitions refer to others (chained clip paths): until nothing changes
        found = [d for d in pending if d.attrs["id"] in used]
        if not found:
            break
        _add_references(found, used)
        pending = [d for d in pending if d.attrs["id"] not in used]
    return [d for d in defs if d.raw is not None or d.attrs.get("id") is None or d.attrs["id"] in used]
