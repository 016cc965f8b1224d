"""Language codes of text: which script (or emoji) a grapheme belongs to.

Mirrors the reference's ``language.ts`` (``detectLanguageCode``,
``normalizeLocale``, the locale list) and ``convertToLanguageCodes`` of
``satori.ts``, which turns the text no font has into the ``(code, segment)``
requests of ``loadAdditionalAsset``. The Unicode properties the reference's
regular expressions test (``\\p{scx=Han}``, ``\\p{Emoji}``...) are tables
generated from the reference's own Node runtime (:mod:`._unicode_props`), so
the codes agree with it character for character.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from ..cache import text_cache
from ._unicode_props import RANGES
from .breaking import graphemes

__all__ = [
    "LANGUAGE_CODES",
    "LOCALES",
    "convert_to_language_codes",
    "detect_language_code",
    "is_emoji",
    "normalize_locale",
]


class _CodePointSet:
    """A set of code points stored as sorted inclusive ranges."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spec: str) -> None:
        pairs = [tuple(int(x, 16) for x in item.split("-")) for item in spec.split()]
        self._starts = [p[0] for p in pairs]
        self._ends = [p[1] for p in pairs]

    def __contains__(self, cp: int) -> bool:
        i = bisect_right(self._starts, cp) - 1
        return i >= 0 and cp <= self._ends[i]

    def any_in(self, text: str) -> bool:
        return any(ord(c) in self for c in text)


_P = {name: _CodePointSet(spec) for name, spec in RANGES.items()}
_EMOJI, _EMOJI_PRESENTATION, _RI = _P["Emoji"], _P["Emoji_Presentation"], _P["RI"]
_KEYCAP_BASES = frozenset("#*0123456789")

# The scripts each code's regular expression tests, in the reference's order
# (the order of the codes matters: it is the order of the answer).
_SCRIPTS: dict[str, tuple[str, ...]] = {
    "ja-JP": ("Hira", "Kana", "Han"),
    "ko-KR": ("Hangul",),
    "zh-CN": ("Han",),
    "zh-TW": ("Han",),
    "zh-HK": ("Han",),
    "th-TH": ("Thai",),
    "bn-IN": ("Bengali",),
    "ar-AR": ("Arabic",),
    "ta-IN": ("Tamil",),
    "ml-IN": ("Malayalam",),
    "he-IL": ("Hebrew",),
    "te-IN": ("Telugu",),
    "devanagari": ("Devanagari",),
    "kannada": ("Kannada",),
}
_SPECIAL = ("emoji", "symbol", "math")

#: The script locales (``Locale`` in the reference), in order.
LANGUAGE_CODES: tuple[str, ...] = tuple(_SCRIPTS)
#: What ``lang`` may be set to, on a font or normalised from an element (``locales``).
LOCALES: tuple[str, ...] = LANGUAGE_CODES + _SPECIAL


def is_emoji(text: str) -> bool:
    """Whether emoji-regex-xs finds an emoji anywhere in ``text`` (``RegExp.test``).

    Its pattern is ``\\p{RI}{2}`` or an ``\\p{Emoji}`` character that isn't one of
    ``#*0-9`` unless a keycap (optionally after U+FE0F) follows; everything after
    that character in the pattern is optional, so it decides nothing for ``test``.
    """
    previous_ri = False
    for i, ch in enumerate(text):
        cp = ord(ch)
        ri = cp in _RI
        if ri and previous_ri:
            return True
        previous_ri = ri
        if cp not in _EMOJI:
            continue
        if ch not in _KEYCAP_BASES:
            return True
        rest = text[i + 1:i + 3]
        if rest[:1] == "\u20e3" or rest == "\ufe0f\u20e3":
            return True
    return False


def _script_test(text: str, code: str) -> bool:
    if code == "ja-JP" and any(c == "\u3000" or "\uff00" <= c <= "\uffef" for c in text):
        return True
    return any(_P[script].any_in(text) for script in _SCRIPTS[code])


@text_cache(4096)
def detect_language_code(segment: str, locale: str | None = None) -> tuple[str, ...]:
    """The language codes of ``segment`` (``detectLanguageCode``).

    ``("emoji",)``, ``("symbol",)`` or ``("math",)`` when the segment has such a
    character (tested in that order); else every script locale whose script the
    segment has, ``locale`` first when it is among them; else ``("unknown",)``.
    U+FE0E (text presentation) on a character that is not an emoji by default
    skips the emoji test.
    """
    text_presentation = "\ufe0e" in segment and not _EMOJI_PRESENTATION.any_in(segment)
    if not text_presentation and is_emoji(segment):
        return ("emoji",)
    if _P["Symbol"].any_in(segment):
        return ("symbol",)
    if _P["Math"].any_in(segment):
        return ("math",)
    languages = [code for code in LANGUAGE_CODES if _script_test(segment, code)]
    if not languages:
        return ("unknown",)
    if locale in languages:
        languages.remove(locale)
        languages.insert(0, locale)
    return tuple(languages)


def normalize_locale(locale: object) -> str | None:
    """The locale a ``lang`` attribute selects (``normalizeLocale``): the first of
    :data:`LOCALES` that starts with it, case-insensitively; None for no match or
    an empty value (so ``lang="en"`` selects no locale, and ``"zh"`` is ``zh-CN``)."""
    if not locale:
        return None
    prefix = str(locale).lower()
    return next((code for code in LOCALES if code.lower().startswith(prefix)), None)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def convert_to_language_codes(
        segments: Sequence[tuple[str, str | None]]) -> dict[str, list[str]]:
    """``(grapheme, locale)`` pairs of text missing a font -> ``{code: [segment, ...]}``
    (``convertToLanguageCodes``).

    Each grapheme's codes are joined with ``|`` (``"ja-JP|zh-CN|zh-TW|zh-HK"``); the
    text of each code is concatenated in order and split into graphemes again.
    ``emoji`` gets one segment per distinct grapheme; every other code one segment
    of its distinct graphemes. Codes come in order of first appearance.
    """
    words_by_code: dict[str, str] = {}
    for word, locale in segments:
        code = "|".join(detect_language_code(word, locale))
        words_by_code[code] = words_by_code.get(code, "") + word
    result: dict[str, list[str]] = {}
    for code, text in words_by_code.items():
        # Grapheme clusters don't depend on the locale the reference passes here.
        parts = _unique(graphemes(text))
        result[code] = parts if code == "emoji" else ["".join(parts)]
    return result
