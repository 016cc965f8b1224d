"""Resource limits of a render, and the budget that enforces them while it runs.

Input is untrusted: a card may come from a stranger's request. Every cost a
small input can multiply has a limit here, each with a default and each
overridable through ``render_svg(..., limits=Limits(...))``. Going over one
raises :class:`~satori_py.errors.LimitError` naming the limit (``.limit``, the
field name below) and, where there is one, the node.

A render runs inside :func:`enforcing`, which makes its :class:`Budget` (the
limits, the deadline, the text counted so far) the active one for the
current context; the stages ask :func:`active` instead of passing it through
every call. Outside a render the defaults apply, without a deadline.
"""
from __future__ import annotations

import contextvars
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

from .errors import LimitError, RenderError

__all__ = ["RASTER_REACH", "Budget", "Limits", "active", "check_deadline", "count_glyph_points", "enforcing",
           "out_of_memory"]

_clock = time.monotonic  # the time budget's clock (tests make it deterministic)

# px from the image's origin a filled shape over the image may reach: a bound of resvg, not a
# limit one may raise. Its rasteriser (tiny-skia 0.10-0.12) keeps the rows of an anti-aliased
# fill 4x supersampled in 32-bit integers, which wrap at 2^29 px: it panicked (every binding;
# resvg-js aborted the process) or, farther, drew nothing. The margin is the step of its 32-bit
# floats there (64 px) and its rounding, with room. (paint/raster_cost.py, images/svg_work.py)
RASTER_REACH = 2 ** 29 - 1024


@dataclass(frozen=True)
class Limits:
    """The resource limits of one render; every field has a default.

    - ``max_depth``: element nesting, checked before any recursive decoding
      (also of JSON text).
    - ``max_nodes``: elements and text nodes in the tree; also the elements a user
      SVG (inline or image) expands to through its ``<use>`` references and markers.
    - ``max_image_pixels``: width x height of any raster image, read from its
      header before it is decoded; of every region or tile resvg allocates (filters,
      shadows, pattern tiles, also of user SVGs) at its size on the image.
    - ``max_image_bytes``: bytes of one image: given as bytes, downloaded, read from a
      file, or in a ``data:`` URI (also one inside an SVG image or an inline ``<svg>``),
      whose data is reckoned from its length before it is decoded (200 MB of base64
      took 4 s and 792 MB before the image was refused as damaged).
    - ``max_font_bytes``: size of a font after decompression, read from the
      WOFF/WOFF2 table directory before it is inflated.
    - ``max_text_length``: characters of one text node.
    - ``max_total_text``: characters of all text laid out in one render.
    - ``max_css_length``: characters of one CSS text: a style value, a style object
      (its names and values), a ``style`` attribute, a ``<style>`` sheet, a ``tw``
      string. Each is parsed in one call of the tokenizer, which cannot stop at the
      deadline (10 MB of ``color:red;`` took 20 s); a ``data:`` URI in a ``url()``
      counts too.
    - ``max_glyph_points``: outline points of all the glyphs one render draws
      (a user font's glyph may have 65,535 points: each is formatted into the SVG
      every time the glyph is drawn); an emoji counts a point per 16 characters of
      its image, written out every time too.
    - ``max_effect_layers``: shadows, filter functions and background layers of
      one element (each is drawn as a layer of its own); each list of them, and of
      mask layers, is also counted where the style stage splits it, before its parts
      are parsed (30,000 gradient layers took 6.9 s).
    - ``max_effect_nesting``: elements with a filter, opacity, mask, clip path or
      blend mode nested inside each other (each nests an offscreen layer in the
      rasteriser).
    - ``max_effect_pixels``: pixels of all the filter regions of a render (blurs,
      shadows, drop shadows, backdrops) added up: resvg filters each region in
      full, at some 6 million pixels a second, and the reference's regions are
      the whole image grown by the blur. The filter primitives of user SVGs count
      here too, each its region on the image times its passes (images/svg_work.py).
    - ``max_stroke_reach``: px on the image a stroked line (border, outline, text
      decoration) may be wide, and a stroked curve may reach beyond the image:
      past a few million px resvg's 32-bit stroker takes seconds per curve.
      In user SVGs any stroke width and any shape's coordinates count.
    - ``max_template_chars``: characters (or items) a Jinja template may make for one row:
      its output, and any string, list or number it builds on the way (``"x" * 10**9``
      took 54 s and 3.8 GB). See :mod:`satori_py.templates.sandbox`.
    - ``max_gradient_stops``: the arguments of one gradient function (its colour stops and
      hints, with its direction or shape), counted before any of them is parsed: 100,000
      colours (a 775 kB value, under ``max_css_length``) took 1.8 s to parse and paint.
    - ``max_reports``: reports one render keeps and delivers (what it ignores or reads
      otherwise than written, :mod:`satori_py.diagnostics`); the others are counted and said
      in one last report (960 kB of markup made 160,000 warnings, each kept and logged).
      Strict mode raises the first, as always.
    - ``timeout``: seconds one render may take (``None``: no limit), checked
      between stages and inside long loops. The raster stage itself cannot be
      interrupted; the other limits bound it.
    """

    max_depth: int = 256
    max_nodes: int = 100_000
    max_image_pixels: int = 40_000_000
    max_image_bytes: int = 16 * 1024 * 1024
    max_font_bytes: int = 64 * 1024 * 1024
    max_text_length: int = 200_000
    max_total_text: int = 1_000_000
    max_css_length: int = 1_000_000
    max_glyph_points: int = 20_000_000
    max_effect_layers: int = 64
    max_effect_nesting: int = 32
    max_effect_pixels: int = 150_000_000
    max_stroke_reach: int = 2_097_152
    max_template_chars: int = 8 * 1024 * 1024
    timeout: float | None = 60.0
    max_gradient_stops: int = 1_000
    max_reports: int = 1_000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "timeout":
                if value is None:
                    continue
                ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
                      and math.isfinite(value) and value > 0)
                expected = "a positive number of seconds or None"
            else:
                ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
                expected = "a positive integer"
            if not ok:
                raise LimitError(f"Invalid limit {f.name}={value!r}: expected {expected}.",
                                 limit=f.name, value=value)


