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



PROPERTY = "an arbitrary property ([property:value]), which twrnc does not have (as in Satori)"


def _colon_in_value(opened: str) -> str:
    return ("an arbitrary value with a colon in its brackets, where twrnc splits the class and reads "
            f'"{opened}" as a variant (as in Satori)')


@pytest.mark.parametrize(("classes", "detail"), [
    # twrnc splits [color:red] at its colon and takes "[color" for a variant; Satori ignores it.
    ("[color:red]", PROPERTY), ("md:[--gap:4px]", PROPERTY), ("hover:[mask-type:alpha]", PROPERTY),
    ("[content:'a:b']", PROPERTY),
    # Real designs write bg-[url(https://...)]: twrnc splits the class at the URL's colon.
    ("bg-[url(https://x.dev/a.png)]", _colon_in_value("bg-[url(https:")),
    ("md:bg-[url(data:image/png;base64,AAAA)]", _colon_in_value("bg-[url(data:")),
    ("text-[color:var(--x)]", _colon_in_value("text-[color:")),
])
def test_a_class_split_inside_its_brackets_says_why_it_is_ignored(classes: str, detail: str) -> None:
    resolution = resolve(classes, width=1200, height=630)
    assert resolution.style == {}
    assert [(p.kind, p.detail) for p in resolution.problems] == [("unsupported", detail)]
