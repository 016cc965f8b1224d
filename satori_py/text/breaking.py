"""Segmentation of text: graphemes, words and line-break opportunities.

This module owns every use of ICU (``icu4py``) in the package. It mirrors the
reference's ``utils.ts`` (``segment()``, ``splitByBreakOpportunities()``,
``wordSeparators``) and ``text/processor.ts`` (``canBreakWords()``); bidi
levels are :mod:`.bidi`'s.

Graphemes and words come from ICU's character and word break iterators, like
the reference's ``Intl.Segmenter`` (V8 embeds ICU, so they agree).

Line-break opportunities: the reference uses the npm ``linebreak`` package (an
older UAX #14 with a pair table), we use ICU's line break iterator, which
implements the current UAX #14 and breaks Thai, Lao, Khmer and Myanmar text
with dictionaries. The two disagree in a few places that change where lines
wrap, so :func:`reference_break_adjustment` corrects ICU's answer where the
reference's differs (``REFERENCE_LINE_BREAKS``):

* A hyphen at the start of a word (``-start``, ``->``, a Hebrew maqaf ``־``, and
  the other hyphens of :data:`_HYPHENS`): the reference breaks after it, ICU does
  not (UAX #14 LB20a, class HH).
* Between two letters or numbers by the reference's classes (AL, HL, NU) where
  ICU's newer classes allow a break (U+2800, Balinese musical symbols): the
  reference does not break (LB23, LB28).
* Quotation marks: the reference never breaks next to one (``“日”`` stays with
  its neighbours) except after spaces, and breaks after spaces before closing
  quotes and after opening quotes followed by spaces (old LB19), where ICU
  does the opposite (LB15a/b, LB19a).
* Opening brackets after letters, digits, prefixes and postfixes (``word「``,
  ``$(``, ``‰（``) and closing brackets before currency or percent signs
  (``)$``), ``/`` before a digit, and ``,.:;`` after a space before a digit:
  the reference does not break, ICU does (LB25, LB30 and LB15c of newer UAX
  #14). After an emoji (class ID) before ``(``, both break.
* ``,.:;/`` before a prefix or postfix (``5.%``, ``1;$2``): the reference
  breaks, ICU does not (LB25).
* After a hyphen, or a break-after character (tab, ``|``, U+3000), following
  a Hebrew letter: the reference does not break (the old LB21a), ICU only
  keeps hyphens. The reference keeps that state over line breaks too: after
  ``אא\n-`` it does not break either (:func:`_lb21a_carried`).

The classes are the reference's own (:mod:`._line_break_classes`, generated from
its data): ``line_break_class``.

Where the reference is plainly wrong against browsers, satori-py still follows it
by default (``REFERENCE_SCRIPT_BREAKS``; issue 12); set it to False to do what
browsers do (tests/text/test_line_breaking_scripts.py measures both):

* South-East Asian scripts (class SA): the reference's ``linebreak`` has no
  dictionaries and treats them as letters (AL), so it never breaks inside a
  run of Thai, Lao, Khmer or Burmese: a Thai paragraph without spaces is one
  overflowing line. ICU, like browsers, breaks between its words.
* Japanese small kana and the prolonged sound mark (class CJ): the reference
  never breaks before them (CSS ``line-break: strict``); browsers use
  ``normal`` for ``auto`` and do, like ICU's ``lb=normal`` rules.
* ``word-break: keep-all``: the reference breaks at every word-segmenter
  boundary (between ``"Hello"`` and ``"!"``, and between the dictionary words
  of Chinese and Japanese, so a line may start with ``。``) and forgets
  required breaks. Browsers keep the line-break opportunities except those
  between two letters or numbers (CSS Text 3: CJK characters count as
  letters; SA scripts keep theirs), so a Japanese sentence only wraps after
  its punctuation and at spaces.

Set ``REFERENCE_LINE_BREAKS`` to False to get plain ICU behaviour. The breaks of
1,500 random strings of mixed kinds are the reference's
(tests/text/test_line_break_reference.py). Combining marks count as the character
they are on for both breakers (:func:`_mark_base`); the reference takes a zero-width
joiner as a letter where ICU takes it as the character it joins. Known differences left
(6-11 of 20,000 random strings of Hebrew, hyphens, quotes, brackets, marks and joiners):
a joiner with marks before a prefix or postfix (``!\u200d\u0301$``), between a Hebrew
letter and a hyphen (``ש\u200d–\xa0``), or after a line break before an ideograph.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable

from icu4py.breakers import CharacterBreaker, LineBreaker, WordBreaker

from ..cache import text_cache
from ..limits import check_deadline
from ..patterns import lazy_compile

__all__ = [
    "REFERENCE_LINE_BREAKS",
    "REFERENCE_SCRIPT_BREAKS",
    "WORD_SEPARATORS",
    "can_break_words",
    "graphemes",
    "line_break_ends",
    "split_by_break_opportunities",
    "split_images",
    "word_segments",
    "words",
    "words_and_images",
]

# Whether line-break opportunities follow the reference (npm `linebreak`) where it
# differs from ICU; see the module docstring.
REFERENCE_LINE_BREAKS = True
# Whether Thai, Lao, Khmer and Myanmar never break between words, small kana never start
# a line, and keep-all breaks at word-segmenter boundaries, as in the reference
# (instead of as in browsers, with False); see the module docstring.
REFERENCE_SCRIPT_BREAKS = True

# https://drafts.csswg.org/css-text/#word-separator, as the reference lists them.
WORD_SEPARATORS: tuple[str, ...] = tuple(
    chr(c) for c in (0x0020, 0x00A0, 0x1361, 0x10100, 0x10101, 0x1039, 0x1091, 0x0A)
)

_CACHE = 2048

# Texts of ASCII letters, digits and spaces alone (most words and many titles of a card) are
# segmented here without ICU, whose break iterators cost ~50,000 instructions each to make,
# more than the rest of a short word's drawing: their word segments are the runs of letters
# and digits and the runs of spaces (UAX #29 WB3d, WB5, WB8-WB10); their line-break pieces
# end after each run of spaces (UAX #14 LB7, LB18, LB23, LB25, LB28), with and without
# ``@lb=normal``, where none of the reference's differences applies
# (:func:`split_by_break_opportunities`). tests/text/test_breaking.py compares both with ICU.
# (The test for plain text is string methods.)
_PLAIN_RUNS = lazy_compile(r"[A-Za-z0-9]+| +")


def _plain(text: str) -> bool:
    """Whether ``text`` is ASCII letters, digits and spaces, with a letter or digit."""
    return text.isascii() and text.replace(" ", "").isalnum()


# Prose of such words, each maybe ending in commas and full stops (``Sep 21, 2026``, ``Rust,
# TypeScript and coffee.``): a full stop or comma between a word and spaces or the text's end
# is kept with the word by both breakers (UAX #14 LB7, LB13: IS before them), and the
# reference's differences need another character, so its line-break pieces end after each
# run of spaces too (:func:`split_by_break_opportunities`). The ASCII symbols of class AL
# (``@#&*=_~^`<>``) and the quotes (QU, which neither breaker parts from what is beside them:
# LB19, and the reference's adjustment) break like letters (``What's new``, ``@lukas``), as
# tests/text/test_breaking.py holds them to the long way. Checked on its shape: letters,
# digits and those read as "a", commas and full stops as ",", anything else as "x".
_LIKE_LETTERS = "@#&*=_~^`<>'\""
_PROSE_SHAPE = {c: "a" if chr(c).isalnum() or chr(c) in _LIKE_LETTERS else "," if chr(c) in ",."
                else " " if c == 32 else "x" for c in range(128)}
_PROSE_WORD = "[A-Za-z0-9,." + re.escape(_LIKE_LETTERS) + "]"  # (what _prose reads as "a" or ",")
_PROSE_PIECES = lazy_compile(f"{_PROSE_WORD}* +|{_PROSE_WORD}+")


def _prose(text: str) -> bool:
    """Whether ``text`` is ASCII words of letters, digits and the symbols that break like them,
    each maybe ending in commas and full stops, between runs of spaces."""
    if not text.isascii():
        return False
    shape = text.translate(_PROSE_SHAPE)
    return ("a" in shape and "x" not in shape and ",a" not in shape and " ," not in shape
            and shape[0] != ",")


def word_segments(text: str, locale: str) -> list[str]:
    """ICU's word segments of ``text`` (``WordBreaker``)."""
    if _plain(text):
        return _PLAIN_RUNS.findall(text)
    return list(WordBreaker(text, locale))


