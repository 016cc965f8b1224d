"""Line clamps in inline content: ``lineClamp`` and ``-webkit-line-clamp`` with an ellipsis.

The reference's inline layout (``text/inline.ts``) ignores line clamps and
``text-overflow``: text with inline elements shows every line, where its simple
text engine clamps. satori-py does the same by default (``REFERENCE_CLAMPS``).
With ``REFERENCE_CLAMPS = False`` it does what browsers do: browsers
(``-webkit-line-clamp`` with ``display: -webkit-box``, CSS Overflow 4
``line-clamp``) keep the first lines and end the last one kept with the
ellipsis, drawn in the block container's style after its content, hiding the
graphemes (and atomic inlines) before it until it fits. ``text-overflow:
ellipsis`` on a line that doesn't wrap does the same to its one line when it
overflows. This module does that to the lines of an
:class:`~.inline.InlineParagraph`; the ellipsis is a run of its own
(:attr:`InlineParagraph.extra_runs`).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Protocol

from .breaking import graphemes
from .inline_model import Run, RunState, _Item, _Line, _Segment, _Word
from .processor import js_trim_end, line_limit
from .white_space import NO_SOFT_WRAP

__all__ = ["REFERENCE_CLAMPS", "clamp_lines"]

# Whether lines of inline content are never clamped nor ended with an ellipsis, as in the
# reference (instead of as in browsers); see the module docstring.
REFERENCE_CLAMPS = True

_EPSILON = 1e-3


class InlineParagraph(Protocol):
    """What a clamp needs of :class:`~.inline.InlineParagraph` (which calls it)."""

    style: Mapping[str, Any]
    base_level: int

    def ellipsis_run(self, ellipsis: str) -> Run: ...

    def state(self, run: Run) -> RunState: ...


def clamp_lines(paragraph: InlineParagraph, lines: list[_Line], width: float) -> list[_Line]:
    """The lines kept by the block's line clamp, the last one ending in the ellipsis."""
    if REFERENCE_CLAMPS:
        return lines
    style = paragraph.style
    count, ellipsis = line_limit(style, style.get("whiteSpace", "normal") not in NO_SOFT_WRAP)
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

    def measure(segment: _Segment) -> float:
        assert segment.item.run is not None
        return paragraph.state(segment.item.run).measurer.measure_grapheme(segment.text or "")

    # Hide graphemes from the end until the content and the ellipsis fit, then the white
    # space before the ellipsis; box edges stay, and so do atomic inlines (not hidden).
    for segment in reversed(texts):
        if segment.item.kind == "atomic":
            break
        if segment.item.kind != "text" or not segment.text:
            continue
        parts = graphemes(segment.text)
        while parts and used > limit + _EPSILON:
            parts.pop()
            before = segment.width
            segment.text = "".join(parts)
            segment.width = measure(segment) if parts else 0.0
            used += segment.width - before
        if used <= limit + _EPSILON:
            trimmed = js_trim_end(segment.text)
            if trimmed != segment.text:
                before = segment.width
                segment.text = trimmed
                segment.width = measure(segment) if trimmed else 0.0
                used += segment.width - before
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
