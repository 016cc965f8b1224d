"""The inline content of a block container (or one text child of a flex/grid container).

This is the text layout's interface to the box layout. Contract::

    from satori_py.text.paragraph import (Paragraph, TextItem, AtomicItem, BoxStart, BoxEnd,
                                          LineBreak)
    items = [TextItem(text, style, path), BoxStart(style, path), TextItem(...), BoxEnd(path),
             AtomicItem(key, width, height, baseline=None, style=...), LineBreak(path)]
    p = Paragraph(items, block_style, registry, *, embed_font=True, path="div", near_floats=False)
    p.measure(width, mode, exclusions=()) -> (width, height)   # mode: "definite" | "min-content" | "max-content"
    lay = p.layout(width, container_width=None, exclusions=()) -> ParagraphLayout
    lay.width, lay.height, lay.lines, lay.atomic_positions, lay.box_fragments
    lay.drawings(x, y, visible=None) -> list[TextDrawing]  # positioned glyph runs, for paint
    lay.content(x, y, visible=None) -> [("open", path), ("text", TextDrawing), ("atomic", key),
                                        ("close", path)]  # the same in tree order, with boxes
    p.missing_graphemes() -> [(grapheme, locale)]; p.reload() after adding fonts
    p.missing_texts() -> [(TextItem, graphemes)]: what no font has, text by text

* ``block_style`` is the container's ComputedStyle (``textAlign``, ``textIndent``,
  ``lineClamp``, ``whiteSpace``, ``display``...). When its ``display`` is flex or
  grid the paragraph is the anonymous flex item around one text child, laid out
  as the reference lays out text there (one line isn't aligned inside a wider
  box); pass ``block_paragraph`` to override.
* ``measure`` results are the reference's text node sizes, the width rounded up
  to the layout grid (``point_scale_factor``) like the reference's
  ``roundUpToLayout``; ``width`` is ignored for the two content modes.
* ``exclusions``: floats beside the paragraph, ``(top, bottom, left, right)`` relative to
  its content box (``left``/``right``: how far each reaches in from that side); lines are
  shortened beside them and moved below them when a word doesn't fit. ``near_floats``
  makes even plain text use the inline layout, which wraps around floats (the
  reference's ``nearFloats``).
* ``layout(width)`` lays the paragraph out in its final content width;
  ``container_width`` is the content width of the box whose ``overflow``
  clips the text (ellipsis and line clamp measure against it; default ``width``).
* ``AtomicItem``: ``width``/``height`` are the margin box; ``baseline`` is the
  distance of its last line's baseline from the top of its margin box (None:
  the bottom margin edge, e.g. ``overflow: hidden``); ``style`` gives
  ``verticalAlign``. ``atomic_positions[key]`` is its margin box's top-left.
* ``box_fragments``: ``(path, x, y, w, h, is_first, is_last)`` border boxes of
  each inline box per line (``is_first``/``is_last``: the box's start/end edges
  are in this fragment, so its left/right borders are drawn).
* Coordinates are relative to the paragraph's content-box origin; ``drawings``
  gets that origin in absolute coordinates and returns the text as positioned glyph
  runs (:class:`~.render.TextDrawing`), which :mod:`satori_py.paint.text` only
  turns into SVG.

Every paragraph is one :class:`~.inline.InlineParagraph`. Which of the reference's
layouts it follows mirrors ``buildInlineText``: a paragraph of text only, all in the
container's own style, is a one-run paragraph switched to the reference's text engine
(``text_node=True``: :mod:`.inline_text`, the reference's ``text/index.ts``; drawn by
:mod:`.inline_text_render`); anything with inline boxes, atomic inlines or line breaks follows
``text/inline.ts`` (:mod:`.inline`, drawn by :mod:`.inline_render`).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..cache import MAX_CACHED_TEXT, BoundedCache
from ..frozen import Frozen
from ..style.computed import ComputedStyle
from .inline_text_render import ArrangedText
from .breaking import graphemes
from .inline import Atomic, Exclusion, InlineBox, InlineParagraph, Run
from .inline_model import LineBox, _Item
from .inline_render import finalize, line_boxes, render_run
from .measurer import FontEngine
from .engine import Visible
from .faces import on_retire
from .processor import preprocess
from .render import TextDrawing

__all__ = [
    "AtomicItem",
    "BoxEnd",
    "BoxStart",
    "Item",
    "LineBox",
    "LineBreak",
    "Paragraph",
    "ParagraphLayout",
    "TextItem",
]

Style = ComputedStyle


class TextItem(Frozen):
    """A text child: its content, its element's style and its path (the SVG id base)."""

    text: str
    style: Style
    path: str
    locale: str | None = None


class BoxStart(Frozen):
    """The start of an inline box (``display: inline`` element)."""

    style: Style
    path: str
    continuation: bool = False