def line_break_ends(text: str, locale: str) -> set[int]:
    """Where ICU's line-break segments of ``text`` end (``LineBreaker``; the last at its end)."""
    ends = set()
    end = 0
    for piece in LineBreaker(text, locale):
        end += len(piece)
        ends.add(end)
    return ends


# --- graphemes and words ------------------------------------------------------------------

@text_cache(_CACHE)
def _graphemes(text: str, locale: str) -> tuple[str, ...]:
    if text.isascii() and "\r" not in text:
        return tuple(text)  # CR LF is the only cluster of ASCII characters
    return tuple(CharacterBreaker(text, locale)) if text else ()


def graphemes(text: str, locale: str | None = None) -> list[str]:
    """The extended grapheme clusters of ``text`` (``segment(text, 'grapheme')``)."""
    return list(_graphemes(text, locale or ""))


@text_cache(_CACHE)
def _words(text: str, locale: str) -> tuple[str, ...]:
    if not text:
        return ()
    segmented = word_segments(text, locale)
    out: list[str] = []
    i = 0
    # Like the reference, a no-break space glues the words on either side into one.
    while i < len(segmented):
        piece = segmented[i]
        if piece == "\u00a0":
            before = out.pop() if i > 0 else ""
            after = segmented[i + 1] if i < len(segmented) - 1 else ""
            out.append(before + "\u00a0" + after)
            i += 2
        else:
            out.append(piece)
            i += 1
    return tuple(out)


