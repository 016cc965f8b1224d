"""A tokenizer of CSS values into words, spaces, dividers, strings and functions.

Mirrors ``postcss-value-parser``, which the reference and css-to-react-native
use to split declarations: its node boundaries decide what is valid (e.g.
spaces around ``/`` and ``,`` belong to the divider, and ``/`` inside
``calc()`` is a word). Colours are tokenised with tinycss2 instead; this
module only serves the shorthand parsers that must split like the reference.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..frozen import Record, field
from ..patterns import LazyPattern, lazy_compile

__all__ = ["Node", "parse", "significant", "stringify", "walk"]

_UNICODE_RANGE = lazy_compile(r"^[a-f0-9?-]+$", re.IGNORECASE)
# The rest of a word: any character but a space (code <= 32), a quote, `,` `:` `/` `(`, and
# `)` inside a function or `*` inside calc(); a backslash takes the next character whatever it
# is. (postcss-value-parser's loop per character, as one match: the loop was half of a
# shadow's expansion.)
_SPACES = lazy_compile(r"[\x00-\x20]*")
_WORD = lazy_compile(r"(?:\\[\s\S]?|[^\x00-\x20'\",:/(\\])*")
_WORD_IN_FUNCTION = lazy_compile(r"(?:\\[\s\S]?|[^\x00-\x20'\",:/()\\])*")
_WORD_IN_CALC = lazy_compile(r"(?:\\[\s\S]?|[^\x00-\x20'\",:/()*\\])*")


class Node(Record, eq=False):
    """``type`` is word, space, div, string, comment, function or unicode-range."""

    type: str
    value: str
    before: str = ""
    after: str = ""
    quote: str = ""
    nodes: list[Node] = field(default_factory=list)
    unclosed: bool = False


def _run_end(pattern: LazyPattern, text: str, pos: int) -> int:
    """Where the run that ``pattern`` (which matches empty text too) matches at ``pos`` ends."""
    match = pattern.match(text, pos)
    return pos if match is None else match.end()


def _is_ws(char: str) -> bool:
    return char != "" and ord(char) <= 32


def parse(text: str) -> list[Node]:
    """The top-level nodes of ``text``."""
    value = text
    tokens: list[Node] = []
    stack: list[Node] = [Node("root", "", nodes=tokens)]
    parent: Node | None = None
    balanced = 0
    name = before = after = ""
    pos = 0
    n = len(value)

    def at(i: int) -> str:
        return value[i] if 0 <= i < len(value) else ""

    def in_calc() -> bool:
        return parent is not None and parent.type == "function" and parent.value == "calc"

    while pos < n:
        code = value[pos]
        if code <= " ":
            nxt = _run_end(_SPACES, value, pos + 1)
            token = value[pos:nxt]
            following = at(nxt)
            prev = tokens[-1] if tokens else None
            if following == ")" and balanced:
                after = token
            elif prev is not None and prev.type == "div":
                prev.after = token
            elif following in (",", ":") or (
                    following == "/" and at(nxt + 1) != "*"
                    and (parent is None or (parent.type == "function" and parent.value != "calc"))):
                before = token
            else:
                tokens.append(Node("space", token))
            pos = nxt
        elif code in ("'", '"'):
            nxt = pos
            unclosed = False
            while True:
                escape = False
                nxt = value.find(code, nxt + 1)
                if nxt != -1:
                    esc = nxt
                    while at(esc - 1) == "\\":
                        esc -= 1
                        escape = not escape
                else:
                    value += code
                    n = len(value) - 1  # the added quote isn't parsed again
                    nxt = len(value) - 1
                    unclosed = True
                if not escape:
                    break
            tokens.append(Node("string", value[pos + 1:nxt], quote=code, unclosed=unclosed))
            pos = nxt + 1
        elif code == "/" and at(pos + 1) == "*":
            end = value.find("*/", pos)
            if end == -1:
                tokens.append(Node("comment", value[pos + 2:], unclosed=True))
                pos = n
            else:
                tokens.append(Node("comment", value[pos + 2:end]))
                pos = end + 2
        elif code in ("/", "*") and in_calc():
            tokens.append(Node("word", code))
            pos += 1
        elif code in ("/", ",", ":"):
            tokens.append(Node("div", code, before=before))
            before = ""
            pos += 1
        elif code == "(":
            nxt = _run_end(_SPACES, value, pos + 1)
            function = Node("function", name, before=value[pos + 1:nxt])
            open_pos = pos
            pos = nxt
            if name == "url" and at(nxt) not in ("'", '"'):
                nxt -= 1
                while True:
                    escape = False
                    nxt = value.find(")", nxt + 1)
                    if nxt != -1:
                        esc = nxt
                        while at(esc - 1) == "\\":
                            esc -= 1
                            escape = not escape
                    else:
                        value += ")"
                        nxt = len(value) - 1
                        function.unclosed = True
                    if not escape:
                        break
                ws = nxt
                while True:
                    ws -= 1
                    if not _is_ws(at(ws)):
                        break
                if open_pos < ws:
                    function.nodes = [Node("word", value[pos:ws + 1])] if pos != ws + 1 else []
                    if function.unclosed and ws + 1 != nxt:
                        function.nodes.append(Node("space", value[ws + 1:nxt]))
                    else:
                        function.after = value[ws + 1:nxt]
                pos = nxt + 1
                tokens.append(function)
            else:
                balanced += 1
                tokens.append(function)
                stack.append(function)
                tokens = function.nodes
                parent = function
            name = ""
        elif code == ")" and balanced:
            pos += 1
            assert parent is not None
            parent.after = after
            after = ""
            balanced -= 1
            stack.pop()
            parent = stack[balanced] if balanced else None
            tokens = stack[balanced].nodes
        else:
            # The word's first character (with the one it escapes), then what its pattern takes.
            nxt = pos + 2 if code == "\\" else pos + 1
            nxt = _run_end(_WORD_IN_CALC if in_calc() else _WORD_IN_FUNCTION if balanced else _WORD, value, nxt)
            token = value[pos:nxt]
            if at(nxt) == "(":
                name = token
            elif token[:1] in ("u", "U") and token[1:2] == "+" and _UNICODE_RANGE.match(token[2:]):
                tokens.append(Node("unicode-range", token))
            else:
                tokens.append(Node("word", token))
            pos = nxt
    for node in stack[1:]:
        node.unclosed = True
    return stack[0].nodes


def stringify(nodes: Node | list[Node]) -> str:
    """The source text of ``nodes``; without recursion, as :func:`parse` (a value may nest
    functions thousands deep: ``var(--a, var(--b, ...))``)."""
    parts: list[str] = []
    pending: list[Node | str] = [nodes] if isinstance(nodes, Node) else [*reversed(nodes)]
    while pending:
        node = pending.pop()
        if isinstance(node, str):  # the end of a function
            parts.append(node)
        elif node.type == "string":
            parts.append(node.quote + node.value + ("" if node.unclosed else node.quote))
        elif node.type == "comment":
            parts.append("/*" + node.value + ("" if node.unclosed else "*/"))
        elif node.type == "div":
            parts.append(node.before + node.value + node.after)
        elif node.type == "function":
            parts.append(node.value + "(" + node.before)
            pending.append(node.after + ("" if node.unclosed else ")"))
            pending.extend(node.nodes[::-1])
        else:
            parts.append(node.value)
    return "".join(parts)


def walk(nodes: list[Node], visit: Callable[[Node], bool | None]) -> None:
    """Depth-first; ``visit`` returning False skips a function's children."""
    for node in nodes:
        if visit(node) is not False and node.type == "function":
            walk(node.nodes, visit)


def significant(nodes: list[Node]) -> list[Node]:
    """Without spaces and comments."""
    return [node for node in nodes if node.type not in ("space", "comment")]


def iter_words(nodes: list[Node]) -> Iterator[str]:
    """The stringified significant nodes."""
    for node in significant(nodes):
        yield stringify(node)
