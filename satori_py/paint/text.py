"""Text as SVG: glyph paths, synthetic bold, text stroke, decorations, shadows, <text>.

Turns a :class:`~satori_py.text.render.TextDrawing` into :class:`SvgNode` s the
way the reference draws text: ``buildGlyphPaths``, ``getTextStrokeAttributes``,
``getTextFillColor`` and ``buildText`` of ``builder/text.ts``,
``buildDecoration`` of ``builder/text-decoration.ts``, ``buildDropShadow`` of
``builder/shadow.ts``, and the assembly at the end of ``text/index.ts``
(a text node, :func:`paint_text_node`) and of ``Paragraph.renderRun`` in
``text/inline.ts`` (a run of inline content, :func:`paint_text_run`).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..cache import ENTRY_WEIGHT, BoundedCache
from ..limits import count_glyph_points
from ..patterns import NUMBER, lazy_compile
from ..style.computed_types import GroupedStyle
from ..svg import AttrValue, SvgNode, fmt, nodes_weight
from ..text.processor import color_css, is_transparent
from ..text.render import (
    DecorationLine,
    TextDrawing,
    TextElement,
    decoration_lines,
    decoration_thickness,
    underline_y,
)
from .compose import filtered
from .text_shadow import drop_shadow_filter, path_bounds, text_shadows
from .vector_image import vector_image

__all__ = [
    "decoration",
    "glyph_paths",
    "paint_drawing",
    "paint_text",
    "paint_text_node",
    "paint_text_run",
    "synthetic_bold_width",
    "text_clip_shapes",
    "texts_clip_shapes",
    "text_element",
    "text_stroke_attributes",
]

Style = GroupedStyle
_LEADING_FLOAT = lazy_compile(NUMBER)

def synthetic_bold_width(font_size: float) -> float:
    """The stroke that emboldens synthetic bold glyphs, like Chrome's fake bold."""
    t = min(1.0, max(0.0, (font_size - 9) / (36 - 9)))
    return font_size * (1 / 24 + (1 / 32 - 1 / 24) * t)


def fill_color(style: Style) -> Any:
    """The colour glyphs are filled with: ``-webkit-text-fill-color``, else ``color``."""
    text = style.text
    fill = text.webkit_text_fill_color
    return fill if fill is not None else text.color


def _is_opaque_white(color: Any) -> bool:
    channels = tuple(getattr(color, k, None) for k in ("r", "g", "b", "a"))
    if None in channels:
        return str(color).lower() in ("white", "#fff", "#ffffff")
    return channels == (255, 255, 255, 1)


def text_stroke_attributes(style: Style) -> dict[str, AttrValue]:
    """``-webkit-text-stroke`` and ``paint-order`` as attributes (``{}`` without a stroke)."""
    text = style.text
    width = text.webkit_text_stroke_width
    if not width:
        return {}
    color = text.webkit_text_stroke_color
    order = text.paint_order
    return {
        "stroke-width": f"{_js_number(float(width))}px",
        "stroke": color_css(color if color is not None else text.color),
        "stroke-linejoin": "round",
        "paint-order": order if order and order != "normal" else None,
    }


