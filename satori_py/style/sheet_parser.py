"""Stylesheet text -> rules: the parser behind ``<style>`` elements.

The reference parses stylesheets in its wasm (``crates/layout/src/css.rs``)
and hands ``handler/stylesheet.ts`` a JSON tree of rules; this module builds
the same tree from tinycss2's tokens. What it keeps, drops and how it writes
values was learned from that parser's output:

- declaration values are the source text, trimmed, comments included, with
  ``!important`` cut off (only the last one); property names are lowercased
  except custom properties; a declaration without a value is dropped unless
  it's a custom property;
- ``content`` is parsed into parts (strings, ``attr()``, ``counter()``,
  ``counters()``, quotes, ``url()``), or kept as ``none``/``normal``, and
  dropped otherwise (``inherit`` and ``var()`` included);
- style rules nest (CSS Nesting: declarations and rules mixed, a failed
  declaration with a ``{}`` block re-read as a rule); ``@media``,
  ``@supports``, ``@container``, ``@layer`` and ``@property`` are kept with
  their preludes as text; every other at-rule is dropped.

Selectors are parsed by :mod:`.selector_parser`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tinycss2 import ast

from ..limits import check_deadline
from .css_tokens import SKIPPED, Source, is_literal, significant, split, strip
from .selector_parser import RawComplex, parse_selector_list

__all__ = ["AtRule", "ContentPart", "Declaration", "Item", "StyleRule", "parse_declarations",
           "parse_stylesheet"]

# A part of `content`: text, or (kind, ...args): ("attr", name, fallback | None),
# ("counter", name, separator | None, style), ("quote", keyword), ("url", url).
ContentPart = str | tuple[str | None, ...]


@dataclass(eq=False, slots=True)
class Declaration:
    """One declaration. Compared by identity: the cascade drops invalid ones by identity."""

    name: str
    value: str | tuple[ContentPart, ...]
    important: bool


@dataclass(eq=False, slots=True)
class StyleRule:
    selectors: list[RawComplex]
    body: list[Item]


@dataclass(eq=False, slots=True)
class AtRule:
    """``kind`` is media, supports, container, layer or property.

    ``prelude`` is the condition text (media, supports, container) or the
    property name; ``names`` are the layer names; ``body`` is None for a
    ``@layer`` statement.
    """

    kind: str
    prelude: str = ""
    names: tuple[str, ...] = ()
    body: list[Item] | None = field(default=None)


Item = Declaration | StyleRule | AtRule

_QUOTES = ("open-quote", "close-quote", "no-open-quote", "no-close-quote")
_CONDITIONAL = ("media", "supports", "container")


def parse_stylesheet(text: str) -> list[Item]:
    """The rules of a stylesheet, in source order."""
    source = Source(text)
    return _parse_list(source, source.tokens, nested=False)


def parse_declarations(text: str) -> list[Item]:
    """The contents of a ``style`` attribute: declarations (and any rules written there, in order)."""
    source = Source(text)
    return _parse_list(source, source.tokens, nested=True)


def _parse_list(source: Source, tokens: list[ast.Node], *, nested: bool) -> list[Item]:
    """A list of rules (top level, and in at-rules there), or a block's contents (nested)."""
    items: list[Item] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        if isinstance(token, SKIPPED) or is_literal(token, ";") and nested \
                or not nested and (is_literal(token, "<!--") or is_literal(token, "-->")):
            i += 1
            continue
        if isinstance(token, ast.AtKeywordToken):
            j = i + 1
            while j < n and not is_literal(tokens[j], ";") and not isinstance(tokens[j], ast.CurlyBracketsBlock):
                j += 1
            block = tokens[j] if j < n and isinstance(tokens[j], ast.CurlyBracketsBlock) else None
            rule = _at_rule(source, token.lower_value, tokens[i + 1:j], block, nested)
            if rule is not None:
                items.append(rule)
            i = j + 1
            continue
        if nested and isinstance(token, ast.IdentToken):
            j = i + 1
            while j < n and isinstance(tokens[j], SKIPPED):
                j += 1
            if j < n and is_literal(tokens[j], ":"):
                end = j
                while end < n and not is_literal(tokens[end], ";"):
                    end += 1
                value = tokens[j + 1:end]
                custom = token.value.startswith("--")
                # A declaration with a {} block is read again as a nested rule.
                if custom or not any(isinstance(t, ast.CurlyBracketsBlock) for t in value):
                    declaration = _declaration(source, token.value, value)
                    if declaration is not None:
                        items.append(declaration)
                        if len(items) % 256 == 0:  # a long style attribute (up to max_css_length)
                            check_deadline()
                    i = end + 1
                    continue
        # A qualified rule: its prelude runs to the first {} block.
        j = i
        while j < n and not isinstance(tokens[j], ast.CurlyBracketsBlock):
            if nested and is_literal(tokens[j], ";"):
                break
            j += 1
        if j >= n or not isinstance(tokens[j], ast.CurlyBracketsBlock):
            i = j + 1
            continue
        selectors = parse_selector_list(tokens[i:j], relative=nested)
        if selectors is not None:
            items.append(StyleRule(selectors, _parse_list(source, list(tokens[j].content), nested=True)))
        i = j + 1
    return items


