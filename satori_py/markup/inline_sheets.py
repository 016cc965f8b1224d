"""satori-html's ``<style>`` elements: their rules inlined into the elements' style, as it does.

satori-html 0.3.2 runs the inline transformer of ultrahtml 1.7 over the markup before it
makes the tree, so Satori never sees a ``<style>``. What that transformer does, and so
what ``from_html(..., dialect="satori-html")`` does here:

* every ``<style>`` element goes (those inside an ``<svg>`` too), and the texts of all of
  them make one sheet;
* only plain style rules apply: ``@media`` (it is given no viewport), ``@supports`` and
  every other at-rule are skipped, and so is what nests inside a rule;
* a rule's declarations are kept per selector (``a, b`` is two); a later rule with the same
  selector adds to it, a later declaration of a property in it wins; values are spaced as
  its CSS compiler (stylis) writes them, ``!important`` kept in the value (``20px!important``,
  which Satori then does not read);
* the selectors are applied in the order of their specificity, counted as
  ``20 x ids + 10 x classes + types`` (so two classes tie with an id), equal ones in the
  order they first appear; a later one wins a property. The element's ``style`` attribute
  wins over all of them. An element that some rule matches has a style object even when
  the rule declares nothing;
* its selector engine is parsel's: type, ``*``, class, id, attributes, ``:first-child``,
  ``:last-child``, ``:only-child``, ``:nth-child()``, ``:empty``, ``:root`` (``<html>``),
  ``:is()``/``:where()`` and ``:not()`` of one simple selector, and the combinators. Its
  quirks are kept: the compounds on either side of a combinator are matched without their
  parent (``.card p:first-child`` never matches) and a selector of three compounds or more
  never matches. Where satori-html throws (a pseudo-element, another pseudo-class, a
  ``:not()`` of more than one simple selector, ``:nth-child()`` beside a combinator), the
  selector is reported and skipped.

What is skipped is reported on the diagnostics channel (:mod:`satori_py.diagnostics`),
with the line and column of the ``<style>`` element it came from.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from ..diagnostics import report
from ..errors import MarkupError
from ..limits import check_deadline
from ..style.selector_parser import RawComplex, RawCompound, RawSimple
from ..style.sheet_parser import AtRule, Declaration, StyleRule, parse_stylesheet
from .attributes import Location, camelize, check_css, node_location as _at, stylis_spaced

__all__ = ["ParsedNode", "SheetStyles", "inline_sheets"]


class ParsedNode(Protocol):
    """What this module reads of a node of the HTML parser's tree (:mod:`.html` owns the parser):
    elements have a tag ``name`` and ``attrs``, text nodes the name ``#text`` and ``data``."""

    @property
    def name(self) -> str: ...
    @property
    def parent(self) -> Any: ...
    @property
    def children(self) -> Any: ...
    @property
    def attrs(self) -> Any: ...
    @property
    def data(self) -> Any: ...
    @property
    def origin_location(self) -> tuple[int, int] | None: ...
    def remove_child(self, node: Any) -> Any: ...


# The inlined style of the elements some rule matches, by id() of their parsed node.
SheetStyles = dict[int, dict[str, str]]
# node, its parent (the fragment or document for the top-level ones; None where parsel
# matches a compound alone) and its index among the parent's children.
Matcher = Callable[[ParsedNode, ParsedNode | None, int], bool]

# The pseudo-classes parsel reads a selector list in (ultrahtml's specificity adds theirs).
_WITH_SELECTORS = frozenset(["not", "is", "where", "has", "matches", "-moz-any", "-webkit-any",
                             "nth-child", "nth-last-child"])
_ATTRIBUTE_TESTS: dict[str, Callable[[str, str], bool]] = {
    "=": lambda a, b: a == b, "~=": lambda a, b: b in a.split(), "|=": lambda a, b: a.startswith(b + "-"),
    "*=": lambda a, b: b in a, "$=": lambda a, b: a.endswith(b), "^=": lambda a, b: a.startswith(b)}


