"""Final positions in an inline paragraph, and drawing one of its text runs.

Mirrors ``Paragraph.finalize`` of the reference's ``text/inline.ts``: text
pieces per run, fragments of inline boxes per line (spaces hanging at a line
end stay outside the boxes' edges), and atomic inlines placed by
``vertical-align``. And ``Paragraph.renderRun``: the
run's pieces that are adjacent on a line are merged (shaped together for
kerning), split into words, graphemes drawn as images and, without
``embedFont``, ``<text>`` pieces; decorations span contiguous pieces. It draws
through the drawing path both layouts share (:class:`.draw_pieces.PieceDrawer`, with the
inline :class:`~.draw_pieces.DrawPolicy`). The result is a :class:`~.render.TextDrawing`
for :func:`satori_py.paint.text.paint_text_run`.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .breaking import words_and_images
from .inline import (
    STRUT,
    TAB,
    Exclusion,
    Fragment,
    InlineBox,
    InlineParagraph,
    LineBox,
    Piece,
    Run,
)
from .inline_model import _Item, _Line, _Word
from .engine import Visible
from .inline_style import relative_offset, vertical_shift
from .draw_pieces import PieceDrawer
from .processor import length_px
from .render import TextDrawing, underline_band

__all__ = ["finalize", "line_boxes", "render_run"]

_EPSILON = 1e-3


def finalize(paragraph: InlineParagraph, width: float, exclusions: Sequence[Exclusion] = ()) -> tuple[
        dict[int, list[Piece]], list[Fragment], dict[str, tuple[float, float]]]:
    """Pieces of each run (by ``id``), fragments of inline boxes, atomic positions.

    Lines wrap around the ``exclusions`` of floats.
    """
    paragraph.flow(width, exclusions=exclusions)
    pieces: dict[int, list[Piece]] = {}
    fragments: list[Fragment] = []
    atomics: dict[str, tuple[float, float]] = {}
    open_boxes: list[tuple[InlineBox, _Item]] = []
    starts: dict[int, tuple[float, bool]] = {}

    def add_fragment(box: InlineBox, line: _Line, right: float, last: bool) -> None:
        start_x, first = starts[id(box)]
        style = box.style
        engine = paragraph.engine_for(style, None)
        ascent, descent = engine.ascent(STRUT), engine.descent(STRUT)
        baseline = line.top + line.baseline - _box_shift(paragraph, box)
        own = style.box
        top = (baseline - ascent - length_px(own.padding_top, width)
               - float(own.border_top_width or 0.0))
        bottom = (baseline + descent + length_px(own.padding_bottom, width)
                  + float(own.border_bottom_width or 0.0))
        if paragraph.bidi and right < start_x:
            # Reordered right-to-left: the box's start is on the right.
            start_x, right = right, start_x
        # Moved with its text by ``position: relative`` (the reference's ``fragmentRect``).
        dx, dy = relative_offset([*box.ancestors, box], width)
        fragments.append(Fragment(box.path, start_x + dx, top + dy, max(0.0, right - start_x),
                                  bottom - top, first, last))

    for line_number, line in enumerate(paragraph.lines):
        line_start = line.words[0].segments[0].x if line.words and line.words[0].segments else 0.0
        for box, _ in open_boxes:
            starts[id(box)] = (line_start, False)
        x = line_start
        # Spaces at the end of a line hang after the edges of boxes there.
        last_word = line.words[-1] if line.words else None
        last_text = math.inf
        if line.trailing and last_word is not None:
            last_text = len(last_word.segments) - 1
            while last_text >= 0:
                seg = last_word.segments[int(last_text)]
                if seg.item.kind == "text" and seg.text:
                    break
                last_text -= 1

        for word in line.words:
            for index, segment in enumerate(word.segments):
                item = segment.item
                if item.kind == "open" and item.box is not None:
                    style = item.box.style
                    open_boxes.append((item.box, item))
                    starts[id(item.box)] = (
                        _edge(line, word, index, last_word, last_text) + (0.0 if item.continuation
                                             else length_px(style.box.margin_left, width)),
                        not item.continuation)
                elif item.kind == "close" and item.box is not None:
                    style = item.box.style
                    add_fragment(item.box, line, _edge(line, word, index, last_word, last_text) + segment.width - (
                        0.0 if item.continued else length_px(style.box.margin_right, width)),
                        not item.continued)
                    for k in range(len(open_boxes) - 1, -1, -1):
                        if open_boxes[k][0] is item.box:
                            del open_boxes[k]
                            break
                elif item.kind == "text" and item.run is not None and segment.text \
                        and segment.text[0] != TAB:
                    state = paragraph.state(item.run)
                    pieces.setdefault(id(item.run), []).append(Piece(
                        segment.text, segment.x, segment.width, line_number,
                        line.top + line.baseline - state.shift, segment.level % 2 == 1))
                elif item.kind == "atomic" and item.atomic is not None:
                    atomic = item.atomic
                    ascent, _, relative = paragraph._atomic_alignment(atomic)
                    if relative == "top":
                        margin_top = line.top
                    elif relative == "bottom":
                        margin_top = line.top + line.height - atomic.height
                    else:
                        margin_top = line.top + line.baseline - ascent
                    dx, dy = relative_offset([b for b, _ in open_boxes], width)
                    atomics[atomic.key] = (segment.x + dx, margin_top + dy)
                x = segment.x + segment.width
        for box, _ in open_boxes:
            add_fragment(box, line, x - line.trailing, False)
    return pieces, fragments, atomics

def _box_shift(paragraph: InlineParagraph, box: InlineBox) -> float:
    """How far the baseline of an inline box is raised (by itself and its ancestors)."""
    chain = [*box.ancestors, box]
    shift = 0.0
    parent = paragraph.style
    for b in chain:
        shift += vertical_shift(b.style, parent)
        parent = b.style
    return shift

def _edge(line: _Line, word: _Word, index: int, last_word: _Word | None, last_text: float) -> float:
    """The x of a segment; box edges after the line's last text hang before its spaces."""
    hang = line.trailing if word is last_word and index > last_text else 0.0
    return word.segments[index].x - hang


