"""The typed computed style (style/schema.py -> generated keywords.py, computed_types.py)
describes what the style stage computes: every computed style of the golden cases and
of the conformance suite converts to it, each value of the type its field declares."""
from __future__ import annotations

import copy
import pickle
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from satori_py.case import load_case
from satori_py.element import Element, load_element
from satori_py.errors import SatoriError
from satori_py.style import ComputedStyle, compute_style, root_style
from satori_py.style import computed as computed_module
from satori_py.style.computed import style_font_features
from satori_py.style import keywords as keyword_types
from satori_py.style.computed_types import BoxGroup, TypedStyle
from satori_py.style.grid_values import GridContainer, GridItem
from satori_py.style.keywords import Display, SizeKeyword
from satori_py.style.properties import PROPERTIES, is_inherited
from satori_py.style.schema import (
    ALWAYS_COMPUTED,
    COLUMNS,
    ENUMS,
    GROUPS,
    INHERITED_GROUPS,
    keyword_values,
)
from satori_py.style.paint_types import ObjectPosition
from satori_py.style.types import Percent, TabLength
from satori_py.style.values import LengthContext
from tests.style import make_computed_types
from tests.support.paths import GOLDEN_DIR, suite_dir


def test_the_generated_modules_are_current() -> None:
    stale = [name for name, generate in make_computed_types.GENERATED.items()
             if (make_computed_types.STYLE / name).read_text(encoding="utf-8") != generate()]
    assert stale == [], "run: python -m tests.style.make_computed_types"


def test_every_computed_key_has_a_column_in_a_group() -> None:
    assert sorted(set(PROPERTIES) - set(COLUMNS)) == []
    assert ALWAYS_COMPUTED <= set(COLUMNS)
    assert {column.group for column in COLUMNS.values()} == set(GROUPS)


def test_groups_follow_inheritance() -> None:
    wrong = [name for name, column in COLUMNS.items()
             if (column.group in INHERITED_GROUPS) != is_inherited(name)]
    assert wrong == []


def test_keyword_enums_are_the_converters_keywords() -> None:
    for name, row in PROPERTIES.items():
        keywords = keyword_values(row.convert)
        if keywords is not None:
            assert set(ENUMS[COLUMNS[name].type]) == set(keywords), name
    assert set(ENUMS["TextAlign"]) == set(computed_module._TEXT_ALIGN)


def test_keyword_types_are_the_keyword_sets() -> None:
    for name, keywords in ENUMS.items():
        assert typing.get_args(getattr(keyword_types, name)) == keywords, name
    assert "-webkit-box" in typing.get_args(Display)


# -- checking values against the declared types ---------------------------------------

def fits(value: Any, hint: Any) -> bool:
    """Whether ``value`` is of the type ``hint`` (unions, tuples, keyword sets, classes, Any, None)."""
    if hint is Any:
        return True
    if hint is None or hint is type(None):
        return value is None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(fits(value, arg) for arg in typing.get_args(hint))
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(fits(item, args[0]) for item in value)
        return len(args) == len(value) and all(fits(v, a) for v, a in zip(value, args))
    if hint is float:
        return isinstance(value, float)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin is typing.Literal:
        return type(value) is str and value in typing.get_args(hint)  # an exact str: see keywords.py
    return isinstance(value, hint)


# Named by computed_types for type checkers only (imported by the first grid).
_GRID_TYPES = {"GridContainer": GridContainer, "GridItem": GridItem}


def misfits(style: TypedStyle) -> list[str]:
    found = []
    for group in GROUPS:
        values = getattr(style, group)
        hints = typing.get_type_hints(type(values), localns=_GRID_TYPES)
        for field in type(values)._fields:
            hint, value = hints[field], getattr(values, field)
            if not fits(value, hint):
                found.append(f"{group}.{field} = {value!r}")
    return found


def test_the_check_rejects_what_does_not_fit() -> None:
    good = TypedStyle.from_values(root_style(width=10, height=10))
    assert misfits(good) == []
    wrong_box = BoxGroup(**{**{f: getattr(good.box, f) for f in BoxGroup._fields},
                            "width": "wide", "order": 1.0})
    assert misfits(TypedStyle(wrong_box, good.flex, good.font, good.text, good.paint)) == \
        ["box.width = 'wide'", "box.order = 1.0"]
    assert fits("auto", typing.get_type_hints(BoxGroup)["width"])
    assert not fits("wide", SizeKeyword) and not fits(1.0, SizeKeyword)
    assert fits(Percent(5), typing.get_type_hints(BoxGroup)["width"])
    assert not fits((1.0, "x"), tuple[float, ...])


