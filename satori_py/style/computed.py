"""``ComputedStyle`` and ``compute_style``: one element's style, typed.

Mirrors the reference's ``handler/compute.ts`` end to end: presets and
inline declarations are cascaded (:mod:`.cascade`), expanded
(:mod:`.expand`), resolved to px (:mod:`.resolve`), then checked and typed
in the order of compute.ts with the property table (:mod:`.properties`);
a declaration with a fused step (:mod:`.steps`: the three passes' result for that
declaration alone, kept per value) is typed from its step, and only the others take the
three passes.
The result is an immutable mapping keyed by camelCase longhands, where every
property of the table has a value (its initial value when not set), and the
same values typed by group (``style.box``, ``.flex``, ``.font``, ``.text``,
``.paint``: :mod:`.computed_types`), built with it; the inherited groups of an element that sets none of their
properties are its parent's own objects. Readers move from the mapping to the
groups one at a time (the layout's reads are counted by tests/test_architecture.py).
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Iterator, Mapping
from operator import itemgetter
from typing import Any

from ..errors import NOT_THE_VALUES_FAULT, StyleError
from . import convert as conv
from .cascade import apply_resets, cascade_declarations
from .colors import BLACK
from .computed_types import BoxGroup, FlexGroup, FontGroup, PaintGroup, TextGroup
from .expand import expand_color, expand_rest
from .font_features import (VARIANT_FEATURES, FontFeatures, font_feature_settings, parse_font_feature_settings,
                            parse_font_variation_settings)
from .grid_shorthands import declares_grid
from .masks import MASK_PROPERTIES
from .paint_values import PAINT_VALUE_KEYS, PaintContext, parse_paint_values
from .presets import LIST_ELEMENTS, preset_for
from .properties import CURRENT_COLOR, DISPLAY_TYPES, INHERITED_TABLE_KEYS, PROPERTIES, inherited_values
from .replaced import svg_size
from .resolve import element_font_size, resolve_declared
from .schema import GROUP_KEYS
from .steps import fused, known
from .transform import svg_transform_to_css
from .types import LineHeight, TransformFunction
from .values import LengthContext, check_keyword, js_string, js_to_number, unreadable

__all__ = ["ComputedStyle", "compute_style", "inline_style", "root_style"]

_TEXT_ALIGN = {k: k for k in ("left", "right", "center", "justify", "start", "end")}
_SIDES = ("Top", "Right", "Bottom", "Left")
_BORDER_KEYS = tuple((f"border{side}Style", f"border{side}Width") for side in _SIDES)
# Folded into `textShadow`.
_SHADOW_PARTS = ("textShadowOffset", "textShadowColor", "textShadowRadius")
# The properties in the table's order (compute.ts's), and their values when not declared:
# the initial value, the element's colour for currentColor, or the parent's value for an
# inherited property (for an inherited currentColor one: once an ancestor has set it).
_ROW_INDEX = {name: i for i, name in enumerate(PROPERTIES)}
_INITIAL_TYPED = {name: None if row.initial is CURRENT_COLOR else row.initial for name, row in PROPERTIES.items()}
_CURRENT_INITIAL = tuple(name for name, row in PROPERTIES.items() if row.initial is CURRENT_COLOR)
_INHERITED_PLAIN = tuple(name for name, row in PROPERTIES.items() if row.inherited and row.initial is not CURRENT_COLOR)
_inherited_plain = itemgetter(*_INHERITED_PLAIN)
_INHERITED_CURRENT = tuple(name for name, row in PROPERTIES.items() if row.inherited and row.initial is CURRENT_COLOR)
_INHERITED_CURRENT_KEYS = frozenset(_INHERITED_CURRENT)
# The declared keys that change an inherited group (the text shadow's parts make textShadow).
_FONT_KEYS = GROUP_KEYS["font"]
_TEXT_KEYS = GROUP_KEYS["text"] | frozenset(_SHADOW_PARTS)
_BOX_KEYS, _FLEX_KEYS, _PAINT_KEYS = GROUP_KEYS["box"], GROUP_KEYS["flex"], GROUP_KEYS["paint"]
# The declared keys the font features are made of (all inherited): an element that declares
# none of them shapes its text with its parent's.
_FEATURE_KEYS = frozenset(("fontKerning", "letterSpacing", "fontFeatureSettings", *VARIANT_FEATURES))
_TOKENS = itertools.count(1)
_NONE_TYPED: Mapping[str, Any] = {}  # (an element without steps: no longhand is typed already)


class ComputedStyle(Mapping[str, Any]):
    """An immutable mapping of camelCase longhands to typed values, and its typed groups.

    ``warnings`` holds what the reference would only ``console.warn`` about
    for this element (without ``on_style_error``); ``--*`` keys are custom
    properties. The groups are built with the style; those given (``font`` and
    ``text``: the parent's, when the element changes none of their values) are
    not rebuilt. A partial mapping (a test's) has no groups. The typed attributes below are
    what is not a CSS value: what the element declared, and the state its
    children inherit.
    """

    __slots__ = ("_values", "warnings", "lengths", "declared", "color_text", "ch_ratio", "set_colors",
                 "child_list_depth", "box", "flex", "font", "text", "paint", "font_features", "_token", "_inherited",
                 "derived")
    _values: dict[str, Any]
    warnings: tuple[str, ...]
    # What the element's own relative lengths resolve against (vw/vh, ch, lh): paint's
    # background positions and stops, resolved against a box size, read it.
    lengths: LengthContext
    # The properties the element declared (expanded longhands): replaced sizing, a select's
    # padding, the alignment defaults and the missing-font report ask "was it set".
    declared: frozenset[str]
    # The colour as written (`currentColor` of an inline SVG), inherited.
    color_text: str
    # The width of `0` per px of font size in the element's font (its own, else the nearest
    # ancestor's; None without fonts): the `ch` unit of its descendants.
    ch_ratio: float | None
    # The inherited currentColor-initial properties some ancestor has set (they stop following
    # each element's own colour), and the list nesting depth of the element's children.
    set_colors: frozenset[str]
    child_list_depth: int
    # The values by group, built with the style (~4 us for all five): a slot is the cheapest
    # read there is (a property, or a __getattr__ on the class, slowed every read of a style).
    box: BoxGroup  # the element's own box: display, position, sizes, margins, padding, borders
    flex: FlexGroup  # how the element lays out its children (flex, grid) and is placed as an item
    font: FontGroup  # the font properties (inherited)
    text: TextGroup  # the text properties (inherited)
    paint: PaintGroup  # backgrounds, borders' paint, shadows, transforms, effects, outline
    # The OpenType features its text is shaped with: fontKerning, the fontVariant longhands,
    # letterSpacing (which turns optional ligatures off) and fontFeatureSettings, read once here.
    font_features: FontFeatures
    _token: int
    _inherited: _Inheritance | None
    # What later stages derive from this style alone (immutable, as it is), kept with it: a style
    # comes back from the memo (:mod:`.memo`) in every render, and a read here is one dict lookup
    # where a process-wide cache keyed by the style's token took a lock and a hash. Each deriving
    # module keeps a fixed few keys of its own (e.g. the layout's node style per display type),
    # so it is bounded as the styles are.
    derived: dict[Hashable, Any]

    def __init__(self, values: Mapping[str, Any], warnings: tuple[str, ...] = (), *,
                 box: BoxGroup | None = None, flex: FlexGroup | None = None, font: FontGroup | None = None,
                 text: TextGroup | None = None, paint: PaintGroup | None = None,
                 lengths: LengthContext | None = None, declared: frozenset[str] = frozenset(),
                 color_text: str = "black", ch_ratio: float | None = None,
                 set_colors: frozenset[str] = frozenset(), child_list_depth: int = 0,
                 font_features: FontFeatures | None = None, copy: bool = True) -> None:
        # copy=False: ``values`` is a dict no one else holds (this module's), taken as it is.
        values = dict(values) if copy or type(values) is not dict else values
        _set_values(self, values)
        try:
            _set_box(self, BoxGroup.from_values(values) if box is None else box)
            _set_flex(self, FlexGroup.from_values(values) if flex is None else flex)
            _set_font(self, FontGroup.from_values(values) if font is None else font)
            _set_text(self, TextGroup.from_values(values) if text is None else text)
            _set_paint(self, PaintGroup.from_values(values) if paint is None else paint)
        except KeyError:
            pass  # a partial mapping: reading a group it lacks raises AttributeError
        _set_warnings(self, tuple(warnings))
        _set_lengths(self, lengths if lengths is not None else LengthContext())
        _set_declared(self, declared)
        _set_color_text(self, color_text)
        _set_ch_ratio(self, ch_ratio)
        _set_set_colors(self, set_colors)
        _set_child_list_depth(self, child_list_depth)
        _set_font_features(self, style_font_features(values) if font_features is None else font_features)
        _set_token(self, 0)
        _set_inherited(self, None)
        _set_derived(self, {})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("ComputedStyle is immutable; use replace()")

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    # Mapping's own get and `in` go through __getitem__ and an exception: these are read a lot.
    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._values

    @property
    def token(self) -> int:
        """A number no other style object has: what the style memo (:mod:`.memo`) keys a parent by."""
        token: int = self._token
        if not token:
            token = next(_TOKENS)  # atomic under the GIL; two threads could only both stamp it
            _set_token(self, token)
        return token

    def inherited(self) -> Mapping[str, Any]:
        """What a child inherits: the inherited and the custom (``--*``) values, in order.
        Made once per style (an element's children share it)."""
        return self._inheritance().values

    def _inheritance(self) -> _Inheritance:
        inheritance: _Inheritance | None = self._inherited
        if inheritance is None:
            inheritance = _Inheritance(inherited_values(self._values))
            _set_inherited(self, inheritance)
        return inheritance

    def replace(self, **changes: Any) -> ComputedStyle:
        """A copy with the values ``changes`` (e.g. the painter's resolved ones)."""
        return ComputedStyle({**self._values, **changes}, self.warnings, copy=False,
                             box=None if _BOX_KEYS.intersection(changes) else getattr(self, "box", None),
                             flex=None if _FLEX_KEYS.intersection(changes) else getattr(self, "flex", None),
                             font=None if _FONT_KEYS.intersection(changes) else getattr(self, "font", None),
                             text=None if _TEXT_KEYS.intersection(changes) else getattr(self, "text", None),
                             paint=None if _PAINT_KEYS.intersection(changes) else getattr(self, "paint", None),
                             lengths=self.lengths, declared=self.declared, color_text=self.color_text,
                             ch_ratio=self.ch_ratio, set_colors=self.set_colors,
                             child_list_depth=self.child_list_depth,
                             font_features=None if _FEATURE_KEYS.intersection(changes) else self.font_features)

    def __repr__(self) -> str:
        shown = {k: v for k, v in self._values.items() if not k.startswith("_")}
        return f"ComputedStyle({shown!r})"


# Each slot's own setter (the class refuses attribute assignment): half the cost of
# object.__setattr__, which looks the slot up by its name; a style sets all 17.
(_set_values, _set_warnings, _set_lengths, _set_declared, _set_color_text, _set_ch_ratio, _set_set_colors,
 _set_child_list_depth, _set_box, _set_flex, _set_font, _set_text, _set_paint, _set_font_features, _set_token,
 _set_inherited, _set_derived) = (ComputedStyle.__dict__[name].__set__ for name in (
    "_values", "warnings", "lengths", "declared", "color_text", "ch_ratio", "set_colors", "child_list_depth",
    "box", "flex", "font", "text", "paint", "font_features", "_token", "_inherited", "derived"))


def style_font_features(values: Mapping[str, Any]) -> FontFeatures:
    """The features text in a style with these values is shaped with (``fontFeatureSettings``
    last: it wins), as HarfBuzz is given them."""
    return tuple(parse_font_feature_settings(font_feature_settings(values)).items())


def _initial(name: str, color: Any) -> Any:
    initial = PROPERTIES[name].initial
    return color if initial is CURRENT_COLOR else initial


def root_style(*, width: float | None, height: float | None) -> ComputedStyle:
    """The style the root element inherits from: every property at its initial value."""
    values = {name: _initial(name, BLACK) for name in PROPERTIES}
    values.update(displayOuter="inline", displayInner="inline", overflow="visible", aspectRatioAuto=False)
    return ComputedStyle(values, lengths=LengthContext(float(width or 0.0), float(height or 0.0)), copy=False)


def _snap(width: float, scale: float) -> float:
    """Border and outline widths snap to device pixels (``snapLineWidth``)."""
    if not scale or width <= 0 or (scale == 1 and width % 1 == 0):  # whole px: already snapped
        return width
    pixels = width * scale
    if abs(pixels - round(pixels)) < 1e-6:  # whole px, give or take rounding (5e-324 is none)
        return round(pixels) / scale
    return max(1, math.floor(pixels)) / scale


class _Inheritance:
    """What the children of a style inherit, and the parts of it each child's computation reads
    whole: made once per style, not once per child (read only: a child with ``all``/``inherit``
    resets works on a copy)."""

    __slots__ = ("_start", "extras", "values", "variables")

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        if values.keys() == INHERITED_TABLE_KEYS:  # (most styles: no custom property, no font variant)
            self.variables: dict[str, Any] = {}
            self.extras: dict[str, Any] = {}
        else:
            self.variables = {k: v for k, v in values.items() if k.startswith("--")}
            # The inherited values that are not properties of the table (custom properties), in order.
            self.extras = {k: v for k, v in values.items() if k not in PROPERTIES}
        self._start: tuple[frozenset[str], dict[str, Any], tuple[str, ...]] | None = None

    def start(self, set_colors: frozenset[str]) -> tuple[dict[str, Any], tuple[str, ...]]:
        """What a child's typed values start from, every property at the value it has when not
        declared but for the child's own colour (read only): the initial values, the inherited
        ones, and an inherited currentColor one where an ancestor has set it (``set_colors``);
        and the properties that take the child's colour. Made once for the children of a style."""
        start = self._start
        if start is None or start[0] != set_colors:
            base = self.values
            typed = dict(_INITIAL_TYPED)
            try:
                typed.update(zip(_INHERITED_PLAIN, _inherited_plain(base)))
            except KeyError:  # a root style without some inherited value
                typed.update({name: base[name] for name in _INHERITED_PLAIN if name in base})
            kept = {name for name in _INHERITED_CURRENT if name in base and name in set_colors}
            typed.update((name, base[name]) for name in kept)
            start = self._start = (set_colors, typed, tuple(n for n in _CURRENT_INITIAL if n not in kept))
        return start[1], start[2]


def inline_style(props: Mapping[str, Any],
                 tailwind: Callable[[Any, dict[str, Any]], dict[str, Any]] | None) -> dict[str, Any]:
    """The element's inline style, a ``tw`` prop's classes merged under it when ``tailwind`` is given."""
    inline = props.get("style")
    inline = dict(inline) if isinstance(inline, Mapping) else {}
    if tailwind is not None and "tw" in props:
        inline = tailwind(props["tw"], inline)
    return inline


def compute_style(tag: str, props: Mapping[str, Any] | None, parent: ComputedStyle, *,
                  viewport: tuple[float, float],
                  on_style_error: Callable[[StyleError], None] | None = None,
                  point_scale_factor: float = 1.0,
                  on_warning: Callable[[StyleError], None] | None = None,
                  tailwind: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None,
                  ch_ratio: Callable[[Any, Any, Any], float | None] | None = None) -> ComputedStyle:
    """The computed style of element ``tag`` with ``props``, inheriting from ``parent``.

    Invalid values raise StyleError with the reference's sentence, or are
    passed to ``on_style_error`` and dropped when it is given. Values the
    reference only warns about are dropped and listed in ``warnings``; they,
    and what the reference ignores without a word (unsupported properties,
    invalid values that fall back), are passed to ``on_warning``.
    ``tailwind(tw, inline)`` merges a ``tw`` prop's classes under the inline
    style (layout.ts does it before computeStyle), see satori_py.tailwind.
    ``ch_ratio(fontFamily, fontWeight, fontStyle)`` is the width of ``0`` per px
    of font size in the element's font (None without fonts): the ``ch`` unit of
    its paint values and of its descendants (layout.ts).
    """
    props = props or {}
    warnings: list[str] = []
    inline = inline_style(props, tailwind)

    def note(error: StyleError) -> None:
        if on_warning is not None:
            on_warning(error)

    def warn(message: str, prop: str | None = None) -> None:
        warnings.append(message)
        note(StyleError(message, prop=prop))
    reported = False  # whether the property being typed has been reported already

    def report(error: StyleError) -> None:
        nonlocal reported
        reported = True
        if on_style_error is None:
            raise error
        on_style_error(error)

    def soft(message: str) -> None:
        nonlocal reported
        reported = True
        if on_style_error is not None:
            on_style_error(StyleError(message, prop=ctx.prop))  # noqa: F821 (ctx: deleted at the end)
        else:
            warn(message)

    def ignored(message: str) -> None:
        nonlocal reported
        reported = True
        if ctx.prop not in expanded.warned:  # noqa: F821 - else its declaration said it (ctx: deleted at the end)
            note(StyleError(message, prop=ctx.prop, value=declared.get(ctx.prop)))  # noqa: F821

    if tag == "svg" and isinstance(props.get("transform"), str) and inline.get("transform") is None:
        # The transform attribute of an inline SVG transforms its box.
        matrix = svg_transform_to_css(props["transform"])
        if matrix:
            inline["transform"] = matrix
    # A plain mapping as the parent (tests, callers of the mapping API) has no inherited state.
    state = parent if isinstance(parent, ComputedStyle) else _NO_STATE
    list_depth = state.child_list_depth
    preset = preset_for(tag, props, list_depth)
    own_direction = js_string(inline["direction"]).strip().lower() if "direction" in inline else ""
    direction = own_direction if own_direction in ("ltr", "rtl") else js_string(
        preset.get("direction") or parent.get("direction") or "ltr")
    declarations, resets = cascade_declarations(preset, inline, direction)

    if isinstance(parent, ComputedStyle) and not resets:
        parent_values, inheritance = parent._values, parent._inheritance()
    else:
        parent_values = parent._values if isinstance(parent, ComputedStyle) else dict(parent)
        inherited = inherited_values(parent_values)
        apply_resets(inherited, resets)
        inheritance = _Inheritance(inherited)
    base = inheritance.values  # read only from here (the parent's own when nothing is reset)
    color_text = state.color_text if "color" in base else "black"
    parent_line_height = base.get("lineHeight")
    viewport_width, viewport_height = float(viewport[0] or 0.0), float(viewport[1] or 0.0)
    ch = float(state.ch_ratio or 0.5)
    multiplier = parent_line_height.value if isinstance(parent_line_height, LineHeight) \
        and parent_line_height.kind == "multiplier" else None
    # (most elements: what their lengths resolve against is what their parent's children's do)
    lengths = state.lengths
    if lengths.viewport_width != viewport_width or lengths.viewport_height != viewport_height \
            or lengths.ch_ratio != ch or lengths.line_height != multiplier:
        lengths = LengthContext(viewport_width, viewport_height, ch, multiplier)

    expanded = expand_color(declarations, inheritance.variables, base.get("color", BLACK), color_text, warn, note)
    color = expanded.color
    # Most elements: every declaration typed from its fused step (style/steps.py); else the long
    # way for the declarations without one, whose passes report in their order.
    steps = fused(expanded.rest, expanded.color_text, color)
    inherited_size = float(base.get("fontSize", 16.0))
    if steps is not None and steps.complete:
        declared = steps.declared
        known_typed: Mapping[str, Any] = steps.typed
        font_size = element_font_size(declared.get("fontSize"), inherited_size, lengths, note)
        if "fontSize" in declared:
            declared["fontSize"] = font_size  # (as resolve_declared leaves it)
    else:
        expand_rest(expanded, report, warn, note, steps.steps if steps is not None else None)
        known_resolved, known_typed = known(expanded.stepped, steps.steps) if expanded.stepped \
            and steps is not None else (None, _NONE_TYPED)
        declared, font_size = resolve_declared(expanded.declared, inherited_size, lengths, report, note,
                                               known_resolved)

    # Inherited colours that default to currentColor follow each element's own
    # colour until some ancestor sets them. Every property starts at the value it has
    # when not declared (also the fallback of an invalid declaration); the declared
    # ones are then converted in the table's order (those of a step are typed already).
    start, own_colored = inheritance.start(state.set_colors)
    typed: dict[str, Any] = dict(start)
    for name in own_colored:
        typed[name] = color
    ctx = conv.Context("", font_size, color, lengths, report, soft, typed, ignored)
    typed.update(known_typed)

    if steps is None or not steps.complete:
        rows = declared.keys() & _ROW_INDEX.keys()
        for name in sorted(rows - known_typed.keys() if known_typed else rows, key=_ROW_INDEX.__getitem__):
            value = declared[name]
            ctx.prop = name
            reported = False
            if name == "order":
                typed[name] = _order(value, report)
            elif name == "visibility" and value == parent_values.get("visibility"):
                typed[name] = value
            elif name == "aspectRatio":
                typed[name] = float(value) if isinstance(value, (int, float)) and value > 0 else None
            else:
                try:
                    result = PROPERTIES[name].convert(value, ctx)
                except NOT_THE_VALUES_FAULT:
                    raise
                except Exception:  # noqa: BLE001 - any other failure of a converter: the value is invalid
                    report(unreadable(name, value))
                    result = conv.INVALID
                if result is conv.INVALID and not reported and name not in expanded.warned:
                    ignored(conv.ignored_value(name, value))
                if result is not conv.INVALID:
                    typed[name] = result

    typed["fontSize"] = font_size
    typed["color"] = color
    _finish_boxes(typed, declared, color, point_scale_factor)
    _finish_paint(typed, declared, ctx, report)
    if "textAlign" in declared:
        # Checked by the reference's text layout, which throws even with onStyleError.
        check_keyword(declared["textAlign"], _TEXT_ALIGN, "textAlign")

    if inheritance.extras or not declared.keys() <= _ROW_INDEX.keys():
        values: dict[str, Any] = dict(inheritance.extras)
        values.update({k: v for k, v in declared.items() if k not in PROPERTIES and k not in _SHADOW_PARTS})
        if "fontVariationSettings" in declared:
            # Read once, here: the location the text stage instances variable fonts at (an invalid
            # value, which expand() reported, is the default location: CSS ignores it).
            values["fontVariationSettings"] = parse_font_variation_settings(declared["fontVariationSettings"])
        for part in _SHADOW_PARTS:
            values.pop(part, None)
        values.update(typed)
    else:
        values = typed  # (most elements: nothing comes before the typed values, which hold no shadow part)
    values.update(expanded.variables)
    if _INHERITED_CURRENT_KEYS.isdisjoint(declared):
        set_colors = state.set_colors
    else:
        set_colors = state.set_colors.union(name for name in _INHERITED_CURRENT if name in declared)
    values["aspectRatioAuto"] = expanded.aspect_ratio_auto
    declared_keys = frozenset(declared)
    own_ratio = ch_ratio(typed["fontFamily"], typed["fontWeight"], typed["fontStyle"]) if ch_ratio else None
    if own_ratio is None:
        own_ratio = state.ch_ratio
    own_line_height = typed["lineHeight"]
    own_multiplier = own_line_height.value if isinstance(own_line_height, LineHeight) \
        and own_line_height.kind == "multiplier" else None
    own_ch = float(own_ratio or 0.5)
    # (most elements: what their children's lengths resolve against is their own)
    own_lengths = lengths if own_ch == lengths.ch_ratio and own_multiplier == lengths.line_height else \
        LengthContext(lengths.viewport_width, lengths.viewport_height, own_ch, own_multiplier)
    if not PAINT_VALUE_KEYS.isdisjoint(declared):  # (most elements declare none)
        parse_paint_values(values, lambda: PaintContext(
            font_size, inherited_size, (own_lengths.viewport_width, own_lengths.viewport_height),
            own_lengths.ch_ratio, own_lengths.line_height, color), report, note)
    grid = declares_grid(declared)
    if grid:
        from .grid_values import parse_grid  # imported by the first element with a grid property

        parse_grid(values, font_size, own_lengths, report)
    if tag == "svg":
        values["svgSize"] = svg_size(values, props, inherited_size,
                                     (lengths.viewport_width, lengths.viewport_height), declared=declared_keys)
    # The inherited groups of the parent are this element's when it sets none of their values.
    shares = isinstance(parent, ComputedStyle) and not resets
    del ctx  # it holds soft() and ignored(), which read it: a reference cycle per element otherwise
    return ComputedStyle(values, tuple(warnings), copy=False,
                         flex=_initial_flex(values) if not grid and _FLEX_KEYS.isdisjoint(declared) else None,
                         paint=_initial_paint(values, color, point_scale_factor)
                         if _PAINT_KEYS.isdisjoint(declared) and _MASK_KEYS.isdisjoint(declared) else None,
                         font=parent.font if shares and _FONT_KEYS.isdisjoint(declared) else None,
                         text=parent.text if shares and _TEXT_KEYS.isdisjoint(declared)
                         and (color is base.get("color") or color == base.get("color")) else None,
                         lengths=own_lengths,
                         declared=declared_keys, color_text=expanded.color_text, ch_ratio=own_ratio,
                         set_colors=set_colors,
                         child_list_depth=list_depth + (1 if tag in LIST_ELEMENTS else 0),
                         font_features=parent.font_features if shares and _FEATURE_KEYS.isdisjoint(declared)
                         else None)


# The inherited state of a parent given as a plain mapping: the root's.
_NO_STATE = ComputedStyle({})

# The flex and paint groups of an element that declares none of their values (about half the
# elements of a card): every value is its initial one (they are not inherited), but for the
# currentColor-initial colours and the outline width, snapped at the point scale. Made from the
# first such element's values, then shared (the last one's paint, for its colour and scale);
# tests/style/test_computed_types.py holds every style's groups to its values.
_initial_flex_group: FlexGroup | None = None
_initial_paint_group: tuple[Any, float, PaintGroup] | None = None
# Declared keys that change the paint group though not its own (folded into maskImage).
_MASK_KEYS = frozenset(MASK_PROPERTIES)


def _initial_flex(values: Mapping[str, Any]) -> FlexGroup:
    global _initial_flex_group
    group = _initial_flex_group
    if group is None:
        group = _initial_flex_group = FlexGroup.from_values(values)
    return group


def _initial_paint(values: Mapping[str, Any], color: Any, scale: float) -> PaintGroup:
    global _initial_paint_group
    last = _initial_paint_group
    if last is not None and last[1] == scale and (last[0] is color or last[0] == color):
        return last[2]
    group = PaintGroup.from_values(values)
    _initial_paint_group = (color, scale, group)
    return group


def _order(value: Any, report: Callable[[StyleError], None]) -> int:
    number = js_to_number(value)
    if not (math.isfinite(number) and number == int(number)):
        report(StyleError(f'Invalid value for CSS property "order": {js_string(value)}', prop="order",
                          value=value))
        return 0
    return int(number)


# The overflow values that make no scroll container, and what they become beside one that does.
_NOT_SCROLLING = {"visible": "auto", "clip": "hidden"}


def _finish_boxes(typed: dict[str, Any], declared: Mapping[str, Any], color: Any, scale: float) -> None:
    """Display types, overflow pairs and border widths, as compute.ts settles them."""
    outer, inner = DISPLAY_TYPES.get(typed["display"], ("inline", "inline"))
    # A vertical -webkit-box with a line clamp is a block container whose lines are clamped.
    if typed["display"] == "-webkit-box" and declared.get("WebkitBoxOrient") == "vertical" \
            and js_to_number(declared.get("WebkitLineClamp")) > 0:
        inner = "flow-root"
    typed["displayOuter"], typed["displayInner"] = outer, inner

    x, y = typed["overflowX"], typed["overflowY"]
    if x != y and (x in _NOT_SCROLLING) != (y in _NOT_SCROLLING):
        # visible and clip don't make a scroll container: with one that does, they're auto and hidden.
        x, y = _NOT_SCROLLING.get(x, x), _NOT_SCROLLING.get(y, y)
    typed["overflowX"], typed["overflowY"] = x, y
    typed["overflow"] = "visible" if x == "visible" and y == "visible" else "hidden"

    # A side without a border style has no width; the width defaults to medium.
    for style, width in _BORDER_KEYS:
        if typed[style] in ("none", "hidden"):
            typed[width] = 0.0
        else:
            typed[width] = _snap(typed[width], scale)
    typed["outlineWidth"] = _snap(typed["outlineWidth"], scale)


def _finish_paint(typed: dict[str, Any], declared: Mapping[str, Any], ctx: conv.Context,
                  report: Callable[[StyleError], None]) -> None:
    """Shadows, transforms and backgrounds, which have several serialized parts."""
    try:
        if not declared.keys().isdisjoint(_SHADOW_PARTS):
            typed["textShadow"] = conv.text_shadows(declared, ctx)
    except NOT_THE_VALUES_FAULT:
        raise
    except Exception:  # noqa: BLE001 - parts no parser can take: the value is invalid
        report(unreadable("textShadow", [declared.get(p) for p in _SHADOW_PARTS]))
    try:
        if "boxShadow" in declared:
            ctx.prop = "boxShadow"
            typed["boxShadow"] = conv.box_shadows(declared["boxShadow"], ctx)
    except NOT_THE_VALUES_FAULT:
        raise
    except Exception:  # noqa: BLE001
        typed["boxShadow"] = ()  # not the table's raw value: `[1, 2]` reached the painter as shadows
        report(unreadable("boxShadow", declared["boxShadow"]))
    transform = declared.get("transform")
    typed["transform"] = tuple(transform) if transform and all(
        isinstance(f, TransformFunction) for f in transform) else None
    image = declared.get("backgroundImage")
    typed["backgroundImage"] = image if isinstance(image, tuple) and image else None