class BoxEnd(Frozen):
    path: str
    continued: bool = False


class AtomicItem(Frozen):
    """An inline-block, image or other atomic inline, already laid out on its own."""

    key: str
    width: float
    height: float
    style: Style  # its verticalAlign places it on the line
    baseline: float | None = None


class LineBreak(Frozen):
    """A ``<br>``."""

    path: str


Item = TextItem | BoxStart | BoxEnd | AtomicItem | LineBreak
# What :meth:`ParagraphLayout.content` lists: ("open" | "close", box path), ("text", drawing),
# ("atomic", key).
ContentItem = tuple[str, "str | TextDrawing"]

_FLEX_OR_GRID = {"flex", "inline-flex", "-webkit-flex", "-webkit-inline-flex", "grid", "inline-grid"}


def _line_height(value: Any) -> float | str:
    """``lineHeight`` as the engine takes it: ``"normal"`` or a multiple of the font size."""
    if value is None or value == "normal":
        return "normal"
    if isinstance(value, (int, float)):
        return float(value)
    if getattr(value, "kind", None) == "multiplier":
        return float(value.value)
    return "normal"


# Engines of the same fonts and font properties are alike in every render (their caches
# are keyed by the fonts, ``FontEngine.fonts_key``): one is made per key, not per paragraph.
_ENGINES: BoundedCache[FontEngine] = BoundedCache(1024)
on_retire(lambda: _ENGINES.drop_where(lambda _key, engine: engine.retired))
# Which graphemes of a text its fonts lack is the same in every render with the same
# fonts: checked once per (fonts, text). A miss costs ~7 us (the graphemes are cached
# too), so it keeps what 24 realistic cards rendered again and again use (164 entries:
# 95 % hits), and texts of at most MAX_CACHED_TEXT characters: its keys hold the text (a
# 4,096-entry cache of texts up to 65,536 characters could hold 256 MB, and filled over
# 2,700 renders of new text).
_MISSING: BoundedCache[tuple[str, ...]] = BoundedCache(256, weigh=lambda v: len(v) + 1,
                                                       max_weight=1_000_000)
_MISSING_MAX_CHARS = MAX_CACHED_TEXT
_MAX_SHARED_FAMILIES = 64


class _Engines:
    """A paragraph's font engines by style, cached; holds no reference to the paragraph."""

    __slots__ = ("cache", "locale", "registry")

    def __init__(self, registry: Any, locale: str | None) -> None:
        self.registry = registry
        self.locale = locale
        self.cache: dict[tuple[Any, ...], FontEngine] = {}

    def engine_for(self, style: Any, locale: str | None) -> FontEngine:
        """The font engine of a computed style (the reference's ``font.getEngine``), cached."""
        font = style.font
        family = font.font_family
        if not isinstance(family, str):
            family = tuple(family)
        key = (font.font_size, _line_height(style.text.line_height), family, font.font_weight, font.font_style,
               font.font_synthesis, font.font_synthesis_weight, font.font_synthesis_style, locale or self.locale,
               font.font_variation_settings)
        engine = self.cache.get(key)
        if engine is None:
            engine = _engine(self.registry, key)
            self.cache[key] = engine
        return engine


def _engine(registry: Any, key: tuple[Any, ...]) -> FontEngine:
    """``registry.engine`` for an :meth:`Paragraph.engine_for` key, shared across renders."""
    size, line_height, family, weight, style, synthesis, synthesis_weight, synthesis_style, locale, \
        variations = key
    token = getattr(registry, "token", None)
    # A long family list is not shared: an engine kept for 300,000 families held ~20 MB, for good
    # (and caches keyed by its fonts take a digest of it: text/engine.py).
    shared_key = None if token is None or len(family) > _MAX_SHARED_FAMILIES else (token, *key)
    engine = _ENGINES.get(shared_key) if shared_key is not None else None
    if engine is None:
        engine = registry.engine(
            float(size), line_height, font_family=family, font_weight=weight, font_style=style,
            font_synthesis=synthesis, font_synthesis_weight=synthesis_weight,
            font_synthesis_style=synthesis_style, locale=locale, font_variation_settings=variations)
        if shared_key is not None and not engine.retired:
            _ENGINES.put(shared_key, engine)
    return engine


def _missing_in(engine: FontEngine, content: str) -> tuple[str, ...]:
    """The distinct graphemes of ``content`` (tabs aside) that ``engine``'s fonts lack, in order."""
    key = (engine.fonts_key, content) if len(content) <= _MISSING_MAX_CHARS else None
    hit = _MISSING.get(key) if key is not None else None
    if hit is None:
        hit = tuple(g for g in dict.fromkeys(graphemes(content)) if g != "\t" and not engine.has(g))
        if key is not None:
            _MISSING.put(key, hit)
    return hit