def test_groups_behave_as_frozen_dataclasses() -> None:
    """The generated named tuples behave as frozen dataclasses do."""
    style = TypedStyle.from_values(root_style(width=10, height=10))
    again = TypedStyle.from_values(root_style(width=10, height=10))
    assert style == again and hash(style) == hash(again) and style is not again
    assert style.box != BoxGroup.from_values(dict(root_style(width=10, height=10), width=11.0))
    assert pickle.loads(pickle.dumps(style)) == style and copy.deepcopy(style.paint) == style.paint
    assert repr(style.flex).startswith("FlexGroup(flex_direction='row', flex_wrap='nowrap', flex_grow=0.0")
    with pytest.raises(AttributeError):
        style.box.width = 5.0  # type: ignore[misc]
    fields = {f: getattr(style.box, f) for f in BoxGroup._fields}
    assert BoxGroup(**fields) == style.box
    assert BoxGroup(**{k: v for k, v in fields.items() if k != "content"}).content is None  # optional
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'display'"):
        BoxGroup(**{k: v for k, v in fields.items() if k != "display"})


# -- every computed style of the cases -------------------------------------------------

def _case_files() -> list[Path]:
    files = sorted(GOLDEN_DIR.glob("**/*.json"))
    suite = suite_dir()
    if suite is not None:
        files += sorted(suite.glob("cases/*.json"))
    return files


def _styles(element: Element, parent: ComputedStyle,
            viewport: tuple[float, float]) -> Iterator[tuple[ComputedStyle, ComputedStyle]]:
    """(style, parent style) of ``element`` and its descendants."""
    style = compute_style(element.type, dict(element.props), parent, viewport=viewport,
                          on_style_error=lambda error: None)
    yield style, parent
    for child in element.children:
        if isinstance(child, Element):
            yield from _styles(child, style, viewport)


def test_every_computed_style_of_the_cases_fits() -> None:
    """... and its groups (and font features) are those of its values, the parent's own
    objects when shared."""
    checked = 0
    shared = {"font": 0, "text": 0, "font_features": 0}
    problems: dict[str, list[str]] = {}
    private: set[str] = set()
    for path in _case_files():
        try:
            case = load_case(path)
            element = load_element(case.element)
        except (SatoriError, ValueError, TypeError):
            continue  # cases that expect an error
        width, height = case.options.get("width"), case.options.get("height")
        viewport = (float(width or 0.0), float(height or 0.0))
        try:
            for style, parent in _styles(element, root_style(width=width, height=height), viewport):
                checked += 1
                private |= {key for key in style if key.startswith("_")}
                typed = TypedStyle.from_values(style)
                found = misfits(typed)
                found += [f"{group} differs from its values" for group in GROUPS
                          if getattr(style, group) != getattr(typed, group)]
                if style.font_features != style_font_features(style):
                    found.append("font_features differ from its values")
                if found:
                    problems.setdefault(path.stem, []).extend(found)
                for group in shared:
                    shared[group] += getattr(style, group) is getattr(parent, group)
        except SatoriError:
            continue  # an error the reference throws even with onStyleError
    assert checked > 100  # the golden cases alone have more elements than this
    assert problems == {}
    assert min(shared.values()) > checked // 4, shared  # most elements set no font or text property
    assert sorted(private) == [], "a private key: make it a typed field instead"


def test_inherited_groups_are_shared_until_an_element_sets_one_of_their_values() -> None:
    root = root_style(width=100, height=100)
    box = compute_style("div", {"style": {"width": 10, "display": "flex"}}, root, viewport=(100, 100))
    sized = compute_style("span", {"style": {"fontSize": 20}}, box, viewport=(100, 100))
    shadowed = compute_style("span", {"style": {"textShadow": "1px 1px 2px red"}}, sized, viewport=(100, 100))
    assert (box.font, box.text) == (root.font, root.text) and box.font is root.font and box.text is root.text
    assert sized.font is not box.font and sized.font.font_size == 20.0 and sized.text is box.text
    assert shadowed.font is sized.font and shadowed.text is not sized.text
    assert (box.box.width, box.box.display, box.flex.flex_direction) == (10.0, "flex", "row")
    assert box.replace(width=5.0).text is box.text and box.replace(color="red").text is not box.text
    # replace() rebuilds only the groups of the values it changes
    wider, red = box.replace(width=5.0), box.replace(color="red")
    assert wider.box.width == 5.0 and wider.flex is box.flex and wider.paint is box.paint
    assert red.box is box.box and red.text.color != box.text.color


def test_a_keyword_outside_its_set_does_not_fit() -> None:
    values = dict(root_style(width=None, height=None), display="bogus")
    assert misfits(TypedStyle.from_values(values)) == ["box.display = 'bogus'"]
    assert misfits(TypedStyle.from_values(dict(values, display="flex"))) == []


def test_the_length_context_is_a_typed_attribute_not_private_keys() -> None:
    """vw/vh, ch and lh of the element's own paint values resolve against ``style.lengths``."""
    root = root_style(width=300, height=200)
    style = compute_style("div", {"style": {"lineHeight": 1.5}}, root, viewport=(300, 200),
                          ch_ratio=lambda family, weight, style: 0.6)
    assert style.lengths == LengthContext(300.0, 200.0, 0.6, 1.5)
    assert root.lengths == LengthContext(300.0, 200.0)
    assert style.replace(opacity=0.5).lengths == style.lengths
    assert not {"_viewport", "_parentFontSize"} & (set(style) | set(root))


