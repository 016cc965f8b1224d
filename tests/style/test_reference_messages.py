"""Error and warning sentences, exactly as the reference writes them.

``data/reference_messages.json`` was recorded by rendering each style on a
``div`` (with a text child) with the real Satori 0.63.2: ``error`` is what it
throws, ``styleErrors`` what it passes to ``onStyleError`` (then ``lenient``
is set), ``warnings`` what it prints with ``console.warn``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from satori_py.errors import StyleError

from .conftest import style_of

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "reference_messages.json").read_text())["cases"]


def _run(case: dict[str, Any]) -> dict[str, Any]:
    errors: list[StyleError] = []
    out: dict[str, Any] = {}
    try:
        style = style_of(case["style"], case.get("tag", "div"), props=case.get("props"),
                         on_style_error=errors.append if case.get("lenient") else None)
    except StyleError as error:
        return {"error": error.message}
    if style.warnings:
        out["warnings"] = list(style.warnings)
    if errors:
        out["styleErrors"] = [e.message for e in errors]
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: json.dumps(c["style"])[:60] + (" lenient" if c.get("lenient") else ""))
def test_same_messages_as_the_reference(case: dict[str, Any]) -> None:
    expected = {k: case[k] for k in ("error", "warnings", "styleErrors") if k in case}
    assert _run(case) == expected


def test_the_recording_covers_the_main_sentences() -> None:
    messages = " ".join(str(c.get("error", "")) + " ".join(c.get("styleErrors", [])) for c in CASES)
    for sentence in ('Invalid value for CSS property "display". Allowed values:', "Failed to parse declaration",
                     "Invalid line width:", "in CSS rule `", "Invalid style property:", "Invalid aspect ratio:",
                     "Invalid transform function:", 'Expected a number, "auto", or a percentage value'):
        assert sentence in messages
