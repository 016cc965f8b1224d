"""Text preprocessing: transforms, white space (:mod:`.white_space`), word splitting,
overflow limits, tabs.

Mirrors the reference's ``text/processor.ts`` (``preprocess``,
``processTextTransform``, ``resolveTextAlign``, ``getTabWidth``,
``getTabAdvance``).
It also owns the small accessors that read the text properties of a
:class:`~satori_py.style.ComputedStyle` the way the text layout needs them,
so the layout modules never guess at value shapes.
"""
from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..frozen import Frozen
from ..cache import BoundedCache
from ..js_numbers import JS_SPACE
from ..length_range import MAX_LENGTH
from ..style.computed_types import GroupedStyle
from ..style.types import RGBA, LineClamp, TabLength
from . import breaking
from .breaking import can_break_words, graphemes, split_by_break_opportunities, words
from .white_space import COLLAPSIBLE, NO_SOFT_WRAP, Collapser, run_text

__all__ = [
    "HORIZONTAL_ELLIPSIS",
    "Preprocessed",
    "color_css",
    "js_trim",
    "js_trim_end",
    "length_px",
    "line_limit",
    "preprocess",
    "resolve_text_align",
    "round_js",
    "tab_advance",
    "tab_width",
    "text_transform",
]

HORIZONTAL_ELLIPSIS = "\u2026"
SPACE = " "
TAB = "\t"

Style = Mapping[str, Any]



def js_trim_end(text: str) -> str:
    """``text.trimEnd()`` (JavaScript's white space, not Python's)."""
    return text.rstrip(JS_SPACE)


def js_trim(text: str) -> str:
    return text.strip(JS_SPACE)


def round_js(value: float) -> float:
    """JavaScript's ``Math.round``: halves round up (Python's ``round`` rounds to even)."""
    return float(math.floor(value + 0.5))


# --- reading computed values ------------------------------------------------------------

