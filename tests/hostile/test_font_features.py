"""``fontFeatureSettings`` is read once, at the style stage, and bounded.

A 400 KB value was parsed again by every shaped word (>10 s a render) and kept, as a
key, by the text stage's caches (~340 KB a render with a new value). Now the style stage
reads at most ``MAX_FONT_FEATURES`` comma-separated parts, reports the rest and every part
the reference ignores, and hands the text stage a value of those features only.
"""
from __future__ import annotations

import gc
import logging
import tracemalloc
from typing import Any

import pytest

from satori_py import StyleError, h, render_svg
from satori_py.style import compute_style
from satori_py.style.computed import root_style
from satori_py.style.font_features import MAX_FONT_FEATURES


def render(settings: Any, **options: Any) -> tuple[str, list[str]]:
    warnings: list[str] = []
    svg = render_svg(h("div", {"style": {"display": "flex"}},
                       h("div", {"style": {"fontFeatureSettings": settings}}, "office 1/2 fi")),
                     width=200, height=60, on_warning=lambda error: warnings.append(str(error)), **options)
    return svg, warnings


def computed(settings: Any) -> Any:
    return compute_style("div", {"style": {"fontFeatureSettings": settings}}, root_style(width=100, height=100),
                         viewport=(100, 100), on_warning=lambda error: None)["fontFeatureSettings"]


def test_parts_past_the_bound_are_reported_and_ignored() -> None:
    value = ", ".join(['"liga" 0'] + ['"smcp"'] * 40_000)  # 300 KB
    svg, warnings = render(value)
    assert warnings == [f"div/div[0]: `fontFeatureSettings` has 40001 parts, more than the {MAX_FONT_FEATURES} "
                        "read: the rest are ignored."]
    # What is read is what the first parts say.
    assert svg == render('"liga" 0, "smcp"')[0]
    assert svg != render("normal")[0]
    assert computed(value) == '"liga" 0, "smcp"'
    with pytest.raises(StyleError, match="more than the 128 read") as info:
        render(value, strict=True)
    assert (info.value.path, info.value.prop) == ("div/div[0]", "fontFeatureSettings")


def test_a_stream_of_huge_values_keeps_nothing_of_them(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="satori_py")  # pytest keeps the warnings' records (with the value)

    def one(i: int) -> None:
        render(", ".join([f'"ss{i % 20 + 1:02d}"'] + [f'"liga" {i}'] * 50_000))  # 530 KB, new each time
    one(0)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(1, 4):
            one(i)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 200_000  # was ~340 KB a render


def test_parts_the_reference_ignores_are_reported() -> None:
    # Unquoted, a value HarfBuzz does not read, trailing words: the reference reads the
    # first quoted tag of each part (so `"smcp" 1x` is smcp on) and ignores the others.
    svg, warnings = render('liga 0, "LIGA" OFF, "smcp" 1x, "ss01" 99999999999')
    assert warnings == ['div/div[0]: Parts of `fontFeatureSettings` not read as font features: `liga 0`, '
                        '`"LIGA" OFF`, `"smcp" 1x` and 1 more.']
    assert svg == render('"smcp"')[0]
    assert computed('liga 0, "smcp" 1x') == '"smcp"'
    assert render('"liga" 0,, "smcp"')[1] == [
        "div/div[0]: Parts of `fontFeatureSettings` not read as font features: an empty part."]
    # Not a string: read as the reference's text of it (no feature), reported.
    assert render(12)[1] == ['div/div[0]: Parts of `fontFeatureSettings` not read as font features: `12`.']
    assert computed(12) == "normal"


def test_values_of_features_only_are_kept_as_written() -> None:
    for value in ('"liga" 0', "'smcp', \"onum\" on", '"ss01" 2, "ss01" off', "normal"):
        assert computed(value) == value
        assert render(value)[1] == []
    # Empty (which the style stage hands on as 0): no features, as in the reference, without a word.
    assert render("")[1] == render(0)[1] == []
