"""The report of characters that no font has.

The reference draws such a character as its font's missing-glyph box (``.notdef``), without a
word, when ``loadAdditionalAsset`` gives nothing for it. satori-py draws the same box and says
so: after the last layout pass, each text that still lacks characters gets one
:class:`~satori_py.errors.FontError` naming its element and the characters by code point (a
warning; the render fails in strict mode). Characters drawn as nothing anyway (format
controls such as U+200B or U+FEFF, variation selectors, spaces) and graphemes drawn as images
(emoji) are not reported.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from ..diagnostics import report
from ..errors import FontError

__all__ = ["report_missing_characters"]

# Drawn as nothing, whatever the font: format controls, separators and spaces.
_INVISIBLE = frozenset({"Cf", "Zs", "Zl", "Zp"})
# Default-ignorable code points of other categories: the grapheme joiner, Hangul fillers,
# and the variation selectors (U+FE00-U+FE0F, U+E0100-U+E01EF).
_IGNORABLE = frozenset({0x34F, 0x115F, 0x1160, 0x3164, 0xFFA0})
_SHOWN = 8  # characters named in one report; the others are counted


def _boxed(char: str) -> bool:
    """Whether ``char``, lacking from every font, is drawn as the missing-glyph box."""
    code = ord(char)
    if code in _IGNORABLE or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return False
    return unicodedata.category(char) not in _INVISIBLE


def _named(char: str) -> str:
    code = f"U+{ord(char):04X}"
    return f'{code} "{char}"' if char.isprintable() else code


def report_missing_characters(paragraphs: Iterable[Any], grapheme_images: Mapping[str, str]) -> None:
    """Report what the ``paragraphs`` of the last layout pass draw as missing-glyph boxes."""
    for paragraph in paragraphs:
        for item, missing in paragraph.missing_texts():
            engine = paragraph.engine_for(item.style, item.locale or paragraph.locale)
            chars = [c for c in dict.fromkeys(c for g in missing if g not in grapheme_images for c in g)
                     if _boxed(c) and not engine.has(c)]
            if not chars:
                continue
            listed = ", ".join(_named(c) for c in chars[:_SHOWN])
            if len(chars) > _SHOWN:
                listed += f" and {len(chars) - _SHOWN} more"
            drawn, them = ("it is", "it") if len(chars) == 1 else ("they are", "them")
            element = item.path.rpartition("/#text")[0] or item.path
            report(FontError(f"No font has {listed}: {drawn} drawn as the missing-glyph box. Give a font "
                             f"that has {them}, or load_additional_asset.", path=element, value="".join(chars)))
