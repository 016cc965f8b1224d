"""Shared fixtures of the text tests: the conformance fonts and the reference facts.

The fonts live in the shared conformance folder (``../shared/conformance/fonts``
beside the repository, or $SATORI_PY_SHARED; CI always has it); the facts in ``data/reference.json`` were made from the real
Satori 0.63.2 by ``make_references.py``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.support.paths import conformance_dir

_CONFORMANCE = conformance_dir()
FONT_DIR = (_CONFORMANCE or Path("/nonexistent")) / "fonts"
REFERENCE = Path(__file__).parent / "data" / "reference.json"


@dataclass
class TFont:
    """A font spec like ``options.Font``, but allowing an unset weight/style
    (the reference's ``undefined``), which matching treats differently."""

    name: str
    data: bytes
    weight: Any = None
    style: Any = None
    lang: str | None = None

    def load_bytes(self) -> bytes:
        return self.data


@cache
def font_bytes(file: str) -> bytes:
    path = FONT_DIR / file
    if not path.exists():
        pytest.skip(f"conformance font {file} not available")
    return path.read_bytes()


def tfont(name: str, file: str, weight: Any = None, style: Any = None,
          lang: str | None = None) -> TFont:
    return TFont(name, font_bytes(file), weight, style, lang)


@pytest.fixture(scope="session")
def facts() -> dict[str, Any]:
    return json.loads(REFERENCE.read_text())