def _declaration(source: Source, name: str, tokens: list[ast.Node]) -> Declaration | None:
    words = significant(tokens)
    important = len(words) >= 2 and is_literal(words[-2], "!") \
        and isinstance(words[-1], ast.IdentToken) and words[-1].lower_value == "important"
    if important:
        bang = max(k for k, t in enumerate(tokens) if t is words[-2])
        tokens = strip(tokens[:bang], SKIPPED)
    else:
        tokens = strip(tokens)
    if not name.startswith("--"):
        name = name.lower()
    if name == "content":
        content = _content(tokens)
        return None if content is None else Declaration(name, content, important)
    value = source.slice(tokens)
    if not value and not name.startswith("--"):
        return None
    return Declaration(name, value, important)


def _at_rule(source: Source, keyword: str, prelude: list[ast.Node], block: ast.Node | None,
             nested: bool) -> AtRule | None:
    text = source.slice(strip(prelude))
    if keyword in _CONDITIONAL:
        if block is None:
            return None
        # At the top level, conditional rules hold rules; in style rules, declarations too.
        return AtRule(keyword, text, body=_parse_list(source, list(block.content), nested=nested))
    if keyword == "layer":
        names = _layer_names(prelude)
        if names is None or (block is None and not names) or (block is not None and len(names) > 1):
            return None
        body = None if block is None else _parse_list(source, list(block.content), nested=nested)
        return AtRule("layer", names=tuple(names), body=body)
    if keyword == "property":
        words = significant(prelude)
        if block is None or len(words) != 1 or not isinstance(words[0], ast.IdentToken) \
                or not words[0].value.startswith("--"):
            return None
        return AtRule("property", words[0].value, body=_parse_list(source, list(block.content), nested=True))
    return None


def _layer_names(prelude: list[ast.Node]) -> list[str] | None:
    """``a, b.c`` -> ["a", "b.c"]; None if a name is invalid."""
    parts = split([t for t in prelude if not isinstance(t, ast.Comment)], ",")
    if len(parts) == 1 and not significant(parts[0]):
        return []
    names: list[str] = []
    for part in parts:
        words = strip(part)
        # Names are identifiers joined by dots, without spaces.
        if len(words) % 2 == 0 or any(
                not isinstance(word, ast.IdentToken) if k % 2 == 0 else not is_literal(word, ".")
                for k, word in enumerate(words)):
            return None
        names.append(".".join(word.value for word in words[::2]))
    return names


# -- content ------------------------------------------------------------------------------

def _content(tokens: list[ast.Node]) -> str | tuple[ContentPart, ...] | None:
    """The parts of a ``content`` value, ``none``/``normal``, or None when it's invalid."""
    words = significant(tokens)
    if len(words) == 1 and isinstance(words[0], ast.IdentToken) and words[0].lower_value in ("none", "normal"):
        return str(words[0].lower_value)
    parts: list[ContentPart] = []
    for word in words:
        if is_literal(word, "/"):
            break  # the alternative text, which isn't drawn
        part = _content_part(word)
        if part is None:
            return None
        parts.append(part)
    return tuple(parts) if parts else None


def _content_part(token: ast.Node) -> ContentPart | None:
    if isinstance(token, ast.StringToken):
        return str(token.value)
    if isinstance(token, ast.IdentToken):
        return ("quote", token.lower_value) if token.lower_value in _QUOTES else None
    if isinstance(token, ast.URLToken):
        return ("url", token.value)
    if not isinstance(token, ast.FunctionBlock):
        return None
    args = _arguments(list(token.arguments))
    if args is None:
        return None
    name = token.lower_name
    kinds = [type(a) for a in args]
    if name == "url" and kinds == [ast.StringToken]:
        return ("url", args[0].value)
    if name == "attr" and kinds in ([ast.IdentToken], [ast.IdentToken, ast.StringToken]):
        return ("attr", args[0].value, args[1].value if len(args) > 1 else None)
    if name == "counter" and kinds in ([ast.IdentToken], [ast.IdentToken, ast.IdentToken]):
        return ("counter", args[0].value, None, args[1].value if len(args) > 1 else "decimal")
    if name == "counters" and kinds in ([ast.IdentToken, ast.StringToken],
                                        [ast.IdentToken, ast.StringToken, ast.IdentToken]):
        return ("counter", args[0].value, args[1].value, args[2].value if len(args) > 2 else "decimal")
    return None


def _arguments(tokens: list[ast.Node]) -> list[ast.Node] | None:
    """Comma-separated arguments that are one token each, else None."""
    args: list[ast.Node] = []
    for part in split(tokens, ","):
        words = significant(part)
        if len(words) != 1:
            return None
        args.append(words[0])
    return args