@pytest.mark.parametrize(("css", "field", "expected"), [
    # Lengths the text layout resolves against the text (font size, line height): px or Percent.
    ({"textDecorationThickness": "10%"}, "text_decoration_thickness", Percent(10.0)),
    ({"textDecorationThickness": "2em"}, "text_decoration_thickness", 40.0),
    ({"textDecorationThickness": "from-font"}, "text_decoration_thickness", None),
    ({"textUnderlineOffset": "auto"}, "text_underline_offset", None),
    ({"textUnderlineOffset": "-25%"}, "text_underline_offset", Percent(-25.0)),
    ({"verticalAlign": "50%"}, "vertical_align", Percent(50.0)),
    ({"verticalAlign": "2em"}, "vertical_align", 40.0),
    ({"verticalAlign": "text-top"}, "vertical_align", "text-top"),
    ({"verticalAlign": "calc(50% + 1px)"}, "vertical_align", "baseline"),  # reported: read as baseline
    ({"tabSize": 4}, "tab_size", 4.0),
    ({"tabSize": "2em"}, "tab_size", TabLength(40.0)),
    ({"tabSize": "10%"}, "tab_size", TabLength(0.1)),  # of 1 px, as the text layout read it
    ({"tabSize": "bogus"}, "tab_size", TabLength(0.0)),  # reported: tabs are 0 px wide
    ({"objectPosition": "right 2em"}, "object_position", ObjectPosition(Percent(100.0), 2.0)),
    ({"perspective": "10em"}, "perspective", 200.0),
    ({"perspective": "none"}, "perspective", None),
])
def test_text_and_paint_lengths_are_typed_at_style_time(css: dict[str, Any], field: str, expected: Any) -> None:
    style = compute_style("div", {"style": {"fontSize": 20, **css}}, root_style(width=100, height=100),
                          viewport=(100.0, 100.0), on_warning=lambda error: None)
    group = next(g for g in (style.box, style.text, style.paint) if field in g._fields)
    assert getattr(group, field) == expected


def test_font_variation_settings_are_read_once_at_style_time() -> None:
    """fontVariationSettings is the location the text stage instances variable fonts at (a
    repeated tag keeps its last value, the tags sorted); an invalid value is the default
    location (expand() reports it); a child inherits the parent's location."""
    root = root_style(width=100, height=100)

    def location(value: Any, on_warning: Any = None) -> Any:
        return compute_style("div", {"style": {"fontVariationSettings": value}}, root, viewport=(100, 100),
                             on_warning=on_warning).font.font_variation_settings

    assert location('"wght" 650, "wdth" 80, "wght" 700') == (("wdth", 80.0), ("wght", 700.0))
    assert location("normal") == ()
    warnings: list[str] = []
    assert location("wght 700", lambda error: warnings.append(error.message)) == ()
    assert warnings == ['Invalid value "wght 700" for CSS property "fontVariationSettings": it is ignored.']
    parent = compute_style("div", {"style": {"fontVariationSettings": "'wght' 650"}}, root, viewport=(100, 100))
    child = compute_style("span", {"style": {"fontSize": 20}}, parent, viewport=(100, 100))
    assert child.font.font_variation_settings == (("wght", 650.0),)
    assert compute_style("div", {}, root, viewport=(100, 100)).font.font_variation_settings is None


def test_font_features_are_read_once_at_style_time() -> None:
    """The features text is shaped with: fontKerning, the fontVariant longhands, letterSpacing
    (optional ligatures off) and fontFeatureSettings last; a child that declares none of them
    has its parent's (the same object), one that does has its own."""
    root = root_style(width=100, height=100)

    def style(css: dict[str, Any], parent: ComputedStyle = root) -> ComputedStyle:
        return compute_style("div", {"style": css}, parent, viewport=(100, 100))

    assert root.font_features == () and style({}).font_features == ()
    spaced = style({"letterSpacing": 2, "fontKerning": "none"})
    assert spaced.font_features == (("kern", False), ("liga", False), ("clig", False))
    child = style({"fontSize": 20, "color": "red"}, spaced)
    assert child.font_features is spaced.font_features
    assert style({"letterSpacing": 0}, spaced).font_features == (("kern", False),)
    assert style({"fontVariant": "small-caps tabular-nums", "fontFeatureSettings": '"smcp" 0, "ss01" 2'}
                 ).font_features == (("smcp", False), ("tnum", True), ("ss01", 2))
    assert style({"all": "initial"}, spaced).font_features == ()
    assert spaced.replace(letterSpacing=0.0).font_features == (("kern", False),)
    assert spaced.replace(fontSize=30.0).font_features is spaced.font_features