def line_boxes(paragraph: InlineParagraph) -> list[LineBox]:
    out = []
    for line in paragraph.lines:
        x = line.words[0].segments[0].x if line.words and line.words[0].segments else 0.0
        out.append(LineBox(x, line.top, line.width - line.trailing, line.height, line.baseline))
    return out


def render_run(paragraph: InlineParagraph, run: Run, pieces: Sequence[Piece], left: float,
               top: float, size: tuple[float, float], visible: Visible | None = None) -> TextDrawing:
    """Draw a run's pieces with the paragraph at (left, top) (``renderRun``); pieces and
    glyphs entirely outside ``visible`` are left out."""
    style = run.style
    state = paragraph.state(run)
    engine = state.engine
    dx, dy = relative_offset(run.boxes, size[0])
    left += dx
    top += dy
    font_size = float(style.font.font_size)
    measurer = state.measurer
    drawer = PieceDrawer(TextDrawing(style=style, width=size[0], height=size[1]),
                         paragraph.policy, engine, measurer, reach=2 * font_size, visible=visible)
    skip_ink = drawer.drawing.collects_glyph_boxes
    decoration_line = style.text.text_decoration_line
    has_decorations = bool(decoration_line) and decoration_line != "none"

    # Shaping "contiguous": pieces adjacent on a line are drawn together, for kerning.
    contiguous = drawer.policy.shaping == "contiguous"
    merged: list[Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if contiguous and last is not None and last.line == piece.line and last.rtl == piece.rtl and abs(
                last.x - piece.width - piece.x if piece.rtl else last.x + last.width - piece.x
        ) < _EPSILON:
            # Right-to-left pieces follow each other leftwards.
            merged[-1] = Piece(last.text + piece.text, min(last.x, piece.x),
                               last.width + piece.width, last.line, last.baseline, last.rtl)
        else:
            merged.append(Piece(piece.text, piece.x, piece.width, piece.line, piece.baseline,
                                piece.rtl))

    for piece in merged:
        baseline = top + piece.baseline
        x = left + piece.x
        if drawer.outside(x, baseline, x + piece.width, baseline):
            continue
        ascender = engine.baseline(piece.text)
        glyph_top = baseline - ascender
        band = underline_band(style, glyph_top, ascender) if skip_ink else None
        boxes: list[Any] = []
        parts: list[str] = []
        for word in words_and_images(piece.text, None, paragraph.is_image if paragraph.images else None):
            if paragraph.is_image(word) or not paragraph.embed_font:
                parts.append(word)
            elif parts and not paragraph.is_image(parts[-1]):
                parts[-1] += word
            else:
                parts.append(word)
        # Right-to-left parts are drawn from the left of the last one.
        for part in (reversed(parts) if piece.rtl else parts):
            image = paragraph.is_image(part)
            part_width = font_size if image else measurer.measure_grapheme(part)
            if image or not paragraph.embed_font:
                drawer.element(part, left=x, top=glyph_top if image else glyph_top + ascender,
                               width=part_width, height_of=part,
                               image=paragraph.images.get(part) if image else None)
            else:
                glyphs = drawer.glyphs(part, left=x, baseline=baseline, rtl=piece.rtl, band=band,
                                       line=None)
                if band is not None:
                    boxes.extend(glyphs.boxes or ())
            x += part_width
        if has_decorations:
            drawer.decorate(piece.line, left + piece.x, glyph_top, ascender, piece.width, boxes)
    return drawer.finish(left)
