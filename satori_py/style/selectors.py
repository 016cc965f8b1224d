"""Selectors: compiling, specificity and matching against the element tree.

Mirrors the selector half of the reference's ``handler/stylesheet.ts``: raw
selectors (:mod:`.selector_parser`) are compiled with their nesting parent
(``&`` is what the parent rule matches, like ``:is()``; selectors of nested
rules without ``&`` are relative to it), unsupported pseudo-classes make a
selector invalid, specificities are compared as numbers, and selectors match
right to left over :class:`SheetNode`, a view of the element tree with
parents and siblings. Elements aren't interactive, so ``:hover`` and its
kind never match.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..element import Element, TextNode
from .selector_parser import RawComplex, RawSimple
from .values import js_string

__all__ = ["CLASS", "ID", "TYPE", "Selector", "SheetNode", "build_nodes", "compile_selector",
           "get_attribute", "matches"]

ID = 1 << 20
CLASS = 1 << 10
TYPE = 1

_LOGICAL = ("is", "where", "not", "has")
_PSEUDO_CLASSES = frozenset([
    "root", "scope", "empty", "first-child", "last-child", "only-child", "first-of-type",
    "last-of-type", "only-of-type", "link", "any-link", "-webkit-any-link", "defined", "read-only",
    # Never matching: there are no shadow trees, and elements aren't interactive.
    "host", "hover", "active", "focus", "focus-visible", "focus-within", "visited", "target",
    "target-within", "checked", "indeterminate", "default", "disabled", "enabled", "required",
    "optional", "valid", "invalid", "user-valid", "user-invalid", "in-range", "out-of-range",
    "read-write", "placeholder-shown", "autofill", "-webkit-autofill", "playing", "paused",
    "fullscreen", "modal", "popover-open", "open", "closed",
])
# Functional pseudo-classes of shadow trees and custom elements: browsers accept them, and
# they never match.
_NEVER_MATCHING_FUNCTIONS = frozenset(["host", "host-context", "state"])

Simple = tuple[Any, ...]
Compound = tuple[Simple, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Selector:
    """A compiled complex selector; ``pseudo`` is the pseudo-element it selects (``before``)."""

    parts: tuple[Compound | str, ...]
    specificity: int
    pseudo: str | None = None
    # What the subject (rightmost compound) requires of the element, checked first because
    # most selectors don't match most elements: its type, id and classes.
    subject: tuple[str | None, str | None, frozenset[str]] = (None, None, frozenset())


@dataclass(eq=False)
class SheetNode:
    """An element of the tree, with what selectors need to know about its neighbours."""

    element: Element
    type: str
    parent: SheetNode | None
    siblings: list[SheetNode]
    index: int
    children: list[SheetNode] = field(default_factory=list)
    text: bool = False  # it has text children, for :empty
    classes: tuple[str, ...] = ()
    lang: str | None = None
    svg: bool = False  # it's inside an <svg>
    # Set by the stylesheet pass (see stylesheet.py).
    container: Any = None
    matched: dict[str, list[Any]] = field(default_factory=dict)
    custom: frozenset[str] | None = None

    @property
    def props(self) -> Mapping[str, Any]:
        return self.element.props


def build_nodes(root: Element) -> SheetNode:
    """The :class:`SheetNode` tree of ``root``."""
    siblings: list[SheetNode] = []
    node = _node(root, None, siblings, None)
    stack = [node]
    while stack:
        parent = stack.pop()
        for child in parent.element.children:
            if isinstance(child, TextNode):
                parent.text = True
            else:
                stack.append(_node(child, parent, parent.children, parent.lang))
    return node


def _node(element: Element, parent: SheetNode | None, siblings: list[SheetNode], lang: str | None
          ) -> SheetNode:
    props = element.props
    class_name = props.get("className")
    if class_name is None:
        class_name = props.get("class")
    own_lang = props.get("lang")
    node = SheetNode(
        element, element.type.lower(), parent, siblings, len(siblings),
        classes=tuple(class_name.split()) if isinstance(class_name, str) else (),
        lang=js_string(own_lang) if own_lang is not None else lang,
        svg=parent is not None and (parent.svg or parent.type == "svg"))
    siblings.append(node)
    return node


# -- compiling ----------------------------------------------------------------------------

def _has_nesting(value: Any) -> bool:
    if not isinstance(value, (list, tuple)):
        return False
    if len(value) == 1 and value[0] == "&":
        return True
    return any(_has_nesting(v) for v in value)


def compile_selector(raw: RawComplex, parent: tuple[Selector, ...] | None) -> Selector | None:
    """A rule's selector; in a nested rule, one without ``&`` is relative to the parent rule."""
    parts = raw
    if parent is not None and not _has_nesting(raw):
        parts = [[("&",)], *raw] if isinstance(raw[0], str) else [[("&",)], " ", *raw]
    return _compile_parts(parts, parent, allow_pseudo=True)


def _compile_relative(raw: RawComplex, parent: tuple[Selector, ...] | None) -> Selector | None:
    """A relative selector of ``:has()``, anchored at its element (``@``)."""
    parts = [[("@",)], *raw] if isinstance(raw[0], str) else [[("@",)], " ", *raw]
    return _compile_parts(parts, parent)


