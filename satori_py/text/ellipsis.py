"""Line clamps and ellipses: which lines a clamp keeps and how the last one ends.

The number of lines and the ellipsis come from :func:`.processor.line_limit`
(``lineClamp``, ``-webkit-line-clamp``, ``text-overflow``), for both layouts. The
last line kept is cut the same way by each of three policies: graphemes are kept
while the content and the ellipsis fit (:func:`keep_fitting`). The policies
differ in which text they cut:

* :func:`cut_in_order`, the reference's (``text/index.ts``) for a text node: the
  piece that ends the last allowed line, in the order of the text, keeps the
  graphemes that fit before the ellipsis; the first character of a line is
  clipped, not ellipsed.
* :func:`cut_visual`, satori-py's for a text node with right-to-left text (the
  reference has none): the line's pieces are cut in visual order from the side
  where the line starts, and the ellipsis goes at the other end.
* :func:`clamp_lines`, the browsers', for inline content. The reference's inline
  layout (``text/inline.ts``) ignores line clamps and ``text-overflow``, and so does
  satori-py by default (``REFERENCE_CLAMPS``). With ``REFERENCE_CLAMPS = False`` it
  does what browsers do (``-webkit-line-clamp`` with ``display: -webkit-box``, CSS
  Overflow 4 ``line-clamp``): keep the first lines and end the last one kept with
  the ellipsis, a run of its own in the block container's style
  (:attr:`~.inline.InlineParagraph.extra_runs`), hiding graphemes (not atomic
  inlines) before it until it fits; ``text-overflow: ellipsis`` on a line that
  doesn't wrap does the same to its one line when it overflows.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Protocol

from ..frozen import Frozen, Record
from ..patterns import lazy_compile
from ..style.computed import ComputedStyle
from .breaking import graphemes
from .inline_model import Run, RunState, _Item, _Line, _Segment, _Word
from .processor import HORIZONTAL_ELLIPSIS, js_trim_end, line_limit, round_js
from .white_space import NO_SOFT_WRAP

__all__ = ["REFERENCE_CLAMPS", "PlacedPiece", "VisualCut", "clamp_lines", "cut_in_order", "cut_visual",
           "ellipsis_text", "ends_in_order", "keep_fitting", "needs_ellipsis"]

# Whether lines of inline content are never clamped nor ended with an ellipsis, as in the
# reference (instead of as in browsers); see the module docstring.
REFERENCE_CLAMPS = True

_EPSILON = 1e-3
_TRAILING_SPACE = lazy_compile(r"\s+$")


def keep_fitting(parts: Sequence[str], measure: Callable[[str], float],
                 overflows: Callable[[float], bool], *, from_end: bool = False,
                 keep_first: bool = False) -> tuple[str, float]:
    """The most graphemes of ``parts`` kept from the start (``from_end``: from the end)
    whose width doesn't overflow, and that width; ``keep_first``: the first kept anyway."""
    kept, kept_width = "", 0.0
    for g in (reversed(parts) if from_end else parts):
        candidate = g + kept if from_end else kept + g
        width = measure(candidate)
        if (kept or not keep_first) and overflows(width):
            break
        kept, kept_width = candidate, width
    return kept, kept_width


def ellipsis_text(ellipsis: str, measure: Callable[[str], float], room: float) -> tuple[str, float]:
    """The block's ellipsis and its width; ``…`` when it is wider than ``room`` (reference)."""
    width = measure(ellipsis)
    if width > room:
        ellipsis = HORIZONTAL_ELLIPSIS
        width = measure(ellipsis)
    return ellipsis, width


def needs_ellipsis(line: int, line_widths: Sequence[float], room: float) -> bool:
    """Whether the last line a clamp allows ends with the ellipsis: lines follow it, or it is
    wider than ``room`` (a text node's; the browsers' policy is :func:`clamp_lines`)."""
    return line < len(line_widths) - 1 or line_widths[line] > room


# -- a text node, in the order of the text (the reference's) ---------------------------

def ends_in_order(line: int, limit: float, line_widths: Sequence[float], right: float,
                  ellipsis_width: float, next_line: int, room: float) -> bool:
    """Whether the piece of ``line`` that ends at ``right`` gets the ellipsis: the line is the
    last one allowed and needs it, and the ellipsis doesn't fit after the piece or the piece
    is the line's last (the next piece is on ``next_line``)."""
    return (line + 1 == limit and needs_ellipsis(line, line_widths, room)
            and (right + ellipsis_width > room or next_line != line))


def cut_in_order(text: str, left: float, line_start: bool, ellipsis: str, ellipsis_width: float,
                 right: float, measure: Callable[[str], float],
                 locale: str | None) -> tuple[str, float]:
    """The piece at ``left`` that ends the last allowed line, cut so that the ellipsis fits
    before ``right``: ``(text drawn, where the kept text ends)`` (0 when none is kept).

    The first grapheme of a piece that starts its line (``line_start``) is always kept."""
    kept, width = keep_fitting(graphemes(_TRAILING_SPACE.sub("", text), locale), measure,
                               lambda w: left + w + ellipsis_width > right, keep_first=line_start)
    return kept + ellipsis, (left + width if kept else 0.0)


# -- a text node with right-to-left text, in visual order ------------------------------

