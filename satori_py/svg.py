"""The SVG document model and its serialiser.

This is the only module that escapes XML or formats numbers for the output:
every stage before it builds :class:`SvgNode` trees with plain Python values,
and :func:`serialize` turns them into deterministic text (same tree, same
bytes). Attribute order is the order the painter gave, numbers are printed by
:func:`fmt` (at most ``DECIMALS`` decimals, no exponent, no ``-0``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from .frozen import Record, field
from .patterns import lazy_compile

DECIMALS = 3

AttrValue = str | int | float | None


def fmt(value: float, decimals: int = DECIMALS) -> str:
    """Format a number compactly: ``1.5``, ``2``, ``-0.125``; never ``-0`` or ``1e-7``."""
    if type(value) is float and decimals == DECIMALS:
        return _fmt_px(value)
    return _format(value, decimals)


@lru_cache(maxsize=8192)
def _fmt_px(value: float) -> str:
    """:func:`fmt` of a float at the default precision, memoised: the coordinates and sizes
    of a document come back render after render (0.0 and -0.0 share an entry: both are 0)."""
    return _format(value, DECIMALS)


def _format(value: float, decimals: int) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    rounded = round(float(value), decimals)
    if rounded == int(rounded):
        return str(int(rounded))
    text = f"{rounded:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(text: str) -> str:
    return escape_text(text).replace('"', "&quot;")


class SvgNode(Record):
    """One SVG element. ``attrs`` keep insertion order; ``None`` values are omitted.

    ``text`` is character data (escaped on output); ``raw`` is trusted markup
    emitted verbatim (used for inline SVG passed through by the user, already
    serialised by :mod:`satori_py.svg`'s callers).
    """

    tag: str
    attrs: dict[str, AttrValue] = field(default_factory=dict)
    children: list[SvgNode] = field(default_factory=list)
    text: str | None = None
    raw: str | None = None

    def add(self, *nodes: SvgNode | None) -> SvgNode:
        self.children.extend(n for n in nodes if n is not None)
        return self


def nodes_weight(nodes: Iterable[SvgNode]) -> int:
    """About how many characters ``nodes`` hold (one per node and attribute, and the text):
    what the paint memos weigh their entries by."""
    total = 0
    pending = list(nodes)
    while pending:
        node = pending.pop()
        total += 1 + len(node.attrs) + sum(len(v) for v in node.attrs.values() if isinstance(v, str)) \
            + len(node.text or "") + len(node.raw or "")
        pending.extend(node.children)
    return total


def _attr(value: AttrValue) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt(value)
    return escape_attr(str(value))


def _write(node: SvgNode, out: list[str]) -> None:
    if node.raw is not None and not node.tag:
        out.append(node.raw)
        return
    append = out.append
    tag = node.tag
    append("<" + tag)
    for key, value in node.attrs.items():
        if value is None:
            continue
        if type(value) is str:  # most values: only escaped when they need it
            if "&" in value or "<" in value or ">" in value or '"' in value:
                value = escape_attr(value)
            append(f' {key}="{value}"')
        elif type(value) is float:  # (fmt's own test, without its two calls: a third of the values)
            append(f' {key}="{_fmt_px(value)}"')
        else:
            append(f' {key}="{_attr(value)}"')
    children, text = node.children, node.text
    if not children and text is None and node.raw is None:
        append("/>")
        return
    append(">")
    if text is not None:
        append(escape_text(text))
    if node.raw is not None:
        append(node.raw)
    for child in children:
        _write(child, out)
    append(f"</{tag}>")


# Characters XML 1.0 cannot hold, not even as references: C0 controls other than tab, line
# feed and carriage return, lone surrogates, U+FFFE and U+FFFF. (Listed, not written as the
# complement of what XML allows: compiling that class took tens of ms per process.)
_NOT_XML = lazy_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The same controls, one character each: `in` scans a str for one character with memchr, and
# 29 such scans of an ASCII document (tens of kB of path data) took a third of the time of
# deleting them from its bytes, and a twentieth of the pattern's search.
_NOT_XML_ASCII = tuple(map(chr, [*range(0x09), 0x0b, 0x0c, *range(0x0e, 0x20)]))


def serialize(node: SvgNode) -> str:
    """The SVG text of ``node``: well-formed XML whatever the strings in it (characters XML
    cannot hold become U+FFFD, as a browser shows them)."""
    out: list[str] = []
    _write(node, out)
    text = "".join(out)
    if text.isascii() and not any(map(text.__contains__, _NOT_XML_ASCII)):
        return text  # the usual document: nothing to replace
    return _NOT_XML.sub("\ufffd", text)


def raw(markup: str) -> SvgNode:
    """A node that is emitted verbatim (trusted, already escaped markup)."""
    return SvgNode("", raw=markup)


def group(children: Iterable[SvgNode], **attrs: AttrValue) -> SvgNode | None:
    """Wrap ``children`` in a ``<g>`` only when attributes need one."""
    kids = [c for c in children if c is not None]
    if not kids:
        return None
    real: dict[str, AttrValue] = {k.replace("_", "-"): v for k, v in attrs.items() if v is not None}
    if not real and len(kids) == 1:
        return kids[0]
    return SvgNode("g", real, kids)


def points(values: Sequence[float]) -> str:
    return " ".join(fmt(v) for v in values)
