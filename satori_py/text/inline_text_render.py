"""Placing a flowed text node in its container, and drawing it.

The text-node half of the inline engine's placement, as :func:`.inline.InlineParagraph.break_lines`
places inline content: :mod:`.inline_text` breaks a text node (a one-run
:class:`~.inline.InlineParagraph` with ``text_node=True``) into lines and pieces; this places
them with the reference's text-node quirks, each named where it is decided:
per-piece rounding (every piece's left, not the line start's: the policy's ``rounding``),
``block_paragraph`` (one line is aligned only in a block's own box), the pieces left without
a text by the zero-width piece shift (made by :meth:`~.inline_text.TextFlow.build_pieces`),
shaping per word group (pieces are shaped together up to a word separator: ``shaping``), the
in-order ellipsis, and draws them through the drawing path both layouts share
(:class:`.draw_pieces.PieceDrawer`, with the text node's :class:`~.draw_pieces.DrawPolicy`:
decorations per line, ``<text>`` at the line's baseline with the doubled baseline shift of
its glyph boxes, explicit ``ltr`` shaping with bidi). Mirrors the second half of the
reference's ``text/index.ts`` (``buildTextNodes`` after the layout):
lines are indented and aligned (``placePiece``; with ``embedFont`` positions are rounded
to whole pixels),
reordered by the bidi levels of their text (:mod:`.bidi`, ``reorderLines``),
and a clamped line is cut in visual order when it has right-to-left text,
else its last piece gets the ellipsis while drawing (:mod:`.ellipsis`).
:mod:`satori_py.paint.text` turns the drawing into SVG.
"""
from __future__ import annotations

import math

from .bidi import line_levels, reorder_line
from .breaking import WORD_SEPARATORS
from .ellipsis import (
    PlacedPiece,
    VisualCut,
    cut_in_order,
    cut_visual,
    ellipsis_text,
    ends_in_order,
    needs_ellipsis,
)
from .processor import TAB, round_js
from ..cache import ENTRY_WEIGHT, BoundedCache
from ..limits import check_deadline, count_glyph_points
from .engine import Visible
from .draw_pieces import PieceDrawer
from .render import TextDrawing, underline_band
from .inline_model import Piece
from .inline_text import TextNode, reflow

__all__ = ["ArrangedText"]

# The drawings of text nodes across renders, by what :meth:`ArrangedText.render` reads (warm
# renders of a card draw the same text at the same place again): bounded by entries and by the
# characters they hold (path data, texts, image URIs of the key and the drawing, ~64 per
# decoration and skip-ink box). An entry holds the drawing without its style (the key has the
# style's token: a hit is drawn with that very style object, which the entry must not keep
# alive: a style of 20,000 font families is 1 MB); its lists are shared by the drawings made
# of it: nothing changes them once drawn.
_DrawnEntry = tuple[TextDrawing, int, int]  # the drawing (style: None), its glyph outline points, its weight
_DRAWINGS: BoundedCache[_DrawnEntry] = BoundedCache(2048, weigh=lambda entry: entry[2], max_weight=4 * 2 ** 20)


def _weight(drawing: TextDrawing, images: tuple[tuple[str, str], ...]) -> int:
    """About how many characters a kept drawing and its key hold."""
    return (ENTRY_WEIGHT + sum(map(len, drawing.paths)) + sum(map(len, drawing.bold_paths))
            + sum(len(e.content) + len(e.image or "") + 64 for e in drawing.elements)
            + sum(64 + 64 * len(d.glyph_boxes) for d in drawing.decorations)
            + sum(len(uri) for _, uri in images))