class VisualCut(Record):
    """How the clamped ``line`` of a text node with bidi ends (:func:`cut_visual`)."""

    line: int
    hidden: set[int]  # pieces not drawn
    truncated: tuple[int, str, float] | None  # (piece, text kept, its left)
    text: str  # the ellipsis
    width: float
    end: float  # where the kept content ends, on the side away from the line's start
    left: float  # the ellipsis's left


class PlacedPiece(Frozen):
    """A piece of the clamped line: its index in the flow, placed left, width and text, and
    whether its text's start is on the line's start side (its direction is the line's)."""

    index: int
    left: float
    width: float
    text: str
    keeps_start: bool


def cut_visual(line: int, pieces: Sequence[PlacedPiece], ellipsis: str, ellipsis_width: float, *,
               rtl: bool, width: float, room: float, measure: Callable[[str], float],
               locale: str | None, round_left: bool) -> VisualCut:
    """The pieces of the clamped line kept in visual order from its start side until the
    ellipsis no longer fits in ``room``; the piece where it stops keeps what fits of its text.
    ``width``: the container's (a right-to-left line starts on its right)."""
    limit = room - ellipsis_width

    def near(piece: PlacedPiece) -> float:
        return width - piece.left - piece.width if rtl else piece.left

    hidden: set[int] = set()
    truncated: tuple[int, str, float] | None = None
    end: float | None = None
    for piece in sorted(pieces, key=near):
        if hidden or truncated:
            hidden.add(piece.index)
        elif near(piece) + piece.width <= limit:
            if piece.text.strip():
                end = piece.left if rtl else piece.left + piece.width
        else:
            def overflows(w: float, start: float = near(piece)) -> bool:
                return start + w > limit

            kept, kept_width = keep_fitting(graphemes(piece.text.strip(), locale), measure, overflows,
                                            from_end=not piece.keeps_start, keep_first=end is None)
            if kept:
                kept_left = piece.left + piece.width - kept_width if rtl else piece.left
                if round_left:
                    kept_left = round_js(kept_left)
                truncated = (piece.index, kept, kept_left)
                end = kept_left if rtl else kept_left + kept_width
            else:
                hidden.add(piece.index)
    if end is None:
        end = width if rtl else 0.0
    return VisualCut(line, hidden, truncated, ellipsis, ellipsis_width, end,
                     end - ellipsis_width if rtl else end)


# -- inline content, the browsers' -----------------------------------------------------

class InlineParagraph(Protocol):
    """What a clamp needs of :class:`~.inline.InlineParagraph` (which calls it)."""

    style: ComputedStyle
    base_level: int

    def ellipsis_run(self, ellipsis: str) -> Run: ...

    def state(self, run: Run) -> RunState: ...


def clamp_lines(paragraph: InlineParagraph, lines: list[_Line], width: float) -> list[_Line]:
    """The lines kept by the block's line clamp, the last one ending in the ellipsis."""
    if REFERENCE_CLAMPS:
        return lines
    style = paragraph.style
    count, ellipsis = line_limit(style, style.text.white_space not in NO_SOFT_WRAP)
    if not lines or not math.isfinite(count) or not math.isfinite(width):
        return lines
    count = int(count)
    last = lines[min(count, len(lines)) - 1]
    if len(lines) <= count and last.width - last.trailing <= last.available + _EPSILON:
        return lines
    kept = lines[:count]
    _end_with_ellipsis(paragraph, kept[-1], ellipsis)
    return kept


def _end_with_ellipsis(paragraph: InlineParagraph, line: _Line, ellipsis: str) -> None:
    run = paragraph.ellipsis_run(ellipsis)
    ellipsis_width = paragraph.state(run).measurer.measure_grapheme(ellipsis)
    limit = line.available - ellipsis_width
    # The words are shared with other layouts of the paragraph: copy the line's.
    words = [_Word([_Segment(s.item, s.text, s.width, s.x, s.level) for s in w.segments], w.force_break,
                   w.can_break_after, w.width, w.trailing) for w in line.words]
    texts = [s for w in words for s in w.segments]
    used = sum(s.width for s in texts)

    # Keep the graphemes that fit from the end of the line back, then drop the white space
    # before the ellipsis; box edges stay, and so do atomic inlines (not hidden).
    for segment in reversed(texts):
        if segment.item.kind == "atomic":
            break
        if segment.item.kind != "text" or not segment.text:
            continue
        assert segment.item.run is not None
        measure = paragraph.state(segment.item.run).measurer.measure_grapheme
        if used > limit + _EPSILON:
            before = used - segment.width

            def overflows(w: float, before: float = before) -> bool:
                return before + w > limit + _EPSILON

            segment.text, segment.width = keep_fitting(graphemes(segment.text), measure, overflows)
            used = before + segment.width
        if used <= limit + _EPSILON:
            trimmed = js_trim_end(segment.text)
            if trimmed != segment.text:
                before = used - segment.width
                segment.text = trimmed
                segment.width = measure(trimmed) if trimmed else 0.0
                used = before + segment.width
            if trimmed:
                break
    words[-1].segments.append(_Segment(_Item("text", run=run), ellipsis, ellipsis_width,
                                       level=paragraph.base_level))
    for word in words:
        word.segments = [s for s in word.segments if s.item.kind != "text" or s.text]
        word.width = sum(s.width for s in word.segments)
        word.trailing = 0.0
    line.words = words
    line.width = used + ellipsis_width
    line.trailing = 0.0