class Budget:
    """The limits of a render in progress: its deadline and the text laid out so far."""

    __slots__ = ("limits", "deadline", "text", "glyph_points", "effect_pixels", "raster_scale", "suggestions")

    # Misspelt names a render looks for a close name of ("Did you mean"), at some 0.3 ms each;
    # past them, names are reported without a suggestion.
    MAX_SUGGESTIONS = 100

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = None if limits.timeout is None else _clock() + limits.timeout
        self.text = 0
        self.glyph_points = 0
        self.effect_pixels = 0
        # The scale render_png will rasterise at (user SVGs' work is counted at it: images/svg_work.py).
        self.raster_scale = 1.0
        self.suggestions = 0

    def check_deadline(self, path: str | None = None) -> None:
        """Raise LimitError when the render is past its time budget."""
        if self.deadline is not None and _clock() > self.deadline:
            raise self.timeout_error(path)

    def timeout_error(self, path: str | None = None, waiting: str | None = None) -> LimitError:
        """The error of a render past its deadline; ``waiting`` says what it was waiting for."""
        detail = f": {waiting}" if waiting else ""
        return LimitError(f"The render took longer than the timeout limit of {self.limits.timeout:g}s{detail}.",
                          limit="timeout", path=path)

    def take_suggestion(self) -> bool:
        """Whether the render may look for one more close name (see ``MAX_SUGGESTIONS``)."""
        self.suggestions += 1
        return self.suggestions <= self.MAX_SUGGESTIONS

    def time_left(self) -> float | None:
        """Seconds until the deadline (0 once past it), None without one."""
        return None if self.deadline is None else max(0.0, self.deadline - _clock())

    def count_text(self, length: int, path: str | None = None) -> None:
        """Count ``length`` characters of text laid out for the node at ``path``."""
        limits = self.limits
        if length > limits.max_text_length:
            raise LimitError(f"The text has {length} characters, over the max_text_length limit "
                             f"of {limits.max_text_length}.", limit="max_text_length", path=path)
        self.text += length
        if self.text > limits.max_total_text:
            raise LimitError(f"The render has more than {limits.max_total_text} characters of text "
                             "(the max_total_text limit).", limit="max_total_text", path=path)

    def check_css(self, length: int, what: str, path: str | None = None, prop: str | None = None) -> None:
        """Raise LimitError for a CSS text of ``length`` characters (``what`` it is, e.g.
        'The style attribute') over ``max_css_length``."""
        if length > self.limits.max_css_length:
            raise LimitError(f"{what} has {length} characters, over the max_css_length limit of "
                             f"{self.limits.max_css_length}.", limit="max_css_length", path=path, prop=prop)

    def check_layers(self, count: int, what: str = "shadows and filter functions", prop: str | None = None) -> None:
        """Raise LimitError for ``count`` layers (``what``, of property ``prop`` when it is one
        list) of one element over ``max_effect_layers``: the painter counts them all, and the
        style stage each list as it splits it, before its parts are parsed (75,000 box shadows
        took 2.7 s)."""
        if count > self.limits.max_effect_layers:
            raise LimitError(f"The element has {count} {what}, over the max_effect_layers "
                             f"limit of {self.limits.max_effect_layers}.", limit="max_effect_layers", prop=prop)

    def check_gradient_stops(self, count: int, prop: str | None = None) -> None:
        """Raise LimitError for a gradient of ``count`` arguments over ``max_gradient_stops``."""
        if count > self.limits.max_gradient_stops:
            raise LimitError(f"The gradient has {count} colour stops and other arguments, over the "
                             f"max_gradient_stops limit of {self.limits.max_gradient_stops}.",
                             limit="max_gradient_stops", prop=prop)

    def count_glyph_points(self, points: int) -> None:
        """Count ``points`` outline points of glyphs drawn."""
        self.glyph_points += points
        if self.glyph_points > self.limits.max_glyph_points:
            raise LimitError(f"The glyphs the render draws have more than {self.limits.max_glyph_points} "
                             "outline points (the max_glyph_points limit).", limit="max_glyph_points")

    def check_pixels(self, width: int, height: int, path: str | None = None,
                     what: str = "The image", *, prop: str | None = None) -> None:
        """Raise LimitError for an image of more than ``max_image_pixels`` pixels (``what``,
        of the property ``prop`` when it is known here)."""
        if width * height > self.limits.max_image_pixels:
            raise LimitError(f"{what} is {width}x{height} pixels, over the max_image_pixels "
                             f"limit of {self.limits.max_image_pixels}.",
                             limit="max_image_pixels", path=path, prop=prop)

    def check_image_bytes(self, size: int, what: str = "The image is", *, prop: str | None = None) -> None:
        """Raise LimitError for an image of more than ``max_image_bytes`` bytes (``what`` says
        how they were counted, e.g. 'The data: URI has 900 characters,')."""
        if size > self.limits.max_image_bytes:
            raise LimitError(f"{what} {size} bytes, over the max_image_bytes limit of {self.limits.max_image_bytes}.",
                             limit="max_image_bytes", prop=prop)

    def count_region(self, width: int, height: int, path: str | None = None,
                     what: str = "The region of the filter", prop: str | None = None) -> None:
        """Count a filter region of ``width`` x ``height`` pixels on the image (of the property
        ``prop``): each is checked against ``max_image_pixels``, and all of a render together
        against ``max_effect_pixels``."""
        self.check_pixels(width, height, path, what, prop=prop)
        self.count_effect(width * height, path, prop=prop)

    def count_effect(self, pixels: int, path: str | None = None, what: str | None = None,
                     prop: str | None = None) -> None:
        """Count ``pixels`` of filter work (a region, or a region times the passes over it, of
        the property ``prop`` when one) against ``max_effect_pixels``; ``what`` names the work
        in the error."""
        self.effect_pixels += pixels
        if self.effect_pixels > self.limits.max_effect_pixels:
            if what is None:
                raise LimitError(f"The filter regions of the render add up to more than "
                                 f"{self.limits.max_effect_pixels} pixels (the max_effect_pixels limit).",
                                 limit="max_effect_pixels", path=path, prop=prop)
            raise LimitError(f"{what} would bring the filter work of the render to more than "
                             f"{self.limits.max_effect_pixels} pixels (the max_effect_pixels limit).",
                             limit="max_effect_pixels", path=path, prop=prop)


