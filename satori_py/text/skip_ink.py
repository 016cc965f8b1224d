"""The skip-ink bands of text decorations (``text-decoration-skip-ink``).

Owns: a glyph's outline in px (:func:`px_commands`, like opentype.js's ``glyph.getPath`` slanted
like the reference's ``skewCommands``), flattened into segments (``flattenPath``), the rows
where its ink crosses an underline's band (:func:`band_spans`) and the boxes an underline
leaves out around that ink (:func:`band_boxes`, ``computeBandBox``). Mirrors the reference's
``font.ts``; the outlines come from :mod:`.outlines`.
"""
from __future__ import annotations

import math

from ..frozen import Frozen
from .outlines import ARITY, Outline

__all__ = ["GlyphBox", "Spans", "band_boxes", "band_spans", "px_commands"]


class GlyphBox(Frozen):
    """A horizontal range to leave out of an underline, like the reference's GlyphBox."""

    x1: float
    x2: float
    y1: float
    y2: float


def px_commands(outline: Outline, x: float, y: float, font_size: float, upem: int,
                skew: float = 0.0) -> list[tuple[str, tuple[float, ...]]]:
    """The outline in px like opentype.js ``glyph.getPath(x, y, fontSize)``,
    slanted by ``skew`` around the baseline like ``skewCommands``."""
    s = (1 / upem) * font_size
    ops, coords = outline
    result: list[tuple[str, tuple[float, ...]]] = []
    i = 0
    for op in ops:
        pts: list[float] = []
        for _ in range(ARITY[op]):
            px, py = x + coords[i] * s, y + -coords[i + 1] * s
            i += 2
            if skew:
                px = px + skew * (y - py)
            pts += (px, py)
        result.append((op, tuple(pts)))
    return result


def _bezier(points: list[tuple[float, float]], t: float) -> tuple[float, float]:
    while len(points) > 1:
        points = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                  for a, b in zip(points, points[1:])]
    return points[0]


def _flatten(commands: list[tuple[str, tuple[float, ...]]]) -> list[tuple[float, float, float, float]]:
    segs: list[tuple[float, float, float, float]] = []
    start = cur = (0.0, 0.0)
    for op, p in commands:
        if op == "M":
            start = cur = (p[0], p[1])
        elif op == "L":
            segs.append((*cur, p[0], p[1]))
            cur = (p[0], p[1])
        elif op in ("Q", "C"):
            ctrl = [cur] + [(p[j], p[j + 1]) for j in range(0, len(p), 2)]
            steps = 12 if op == "Q" else 16
            prev = ctrl[0]
            for k in range(1, steps + 1):
                nxt = _bezier(ctrl, k / steps)
                segs.append((*prev, *nxt))
                prev = nxt
            cur = ctrl[-1]
        elif op == "Z":
            segs.append((*cur, *start))
            cur = start
    return segs


Spans = tuple[tuple[float, ...], ...]


def band_spans(commands: list[tuple[str, tuple[float, ...]]], underline_y: float,
               stroke_width: float) -> Spans:
    """Where a glyph's ink crosses the underline band, row by row: for each sample
    row that can meet the ink, the ink's x intervals as a flat ``(x1, x2, x3, x4, ...)``.

    The band spans ``underline_y - w/4 .. underline_y + 2.5w``; it is sampled
    every 0.25 px (at least 12 rows), like ``computeBandBox``. The rows depend
    only on the glyph and the band's place relative to it, so the engine keeps
    them per glyph and moves them to where the glyph is drawn.
    """
    band_min = underline_y - stroke_width * 0.25
    height = stroke_width * 2.75
    segs = _flatten(commands)
    if not segs:
        return ()
    samples = max(12, math.ceil(height / 0.25))
    step = height / samples
    y0 = band_min + step / 2
    # Only rows across the ink can have spans: a band far taller than the glyph (a
    # hostile decoration thickness) costs no more than the glyph's own height.
    top = min(min(s[1], s[3]) for s in segs)
    bottom = max(max(s[1], s[3]) for s in segs)
    first = max(0, math.ceil((top - y0) / step) - 1)
    last = min(samples, math.floor((bottom - y0) / step) + 2)
    rows = []
    for i in range(first, last):
        y = y0 + step * i
        xs: list[float] = []
        for x1, y1, x2, y2 in segs:
            if y1 == y2 or y < min(y1, y2) or y >= max(y1, y2):
                continue
            xs.append(x1 + (x2 - x1) * ((y - y1) / (y2 - y1)))
        xs.sort()
        rows.append(tuple(xs[:len(xs) // 2 * 2]))
    return tuple(rows)


def band_boxes(spans: Spans, dx: float, underline_y: float, stroke_width: float) -> list[GlyphBox]:
    """The boxes to leave out of an underline at ``underline_y`` for ``spans`` moved
    right by ``dx``: the ink in whole-pixel columns and, as in the reference, every
    box spanning from the leftmost to the rightmost ink column, widened by ``0.6 w``."""
    columns: set[int] = set()
    for xs in spans:
        for j in range(0, len(xs), 2):
            columns.update(range(math.floor(dx + xs[j]), math.ceil(dx + xs[j + 1])))
    if not columns:
        return []
    cols = sorted(columns)
    ranges: list[tuple[int, int]] = []
    first = prev = cols[0]
    for col in cols[1:]:
        if col > prev + 1:
            ranges.append((first, prev + 1))
            first = col
        prev = col
    ranges.append((first, prev + 1))
    bleed = stroke_width * 0.6
    lo, hi = ranges[0][0], ranges[-1][1]
    band_min, band_max = underline_y - stroke_width * 0.25, underline_y + stroke_width * 2.5
    return [GlyphBox(min(a, lo) - bleed, max(b, hi) + bleed, band_min, band_max)
            for a, b in ranges]
