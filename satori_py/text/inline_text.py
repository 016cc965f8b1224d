"""A text node as a one-run inline paragraph, broken into lines the reference's text-engine way.

The reference lays out an element whose only content is text (all in the element's own style)
with its text engine (``text/index.ts``, ``buildTextNodes``), not with its inline one
(``text/inline.ts``). Here both are one :class:`~.inline.InlineParagraph`; one made with
``text_node=True`` holds a single run, and that switch selects the text engine's behaviour
where each is decided:

* **words** (``InlineParagraph._prepare``): the text node's white-space pass
  (:func:`.processor.preprocess`: with ``pre-line`` the spaces around a newline stay, and a
  preserved ``\\n`` is kept as text at the end of its word: measured, and its height counted,
  like the reference's);
* **line breaking** (:func:`break_text_node`, the quirks named there): line heights and
  baselines rounded per word (no strut); an empty line ended by a forced break takes the
  unrounded height; trailing spaces hang when deciding to wrap but count in the measured
  width; a word broken into graphemes restarts the loop (``grapheme restart``); a collapsed
  space that starts a line has no width (``zero-width piece``); the flow stops at the line
  limit; ``textWrap: balance|pretty`` as :func:`layout_size` does them;
* **size** (:func:`layout_size`): the width rounded up to the layout grid without the
  inline engine's epsilon; the flow a size leaves (its lines, then its pieces) is memoised
  across renders (a card's titles are broken at the same widths on every request), keyed
  by what the flow reads;
* **pieces** (:meth:`TextFlow.build_pieces`): a word's parts (word segments, images, bidi runs)
  placed for drawing by :mod:`.inline_text_render` (per-piece rounding, ``block_paragraph``, the
  zero-width piece shift: a zero-width piece gets a position but no text, so later texts are
  drawn at their predecessors' positions).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable

from ..cache import ENTRY_WEIGHT, MAX_CACHED_TEXT, BoundedCache
from ..frozen import Record, field
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
from .breaking import graphemes, words_and_images
from .draw_pieces import DrawPolicy
from .inline_model import Piece, RunState, _Item, _Segment, _Word
from .measurer import FontEngine
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

__all__ = ["TextFlow", "TextNode", "break_text_node", "layout_size", "round_up_to_layout"]


def round_up_to_layout(value: float, scale: float = 1.0, epsilon: float = 0.0) -> float:
    """Round a measured size up to a multiple of ``1 / scale`` (``roundUpToLayout``)."""
    if not scale:
        return value + 1e-3
    if not math.isfinite(value * scale):  # (inline margins of 1e308 add up to Infinity)
        return value
    return math.ceil(value * scale - epsilon) / scale


class TextFlow(Record):
    """The lines a text node's flow leaves behind, and (built for drawing) its pieces."""

    line_widths: list[float] = field(default_factory=list)
    line_heights: list[float] = field(default_factory=list)
    baselines: list[float] = field(default_factory=list)
    segments_per_line: list[int] = field(default_factory=lambda: [0])
    # Each word placed: (text, x in its line, width, line, index in the line, line top).
    placed: list[tuple[str, float, float, int, int, float]] = field(default_factory=list)
    # The pieces: the first ``drawn`` hold a text, the rest only a position (see build_pieces).
    pieces: list[Piece] = field(default_factory=list)
    drawn: int = 0
    # With bidi, the embedding level of each piece.
    levels: list[int] = field(default_factory=list)
    built: bool = False
    indent: float = 0.0  # the first line's indent in this flow (of its width)
    last_baseline: float | None = None
    size: tuple[float, float] = (0.0, 0.0)
    # Whether a line wrapped (a word moved to a new line, or split into graphemes, for the
    # width): without, the flow is the max-content one (see layout_size).
    wrapped: bool = False

    def build_pieces(self, node: TextNode) -> None:
        """Split the placed words into pieces (word segments, images, bidi runs), once.

        Quirk (zero-width piece): a zero-width piece gets a position but no text, and texts
        and positions are paired by index, as the reference's parallel lists are: so after
        one, each text is drawn at its predecessor's position, and the last positions are
        left without a text (``drawn`` is the number of texts).

        A flow is shared by the renders that lay out the same text alike (:func:`layout_size`'s
        memo), which may run in threads: the pieces are made aside and published at the end,
        ``built`` last, so a flow is never seen half built (two threads may build it both,
        alike). Nothing changes them afterwards (bidi reordering moves copies)."""
        if self.built:
            return
        texts: list[str] = []
        pieces: list[Piece] = []
        text_levels: list[int] = []
        measurer = node.measurer
        offset = 0  # where the word starts in the content: words are consecutive slices of it
        for word, x, width, line, line_index, top in self.placed:
            if width == 0:
                # No text: later texts are drawn at their predecessors' places (zero-width piece).
                pieces.append(Piece("", x, 0.0, line, top=top, line_index=line_index))
                offset += len(word)
                continue
            parts = words_and_images(word, node.locale, node.is_image if node.images else None)
            leveled: list[tuple[str, int]] = []
            start = offset
            for s in parts:
                if not node.needs_bidi:
                    leveled.append((s, 0))
                elif bidi.REFERENCE_BIDI:  # levels come from the pieces' classes, below
                    leveled.extend((part, 0) for part in split_by_direction(s))
                else:
                    leveled.extend(split_by_level(s, node.char_levels, start))
                start += len(s)
            line_indent = self.indent if line == 0 else 0.0
            for part, level in leveled:
                is_img = False
                if node.is_image(part):
                    part_width = node.font_size
                    is_img = True
                elif part[0] == TAB:
                    part_width = node.tab_advance(x + line_indent, len(part))
                elif not node.embed_font and len(part) > 1:
                    part_width = measurer.measure_text(part)
                else:
                    part_width = measurer.measure_grapheme(part)
                texts.append(part)
                text_levels.append(level)
                pieces.append(Piece("", x, part_width, line, top=top, line_index=line_index,
                                    is_image=is_img))
                x += part_width
            offset += len(word)
        for piece, text in zip(pieces, texts):  # the shift (zero-width piece)
            piece.text = text
        drawn = len(texts)
        if node.needs_bidi and bidi.REFERENCE_BIDI:
            # One class per piece; pieces and texts are indexed together (zero-width piece).
            text_levels = resolve_piece_levels(
                [piece_class(p.text) if k < drawn else "N" for k, p in enumerate(pieces)],
                1 if node.is_rtl else 0)
        self.pieces, self.levels, self.drawn = pieces, text_levels, drawn
        self.built = True