def _js_number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def glyph_paths(path: str, bold_path: str, attributes: Mapping[str, AttrValue], bold_width: float,
                id_: str) -> list[SvgNode]:
    """The glyphs' path, and synthetic bold glyphs stroked with the fill colour; their text
    stroke is a ring masked to outside the emboldened glyphs (``buildGlyphPaths``)."""
    out: list[SvgNode] = []
    if path.strip():
        out.append(SvgNode("path", {**attributes, "d": path}))
    if not bold_path.strip():
        return out
    stroke = attributes.get("stroke")
    fill_attrs = {k: v for k, v in attributes.items()
                  if k not in ("stroke", "stroke-width", "stroke-linejoin", "paint-order")}
    fill = SvgNode("path", {**fill_attrs, "d": bold_path, "stroke": fill_attrs.get("fill"),
                            "stroke-width": bold_width})
    if not stroke:
        return [*out, fill]
    width = _leading_float(attributes.get("stroke-width"))
    mask_id = f"satori_sb-{id_}"
    region: dict[str, AttrValue] = {"x": -1e5, "y": -1e5, "width": 2e5, "height": 2e5}
    mask = SvgNode("mask", {"id": mask_id, "maskUnits": "userSpaceOnUse", **region}, [
        SvgNode("rect", {**region, "fill": "#fff"}),
        SvgNode("path", {"d": bold_path, "fill": "#000",
                         "stroke": "#fff" if width > bold_width else "#000",
                         "stroke-width": abs(width - bold_width),
                         "stroke-linejoin": attributes.get("stroke-linejoin")}),
    ])
    ring = SvgNode("path", {"d": bold_path, "fill": "none", "stroke": stroke,
                            "stroke-width": width + bold_width,
                            "stroke-linejoin": attributes.get("stroke-linejoin"),
                            "transform": fill_attrs.get("transform"), "mask": f"url(#{mask_id})"})
    order = str(attributes.get("paint-order") or "").split()
    for part in ("fill", "stroke"):
        if part not in order:
            order.append(part)
    stroke_first = order.index("stroke") < order.index("fill")
    return [*out, mask, *((ring, fill) if stroke_first else (fill, ring))]


def _leading_float(value: Any) -> float:
    """JavaScript's ``parseFloat(String(value)) || 0``."""
    match = _LEADING_FLOAT.match(str(value or "").strip())
    return float(match.group(0)) if match else 0.0


# --- decorations --------------------------------------------------------------------------

def _skip_ink_segments(start: float, end: float, boxes: Sequence[Any], y: float, stroke: float,
                       baseline: float) -> list[tuple[float, float]]:
    half = stroke / 2
    bleed = max(half, stroke * 1.25)
    ranges: list[list[float]] = []
    for box in boxes:
        x1, x2, y1, y2 = _box(box)
        # Only glyphs that cross the underline and go below the baseline are skipped.
        if y2 < baseline + half or y1 > y + half:
            continue
        lo, hi = max(start, x1 - bleed), min(end, x2 + bleed)
        if lo >= hi:
            continue
        if ranges and lo <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], hi)
        else:
            ranges.append([lo, hi])
    if not ranges:
        return [(start, end)]
    out: list[tuple[float, float]] = []
    cursor = start
    for lo, hi in ranges:
        if lo > cursor:
            out.append((cursor, lo))
        cursor = max(cursor, hi)
        if cursor >= end:
            break
    if cursor < end:
        out.append((cursor, end))
    return out


def _box(box: Any) -> tuple[float, float, float, float]:
    if isinstance(box, Mapping):
        return box["x1"], box["x2"], box["y1"], box["y2"]
    if isinstance(box, Sequence):
        return box[0], box[1], box[2], box[3]
    return box.x1, box.x2, box.y1, box.y2


def _wavy(x1: float, x2: float, y: float, thickness: float) -> str:
    amplitude = max(1.0, thickness)
    period = max(4.0, thickness * 4)
    parts = [f"M{fmt(x1)} {fmt(y)}"]  # joined once: adding to a string grew quadratically (20,000 chars: 8.6 s)
    x = x1
    while x < x2:
        half = min(period / 2, x2 - x)
        direction = 1 if round((x - x1) / (period / 2)) % 2 else -1
        parts.append(f" q{fmt(half / 2)} {fmt(direction * amplitude * 2)} {fmt(half)} 0")
        x += period / 2
    return "".join(parts)


