"""The layout of one text node in one style: flowing its words into lines, and its size.

Mirrors the first half of the reference's ``text/index.ts`` (``buildTextNodes``:
``flow``, ``layoutText`` and ``measure``), the text engine that lays out text
that is the only content of a block container's paragraph (a "simple"
paragraph) and each text child of a flex or grid container. :mod:`.arrange`
places and draws the flowed text.

The reference's quirks are kept where they change pixels: line heights and
baselines are rounded per word; an empty line ended by a forced break takes the
unrounded height; trailing spaces don't count when deciding to wrap but do
count in the measured width; a word broken into graphemes restarts the loop;
and a zero-width piece (a collapsed space that starts a line) gets a position
but no text, which shifts later texts onto their predecessors' positions when
drawn (``texts`` and ``pieces`` of :class:`Flow` are indexed together anyway).
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..frozen import Frozen, set_field
from ..limits import check_deadline
from . import bidi
from .bidi import (
    char_levels,
    needs_bidi,
    piece_class,
    resolve_piece_levels,
    split_by_direction,
    split_by_level,
)
from .breaking import graphemes, split_images
from .breaking import words as word_segments
from .measurer import FontEngine, image_predicate, measurer_for
from .processor import (
    SPACE,
    TAB,
    js_trim_end,
    length_px,
    preprocess,
    resolve_text_align,
    round_js,
    tab_advance,
    tab_width,
)

__all__ = ["Flow", "Measured", "Piece", "TextBlock", "round_up_to_layout"]


def round_up_to_layout(value: float, scale: float = 1.0, epsilon: float = 0.0) -> float:
    """Round a measured size up to a multiple of ``1 / scale`` (``roundUpToLayout``)."""
    if not scale:
        return value + 1e-3
    return math.ceil(value * scale - epsilon) / scale


class Measured(Frozen):
    __slots__ = ("width", "height", "first_baseline", "last_baseline")

    width: float
    height: float
    first_baseline: float | None
    last_baseline: float | None

    def __init__(
        self,
        width: float,
        height: float,
        first_baseline: float | None,
        last_baseline: float | None,
    ) -> None:
        set_field(self, "width", width)
        set_field(self, "height", height)
        set_field(self, "first_baseline", first_baseline)
        set_field(self, "last_baseline", last_baseline)


@dataclass(slots=True)
class Piece:
    """Where a piece of a word is, from the flow: ``wordPositionInLayout``'s entries."""

    x: float
    y: float
    width: float
    line: int
    line_index: int
    is_image: bool
    justify_shift: float | None = None


@dataclass(slots=True)
class Flow:
    """The state ``flow()`` leaves behind for drawing."""

    line_widths: list[float] = field(default_factory=list)
    line_heights: list[float] = field(default_factory=list)
    baselines: list[float] = field(default_factory=list)
    segments_per_line: list[int] = field(default_factory=lambda: [0])
    texts: list[str] = field(default_factory=list)
    # With bidi, the embedding level of each piece.
    levels: list[int] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    last_baseline: float | None = None
    size: tuple[float, float] = (0.0, 0.0)