class TextNode:
    """What ``text_node=True`` adds to an inline paragraph: its one run's text and metrics."""

    def __init__(self, item: _Item, state: RunState, *, embed_font: bool, images: dict[str, str],
                 is_image: Callable[[str], bool], block_paragraph: bool,
                 point_scale_factor: float, policy: DrawPolicy) -> None:
        run = item.run
        assert run is not None
        style = run.style
        self.item = item
        self.style = style
        self.locale = run.locale
        self.block_paragraph = block_paragraph
        self.policy = policy
        self.scale = point_scale_factor
        self.embed_font = embed_font
        self.images = images
        self.is_image = is_image
        self.engine, self.measurer = state.engine, state.measurer
        measurer = self.measurer
        self.pre = preprocess(run.content, style, run.locale)
        self._words: list[_Word] | None = None
        self.text_align = style.text.text_align
        self.is_rtl = style.text.direction == "rtl"
        self.align = resolve_text_align(self.text_align, style.text.direction)
        self.needs_bidi = needs_bidi(self.pre.content, self.is_rtl)
        # Browser bidi resolves levels per character first; the reference's per piece.
        self.char_levels = char_levels(self.pre.content, self.is_rtl) \
            if self.needs_bidi and not bidi.REFERENCE_BIDI else ()
        self.font_size = measurer.font_size
        self._space = measurer.measure_grapheme(SPACE)
        self._tab_width = tab_width(style, self._space)
        self.flow = TextFlow()
        self.memo_key = _memo_key(run.content, run.locale, style, self.engine, images, embed_font,
                                  point_scale_factor)
        self.flowed_width: float | None = None
        # Whether a flow in which no line wraps is the max-content one, and so the flow at
        # any width at least its width (see layout_size): not with balanced or pretty
        # wrapping, nor an indent in percent of the width. Then that flow and its size.
        indent = style.text.text_indent
        self.unwrapped_alike = (style.text.text_wrap not in ("balance", "pretty")
                                and isinstance(indent, (int, float)))
        self.unwrapped: tuple[tuple[float, float], TextFlow] | None = None
        # The size of the last layout: what the text-shadow filter is relative to.
        self.measured_size = (0.0, 0.0)

    def words(self) -> list[_Word]:
        """The text node's words: its own white-space pass, ``\\n`` kept as text."""
        if self._words is None:
            pre, item = self.pre, self.item
            required = pre.required_breaks
            soft = pre.allow_soft_wrap
            self._words = [_Word([_Segment(item, text)], bool(required[k]) if k < len(required)
                                 else False, soft) for k, text in enumerate(pre.words)]
        return self._words

    def indent(self, width: float) -> float:
        """The first line's indent; percentages of ``width`` (0 for max-content)."""
        value = self.style.text.text_indent
        basis = width if math.isfinite(width) else 0.0
        indent = length_px(value, basis)
        return indent if math.isfinite(indent) else 0.0

    def tab_advance(self, x: float, count: int) -> float:
        return tab_advance(x, count, self._tab_width, self._space)

    def measure_word(self, text: str, x: float) -> tuple[float, float]:
        """``(width, width of trailing white space)`` of a word starting at ``x``."""
        if not text:
            return 0.0, 0.0
        measure_text = self.measurer.measure_text
        if TAB in text:
            pos = x
            for part in re.split(r"(\t+)", text):
                if part:
                    pos += self.tab_advance(pos, len(part)) if part[0] == TAB else measure_text(part)
            width = pos - x
        else:
            width = measure_text(text)
        trimmed = js_trim_end(text)
        after_trim = width if trimmed == text else measure_text(trimmed)
        return width, width - after_trim


