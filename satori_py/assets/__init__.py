"""Bundled assets: the default font (Geist Regular, SIL OFL 1.1; see Geist-OFL.txt).

next/og registers Geist Regular as family ``geist``, weight 400, when no font is
given; satori-py does the same. The TTF is byte-identical to the one the
conformance references were rendered with (shared/conformance/fonts), which is
the Geist 1.800 build rather than the newest npm ``geist`` release.
"""
from __future__ import annotations

from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent
DEFAULT_FONT_PATH = ASSETS_DIR / "Geist-Regular.ttf"
DEFAULT_FONT_FAMILY = "geist"
DEFAULT_FONT_WEIGHT = 400
DEFAULT_FONT_LICENSE_PATH = ASSETS_DIR / "Geist-OFL.txt"

__all__ = [
    "ASSETS_DIR",
    "DEFAULT_FONT_FAMILY",
    "DEFAULT_FONT_LICENSE_PATH",
    "DEFAULT_FONT_PATH",
    "DEFAULT_FONT_WEIGHT",
]