def decoration(line: DecorationLine, style: Style) -> list[SvgNode]:
    """The decoration lines of one stretch of text (``buildDecoration``)."""
    height = decoration_thickness(style)
    if not height:
        return []
    text = style.text
    color = text.text_decoration_color
    stroke = color_css(color if color is not None else text.color)
    line_style = text.text_decoration_style
    skip_ink = (text.text_decoration_skip_ink or "auto") != "none"
    dasharray = (f"{_js_number(height * 1.2)} {_js_number(height * 2)}" if line_style == "dashed"
                 else f"0 {_js_number(height * 2)}" if line_style == "dotted" else None)
    cap = "round" if line_style == "dotted" else "square"
    out: list[SvgNode] = []
    for kind in decoration_lines(style):
        if kind == "line-through":
            y = line.top + line.ascender * 0.7
        elif kind == "underline":
            y = line.top + underline_y(style, line.ascender, height)
        else:
            y = line.top - height / 2
        if kind == "underline" and skip_ink and line.glyph_boxes:
            segments = _skip_ink_segments(line.left, line.left + line.width, line.glyph_boxes, y,
                                          height, line.top + line.ascender)
        else:
            segments = [(line.left, line.left + line.width)]
        if line_style == "wavy":
            out.extend(SvgNode("path", {"d": _wavy(x1, x2, y, height), "fill": "none",
                                        "stroke": stroke, "stroke-width": height})
                       for x1, x2 in segments)
            continue
        rows = [y] + ([y + height + 1] if line_style == "double" else [])
        # The reference emits all main segments, then all segments of the second line.
        for row in rows:
            out.extend(SvgNode("line", {"x1": x1, "y1": row, "x2": x2, "y2": row, "stroke": stroke,
                                        "stroke-width": height, "stroke-dasharray": dasharray,
                                        "stroke-linecap": cap})
                       for x1, x2 in segments)
    return out


# --- <text> and <image> pieces ------------------------------------------------------------

def _font_family(style: Style) -> str | None:
    family = style.font.font_family
    if family is None:
        return None
    return family if isinstance(family, str) else ",".join(str(f) for f in family)


# Characters of an image's markup counted as one glyph point (a point is two numbers).
_IMAGE_CHARS_PER_POINT = 16