_DEFAULT = Limits()
_UNTIMED = Limits(timeout=None)
_ACTIVE: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("satori_py_budget", default=None)


def active() -> Budget:
    """The budget of the render in progress, or a fresh one with the default limits."""
    budget = _ACTIVE.get()
    return budget if budget is not None else Budget(_UNTIMED)


def out_of_memory() -> RenderError:
    """The error of a render that raised MemoryError: what a batch item, a web response or a
    render worker answers. Not a bug to trace back (the input asked more than the process had;
    the limits bound what one may ask), nor a failure of the input's own."""
    return RenderError("The render ran out of memory (lower its limits, or give the process more memory).")


def check_deadline(path: str | None = None) -> None:
    """Raise LimitError when the render in progress is past its time budget (cheap)."""
    budget = _ACTIVE.get()
    if budget is not None and budget.deadline is not None and _clock() > budget.deadline:
        budget.check_deadline(path)


def count_glyph_points(points: int) -> None:
    """Count glyph outline points drawn by the render in progress (see ``max_glyph_points``)."""
    budget = _ACTIVE.get()
    if budget is not None:
        budget.count_glyph_points(points)


@contextmanager
def enforcing(limits: Limits | None) -> Iterator[Budget]:
    """Make a budget for ``limits`` (None: the defaults) active for the block.

    Inside a block with the same limits (or with None) the outer budget stays,
    so the stages of one render share its deadline and text count. A
    RecursionError (a tree nested deeper than the interpreter can follow, with
    ``max_depth`` raised) becomes a LimitError.
    """
    if limits is not None and not isinstance(limits, Limits):
        raise LimitError(f"Invalid limits {limits!r}: expected a satori_py.Limits.", prop="limits")
    outer = _ACTIVE.get()
    if outer is not None and (limits is None or limits is outer.limits):
        yield outer
        return
    budget = Budget(limits or _DEFAULT)
    token = _ACTIVE.set(budget)
    try:
        yield budget
    except RecursionError:
        raise LimitError(f"The input nests too deeply to be rendered (max_depth is {budget.limits.max_depth}).",
                         limit="max_depth") from None
    finally:
        _ACTIVE.reset(token)