class TextBlock:
    """A text node laid out by the reference's text engine."""

    def __init__(self, content: str, style: Mapping[str, Any], engine: FontEngine, *,
                 embed_font: bool = True, block_paragraph: bool = True,
                 locale: str | None = None, grapheme_images: Mapping[str, str] | None = None,
                 point_scale_factor: float = 1.0) -> None:
        self.style = style
        self.engine = engine
        self.embed_font = embed_font
        self.block_paragraph = block_paragraph
        self.locale = locale
        self.images = dict(grapheme_images or {})
        self.scale = point_scale_factor
        self.pre = preprocess(content, style, locale)
        self.text_align = style.get("textAlign", "start")
        self.direction = style.get("direction", "ltr")
        self.is_rtl = self.direction == "rtl"
        self.align = resolve_text_align(self.text_align, self.direction)
        self.needs_bidi = needs_bidi(self.pre.content, self.is_rtl)
        # Browser bidi resolves levels per character first; the reference's per piece.
        self.char_levels = char_levels(self.pre.content, self.is_rtl) \
            if self.needs_bidi and not bidi.REFERENCE_BIDI else ()
        self.is_image = image_predicate(self.images)
        self.measurer = measurer = measurer_for(engine, style, self.is_image, bool(self.images))
        self.font_size, self.letter_spacing = measurer.font_size, measurer.letter_spacing
        self.word_spacing, self.features = measurer.word_spacing, measurer.features
        space = self.measurer.measure_grapheme(SPACE)
        self._space = space
        self._tab_width = tab_width(style, space)
        self._measuring_min_content = False
        self._cache: dict[float, Measured] = {}
        self._flow = Flow()
        self._flowed_width: float | None = None
        self.measured_size = (0.0, 0.0)

    # -- helpers ---------------------------------------------------------------------

    def indent(self, width: float) -> float:
        """The first line's indent; percentages of ``width`` (0 for max-content)."""
        value = self.style.get("textIndent", 0.0)
        basis = width if math.isfinite(width) else 0.0
        indent = length_px(value, basis, self.font_size)
        return indent if math.isfinite(indent) else 0.0

    def _tab_advance(self, x: float, count: int) -> float:
        return tab_advance(x, count, self._tab_width, self._space)

    def _calc(self, text: str, x: float) -> tuple[float, float]:
        """``(width, width of trailing white space)`` of a word starting at ``x``."""
        if not text:
            return 0.0, 0.0
        measure_text = self.measurer.measure_text
        if TAB in text:
            pos = x
            for part in re.split(r"(\t+)", text):
                if part:
                    pos += self._tab_advance(pos, len(part)) if part[0] == TAB else measure_text(part)
            width = pos - x
        else:
            width = measure_text(text)
        trimmed = js_trim_end(text)
        after_trim = width if trimmed == text else measure_text(trimmed)
        return width, width - after_trim

    # -- flow ------------------------------------------------------------------------

    def flow(self, width: float) -> tuple[float, float]:
        """Break the words into lines of at most ``width``; returns (max width, height)."""
        engine = self.engine
        pre = self.pre
        state = Flow()
        line_widths, baselines, heights = state.line_widths, state.baselines, state.line_heights
        texts, pieces, segs = state.texts, state.pieces, state.segments_per_line
        text_levels = state.levels
        # Consumed from the end; a word broken into graphemes puts them back there (splicing
        # them into a list read from the front would be quadratic in the text).
        words = list(reversed(pre.words))
        required = list(reversed(pre.required_breaks[:len(pre.words)]))
        required[:0] = [False] * (len(words) - len(required))
        limit = pre.line_limit
        indent = self.indent(width)
        justify = self.text_align == "justify"
        allow_break = (pre.allow_break_word_in_min_content if self._measuring_min_content
                       else pre.allow_break_word)

        lines = 0
        max_width = 0.0
        line_index = -1
        height = 0.0
        current_width = 0.0
        line_height = 0.0
        baseline = 0.0
        prev_trailing = 0.0

        def start_line(first_width: float, word: str) -> None:
            nonlocal lines, height, current_width, line_height, baseline, line_index
            line_widths.append(current_width - prev_trailing)
            baselines.append(baseline)
            heights.append(line_height)
            lines += 1
            height += line_height
            current_width = first_width
            line_height = round_js(engine.height(word)) if first_width else 0.0
            baseline = round_js(engine.baseline(word)) if first_width else 0.0
            segs.append(1)
            line_index = -1

        first_word = True
        # Where ``word`` starts in the content: words are consecutive slices of it.
        offset = 0
        while words and lines < limit:
            if not len(words) & 1023:
                check_deadline()
            word = words[-1]
            force = required[-1]
            line_indent = indent if lines == 0 else 0.0
            w, trailing = self._calc(word, current_width + line_indent)

            # An empty line ended by a forced break still takes a line height.
            if force and line_height == 0:
                line_height = engine.height(word)

            # Trailing spaces don't count when deciding to wrap: they hang.
            will_wrap = (not first_word and current_width + w > width - line_indent + trailing
                         and pre.allow_soft_wrap)
            need_break = (allow_break and w > width - line_indent
                          and (not current_width or will_wrap or force))
            chars = graphemes(word) if need_break else None
            if chars and len(chars) > 1:
                words[-1:] = reversed(chars)
                required[-1:] = [False] * (len(chars) - 1) + [force]
                if current_width > 0:
                    start_line(0.0, word)
                prev_trailing = trailing
                continue

            if force or will_wrap:
                if pre.collapse and word == SPACE:
                    w = 0.0
                elif TAB in word:
                    w = self._calc(word, 0.0)[0]
                start_line(w, word)
                if not force:
                    max_width = max(max_width, width)
            else:
                current_width += w
                glyph_height = round_js(engine.height(word))
                if glyph_height > line_height:
                    line_height = glyph_height
                    baseline = round_js(engine.baseline(word))
                if justify:
                    segs[-1] += 1
            if justify:
                line_index += 1
            line_indent = indent if lines == 0 else 0.0
            max_width = max(max_width, current_width + line_indent)

            x = current_width - w
            if w == 0:
                # No text: later texts are drawn at their predecessors' places (quirk).
                pieces.append(Piece(x, height, 0.0, lines, line_index, False))
            else:
                parts = word_segments(word, self.locale)
                if self.images:
                    parts = [p for s in parts for p in split_images(s, self.is_image)]
                leveled: list[tuple[str, int]] = []
                start = offset
                for s in parts:
                    if not self.needs_bidi:
                        leveled.append((s, 0))
                    elif bidi.REFERENCE_BIDI:  # levels come from the pieces' classes, below
                        leveled.extend((part, 0) for part in split_by_direction(s))
                    else:
                        leveled.extend(split_by_level(s, self.char_levels, start))
                    start += len(s)
                for part, level in leveled:
                    is_img = False
                    if self.is_image(part):
                        part_width = self.font_size
                        is_img = True
                    elif part[0] == TAB:
                        part_width = self._tab_advance(x + line_indent, len(part))
                    elif not self.embed_font and len(part) > 1:
                        part_width = self.measurer.measure_text(part)
                    else:
                        part_width = self.measurer.measure_grapheme(part)
                    texts.append(part)
                    text_levels.append(level)
                    pieces.append(Piece(x, height, part_width, lines, line_index, is_img))
                    x += part_width
            words.pop()
            required.pop()
            first_word = False
            offset += len(word)
            prev_trailing = trailing

        if current_width:
            if lines < limit:
                height += line_height
            lines += 1
            line_widths.append(current_width)
            baselines.append(baseline)
            heights.append(line_height)
            state.last_baseline = height - line_height + baseline
        else:
            state.last_baseline = height if lines else None
        state.size = (max_width, height)
        if self.needs_bidi and bidi.REFERENCE_BIDI:
            # One class per piece; pieces and texts are indexed together (see Flow).
            state.levels[:] = resolve_piece_levels(
                [piece_class(texts[k]) if k < len(texts) else "N" for k in range(len(pieces))],
                1 if self.is_rtl else 0)
        self._flow = state
        return max_width, height

    def _layout_text(self, width: float) -> tuple[float, float]:
        # The size of the last layout is what the text-shadow filter is relative to.
        self.measured_size = self._layout_size(width)
        return self.measured_size

    def _layout_size(self, width: float) -> tuple[float, float]:
        measured_width, height = self.flow(width)
        wrap = self.style.get("textWrap")
        if wrap == "balance":
            low, high = measured_width / 2, measured_width
            while low + 1 < high:
                mid = (low + high) / 2
                if self.flow(mid)[1] > height:
                    low = mid
                else:
                    high = mid
            self.flow(high)
            # Balanced, but like in browsers the text keeps its size.
            return round_up_to_layout(measured_width, self.scale), height
        # Unlike the reference, max-content isn't "pretty": it would measure infinitely wide.
        if wrap == "pretty" and math.isfinite(width):
            widths = self._flow.line_widths
            if widths and widths[-1] < width / 3:
                _, pretty_height = self.flow(width * 0.9)
                if pretty_height <= height * 1.3:
                    return width, pretty_height
        return round_up_to_layout(measured_width, self.scale), height

    def measure(self, width: float, min_content: bool = False) -> Measured:
        """The size of the text in ``width`` (``math.inf`` for max-content), memoised."""
        key = -1.0 if min_content else width
        cached = self._cache.get(key)
        if cached is None:
            self._measuring_min_content = min_content
            try:
                size = self._layout_text(0.0 if min_content else width)
            finally:
                self._measuring_min_content = False
            first = self._flow.baselines[0] if self._flow.baselines else None
            cached = Measured(size[0], size[1], first, self._flow.last_baseline)
            self._flowed_width = None if min_content else width
            if len(self._cache) >= 64:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = cached
        return cached

    # -- arrangement -----------------------------------------------------------------

    def reflow(self, width: float) -> Flow:
        """The flow of the final layout in ``width`` (laid out again unless it was last)."""
        if self._flowed_width != width:
            self._layout_text(width)
            self._flowed_width = width
        return self._flow
