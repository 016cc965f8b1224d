"""What laid-out text draws, before it becomes SVG: glyph paths, text pieces, decorations.

The text layouts (:mod:`.inline_text_render` for a text node, :mod:`.inline_render`) fill a :class:`TextDrawing`;
:mod:`satori_py.paint.text` turns it into SVG nodes. This module also owns the
geometry of decoration lines that both sides need (the skip-ink band is
computed while glyphs are outlined), mirroring ``getDecorationLines``,
``getDecorationThickness`` and ``getUnderlineY`` of the reference's
``builder/text-decoration.ts``.
"""
from __future__ import annotations

from typing import Any

from ..frozen import Frozen, Record, field
from ..style.computed_types import GroupedStyle
from ..style.types import Percent
from .engine import GlyphPath

__all__ = [
    "DecorationLine",
    "SkipInkBand",
    "TextDrawing",
    "TextElement",
    "decoration_lines",
    "decoration_thickness",
    "underline_band",
    "underline_y",
]

Style = GroupedStyle


# Where an underline is, ``(underline_y, stroke_width)``, so that the glyph boxes that
# cross it are collected while glyphs are outlined (the reference's SkipInkBand).
SkipInkBand = tuple[float, float]


def decoration_lines(style: Style) -> list[str]:
    """The keywords of ``text-decoration-line`` (``[]`` for none)."""
    value = style.text.text_decoration_line
    if not value or value == "none":
        return []
    if isinstance(value, str):
        return value.split(" ")
    return [str(v) for v in value]


def _decoration_length(value: float | Percent | None, font_size: float) -> float | None:
    """A decoration length in px (percentages are of the font size); None for the font's own."""
    return value.resolve(font_size) if isinstance(value, Percent) else value


def decoration_thickness(style: Style) -> float:
    font_size = float(style.font.font_size)
    thickness = _decoration_length(style.text.text_decoration_thickness, font_size)
    return max(1.0, font_size * 0.1) if thickness is None else max(0.0, thickness)


def underline_y(style: Style, ascender: float, thickness: float) -> float:
    """The underline's centre from the top of the text; an offset is its top edge's
    distance from the baseline."""
    font_size = float(style.font.font_size)
    offset = _decoration_length(style.text.text_underline_offset, font_size)
    return ascender * 1.1 if offset is None else ascender + offset + thickness / 2


def underline_band(style: Style, glyph_top: float, ascender: float) -> SkipInkBand:
    thickness = decoration_thickness(style)
    return (glyph_top + underline_y(style, ascender, thickness), thickness)


def collects_glyph_boxes(style: Style) -> bool:
    """Whether underlines skip the ink of glyphs (``text-decoration-skip-ink``)."""
    return "underline" in decoration_lines(style) and (style.text.text_decoration_skip_ink
                                                       or "auto") != "none"


class DecorationLine(Record):
    """One decorated stretch: ``top`` is the top of the text, ``ascender`` its baseline."""

    left: float
    top: float
    ascender: float
    width: float
    glyph_boxes: list[Any] = field(default_factory=list)


class TextElement(Frozen):
    """A piece drawn as ``<text>`` (``embedFont: false``) or as a grapheme ``<image>``."""

    content: str
    left: float
    top: float
    width: float
    height: float
    image: str | None = None


class TextDrawing(Record):
    """The drawing of one text node or inline run, in absolute coordinates."""

    style: Style
    width: float  # the size the text-shadow filter region is relative to
    height: float
    # A whole text node of the text engine (drawn like the end of the reference's
    # ``buildTextNodes``), else a run of inline content (like ``Paragraph.renderRun``).
    text_node: bool = False
    paths: list[str] = field(default_factory=list)
    bold_paths: list[str] = field(default_factory=list)
    elements: list[TextElement] = field(default_factory=list)
    decorations: list[DecorationLine] = field(default_factory=list)
    boxes: dict[int | None, list[Any]] = field(default_factory=dict)
    # Its lists are a memo's (:mod:`.inline_text_render`), shared by the drawings of the same
    # text in later renders: what paint makes of them may be kept too.
    shared: bool = False

    @property
    def collects_glyph_boxes(self) -> bool:
        return collects_glyph_boxes(self.style)

    def shared_with(self, style: Style) -> TextDrawing:
        """A drawing of this one's lists in ``style``, marked ``shared``: how the text memo draws
        a kept drawing again. Built by the constructor with every field passed, in order
        (``Record.replace`` costs several times as much on this warm path);
        tests/text/test_text_memo.py fails when a field is added here and not passed on."""
        return TextDrawing(style, self.width, self.height, self.text_node, self.paths, self.bold_paths,
                           self.elements, self.decorations, self.boxes, True)

    def add_glyphs(self, glyphs: GlyphPath, line: int | None) -> None:
        """Add a ``FontEngine.glyph_path`` result; its skip-ink boxes go to ``line``."""
        self.paths.append(glyphs.path)
        self.bold_paths.append(glyphs.bold_path)
        self.add_boxes(glyphs, line)

    def add_boxes(self, glyphs: GlyphPath, line: int | None) -> None:
        boxes = glyphs.boxes
        if boxes and self.collects_glyph_boxes:
            self.boxes.setdefault(line, []).extend(boxes)

    def add_element(self, content: str, *, left: float, top: float, width: float, height: float,
                    image: str | None) -> None:
        self.elements.append(TextElement(content, left, top, width, height, image))

    @property
    def path(self) -> str:
        """The merged glyph path data, each piece followed by a space like the reference's."""
        return "".join(p + " " for p in self.paths)

    @property
    def bold_path(self) -> str:
        return "".join(self.bold_paths)
