"""CSS tokens with their source text: tinycss2's tokenizer plus offsets.

The stylesheet parsers (:mod:`.sheet_parser`, :mod:`.selector_parser`) work
on tinycss2's component values. The reference's parser (``css.rs`` in its
wasm) keeps values as they're written, so :class:`Source` knows where each
token starts and ends in the text. The small helpers here are the token
tests both parsers share.
"""
from __future__ import annotations

import tinycss2
from tinycss2 import ast

__all__ = ["SKIPPED", "Source", "inner", "is_literal", "significant", "split", "strip"]

SKIPPED = (ast.WhitespaceToken, ast.Comment)
_CLOSERS = ((ast.CurlyBracketsBlock, "}"), (ast.SquareBracketsBlock, "]"),
            (ast.ParenthesesBlock, ")"), (ast.FunctionBlock, ")"))


class Source:
    """A sheet's text and the offsets of its tokens.

    tinycss2 only records where a token starts; a token ends where the next
    one starts (comments and whitespace are tokens too), and the last one of
    a block where the block's closing bracket is.
    """

    def __init__(self, text: str) -> None:
        # tinycss2 counts lines and columns in the preprocessed text.
        self.text = (text.replace("\0", "\uFFFD").replace("\r\n", "\n")
                     .replace("\r", "\n").replace("\f", "\n"))
        self._lines = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]
        self._ends: dict[int, int] = {}
        self.tokens: list[ast.Node] = tinycss2.parse_component_value_list(self.text, skip_comments=False)
        self._measure(self.tokens, len(self.text))

    def start(self, token: ast.Node) -> int:
        return int(self._lines[token.source_line - 1] + token.source_column - 1)

    def _measure(self, tokens: list[ast.Node], end: int) -> None:
        stack = [(tokens, end)]
        while stack:
            siblings, last_end = stack.pop()
            for i, token in enumerate(siblings):
                token_end = self.start(siblings[i + 1]) if i + 1 < len(siblings) else last_end
                self._ends[id(token)] = token_end
                content = inner(token)
                if content is not None:
                    closer = next(c for kind, c in _CLOSERS if isinstance(token, kind))
                    closed = token_end > 0 and self.text[token_end - 1] == closer and (
                        token_end < len(self.text) or self._closed_at_end(token))
                    stack.append((content, token_end - 1 if closed else token_end))

    def _closed_at_end(self, block: ast.Node) -> bool:
        """Whether a block that ends the text was closed, e.g. not ``(a }`` or ``{ "a }``.

        A word after a closed block is outside it; after an unclosed one, in it.
        """
        tokens = tinycss2.parse_component_value_list(self.text[self.start(block):] + " \ue000")
        return len(tokens) > 1

    def slice(self, tokens: list[ast.Node]) -> str:
        """The source text of ``tokens`` (a run of siblings), without surrounding whitespace."""
        if not tokens:
            return ""
        return self.text[self.start(tokens[0]):self._ends[id(tokens[-1])]].strip(" \t\n")


def inner(token: ast.Node) -> list[ast.Node] | None:
    """The component values inside a block or function, None for other tokens."""
    if isinstance(token, ast.FunctionBlock):
        return list(token.arguments)
    if isinstance(token, (ast.CurlyBracketsBlock, ast.SquareBracketsBlock, ast.ParenthesesBlock)):
        return list(token.content)
    return None


def significant(tokens: list[ast.Node]) -> list[ast.Node]:
    return [t for t in tokens if not isinstance(t, SKIPPED)]


def strip(tokens: list[ast.Node], kinds: tuple[type, ...] = (ast.WhitespaceToken,)) -> list[ast.Node]:
    """``tokens`` without the leading and trailing tokens of ``kinds``."""
    start, end = 0, len(tokens)
    while start < end and isinstance(tokens[start], kinds):
        start += 1
    while end > start and isinstance(tokens[end - 1], kinds):
        end -= 1
    return tokens[start:end]


def is_literal(token: ast.Node, value: str) -> bool:
    return isinstance(token, ast.LiteralToken) and token.value == value


def split(tokens: list[ast.Node], separator: str) -> list[list[ast.Node]]:
    """``tokens`` split at the top-level literal ``separator`` (e.g. a comma)."""
    parts: list[list[ast.Node]] = [[]]
    for token in tokens:
        if is_literal(token, separator):
            parts.append([])
        else:
            parts[-1].append(token)
    return parts
