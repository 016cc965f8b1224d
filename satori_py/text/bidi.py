"""Bidirectional text: the Unicode Bidirectional Algorithm (UAX #9) for text nodes.

The reference (``text/bidi.ts``) resolves levels of whole pieces (words and
spaces) from the first strong character of each, with W7, N1/N2 and I1/I2
only. We resolve levels per character with the full algorithm (explicit
embeddings, overrides and isolates, all weak-type rules, bracket pairs) from
``python-bidi`` (its bundled ``unicode-bidi`` crate, which passes the Unicode
conformance tests), then cut pieces where the level changes. Lines are
reordered like the reference does, by mirroring runs of pieces of a level or
higher (rule L2), and pieces are shaped in the direction of their level.

Both agree on plain mixed Latin/Arabic/Hebrew text. They differ where the
reference is plainly wrong against a browser, e.g. in a right-to-left
paragraph (``_`` marks a level):

* numbers with separators that the word segmenter splits off: ``10:30``
  shows as ``30:10`` and ``31/12`` as ``12/31`` in the reference (the ``:``
  piece is neutral, so it goes right-to-left between two numbers), where W4
  keeps the separator inside the number;
* bracket pairs (N0): ``a (b) ש`` keeps ``(b)`` with ``a``; the reference
  puts the closing bracket at the paragraph level, mirrored;
* explicit marks other than LRM/RLM/ALM (LRE, RLE, LRO, RLO, PDF, LRI, RLI,
  FSI, PDI), which the reference ignores.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from bidi.bidi import get_display_inner  # type: ignore[import-untyped]

from ..cache import text_cache
from .breaking import graphemes

__all__ = ["char_levels", "line_levels", "needs_bidi", "reorder_line", "split_by_level"]

# Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko, ..., Adlam), the RLM and
# ALM marks, and the controls that start right-to-left text (RLE, RLO, RLI): text
# with none of them in a left-to-right paragraph is all at level 0.
_RTL_TRIGGER = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u061c\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_LEVEL = re.compile(r"Level\(\s*(\d+)")
_CACHE = 512


def needs_bidi(text: str, rtl: bool) -> bool:
    """Whether the lines of ``text`` need reordering: a right-to-left paragraph, or
    right-to-left characters in a left-to-right one (the reference's ``needsBidi``)."""
    return rtl or _RTL_TRIGGER.search(text) is not None


@text_cache(_CACHE)
def _levels(text: str, rtl: bool) -> tuple[int, ...]:
    # python-bidi's documented debug mode returns the resolved BidiInfo of the
    # unicode-bidi crate: its ``levels`` are per UTF-8 byte, paragraph by paragraph
    # (paragraph separators split them), before the line rules (L1).
    info = get_display_inner(text, "R" if rtl else "L", True)
    start = info.find("levels: [")
    stop = info.find("]", start)
    byte_levels = [int(n) for n in _LEVEL.findall(info, start, stop)] if start >= 0 else []
    levels: list[int] = []
    offset = 0
    for ch in text:
        levels.append(byte_levels[offset] if offset < len(byte_levels) else int(rtl))
        offset += len(ch.encode("utf-8"))
    return tuple(levels)


def char_levels(text: str, rtl: bool) -> tuple[int, ...]:
    """The embedding level of each code point of a paragraph whose base direction is
    ``rtl`` or not (the CSS ``direction``; never guessed from the text)."""
    return _levels(text, rtl) if text else ()


def split_by_level(text: str, levels: Sequence[int], start: int) -> list[tuple[str, int]]:
    """Cut a piece of a paragraph, starting at code point ``start`` of it, where the level
    changes, between graphemes: ``(text, level)`` pairs. A grapheme has the level of
    its first code point (W1 gives marks their base's level anyway)."""
    def level_at(index: int) -> int:
        return levels[index] if index < len(levels) else (levels[-1] if levels else 0)

    first = level_at(start)
    if all(level_at(k) == first for k in range(start, start + len(text))):
        return [(text, first)] if text else []
    out: list[tuple[str, int]] = []
    current = ""
    level = first
    offset = start
    for cluster in graphemes(text):
        here = level_at(offset)
        if current and here != level:
            out.append((current, level))
            current = ""
        if not current:
            level = here
        current += cluster
        offset += len(cluster)
    if current:
        out.append((current, level))
    return out


def reorder_line(pieces: Sequence[tuple[float, float]], levels: Sequence[int],
                 line_width: float) -> list[float]:
    """The left of each ``(x, width)`` piece of a line after reordering by levels (L2):
    from the highest level down to 1, each run at that level or higher is mirrored
    within its extent, which is clipped to ``line_width`` (spaces at the end of a
    right-to-left line hang past its left)."""
    lefts = [x for x, _ in pieces]
    highest = max([0, *levels])
    for level in range(highest, 0, -1):
        start = 0
        while start < len(pieces):
            if levels[start] < level:
                start += 1
                continue
            end = start
            while end < len(pieces) and levels[end] >= level:
                end += 1
            run_left = min(lefts[k] for k in range(start, end))
            run_right = min(max(lefts[k] + pieces[k][1] for k in range(start, end)), line_width)
            for k in range(start, end):
                lefts[k] = run_left + run_right - lefts[k] - pieces[k][1]
            start = end
    return lefts


def line_levels(texts: Sequence[str], levels: Sequence[int], base: int) -> list[int]:
    """The levels of a line's pieces after rule L1: white space at the end of the line,
    and before a tab, is at the paragraph's ``base`` level (so it stays at the end)."""
    out = list(levels)

    def blank(k: int) -> bool:
        return not texts[k].strip()

    k = len(out) - 1
    while k >= 0 and blank(k):
        out[k] = base
        k -= 1
    for k, text in enumerate(texts):
        if text.startswith("\t"):
            j = k
            while j >= 0 and blank(j):
                out[j] = base
                j -= 1
    return out