def text_element(piece: TextElement, style: Style, *, shadowed: bool = False) -> SvgNode:
    """A grapheme image, or text drawn with a system font (``buildText``).

    An emoji is drawn in place (paint/vector_image.py) unless it is ``shadowed``: a text
    shadow's region is a share of its bounding box, which is the image's box for an
    ``<image>`` and only the shapes' for a nested ``<svg>``."""
    if piece.image:
        # Its document is written out again for every emoji drawn, like a glyph's outline:
        # counted as glyph points (190,000 emoji in a title made a 230 MB SVG, 1 GB of memory).
        count_glyph_points(len(piece.image) // _IMAGE_CHARS_PER_POINT)
        inline = None if shadowed else vector_image(piece.image, piece.left, piece.top,
                                                    piece.width, piece.height)
        return inline or SvgNode("image", {"href": piece.image, "x": piece.left, "y": piece.top,
                                           "width": piece.width, "height": piece.height})
    font = style.font
    spacing = style.text.letter_spacing
    attrs: dict[str, AttrValue] = {
        "x": piece.left, "y": piece.top, "width": piece.width, "height": piece.height,
        "font-weight": font.font_weight, "font-style": font.font_style,
        "font-size": font.font_size, "font-family": _font_family(style),
        "letter-spacing": spacing or None,
        **text_stroke_attributes(style),
        "fill": color_css(fill_color(style)),
    }
    return SvgNode("text", attrs, text=piece.content)


# --- assembly -----------------------------------------------------------------------------

def _shadow(drawing: TextDrawing, id_: str, transparent: bool, user_space: bool,
            stretch: tuple[float, float]) -> SvgNode | None:
    shadows = text_shadows(drawing.style)
    if not shadows:
        return None
    glyphs = None
    style = drawing.style
    decorated = bool(drawing.decorations and decoration_thickness(style) and decoration_lines(style))
    if user_space and not drawing.elements and not decorated and not text_stroke_attributes(style):
        # Only glyph paths are filtered (the bold ones stroked half their width past their box).
        bounds = [b for b in (path_bounds(drawing.path), path_bounds(drawing.bold_path)) if b is not None]
        if bounds and (drawing.path.strip() or drawing.bold_path.strip()):
            box = (min(b[0] for b in bounds), min(b[1] for b in bounds),
                   max(b[2] for b in bounds), max(b[3] for b in bounds))
            overhang = synthetic_bold_width(float(style.font.font_size)) / 2 + 1
            glyphs = (box, overhang)
    return SvgNode("defs", {}, [drop_shadow_filter(id_, drawing.width, drawing.height, shadows,
                                                   transparent, glyphs, stretch)])


def _filtered(defs: SvgNode | None, id_: str, nodes: list[SvgNode]) -> list[SvgNode]:
    if defs is None:
        return nodes
    return [defs, *filtered(nodes, f"satori_s-{id_}")]


def paint_text_node(drawing: TextDrawing, *, id_: str, clip_text_background: bool = False,
                    user_space: bool = False, stretch: tuple[float, float] = (1.0, 1.0)) -> list[SvgNode]:
    """A text node drawn like the end of the reference's ``buildTextNodes``; ``user_space``:
    drawn in the image's own coordinates (no transform)."""
    style = drawing.style
    if style.text.visibility == "hidden":
        return []
    fill = fill_color(style)
    transparent = is_transparent(fill)
    opaque_white_clip = clip_text_background and _is_opaque_white(fill)
    defs = _shadow(drawing, id_, transparent or opaque_white_clip, user_space, stretch)
    out: list[SvgNode] = []
    for piece in drawing.elements:
        out.extend(_filtered(defs, id_, [text_element(piece, style, shadowed=defs is not None)]))
    decorations = [n for line in drawing.decorations for n in decoration(line, style)]
    path, bold = drawing.path, drawing.bold_path
    if path or bold:
        stroke = text_stroke_attributes(style)
        shapes: list[SvgNode] = []
        if not transparent or stroke or defs is not None:
            fill_text = ("black" if defs is not None and (transparent or opaque_white_clip)
                         else color_css(fill))
            shapes = glyph_paths(path, bold, {"fill": fill_text, **stroke},
                                 synthetic_bold_width(float(style.font.font_size)), id_)
        out.extend(_filtered(defs, id_, shapes + decorations))
    elif decorations:
        # Without glyphs the reference wraps decorations in the filter but omits its defs.
        out.extend(filtered(decorations, f"satori_s-{id_}") if defs is not None else decorations)
    return out


def text_clip_shapes(drawing: TextDrawing, *, whole_node: bool = True) -> list[SvgNode]:
    """The glyph shapes a ``background-clip: text`` ancestor clips its background to:
    the glyph paths, and ``<text>`` without fill for text drawn with system fonts."""
    out: list[SvgNode] = []
    d = drawing.path + drawing.bold_path
    if d:
        out.append(SvgNode("path", {"d": d}))
    if whole_node:
        for piece in drawing.elements:
            if not piece.image:
                node = text_element(piece, drawing.style)
                node.attrs.pop("fill", None)
                out.append(node)
    return out


def paint_text_run(drawing: TextDrawing, *, id_: str, user_space: bool = False,
                   stretch: tuple[float, float] = (1.0, 1.0)) -> list[SvgNode]:
    """A run of a paragraph drawn like the reference's ``Paragraph.renderRun``; ``user_space``:
    drawn in the image's own coordinates (no transform)."""
    style = drawing.style
    if style.text.visibility == "hidden":
        return []
    fill = fill_color(style)
    transparent = is_transparent(fill)
    defs = _shadow(drawing, id_, transparent, user_space, stretch)
    stroke = text_stroke_attributes(style)
    path, bold = drawing.path, drawing.bold_path
    shapes: list[SvgNode] = []
    if (path or bold) and (not transparent or stroke or defs is not None):
        shapes = glyph_paths(path, bold, {"fill": "black" if defs is not None and transparent
                                          else color_css(fill), **stroke},
                             synthetic_bold_width(float(style.font.font_size)), id_)
    out: list[SvgNode] = list(shapes)
    for piece in drawing.elements:
        out.extend(_filtered(defs, id_, [text_element(piece, style, shadowed=defs is not None)]))
    out.extend(n for line in drawing.decorations for n in decoration(line, style))
    return _filtered(defs, id_, out)


def paint_text(drawings: Sequence[TextDrawing], *, id_prefix: str,
               clip_text_background: bool = False, user_space: bool = False,
               stretch: tuple[float, float] = (1.0, 1.0)) -> list[SvgNode]:
    """The SVG of a paragraph's drawings (``ParagraphLayout.drawings``).

    ``clip_text_background``: an ancestor with ``background-clip: text`` has a background
    image (then opaque white text with a shadow is drawn black in the shadow's source,
    like the reference). ``user_space``: drawn without a transform (text shadows then get
    their filter region in user space). ``stretch``: how much the transform stretches the
    text (:func:`~.text_shadow.drop_shadow_filter`)."""
    return [node for n, drawing in enumerate(drawings)
            for node in paint_drawing(drawing, n, id_prefix=id_prefix, clip_text_background=clip_text_background,
                                      user_space=user_space, stretch=stretch)]


# The SVG of text nodes' drawings across renders: bounded by entries and by the characters
# their nodes hold. The text engine draws a text node again from its memo
# (:meth:`~satori_py.text.inline_text_render.ArrangedText.render`): a new drawing whose lists
# are the first one's (``shared``), so a drawing is known by its ``paths`` list (by identity: the
# entry holds the list, whose id is then no other's; the text memo's key has the style's token,
# so drawings sharing the list have the same style object too). Only for drawings that count
# nothing against the limits as they are painted: without text shadows (a filter region per
# render) and grapheme images (counted as glyph points); without a text shadow the SVG does not
# depend on clip_text_background, user_space or stretch, so the key leaves them out. The nodes
# are shared between renders: nothing may change them in place (:mod:`.compose` copies).
_PaintedEntry = tuple[list[str], tuple[SvgNode, ...], int]
_PAINTED: BoundedCache[_PaintedEntry] = BoundedCache(2048, weigh=lambda entry: entry[2], max_weight=4 * 2 ** 20)


def paint_drawing(drawing: TextDrawing, n: int, *, id_prefix: str, clip_text_background: bool = False,
                  user_space: bool = False, stretch: tuple[float, float] = (1.0, 1.0)) -> list[SvgNode]:
    """The SVG of the ``n``-th drawing of a paragraph (:func:`paint_text`'s arguments)."""
    if not drawing.text_node:
        return paint_text_run(drawing, id_=f"{id_prefix}-{n}", user_space=user_space, stretch=stretch)
    if not drawing.shared:
        return paint_text_node(drawing, id_=id_prefix, clip_text_background=clip_text_background,
                               user_space=user_space, stretch=stretch)
    paths = drawing.paths
    key = (id(paths), id_prefix)
    hit = _PAINTED.get(key)
    if hit is not None and hit[0] is paths:
        return list(hit[1])
    nodes = paint_text_node(drawing, id_=id_prefix, clip_text_background=clip_text_background,
                            user_space=user_space, stretch=stretch)
    if not drawing.style.text.text_shadow and not any(e.image for e in drawing.elements):
        _PAINTED.put(key, (paths, tuple(nodes), ENTRY_WEIGHT + nodes_weight(nodes)))
    return nodes


def texts_clip_shapes(drawings: Sequence[TextDrawing]) -> list[SvgNode]:
    """The glyph shapes of a paragraph's drawings, for ``background-clip: text``."""
    return [n for drawing in drawings for n in text_clip_shapes(drawing, whole_node=drawing.text_node)]
