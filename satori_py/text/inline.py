"""Inline formatting: styled text runs, inline boxes and atomic inlines flowing into lines.

Mirrors the reference's ``text/inline.ts`` (``Paragraph``): white space is
collapsed across the runs of a paragraph (:mod:`.white_space`), the text is split at line-break
opportunities into words made of segments (a run's text, an inline box's
start or end with its margin, border and padding, an atomic inline), words
are broken into lines (``breakLines``), lines are as tall as their strut and
their content around a common baseline, and ``finalize`` positions text
pieces, inline box fragments and atomic inlines; :mod:`.inline_render` draws
one run's pieces (``renderRun``). Lines beside floats are shortened by their
exclusions. Unlike the reference, lines with right-to-left text are reordered
by bidi levels (:mod:`.bidi`) and line clamps apply (:mod:`.ellipsis`);
the types are :mod:`.inline_model`'s.

It is the one text engine: a text node (text only, in its block's own style) is a one-run
paragraph made with ``text_node=True``, which switches its words, line breaking, size and
drawing to the reference's text engine (``text/index.ts``) where they are decided:
:mod:`.inline_text` and :mod:`.inline_text_render` name those quirks.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence

from ..limits import check_deadline
from ..style.computed import ComputedStyle
from . import bidi
from .bidi import char_levels, line_levels, needs_bidi, reorder_line
from .breaking import can_break_words, graphemes, split_by_break_opportunities
from .draw_pieces import draw_policy
from .ellipsis import clamp_lines
from .inline_model import (
    Atomic,
    Fragment,
    InlineBox,
    LineBox,
    Piece,
    Run,
    RunState,
    _Item,
    _Line,
    _Segment,
    _Word,
)
from .inline_style import has_box_edges, vertical_shift
from .inline_text import TextNode, layout_size, round_up_to_layout
from .measurer import FontEngine, image_predicate, measurer_for
from .processor import (
    TAB,
    js_trim_end,
    length_px,
    resolve_text_align,
    round_js,
    tab_advance,
    tab_width,
    text_transform,
)
from .white_space import COLLAPSIBLE, NO_SOFT_WRAP, PRESERVED_LINE_BREAKS, Collapser, run_text

__all__ = [
    "STRUT",
    "TAB",
    "Atomic",
    "Exclusion",
    "Fragment",
    "InlineBox",
    "InlineParagraph",
    "LineBox",
    "Piece",
    "Run",
]

Style = ComputedStyle
OBJECT_REPLACEMENT = "\ufffc"
# The strut's metrics are those of a space in the first available font.
STRUT = " "
_EPSILON = 1e-3
# A float beside a paragraph: its top and bottom relative to the paragraph, and how far it
# reaches into it from the left and from the right (the reference's ``FloatExclusion``).
Exclusion = tuple[float, float, float, float]


class InlineParagraph:
    """The inline content of a block container, as the reference's ``Paragraph``; with
    ``text_node=True``, one text run laid out as the reference's text engine does."""

    def __init__(self, items: list[_Item], style: Style,
                 engine_for: Callable[[Style, str | None], FontEngine], *, embed_font: bool = True,
                 grapheme_images: Mapping[str, str] | None = None, text_node: bool = False,
                 block_paragraph: bool = True, point_scale_factor: float = 1.0) -> None:
        self.items = items
        self.style = style
        self.engine_for = engine_for
        self.embed_font = embed_font
        self.images = dict(grapheme_images or {})
        self.is_image = image_predicate(self.images)
        self.scale = point_scale_factor
        self._words: list[_Word] | None = None
        self.lines: list[_Line] = []
        self._states: dict[int, RunState] = {}
        # Runs that aren't the paragraph's text: the ellipsis of a line clamp.
        self.extra_runs: list[Run] = []
        # The paragraph's bidi level, and whether its lines are reordered (set by _prepare).
        self.base_level = 0
        self.bidi = False
        # The switch to the reference's text engine: one run of text in the block's own style
        # (the reference's ``isSimple()``), laid out as :mod:`.inline_text` says.
        self.text_node: TextNode | None = None
        # How its pieces are placed and drawn (:mod:`.draw_pieces`), decided here once.
        self.policy = draw_policy(text_node=text_node)
        if text_node:
            run = items[0].run
            assert len(items) == 1 and run is not None
            self.text_node = TextNode(items[0], self.state(run), embed_font=embed_font,
                                      images=self.images, is_image=self.is_image,
                                      block_paragraph=block_paragraph,
                                      point_scale_factor=point_scale_factor, policy=self.policy)

    # -- runs ------------------------------------------------------------------------

    def state(self, run: Run) -> RunState:
        key = id(run)
        state = self._states.get(key)
        if state is None:
            style = run.style
            engine = self.engine_for(style, run.locale)
            measurer = measurer_for(engine, style, self.is_image, bool(self.images))
            shift = 0.0
            parent = self.style
            for box in run.boxes:
                shift += vertical_shift(box.style, parent)
                parent = box.style
            state = RunState(engine, measurer, shift)
            self._states[key] = state
        return state

    def ellipsis_run(self, ellipsis: str) -> Run:
        """The run of a line clamp's ellipsis, in the block's style (:mod:`.ellipsis`)."""
        for run in self.extra_runs:
            if run.content == ellipsis:
                return run
        run = Run(ellipsis, self.style, "", [])
        self.extra_runs.append(run)
        return run

    # -- words -----------------------------------------------------------------------

    def _prepare(self) -> list[_Word]:
        """Collapse white space across runs and split the text into words (a text node's
        words come from its own white-space pass, ``\\n`` kept as text: :mod:`.inline_text`)."""
        if self._words is not None:
            return self._words
        items = self.items
        if self.text_node is not None:
            self._words = self.text_node.words()
            return self._words
        collapser = Collapser()
        markers: dict[int, list[int]] = {}
        for index, item in enumerate(items):
            if item.kind == "text":
                assert item.run is not None
                style = item.run.style
                white_space = style.text.white_space
                text = text_transform(item.run.content, style.text.text_transform, item.run.locale)
                collapser.add_text(run_text(text, white_space), index, white_space in COLLAPSIBLE)
            elif item.kind == "atomic":
                collapser.add_atomic(OBJECT_REPLACEMENT, index)
            elif item.kind == "break":
                collapser.add_break(index)
            else:
                markers.setdefault(collapser.length, []).append(index)
        content = collapser.finish()
        owners = collapser.owners()
        # Markers after removed spaces are at the end.
        for offset in sorted(markers):
            if offset > len(content):
                markers.setdefault(len(content), []).extend(markers.pop(offset))

        # Like the reference, lines with inline elements aren't reordered, unless bidi
        # is the browsers' (bidi.py).
        self.base_level = 1 if self.style.text.direction == "rtl" else 0
        levels = char_levels(content, bool(self.base_level)) \
            if content and not bidi.REFERENCE_BIDI and needs_bidi(content, bool(self.base_level)) else ()
        self.bidi = bool(levels)

        def level_at(offset: int) -> int:
            return levels[min(offset, len(levels) - 1)] if levels else 0

        if content:
            texts, required = split_by_break_opportunities(content, str(self.style.text.word_break))
        else:
            texts, required = [], []
        if not texts:
            texts = [""]  # only empty inline boxes

        words: list[_Word] = []
        offset = 0
        for index, text in enumerate(texts):
            start, end = offset, offset + len(text)
            offset = end
            is_first, is_last = index == 0, index == len(texts) - 1
            segments: list[_Segment] = []
            p = start
            while True:
                here = markers.get(p, [])
                for k, marker in enumerate(here):
                    item = items[marker]
                    # Boxes end in the word before them and start in the word after; empty
                    # boxes stay in the word before them, like in browsers.
                    if item.kind == "close":
                        empty = any(items[o].kind == "open" and items[o].box is item.box
                                    for o in here[:k])
                    else:
                        empty = any(items[o].kind == "close" and items[o].box is item.box
                                    for o in here[k + 1:])
                    belongs = ((p > start or is_first) if item.kind == "close" or empty
                               else (p < end or (is_last and p == end)))
                    if belongs:
                        # A box's edges are at the level of the text inside, next to them.
                        segments.append(_Segment(item, level=level_at(p if item.kind == "open"
                                                                      else p - 1)))
                if p == end:
                    break
                ch = content[p]
                item = items[owners[p]]
                if item.kind == "text":
                    if ch != "\n":
                        last = segments[-1] if segments else None
                        # Tabs are segments of their own (placed at tab stops).
                        if (last is not None and last.item is item and last.text is not None
                                and (last.text[0] == TAB) == (ch == TAB)
                                and last.level == level_at(p)):
                            last.text += ch
                        else:
                            segments.append(_Segment(item, ch, level=level_at(p)))
                elif item.kind == "atomic":
                    segments.append(_Segment(item, level=level_at(p)))
                p += 1
            last_item = items[owners[end - 1]] if end > 0 else None
            white_space = (last_item.run.style.text.white_space
                           if last_item is not None and last_item.kind == "text" and last_item.run
                           else self.style.text.white_space)
            words.append(_Word(segments, bool(required[index]) if index < len(required) else False,
                               white_space not in NO_SOFT_WRAP))
        self._words = words
        return words

    def collapses_away(self) -> bool:
        """Whether the paragraph is only collapsible white space in edge-less boxes."""
        if self.text_node is not None:
            return not any(self.text_node.pre.words)
        for item in self.items:
            if item.kind in ("open", "close"):
                assert item.box is not None
                if has_box_edges(item.box.style):
                    return False
                continue
            if item.kind != "text" or item.run is None:
                return False
            white_space = item.run.style.text.white_space
            if white_space not in COLLAPSIBLE:
                return False
            pattern = r"[ \t]*" if white_space in PRESERVED_LINE_BREAKS else r"[ \t\n\r\f]*"
            if not re.fullmatch(pattern, item.run.content):
                return False
        return True

    # -- line breaking ---------------------------------------------------------------

    def _measure_word(self, word: _Word, container_width: float) -> None:
        word.width = 0.0
        word.trailing = 0.0
        for segment in word.segments:
            item = segment.item
            if item.kind == "text" and item.run is not None and segment.text is not None:
                measure = self.state(item.run).measurer.measure_text
                segment.width = measure(segment.text)
                collapse = item.run.style.text.white_space in COLLAPSIBLE
                trimmed = js_trim_end(segment.text)
                word.trailing = (segment.width - measure(trimmed)
                                 if collapse and trimmed != segment.text else 0.0)
            elif item.kind == "open" and item.box is not None:
                style = item.box.style
                box = style.box
                segment.width = 0.0 if item.continuation else (
                    length_px(box.margin_left, container_width)
                    + float(box.border_left_width or 0.0)
                    + length_px(box.padding_left, container_width))
            elif item.kind == "close" and item.box is not None:
                style = item.box.style
                box = style.box
                segment.width = 0.0 if item.continued else (
                    length_px(box.margin_right, container_width)
                    + float(box.border_right_width or 0.0)
                    + length_px(box.padding_right, container_width))
            elif item.kind == "atomic" and item.atomic is not None:
                segment.width = item.atomic.width
                word.trailing = 0.0
            word.width += segment.width

    def _place_tabs(self, word: _Word, x: float) -> None:
        """Tabs move to the next tab stop, from the start of the line at ``x``."""
        if not any(s.text and s.text[0] == TAB for s in word.segments):
            return
        word.width = 0.0
        for segment in word.segments:
            run = segment.item.run
            if segment.item.kind == "text" and run is not None and segment.text and segment.text[0] == TAB:
                space = self.state(run).measurer.measure_text(" ")
                segment.width = tab_advance(x + word.width, len(segment.text),
                                            tab_width(run.style, space), space)
            word.width += segment.width

    def _strut(self) -> FontEngine:
        return self.engine_for(self.style, None)

    def _atomic_alignment(self, atomic: Atomic) -> tuple[float, float, str | None]:
        """``(ascent, descent, line-relative alignment)`` of an atomic inline."""
        height = atomic.height
        ascent = atomic.height if atomic.baseline is None else atomic.baseline
        align = atomic.style.box.vertical_align
        font_size = float(self.style.font.font_size)
        if align == "middle":
            middle = font_size * 0.25
            return height / 2 + middle, height / 2 - middle, None
        if align == "text-top":
            a = self._strut().ascent(STRUT)
            return a, height - a, None
        if align == "text-bottom":
            d = self._strut().descent(STRUT)
            return height - d, d, None
        if align in ("top", "bottom"):
            return ascent, height - ascent, str(align)
        shift = vertical_shift(atomic.style, self.style)
        return ascent + shift, height - ascent - shift, None

    def break_lines(self, width: float, min_content: bool = False,
                    limit: float = math.inf, exclusions: Sequence[Exclusion] = ()) -> tuple[float, float, bool]:
        """Break into lines of at most ``width`` (``math.inf``: max-content) and align them.

        Lines are shortened by the ``exclusions`` of floats beside them (see
        :data:`Exclusion`). Returns ``(width, height, wrapped)``."""
        words = list(self._prepare())
        container_width = width if math.isfinite(width) else 0.0
        for word in words:
            self._measure_word(word, container_width)
        text = self.style.text
        allow_break, allow_in_min = can_break_words(text.word_break, text.overflow_wrap)
        allow_break_word = allow_in_min if min_content else allow_break
        indent = length_px(text.text_indent, container_width)
        strut = self._strut()
        strut_ascent = round_js(strut.baseline(STRUT))
        strut_descent = round_js(strut.height(STRUT)) - strut_ascent
        text_align = resolve_text_align(text.text_align, text.direction)

        lines: list[_Line] = []
        top = 0.0
        line: _Line | None = None
        wrapped = False
        can_break = False

        def finish(current: _Line) -> None:
            nonlocal top
            ascent, descent = float(strut_ascent), float(strut_descent)
            line_aligned: list[tuple[float, float, bool]] = []
            for word in current.words:
                for segment in word.segments:
                    item = segment.item
                    if item.kind == "text" and item.run is not None and segment.text:
                        state = self.state(item.run)
                        a = round_js(state.engine.baseline(segment.text))
                        d = round_js(state.engine.height(segment.text)) - a
                        ascent = max(ascent, a + state.shift)
                        descent = max(descent, d - state.shift)
                    elif item.kind == "atomic" and item.atomic is not None:
                        a, d, relative = self._atomic_alignment(item.atomic)
                        if relative:
                            line_aligned.append((item.atomic.baseline or item.atomic.height,
                                                 item.atomic.height, relative == "top"))
                        else:
                            ascent = max(ascent, a)
                            descent = max(descent, d)
            for _, height, at_top in line_aligned:
                if height > ascent + descent:
                    if at_top:
                        descent = height - ascent
                    else:
                        ascent = height - descent
            current.baseline = ascent
            current.height = ascent + descent
            top = current.top + current.height

        def place_line(current: _Line, line_top: float) -> None:
            # A line is beside the floats from its top to its strut's height (placeLine).
            left = right = 0.0
            for ex_top, ex_bottom, ex_left, ex_right in exclusions:
                if ex_top < line_top + strut_ascent + strut_descent and ex_bottom > line_top:
                    left, right = max(left, ex_left), max(right, ex_right)
            current.top = line_top
            current.left = left
            current.available = width - left - right - (indent if len(lines) == 1 else 0.0)

        def next_float_bottom(line_top: float) -> float:
            return min((b for _t, b, _l, _r in exclusions if b > line_top), default=math.inf)

        def new_line() -> _Line:
            if line is not None:
                finish(line)
            created = _Line()
            lines.append(created)
            place_line(created, top)
            return created

        # Consumed from the end; a word broken into graphemes puts them back there (splicing
        # them into a list read from the front would be quadratic in the text).
        pending = words[::-1]
        first = True
        while pending:
            word = pending[-1]
            if not len(pending) & 1023:
                check_deadline()
            if line is None or (not first and word.force_break):
                line = new_line()
            else:
                self._place_tabs(word, line.width + (indent if len(lines) == 1 else 0.0))
                if (line.words and can_break and line.width + word.width - word.trailing
                        > min(line.available, limit) + _EPSILON):
                    line = new_line()
                    wrapped = True
            if not line.words:
                self._place_tabs(word, indent if len(lines) == 1 else 0.0)
            # A line that doesn't fit beside floats moves down until it does.
            while (not line.words and word.width - word.trailing > line.available + _EPSILON
                   and next_float_bottom(line.top) < math.inf):
                place_line(line, next_float_bottom(line.top))
            # A word that doesn't fit on a line is broken between its graphemes.
            if (allow_break_word and not line.words
                    and word.width - word.trailing > line.available + _EPSILON):
                parts = _split_word(word)
                if len(parts) > 1:
                    for part in parts:
                        self._measure_word(part, container_width)
                    pending[-1:] = parts[::-1]
                    continue
            line.words.append(word)
            line.width += word.width
            line.trailing = word.trailing
            can_break = word.can_break_after
            pending.pop()
            first = False
        if line is not None:
            finish(line)
        if not min_content and lines:
            lines = clamp_lines(self, lines, width)
            top = lines[-1].top + lines[-1].height

        max_width = 0.0
        for index, current in enumerate(lines):
            line_width = current.width - current.trailing
            line_indent = indent if index == 0 else 0.0
            max_width = max(max_width, current.left + line_width + line_indent)
            x = current.left + line_indent
            gap = 0.0
            if math.isfinite(width):
                remaining = current.available - line_width
                if text_align == "right":
                    x += remaining
                elif text_align == "center":
                    x += remaining / 2
                elif (text_align == "justify" and index < len(lines) - 1
                      and not (lines[index + 1].words and lines[index + 1].words[0].force_break)
                      and len(current.words) > 1):
                    gap = remaining / (len(current.words) - 1)
                if self.embed_font and self.policy.rounding == "line":
                    x = round_js(x)
            line_left = x
            for n, word in enumerate(current.words):
                for segment in word.segments:
                    segment.x = x
                    x += segment.width
                if n < len(current.words) - 1:
                    x += gap
            if self.bidi:
                _reorder(current, self.base_level, line_left, x - line_left - current.trailing)
        self.lines = lines
        return max(max_width, width if wrapped else 0.0), top, wrapped

    def measure(self, width: float, min_content: bool = False,
                exclusions: Sequence[Exclusion] = ()) -> tuple[float, float]:
        """The size in ``width`` (``math.inf``: max-content), the width rounded up to the layout
        grid; a text node's as the reference's text engine measures it (:mod:`.inline_text`)."""
        if self.text_node is not None:
            return layout_size(self.text_node, width, min_content)
        measured, height = self.flow(width, min_content, exclusions)
        return round_up_to_layout(measured, self.scale, 1e-3), height

    def flow(self, width: float, min_content: bool = False,
             exclusions: Sequence[Exclusion] = ()) -> tuple[float, float]:
        """Break lines beside floats, balancing them with ``text-wrap: balance``."""
        measured, height, _ = self.break_lines(width, min_content, exclusions=exclusions)
        count = len(self.lines)
        if (self.style.text.text_wrap != "balance" or min_content or count < 2
                or not math.isfinite(width)):
            return measured, height
        low, high = 0.0, width
        while high - low > 0.5:
            mid = (low + high) / 2
            self.break_lines(width, False, mid, exclusions)
            if len(self.lines) > count:
                low = mid
            else:
                high = mid
        measured, height, _ = self.break_lines(width, False, high, exclusions)
        return measured, height


