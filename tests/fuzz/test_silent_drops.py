"""Nothing is dropped without a word: every property, with invalid values of every kind
(tests/fuzz/silent_drops.py has the oracle and the properties that still drop silently)."""
from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from satori_py import h, render_svg

from .lenient_reads import KNOWN_LENIENT, lenient_names, read_without_a_word, spoiled
from .silent_drops import ALL_NAMES, ANY_IDENT, JUNK, KNOWN_SILENT, dropped_silently, render

# Invalid for every property the oracle asks about (not a number, a keyword or a word
# that some property takes): broken punctuation, objects, lists of several numbers, NaN.
invalid = st.one_of(
    st.lists(st.sampled_from(["(", ")", ",", "/", "var(", "calc(", "url(", "'", '"', "!important", ";", "{", "}",
                              "\\", "#", "%"]), min_size=1, max_size=6).map("".join),
    st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2),
    st.lists(st.integers(-5, 5), min_size=2, max_size=3), st.just(float("nan")))


def test_every_property_reports_invalid_values() -> None:
    found: dict[str, list[str]] = {}
    for name in ALL_NAMES:
        if name in ANY_IDENT:
            continue
        base, told = render(name, {})
        assert told == [], (name, told)
        for value in JUNK:
            if dropped_silently(name, value, base):
                found.setdefault(name, []).append(repr(value))
    new = {name: values for name, values in found.items() if name not in KNOWN_SILENT}
    assert new == {}, f"invalid values dropped without a report: {new}"
    fixed = KNOWN_SILENT - found.keys()
    assert fixed == set(), f"now reported: take them out of KNOWN_SILENT: {sorted(fixed)}"


def test_every_property_reports_spoiled_valid_values() -> None:
    # The second oracle: a valid value with junk glued to it is read as something (or nothing)
    # only with a report (`10px%` was read as 10% without one).
    found = {name: pairs for name in lenient_names() if (pairs := read_without_a_word(name))}
    new = {name: pairs for name, pairs in found.items() if name not in KNOWN_LENIENT}
    assert new == {}, f"spoiled values read without a report: {new}"
    fixed = KNOWN_LENIENT - found.keys()
    assert fixed == set(), f"now reported: take them out of KNOWN_LENIENT: {sorted(fixed)}"


def test_spoiled_values_are_invalid_css() -> None:
    assert spoiled("10px", "width") == ["10px)", "10px%", "10pxzz", "x10px", "10 px"]
    assert spoiled("5%", "width") == ["5%)", "5%%", "5%zz", "x5%", "5 %"]
    assert spoiled("0.5", "opacity") == ["0.5)", "0.5zz", "x0.5"]  # (0.5% would be valid)
    assert spoiled("square", "listStyleType") == ["square)", "square%"]  # (any word is a counter style)


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.sampled_from([n for n in ALL_NAMES if n not in ANY_IDENT and n not in KNOWN_SILENT]),
       invalid)
def test_random_invalid_values_are_reported_or_read(name: str, value: Any) -> None:
    assert not dropped_silently(name, value), f"{name}: {value!r} was dropped without a report"


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet="abcdefgxyzABCWM-_ ", min_size=1, max_size=14).filter(
    lambda s: s.strip() not in ALL_NAMES and not s.startswith("--")),  # (`--` is a custom property)
       st.one_of(st.just("red"), st.just(1), invalid))
def test_unknown_names_are_reported(name: str, value: Any) -> None:
    # Misspellings, vendor prefixes, kebab-case and stray spaces: read as a known property
    # (kebab-case is camelCased) or reported, never silently nothing.
    assert not dropped_silently(name, value), f"{name!r}: {value!r} was dropped without a report"


def test_a_list_box_shadow_is_an_error_of_its_property_not_a_crash() -> None:
    # `[1, 2]` was kept as the shadows and reached the layout's culling (AttributeError).
    told: list[str] = []
    render_svg(h("div", {"style": {"boxShadow": [1, 2], "width": 10, "height": 10}}), width=20, height=20,
               on_style_error=lambda e: told.append(str(e)))
    assert told == ['div: Invalid value for CSS property "boxShadow": [1, 2].']