class Paragraph:
    """Inline content laid out as one leaf of the box layout."""

    def __init__(self, items: Sequence[Item], block_style: Style, registry: Any, *,
                 embed_font: bool = True, path: str = "div", block_paragraph: bool | None = None,
                 grapheme_images: Mapping[str, str] | None = None, point_scale_factor: float = 1.0,
                 locale: str | None = None, near_floats: bool = False) -> None:
        self.items = list(items)
        # Text near floats wraps around them, which only the inline layout does (buildInlineText).
        self.near_floats = near_floats
        self.style = block_style
        self.registry = registry
        self.embed_font = embed_font
        self.path = path
        self.scale = point_scale_factor
        self.locale = locale
        self.images = dict(grapheme_images or {})
        self._missing: list[tuple[TextItem, tuple[str, ...]]] | None = None  # see missing_texts
        if block_paragraph is None:
            block_paragraph = block_style.box.display not in _FLEX_OR_GRID
        self.block_paragraph = block_paragraph
        self._engines = _Engines(registry, locale)
        self._cache: dict[tuple[Any, ...], tuple[float, float]] = {}
        self.runs: list[Run] = []  # the text runs of an inline paragraph, in order
        # Like the reference's ``isSimple()``: only text, all in the container's own style
        # (text in a ``display: contents`` child has the child's style), is a text node: one
        # run laid out as the reference's text engine does (:mod:`.inline_text`).
        text_node = bool(self.items) and not near_floats and all(
            isinstance(i, TextItem) and (i.style is block_style or i.style == block_style)
            for i in self.items)
        if text_node:
            texts = [i for i in self.items if isinstance(i, TextItem)]
            run = Run("".join(t.text for t in texts), block_style, texts[0].path, [],
                      texts[0].locale or locale)
            converted = [_Item("text", run=run)]
        else:
            converted = self._convert()
        # The engines' own method: the paragraph's would make a reference cycle through `inline`.
        self.inline = InlineParagraph(converted, block_style, self._engines.engine_for,
                                      embed_font=embed_font, grapheme_images=self.images,
                                      text_node=text_node, block_paragraph=block_paragraph,
                                      point_scale_factor=point_scale_factor)

    def engine_for(self, style: Any, locale: str | None) -> FontEngine:
        """The font engine of a computed style (the reference's ``font.getEngine``), cached."""
        return self._engines.engine_for(style, locale)

    def _convert(self) -> list[_Item]:
        out: list[_Item] = []
        open_boxes: list[InlineBox] = []
        for item in self.items:
            if isinstance(item, TextItem):
                run = Run(item.text, item.style, item.path, list(open_boxes), item.locale or self.locale)
                self.runs.append(run)
                out.append(_Item("text", run=run))
            elif isinstance(item, BoxStart):
                box = InlineBox(item.style, item.path, list(open_boxes))
                open_boxes.append(box)
                out.append(_Item("open", box=box, continuation=item.continuation))
            elif isinstance(item, BoxEnd):
                match = next((b for b in reversed(open_boxes) if b.path == item.path), None)
                if match is None:
                    continue
                open_boxes.remove(match)
                out.append(_Item("close", box=match, continued=item.continued))
            elif isinstance(item, AtomicItem):
                out.append(_Item("atomic", atomic=Atomic(item.key, item.width, item.height,
                                                         item.baseline, item.style)))
            elif isinstance(item, LineBreak):
                out.append(_Item("break"))
        # Boxes left open end with the paragraph.
        for box in reversed(open_boxes):
            out.append(_Item("close", box=box))
        return out

    def missing_graphemes(self) -> list[tuple[str, str | None]]:
        """``(grapheme, locale)`` of the text that no registered font has, in order.

        Like the reference, the caller asks ``loadAdditionalAsset`` for these (fonts, or
        images of emoji for ``graphemeImages``) before layout, then builds the paragraph
        again (:meth:`reload`) so that engines see the added fonts.
        """
        out: list[tuple[str, str | None]] = []
        seen: set[tuple[str, str | None]] = set()
        for item, missing in self.missing_texts():
            locale = item.locale or self.locale
            for g in missing:
                key = (g, locale)
                if key not in seen:
                    seen.add(key)
                    out.append(key)
        return out

    def missing_texts(self) -> list[tuple[TextItem, tuple[str, ...]]]:
        """Each text that lacks something, with the graphemes no registered font has, in
        order. Once per paragraph: the loader's request and the report of what is still
        missing (:mod:`.missing_chars`) read the same answer."""
        if self._missing is None:
            self._missing = []
            for item in self.items:
                if isinstance(item, TextItem):
                    locale = item.locale or self.locale
                    engine = self.engine_for(item.style, locale)
                    missing = _missing_in(engine, preprocess(item.text, item.style, locale).content)
                    if missing:
                        self._missing.append((item, missing))
        return self._missing

    def reload(self, *, grapheme_images: Mapping[str, str] | None = None) -> Paragraph:
        """The same paragraph built again, e.g. after fonts were added to the registry."""
        return Paragraph(self.items, self.style, self.registry, embed_font=self.embed_font,
                         path=self.path, block_paragraph=self.block_paragraph,
                         grapheme_images=self.images if grapheme_images is None else grapheme_images,
                         point_scale_factor=self.scale, locale=self.locale, near_floats=self.near_floats)

    def collapses_away(self) -> bool:
        """Whether the paragraph has no line boxes (only collapsible white space)."""
        return self.inline.collapses_away()

    def measure(self, width: float | None, mode: str = "definite",
                exclusions: Sequence[Exclusion] = ()) -> tuple[float, float]:
        """The size of the content: wrapped at ``width`` (definite), or min/max-content.

        Lines wrap around the ``exclusions`` of floats (inline layout only).
        """
        if mode == "min-content":
            key: tuple[Any, ...] = (mode, None)
        elif mode == "max-content" or width is None or math.isinf(width):
            key = ("max-content", None)
        else:
            key = ("definite", width)
        if exclusions:
            key = (*key, tuple(exclusions))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        flow_width = math.inf if key[0] == "max-content" else key[1] or 0.0
        result = self.inline.measure(flow_width, key[0] == "min-content", exclusions)
        if len(self._cache) >= 64:
            self._cache.pop(next(iter(self._cache)))
        self._cache[key] = result
        return result

    def layout(self, width: float, container_width: float | None = None,
               exclusions: Sequence[Exclusion] = ()) -> ParagraphLayout:
        """Lay the content out in its final width, beside the ``exclusions`` of floats."""
        return ParagraphLayout(self, width, width if container_width is None else container_width,
                               exclusions)


