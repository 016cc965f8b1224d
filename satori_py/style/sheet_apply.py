"""The rules of ``<style>`` sheets applied to an element tree (see :mod:`.stylesheet`).

The sheets are parsed (:mod:`.sheet_parser`), their rules compiled into a flat
list (nesting, ``@media`` against the image size, ``@supports``, ``@layer``
ranks, ``@property``), matched against every element (:mod:`.selectors`), and
the declarations that apply merged with each element's inline style in cascade
order (:mod:`.sheet_cascade`). Kept apart from :mod:`.stylesheet`, which finds
the sheets, so that rendering a tree without any imports none of this.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..cache import text_cache
from ..element import CONTAINER_PROP, PLACEHOLDER_PROP, TEXT, Element, Node, TextNode, path_tag
from ..errors import SatoriError, StyleError
from ..patterns import lazy_compile
from .computed import compute_style, root_style
from .conditions import (
    matches_media,
    matches_supports,
    parse_container_prelude,
    supports_declarations,
)
from .selectors import Selector, SheetNode, build_nodes, compile_selector, get_attribute
from .sheet_cascade import (
    CONTAINER_UNIT,
    ContainerSizes,
    InitialValues,
    Rule,
    RuleIndex,
    StyleContext,
    cascade,
    get_container,
    match_rules,
    replace_container_units,
    to_property_name,
)
from .sheet_parser import AtRule, Declaration, Item, StyleRule, parse_stylesheet
from .values import CSS_WIDE_KEYWORDS

__all__ = ["apply_sheets", "declaration_error"]

# Replaced elements and the like have no ::before and ::after.
_NO_GENERATED_CONTENT = frozenset(["img", "svg", "canvas", "video", "audio", "iframe", "object",
                                   "embed", "input", "textarea", "select", "br", "wbr"])
# `quotes` isn't supported: quotes are always curly double quotes.
_QUOTES = {"open-quote": "\u201c", "close-quote": "\u201d", "no-open-quote": "", "no-close-quote": ""}
_CSS_WIDE = lazy_compile(f"^({'|'.join(sorted(CSS_WIDE_KEYWORDS))})$", re.IGNORECASE)
_SUBSTITUTED = lazy_compile(r"var\(|env\(", re.IGNORECASE)
_UNIVERSAL_SYNTAX = lazy_compile(r"""^(['"])\s*\*\s*\1$""")

Viewport = tuple[float | None, float | None]
ErrorSink = Callable[[SatoriError], None]


# -- validation ---------------------------------------------------------------------------

def declaration_error(name: str, value: str) -> StyleError | None:
    """The error of a declaration as an inline style of a ``<div>`` at the root, if any."""
    found = _declaration_error(name, value)
    # A new error each time: callers may attach a path to it.
    return None if found is None else StyleError(found[0], prop=found[1], value=value)


@text_cache(2048)
def _declaration_error(name: str, value: str) -> tuple[str, str | None] | None:
    errors: list[SatoriError] = []
    try:
        compute_style("div", {"style": {name: value}}, root_style(width=None, height=None),
                      viewport=(0.0, 0.0), on_style_error=errors.append)
    except SatoriError as error:
        errors.append(error)
    return (errors[0].message, errors[0].prop) if errors else None


def _supported(sheets: list[list[Item]]) -> dict[str, bool]:
    """Whether the declarations of ``@supports`` conditions are valid, checked like declarations."""
    found: list[str] = []
    pending = [item for items in reversed(sheets) for item in reversed(items)]  # in order
    while pending:
        item = pending.pop()
        if isinstance(item, AtRule) and item.kind == "supports":
            supports_declarations(item.prelude, found)
        if not isinstance(item, Declaration) and item.body:
            pending.extend(reversed(item.body))
    supported: dict[str, bool] = {}
    for text in found:
        name, _, value = text.partition(":")
        supported[text] = declaration_error(to_property_name(name.strip().lower()), value.strip()) is None
    return supported


def _invalid_declarations(nodes: list[SheetNode], on_error: ErrorSink | None) -> set[Declaration]:
    """The matching declarations with invalid or unsupported values, each error reported once.

    Values with ``var()`` or ``env()`` are valid until they're computed, as in browsers.
    """
    groups: dict[str, list[Declaration]] = {}
    paths: dict[str, str] = {}  # the first element each group applies to, named in the report
    for node in nodes:
        for matched in node.matched.values():
            for rule in (m.rule for m in matched):
                for declaration in rule.declarations:
                    value = declaration.value
                    if not isinstance(value, str) or declaration.name.startswith("--") \
                            or _CSS_WIDE.match(value) or _SUBSTITUTED.search(value):
                        continue
                    key = f"{declaration.name}:{value}"
                    groups.setdefault(key, []).append(declaration)
                    paths.setdefault(key, node.element.path)
    invalid: set[Declaration] = set()
    for key, declarations in groups.items():
        name, original = declarations[0].name, str(declarations[0].value)
        # Container units are resolved in the cascade, so they're checked as lengths.
        checked = replace_container_units(original, lambda amount, unit: "0px") \
            if CONTAINER_UNIT.search(original) else original
        error = declaration_error(to_property_name(name), checked)
        if error is None:
            continue
        if checked != original:
            error = StyleError(error.message.replace(checked, original), prop=error.prop, value=original)
        invalid.update(declarations)
        if on_error is not None:
            on_error(error.with_path(paths[key]))
    return invalid


# -- compiling ----------------------------------------------------------------------------

@dataclass
class _Compiler:
    """Compiles parsed sheets into a flat list of rules (``compileRules``)."""

    viewport: Viewport
    supported: Mapping[str, bool]

    def __post_init__(self) -> None:
        self.rules: list[Rule] = []
        self.order = 0
        self.anonymous_layers = 0
        self.layers: dict[str, int] = {}  # in the order they're declared
        self.properties: dict[str, tuple[bool, str | None]] = {}  # @property: inherits, initial
        self.container_rules = False
        self.container_units = False

    def compile(self, items: list[Item], parent: tuple[Selector, ...] | None, layer: tuple[str, ...],
                containers: tuple[Any, ...] = ()) -> None:
        """In style rules, declarations after nested rules come after them, with the same selectors."""
        declarations: list[Declaration] = []

        def flush() -> None:
            if declarations and parent is not None:
                self.rules.append(Rule(parent, list(declarations), self.order, layer, 0, containers))
                self.order += 1
            declarations.clear()

        for item in items:
            if isinstance(item, Declaration):
                declarations.append(item)
                if isinstance(item.value, str) and CONTAINER_UNIT.search(item.value):
                    self.container_units = True
                continue
            flush()
            if isinstance(item, StyleRule):
                # As in browsers, a selector list with an invalid selector is invalid.
                selectors = [compile_selector(raw, parent) for raw in item.selectors]
                if all(s is not None for s in selectors):
                    self.compile(item.body, tuple(s for s in selectors if s is not None), layer, containers)
            elif item.kind == "media":
                if matches_media(item.prelude, self.viewport):
                    self.compile(item.body or [], parent, layer, containers)
            elif item.kind == "supports":
                if matches_supports(item.prelude, self.supported):
                    self.compile(item.body or [], parent, layer, containers)
            elif item.kind == "container":
                self.container_rules = True
                self.compile(item.body or [], parent, layer,
                             (*containers, parse_container_prelude(item.prelude)))
            elif item.kind == "property":
                self._register(item.prelude, item.body or [])
            elif item.kind == "layer":
                if item.body is None:
                    for name in item.names:
                        self._declare_layer((*layer, *name.split(".")))
                    continue
                if item.names:
                    nested = (*layer, *item.names[0].split("."))
                else:
                    nested = (*layer, f"\0{self.anonymous_layers}")
                    self.anonymous_layers += 1
                self._declare_layer(nested)
                self.compile(item.body, parent, nested, containers)
        flush()

    def _register(self, name: str, descriptors: list[Item]) -> None:
        """A valid ``@property`` registers its property; the last valid one wins."""
        values = {d.name.lower(): d.value.strip() for d in descriptors
                  if isinstance(d, Declaration) and isinstance(d.value, str)}
        syntax, inherits, initial = values.get("syntax"), values.get("inherits"), values.get("initial-value")
        inherits = inherits.lower() if inherits is not None else None
        if syntax is None or inherits not in ("true", "false"):
            return
        # Only the universal syntax "*" doesn't need an initial value.
        if initial is None and not _UNIVERSAL_SYNTAX.match(syntax):
            return
        self.properties[name] = (inherits == "true", initial)

    def _declare_layer(self, layer: tuple[str, ...]) -> None:
        for i in range(1, len(layer) + 1):
            self.layers.setdefault(".".join(layer[:i]), len(self.layers))

    def rank_layers(self) -> None:
        """Layers rank by first declaration; a layer's rules come after its sublayers', unlayered last."""
        def key(layer: tuple[str, ...]) -> list[float]:
            return [*(self.layers[".".join(layer[:i + 1])] for i in range(len(layer))), float("inf")]

        keys = {".".join(rule.layer): key(rule.layer) for rule in self.rules}
        ranks = {name: rank for rank, name in enumerate(sorted(keys, key=lambda n: keys[n]))}
        for rule in self.rules:
            rule.rank = ranks[".".join(rule.layer)]

    def initial_values(self) -> InitialValues | None:
        every = tuple((n, initial) for n, (_, initial) in self.properties.items() if initial is not None)
        # Without an initial value, a property that isn't inherited has the
        # guaranteed-invalid value, `initial`, unless it's declared.
        not_inherited = tuple((n, initial if initial is not None else "initial")
                              for n, (inherits, initial) in self.properties.items() if not inherits)
        return InitialValues(every, not_inherited) if every or not_inherited else None


# -- the pass -----------------------------------------------------------------------------

# Longer sheets are parsed again each time: 64 sheets of 200,000 characters kept 280 MB.
_MAX_CACHED_SHEET = 32_768


@text_cache(64, max_text=_MAX_CACHED_SHEET)
def _parsed(text: str) -> list[Item]:
    """A parsed sheet; templates render the same sheets again and again. Not to be changed."""
    return parse_stylesheet(text)


def _preorder(root: SheetNode) -> Iterable[SheetNode]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def apply_sheets(element: Element, texts: list[str], viewport: Viewport, on_style_error: ErrorSink | None,
                 container_sizes: ContainerSizes | None) -> Element:
    """``element`` with the rules of the sheets ``texts`` applied, see :func:`.stylesheet.apply_stylesheets`."""
    sheets = [_parsed(text) for text in texts]
    # Feature queries aren't errors, so they're not reported.
    compiler = _Compiler(viewport, _supported(sheets))
    for items in sheets:
        compiler.compile(items, None, ())
    compiler.rank_layers()
    initial = compiler.initial_values()
    if not compiler.rules and initial is None:
        return element

    root = build_nodes(element)
    nodes = list(_preorder(root))
    try:
        return _apply(root, nodes, compiler, initial, container_sizes, viewport, on_style_error)
    finally:
        # A node's parent lists it among its children (a reference cycle per node): unlinked,
        # the tree is freed by reference counting, not left to the cycle collector.
        for node in nodes:
            node.parent = None
            node.siblings.clear()


def _apply(root: SheetNode, nodes: list[SheetNode], compiler: _Compiler, initial: InitialValues | None,
           container_sizes: ContainerSizes | None, viewport: Viewport, on_style_error: ErrorSink | None
           ) -> Element:
    containers = 0
    queries = compiler.container_rules or compiler.container_units
    index = RuleIndex(compiler.rules)
    # Rules are matched first, so that only the declarations that apply are validated.
    for node in nodes:
        rules = index.candidates(node)
        node.matched = {"": match_rules(node, rules, container_sizes)}
        # Containers are known before their descendants and their own pseudo-elements match.
        if queries and not node.svg:
            node.container = get_container(node, containers)
            containers += node.container is not None
        if not node.svg and node.type not in _NO_GENERATED_CONTENT:
            node.matched["before"] = match_rules(node, rules, container_sizes, "before")
            node.matched["after"] = match_rules(node, rules, container_sizes, "after")
        if node.type == "input" and not node.svg:
            node.matched["placeholder"] = match_rules(node, rules, container_sizes, "placeholder")
    context = StyleContext(_invalid_declarations(nodes, on_style_error), initial,
                           (container_sizes, viewport) if compiler.container_units else None)
    return _with_paths(_rebuild(root, context), root.element.path)


def _rebuild(node: SheetNode, context: StyleContext) -> Element:
    element = node.element
    props = dict(element.props)
    style = cascade(node, context)
    if style is not None:
        props["style"] = style
    placeholder = cascade(node, context, "placeholder") if node.matched.get("placeholder") else None
    if placeholder is not None:
        props[PLACEHOLDER_PROP] = placeholder
    if node.container is not None:
        props[CONTAINER_PROP] = node.container.index
    children: list[Node] = []
    elements = iter(node.children)
    for child in element.children:
        children.append(child if isinstance(child, TextNode) else _rebuild(next(elements), context))
    if "before" in node.matched:
        before = _generated(node, context, "before")
        after = _generated(node, context, "after")
        if before is not None or after is not None:
            children = [c for c in (before, *children, after)
                        if c is not None and not (isinstance(c, TextNode) and c.text == "")]
    own = props.get("style")
    return Element(element.type, props, tuple(children), "", own if isinstance(own, Mapping) else {})


def _generated(node: SheetNode, context: StyleContext, pseudo: str) -> Element | None:
    """The ``::before`` or ``::after`` of an element, unless its ``content`` is none or normal.

    Counters are resolved by layout, at the pseudo-element's place in the tree.
    """
    style = cascade(node, context, pseudo)
    content = style.get("content") if style else None
    if style is None or not isinstance(content, tuple):
        return None
    del style["content"]
    parts: list[str | Element] = []
    for part in content:
        if isinstance(part, str):
            parts.append(part)
        elif part[0] == "attr":
            value = get_attribute(node, str(part[1]).lower())
            parts.append(value if value is not None else part[2] if part[2] is not None else "")
        elif part[0] == "quote":
            parts.append(_QUOTES[str(part[1])])
        elif part[0] == "url":
            parts.append(Element("img", {"src": part[1], "__naturalSize": True}, (), ""))
        elif part[0] == "counter":
            parts.append(Element("::counter", {"name": part[1], "separator": part[2],
                                               "counterStyle": part[3]}, (), ""))
    children: list[Node] = []
    for part in parts:
        # Adjacent text is one text node, as React children are normalised.
        if isinstance(part, str) and children and isinstance(children[-1], TextNode):
            children[-1] = TextNode(children[-1].text + part, "")
        else:
            children.append(TextNode(part, "") if isinstance(part, str) else part)
    return Element(f"::{pseudo}", {"style": style}, tuple(children), "", style)


def _with_paths(element: Element, path: str) -> Element:
    """``element`` with the node paths of the rebuilt tree (pseudo-elements shift their siblings)."""
    children: list[Node] = []
    for index, child in enumerate(element.children):
        if isinstance(child, TextNode):
            children.append(TextNode(child.text, f"{path}/{TEXT}[{index}]"))
        else:
            children.append(_with_paths(child, f"{path}/{path_tag(child.type)}[{index}]"))
    return Element(element.type, element.props, tuple(children), path, element.style)