def words(text: str, locale: str | None = None) -> list[str]:
    """Word segments of ``text`` (``segment(text, 'word')``): words, spaces and punctuation."""
    return list(_words(text, locale or ""))


def words_and_images(text: str, locale: str | None, is_image: Callable[[str], bool] | None) -> list[str]:
    """The word segments of ``text``, graphemes drawn as images split apart (None: no images):
    the pieces both text layouts draw (the inline engine segments without a locale)."""
    parts = words(text, locale)
    if is_image is None:
        return parts
    return [p for s in parts for p in split_images(s, is_image)]


def split_images(text: str, is_image: Callable[[str], bool]) -> list[str]:
    """Split the graphemes drawn as images (``graphemeImages``) from the text around them:
    words can hold several, e.g. consecutive keycaps (``splitImages``)."""
    parts_in = graphemes(text)
    if not any(is_image(g) for g in parts_in):
        return [text]
    parts: list[str] = []
    after_image = True
    for g in parts_in:
        image = is_image(g)
        if image or after_image:
            parts.append(g)
        else:
            parts[-1] += g
        after_image = image
    return parts


# --- line-break opportunities -------------------------------------------------------------

# Characters after which a line must break (UAX #14 classes BK, CR, LF, NL).
_MANDATORY = frozenset("\n\r\u000b\u000c\u0085\u2028\u2029")
# Hyphens ICU does not break after at the start of a word (UAX #14 LB20a: classes HY and, from
# Unicode 16, HH), where the reference does (its classes HY and BA): hyphen-minus, hyphen, en
# dash, and the Armenian, Hebrew (maqaf), Canadian syllabics, figure, double oblique, double and
# oblique hyphens.
_HYPHENS = frozenset("-\u2010\u2013\u058a\u05be\u1400\u2012\u2e17\u2e40\u2e5d")

# Letters and marks of the scripts of class SA (complex context: Thai, Lao, Myanmar,
# Khmer, Tai Le, New Tai Lue, Tai Tham, Tai Viet, Ahom).
_SA_RANGES = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x1950, 0x19DF),
              (0x19E0, 0x19FF), (0x1A20, 0x1AAF), (0xA9E0, 0xA9FF), (0xAA60, 0xAADF),
              (0x11700, 0x1174F))


