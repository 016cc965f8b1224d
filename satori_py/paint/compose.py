"""Wrapping painted nodes in what a box needs: a transform, a clip path and mask, opacity.

The painter's small SVG combinators. Each wraps only when it has to: a
single node takes the attribute itself (a clip path or mask cannot go on a
node with its own ``transform``, which would move it), several nodes share
one ``<g>``. Nodes are copied, never changed in place.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..svg import AttrValue, SvgNode

__all__ = ["clipped", "faded", "group", "transformed", "url"]

_SHAPES = frozenset({"rect", "path", "circle", "ellipse", "polygon", "line", "polyline", "image", "g"})
_FILLED = frozenset({"rect", "path", "circle", "ellipse", "polygon"})


def url(ref: str | None) -> str | None:
    return f"url(#{ref})" if ref else None


def _with(node: SvgNode, attrs: Mapping[str, AttrValue]) -> SvgNode:
    return SvgNode(node.tag, {**node.attrs, **attrs}, node.children, node.text, node.raw)


def group(nodes: list[SvgNode], attrs: Mapping[str, AttrValue]) -> list[SvgNode]:
    """``nodes`` in one ``<g>`` with ``attrs`` (None values dropped), or as they are without any."""
    real: dict[str, AttrValue] = {k: v for k, v in attrs.items() if v is not None}
    if not nodes:
        return []
    if not real:
        return nodes
    return [SvgNode("g", real, list(nodes))]


def transformed(nodes: list[SvgNode], matrix: str | None) -> list[SvgNode]:
    """``nodes`` drawn with the SVG transform ``matrix`` (None: as they are)."""
    if not matrix or not nodes:
        return nodes
    if len(nodes) == 1 and nodes[0].tag in _SHAPES and nodes[0].attrs.get("transform") is None:
        return [_with(nodes[0], {"transform": matrix})]
    return [SvgNode("g", {"transform": matrix}, list(nodes))]


def clipped(nodes: list[SvgNode], clip: str | None, mask: str | None) -> list[SvgNode]:
    """``nodes`` clipped by the clip path ``clip`` and masked by ``mask`` (ids)."""
    if not (clip or mask) or not nodes:
        return nodes
    attrs = {"clip-path": url(clip), "mask": url(mask)}
    node = nodes[0]
    if len(nodes) == 1 and node.tag in _SHAPES and not any(
            node.attrs.get(k) is not None for k in ("transform", "clip-path", "mask")):
        return [_with(node, {k: v for k, v in attrs.items() if v is not None})]
    return group(nodes, attrs)


def faded(nodes: list[SvgNode], opacity: float) -> list[SvgNode]:
    """``nodes`` drawn as a group with ``opacity``; a single plain shape takes ``fill-opacity``."""
    if opacity >= 1 or not nodes:
        return nodes
    if opacity <= 0:
        return []
    node = nodes[0]
    if len(nodes) == 1 and node.tag in _FILLED and node.attrs.get("fill") is not None and not any(
            node.attrs.get(k) is not None for k in ("stroke", "filter", "mask", "opacity", "fill-opacity", "style")):
        return [_with(node, {"fill-opacity": opacity})]
    return [SvgNode("g", {"opacity": opacity}, list(nodes))]
