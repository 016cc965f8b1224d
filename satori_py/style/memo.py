"""The memo of computed styles, within a render and across renders.

Cards made per request repeat the same elements with the same styles, and
computing a style is a good part of a render. :func:`cached_style` keeps
the result of :func:`~.computed.compute_style` under a key made of what it
reads: the tag, the props (the inline style after ``tw`` classes are merged
into it), what it reads of the parent's style (its inherited values and state, as
a number: :func:`_parent_key`), the viewport, the point scale and whether invalid values are reported or
raised; and the element's own ``ch`` ratio, which depends on its font and on
the render's fonts: the memo keeps the font properties each first key gave,
asks ``ch_ratio`` for them on every call, and keeps the style under both.
Parents that differ only in their own values (two cards' roots of other sizes
and backgrounds) give their children one key, and the same style objects: first
sight of a card finds most of its elements' styles computed for other cards.
Values that are equal but typed apart (``1`` and ``1.0``) and orders make
other keys.

What compute_style told its callbacks is recorded with the style and told
again, as fresh error objects, on every hit: ``on_style_error``,
``on_warning`` and strict mode see exactly what they would without the memo.
A computation that raises is not kept (the next call raises again). Props
that cannot be keyed (an object the memo does not know) are computed
without it.

Bounded: entries, and the characters of the props they hold (props of more than
64k characters, a large data URI, are not kept); the parents' numbers likewise.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from ..cache import BoundedCache
from ..errors import StyleError
from .computed import ComputedStyle, compute_style, inline_style, root_style

__all__ = ["cached_style", "clear", "root_style_of"]

# A computed style holds ~300 values (~20 kB); most of them are shared with other styles.
_MAX_ENTRIES = 2048
_MAX_KEY_CHARS = 4 * 1024 * 1024
_MAX_ENTRY_CHARS = _MAX_KEY_CHARS // 64  # a larger key (a data URI) would push out everything else

_Events = tuple[tuple[bool, StyleError], ...]  # (is an invalid value, the error) in the order told
_Entry = tuple[ComputedStyle, _Events]
# Per key: the font properties its style has (they don't depend on the ch ratio), its styles by
# ch ratio (a few: one per font the fallback resolves to), and the characters of the key.
_Slot = tuple[tuple[Any, Any, Any], dict[Any, _Entry], int]
_RATIOS_PER_KEY = 8

_STYLES: BoundedCache[_Slot] = BoundedCache(_MAX_ENTRIES, weigh=lambda slot: slot[2], max_weight=_MAX_KEY_CHARS)
_ROOTS: BoundedCache[ComputedStyle] = BoundedCache(64)
# The numbers of the parents' inherited parts (see _parent_key; never reused), weighed by the
# characters of their texts (a custom property may hold a long one).
_PARENTS: BoundedCache[tuple[int, int]] = BoundedCache(_MAX_ENTRIES, weigh=lambda entry: entry[1],
                                                       max_weight=_MAX_KEY_CHARS)
_PARENT_NUMBERS = itertools.count(1)
_PARENT_KEY = ("style.memo", "parent")


class _Unkeyable(Exception):
    """A prop value the memo cannot key: the style is computed without it."""


def _freeze(value: Any, size: list[int]) -> Hashable:
    """``value`` as a hashable key equal only to values compute_style reads the same way
    (``1``, ``1.0`` and ``True`` differ; so do dict orders, which the cascade follows)."""
    if isinstance(value, str):
        size[0] += len(value)
        return value
    if value is None:
        return None
    kind = type(value)
    if kind is bool or kind is int:
        return (kind, value)
    if kind is float:
        return (float, value.hex())  # -0.0 and 0.0 differ; NaN equals NaN
    if kind is dict or isinstance(value, Mapping):
        # The scalars of a style dict inline (every style_of of every render keys its props).
        items = []
        for k, v in value.items():
            vk = type(v)
            if vk is str:
                size[0] += len(v)
            elif vk is float:
                v = (float, v.hex())
            elif vk is int or vk is bool:
                v = (vk, v)
            elif v is not None:
                v = _freeze(v, size)
            if type(k) is str:
                size[0] += len(k)
            else:
                k = _freeze(k, size)
            items.append((k, v))
        return (dict, tuple(items))
    if kind is list or kind is tuple:
        return (kind, tuple(_freeze(v, size) for v in value))
    if isinstance(value, ComputedStyle):
        return (ComputedStyle, value.token)
    raise _Unkeyable


def cached_style(tag: str, props: Mapping[str, Any], parent: ComputedStyle, *,
                 viewport: tuple[float, float],
                 on_style_error: Callable[[StyleError], None] | None = None,
                 point_scale_factor: float = 1.0,
                 on_warning: Callable[[StyleError], None] | None = None,
                 tailwind: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None,
                 ch_ratio: Callable[[Any, Any, Any], float | None] | None = None) -> ComputedStyle:
    """:func:`~.computed.compute_style` with the same arguments, memoised."""
    merged = tailwind is not None and "tw" in props
    if merged:
        # The props as compute_style takes them: the tw classes merged into the inline style
        # (they report their problems on every call); keyed by the result.
        props = _with_inline(props, tailwind)
    # Without tw, the props themselves are the key: the props compute_style takes (with the
    # inline style copied) are made from them alone, and only on a miss.
    try:
        size = [0]
        key = (tag, _freeze(props, size), _parent_key(parent), tuple(viewport), point_scale_factor,
               on_style_error is not None)
    except _Unkeyable:
        return compute_style(tag, props if merged else _with_inline(props, None), parent, viewport=viewport,
                             on_style_error=on_style_error, point_scale_factor=point_scale_factor,
                             on_warning=on_warning, ch_ratio=ch_ratio)
    entry = None
    slot = _STYLES.get(key)  # one lookup: the key is a large nested tuple, hashed per lookup
    if slot is not None:
        try:
            ratio = ch_ratio(*slot[0]) if ch_ratio is not None else None
        except Exception:  # noqa: BLE001 - asked again below where compute_style asks it, to fail alike
            pass
        else:
            entry = slot[1].get(ratio)
    if entry is None:
        ratios: list[float | None] = []

        def ratio_of(family: Any, weight: Any, style: Any) -> float | None:
            assert ch_ratio is not None
            ratios.append(ch_ratio(family, weight, style))
            return ratios[-1]

        computed, events = _compute(tag, props if merged else _with_inline(props, None), parent, viewport,
                                    on_style_error, point_scale_factor, ratio_of if ch_ratio is not None else None)
        entry = (computed, events)
        if size[0] <= _MAX_ENTRY_CHARS:
            if slot is None:
                slot = ((computed["fontFamily"], computed["fontWeight"], computed["fontStyle"]), {}, size[0])
                _STYLES.put(key, slot)
            if len(slot[1]) >= _RATIOS_PER_KEY:
                slot[1].clear()
            slot[1][ratios[0] if ratios else None] = entry
    style, events = entry
    for invalid, error in events:
        callback = on_style_error if invalid else on_warning
        if callback is not None:
            callback(_fresh(error))  # a fresh object: the receiver gives it a node path
    return style


def _parent_key(parent: ComputedStyle) -> Hashable:
    """What a child's style reads of ``parent``, as a number: the same for parents whose
    inherited values (with their types, in their order) and inherited state are equal, e.g. the
    roots of two cards that differ only in their own size and background (compute_style reads
    nothing else of a parent). Kept with the parent."""
    derived = parent.derived
    number: Hashable = derived.get(_PARENT_KEY)
    if number is None:
        inherited = parent.inherited()
        value = (tuple(inherited.items()), tuple(map(type, inherited.values())), parent.color_text,
                 type(parent.ch_ratio), parent.ch_ratio, parent.lengths, parent.set_colors,
                 parent.child_list_depth)
        try:
            entry = _PARENTS.get(value)
        except TypeError:  # an unhashable custom property: this parent object alone
            entry = None
            number = (ComputedStyle, parent.token)
        else:
            if entry is None:
                entry = (next(_PARENT_NUMBERS), _chars(inherited.values()))
                if entry[1] <= _MAX_ENTRY_CHARS:
                    _PARENTS.put(value, entry)
            number = entry[0]
        derived[_PARENT_KEY] = number
    return number


def _chars(values: Iterable[Any]) -> int:
    """The characters of the texts among ``values`` and in their tuples (a font family list)."""
    size = 1
    for value in values:
        if type(value) is str:
            size += len(value)
        elif type(value) is tuple:
            size += sum(len(item) for item in value if type(item) is str)
    return size


def _with_inline(props: Mapping[str, Any],
                 tailwind: Callable[[Any, dict[str, Any]], dict[str, Any]] | None) -> dict[str, Any]:
    """The props compute_style is given: ``style`` the inline style (a copy, ``tw`` classes
    merged under it when ``tailwind`` is given), without ``tw``."""
    inline = inline_style(props, tailwind)
    out = {k: v for k, v in props.items() if k != "tw"}
    out["style"] = inline
    return out


def _fresh(error: StyleError) -> StyleError:
    """A new error with ``error``'s fields. (Not copy.copy: it goes through copyreg, where a
    library may register a reducer for exceptions, e.g. tblib's for Dask, that keeps no fields.)"""
    fresh = StyleError.__new__(type(error))
    fresh.__dict__.update(error.__dict__)
    fresh.args = error.args
    return fresh