def _category(c: str) -> str:
    return unicodedata.category(c)


def _is_sa(c: str) -> bool:
    code = ord(c)
    # (Below the first range, as most characters asked about are, without a search.)
    return code >= 0x0E00 and any(lo <= code <= hi for lo, hi in _SA_RANGES) and _category(c)[0] in "LM"


# The reference's line-break classes (:mod:`._line_break_classes`, made from its own data):
# range starts, ends and classes, read on the first text that is not plain.
_CLASS_TABLE: tuple[list[int], list[int], list[str], list[str]] | None = None
# As the reference's breaker takes them: AI, SA, SG and XX as AL, CJ as NS.
_AS_CLASS = {"AI": "AL", "SA": "AL", "SG": "AL", "XX": "AL", "CJ": "NS"}


def _class_table() -> tuple[list[int], list[int], list[str], list[str]]:
    """The ranges' starts, ends and classes, and the classes of U+0000-U+00FF by code
    point (most characters asked about: looked up without a search)."""
    global _CLASS_TABLE
    if _CLASS_TABLE is None:
        from ._line_break_classes import RANGES
        starts: list[int] = []
        ends: list[int] = []
        classes: list[str] = []
        for entry in RANGES.rstrip(",").split(","):
            first, last, cls = entry.split()
            starts.append(int(first, 16))
            ends.append(starts[-1] if last == "-" else int(last, 16))
            classes.append(_AS_CLASS.get(cls, cls))
        latin = ["AL"] * 256
        for start, end, name in zip(starts, ends, classes):
            latin[start:min(end, 255) + 1] = [name] * max(0, min(end, 255) + 1 - start)
        _CLASS_TABLE = starts, ends, classes, latin
    return _CLASS_TABLE


def line_break_class(c: str) -> str:
    """The UAX #14 line-break class the reference's breaker gives ``c`` (one character)."""
    starts, ends, classes, latin = _CLASS_TABLE or _class_table()
    code = ord(c)
    if code < 256:
        return latin[code]
    k = bisect.bisect_right(starts, code) - 1
    return classes[k] if code <= ends[k] else "AL"


def _mark_base(text: str, i: int) -> int:
    """Where the character ``text[i]`` counts as, for both breakers, is: a combining mark on a
    character counts as that character (through further marks), unless it follows a space, a
    line break or a zero-width space, or starts the text (then it stands for itself: ICU's
    LB9 and LB10; the reference's pair table looks past such a mark, ``COMBINING_INDIRECT``
    and ``COMBINING_PROHIBITED``, unless the class before it is a space's)."""
    while i > 0 and line_break_class(text[i]) == "CM":
        before = text[i - 1]
        if before == " " or before == "\u200b" or before in _MANDATORY:
            break
        i -= 1
    return i


def _after_hebrew(text: str, i: int) -> bool:
    """Whether ``text[i]`` follows a Hebrew letter, spaces and the marks on it between aside:
    the reference never breaks after a hyphen or break-after character there, nor after
    spaces that follow it (the old LB21a, ``HL (HY | BA) ×``; its breaker keeps the class
    before spaces and marks). ICU's newer LB21a leaves BA out."""
    while i > 0 and text[i - 1] == " ":
        i -= 1
    return i > 0 and line_break_class(text[_mark_base(text, i - 1)]) == "HL"


# How the reference's breaker takes the class of the first character after a line break.
_MAP_FIRST = {"LF": "BK", "NL": "BK", "SP": "WJ"}


