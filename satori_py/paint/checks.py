"""Paint values checked at style time, so that what the painter rejects is reported per node.

The painter still parses the gradients of backgrounds and mask layers itself
(issue 13 moves that parsing to the style stage), so an invalid one was found
only while painting, where ``on_style_error`` did not apply. :func:`checked_style`
parses each of an element's values once, when its style is computed, with
the painter's own parsers in a nominal box (their validity does not depend
on the box's size): a value the painter would raise on is reported to
``on_invalid`` (the caller asked for invalid values to be reported) and
dropped.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..diagnostics import Reporter
from ..errors import StyleError
from ..style.types import BackgroundLayer
from .background import _layers, image_layer
from .gradient_stops import PaintStyle

__all__ = ["checked_style"]

Style = Mapping[str, Any]
_BOX = (0.0, 0.0, 100.0, 100.0)


def _images(layers: Any, style: Style, *, mask: bool) -> None:
    ps = PaintStyle.from_style(style)
    for layer in layers:
        if not layer.image.strip().lower().startswith("url("):  # loading is reported by itself
            image_layer(BackgroundLayer(layer.image, layer.position, layer.size, layer.repeat, layer.origin,
                                        layer.clip), _BOX, None, "check", ps, mask=mask)


# (the properties a check reads, which are dropped when it fails; the check)
_CHECKS: tuple[tuple[tuple[str, ...], Callable[[Style], Any]], ...] = (
    (("backgroundImage",), lambda style: _images(_layers(style), style, mask=False)),
    (("maskImage",), lambda style: _images(style.get("maskImage"), style, mask=True)),
)


def _set(value: Any) -> bool:
    return value not in (None, "", "none", ())


def checked_style(style: Any, on_invalid: Reporter) -> Any:
    """``style`` (a ComputedStyle) without the paint values ``on_invalid`` was told of."""
    dropped: dict[str, None] = {}
    for props, check in _CHECKS:
        if not any(_set(style.get(p)) for p in props):
            continue
        try:
            check(style)
        except StyleError as error:
            on_invalid(error)
            dropped.update(dict.fromkeys(props))
    return style.replace(**dropped) if dropped else style