def _compile_parts(raw: RawComplex, parent: tuple[Selector, ...] | None,
                   allow_pseudo: bool = False) -> Selector | None:
    """A pseudo-element can only end the selector of a rule; the rest matches its element."""
    parts: list[Compound | str] = []
    specificity = 0
    pseudo = None
    for i, part in enumerate(raw):
        if isinstance(part, str):
            parts.append(part)
            continue
        compound: list[Simple] = []
        for j, simple in enumerate(part):
            if simple[0] == "::":
                if not allow_pseudo or i != len(raw) - 1 or j != len(part) - 1:
                    return None
                pseudo = simple[1]
                specificity += TYPE
                continue
            compiled = _compile_simple(simple, parent)
            if compiled is None:
                return None
            compound.append(compiled)
            specificity += _specificity(compiled)
        parts.append(tuple(compound))
    return Selector(tuple(parts), specificity, pseudo, _subject(parts[-1]) if parts else (None, None, frozenset()))


def _subject(compound: Compound | str) -> tuple[str | None, str | None, frozenset[str]]:
    if isinstance(compound, str):
        return None, None, frozenset()
    kind = next((s[1] for s in compound if s[0] == "t"), None)
    id_ = next((s[1] for s in compound if s[0] == "#"), None)
    return kind, id_, frozenset(s[1] for s in compound if s[0] == ".")


def _compile_list(raw: list[RawComplex], parent: tuple[Selector, ...] | None, forgiving: bool,
                  relative: bool = False) -> tuple[Selector, ...] | None:
    selectors: list[Selector] = []
    for item in raw:
        compiled = _compile_relative(item, parent) if relative else _compile_parts(item, parent)
        if compiled is not None:
            selectors.append(compiled)
        elif not forgiving:
            return None
    return tuple(selectors)


def _compile_simple(simple: RawSimple, parent: tuple[Selector, ...] | None) -> Simple | None:
    kind = simple[0]
    if kind == "t":
        return ("t", simple[1].lower())
    if kind == "[":
        return ("[", simple[1].lower(), *simple[2:])
    if kind == "&":
        return ("&", parent)
    if kind != ":":
        return simple
    name = simple[1]
    if name in _LOGICAL:
        selectors = _compile_list(simple[2], parent, name in ("is", "where"), relative=name == "has")
        return None if selectors is None else (":", name, selectors)
    if name.startswith("nth-"):
        of = None
        if simple[4] is not None:
            of = _compile_list(simple[4], parent, False)
            if of is None:
                return None
        return (":", name, simple[2], simple[3], of)
    if name == "lang":
        return simple
    if name in _NEVER_MATCHING_FUNCTIONS:
        return (":", name)
    # Other functional pseudo-classes aren't supported.
    return simple if len(simple) == 2 and name in _PSEUDO_CLASSES else None


def _max_specificity(selectors: tuple[Selector, ...] | None) -> int:
    return max((s.specificity for s in selectors or ()), default=0)


def _specificity(simple: Simple) -> int:
    kind = simple[0]
    if kind == "#":
        return ID
    if kind in (".", "["):
        return CLASS
    if kind == "t":
        return TYPE
    if kind == "&":
        # `&` without a parent rule is `:scope`.
        return _max_specificity(simple[1]) if simple[1] else CLASS
    if kind == ":":
        name = simple[1]
        if name == "where":
            return 0
        if name in ("is", "not", "has"):
            return _max_specificity(simple[2])
        return CLASS + _max_specificity(simple[4]) if name.startswith("nth-") else CLASS
    return 0


# -- matching -----------------------------------------------------------------------------

def matches(selector: Selector, node: SheetNode, anchor: SheetNode | None = None) -> bool:
    """Whether ``selector`` matches ``node`` (its originating element, for pseudo-elements)."""
    kind, id_, classes = selector.subject
    if (kind is not None and kind != node.type) or (classes and not classes.issubset(node.classes)) \
            or (id_ is not None and js_string(node.props.get("id")) != id_):
        return False
    return _matches_from(selector.parts, len(selector.parts) - 1, node, anchor)


def _matches_from(parts: tuple[Compound | str, ...], index: int, node: SheetNode,
                  anchor: SheetNode | None) -> bool:
    compound = parts[index]
    assert not isinstance(compound, str)
    if not _matches_compound(compound, node, anchor):
        return False
    if index == 0:
        return True
    combinator = parts[index - 1]

    def following(other: SheetNode) -> bool:
        return _matches_from(parts, index - 2, other, anchor)

    if combinator == ">":
        return node.parent is not None and following(node.parent)
    if combinator == " ":
        other = node.parent
        while other is not None:
            if following(other):
                return True
            other = other.parent
        return False
    if combinator == "+":
        return node.index > 0 and following(node.siblings[node.index - 1])
    if combinator == "~":
        return any(following(node.siblings[i]) for i in range(node.index - 1, -1, -1))
    return False