def _lb21a_carried(text: str, k: int, carried: dict[int, bool]) -> bool:
    """Whether the reference's breaker reaches the hyphen or break-after character
    ``text[k]``, the first after a line break, with its LB21a state set: it keeps the state
    over line breaks, spaces and combining marks, as the last pair of characters it looked
    at before them left it (set when the first was a Hebrew letter), so it does not break
    after ``text[k]`` (npm linebreak's ``nextBreak``, only what moves that state).

    The breaker starts every line as it starts the text, and each pair it looks at sets the
    state whatever it was, so the lines before ``k`` are read backwards, each alone, up to the
    nearest one with such a pair or the nearest line start already answered in ``carried``
    (line start -> state, filled here for every line read): a list of lines starting with
    "- " costs a line each, and so does a list of one-character lines (no pair in them), not
    the whole text before each of them."""
    starts: list[int] = []
    state = False
    end = k
    while end > 0:
        known = carried.get(end)
        if known is not None:
            state = known
            break
        starts.append(end)
        start = end - 1
        while start > 0 and text[start - 1] not in _MANDATORY:
            start -= 1
        line = _line_state([line_break_class(c) for c in text[start:end]])
        if line is not None:
            state = line
            break
        end = start
    for start in starts:
        carried[start] = state
    return state


def _line_state(classes: list[str]) -> bool | None:
    """The LB21a state the breaker leaves after ``classes`` (a line as it starts one, up to and
    with its line break), or None when no pair there sets it."""
    current = _MAP_FIRST.get(classes[0], classes[0])
    following = classes[0]
    state: bool | None = None
    for cls in classes[1:]:
        before, following = following, cls
        if current == "BK" or (current == "CR" and cls != "LF"):
            current = _MAP_FIRST.get(cls, cls)  # the line break itself
        elif cls in ("BK", "LF", "NL", "CR"):
            current = "BK" if cls != "CR" else "CR"
        elif cls == "SP" or (cls in ("CM", "ZWJ") and before != "SP"):
            continue  # looked past, as its base's
        else:
            state = current == "HL"
            current = cls
    return state


def _lb21a_at(text: str, k: int, carried: dict[int, bool]) -> bool:
    """Whether the reference never breaks after ``text[k]`` (a hyphen or break-after
    character) by its LB21a: after a Hebrew letter (:func:`_after_hebrew`), or first after a
    line break with the state carried over it (:func:`_lb21a_carried`)."""
    if _after_hebrew(text, k):
        return True
    return k > 0 and text[k - 1] in _MANDATORY and _lb21a_carried(text, k, carried)


# Classes never parted from the spaces before them (LB6, LB7, LB8, LB13, LB16 and LB17's
# neighbours): after an opening quote and spaces the reference breaks before any other.
_KEPT_AFTER_SPACES = frozenset({"CL", "CP", "OP", "IS", "EX", "SY", "ZW", "WJ", "SP", "BK", "CR", "LF", "NL"})
# The same after a zero-width joiner and spaces: the reference's pair table takes the joiner
# as a class of its own (its row is a letter's), ICU as the character it joins (LB9), which
# keeps an opening bracket or quote whole with the spaces after it (LB14, LB15a).
_KEPT_AFTER_JOINER_SPACES = _KEPT_AFTER_SPACES - {"OP"}
# Classes the reference never breaks before an opening bracket after, where ICU does
# (LB30 keeps only AL, HL and NU with a narrow bracket; LB25 PR and PO before a digit).
_BEFORE_OPEN = frozenset({"AL", "HL", "NU", "PR", "PO"})
# Classes the reference never breaks between (LB23, LB28; its SA, taken as AL, aside).
_LETTERS_AND_NUMBERS = frozenset({"AL", "HL", "NU"})


# The characters of classes IS and SY (the reference's ``, . : ; /`` and the like); a test
# holds this list to the class table.
_INFIX_OR_SLASH = ",./:;\u037e\u0589\u060c\u060d\u07f8\u2044\ufe10\ufe13\ufe14"
#: Where :func:`reference_break_adjustment` may answer True: after a space, a hyphen, or an
#: infix separator or slash (before a prefix or postfix: ``1.$``, ``8/%``).
_AFTER_SPACE_HYPHEN_OR_INFIX = lazy_compile(
    "[" + re.escape(" " + "".join(sorted(_HYPHENS)) + _INFIX_OR_SLASH) + "]")


