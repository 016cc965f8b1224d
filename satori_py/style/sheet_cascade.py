"""The cascade of stylesheet rules for one element or pseudo-element.

Mirrors the cascade half of the reference's ``handler/stylesheet.ts``:
which rules match (with their ``@container`` conditions), the order of the
matching declarations (normal ones by layer, specificity and source order,
then the inline style, then important ones, where earlier layers win), the
initial values of ``@property`` registrations, query containers and
container units (``cqw``...), which become px here because the rest of the
style stage doesn't know containers.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..patterns import lazy_compile
from .conditions import ContainerCondition
from .selectors import Selector, SheetNode, matches
from .sheet_parser import Declaration
from .values import js_string

__all__ = ["CONTAINER_UNIT", "Container", "InitialValues", "MatchedRule", "Rule", "RuleIndex", "StyleContext",
           "cascade", "get_container", "match_rules", "replace_container_units", "to_property_name"]

# (width, height) of the content box of each query container, by its index in tree order.
ContainerSizes = Mapping[int, tuple[float, float]]

CONTAINER_UNIT = lazy_compile(r"\d(cqw|cqh|cqi|cqb|cqmin|cqmax)\b", re.IGNORECASE)
_CONTAINER_UNITS = ("cqw", "cqh", "cqi", "cqb", "cqmin", "cqmax")


@dataclass(eq=False, slots=True)
class Rule:
    selectors: tuple[Selector, ...]
    declarations: list[Declaration]
    order: int  # the position in the stylesheets
    layer: tuple[str, ...]
    rank: int = 0  # the precedence of the layer
    containers: tuple[ContainerCondition, ...] = ()


@dataclass(frozen=True, slots=True)
class MatchedRule:
    rule: Rule
    specificity: int  # of the most specific selector that matches


@dataclass(frozen=True, slots=True)
class Container:
    index: int
    type: str  # inline-size or size
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InitialValues:
    """The initial values of registered custom properties (``@property``)."""

    all: tuple[tuple[str, str], ...]
    not_inherited: tuple[tuple[str, str], ...]


@dataclass(slots=True)
class StyleContext:
    """What the cascaded styles depend on besides the rules."""

    invalid: set[Declaration] = field(default_factory=set)
    initial: InitialValues | None = None
    # For container units: the container sizes (if known) and the viewport.
    units: tuple[ContainerSizes | None, tuple[float | None, float | None]] | None = None


def to_property_name(name: str) -> str:
    """The camelCase of inline styles: ``-webkit-line-clamp`` is ``WebkitLineClamp``, ``-ms-`` is ``ms``."""
    if name.startswith("--"):
        return name
    vendor = name.startswith("-") and not name.startswith("-ms-")
    camel = re.sub(r"-([a-z])", lambda m: m.group(1).upper(), name.removeprefix("-"))
    return camel[:1].upper() + camel[1:] if vendor else camel


# -- matching -----------------------------------------------------------------------------

class RuleIndex:
    """The rules of the sheets, by what the subject of their selectors requires.

    Most rules don't match most elements: an element only tries the rules
    with a selector for its id, one of its classes, its type, or any element.
    """

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self._keyed: dict[tuple[str, str], set[int]] = {}
        self._any: set[int] = set()
        for index, rule in enumerate(rules):
            for selector in rule.selectors:
                kind, id_, classes = selector.subject
                key = ("#", id_) if id_ is not None else ((".", min(classes)) if classes else
                                                          ("t", kind) if kind is not None else None)
                (self._keyed.setdefault(key, set()) if key else self._any).add(index)

    def candidates(self, node: SheetNode) -> list[Rule]:
        """The rules that may match ``node``, in order."""
        found = set(self._any)
        keys = [("t", node.type), *((".", c) for c in node.classes)]
        if node.props.get("id") is not None:
            keys.append(("#", js_string(node.props["id"])))
        for key in keys:
            found.update(self._keyed.get(key, ()))
        return [self.rules[i] for i in sorted(found)]


def match_rules(node: SheetNode, rules: Iterable[Rule], sizes: ContainerSizes | None,
                pseudo: str | None = None) -> list[MatchedRule]:
    """The rules that match an element or its ``pseudo`` element.

    The containers of its ancestors are known, and its own one for its pseudo-elements.
    """
    matched: list[MatchedRule] = []
    start = node if pseudo else node.parent
    for rule in rules:
        if rule.containers and not all(_matches_container(c, start, sizes) for c in rule.containers):
            continue
        specificity = -1
        for selector in rule.selectors:
            if selector.pseudo == pseudo and selector.specificity > specificity and matches(selector, node):
                specificity = selector.specificity
        if specificity >= 0:
            matched.append(MatchedRule(rule, specificity))
    return matched


def _matches_container(condition: ContainerCondition, start: SheetNode | None,
                       sizes: ContainerSizes | None) -> bool:
    """The condition, for the nearest container with its name and the axes it queries."""
    block = condition.queries_block_axis
    node = start
    while node is not None:
        container: Container | None = node.container
        if container is None or (condition.name and condition.name not in container.names) \
                or (block and container.type != "size"):
            node = node.parent
            continue
        size = sizes.get(container.index) if sizes else None
        return size is not None and condition.matches(*size)
    return False


def get_container(node: SheetNode, index: int) -> Container | None:
    """The query container an element is, from its ``container*`` declarations."""
    style = cascade(node, StyleContext()) or {}
    kind = names = ""
    # The shorthand and the longhands override each other in cascade order.
    for key, value in style.items():
        if key == "container":
            parts = js_string(value).split("/")
            names, kind = parts[0], parts[1] if len(parts) > 1 else "normal"
        elif key == "containerType":
            kind = js_string(value)
        elif key == "containerName":
            names = js_string(value)
    kind = kind.strip().lower()
    if kind not in ("inline-size", "size"):
        return None
    return Container(index, kind, tuple(n for n in names.split() if n != "none"))


# -- the cascade --------------------------------------------------------------------------

def cascade(node: SheetNode, context: StyleContext, pseudo: str | None = None) -> dict[str, Any] | None:
    """The style of an element or its ``pseudo`` element with the matching declarations.

    None when nothing applies (the element keeps its inline style).
    """
    normal: list[tuple[Declaration, MatchedRule]] = []
    important: list[tuple[Declaration, MatchedRule]] = []
    for matched in node.matched.get(pseudo or "", ()):
        for declaration in matched.rule.declarations:
            # `content` only applies to pseudo-elements.
            if (not pseudo and declaration.name == "content") or declaration in context.invalid:
                continue
            (important if declaration.important else normal).append((declaration, matched))
    initial = _initial_values_for(node if pseudo else node.parent, context.initial) \
        if context.initial else ()
    inline = node.props.get("style")
    inline = inline if isinstance(inline, Mapping) else {}
    if not normal and not important and not initial:
        if not pseudo:
            node.custom = _custom_properties(inline)
        return None

    # Sorting is stable, so the declarations of a rule stay in order.
    normal.sort(key=lambda m: (m[1].rule.rank, m[1].specificity, m[1].rule.order))
    important.sort(key=lambda m: (-m[1].rule.rank, m[1].specificity, m[1].rule.order))
    style: dict[str, Any] = {}

    def put(name: str, value: Any) -> None:
        # A later declaration overrides earlier ones, shorthands included, so it moves to the end.
        style.pop(name, None)
        style[name] = value

    for declaration, _ in normal:
        put(to_property_name(declaration.name), declaration.value)
    if not pseudo:
        for name, value in inline.items():
            put(name, value)
    for declaration, _ in important:
        put(to_property_name(declaration.name), declaration.value)
    if not pseudo:
        node.custom = _custom_properties(style)
    for name, value in initial:
        style.setdefault(name, value)
    if context.units is not None:
        _resolve_container_units(style, node if pseudo else node.parent, *context.units)
    return style


def _custom_properties(style: Mapping[str, Any]) -> frozenset[str] | None:
    names = frozenset(name for name in style if name.startswith("--"))
    return names or None


def _initial_values_for(parent: SheetNode | None, initial: InitialValues) -> tuple[tuple[str, str], ...]:
    """The initial values of registered properties an element needs, the child of ``parent``.

    Custom properties are inherited by the style stage, so the root needs all
    of them; other elements only the ones that aren't inherited, where the
    parent declares another value.
    """
    if parent is None:
        return initial.all
    custom = parent.custom
    if not custom:
        return ()
    return tuple((name, value) for name, value in initial.not_inherited if name in custom)


# -- container units ----------------------------------------------------------------------

def _is_name_start(char: str) -> bool:
    return char != "" and (char.isascii() and (char.isalpha() or char == "_") or char >= "\u0080")


def _is_name(char: str) -> bool:
    return _is_name_start(char) or char.isdigit() and char.isascii() or char == "-"


def _is_digit(char: str) -> bool:
    return char != "" and "0" <= char <= "9"


def replace_container_units(value: str, replace: Callable[[float, str], str]) -> str:
    """``value`` with each container unit (``1.5cqw``) replaced by ``replace(amount, unit)``.

    Like a tokenizer, it skips strings and identifiers, and reads each
    character once (values come from stylesheets).
    """
    out: list[str] = []
    i, n = 0, len(value)

    def at(k: int) -> str:
        return value[k] if k < n else ""

    while i < n:
        char = value[i]
        end = i + 1
        if char in ("'", '"'):
            while end < n and value[end] != char:
                end += 2 if value[end] == "\\" else 1
            end = min(end + 1, n)
        elif _is_name_start(char) or (char == "-" and (_is_name_start(at(i + 1)) or at(i + 1) == "-")):
            while _is_name(at(end)):
                end += 1
        else:
            j = i + 1 if char in ("+", "-") else i
            if _is_digit(at(j)) or (at(j) == "." and _is_digit(at(j + 1))):
                while _is_digit(at(j)):
                    j += 1
                if at(j) == "." and _is_digit(at(j + 1)):
                    j += 1
                    while _is_digit(at(j)):
                        j += 1
                sign = 1 if at(j + 1) in ("+", "-") else 0
                if at(j) in ("e", "E") and _is_digit(at(j + 1 + sign)):
                    j += 1 + sign
                    while _is_digit(at(j)):
                        j += 1
                end = j
                while _is_name(at(end)):
                    end += 1
                unit = value[j:end].lower()
                if unit in _CONTAINER_UNITS:
                    out.append(replace(float(value[i:j]), unit))
                    i = end
                    continue
        out.append(value[i:end])
        i = end
    return "".join(out)


def _resolve_container_units(style: dict[str, Any], start: SheetNode | None, sizes: ContainerSizes | None,
                             viewport: tuple[float | None, float | None]) -> None:
    """Container units in px, of the nearest query container whose type has the axis.

    Without one, or before layout, they're of the viewport, like in browsers.
    Custom properties are resolved where they're used, so they're kept.
    """
    def size(block: bool) -> float:
        node = start
        while node is not None:
            container: Container | None = node.container
            if container is None or (block and container.type != "size"):
                node = node.parent
                continue
            known = sizes.get(container.index) if sizes else None
            if known is not None:
                return known[1] if block else known[0]
            break
        fallback = viewport[1] if block else viewport[0]
        return fallback if fallback is not None else 0.0

    def replace(amount: float, unit: str) -> str:
        inline, block = size(False), size(True)
        base = {"cqw": inline, "cqi": inline, "cqh": block, "cqb": block,
                "cqmin": min(inline, block), "cqmax": max(inline, block)}[unit]
        return f"{js_string(amount * base / 100)}px"

    for name, value in list(style.items()):
        if not name.startswith("--") and isinstance(value, str) and CONTAINER_UNIT.search(value):
            style[name] = replace_container_units(value, replace)
