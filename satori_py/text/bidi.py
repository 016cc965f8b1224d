"""Bidirectional text: the reference's piece-level bidi, or UAX #9 per character.

By default (``REFERENCE_BIDI``) lines are ordered as the reference's
``text/bidi.ts`` orders them: the pieces of a text node (word segments, cut
where the direction of their graphemes changes) each get one class from their
first strong character or their digits (L, R, EN, AN, N); levels come from
rules W7, N1/N2 and I1/I2 over those classes only; the L1 rule sends the
spaces at the end of a line to the paragraph level; lines are reordered by
mirroring runs of pieces of a level or higher (L2). Inline layout (text with
inline elements) is not reordered at all, as in the reference: its pieces are
shaped in the direction their script suggests and stay in logical order.

That is plainly wrong against a browser in places; in a right-to-left
paragraph, e.g.:

* numbers with separators that the word segmenter splits off: ``10:30``
  shows as ``30:10`` and ``31/12`` as ``12/31`` (the ``:`` piece is neutral,
  so it goes right-to-left between two numbers), and ``+12%`` as ``%12+``;
* bracket pairs (N0): in ``a (b) ש`` the closing bracket goes to the
  paragraph level, mirrored;
* explicit marks other than LRM/RLM/ALM (LRE, RLE, LRO, RLO, PDF, LRI, RLI,
  FSI, PDI) are ignored;
* lines with inline elements keep their words in logical order from the left.

With ``REFERENCE_BIDI = False`` satori-py does what browsers do instead: levels
per character with the full algorithm (explicit embeddings, overrides and
isolates, all weak-type rules, bracket pairs) from ``python-bidi`` (its bundled
``unicode-bidi`` crate, which passes the Unicode conformance tests), pieces
cut where the level changes, inline lines reordered too, and L1 also for
white space before a tab.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from bidi.bidi import get_display_inner  # type: ignore[import-untyped]

from ..cache import text_cache
from ..patterns import lazy_compile
from .breaking import graphemes

__all__ = ["REFERENCE_BIDI", "char_levels", "line_levels", "needs_bidi", "piece_class", "reorder_line",
           "resolve_piece_levels", "split_by_direction", "split_by_level"]

# Whether bidi follows the reference (piece-level, no reordering of inline layout) or
# browsers (UAX #9 per character); see the module docstring.
REFERENCE_BIDI = True

# Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko, ..., Adlam), the RLM and
# ALM marks, and the controls that start right-to-left text (RLE, RLO, RLI): text
# with none of them in a left-to-right paragraph is all at level 0.
_RTL_TRIGGER = lazy_compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u061c\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_LEVEL = lazy_compile(r"Level\(\s*(\d+)")
# The blocks of right-to-left scripts without the marks: what makes a letter R.
_RTL_LETTER = lazy_compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
_RTL_TEXT = lazy_compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u061c"
                       "\U00010800-\U00010fff\U0001e800-\U0001efff]")
_ARABIC_DIGITS = frozenset("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u066b\u066c\u08e2")
_CACHE = 512


def needs_bidi(text: str, rtl: bool) -> bool:
    """Whether the lines of ``text`` need reordering: a right-to-left paragraph, or
    right-to-left characters in a left-to-right one (the reference's ``needsBidi``)."""
    trigger = _RTL_TEXT if REFERENCE_BIDI else _RTL_TRIGGER
    return rtl or trigger.search(text) is not None


# -- the reference's pieces --------------------------------------------------------------

def piece_class(text: str) -> str:
    """The bidi class of a piece: that of its first strong character (LRM is L, RLM
    and ALM are R), else of its first digit (AN for Arabic-Indic ones, else EN), else N."""
    number = None
    for ch in text:
        if ch == "\u200e":
            return "L"
        if ch in ("\u200f", "\u061c"):
            return "R"
        category = unicodedata.category(ch)
        if category[0] == "L":
            return "R" if _RTL_LETTER.match(ch) else "L"
        if number is None:
            if ch in _ARABIC_DIGITS:
                number = "AN"
            elif category == "Nd":
                number = "EN"
    return number or "N"


def split_by_direction(text: str) -> list[str]:
    """Cut a piece with right-to-left text where the class of its graphemes changes
    (neutral graphemes stay with the part before them), so each part has one direction."""
    if not _RTL_TEXT.search(text):
        return [text]
    parts: list[str] = []
    part, part_class = "", "N"
    for cluster in graphemes(text):
        cls = piece_class(cluster)
        if cls != "N":
            if part_class != "N" and cls != part_class:
                parts.append(part)
                part = ""
            part_class = cls
        part += cluster
    if part:
        parts.append(part)
    return parts


def resolve_piece_levels(classes: Sequence[str], base: int) -> list[int]:
    """The levels of a paragraph's pieces from their classes: W7 (European numbers after
    L text are L), N1/N2 (a run of neutrals between two pieces of one direction takes it,
    numbers counting as R; else the base direction), then I1/I2."""
    base_class = "R" if base else "L"
    types = list(classes)
    last_strong = base_class
    for k, t in enumerate(types):
        if t in ("L", "R"):
            last_strong = t
        elif t == "EN" and last_strong == "L":
            types[k] = "L"

    def side(t: str) -> str:
        return "L" if t == "L" else "R"

    k = 0
    while k < len(types):
        if types[k] != "N":
            k += 1
            continue
        end = k
        while end < len(types) and types[end] == "N":
            end += 1
        before = side(types[k - 1]) if k > 0 else base_class
        after = side(types[end]) if end < len(types) else base_class
        types[k:end] = [before if before == after else base_class] * (end - k)
        k = end
    if base:
        return [1 if t == "R" else 2 for t in types]
    return [0 if t == "L" else 1 if t == "R" else 2 for t in types]


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
    """The levels of a line's pieces after rule L1: white space at the end of the line
    (and, as browsers do, before a tab) is at the paragraph's ``base`` level."""
    out = list(levels)

    def blank(k: int) -> bool:
        return not texts[k].strip()

    k = len(out) - 1
    while k >= 0 and blank(k):
        out[k] = base
        k -= 1
    for k, text in enumerate(texts):
        if text.startswith("\t") and not REFERENCE_BIDI:
            j = k
            while j >= 0 and blank(j):
                out[j] = base
                j -= 1
    return out
