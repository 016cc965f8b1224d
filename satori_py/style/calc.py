"""``calc()``, ``min()``, ``max()`` and ``clamp()`` of lengths and numbers.

Mirrors the reference's ``parser/math.ts``: a small recursive-descent parser
whose lengths are resolved to px while parsing, leaving a tree (see
:data:`~satori_py.style.types.CalcNode`) that only needs the percentage basis.
Invalid expressions give None, never an exception.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, cast

from ..frozen import Frozen
from ..length_range import top_level
from ..patterns import lazy_compile
from .types import Calc, CalcNode, _evaluate
from .values import MATH_FUNCTION

__all__ = ["MathValue", "parse_math"]

_NUMBER = lazy_compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)([a-z]+|%)?", re.IGNORECASE)
_FUNCTION = lazy_compile(r"([a-z-]+)\(", re.IGNORECASE)

# (kind, payload): ("value", (number, unit)), ("function", name), or an
# operator / parenthesis / comma as its own kind.
_Token = tuple[str, object]
# Resolves (number, lowercase unit) to px, or None for an unknown unit.
LengthResolver = Callable[[float, str], "float | None"]


class _Invalid(Exception):
    """The expression is not a valid math function."""


class MathValue(Frozen):
    """A parsed math function: ``type`` length or number, and its tree."""

    type: Literal["length", "number"]
    percentage: bool
    tree: CalcNode

    def evaluate(self, basis: float = 0.0) -> float:
        return top_level(_evaluate(self.tree, basis))

    def as_calc(self, source: str) -> Calc:
        return Calc(self.tree, source)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        previous = tokens[-1][0] if tokens else None
        # A sign belongs to a number only at the start of an operand.
        operand_start = previous is None or previous not in ("value", ")")
        number = _NUMBER.match(text, i) if operand_start or char not in "+-" else None
        if number:
            tokens.append(("value", (float(number.group(1)), (number.group(2) or "").lower())))
            i = number.end()
            continue
        name = _FUNCTION.match(text, i)
        if name:
            tokens.append(("function", name.group(1).lower()))
            i = name.end()
            continue
        if char in "(),+-*/":
            tokens.append((char, None))
            i += 1
            continue
        raise _Invalid
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token], resolve: LengthResolver) -> None:
        self.tokens = tokens
        self.index = 0
        self.resolve = resolve

    def peek(self) -> str | None:
        return self.tokens[self.index][0] if self.index < len(self.tokens) else None

    def expect(self, kind: str) -> None:
        if self.peek() != kind:
            raise _Invalid
        self.index += 1

    def sum(self) -> tuple[str, bool, CalcNode]:
        kind, pct, node = self.product()
        while self.peek() in ("+", "-"):
            operator = self.tokens[self.index][0]
            self.index += 1
            r_kind, r_pct, right = self.product()
            if r_kind != kind:
                raise _Invalid
            pct = pct or r_pct
            node = (operator, node, right)
        return kind, pct, node

    def product(self) -> tuple[str, bool, CalcNode]:
        kind, pct, node = self.value()
        while self.peek() in ("*", "/"):
            operator = self.tokens[self.index][0]
            self.index += 1
            r_kind, r_pct, right = self.value()
            if operator == "*":
                if kind == "length" and r_kind == "length":
                    raise _Invalid
                kind = "length" if kind == "length" else r_kind
            elif r_kind != "number":
                raise _Invalid
            pct = pct or r_pct
            node = (operator, node, right)
        return kind, pct, node

    def list(self) -> list[tuple[str, bool, CalcNode]]:
        nodes = [self.sum()]
        while self.peek() == ",":
            self.index += 1
            nodes.append(self.sum())
        self.expect(")")
        if any(n[0] != nodes[0][0] for n in nodes):
            raise _Invalid
        return nodes

    def value(self) -> tuple[str, bool, CalcNode]:
        if self.index >= len(self.tokens):
            raise _Invalid
        kind, payload = self.tokens[self.index]
        self.index += 1
        if kind == "value":
            number, unit = cast("tuple[float, str]", payload)
            if not unit:
                return "number", False, ("num", number)
            if unit == "%":
                return "length", True, ("pct", number)
            px = self.resolve(number, unit)
            if px is None:
                raise _Invalid
            return "length", False, ("px", px)
        if kind == "(" or (kind == "function" and payload == "calc"):
            node = self.sum()
            self.expect(")")
            return node
        if kind == "function" and payload in ("min", "max"):
            nodes = self.list()
            return (nodes[0][0], any(n[1] for n in nodes),
                    (payload, tuple(n[2] for n in nodes)))
        if kind == "function" and payload == "clamp":
            nodes = self.list()
            if len(nodes) != 3:
                raise _Invalid
            return (nodes[1][0], any(n[1] for n in nodes),
                    ("clamp", nodes[0][2], nodes[1][2], nodes[2][2]))
        raise _Invalid


def parse_math(text: str, resolve: LengthResolver) -> MathValue | None:
    """Parse a math function, or None if ``text`` isn't a valid one."""
    text = text.strip()
    if not MATH_FUNCTION.match(text):
        return None
    try:
        parser = _Parser(_tokenize(text), resolve)
        kind, pct, tree = parser.value()
        if parser.index != len(parser.tokens):
            return None
    except (_Invalid, RecursionError):
        return None
    return MathValue(kind, pct, tree)  # type: ignore[arg-type]