class _Unsupported(Exception):
    """A selector satori-html throws on."""


def inline_sheets(root: ParsedNode) -> SheetStyles:
    """Remove the ``<style>`` elements under ``root``; the styles their rules give the others."""
    sheets: list[tuple[str, Location]] = []
    for node in list(_elements(root)):
        if node.name == "style":
            location = _at(node)
            text = "".join(c.data or "" for c in node.children or [] if _is_text(c))
            check_css(text, "The sheet", "style", location)
            sheets.append((text, location))
            if node.parent is not None:
                node.parent.remove_child(node)
    if not sheets:
        return {}
    rules: dict[str, tuple[RawComplex, dict[str, str], Location]] = {}
    for text, location in sheets:
        _collect(parse_stylesheet(text), rules, location)
    styles: SheetStyles = {}
    tree = _Tree(root)
    ranked = sorted(rules.values(), key=lambda rule: _specificity(rule[0]))  # stable: ties keep their order
    for selector, declarations, location in ranked:
        try:
            matcher = _selector(selector)
        except _Unsupported as error:
            report(MarkupError(f"<style>: the selector {error} is skipped: satori-html 0.3.2 cannot apply "
                               "it (it throws)", line=location[0], column=location[1]))
            continue
        if matcher is None:
            continue
        for node, parent, index in tree.candidates(selector[-1]):
            check_deadline()
            if matcher(node, parent, index):
                styles.setdefault(id(node), {}).update(declarations)
    return styles


def _collect(items: list[Any], rules: dict[str, tuple[RawComplex, dict[str, str], Location]],
             location: Location) -> None:
    """Add the plain style rules of ``items`` to ``rules``, by selector; report the rest."""
    for item in items:
        if isinstance(item, AtRule):
            _skipped(location, f"the @{item.kind} rule is skipped: satori-html applies no at-rules")
        elif isinstance(item, StyleRule):
            declarations: dict[str, str] = {}
            for part in item.body:
                if isinstance(part, Declaration) and isinstance(part.value, str):
                    value = stylis_spaced(part.value + (" !important" if part.important else ""))
                    declarations[camelize(part.name)] = value
                elif isinstance(part, Declaration):
                    _skipped(location, f'"{part.name}" is skipped: it applies to ::before and ::after, '
                                       "which satori-html cannot select")
                else:
                    _skipped(location, "a rule nested in a rule is skipped: satori-html applies plain rules only")
            for selector in item.selectors:
                key = repr(selector)
                known = rules.get(key)
                if known is None:
                    rules[key] = (selector, dict(declarations), location)
                else:
                    known[1].update(declarations)


def _skipped(location: Location, what: str) -> None:
    report(MarkupError(f"<style>: {what}", line=location[0], column=location[1]))


# -- ultrahtml's specificity ---------------------------------------------------------------

def _specificity(selector: RawComplex) -> int:
    ids, classes, types = _counts(selector)
    return ids * 20 + classes * 10 + types


def _counts(selector: RawComplex) -> tuple[int, int, int]:
    counts = [0, 0, 0]
    for part in selector:
        if isinstance(part, str):
            continue
        for simple in part:
            kind = simple[0]
            if kind == "#":
                counts[0] += 1
            elif kind in (".", "["):
                counts[1] += 1
            elif kind in ("t", "::"):
                counts[2] += 1
            elif kind == ":":
                _count_pseudo_class(simple, counts)
    return counts[0], counts[1], counts[2]


def _count_pseudo_class(simple: RawSimple, counts: list[int]) -> None:
    name = simple[1]
    if name == "where":
        return
    inner = simple[2] if len(simple) == 3 and name in ("not", "is", "has") else None
    if name not in _WITH_SELECTORS or not inner:
        counts[1] += 1
        return
    best = max((_counts(s) for s in inner), key=lambda c: c[0] * 20 + c[1] * 10 + c[2])
    for k in range(3):
        counts[k] += best[k]