def reference_break_adjustment(text: str, i: int, reference_scripts: bool = False,
                                carried: dict[int, bool] | None = None) -> bool | None:
    """Whether the reference breaks between ``text[i-1]`` and ``text[i]``, where it differs
    from ICU: True (break), False (no break), or None (ICU's answer stands). Within
    South-East Asian scripts only with ``reference_scripts``. True only after a space, a
    hyphen, an infix separator or a slash, or the marks on them (``_line_segments`` asks only
    there and where ICU breaks). The character before ``i`` is taken as the one its marks are
    on (:func:`_mark_base`), as both breakers take it. ``carried``: the LB21a states at line starts found so far
    (:func:`_lb21a_carried`), one dict for all the questions about one text."""
    if carried is None:
        carried = {}
    p, n = text[i - 1], text[i]
    # Between two ASCII letters or digits none of the differences apply.
    if p in _MANDATORY or (p.isascii() and n.isascii() and p.isalnum() and n.isalnum()):
        return None
    b = i - 1  # where p is (or the character its marks are on)
    if not p.isascii():
        b = _mark_base(text, b)
        p = text[b]
    if reference_scripts and _is_sa(p) and _is_sa(n):
        return False
    after = line_break_class(n)
    # The reference breaks after a hyphen before a letter but by its LB21a; ICU does not after
    # a word-initial one (LB20a: after spaces, breaks, GL, ..., and what joiners are on).
    if p in _HYPHENS and after in ("AL", "HL") and not _lb21a_at(text, b, carried):
        return True
    if p == " ":
        # After spaces: what decides is the last character before them.
        j = i - 1
        while j > 0 and text[j - 1] == " ":
            j -= 1
        j = _mark_base(text, j - 1) + 1 if j > 0 else 0
        last = text[j - 1] if j > 0 else ""
        if last == "\u200b":
            return None  # both break after a zero-width space and the spaces after it (LB8)
        if j > 0 and line_break_class(last) in ("HY", "BA") and _lb21a_at(text, j - 1, carried):
            return False  # the old LB21a, across the spaces after the hyphen
        if after == "IS":
            return False
        if last == "\u200d" and after not in _KEPT_AFTER_JOINER_SPACES:
            return True
        if after == "OP" and last and line_break_class(last) == "QU":
            return False
        # ICU's LB15a/b read the general categories of quotes (Pi, Pf), not their class.
        if last and _category(last) == "Pi" and after not in _KEPT_AFTER_SPACES:
            return True
        if _category(n) == "Pf" and not (last and line_break_class(last) == "OP"):
            return True
        return None
    if p == "\u200b":
        return None
    before = line_break_class(p)
    if before in ("CM", "ZWJ"):
        # A mark on nothing (after a space, a break) is a letter to both (ICU's LB10); so is a
        # joiner to the reference (its pair table's row), where ICU takes the character the
        # joiner is on (LB9) but directly after it (LB8a: neither breaks there).
        before = "AL"
    if before in ("HY", "BA") and _lb21a_at(text, b, carried):
        return False  # the old LB21a
    if after in ("PR", "PO") and p in _INFIX_OR_SLASH:
        return True  # ICU's LB25 keeps ``1.5%``-like runs (NU (SY|IS)* PO) whole
    if after == "QU" or before == "QU":
        return False
    if after == "OP" and before in _BEFORE_OPEN:
        return False
    if after in ("PR", "PO") and before in ("CL", "CP"):
        return False
    if before in _LETTERS_AND_NUMBERS and after in _LETTERS_AND_NUMBERS \
            and (reference_scripts or not (_is_sa(p) or _is_sa(n))):
        return False  # LB23, LB28, where ICU's newer classes break (U+2800, Balinese symbols)
    if p == "/" and after == "NU":
        return False
    return None


def _after_space_hyphen_or_infix(text: str) -> set[int]:
    """Where :func:`reference_break_adjustment` may answer True: after each space, hyphen,
    infix separator or slash, and the combining marks on it."""
    ends = {m.end() for m in _AFTER_SPACE_HYPHEN_OR_INFIX.finditer(text)}
    if text.isascii():
        return ends
    marked = set()
    for end in ends:
        while end < len(text) and line_break_class(text[end]) == "CM":
            end += 1
        marked.add(end)
    return ends | marked


