"""The paint values of a computed style, parsed once into typed layers.

``compute_style`` hands each element's paint properties that are written as
text (``filter``, ``backdropFilter``, ``clipPath``, ``overflowClipMargin``, the
corner shapes, the gradients of ``backgroundImage``, the mask properties) to :func:`parse_paint_values` with what
their relative units need (:class:`PaintContext`), so the painter reads typed
values and never parses.
An invalid value is reported with the reference's sentence: raised, or given
to ``on_style_error`` and dropped; what is drawn otherwise than written (a
clip path that names no shape) is noted.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from ..frozen import Frozen
from ..errors import NOT_THE_VALUES_FAULT, StyleError
from .clip_shapes import parse_clip_margin, parse_clip_path
from .convert import shown
from .corner_shape import CORNER_LONGHANDS, corner_shape_value
from .filters import parse_filters
from .gradients import parse_background_images
from .masks import MASK_PROPERTIES, masks_of
from .types import RGBA
from .values import LengthContext, unreadable

__all__ = ["PAINT_VALUE_KEYS", "PaintContext", "parse_paint_values"]

Reporter = Callable[[StyleError], None]


class PaintContext(Frozen):
    """What an element's paint values are resolved against: its font size and its
    parent's (filters take ``em`` from the parent, as the reference's expand.ts),
    the viewport, the ``ch`` ratio of its own font, its line height multiplier
    (``lh``; None for ``normal``) and its colour."""

    font_size: float
    parent_font_size: float
    viewport: tuple[float, float]
    ch_ratio: float
    line_height: float | None
    color: RGBA


def parse_paint_values(values: dict[str, Any], context: Callable[[], PaintContext], report: Reporter,
                       note: Reporter) -> None:
    """Replace the paint values of ``values`` (a computed style being made) by their
    typed layers, resolved against ``context()``; a value ``report`` does not raise for is
    dropped."""
    # Most elements set none of them (None: unset, or backgroundImage's initial value): the
    # contexts are made for those that do.
    present = [prop for prop in _PARSED if values.get(prop) is not None]
    masked = not values.keys().isdisjoint(MASK_PROPERTIES)
    if not present and not masked:
        _check_keywords(values, note)
        return
    ctx = context()
    if present:
        lengths = LengthContext(ctx.viewport[0], ctx.viewport[1], ctx.ch_ratio, ctx.line_height)
        filter_lengths = LengthContext(ctx.viewport[0], ctx.viewport[1], ctx.ch_ratio)
        for prop in present:
            values[prop] = _parsed(prop, values[prop], partial(_parse, prop, ctx, lengths, filter_lengths, note),
                                   report)
    _check_keywords(values, note)
    if masked:
        # The mask properties are folded into the computed maskImage.
        lengths = LengthContext(ctx.viewport[0], ctx.viewport[1], ctx.ch_ratio, ctx.line_height)
        layers = _parsed("maskImage", values.get("maskImage"),
                         lambda _: masks_of(values, ctx.font_size, lengths, note, ctx.color), report)
        for key in MASK_PROPERTIES:
            values.pop(key, None)
        if layers is not None:
            values["maskImage"] = layers


# The properties parsed here, in the order they are parsed (the first invalid one is reported first).
_PARSED = ("filter", "backdropFilter", "clipPath", "overflowClipMargin", "backgroundImage", *CORNER_LONGHANDS)


def _parse(prop: str, ctx: PaintContext, lengths: LengthContext, filter_lengths: LengthContext, note: Reporter,
           value: Any) -> Any:
    """The typed value of paint property ``prop``: filters take ``em`` from the parent and no
    ``lh``; the others resolve against the element's own font and line height."""
    if prop == "filter" or prop == "backdropFilter":
        return parse_filters(value, prop, font_size=ctx.parent_font_size, lengths=filter_lengths,
                             current_color=ctx.color.to_css())
    if prop == "clipPath":
        return parse_clip_path(value, ctx.font_size, lengths, note)
    if prop == "overflowClipMargin":
        return parse_clip_margin(value, ctx.font_size, lengths, note)
    if prop == "backgroundImage":
        return value and parse_background_images(value, ctx.font_size, lengths, note, ctx.color)
    return corner_shape_value(value)


# The boxes a background layer is clipped to (``backgroundClip`` also takes ``text``).
_CLIP_BOXES = ("border-box", "padding-box", "content-box")
# The keywords of properties the painter compares with, and what it draws for any other value.
_KEYWORDS = {"transformStyle": (("flat", "preserve-3d"), "flat"),
                "backfaceVisibility": (("visible", "hidden"), "visible"),
                # The element's; or a list of boxes (see _box_list).
                "backgroundClip": ((*_CLIP_BOXES, "text"), "border-box")}


# Every key parse_paint_values reads. None is inherited, so an element that declares none of
# them has nothing here to parse or check.
PAINT_VALUE_KEYS = frozenset((*_PARSED, *MASK_PROPERTIES, "perspective", *_KEYWORDS))


def _box_list(value: Any) -> bool:
    """Whether ``value`` is a list of boxes, one per background layer (a browser clips each
    layer to its own; the painter reads them from the layers)."""
    return isinstance(value, str) and "," in value and all(
        part.strip() in _CLIP_BOXES for part in value.split(","))


def _check_keywords(values: dict[str, Any], note: Reporter) -> None:
    """``perspective`` as px (None for ``none``) and the keywords of :data:`_KEYWORDS`; what
    is drawn otherwise than written (anything else: as without the property) is noted and
    dropped."""
    if "perspective" in values:
        value = values["perspective"]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            values["perspective"] = float(value)
        else:
            if not (isinstance(value, str) and value.strip().lower() == "none"):
                note(StyleError(f'Invalid value "{shown(value)}" for CSS property "perspective": none is used.',
                                prop="perspective", value=value))
            values["perspective"] = None
    for prop, (keywords, fallback) in _KEYWORDS.items():
        value = values.get(prop)
        if value is not None and value not in keywords and not (prop == "backgroundClip" and _box_list(value)):
            note(StyleError(f'Invalid value "{shown(value)}" for CSS property "{prop}": {fallback} is used.',
                            prop=prop, value=value))
            values[prop] = None


def _parsed(prop: str, value: Any, parse: Callable[[Any], Any], report: Reporter) -> Any:
    """``parse(value)``, or None when it is invalid (reported)."""
    try:
        return parse(value)
    except StyleError as error:
        report(error)
    except NOT_THE_VALUES_FAULT:
        raise
    except Exception:  # noqa: BLE001 - any other failure of a parser: the value is invalid
        report(unreadable(prop, value))
    return None
