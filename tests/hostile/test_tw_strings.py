"""Hostile ``tw`` strings (and ``class`` read as Tailwind) and options: each class is reported once, however
many variants it stacks.

Before: a class reported each of its variants that do not apply to images, each report quoting
the class: ``v0:v1:...:v49999:flex`` (340 KB) made 50,000 reports of a 340 KB class to shorten,
and ran past two minutes.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import h, render_svg
from satori_py.errors import OptionError
from satori_py.web import ImageResponse


@pytest.mark.parametrize(("cls", "problem"), [
    ("v0:v1:flex", 'the variant "v0:" does not apply to images'),
    ("min-w-[10em]:v1:flex", 'the query "min-w-[10em]:" needs a px length'),
    ("sm:v1:x:flex", 'the variant "v1:" does not apply to images'),
])
def test_a_class_reports_the_first_variant_that_does_not_apply(cls: str, problem: str) -> None:
    reports: list[Any] = []
    render_svg(h("div", {"tw": cls}, "x"), width=20, height=20, on_warning=reports.append)
    assert [(str(r), r.prop) for r in reports] == [(f'div: Tailwind class "{cls}" is ignored: {problem}.', "tw")]


def test_a_class_of_50000_variants_is_one_report() -> None:
    cls = ":".join(f"v{i}" for i in range(50_000)) + ":flex"
    reports: list[Any] = []
    render_svg(h("div", {"tw": f"{cls} p-1"}, "x"), width=20, height=20, on_warning=reports.append)
    assert len(reports) == 1
    assert str(reports[0]).endswith(f'... ({len(cls)} characters)" is ignored: the variant "v0:" does not apply '
                                    "to images.")


def test_an_unknown_emoji_set_is_an_option_error() -> None:
    # Before: a plain ValueError, which a server's `except SatoriError` let through.
    with pytest.raises(OptionError) as info:
        render_svg(h("div", {}, "x"), width=20, height=20, emoji="nope")
    assert str(info.value) == ("Unknown emoji set 'nope': expected one of twemoji, blobmoji, noto, openmoji, "
                               "fluent, fluentFlat.")
    assert info.value.prop == "emoji"
    with pytest.raises(OptionError, match="^Unknown emoji set 'nope': expected one of twemoji, "):
        ImageResponse(h("div", {}, "x"), emoji="nope")  # the same check when the response is made
