"""Selector text -> raw selectors, as the reference's CSS parser reads them.

Mirrors the selector part of the reference's wasm parser
(``crates/layout/src/css.rs``), whose output ``handler/stylesheet.ts``
compiles: a complex selector is a list of compounds and combinators
(``" "``, ``">"``, ``"+"``, ``"~"``), a compound a list of simple selectors
as tuples:

- ``("t", name)``, ``("*",)``, ``(".", class)``, ``("#", id)``, ``("&",)``;
- ``("[", name)`` or ``("[", name, operator, value, flag)``;
- ``("::", name)`` for pseudo-elements (``:before`` and friends too);
- ``(":", name)``; ``(":", name, selectors)`` for ``:is()``, ``:where()``,
  ``:not()`` and ``:has()``; ``(":", "nth-…", a, b, of | None)``;
  ``(":", "lang", ranges)``; ``(":", name, None)`` for other functions.

Namespaces, ``||`` and anything malformed make the selector invalid (None),
and with it the rule. ``:is()`` and ``:where()`` forgive invalid selectors;
``:has()`` takes relative selectors, which start with a combinator, as do
the selectors of nested rules. Which pseudo-classes are supported is decided
later, by :mod:`.selectors`.
"""
from __future__ import annotations

from typing import Any

from tinycss2 import ast
from tinycss2.nth import parse_nth

from .css_tokens import is_literal, significant, split, strip

__all__ = ["RawComplex", "RawCompound", "RawSimple", "parse_selector_list"]

RawSimple = tuple[Any, ...]
RawCompound = list[RawSimple]
RawComplex = list[RawCompound | str]

_COMBINATORS = (">", "+", "~")
_LEGACY_PSEUDO_ELEMENTS = ("before", "after", "first-line", "first-letter")
_ATTRIBUTE_OPERATORS = ("=", "~=", "|=", "^=", "$=", "*=")


def parse_selector_list(tokens: list[ast.Node], *, relative: bool = False,
                        forgiving: bool = False) -> list[RawComplex] | None:
    """The comma-separated selectors of ``tokens``; None if one is invalid (unless ``forgiving``)."""
    selectors: list[RawComplex] = []
    for part in split([t for t in tokens if not isinstance(t, ast.Comment)], ","):
        selector = _complex(strip(part), relative)
        if selector is not None:
            selectors.append(selector)
        elif not forgiving:
            return None
    return selectors


def _combinator(tokens: list[ast.Node], i: int) -> tuple[str | None, int]:
    """The combinator at ``i`` (whitespace around it included), and where the next part starts."""
    start = i
    while i < len(tokens) and isinstance(tokens[i], ast.WhitespaceToken):
        i += 1
    if i < len(tokens) and isinstance(tokens[i], ast.LiteralToken) and tokens[i].value in _COMBINATORS:
        combinator = tokens[i].value
        i += 1
        while i < len(tokens) and isinstance(tokens[i], ast.WhitespaceToken):
            i += 1
        return combinator, i
    return (" " if i > start else None), i


def _complex(tokens: list[ast.Node], relative: bool) -> RawComplex | None:
    parts: RawComplex = []
    i, n = 0, len(tokens)
    if relative and n:
        combinator, j = _combinator(tokens, 0)
        if combinator is not None:
            parts.append(combinator)
            i = j
    while i < n:
        compound, i = _compound(tokens, i)
        if compound is None:
            return None
        parts.append(compound)
        if i >= n:
            return parts
        combinator, i = _combinator(tokens, i)
        if combinator is None or i >= n:
            return None
        parts.append(combinator)
    return None  # empty, or only a combinator