@text_cache(_CACHE)
def _line_segments(text: str, reference: bool, reference_scripts: bool,
                   keep_all: bool) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    # ``lb=normal``: CSS ``line-break: normal``, which browsers use for ``auto``.
    icu_ends = line_break_ends(text, "" if reference_scripts else "@lb=normal")
    # The reference breaks where ICU does not only after a space, a hyphen, an infix separator
    # or a slash: elsewhere its verdict is False or None, which matters only where ICU breaks.
    candidates = icu_ends | _after_space_hyphen_or_infix(text) if reference else icu_ends
    ends: list[int] = []
    carried: dict[int, bool] = {}
    for k, i in enumerate(sorted(candidates)):
        if not k & 4095:
            check_deadline()
        if i >= len(text) or (text[i] == " " and text[i - 1] == " "):
            # Neither breaks between two spaces (LB7); the reference's verdict there, read
            # back to the character before the spaces, would make a run of them quadratic.
            continue
        verdict = reference_break_adjustment(text, i, reference_scripts, carried) if reference else None
        if verdict is True or (verdict is None and i in icu_ends):
            if keep_all and text[i - 1] not in _MANDATORY and _keeps_all(text, i):
                continue
            ends.append(i)
    ends.append(len(text))
    pieces: list[str] = []
    # Like the reference's: the break before word k is required when the word before
    # ends with a mandatory break (CR LF is one) and text follows.
    required = [False]
    start = 0
    for stop in ends:
        piece = text[start:stop]
        pieces.append(piece)
        required.append(piece[-1] in _MANDATORY and stop < len(text))
        start = stop
    return tuple(pieces), tuple(required)


def _is_letter_or_number(c: str) -> bool:
    return _category(c)[0] in "LN" and not _is_sa(c)


def _keeps_all(text: str, i: int) -> bool:
    """Whether ``keep-all`` suppresses the break before ``text[i]``: between letters or
    numbers (a mark counts as the character it is on), except in SA scripts."""
    j = i - 1
    while j > 0 and _category(text[j])[0] == "M":
        j -= 1
    return _is_letter_or_number(text[j]) and _is_letter_or_number(text[i])


def split_by_break_opportunities(content: str, word_break: str) -> tuple[list[str], list[bool]]:
    """Split ``content`` into the pieces lines may wrap between.

    Returns ``(words, required)`` where ``required[k]`` says the line must break before
    ``words[k]`` (``required`` may be shorter or longer than ``words``; missing entries
    are False). Mirrors ``splitByBreakOpportunities()``: with ``break-all`` every
    grapheme is a piece, without required breaks, so preserved newlines don't break
    lines then (a quirk of the reference). ``keep-all`` is the browsers' unless
    ``REFERENCE_SCRIPT_BREAKS`` (the reference's pieces are word segments then, again
    without required breaks).
    """
    if not content:
        return [], [False]
    if word_break == "break-all":
        return graphemes(content), []
    if word_break == "keep-all" and REFERENCE_SCRIPT_BREAKS:
        return words(content), []
    if _prose(content):
        # ICU breaks after each run of spaces, and none of the reference's differences applies
        # (nor keep-all's, which only keeps breaks between letters): the pieces are the runs
        # up to each run of spaces, none required (tests/text/test_breaking.py holds them to
        # ICU and the adjustments).
        runs: list[str] = _PROSE_PIECES.findall(content)
        return runs, [False] * (len(runs) + 1)
    pieces, required = _line_segments(content, REFERENCE_LINE_BREAKS, REFERENCE_SCRIPT_BREAKS,
                                      word_break == "keep-all")
    return list(pieces), list(required)


def can_break_words(word_break: str | None, overflow_wrap: str | None) -> tuple[bool, bool]:
    """``(allow_break_word, allow_break_word_in_min_content)``: whether a word that
    doesn't fit is broken between graphemes, in layout and when measuring the
    min-content size (``overflow-wrap: break-word`` doesn't count there)."""
    in_min_content = word_break in ("break-all", "break-word") or overflow_wrap == "anywhere"
    return in_min_content or overflow_wrap == "break-word", in_min_content
