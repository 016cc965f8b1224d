"""Counters and the markers of list items.

Mirrors the reference's ``list-marker.ts`` (https://www.w3.org/TR/css-lists-3/):
counters are changed in tree order by displayed elements (``counter-reset``,
``-increment``, ``-set`` and the implicit ``list-item`` counter of list
items), and a list item's marker is made of ``span`` elements placed at the
start of its first line: before its first in-flow child, or inside that
child when it is a block container too. Markers inherit the list item's
style, wherever they are placed (the ``MARKER_PARENT`` prop).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..element import Element, Node, TextNode
from ..frozen import Frozen, Record, field
from ..style.computed import ComputedStyle
from ..style.presets import PRESETS
from ..style.properties import list_image_url
from ..style.values import js_string

__all__ = ["MARKER_PARENT", "Counters", "apply_counters", "counter_text", "find_marker_target",
           "list_marker"]

# The prop of marker elements holding the list item's style, which they inherit.
MARKER_PARENT = "__markerParent"
_LIST_ELEMENTS = ("ol", "ul", "menu", "dir")
_MARKER_CONTAINERS = frozenset({"block", "list-item", "flow-root", "flex", "grid"})


class _Instance(Record):
    value: int
    scope: str  # the parent of the element that created it, whose end ends its scope
    reversed: bool = False


class Counters(Record):
    """The counters in scope while elements are laid out in tree order.

    A counter created by an element is in scope for its descendants, its
    following siblings and theirs.
    """

    stacks: dict[str, list[_Instance]] = field(default_factory=dict)

    def _stack(self, name: str) -> list[_Instance]:
        return self.stacks.setdefault(name, [])

    def close_scope(self, parent: str) -> None:
        """Ends the scope of the counters created by the children of ``parent``."""
        for stack in self.stacks.values():
            while stack and stack[-1].scope == parent:
                stack.pop()

    def reset(self, name: str, value: int, scope: str, reversed_: bool = False) -> None:
        stack = self._stack(name)
        # It replaces a counter created by a preceding sibling.
        if stack and stack[-1].scope == scope:
            stack.pop()
        stack.append(_Instance(value, scope, reversed_))

    def _innermost(self, name: str, scope: str) -> _Instance:
        stack = self._stack(name)
        if not stack:
            self.reset(name, 0, scope)
        return stack[-1]

    def increment(self, name: str, by: int, scope: str) -> None:
        self._innermost(name, scope).value += by

    def set(self, name: str, value: int, scope: str) -> None:
        self._innermost(name, scope).value = value

    def is_reversed(self, name: str) -> bool:
        stack = self._stack(name)
        return bool(stack) and stack[-1].reversed

    def value(self, name: str) -> int:
        stack = self._stack(name)
        return stack[-1].value if stack else 0

    def values(self, name: str) -> list[int]:
        """The values of the counters named ``name``, from the outermost."""
        stack = self._stack(name)
        return [c.value for c in stack] if stack else [0]


def counter_text(counters: Counters, name: str, separator: str | None, counter_style: str) -> str:
    """The text of ``counter()``, or ``counters()`` with a separator."""
    # Imported here (and in list_marker): most cards have no lists, and a cold start pays for every import.
    from .counter_styles import format_counter
    if separator is None:
        return format_counter(counters.value(name), counter_style)
    return separator.join(format_counter(v, counter_style) for v in counters.values(name))


def _display(el: Element) -> str:
    """The display from the style prop or the preset, as the reference reads it before styling."""
    style = el.props.get("style")
    display = style.get("display") if isinstance(style, Mapping) else None
    if display is None:
        display = PRESETS.get(el.type, {}).get("display")
    return js_string(display if display is not None else "inline").strip()


def _parse_int(text: str | None) -> int | None:
    match = re.match(r"^\s*([+-]?\d+)", text or "")
    return int(match.group(1)) if match else None


def _changes(el: Element, name: str) -> tuple[int | None, int | None, bool]:
    """How an element changes a counter: (increment, set, whether it resets it)."""
    style = el.props.get("style")
    style = style if isinstance(style, Mapping) else {}

    def tokens(key: str) -> list[str]:
        value = style.get(key)
        return value.strip().split() if isinstance(value, str) else []

    def amount(words: list[str], fallback: int) -> int | None:
        index = next((i for i, w in enumerate(words) if w in (name, f"reversed({name})")), -1)
        if index == -1:
            return None
        number = _parse_int(words[index + 1] if index + 1 < len(words) else None)
        return fallback if number is None else number

    increment = amount(tokens("counterIncrement"), 1)
    set_ = amount(tokens("counterSet"), 0)
    list_item = _display(el) == "list-item" and name == "list-item"
    if list_item and increment is None:
        increment = -1
    value = el.props.get("value")
    if list_item and set_ is None and el.type == "li" and value is not None:
        set_ = _parse_int(js_string(value))
    resets = amount(tokens("counterReset"), 0) is not None or (name == "list-item" and el.type in _LIST_ELEMENTS)
    return increment, set_, resets


def _reversed_start(children: Sequence[Node], name: str) -> int:
    """The initial value of a ``reversed()`` counter without one: the items it counts."""
    total = 0
    first = True
    pending = list(reversed(children))  # in tree order (an explicit stack: no recursive closure)
    while pending:
        node = pending.pop()
        if not isinstance(node, Element) or _display(node) == "none":
            continue
        increment, set_, resets = _changes(node, name)
        if increment is not None or set_ is not None:
            negated = -(increment or 0)
            if first:
                total += negated
                first = False
            if set_ is not None:
                return total + set_
            total += negated
        # Descendants of a nested counter are in its scope.
        if not resets:
            pending.extend(reversed(node.children))
    return total


def apply_counters(counters: Counters, style: ComputedStyle, scope: str,
                   children: Sequence[Node]) -> None:
    """Applies ``counter-reset``, ``counter-increment`` and ``counter-set``, in this order."""
    box = style.box
    increments = box.counter_increment or []
    for change in box.counter_reset or []:
        value = change.get("value")
        if value is None:
            value = _reversed_start(children, change["name"]) if change.get("reversed") else 0
        counters.reset(change["name"], int(value), scope, bool(change.get("reversed")))
    for change in increments:
        value = change.get("value")
        counters.increment(change["name"], int(1 if value is None else value), scope)
    # List items increment list-item, unless it's incremented explicitly.
    if box.display == "list-item" and not any(c["name"] == "list-item" for c in increments):
        counters.increment("list-item", -1 if counters.is_reversed("list-item") else 1, scope)
    for change in box.counter_set or []:
        value = change.get("value")
        counters.set(change["name"], int(value or 0), scope)


# --- markers --------------------------------------------------------------------------------

# The marker's own font declarations; the rest of its font it inherits from the list item.
_MARKER_FONT = {"textTransform": "none", "textDecoration": "none", "whiteSpace": "pre",
                "fontFeatureSettings": '"tnum"'}


def _span(style: dict[str, Any], item_style: Any, path: str, children: Sequence[Node | str] = ()) -> Element:
    kids: list[Node] = []
    for index, child in enumerate(children):
        if isinstance(child, str):
            kids.append(TextNode(child, f"{path}/#text[{index}]"))
        else:
            kids.append(child)
    props: dict[str, Any] = {"style": style, "__marker": True}
    if item_style is not None:
        props[MARKER_PARENT] = item_style
    return Element("span", props, tuple(kids), path, style)


def list_marker(style: ComputedStyle, value: int, ascent: float, path: str) -> list[Element]:
    """The elements of a list item's marker. ``ascent`` is the list item font's rounded ascent.

    Outside markers take no space; symbols are shapes sized and placed like Chrome's.
    """
    from .counter_styles import SYMBOL_MARKERS, marker_text
    text_style = style.text
    kind = js_string(text_style.list_style_type or "disc")
    outside = text_style.list_style_position != "inside"
    font = dict(_MARKER_FONT)
    base = f"{path}/::marker"

    url = list_image_url(text_style.list_style_image or "none")
    if url is not None:
        # Images sit on the baseline, 7px from the content.
        img_style: dict[str, Any] = {"marginRight": 7, "flexShrink": 0} if outside else {"marginRight": 7}
        img_props: dict[str, Any] = {"src": url, "style": img_style, "__naturalSize": True}
        if not outside:
            img_props[MARKER_PARENT] = style
        img = Element("img", img_props, (), f"{base}[0]/img[0]" if outside else f"{base}[0]", img_style)
        if not outside:
            return [img]
        return [_span({**font, "display": "inline-flex", "width": 0, "justifyContent": "flex-end",
                       "alignItems": "baseline"}, style, f"{base}[0]", [img])]

    if kind == "none":
        return []
    name = kind.lower()
    if name in SYMBOL_MARKERS:
        offset = (ascent * 2) // 3
        disclosure = name.startswith("disclosure")
        size = float(style.font.font_size) * 0.66 if disclosure else (offset + 1) // 2
        top = ascent - size if disclosure else (3 * (ascent - offset)) // 2
        left = (-(size + 8) if disclosure else -(offset + 7)) if outside else 0
        shape: dict[str, Any] = {
            "display": "inline-block", "width": size, "height": size,
            # Its baseline is the bottom of its margin box.
            "marginBottom": ascent - top - size, "marginLeft": left,
            "marginRight": -left - size if outside else "0.4em" if disclosure else f"calc(1.1em - {size:g}px)",
            "backgroundColor": "currentColor",
        }
        if name == "disc":
            shape["borderRadius"] = "50%"
        if name == "circle":
            # A 1px stroke centred on the circle's edge.
            shape.update(width=size + 1, height=size + 1, marginLeft=left - 0.5,
                         marginBottom=ascent - top - size - 0.5,
                         marginRight=-left - size - 0.5 if outside else f"calc(1.1em - {size + 0.5:g}px)",
                         backgroundColor="transparent", boxSizing="border-box", border="1px solid currentColor",
                         borderRadius="50%")
        if name == "disclosure-open":
            shape["clipPath"] = "polygon(0 0, 100% 0, 50% 86.6%)"
        elif name == "disclosure-closed":
            shape["clipPath"] = "polygon(0 0, 86.6% 50%, 0 100%)"
        marker = _span({**font, **shape}, style, f"{base}[0]")
        if outside or disclosure:
            return [marker]
        # Inside disc, circle and square markers are followed by a space.
        return [marker, _span({**font, "whiteSpace": "pre-wrap"}, style, f"{base}[1]", [" "])]

    text = marker_text(value, kind)
    if not outside:
        content, spaces = re.fullmatch(r"(.*?)(\s*)", text, re.DOTALL).groups()  # type: ignore[union-attr]
        if spaces:
            return [_span(font, style, f"{base}[0]", [content]),
                    _span({**font, "whiteSpace": "pre-wrap"}, style, f"{base}[1]", [spaces])]
        return [_span(font, style, f"{base}[0]", [text])]
    # The text ends at the start of the content.
    inner = _span({"flexShrink": 0}, None, f"{base}[0]/span[0]", [text])
    return [_span({**font, "display": "inline-flex", "width": 0, "justifyContent": "flex-end"}, style,
                  f"{base}[0]", [inner])]


class MarkerTarget(Frozen):
    index: int
    nested: bool
    wrap: bool = False


def find_marker_target(children: Sequence[Node], item_container: bool) -> MarkerTarget:
    """Where an element's markers go: into or before its first in-flow child."""
    for index, child in enumerate(children):
        if isinstance(child, TextNode):
            if not child.text.strip():
                continue
            return MarkerTarget(index, False, item_container)
        style = child.props.get("style")
        style = style if isinstance(style, Mapping) else {}
        display = _display(child)
        if display == "none" or style.get("position") in ("absolute", "fixed") \
                or style.get("float") not in (None, "none"):
            continue
        replaced = child.type in ("img", "svg")
        return MarkerTarget(index, not replaced and (item_container or display in _MARKER_CONTAINERS))
    return MarkerTarget(len(children), False)