def break_text_node(node: TextNode, width: float, min_content: bool) -> tuple[float, float]:
    """Break the words into lines of at most ``width``; returns (max width, height).

    The reference's text engine (``flow``): its quirks are named where they are decided."""
    engine = node.engine
    pre = node.pre
    state = TextFlow()
    line_widths, baselines, heights = state.line_widths, state.baselines, state.line_heights
    placed, segs = state.placed, state.segments_per_line
    # Consumed from the end; a word broken into graphemes puts them back there (splicing
    # them into a list read from the front would be quadratic in the text).
    prepared = node.words()
    words = [word.segments[0].text or "" for word in reversed(prepared)]
    required = [word.force_break for word in reversed(prepared)]
    limit = pre.line_limit
    indent = node.indent(width)
    state.indent = indent
    justify = node.text_align == "justify"
    allow_break = pre.allow_break_word_in_min_content if min_content else pre.allow_break_word

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
        # Quirk (hanging spaces): a line's width leaves out the spaces it ends with.
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
    # Quirk (stops at the line limit): lines past a clamp are not flowed.
    while words and lines < limit:
        if not len(words) & 1023:
            check_deadline()
        word = words[-1]
        force = required[-1]
        line_indent = indent if lines == 0 else 0.0
        w, trailing = node.measure_word(word, current_width + line_indent)

        # Quirk (empty line height): an empty line ended by a forced break takes the
        # forcing word's height, unrounded.
        if force and line_height == 0:
            line_height = engine.height(word)

        # Quirk (hanging spaces): trailing spaces don't count when deciding to wrap.
        will_wrap = (not first_word and current_width + w > width - line_indent + trailing
                     and pre.allow_soft_wrap)
        need_break = (allow_break and w > width - line_indent
                      and (not current_width or will_wrap or force))
        chars = graphemes(word) if need_break else None
        if chars and len(chars) > 1:
            state.wrapped = True
            # Quirk (grapheme restart): the graphemes go back into the loop, on a new line
            # unless this one is empty; the forced break stays with the first.
            words[-1:] = reversed(chars)
            required[-1:] = [False] * (len(chars) - 1) + [force]
            if current_width > 0:
                start_line(0.0, word)
            prev_trailing = trailing
            continue

        if force or will_wrap:
            if pre.collapse and word == SPACE:
                w = 0.0  # Quirk (zero-width piece): a collapsed space starting a line.
            elif TAB in word:
                w = node.measure_word(word, 0.0)[0]
            start_line(w, word)
            if not force:
                state.wrapped = True
                max_width = max(max_width, width)
        else:
            current_width += w
            # Quirk (per-word rounding): the line is as tall as its tallest word, rounded.
            glyph_height = round_js(engine.height(word))
            if glyph_height > line_height:
                line_height = glyph_height
                baseline = round_js(engine.baseline(word))
            if justify:
                segs[-1] += 1
        if justify:
            line_index += 1
        line_indent = indent if lines == 0 else 0.0
        # Quirk (hanging spaces): the measured width counts them.
        max_width = max(max_width, current_width + line_indent)
        placed.append((word, current_width - w, w, lines, line_index, height))
        words.pop()
        required.pop()
        first_word = False
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
    node.flow = state
    return max_width, height


