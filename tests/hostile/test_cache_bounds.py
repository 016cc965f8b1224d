"""Per-process caches keep no long CSS texts: a long sheet or family list is worked on
and let go.

Before: 64 distinct sheets of 200,000 characters stayed parsed (280 MB, 4.3 MB each);
each render with a new 300,000-family `fontFamily` kept its font engine (20 MB each).
"""
from __future__ import annotations

from satori_py import h, render_svg
from satori_py.style import sheet_apply
from satori_py.text import paragraph


def test_a_long_sheet_is_parsed_and_not_kept() -> None:
    sheet_apply._parsed.cache_clear()  # type: ignore[attr-defined]
    short = ".a{color:red}"
    long = ".b{" + "color:red;" * (sheet_apply._MAX_CACHED_SHEET // 10 + 1) + "}"
    for sheet in (short, long):
        render_svg(h("div", {}, h("style", {}, sheet), "x"), width=20, height=20)
    assert sheet_apply._parsed.cache_info().currsize == 1  # type: ignore[attr-defined]


def test_a_long_family_list_gets_an_engine_of_its_own() -> None:
    paragraph._ENGINES.clear()
    render_svg(h("div", {"style": {"fontFamily": ", ".join(f"f{i}" for i in range(100))}}, "x"), width=20,
               height=20, on_warning=lambda e: None)
    assert len(paragraph._ENGINES) == 0
    render_svg(h("div", {"style": {"fontFamily": "f1, f2"}}, "x"), width=20, height=20, on_warning=lambda e: None)
    assert len(paragraph._ENGINES) == 1
