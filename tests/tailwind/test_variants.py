"""Variants twrnc does not know are reported as the user wrote them."""
from __future__ import annotations

import pytest

from satori_py.tailwind.resolver import resolve


@pytest.mark.parametrize(("classes", "variant"), [
    ("hover:p-2", "hover:"),
    ("data-[state=open]:bg-white", "data-[state=open]:"),
    # twrnc splits a class at every colon; the message joins a bracket's parts again.
    ("supports-[display:grid]:grid", "supports-[display:grid]:"),
    ("[&:nth-child(3)]:p-2", "[&:nth-child(3)]:"),
    ("group-[.is-open]:focus:p-2", "group-[.is-open]:"),
    ("x-[:p-4", "x-[:"),
])
def test_an_unknown_variant_is_named_as_written(classes: str, variant: str) -> None:
    resolution = resolve(classes, width=1200, height=630)
    assert resolution.style == {}
    assert [(p.kind, p.detail) for p in resolution.problems] == [
        ("variant", f'the variant "{variant}" does not apply to images')]


@pytest.mark.parametrize("classes", ["[color:red]", "md:[--gap:4px]", "hover:[mask-type:alpha]", "[content:'a:b']"])
def test_an_arbitrary_property_is_named_as_one(classes: str) -> None:
    # twrnc splits [color:red] at its colon and takes "[color" for a variant; Satori ignores it.
    resolution = resolve(classes, width=1200, height=630)
    assert resolution.style == {}
    assert [(p.kind, p.detail) for p in resolution.problems] == [
        ("unsupported", "an arbitrary property ([property:value]), which twrnc does not have (as in Satori)")]
