"""The cascade of one element: presets < inherited < inline declarations.

Mirrors the first part of the reference's ``handler/compute.ts``: logical
properties become physical ones for the element's direction
(``handler/logical.ts``), CSS-wide keywords (``inherit``, ``initial``,
``unset``, ``revert``) override earlier declarations and the preset, and the
inherited values that ``initial`` resets are dropped. What comes out is the
declarations to expand, in cascade order, and the inherited values to start
from.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..patterns import lazy_compile
from . import valueparser as vp
from .longhands import is_longhand_of
from .properties import is_inherited
from .values import CSS_WIDE_KEYWORDS, js_string

__all__ = ["apply_resets", "cascade_declarations", "resolve_keywords", "to_physical"]

_BOX_SIDE = lazy_compile(r"^(margin|padding|inset|border)(Inline|Block)(Start|End)?(Width|Style|Color)?$")
_SIZE = lazy_compile(r"^(?:(min|max)(Inline|Block)|(inline|block))Size$")
_RADIUS = lazy_compile(r"^border(Start|End)(Start|End)Radius$")
# First characters of a value that is no CSS-wide keyword, known without stripping and
# lowercasing it (most values): ASCII, not a space, not the start of one of them.
_STARTS_NO_KEYWORD = frozenset(c for c in map(chr, range(128)) if not c.isspace() and c not in "iurIUR")


def _is_logical(prop: str) -> bool:
    # Every logical name has one of these parts: the others (nearly all) skip the patterns.
    if "nline" not in prop and "lock" not in prop and "Start" not in prop and "End" not in prop:
        return False
    return bool(_BOX_SIDE.match(prop) or _SIZE.match(prop) or _RADIUS.match(prop))


def _split(value: Any) -> list[Any]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [value]
    return list(vp.iter_words(vp.parse(js_string(value))))


def to_physical(style: Mapping[str, Any], direction: str) -> Mapping[str, Any]:
    """``style`` with logical properties replaced in place by physical ones (``style`` itself,
    read only, when it has none)."""
    # The names scanned together for the parts every logical name has (most styles have none).
    names = "\n".join(style)
    if ("nline" not in names and "lock" not in names and "Start" not in names and "End" not in names) \
            or not any(_is_logical(prop) for prop in style):
        return style
    start, end = ("Right", "Left") if direction == "rtl" else ("Left", "Right")
    result: dict[str, Any] = {}

    def put(prop: str, value: Any) -> None:
        result.pop(prop, None)  # a later declaration moves to the end, like in JS
        result[prop] = value

    for prop, value in style.items():
        box, size, radius = _BOX_SIDE.match(prop), _SIZE.match(prop), _RADIUS.match(prop)
        if box:
            kind, axis, edge, part = box.group(1), box.group(2), box.group(3), box.group(4) or ""
            first, second = (start, end) if axis == "Inline" else ("Top", "Bottom")

            def name(side: str, kind: str = kind, part: str = part) -> str:
                return side.lower() if kind == "inset" else f"{kind}{side}{part}"

            if edge:
                put(name(first if edge == "Start" else second), value)
            elif kind == "border" and not part:
                put(name(first), value)
                put(name(second), value)
            else:
                values = _split(value)
                put(name(first), values[0] if values else "")
                put(name(second), values[1] if len(values) > 1 else values[0] if values else "")
        elif size:
            limit, axis = size.group(1), size.group(2) or size.group(3)
            dimension = "Width" if axis.lower() == "inline" else "Height"
            put(f"{limit}{dimension}" if limit else dimension.lower(), value)
        elif radius:
            block, inline = radius.group(1), radius.group(2)
            put(f"border{'Top' if block == 'Start' else 'Bottom'}{start if inline == 'Start' else end}Radius",
                value)
        else:
            put(prop, value)
    return result


def _affects(key: str, prop: str) -> bool:
    """Whether a CSS-wide keyword on ``prop`` overrides ``key`` (``all``: all but custom and direction)."""
    if prop == "all":
        return not key.startswith("--") and key != "direction"
    return is_longhand_of(key, prop)


def resolve_keywords(style: Mapping[str, Any], preset: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """Apply CSS-wide keywords; returns the other declarations and the properties reset to initial.

    ``preset`` loses the declarations a keyword overrides. ``inherit`` and
    ``unset`` keep the inherited value of inherited properties; for the
    others (and for ``initial``) the property gets its initial value.
    """
    defined: dict[str, Any] = {}
    initial: set[str] = set()
    for prop, value in style.items():
        word = value.strip().lower() if isinstance(value, str) and value[:1] not in _STARTS_NO_KEYWORD \
            and not prop.startswith("--") else ""
        if word not in CSS_WIDE_KEYWORDS:
            # `all` only takes CSS-wide keywords: another value is kept for expand() to report
            # (style/supported.py), and read by nothing.
            defined[prop] = value
            continue

        for key in [k for k in defined if _affects(k, prop)]:
            del defined[key]
        if word in ("revert", "revert-layer"):
            continue
        for key in [k for k in preset if _affects(k, prop)]:
            del preset[key]
        if word == "initial" or (prop != "all" and not is_inherited(prop)):
            initial.add(prop)
        else:
            initial.discard(prop)
    return defined, initial


def cascade_declarations(preset: dict[str, Any], inline: Mapping[str, Any] | None, direction: str
                         ) -> tuple[dict[str, Any], set[str]]:
    """The declarations to expand (remaining preset first, then inline) and the resets.
    ``preset`` is taken (what the inline declarations override is removed from it)."""
    if not inline:
        return preset, set()  # (nothing overrides it)
    remaining = preset
    defined, initial = resolve_keywords(to_physical(inline or {}, direction), remaining)
    for prop in defined:
        remaining.pop(prop, None)
    return {**remaining, **defined}, initial


def apply_resets(base: dict[str, Any], resets: set[str]) -> None:
    """Drop the inherited values that ``initial`` (or ``inherit`` of a non-inherited property) resets."""
    for prop in resets:
        # Satori's own (_) values survive `all`.
        for key in [k for k in base if _affects(k, prop) and not k.startswith("_")]:
            del base[key]