class ParagraphLayout:
    """A paragraph laid out in its final width: lines, fragments, atomics, and its paint."""

    def __init__(self, paragraph: Paragraph, width: float, container_width: float,
                 exclusions: Sequence[Exclusion] = ()) -> None:
        self.paragraph = paragraph
        self.width = width
        self.lines: list[LineBox] = []
        self.atomic_positions: dict[str, tuple[float, float]] = {}
        self.box_fragments: list[tuple[str, float, float, float, float, bool, bool]] = []
        self._arranged: ArrangedText | None = None
        self._pieces: dict[int, Any] = {}
        inline = paragraph.inline
        if inline.text_node is not None:
            arranged = ArrangedText(inline.text_node, width, container_width)
            self._arranged = arranged
            self.lines = [LineBox(*line) for line in arranged.lines()]
            self.height = arranged.state.size[1]
        else:
            pieces, fragments, atomics = finalize(inline, width, exclusions)
            self._pieces = pieces
            self.lines = line_boxes(inline)
            self.height = self.lines[-1].y + self.lines[-1].height if self.lines else 0.0
            self.atomic_positions = atomics
            self.box_fragments = [(f.path, f.left, f.top, f.width, f.height, f.first, f.last)
                                  for f in fragments]

    @property
    def first_baseline(self) -> float | None:
        return self.lines[0].y + self.lines[0].baseline if self.lines else None

    @property
    def last_baseline(self) -> float | None:
        return self.lines[-1].y + self.lines[-1].baseline if self.lines else None

    def drawings(self, x: float, y: float, visible: Visible | None = None) -> list[TextDrawing]:
        """The text as positioned glyph runs with the content box at (x, y): one drawing
        for a text node of the text engine, else one per run of inline content.

        Text entirely outside ``visible`` (absolute px) is left out."""
        return [value for kind, value in self.content(x, y, visible) if isinstance(value, TextDrawing)]

    def content(self, x: float, y: float, visible: Visible | None = None) -> list[ContentItem]:
        """The paragraph's content in tree order, for paint (the reference paints an inline
        box where it is in the tree, with its content after its own shapes):
        ``("open", path)`` and ``("close", path)`` around an inline box's content, ``("text",
        TextDrawing)`` for each run drawn (as :meth:`drawings`), ``("atomic", key)``; the
        ellipsis of a line clamp comes last."""
        if self._arranged is not None:
            return [("text", self._arranged.render(x, y, visible))]
        inline = self.paragraph.inline
        size = (self.width, self.height)
        out: list[ContentItem] = []
        for item in [*inline.items, *(_Item("text", run=run) for run in inline.extra_runs)]:
            if item.kind == "text" and item.run is not None:
                pieces = self._pieces.get(id(item.run))
                if pieces:
                    out.append(("text", render_run(inline, item.run, pieces, x, y, size, visible)))
            elif item.kind in ("open", "close") and item.box is not None:
                out.append((item.kind, item.box.path))
            elif item.kind == "atomic" and item.atomic is not None:
                out.append(("atomic", item.atomic.key))
        return out