def _compute(tag: str, props: Mapping[str, Any], parent: ComputedStyle, viewport: tuple[float, float],
             on_style_error: Callable[[StyleError], None] | None, point_scale_factor: float,
             ch_ratio: Callable[[Any, Any, Any], float | None] | None) -> tuple[ComputedStyle, _Events]:
    """The style and what compute_style told its callbacks (told again by the caller)."""
    events: list[tuple[bool, StyleError]] = []

    def invalid(error: StyleError) -> None:
        events.append((True, error))

    def warning(error: StyleError) -> None:
        events.append((False, error))

    style = compute_style(tag, props, parent, viewport=viewport,
                          on_style_error=invalid if on_style_error is not None else None,
                          point_scale_factor=point_scale_factor, on_warning=warning, ch_ratio=ch_ratio)
    return style, tuple(events)


def root_style_of(*, width: float | None, height: float | None) -> ComputedStyle:
    """:func:`~.computed.root_style`, the same object for the same canvas (the memo's first parent)."""
    key = (_freeze(width, [0]), _freeze(height, [0]))
    style = _ROOTS.get(key)
    if style is None:
        style = root_style(width=width, height=height)
        _ROOTS.put(key, style)
    return style


def clear() -> None:
    """Forget every memoised style."""
    for cache in (_STYLES, _ROOTS, _PARENTS):
        cache.clear()