# -- ultrahtml's selector engine ------------------------------------------------------------

def _selector(selector: RawComplex) -> Matcher | None:
    """The matcher of ``selector``; None when it can match nothing.

    parsel splits at the last combinator and matches either side without the element's
    parent, keeping the nodes the left side matched (and, for " ", their descendants) as it
    walks the tree: so a left side that is itself a combination never matches, and one
    combinator is the most a matching selector has. Every simple selector is read first,
    as parsel builds them all before it matches (what it throws on is found here).
    """
    compounds = [_compound(part) for part in selector if not isinstance(part, str)]
    if len(compounds) == 1:
        return compounds[0]
    if any(simple[:2] == (":", "nth-child") and simple[2] != 0  # (a number: no count, no match)
           for part in selector if not isinstance(part, str) for simple in part):
        # Matched without a parent, parsel counts the parent's children of undefined.
        raise _Unsupported(":nth-child() beside a combinator")
    if len(compounds) > 2:
        return None
    left, right = compounds
    combinator = selector[1]

    def match(node: ParsedNode, parent: ParsedNode | None, index: int) -> bool:
        if parent is None or not right(node, None, 0):
            return False
        if combinator == " ":
            return any(left(ancestor, None, 0) for ancestor in _ancestors(node))
        if combinator == ">":
            return _is_element(parent) and left(parent, None, 0)
        before = [sibling for sibling in list(parent.children or [])[:index] if _is_element(sibling)]
        if combinator == "~":
            return any(left(sibling, None, 0) for sibling in before)
        return bool(before) and left(before[-1], None, 0)  # "+"

    return match


def _compound(compound: RawCompound) -> Matcher:
    tests = [_simple(simple) for simple in compound]
    return lambda node, parent, index: all(test(node, parent, index) for test in tests)


def _simple(simple: RawSimple) -> Matcher:
    kind = simple[0]
    if kind == "t":
        return lambda node, parent, index: node.name == simple[1]
    if kind == "*":
        return lambda node, parent, index: True
    if kind == ".":
        return lambda node, parent, index: simple[1] in _attribute(node, "class").split()
    if kind == "#":
        return lambda node, parent, index: (node.attrs or {}).get("id") == simple[1]
    if kind == "[":
        return _attribute_test(simple)
    if kind == ":":
        return _pseudo_class(simple)
    raise _Unsupported(_written(simple))


def _attribute_test(simple: RawSimple) -> Matcher:
    name = simple[1]
    if len(simple) == 2 or not simple[3]:
        return lambda node, parent, index: name in (node.attrs or {})
    operator, value, flag = simple[2], simple[3], simple[4]
    test = _ATTRIBUTE_TESTS[operator]
    if flag == "i":  # parsel's case flag compares the attribute's name with the selector's
        return lambda node, parent, index: any(test(attr.lower(), name.lower()) for attr in node.attrs or {}
                                               if attr == name)
    return lambda node, parent, index: name in (node.attrs or {}) and test(_attribute(node, name), value)


def _pseudo_class(simple: RawSimple) -> Matcher:
    name = simple[1]
    if name in ("first-child", "last-child", "only-child"):
        position = {"first-child": 0, "last-child": -1}.get(name)

        def child(node: ParsedNode, parent: ParsedNode | None, index: int) -> bool:
            elements = _element_children(parent)
            if position is None:
                return parent is not None and len(elements) == 1
            return bool(elements) and elements[position] is node
        return child
    if name == "nth-child" and simple[4] is None:
        return _nth_child(simple[2], simple[3])
    if name == "empty":
        return lambda node, parent, index: all(_is_text(c) and not (c.data or "").strip()
                                               for c in node.children or [])
    if name == "root":
        return lambda node, parent, index: node.name == "html"
    if name in ("is", "where") and simple[2]:
        if len(simple[2]) == 1:
            return _fresh(simple[2][0])
        alternatives = [_only_simple(s, name) for s in simple[2]]
        return lambda node, parent, index: any(test(node, parent, index) for test in alternatives)
    if name == "not" and len(simple[2]) == 1:
        inner = _only_simple(simple[2][0], name)
        return lambda node, parent, index: not inner(node, parent, index)
    raise _Unsupported(_written(simple))


