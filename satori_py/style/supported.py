"""The CSS properties satori-py reads, so that the others can be reported, and the checks of
the values it keeps as written.

A declaration of any other property changes nothing (as in Satori, which
passes it through and never reads it); :func:`unsupported_property` words the
report, with the closest supported name when the property looks misspelt.
Properties kept as written are read later (by the layout, the text stage, the
stylesheet cascade), which ignore what they do not know: :func:`value_report`
words the report of an invalid value when the style stage meets it.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from ..diagnostics import did_you_mean
from ..js_numbers import js_parse_int, js_to_number
from ..patterns import NUMBER, lazy_compile
from .c2rn import SHORTHANDS
from .font_features import read_font_variation_settings
from .paint_shorthands import PAINT_HANDLERS
from .properties import INHERITED, PROPERTIES
from .shorthands import BOX_HANDLERS
from .values import CSS_WIDE_KEYWORDS, js_string, split_values

__all__ = ["CHECKED_VALUES", "SUPPORTED", "unsupported_property", "value_report"]

_MASK_LONGHANDS = ("Image", "Position", "Size", "Repeat", "Origin", "Clip", "Composite", "Mode")

# Kept as written by the expansion and read later: by the end of compute_style (grid,
# style/grid_values.py), the layout (line clamps, form controls), the painter (clips,
# masks, 3D) or the stylesheet cascade.
_READ_AS_WRITTEN = frozenset({
    "grid", "gridTemplate", "gridArea", "gridRow", "gridColumn",
    "WebkitBoxOrient", "WebkitLineClamp", "appearance", "WebkitAppearance",
    "clipPath", "overflowClipMargin", "backgroundClip", "backfaceVisibility", "perspective",
    "perspectiveOrigin", "transformStyle",
    "mask", "WebkitMask", *(f"mask{part}" for part in _MASK_LONGHANDS),
    *(f"WebkitMask{part}" for part in _MASK_LONGHANDS),
    "container", "containerType", "containerName", "content",
    "all",  # read by the cascade (style/cascade.py), which keeps any other value for the report here
})

SUPPORTED: frozenset[str] = frozenset({
    *PROPERTIES, *BOX_HANDLERS, *PAINT_HANDLERS, *SHORTHANDS, "font",  # style.expand's own shorthand
    *(name for name in INHERITED if not name.startswith("_")), *_READ_AS_WRITTEN,
})


def unsupported_property(written: str, name: str) -> str | None:
    """The report for property ``name`` (camelCase of ``written``), or None when it is supported."""
    if name in SUPPORTED:
        return None
    return f'CSS property "{written}" is not supported.{did_you_mean(name, SUPPORTED)}'


# -- values kept as written ---------------------------------------------------------------

# CSS UI 4's values and the compat ones browsers take (-webkit- resets use most of them).
_APPEARANCES = frozenset({
    "none", "auto", "base", "base-select", "textfield", "menulist-button", "searchfield", "textarea",
    "checkbox", "radio", "menulist", "listbox", "meter", "progress-bar", "button", "push-button",
    "square-button", "slider-horizontal", "slider-vertical", "sliderthumb-horizontal",
    "sliderthumb-vertical", "inner-spin-button", "searchfield-cancel-button", "caret", "menulist-text",
    "menulist-textfield", "media-slider", "media-sliderthumb", "media-volume-slider",
    "media-volume-sliderthumb",
})
_CONTAINER_TYPES = frozenset({"normal", "size", "inline-size", "scroll-state"})
_SYNTHESIS_WORDS = frozenset({"weight", "style", "small-caps", "position"})
_NUMBER = lazy_compile(NUMBER)


def _keyword(allowed: frozenset[str], reading: str) -> Callable[[str], str | None]:
    """A check of one keyword of ``allowed``; what is read instead is ``reading``."""
    return lambda text: None if text.lower() in allowed else reading


def _line_clamp(text: str) -> str | None:
    # The layout clamps when Number(value) > 0, as the reference does.
    return None if text.lower() == "none" or js_to_number(text) > 0 else "it is read as `none`"


def _box_orient(text: str) -> str | None:
    # Only `vertical` (as written) makes a line-clamped -webkit-box; the other keywords are valid.
    return None if text in ("horizontal", "vertical", "inline-axis", "block-axis") else "it is read as `horizontal`"


def _container_type(text: str) -> str | None:
    words = text.lower().split()
    return None if words and set(words) <= _CONTAINER_TYPES else "it is read as `normal`"


def _font_weight(text: str) -> str | None:
    # A number is read as written (`1e3` is 1000, as in the reference); another text with
    # parseInt, as the reference does: `12zz` is 12 (a 0 is 400). Keywords are the
    # converter's (it reports the unknown ones).
    weight = math.nan if _NUMBER.fullmatch(text) else js_parse_int(text)
    return f"it is read as {int(weight) or 400}" if math.isfinite(weight) else None


def _font_synthesis(text: str) -> str | None:
    # The reference reads the words weight and style in it, whatever else is there.
    words = text.lower().split()
    if words == ["none"] or (words and set(words) <= _SYNTHESIS_WORDS and len(set(words)) == len(words)):
        return None
    read = " ".join(word for word in ("weight", "style") if word in text.split()) or "none"
    return f"it is read as `{read}`"


_COUNTER_NAME_OR_STRING = lazy_compile(r"-?[_a-zA-Z][-_a-zA-Z0-9]*|'[^']*'|\"[^\"]*\"")
_LIST_STYLE_OTHER = lazy_compile(r"none|inside|outside|url\(.*", re.IGNORECASE | re.DOTALL)


def _list_style_type(text: str) -> str | None:
    # A counter style's name (an unknown one is decimal, as in a browser) or a string marker;
    # anything else (`10px`) a browser drops, and the reference counts in decimal.
    return None if _COUNTER_NAME_OR_STRING.fullmatch(text) else "it is read as `decimal`"


def _list_style(text: str) -> str | None:
    kinds = [word for word in split_values(text) if not _LIST_STYLE_OTHER.fullmatch(word)]
    bad = next((kind for kind in kinds if _list_style_type(kind)), None)
    return None if bad is None else f'its type "{bad}" is read as `decimal`'


_AS_WRITTEN_CHECKS: dict[str, Callable[[str], str | None]] = {
    "WebkitLineClamp": _line_clamp,
    "WebkitBoxOrient": _box_orient,
    "appearance": _keyword(_APPEARANCES, "it is read as `auto`"),
    "WebkitAppearance": _keyword(_APPEARANCES, "it is read as `auto`"),
    "containerType": _container_type,
    "fontWeight": _font_weight,
    "fontSynthesis": _font_synthesis,
    "fontSynthesisWeight": _keyword(frozenset({"auto", "none"}), "it is read as `auto`"),
    "fontSynthesisStyle": _keyword(frozenset({"auto", "none", "oblique-only"}), "it is read as `auto`"),
    "listStyleType": _list_style_type,
    "listStyle": _list_style,
}


def _layer_list(text: str) -> str | None:
    # A list entry per layer, repeated over the images: an empty one (`,1px`) is the layer's
    # initial value, where a browser drops the declaration.
    if "," in text and any(not part.strip() for part in text.split(",")):
        return "a layer of the list is empty (its initial value is used)"
    return None


# The comma lists of the background and mask layers.
_LAYER_LISTS = {f"{prefix}{part}": _layer_list for prefix in ("background", "mask", "WebkitMask")
                for part in ("Position", "Size", "Repeat", "Origin", "Clip", "Attachment", "Composite", "Mode")
                if not (prefix == "background" and part in ("Composite", "Mode"))}
_AS_WRITTEN_CHECKS.update(_LAYER_LISTS)

# A length or number with a sign (its number, its unit): a negative part of a shorthand.
_SIGNED = lazy_compile(r"(-\d*\.?\d+(?:e[+-]?\d+)?)([a-z%]*)", re.IGNORECASE)


def _negative_parts(reading: str) -> Callable[[str], str | None]:
    """The check of a shorthand whose longhands report a negative value (``padding: -4px``):
    its declaration is reported once, naming the shorthand, and its longhands' own reports
    (one per side) are left out (:attr:`.expand.Expanded.warned`)."""
    def check(text: str) -> str | None:
        for part in split_values(text):
            signed = _SIGNED.fullmatch(part)
            if signed is not None and float(signed.group(1)) < 0:
                return reading
        return None
    return check


_AS_WRITTEN_CHECKS["padding"] = _negative_parts(
    "CSS does not allow a negative value here (a browser drops the declaration); it is read as Satori 0.63.2 reads it")
_AS_WRITTEN_CHECKS["gap"] = _negative_parts(
    "a gap is not negative in CSS (a browser uses none); the items overlap, as in Satori")

# The properties value_report checks (besides booleans, of any property).
CHECKED_VALUES = frozenset({"all", "content", "fontVariationSettings", *_AS_WRITTEN_CHECKS})


def value_report(name: str, value: Any) -> str | None:
    """The report of a declared value of ``name`` (its var() substituted) that is read otherwise
    than written or not at all, though the reference says nothing: ``true`` and ``false``, and
    invalid values of the properties the style stage keeps as written (:data:`CHECKED_VALUES`)
    for a later stage that ignores what it does not know. None when there is nothing to say."""
    if value is True or value is False:  # the reference's purify() takes Number() of it: 1px
        return (f'The value {str(value).lower()} of CSS property "{name}" is read as the number '
                f"{int(value)} (JavaScript's Number() of it).")
    if name == "all":  # the cascade applied it when it was a CSS-wide keyword as written
        return (f'Invalid value "{js_string(value)}" for CSS property "all": it takes only a CSS-wide '
                f"keyword ({', '.join(sorted(CSS_WIDE_KEYWORDS))}); it is ignored.")
    if name == "content":
        return 'CSS property "content" only applies to ::before and ::after: it is ignored on an element.'
    if name == "fontVariationSettings":
        if read_font_variation_settings(value) is None:
            return f'Invalid value "{js_string(value)}" for CSS property "fontVariationSettings": it is ignored.'
        return None
    check = _AS_WRITTEN_CHECKS.get(name)
    if check is None:
        return None
    text = js_string(value).strip()
    if text.lower() in CSS_WIDE_KEYWORDS:
        return None
    reading = check(text)
    return None if reading is None else f'Invalid value "{text}" for CSS property "{name}": {reading}.'
