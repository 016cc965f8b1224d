"""CSS custom properties and ``var()`` / ``env()`` substitution.

Mirrors the reference's ``handler/variables.ts``: custom properties always
inherit, ``inherit``/``unset``/``revert`` keep the inherited value and
``initial`` is the guaranteed-invalid value; a ``var()`` without a value
and without a fallback makes the whole declaration invalid at computed-value
time (None here), which the cascade treats as ``unset``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..patterns import lazy_compile
from . import valueparser as vp

__all__ = ["extract_custom_properties", "merge_variables", "resolve_variables"]

_INHERITING = {"inherit", "unset", "revert", "revert-layer"}
# Desktop browsers: no unsafe areas and no virtual keyboard.
_ENVIRONMENT = {"keyboard-inset-width": "0px", "keyboard-inset-height": "0px"}
for _side in ("top", "right", "bottom", "left"):
    _ENVIRONMENT.update({f"safe-area-inset-{_side}": "0px", f"safe-area-max-inset-{_side}": "0px",
                         f"keyboard-inset-{_side}": "0px"})


def _js_str(value: Any) -> str:
    from .values import js_string
    return js_string(value)


def extract_custom_properties(style: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """Split ``style`` into its custom properties (as strings) and the rest."""
    variables: dict[str, str] = {}
    rest: dict[str, Any] = {}
    for prop, value in style.items():
        if prop.startswith("--"):
            variables[prop] = _js_str(value)
        else:
            rest[prop] = value
    return variables, rest


def merge_variables(inherited: Mapping[str, str], current: Mapping[str, str]) -> dict[str, str]:
    merged = dict(inherited)
    for name, value in current.items():
        if value.strip().lower() not in _INHERITING:
            merged[name] = value
    return merged


def _var_args(node: vp.Node) -> tuple[str, str | None] | None:
    name: str | None = None
    comma = -1
    for i, child in enumerate(node.nodes):
        if child.type == "word" and name is None:
            name = child.value
        elif child.type == "div" and child.value == ",":
            comma = i
            break
    if name is None:
        return None
    if comma != -1:
        return name.strip(), vp.stringify(node.nodes[comma + 1:]).strip()
    return name.strip(), None


#: The work of substituting one value: var()/env() substitutions, and characters substituted.
#: Custom properties that each use the next twice double with every level (``--a: var(--b)
#: var(--b)``): 20 levels took 48 s and 2.1 GB, 60 never finished. As CSS Variables asks of a
#: UA ("long substitution"), a value past either is invalid at computed-value time.
MAX_SUBSTITUTIONS = 10_000
MAX_SUBSTITUTED_CHARS = 1_000_000
#: How deep var() references, their fallbacks and the functions around them may nest: each
#: level is a recursion, and a chain of 5,000 custom properties ended in a RecursionError,
#: reported without the node or the property. Past it, the value is invalid.
MAX_NESTING = 128
# What may open or close a parenthesis: an escape, a string or a comment (their parentheses
# do not count), or one itself.
_PARENTHESES = lazy_compile(r"""\\.|"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|/\*.*?(?:\*/|$)|[()]""", re.DOTALL)


def _nests_deeper(value: str, limit: int) -> bool:
    """Whether the parentheses of ``value`` nest more than ``limit`` deep (strings and comments
    left out). Each var() fallback is parsed again a level down, so 10,000 nested ones took
    10 s and 850 MB before the level limit stopped them: they are refused before any parse."""
    if value.count("(") <= limit:
        return False
    depth = 0
    for match in _PARENTHESES.finditer(value):
        token = match.group()
        if token == "(":
            depth += 1
            if depth > limit:
                return True
        elif token == ")":
            depth = max(depth - 1, 0)
    return False


def resolve_variables(value: Any, variables: Mapping[str, str], warn: Callable[[str], None],
                      visited: frozenset[str] = frozenset(), budget: list[int] | None = None,
                      depth: int = 0) -> Any:
    """``value`` with ``var()``/``env()`` substituted; None when invalid at computed-value time
    (also past :data:`MAX_SUBSTITUTIONS`, :data:`MAX_SUBSTITUTED_CHARS` or :data:`MAX_NESTING`)."""
    if not isinstance(value, str) or ("var(" not in value and "env(" not in value):
        return value
    if _nests_deeper(value, MAX_NESTING + 1 - depth):
        warn(f"The value's var() references and functions nest deeper than {MAX_NESTING}: it is invalid.")
        return None
    if budget is None:
        budget = [MAX_SUBSTITUTIONS, MAX_SUBSTITUTED_CHARS]
    invalid = False

    def joins(node: vp.Node | None) -> bool:
        return node is not None and node.type in ("word", "string", "function")

    def visit(nodes: list[vp.Node], level: int) -> None:
        nonlocal invalid
        if level > MAX_NESTING:
            warn(f"The value's var() references and functions nest deeper than {MAX_NESTING}: it is invalid.")
            invalid = True
            return
        for index, node in enumerate(nodes):
            if invalid:
                return
            name = node.value.lower() if node.type == "function" else ""
            if name not in ("var", "env"):
                if node.type == "function":
                    visit(node.nodes, level + 1)
                continue
            args = _var_args(node)
            if args is None or budget[0] <= 0 or budget[1] < 0:
                invalid = True
                return
            budget[0] -= 1
            if not budget[0]:
                warn(f"The value's var() substitutions go past {MAX_SUBSTITUTIONS}: it is invalid.")
            var_name, fallback = args
            resolved: Any = None
            if name == "env":
                resolved = _ENVIRONMENT.get(var_name)
            elif var_name in visited:
                warn(f"Circular reference detected for CSS variable: {var_name}")
            else:
                raw = variables.get(var_name)
                if raw is not None and raw.strip().lower() != "initial":
                    resolved = resolve_variables(raw, variables, warn, visited | {var_name}, budget, level + 1)
            if resolved is None and fallback is not None:
                resolved = resolve_variables(fallback, variables, warn, visited, budget, level + 1)
            if resolved is None:
                invalid = True
                return
            budget[1] -= len(_js_str(resolved))
            if budget[1] < 0:
                warn(f"The value is longer than {MAX_SUBSTITUTED_CHARS} characters once its var() are "
                     "substituted: it is invalid.")
                invalid = True
                return
            before = " " if joins(nodes[index - 1] if index > 0 else None) else ""
            after = " " if joins(nodes[index + 1] if index + 1 < len(nodes) else None) else ""
            node.type, node.value, node.nodes = "word", before + _js_str(resolved) + after, []

    nodes = vp.parse(value)
    visit(nodes, depth)
    return None if invalid else vp.stringify(nodes)