def _compound(tokens: list[ast.Node], i: int) -> tuple[RawCompound | None, int]:
    simples: RawCompound = []
    n = len(tokens)

    def at(k: int) -> ast.Node | None:
        return tokens[k] if k < n else None

    while i < n:
        token = tokens[i]
        following = at(i + 1)
        if isinstance(token, ast.IdentToken) or is_literal(token, "*"):
            # A type selector starts its compound; namespaces aren't supported.
            if simples or (following is not None and is_literal(following, "|")):
                return None, i
            simples.append(("t", token.value) if isinstance(token, ast.IdentToken) else ("*",))
            i += 1
        elif is_literal(token, "&"):
            simples.append(("&",))
            i += 1
        elif isinstance(token, ast.HashToken):
            if not token.is_identifier:
                return None, i
            simples.append(("#", token.value))
            i += 1
        elif is_literal(token, "."):
            if not isinstance(following, ast.IdentToken):
                return None, i
            simples.append((".", following.value))
            i += 2
        elif isinstance(token, ast.SquareBracketsBlock):
            attribute = _attribute(list(token.content))
            if attribute is None:
                return None, i
            simples.append(attribute)
            i += 1
        elif is_literal(token, ":"):
            simple, i = _pseudo(tokens, i + 1)
            if simple is None:
                return None, i
            simples.append(simple)
        else:
            break
    return (simples or None), i


def _attribute(content: list[ast.Node]) -> RawSimple | None:
    words = significant(content)
    if not words or not isinstance(words[0], ast.IdentToken):
        return None
    if len(words) == 1:
        return ("[", words[0].value)
    operator = words[1]
    if not (isinstance(operator, ast.LiteralToken) and operator.value in _ATTRIBUTE_OPERATORS):
        return None
    if len(words) < 3 or len(words) > 4 or not isinstance(words[2], (ast.IdentToken, ast.StringToken)):
        return None
    flag = ""
    if len(words) == 4:
        if not (isinstance(words[3], ast.IdentToken) and words[3].lower_value in ("i", "s")):
            return None
        flag = words[3].lower_value
    return ("[", words[0].value, operator.value, words[2].value, flag)


def _pseudo(tokens: list[ast.Node], i: int) -> tuple[RawSimple | None, int]:
    """The pseudo-class or pseudo-element after a colon at ``i - 1``."""
    token = tokens[i] if i < len(tokens) else None
    if token is not None and is_literal(token, ":"):
        name = tokens[i + 1] if i + 1 < len(tokens) else None
        if isinstance(name, ast.IdentToken):
            return ("::", name.lower_value), i + 2
        if isinstance(name, ast.FunctionBlock):
            return ("::", name.lower_name), i + 2
        return None, i
    if isinstance(token, ast.IdentToken):
        name = token.lower_value
        return (("::", name) if name in _LEGACY_PSEUDO_ELEMENTS else (":", name)), i + 1
    if isinstance(token, ast.FunctionBlock):
        return _functional(token.lower_name, [t for t in token.arguments if not isinstance(t, ast.Comment)]), i + 1
    return None, i


def _functional(name: str, args: list[ast.Node]) -> RawSimple | None:
    if name in ("is", "where"):
        return (":", name, parse_selector_list(args, forgiving=True))
    if name in ("not", "has"):
        selectors = parse_selector_list(args, relative=name == "has")
        return (":", name, selectors) if selectors else None
    if name.startswith("nth-") and name in ("nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"):
        return _nth(name, args)
    if name == "lang":
        ranges = []
        for part in split(args, ","):
            words = significant(part)
            if len(words) != 1 or not isinstance(words[0], (ast.IdentToken, ast.StringToken)):
                return None
            ranges.append(words[0].value)
        return (":", "lang", ranges)
    return (":", name, None)


def _nth(name: str, args: list[ast.Node]) -> RawSimple | None:
    of = next((k for k, t in enumerate(args) if isinstance(t, ast.IdentToken) and t.lower_value == "of"), None)
    try:
        anb = parse_nth(args if of is None else args[:of])
    except AttributeError:  # tinycss2 trips on a sign without a number, e.g. `2n+`
        anb = None
    if anb is None:
        return None
    selectors = None
    if of is not None:
        if not name.endswith("child"):
            return None
        selectors = parse_selector_list(args[of + 1:])
        if not selectors:
            return None
    return (":", name, anb[0], anb[1], selectors)