def _fresh(selector: RawComplex) -> Matcher:
    """``:is(x)``: parsel builds x's matcher anew at each element, so a combinator in x never
    matches (the left side's nodes are kept by a walk that has not begun)."""
    matcher = _selector(selector)
    if matcher is None or len(selector) > 1:
        return lambda node, parent, index: False
    return matcher


def _only_simple(selector: RawComplex, name: str) -> Matcher:
    if len(selector) != 1 or isinstance(selector[0], str) or len(selector[0]) != 1:
        raise _Unsupported(f":{name}() of more than one simple selector")
    return _simple(selector[0][0])


def _nth_child(a: int, b: int) -> Matcher:
    def nth(node: ParsedNode, parent: ParsedNode | None, index: int) -> bool:
        elements = _element_children(parent)
        position = next((k for k, e in enumerate(elements) if e is node), -1) + 1
        for n in range(len(elements)):
            if a * n + b > len(elements):
                return False
            if a * n + b == position:
                return True
        return False
    return nth


def _element_children(parent: ParsedNode | None) -> list[ParsedNode]:
    if parent is None:
        return []
    return [c for c in parent.children or [] if _is_element(c)]


def _attribute(node: ParsedNode, name: str) -> str:
    return (node.attrs or {}).get(name) or ""


def _written(simple: RawSimple) -> str:
    return ("::" if simple[0] == "::" else ":" if simple[0] == ":" else simple[0]) + str(simple[1])


# -- the tree ---------------------------------------------------------------------------------

def _is_element(node: ParsedNode) -> bool:
    return not node.name.startswith("#")


def _is_text(node: ParsedNode) -> bool:
    return node.name == "#text"


def _elements(root: ParsedNode) -> list[ParsedNode]:
    return [node for node, _, _ in _walk(root)]


def _walk(root: ParsedNode) -> list[tuple[ParsedNode, ParsedNode, int]]:
    """The elements under ``root`` in document order, each with its parent and index there."""
    out: list[tuple[ParsedNode, ParsedNode, int]] = []
    stack: list[tuple[ParsedNode, ParsedNode, int]] = [
        (child, root, k) for k, child in reversed(list(enumerate(root.children or [])))]
    while stack:
        node, parent, index = stack.pop()
        if not _is_element(node):
            continue
        out.append((node, parent, index))
        stack.extend((child, node, k) for k, child in reversed(list(enumerate(node.children or []))))
    return out


def _ancestors(node: ParsedNode) -> list[ParsedNode]:
    out = []
    parent = node.parent
    while parent is not None and _is_element(parent):
        out.append(parent)
        parent = parent.parent
    return out


class _Tree:
    """The elements of the tree in document order, indexed by what a compound can name, so
    a selector is tried only on the elements its last compound could match."""

    def __init__(self, root: ParsedNode) -> None:
        self.walk = _walk(root)
        self.by_key: dict[tuple[str, str], list[tuple[ParsedNode, ParsedNode, int]]] = {}
        for entry in self.walk:
            node = entry[0]
            keys = {("t", node.name), ("#", _attribute(node, "id"))}
            keys.update((".", name) for name in _attribute(node, "class").split())
            for key in keys:
                self.by_key.setdefault(key, []).append(entry)

    def candidates(self, last: RawCompound | str) -> list[tuple[ParsedNode, ParsedNode, int]]:
        for simple in last:
            if simple[0] in ("t", "#", "."):
                return self.by_key.get((simple[0], simple[1]), [])
        return self.walk
