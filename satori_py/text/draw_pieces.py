"""Drawing placed text pieces: the one drawing path of both text layouts.

A text node (:mod:`.inline_text_render`, the reference's ``buildTextNodes``) and a run of
inline content (:mod:`.inline_render`, ``Paragraph.renderRun``) place their pieces their own
way, then draw them here, through one :class:`PieceDrawer` filling a
:class:`~.render.TextDrawing`: glyph runs (``embedFont``), ``<text>`` pieces and grapheme
images, the skip-ink boxes of glyphs, decoration lines and the culling of text outside
the visible area. What differs between the two layouts is a field of :class:`DrawPolicy`,
decided once per paragraph (``InlineParagraph.policy``, by :func:`draw_policy`), each named
after the reference's quirk or the inline engine's rule it keeps. Three are read by the
layouts' own loops:

* ``rounding`` (with ``embedFont``): ``"piece"`` rounds every piece's left when it is drawn
  (the text node's ``placePiece``, :meth:`.inline_text_render.ArrangedText.place`);
  ``"line"`` rounds the line start when the line is placed (``InlineParagraph.break_lines``);
* ``shaping``: ``"word group"`` shapes a line's pieces together up to a word separator, a
  tab, an image or the ellipsis (the text node's loop); ``"contiguous"`` merges adjacent
  pieces, then splits them at images and (without ``embedFont``) at words (``render_run``);
* ``text_boxes``: ``<text>`` pieces, placed at the line's baseline, collect skip-ink boxes
  (the text node's, with the baseline shift added twice);

the others by the :class:`PieceDrawer`:

* ``decorations``: ``"line"``, one per line, as wide as the line (its glyph boxes are
  all of the line's); ``"merged"``, one over each stretch of contiguous pieces;
* ``blank_text``: white space is drawn as ``<text>`` too (text node);
* ``directions``: with bidi, ``"ltr"`` is passed to shaping explicitly (text node; ``None``
  otherwise), ``"rtl"`` always;
* ``strip_tabs``: tabs are taken out of glyph runs (a text node keeps them inside its
  words; inline content has tab segments of their own, not drawn).
"""
from __future__ import annotations

from typing import Any

from ..frozen import Frozen
from ..patterns import lazy_compile
from .engine import GlyphPath, Visible
from .measurer import FontEngine, Measurer
from .processor import js_trim
from .render import DecorationLine, SkipInkBand, TextDrawing

__all__ = ["DrawPolicy", "PieceDrawer", "draw_policy"]

_TABS = lazy_compile(r"\t+")
_EPSILON = 1e-3


class DrawPolicy(Frozen):
    """How one layout's placed pieces are drawn (see the module docstring)."""

    rounding: str  # "piece" | "line"
    shaping: str  # "word group" | "contiguous"
    decorations: str  # "line" | "merged"
    text_boxes: bool
    blank_text: bool
    directions: tuple[str | None, str | None]  # (left-to-right with bidi, right-to-left)
    strip_tabs: bool


_TEXT_NODE = DrawPolicy(rounding="piece", shaping="word group", decorations="line", text_boxes=True,
                        blank_text=True, directions=("ltr", "rtl"), strip_tabs=True)
_INLINE = DrawPolicy(rounding="line", shaping="contiguous", decorations="merged", text_boxes=False,
                     blank_text=False, directions=(None, "rtl"), strip_tabs=False)


def draw_policy(*, text_node: bool) -> DrawPolicy:
    """The drawing policy of a text node (the reference's text engine) or of inline content."""
    return _TEXT_NODE if text_node else _INLINE