class ArrangedText:
    """A text node's pieces placed in a container ``width`` wide, ready to draw."""

    def __init__(self, node: TextNode, width: float, parent_width: float | None = None) -> None:
        self.node = node
        self.policy = node.policy
        flow = reflow(node, width)
        # Bidi reordering moves pieces: then it gets its own, and the node keeps its flow
        # for the next arrangement at this width. Without, nothing changes them.
        self.state = (flow.replace(pieces=[p.replace() for p in flow.pieces], levels=list(flow.levels))
                      if node.needs_bidi else flow)
        self.width = width
        self.parent_width = width if parent_width is None else parent_width
        self.indent = node.indent(width)
        self.levels = self._reorder() if node.needs_bidi else None
        pre = node.pre
        self.ellipsis = (self._plan_ellipsis(int(pre.line_limit) - 1)
                         if self.levels is not None and math.isfinite(pre.line_limit) else None)

    # -- bidi ------------------------------------------------------------------------

    def _reorder(self) -> list[int]:
        state = self.state
        pieces = state.pieces
        base = 1 if self.node.is_rtl else 0
        # Levels are indexed like the texts (zero-width piece, see TextFlow.build_pieces).
        levels = [state.levels[i] if i < len(state.levels) else base for i in range(len(pieces))]
        start = 0
        while start < len(pieces):
            line = pieces[start].line
            end = start + 1
            while end < len(pieces) and pieces[end].line == line:
                end += 1
            levels[start:end] = line_levels([pieces[k].text for k in range(start, end)],
                                            levels[start:end], base)
            line_width = state.line_widths[line] if line < len(state.line_widths) else 0.0
            run = pieces[start:end]
            lefts = reorder_line([(p.x, p.width) for p in run], levels[start:end], line_width)
            for p, left in zip(run, lefts):
                p.x = left
            if self.node.align == "justify" and line < len(state.line_widths) - 1:
                order = sorted(range(len(run)), key=lambda n: run[n].x)
                gaps = sum(1 for k in range(1, len(order))
                           if run[order[k]].line_index != run[order[k - 1]].line_index)
                remaining = self.width - state.line_widths[line] - (self.indent if line == 0 else 0.0)
                gutter = remaining / gaps if gaps else 0.0
                count = 0
                for k, n in enumerate(order):
                    if k > 0 and run[n].line_index != run[order[k - 1]].line_index:
                        count += 1
                    run[n].justify_shift = gutter * count
            start = end
        return levels

    def place(self, piece: Piece) -> tuple[float, float, bool]:
        """``(left, line left, extended width)`` of a piece after indent and alignment."""
        node = self.node
        state = self.state
        line = piece.line
        indent = self.indent if line == 0 else 0.0
        remaining = self.width - state.line_widths[line] - indent
        align = node.align
        justified = align == "justify" and line < len(state.line_widths) - 1
        if node.is_rtl:
            line_left = 0.0
            if align == "right" or (align == "justify" and not justified):
                line_left = remaining
            elif align == "center":
                line_left = remaining / 2
            left = piece.x + line_left
            if justified:
                left += piece.justify_shift or 0.0
            if node.embed_font and self.policy.rounding == "piece":  # Quirk (per-piece rounding)
                left, line_left = round_js(left), round_js(line_left)
            return left, line_left, justified
        left = piece.x + indent
        line_left = indent
        extended = False
        # Quirk (block_paragraph): a flex item around text is as wide as its line, a block
        # paragraph fills its box, so one line is aligned only in a block.
        if len(state.line_widths) > 1 or (node.block_paragraph and align in ("right", "center")):
            if align == "right":
                left += remaining
                line_left += remaining
            elif align == "center":
                left += remaining / 2
                line_left += remaining / 2
            elif justified:
                if piece.justify_shift is not None:
                    left += piece.justify_shift
                else:
                    segments = state.segments_per_line[line]
                    gutter = remaining / (segments - 1) if segments > 1 else 0.0
                    left += gutter * piece.line_index
                extended = True
            if node.embed_font and self.policy.rounding == "piece":  # Quirk (per-piece rounding)
                left, line_left = round_js(left), round_js(line_left)
        return left, line_left, extended

    def _ellipsis_text(self) -> tuple[str, float]:
        return ellipsis_text(self.node.pre.block_ellipsis, self.node.measurer.measure_grapheme,
                             self.parent_width)

    def _plan_ellipsis(self, line: int) -> VisualCut | None:
        """With bidi, the clamped line is cut in visual order (:func:`.ellipsis.cut_visual`)."""
        state = self.state
        node = self.node
        levels = self.levels
        assert levels is not None
        if line >= len(state.line_widths) or not needs_ellipsis(line, state.line_widths, self.parent_width):
            return None
        text, width = self._ellipsis_text()
        pieces = [PlacedPiece(index, self.place(piece)[0], piece.width, piece.text,
                              (levels[index] % 2 == 1) == node.is_rtl)
                  for index, piece in enumerate(state.pieces) if piece.line == line]
        return cut_visual(line, pieces, text, width, rtl=node.is_rtl, width=self.width,
                          room=self.parent_width, measure=lambda t: node.measurer.measure_graphemes([t]),
                          locale=node.locale, round_left=node.embed_font)

    # -- lines -----------------------------------------------------------------------

    def lines(self) -> list[tuple[float, float, float, float, float]]:
        """``(x, y, width, height, baseline)`` of each line drawn (not those past a clamp)."""
        state = self.state
        out = []
        y = 0.0
        first_pieces: dict[int, Piece] = {}
        for piece in state.pieces:  # one pass: looking each line's up would be quadratic
            first_pieces.setdefault(piece.line, piece)
        for n, width in enumerate(state.line_widths):
            if n >= self.node.pre.line_limit:
                break
            first = first_pieces.get(n)
            x = self.place(first)[1] if first is not None else 0.0
            height = state.line_heights[n] if n < len(state.line_heights) else 0.0
            out.append((x, y, width, height, state.baselines[n]))
            y += height
        return out

    # -- drawing ---------------------------------------------------------------------

    def render(self, left: float, top: float, visible: Visible | None = None) -> TextDrawing:
        """Glyph paths, text elements and decorations with the container at (left, top).

        Lines and glyphs entirely outside ``visible`` are left out. Kept across renders by
        the text node's memo key (its text, style token, fonts, images drawn, ...: see
        :func:`.inline_text._memo_key`), the image URIs, the widths and the position; a
        drawing found again counts its glyph points against ``max_glyph_points`` as
        drawing it did."""
        node = self.node
        if node.memo_key is None:
            return self._render(left, top, visible)[0]
        images = tuple(node.images.items())
        key = (node.memo_key, images, node.block_paragraph, self.width, self.parent_width, node.measured_size,
               left, top, visible)
        hit = _DRAWINGS.get(key)
        if hit is not None:
            count_glyph_points(hit[1])
            return hit[0].shared_with(node.style)
        drawing, points = self._render(left, top, visible)
        drawing.shared = True
        _DRAWINGS.put(key, (drawing.replace(style=None), points, _weight(drawing, images)))
        return drawing

    def _render(self, left: float, top: float, visible: Visible | None) -> tuple[TextDrawing, int]:
        """:meth:`render` drawn: the drawing and the glyph outline points it counted."""
        node = self.node
        state = self.state
        style = node.style
        engine = node.engine
        measurer = node.measurer
        pieces, drawn, baselines = state.pieces, state.drawn, state.baselines
        levels = self.levels
        plan = self.ellipsis
        limit = node.pre.line_limit
        policy = self.policy
        drawer = PieceDrawer(
            TextDrawing(style=style, width=node.measured_size[0], height=node.measured_size[1],
                        text_node=True),
            policy, engine, measurer, reach=2 * node.font_size, visible=visible)
        skip_ink = drawer.drawing.collects_glyph_boxes
        word_groups = policy.shaping == "word group"

        skipped_line = -1
        buffer: str | None = None
        buffered_left = 0.0
        # Quirk (zero-width piece): the pieces after the last text have none and are not drawn.
        for i in range(drawn):
            if not i & 1023:
                check_deadline()
            layout = pieces[i]
            text = layout.text
            next_layout = pieces[i + 1] if i + 1 < len(pieces) else None
            image = node.images.get(text) if node.images else None
            top_offset = layout.top
            width = layout.width
            line = layout.line
            if line == skipped_line:
                continue
            if plan is not None and (line > plan.line or i in plan.hidden):
                continue
            line_top = top + top_offset
            line_height = state.line_heights[line] if line < len(state.line_heights) else 0.0
            if drawer.outside(-math.inf, line_top, math.inf, line_top + line_height):
                continue
            left_offset, line_left, extended = self.place(layout)
            baseline_of_line = baselines[line]
            ascender = engine.baseline(text)
            piece_text = text  # its height is the <text>'s, even when the ellipsis changes it
            delta = baseline_of_line - ascender
            last_before_ellipsis = False

            # Decorations per line: the line's first piece drawn makes its decoration.
            deco = drawer.decorate(
                line, line_left if levels is not None else left_offset, top + top_offset + delta,
                ascender, (self.width - (self.indent if line == 0 else 0.0)) if extended
                else state.line_widths[line], [])
            rtl = None if levels is None else levels[i] % 2 == 1
            if plan is not None and plan.truncated is not None and plan.truncated[0] == i:
                text, left_offset = plan.truncated[1], plan.truncated[2]

            if math.isfinite(limit) and plan is None:
                ellipsis, ellipsis_width = self._ellipsis_text()
                if ends_in_order(line, limit, state.line_widths, left_offset + width, ellipsis_width,
                                 line if next_layout is None else next_layout.line, self.parent_width):
                    text, resolved = cut_in_order(
                        text, left_offset, not layout.x > 0, ellipsis, ellipsis_width, self.parent_width,
                        lambda t: measurer.measure_graphemes([t]), node.locale)
                    skipped_line = line
                    deco.width = max(0.0, resolved - deco.left)
                    last_before_ellipsis = True

            if image:
                drawer.element(text, left=left + left_offset, top=top + top_offset, width=width,
                               height_of=piece_text, image=image)
            elif node.embed_font:
                # Quirk (shaping per word group): pieces on a line are shaped together, for
                # kerning, up to a word separator, a tab, an image or the ellipsis.
                if (word_groups and TAB not in text and text not in WORD_SEPARATORS and i + 1 < drawn
                        and next_layout is not None and next_layout.text and not next_layout.is_image
                        and top_offset == next_layout.top and not last_before_ellipsis
                        and (levels is None or (levels[i] == levels[i + 1]
                                                and not (plan and (i + 1) in plan.hidden)))):
                    if buffer is None:
                        buffered_left = left_offset
                    elif levels is not None:
                        buffered_left = min(buffered_left, left_offset)
                    buffer = text if buffer is None else buffer + text
                    continue
                segment = text if buffer is None else buffer + text
                seg_left = left_offset if buffer is None else buffered_left
                if levels is not None and buffer is not None:
                    # Right-to-left pieces are drawn from the left of the last one.
                    seg_left = min(buffered_left, left_offset)
                band = underline_band(style, top + top_offset + delta, ascender) if skip_ink else None
                drawer.glyphs(segment, left=left + seg_left, baseline=top + top_offset + ascender + delta,
                              rtl=rtl, band=band, line=line)
                buffer = None
            else:
                # Quirk (<text> at the baseline): placed at its line's baseline; its skip-ink
                # boxes get the baseline shift twice.
                top_offset += ascender + delta
                if skip_ink and policy.text_boxes:
                    band = underline_band(style, top + top_offset + delta, ascender)
                    drawer.glyphs(text, left=left + left_offset, baseline=top + top_offset, rtl=rtl,
                                  band=band, line=line, path=False)
                drawer.element(text, left=left + left_offset, top=top + top_offset, width=width,
                               height_of=piece_text, image=image)
            if last_before_ellipsis:
                break

        if plan is not None:
            baseline_top = top + next(p.top for p in pieces if p.line == plan.line) + \
                baselines[plan.line]
            if node.embed_font:
                drawer.glyphs(plan.text, left=left + plan.left, baseline=baseline_top,
                              rtl=node.is_rtl, band=None, line=None, ellipsis=True)
            else:
                drawer.element(plan.text, left=left + plan.left, top=baseline_top, width=plan.width,
                               height_of=plan.text, image=None)
            cut = drawer.by_line.get(plan.line)
            if cut is not None:
                right = cut.left + cut.width
                if node.is_rtl:
                    cut.left = min(plan.end, right)
                cut.width = max(0.0, (right if node.is_rtl else plan.end) - cut.left)
        return drawer.finish(left), drawer.points
