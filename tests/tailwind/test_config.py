"""tailwind_config: theme overrides, extend, presets, and bad configs."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.errors import OptionError
from satori_py.tailwind import to_style
from satori_py.tailwind.config import resolve_config


def style(classes: str, config: dict[str, Any] | None, width: float = 1200) -> dict[str, Any]:
    return to_style(classes, width=width, height=630, config=config, on_style_error=lambda e: None)


def test_extend_merges_into_the_default_theme() -> None:
    config = {"theme": {"extend": {"colors": {"brand": {"DEFAULT": "#ff5a1f", "dark": "#a8320c"},
                                              "blue": {"950": "#0a1a3f"}},
                                   "spacing": {"13": "3.25rem"}}}}
    assert style("bg-brand text-brand-dark", config) == {"backgroundColor": "#ff5a1f", "color": "#a8320c"}
    # Deep merge: the palette's blue keeps its shades and gains one.
    assert style("bg-blue-950 text-blue-500", config) == {"backgroundColor": "#0a1a3f", "color": "#3b82f6"}
    # Keys computed from spacing (margin, width, inset, ...) see the extension.
    assert style("w-13 -mt-13 top-13", config) == {"width": 52, "marginTop": -52, "top": 52}


def test_an_extension_does_not_leak_into_other_configs() -> None:
    """Tailwind's resolveConfig merges `extend` into its shared palette in place; satori-py copies."""
    assert style("bg-blue-950", {"theme": {"extend": {"colors": {"blue": {"950": "#0a1a3f"}}}}}) == \
        {"backgroundColor": "#0a1a3f"}
    assert style("bg-blue-950", None) == {}
    assert style("bg-blue-950", {"theme": {"extend": {"spacing": {"1": "2px"}}}}) == {}


def test_an_override_replaces_the_default_key() -> None:
    config = {"theme": {"colors": {"primary": "#1d4ed8"}, "spacing": {"1": "8px"}}}
    assert style("bg-primary p-1", config) == {"backgroundColor": "#1d4ed8", "paddingTop": 8, "paddingRight": 8,
                                               "paddingBottom": 8, "paddingLeft": 8}
    assert style("bg-red-500", config) == {}
    # borderColor's DEFAULT falls back to currentColor without colors.gray.
    assert resolve_config(config).get("borderColor")["DEFAULT"] == "currentColor"


def test_font_sizes_families_and_screens() -> None:
    config = {"theme": {"extend": {"fontSize": {"huge": ["80px", {"lineHeight": "1"}]},
                                   "fontFamily": {"display": ["Inter", "sans-serif"]}},
                        "screens": {"tablet": "640px", "laptop": "1024px"}}}
    assert style("text-huge font-display", config) == {"fontSize": 80, "lineHeight": 1, "fontFamily": "Inter"}
    assert style("p-1 tablet:p-2 laptop:p-3 md:p-4", config, width=800)["paddingTop"] == 8
    assert style("max-w-screen-laptop", config) == {"maxWidth": 1024}


def test_presets_replace_the_default_theme() -> None:
    # Without the default config, backgroundColor is no longer made from colors.
    # (p-4 still works: twrnc reads a bare number outside the theme as the spacing scale.)
    assert style("bg-red-500 bg-only pt-4", {"presets": [], "theme": {"colors": {"only": "#123123"}}}) == \
        {"paddingTop": 16}
    assert style("bg-only", {"presets": [], "theme": {"backgroundColor": {"only": "#123123"}}}) == \
        {"backgroundColor": "#123123"}
    preset = {"presets": [{"theme": {"extend": {"colors": {"preset": "#abcdef"}}}}]}
    assert style("bg-preset", preset) == {"backgroundColor": "#abcdef"}
    assert style("bg-red-500", preset) == {"backgroundColor": "#ef4444"}


def test_keys_are_javascript_strings() -> None:
    assert style("p-13", {"theme": {"extend": {"spacing": {13: "3.25rem"}}}})["paddingTop"] == 52


@pytest.mark.parametrize("config, message", [
    ("tailwind.config.js", "Invalid tailwind_config: expected a dict, got str."),
    ({"theme": {"colors": {"brand": lambda: "#fff"}}},
     "Invalid tailwind_config.theme.colors.brand: a function cannot be part of a Tailwind config"),
    ({"theme": []}, "Invalid tailwind_config theme: expected a dict, got list."),
    ({"presets": {"theme": {}}}, "Invalid tailwind_config.presets: expected a list of configs."),
    ({"theme": {"spacing": {(1, 2): "3px"}}}, "Invalid key (1, 2) in tailwind_config.theme.spacing"),
])
def test_bad_configs_raise_config_error(config: Any, message: str) -> None:
    with pytest.raises(OptionError) as info:
        to_style("p-4", width=100, height=100, config=config)
    assert str(info.value).startswith(message)


def test_a_config_nested_without_end_is_refused() -> None:
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(40):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(OptionError, match="nested deeper than"):
        resolve_config({"theme": deep})
    cyclic: dict[str, Any] = {}
    cyclic["theme"] = cyclic
    with pytest.raises(OptionError, match="nested deeper than"):
        resolve_config(cyclic)


def test_keys_twrnc_ignores_are_reported() -> None:
    seen: list[Exception] = []
    from satori_py import render_svg
    render_svg({"type": "div", "props": {"tw": "flex"}}, width=10, height=10,
               tailwind_config={"plugins": ["typography"], "content": ["x"], "corePlugins": {}},
               on_warning=seen.append)
    assert [str(e) for e in seen] == [
        "tailwind_config.plugins is ignored: satori-py reads only theme and presets, as Satori's twrnc "
        "does (plugins cannot be given as data)."]