# The sizes and flows of text nodes by (memo key, width, min-content), across renders: bounded
# by entries and by what they hold, weighed in bytes: the text, ~300 per placed word (its
# tuple, its pieces once built) and the entry's own objects (the 24 benchmark cards keep ~750
# flows, ~2 MB). A text over MAX_CACHED_TEXT is not kept.
_FlowEntry = tuple[tuple[float, float], TextFlow, int]
_FLOWS: BoundedCache[_FlowEntry] = BoundedCache(4096, weigh=lambda entry: entry[2], max_weight=8 * 2 ** 20)
_WORD_BYTES = 300
_MAX_IMAGE_KEYS = 64


def _memo_key(content: str, locale: str | None, style: object, engine: FontEngine, images: dict[str, str],
              embed_font: bool, scale: float) -> tuple[object, ...] | None:
    """What :func:`layout_size` and :meth:`TextFlow.build_pieces` read, as a key (None: not
    memoised). A computed style stands for its values by its token (the style memo gives a
    card the same objects in every render): the text's font size, line height, white space,
    direction, alignment, indent and wrap; the engine's ``fonts_key`` for the registered
    fonts its family list resolves to; the graphemes drawn as images are a font size wide;
    without embedded fonts pieces are measured as texts; bidi levels as the module says."""
    token = getattr(style, "token", None)
    if token is None or len(content) > MAX_CACHED_TEXT or len(images) > _MAX_IMAGE_KEYS:
        return None
    drawn = frozenset(g for g, uri in images.items() if uri) if images else frozenset()
    return (content, locale, token, engine.fonts_key, drawn, embed_font, scale, bidi.REFERENCE_BIDI)


def layout_size(node: TextNode, width: float, min_content: bool = False) -> tuple[float, float]:
    """The text node's size in ``width`` (``math.inf``: max-content; min-content flows at 0),
    with ``textWrap: balance|pretty`` as the reference's text engine does them."""
    if min_content:
        width = 0.0
    key = None if node.memo_key is None else (node.memo_key, width, min_content)
    hit = _FLOWS.get(key) if key is not None else None
    if hit is not None:
        size, node.flow, _ = hit  # shared: built once, read by every render (see build_pieces)
    else:
        unwrapped = None if min_content else node.unwrapped
        if unwrapped is not None and unwrapped[0][0] <= width:
            # The words fit: no line wraps, so the flow is the max-content one (each word's
            # break test is its line's width so far plus the word, at most the max-content
            # width), known from max-content or from a width at which no line wrapped.
            size, node.flow = unwrapped
        else:
            size = _layout_size(node, width, min_content)
        if key is not None:  # (kept for this width too: a warm render finds it at once)
            flow = node.flow
            _FLOWS.put(key, (size, flow, len(node.pre.content) + _WORD_BYTES * len(flow.placed) + ENTRY_WEIGHT))
    if not min_content and not node.flow.wrapped and node.unwrapped_alike:
        node.unwrapped = (size, node.flow)
    node.measured_size = size
    node.flowed_width = None if min_content else width
    return size


def _layout_size(node: TextNode, width: float, min_content: bool) -> tuple[float, float]:
    measured_width, height = break_text_node(node, width, min_content)
    wrap = node.style.text.text_wrap
    if wrap == "balance":
        low, high = measured_width / 2, measured_width
        while low + 1 < high:
            mid = (low + high) / 2
            if break_text_node(node, mid, min_content)[1] > height:
                low = mid
            else:
                high = mid
        break_text_node(node, high, min_content)
        # Balanced, but like in browsers the text keeps its size.
        return round_up_to_layout(measured_width, node.scale), height
    # Unlike the reference, max-content isn't "pretty": it would measure infinitely wide.
    if wrap == "pretty" and math.isfinite(width):
        widths = node.flow.line_widths
        if widths and widths[-1] < width / 3:
            _, pretty_height = break_text_node(node, width * 0.9, min_content)
            if pretty_height <= height * 1.3:
                return width, pretty_height
    return round_up_to_layout(measured_width, node.scale), height


def reflow(node: TextNode, width: float) -> TextFlow:
    """The flow of the final layout in ``width`` (laid out again unless it was the last),
    with its pieces built for drawing."""
    if node.flowed_width != width:
        layout_size(node, width)
    node.flow.build_pieces(node)
    return node.flow
