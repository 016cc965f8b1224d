"""The data of inline formatting: inline boxes, runs, atomics, and the items, segments,
words and lines that :mod:`.inline` breaks into lines (the reference's ``text/inline.ts``
types), and what :mod:`.inline_render` returns (fragments, pieces, line infos).
"""
from __future__ import annotations


from ..frozen import Frozen, Record, field
from ..style.computed import ComputedStyle
from .measurer import FontEngine, Measurer

__all__ = ["Atomic", "Fragment", "InlineBox", "LineBox", "Piece", "Run", "RunState"]

Style = ComputedStyle


class InlineBox(Record, eq=False):
    """An inline element's box (``BoxStart`` ... ``BoxEnd``)."""

    style: Style
    path: str
    ancestors: list[InlineBox] = field(default_factory=list)


class Run(Record, eq=False):
    """A text child: its content, its style (its element's) and the boxes it is in."""

    content: str
    style: Style
    path: str
    boxes: list[InlineBox]
    locale: str | None = None


class Atomic(Record, eq=False):
    """An atomic inline laid out on its own: its margin box and baseline."""

    key: str
    width: float
    height: float
    baseline: float | None  # from the top of the margin box; None: the bottom margin edge
    style: Style


class _Item(Record, eq=False):
    kind: str  # "text", "open", "close", "atomic", "break"
    run: Run | None = None
    box: InlineBox | None = None
    atomic: Atomic | None = None
    continuation: bool = False  # an open item of a box continued from a previous paragraph
    continued: bool = False  # a close item of a box continued in the next paragraph


class _Segment(Record, eq=False):
    item: _Item
    text: str | None = None
    width: float = 0.0
    x: float = 0.0
    level: int = 0  # the bidi embedding level


class _Word(Record, eq=False):
    segments: list[_Segment]
    force_break: bool
    can_break_after: bool
    width: float = 0.0
    trailing: float = 0.0


class _Line(Record, eq=False):
    words: list[_Word] = field(default_factory=list)
    width: float = 0.0
    trailing: float = 0.0
    top: float = 0.0
    left: float = 0.0
    available: float = 0.0
    baseline: float = 0.0
    height: float = 0.0


class Fragment(Frozen):
    """A piece of an inline box on one line: its border box, relative to the paragraph."""

    path: str
    left: float
    top: float
    width: float
    height: float
    first: bool
    last: bool


class LineBox(Frozen):
    """A laid-out line of a paragraph: its box and baseline, in the paragraph's coordinates."""

    x: float
    y: float
    width: float
    height: float
    baseline: float


class Piece(Record):
    """A drawn piece of a line: text (or an image's key) at ``x``, ``width`` wide.

    Both layouts' pieces: inline content fills ``baseline`` (its y in the paragraph) and
    ``rtl``; a text node fills ``top`` (its line's top), ``line_index`` (its place in a
    justified line), ``is_image`` and ``justify_shift`` (bidi justification), and places and
    rounds it only when drawing (:mod:`.inline_text_render`)."""

    text: str
    x: float
    width: float
    line: int
    baseline: float = 0.0
    rtl: bool = False  # shaped right-to-left (an odd bidi level)
    top: float = 0.0
    line_index: int = 0
    is_image: bool = False
    justify_shift: float | None = None


class RunState(Record):
    engine: FontEngine
    measurer: Measurer
    shift: float