def length_px(value: Any, basis: float) -> float:
    """A computed length in px: a number, or a Percent/Calc of ``basis`` (the style stage
    typed it; anything else, such as ``auto``, is 0)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    resolve = getattr(value, "resolve", None)
    return float(resolve(basis)) if resolve is not None else 0.0


def color_css(value: Any) -> str:
    """A computed colour as the CSS text the SVG gets."""
    if value is None:
        return "black"
    if type(value) is RGBA:  # a few colours per card, written for every text drawn
        return _rgba_css(value)
    to_css = getattr(value, "to_css", None)
    return str(to_css()) if to_css is not None else str(value)


@functools.lru_cache(maxsize=1024)
def _rgba_css(value: RGBA) -> str:
    return value.to_css()


def is_transparent(value: Any) -> bool:
    if value is None:
        return False
    alpha = getattr(value, "a", None)
    if alpha is not None:
        return float(alpha) <= 0
    return str(value) == "transparent"


# --- text-transform -------------------------------------------------------------------

def _full_width_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for code in [0x3000, *range(0xFF01, 0xFF61), *range(0xFFE0, 0xFFE7)]:
        form = chr(code)
        base = unicodedata.normalize("NFKD", form)
        if len(base) == 1:
            forms[base] = form
    forms["\u00af"] = "\uffe3"
    for code in [*range(0xFF61, 0xFFA0), *range(0xFFE8, 0xFFEF)]:
        form = chr(code)
        base = unicodedata.normalize("NFKD", form)
        if base != form:
            forms[form] = base
    for start, end, base_code in ((0xFFA0, 0xFFA0, 0x3164), (0xFFA1, 0xFFBE, 0x3131),
                                  (0xFFC2, 0xFFC7, 0x314F), (0xFFCA, 0xFFCF, 0x3155),
                                  (0xFFD2, 0xFFD7, 0x315B), (0xFFDA, 0xFFDC, 0x3161)):
        for code in range(start, end + 1):
            forms[chr(code)] = chr(base_code + code - start)
    return forms


_FULL_WIDTH = _full_width_forms()
# Small kana and their full-size forms, position by position.
_SMALL_KANA = ("ぁぃぅぇぉゕゖっゃゅょゎァィゥェォヵㇰヶㇱㇲッㇳㇴㇵㇶㇷㇸㇹㇺャュョㇻㇼㇽㇾㇿヮｧｨｩｪｫｯｬｭｮ"
               "\U0001b132\U0001b150\U0001b151\U0001b152\U0001b155\U0001b164\U0001b165\U0001b166\U0001b167")
_FULL_KANA = ("あいうえおかけつやゆよわアイウエオカクケシスツトヌハヒフヘホムヤユヨラリルレロワｱｲｳｴｵﾂﾔﾕﾖ"
              "こゐゑをコヰヱヲン")
_FULL_SIZE_KANA = dict(zip(_SMALL_KANA, _FULL_KANA, strict=True))


def text_transform(content: str, transform: Any, locale: str | None = None) -> str:
    """Case transform, then full-width forms, then full-size kana (``processTextTransform``)."""
    keywords = set(transform.split()) if isinstance(transform, str) else set()
    if "uppercase" in keywords:
        content = content.upper()
    elif "lowercase" in keywords:
        content = content.lower()
    elif "capitalize" in keywords:
        out = []
        for word in words(content, locale):
            parts = graphemes(word, locale)
            out.append(parts[0].upper() + "".join(parts[1:]) if parts else word)
        content = "".join(out)
    if "full-width" in keywords:
        content = "".join(_FULL_WIDTH.get(ch, ch) for ch in content)
    if "full-size-kana" in keywords:
        content = "".join(_FULL_SIZE_KANA.get(ch, ch) for ch in content)
    return content


# --- preprocess -----------------------------------------------------------------------

class Preprocessed(Frozen):
    """The text of a text node ready to be flowed (``preprocess()``'s result)."""

    words: tuple[str, ...]
    required_breaks: tuple[bool, ...]
    allow_soft_wrap: bool
    allow_break_word: bool
    allow_break_word_in_min_content: bool
    content: str
    collapse: bool
    line_limit: float
    block_ellipsis: str


def line_limit(style: Any, allow_soft_wrap: bool) -> tuple[float, str]:
    """``(max lines, ellipsis)`` of a computed style, from lineClamp, -webkit-line-clamp or text-overflow."""
    box = style.box
    display = box.display
    clamp: LineClamp | None = box.line_clamp  # parsed at style time
    if display == "block" and clamp is not None and clamp.count:
        return float(clamp.count), clamp.ellipsis
    webkit = box.webkit_line_clamp
    if display == "-webkit-box" and box.webkit_box_orient == "vertical":
        try:
            lines = float(webkit) if webkit is not None else 0.0
        except (TypeError, ValueError):
            lines = 0.0
        if lines > 0:
            return lines, HORIZONTAL_ELLIPSIS
    if box.text_overflow == "ellipsis" and box.overflow == "hidden" and not allow_soft_wrap:
        return 1.0, HORIZONTAL_ELLIPSIS
    return math.inf, HORIZONTAL_ELLIPSIS


# The words of a text are the same in every render of the same text and white-space
# properties: a card rendered again splits each text once (the word breaker and the
# white-space passes are most of this: ~0.1 ms a miss). Bounded by its bytes (an entry,
# its key's text included, is ~450 + 13 per character), at what its hits earn: 24
# realistic cards rendered again and again need 151 entries (98.8 % hits from 256 on);
# a card with new text every time hits 73.7 % with 1,024 entries, 84.9 % with 4,096
# (bylines met again), ~0.1 ms per render for 3 MB more (benchmarks/memory.py, which
# found this cache still filling after 2,500 renders).
_SPLIT_CACHE: BoundedCache[Preprocessed] = BoundedCache(
    1024, weigh=lambda v: 450 + 13 * len(v.content), max_weight=2 * 1024 * 1024)
_SPLIT_MAX_CHARS = 65_536


def preprocess(content: str, style: Any, locale: str | None = None) -> Preprocessed:
    """Transform, process white space and split ``content`` into words (``preprocess()``), with
    a computed style."""
    text = style.text
    white_space, transform, word_break = text.white_space, text.text_transform, text.word_break
    overflow_wrap, breaks = text.overflow_wrap, str(word_break)
    props = (content, locale, white_space, transform, word_break, overflow_wrap, breaks)
    key: tuple[Any, ...] | None = None
    if len(content) <= _SPLIT_MAX_CHARS and all(v is None or isinstance(v, str) for v in props):
        # with the switches between the reference's line breaks and the browsers'
        key = (*props, breaking.REFERENCE_LINE_BREAKS, breaking.REFERENCE_SCRIPT_BREAKS)
    split = _SPLIT_CACHE.get(key) if key is not None else None
    if split is None:
        split = _split(content, locale, white_space, transform, word_break, overflow_wrap, breaks)
        if key is not None:
            _SPLIT_CACHE.put(key, split)
    limit, ellipsis = line_limit(style, split.allow_soft_wrap)
    if limit == split.line_limit and ellipsis == split.block_ellipsis:
        return split
    return split.replace(line_limit=limit, block_ellipsis=ellipsis)


def _split(content: str, locale: str | None, white_space: Any, transform: Any, word_break: Any,
           overflow_wrap: Any, breaks: str) -> Preprocessed:
    """The text split into words, without a line limit (the caller sets it)."""
    collapse = white_space in COLLAPSIBLE
    # A text node is a paragraph of one run; ``pre-line`` keeps spaces at newlines (reference).
    collapser = Collapser()
    collapser.add_text(run_text(text_transform(content, transform, locale), white_space,
                                spaces_at_newlines=True), 0, collapse)
    content = collapser.finish()
    allow_soft_wrap = white_space not in NO_SOFT_WRAP
    allow_break_word, in_min_content = can_break_words(word_break, overflow_wrap)
    pieces, required = split_by_break_opportunities(content, breaks)
    return Preprocessed(tuple(pieces), tuple(required), allow_soft_wrap, allow_break_word, in_min_content,
                        content, collapse, math.inf, HORIZONTAL_ELLIPSIS)


# --- alignment and tabs ---------------------------------------------------------------

def resolve_text_align(text_align: Any, direction: Any) -> str:
    """The physical alignment: ``start``/``end``/initial follow ``direction``."""
    rtl = direction == "rtl"
    if text_align in ("left", "right", "center", "justify"):
        return str(text_align)
    if text_align == "end":
        return "left" if rtl else "right"
    return "right" if rtl else "left"


def tab_width(style: GroupedStyle, space_width: float) -> float:
    """The distance between tab stops: ``tabSize`` spaces, or a length."""
    size = style.text.tab_size
    return size.px if isinstance(size, TabLength) else space_width * size


def tab_advance(x: float, count: int, width: float, space_width: float) -> float:
    """The advance of ``count`` tabs at ``x`` from the line start; the first tab skips a
    stop closer than half a space."""
    if not width > 0:
        return 0.0
    width = min(width, MAX_LENGTH)  # tabSize 1e5000: stops at infinity put the next tab at NaN
    advance = (math.floor(x / width) + 1) * width - x
    if advance < space_width / 2:
        advance += width
    return advance + (count - 1) * width