class PieceDrawer:
    """Draws placed pieces into ``drawing``, in absolute coordinates, by ``policy``."""

    def __init__(self, drawing: TextDrawing, policy: DrawPolicy, engine: FontEngine,
                 measurer: Measurer, *, reach: float, visible: Visible | None) -> None:
        self.drawing = drawing
        self.policy = policy
        self.engine = engine
        self.measurer = measurer  # its letter and word spacing and font features
        self.visible = visible
        self.reach = reach  # how far ink may reach around a line or a piece
        # Decorations: by line ("line"), or in order with each one's right end ("merged").
        self.by_line: dict[int, DecorationLine] = {}
        self.merged: list[tuple[float, float, DecorationLine]] = []
        self.points = 0  # the outline points of the glyph runs outlined (max_glyph_points)

    def direction(self, rtl: bool | None) -> str | None:
        """What shaping is told: ``None`` without bidi, else the policy's ltr / rtl."""
        return None if rtl is None else self.policy.directions[rtl]

    def outside(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether ink within ``reach`` of the box is entirely outside the visible area (a text
        node's lines are left out whole, before its ellipsis is decided: x from -inf to inf;
        inline content by each merged piece)."""
        visible, reach = self.visible, self.reach
        return visible is not None and (y1 + reach < visible[1] or y0 - reach > visible[3]
                                        or x1 + reach < visible[0] or x0 - reach > visible[2])

    def glyphs(self, text: str, *, left: float, baseline: float, rtl: bool | None,
               band: SkipInkBand | None, line: int | None, path: bool = True,
               ellipsis: bool = False) -> GlyphPath:
        """A glyph run of ``text`` from ``left`` on ``baseline``; its skip-ink boxes go to
        ``line``, its path to the drawing unless ``path`` is false (boxes only). A text
        node's ``ellipsis`` is drawn whole (not culled, tabs kept)."""
        if self.policy.strip_tabs and not ellipsis:
            text = _TABS.sub("", text)
        measurer = self.measurer
        glyphs: GlyphPath = self.engine.glyph_path(
            text, left=left, top=baseline, letter_spacing=measurer.letter_spacing,
            word_spacing=measurer.word_spacing, features=measurer.features, direction=self.direction(rtl),
            band=band, visible=None if ellipsis else self.visible)
        self.points += glyphs.points
        if path:
            self.drawing.add_glyphs(glyphs, line)
        else:
            self.drawing.add_boxes(glyphs, line)
        return glyphs

    def element(self, text: str, *, left: float, top: float, width: float, height_of: str,
                image: str | None) -> None:
        """A ``<text>`` piece (unless blank and the policy leaves white space out) or an image."""
        if image is None and not self.policy.blank_text and not js_trim(text):
            return
        self.drawing.add_element(text, left=left, top=top, width=width,
                                 height=self.engine.height(height_of), image=image)

    # -- decorations -------------------------------------------------------------------

    def decorate(self, line: int, left: float, top: float, ascender: float, width: float,
                 boxes: list[Any]) -> DecorationLine:
        """The decoration of a stretch of text: per line, the first stretch of the line makes
        it; merged, one continuing the last (same top, touching) extends it."""
        if self.policy.decorations == "line":
            deco = self.by_line.get(line)
            if deco is None:
                deco = self.by_line[line] = DecorationLine(left, top, ascender, width)
            return deco
        end = left + width
        merged = self.merged
        if merged and abs(merged[-1][0] - left) < _EPSILON and merged[-1][1] == top:
            deco = merged[-1][2]
            deco.width = end - deco.left
            deco.glyph_boxes.extend(boxes)
            merged[-1] = (end, top, deco)
        else:
            deco = DecorationLine(left, top, ascender, width, list(boxes))
            merged.append((end, top, deco))
        return deco

    def finish(self, left: float) -> TextDrawing:
        """The drawing, with its decorations (per line: moved by ``left``, with the line's
        skip-ink boxes)."""
        drawing = self.drawing
        if self.policy.decorations == "line":
            for line_no in sorted(self.by_line):
                deco = self.by_line[line_no]
                deco.left += left
                deco.glyph_boxes = drawing.boxes.get(line_no, [])
                drawing.decorations.append(deco)
        else:
            drawing.boxes.clear()
            drawing.decorations.extend(d for _, _, d in self.merged)
        return drawing