def _matches_compound(compound: Compound, node: SheetNode, anchor: SheetNode | None) -> bool:
    for simple in compound:
        kind = simple[0]
        if kind == "t":
            if node.type != simple[1]:
                return False
        elif kind == "#":
            value = node.props.get("id")
            if value is None or js_string(value) != simple[1]:
                return False
        elif kind == ".":
            if simple[1] not in node.classes:
                return False
        elif kind == "[":
            if not _matches_attribute(node, simple):
                return False
        elif kind == "&":
            # It doesn't represent the pseudo-elements of the parent rule.
            parent = simple[1]
            if parent is not None:
                if not any(s.pseudo is None and matches(s, node) for s in parent):
                    return False
            elif node.parent is not None:
                return False
        elif kind == "@":
            if node is not anchor:
                return False
        elif kind == ":" and not _matches_pseudo_class(simple, node):
            return False
    return True


def get_attribute(node: SheetNode, name: str) -> str | None:
    """An attribute's value from the props of an element (``name`` lowercased)."""
    props = node.props
    value: Any = None
    if name in ("class", "for"):
        first, second = ("className", "class") if name == "class" else ("htmlFor", "for")
        value = props.get(first)
        if value is None:
            value = props.get(second)
    else:
        value = next((v for k, v in props.items() if k != "children" and k.lower() == name), None)
    if value is None or value is False:
        return None
    if value is True:
        return ""
    if isinstance(value, (Mapping, list, tuple)):
        return "" if name == "style" else None
    return js_string(value)


def _matches_attribute(node: SheetNode, simple: Simple) -> bool:
    actual = get_attribute(node, simple[1])
    if actual is None:
        return False
    if len(simple) == 2:
        return True
    _, _, operator, expected, flag = simple
    if flag == "i":
        actual, expected = actual.lower(), expected.lower()
    if operator == "=":
        return bool(actual == expected)
    if operator == "~=":
        return bool(expected) and not any(c.isspace() for c in expected) and expected in actual.split()
    if operator == "|=":
        return actual == expected or actual.startswith(expected + "-")
    if operator == "^=":
        return bool(expected) and actual.startswith(expected)
    if operator == "$=":
        return bool(expected) and actual.endswith(expected)
    if operator == "*=":
        return bool(expected) and expected in actual
    return False


def _position(node: SheetNode, from_end: bool, keep: Callable[[SheetNode], bool]) -> int:
    """The position of an element among its siblings that pass ``keep`` (1-based)."""
    siblings = node.siblings
    span = siblings[node.index:] if from_end else siblings[:node.index + 1]
    return sum(1 for sibling in span if keep(sibling))


def _matches_nth(a: int, b: int, index: int) -> bool:
    if a == 0:
        return index == b
    n, remainder = divmod(index - b, a)
    return remainder == 0 and n >= 0


def _matches_pseudo_class(simple: Simple, node: SheetNode) -> bool:
    name = simple[1]

    def same_type(other: SheetNode) -> bool:
        return other.type == node.type

    if name in ("root", "scope"):
        return node.parent is None
    if name == "empty":
        return not node.children and not node.text
    if name == "first-child":
        return node.index == 0
    if name == "last-child":
        return node.index == len(node.siblings) - 1
    if name == "only-child":
        return len(node.siblings) == 1
    if name == "first-of-type":
        return _position(node, False, same_type) == 1
    if name == "last-of-type":
        return _position(node, True, same_type) == 1
    if name == "only-of-type":
        return _position(node, False, same_type) == 1 and _position(node, True, same_type) == 1
    if name in ("nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"):
        _, _, a, b, of = simple
        if name.endswith("of-type"):
            keep: Callable[[SheetNode], bool] = same_type
        elif of is not None:
            def keep(other: SheetNode) -> bool:
                return any(matches(s, other) for s in of)
        else:
            def keep(other: SheetNode) -> bool:
                return True
        if not keep(node):
            return False
        return _matches_nth(a, b, _position(node, name.startswith("nth-last"), keep))
    if name == "not":
        return not any(matches(s, node) for s in simple[2])
    if name in ("is", "where"):
        return any(matches(s, node) for s in simple[2])
    if name == "has":
        return any(_matches_has(s, node) for s in simple[2])
    if name in ("link", "any-link", "-webkit-any-link"):
        return node.type in ("a", "area") and node.props.get("href") is not None
    if name == "lang":
        return any(_matches_lang(node.lang, r) for r in simple[2])
    return name in ("defined", "read-only")


def _matches_has(selector: Selector, node: SheetNode) -> bool:
    """A relative selector of ``:has()``, anchored at the element."""
    candidates: list[SheetNode] = []

    def add_descendants(parent: SheetNode) -> None:
        for child in parent.children:
            candidates.append(child)
            add_descendants(child)

    if selector.parts[1] in (" ", ">"):
        add_descendants(node)
    else:
        for sibling in node.siblings[node.index + 1:]:
            candidates.append(sibling)
            add_descendants(sibling)
    return any(matches(selector, candidate, node) for candidate in candidates)


def _matches_lang(lang: str | None, language_range: str) -> bool:
    if lang is None:
        return False
    if language_range == "*":
        return True
    value, expected = lang.lower(), language_range.lower()
    return value == expected or value.startswith(expected + "-")