def _reorder(line: _Line, base: int, left: float, width: float) -> None:
    """Place the segments of a line in visual order by their bidi levels (L1, L2)."""
    segments = [s for w in line.words for s in w.segments]
    texts = [s.text if s.item.kind == "text" else OBJECT_REPLACEMENT if s.item.kind == "atomic"
             else "" for s in segments]
    levels = line_levels([t or "" for t in texts], [s.level for s in segments], base)
    lefts = reorder_line([(s.x - left, s.width) for s in segments], levels, width)
    for segment, segment_left in zip(segments, lefts):
        segment.x = left + segment_left


def _split_word(word: _Word) -> list[_Word]:
    """Split a word into graphemes, keeping the boundaries of inline boxes (``splitWord``)."""
    out: list[_Word] = []
    current: list[_Segment] = []

    def flush() -> None:
        nonlocal current
        if current:
            out.append(_Word(current, False, True))
            current = []

    for segment in word.segments:
        kind = segment.item.kind
        if kind == "text" and segment.text is not None:
            for g in graphemes(segment.text):
                current.append(_Segment(segment.item, g, level=segment.level))
                flush()
        elif kind == "open":
            current.append(_Segment(segment.item, segment.text, segment.width, segment.x, segment.level))
        else:
            # Close markers and atomic inlines stay with the previous grapheme.
            if kind == "close" and out and not current:
                out[-1].segments.append(_Segment(segment.item, segment.text, segment.width, segment.x, segment.level))
            else:
                current.append(_Segment(segment.item, segment.text, segment.width, segment.x, segment.level))
                if kind == "atomic":
                    flush()
    flush()
    if out:
        out[0].force_break = word.force_break
        out[-1].can_break_after = word.can_break_after
    return out
