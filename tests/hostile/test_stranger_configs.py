"""A ``tailwind_config`` from a stranger (a multi-tenant card service that takes each tenant's
theme): shared references that multiply (one dict referenced three times at each of 12 levels
is 531,441 values to walk), presets that include themselves, and very wide themes. Each is
refused with an OptionError naming where, or renders; none walks without end (session 20 probes:
each under 0.6 s CPU and 100 MB).
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import render_svg
from satori_py.errors import OptionError

_CARD = {"type": "div", "props": {"tw": "flex bg-primary text-brand p-4", "children": "hi"}}


def _render(config: Any) -> str:
    return render_svg(_CARD, width=40, height=20, tailwind_config=config, on_warning=lambda e: None)


def test_shared_references_that_multiply_are_refused_by_their_count() -> None:
    shared: dict[str, Any] = {"a": "#fff"}
    for _ in range(12):
        shared = {f"k{i}": shared for i in range(3)}
    with pytest.raises(OptionError) as caught:
        _render({"theme": {"extend": {"colors": shared}}})
    assert str(caught.value).endswith(": the config is nested deeper than 16 levels or has more than 100000 values.")
    assert str(caught.value).startswith("Invalid tailwind_config.theme.extend.colors.k0.")


def test_presets_that_include_themselves_are_refused() -> None:
    preset: dict[str, Any] = {}
    preset["presets"] = [preset]
    with pytest.raises(OptionError) as caught:
        _render(preset)
    assert str(caught.value).startswith("Invalid tailwind_config.presets[0].presets[0].")
    assert str(caught.value).endswith("the config is nested deeper than 16 levels or has more than 100000 values.")


def test_wide_themes_render() -> None:
    colors = {f"c{i}": "#123456" for i in range(10_000)}
    screens = {f"s{i}": f"{i}px" for i in range(2_000)}
    presets = [{"theme": {"extend": {"colors": {f"p{i}": "#111"}}}} for i in range(1_000)]
    for config in ({"theme": {"extend": {"colors": colors}}}, {"theme": {"screens": screens}}, {"presets": presets}):
        assert _render(config).startswith("<svg")
