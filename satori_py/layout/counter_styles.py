"""The predefined counter styles that list markers and ``counter()`` use.

Mirrors the reference's ``counter-styles.ts``
(https://www.w3.org/TR/css-counter-styles-3/#predefined-counters): cyclic,
numeric, alphabetic and additive systems, their suffixes, and the fallback
to ``decimal`` for unknown styles and values out of a style's range.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["SYMBOL_MARKERS", "format_counter", "marker_text"]


@dataclass(frozen=True, slots=True)
class CounterStyle:
    system: str  # cyclic, numeric, alphabetic or additive
    symbols: tuple[str, ...] = ()
    additive: tuple[tuple[int, str], ...] = ()
    range: tuple[float, float] = (-math.inf, math.inf)
    suffix: str | None = None
    pad: int = 0  # the minimum length, padded with the first symbol


def _numeric(digits: str, suffix: str | None = None, *, pad: int = 0) -> CounterStyle:
    return CounterStyle("numeric", tuple(digits), suffix=suffix, pad=pad)


def _alphabetic(letters: str, suffix: str | None = None) -> CounterStyle:
    return CounterStyle("alphabetic", tuple(letters), suffix=suffix)


def _additive(range_: tuple[int, int], pairs: str) -> CounterStyle:
    tokens = pairs.split()
    return CounterStyle("additive", additive=tuple((int(tokens[i]), tokens[i + 1])
                                                   for i in range(0, len(tokens), 2)),
                        range=(float(range_[0]), float(range_[1])))


_CJK_SUFFIX = "\u3001"
_ROMAN = "1000 M 900 CM 500 D 400 CD 100 C 90 XC 50 L 40 XL 10 X 9 IX 5 V 4 IV 1 I"
_UPPER_ARMENIAN = "9000 Ք 8000 Փ 7000 Ւ 6000 Ց 5000 Ր 4000 Տ 3000 Վ 2000 Ս 1000 Ռ 900 Ջ 800 Պ 700 Չ 600 Ո 500 Շ 400 Ն 300 Յ 200 Մ 100 Ճ 90 Ղ 80 Ձ 70 Հ 60 Կ 50 Ծ 40 Խ 30 Լ 20 Ի 10 Ժ 9 Թ 8 Ը 7 Է 6 Զ 5 Ե 4 Դ 3 Գ 2 Բ 1 Ա"
_LOWER_ARMENIAN = "9000 ք 8000 փ 7000 ւ 6000 ց 5000 ր 4000 տ 3000 վ 2000 ս 1000 ռ 900 ջ 800 պ 700 չ 600 ո 500 շ 400 ն 300 յ 200 մ 100 ճ 90 ղ 80 ձ 70 հ 60 կ 50 ծ 40 խ 30 լ 20 ի 10 ժ 9 թ 8 ը 7 է 6 զ 5 ե 4 դ 3 գ 2 բ 1 ա"
_GEORGIAN = "10000 ჵ 9000 ჰ 8000 ჯ 7000 ჴ 6000 ხ 5000 ჭ 4000 წ 3000 ძ 2000 ც 1000 ჩ 900 შ 800 ყ 700 ღ 600 ქ 500 ფ 400 ჳ 300 ტ 200 ს 100 რ 90 ჟ 80 პ 70 ო 60 ჲ 50 ნ 40 მ 30 ლ 20 კ 10 ი 9 თ 8 ჱ 7 ზ 6 ვ 5 ე 4 დ 3 გ 2 ბ 1 ა"
_HEBREW = "10000 י׳ 9000 ט׳ 8000 ח׳ 7000 ז׳ 6000 ו׳ 5000 ה׳ 4000 ד׳ 3000 ג׳ 2000 ב׳ 1000 א׳ 400 ת 300 ש 200 ר 100 ק 90 צ 80 פ 70 ע 60 ס 50 נ 40 מ 30 ל 20 כ 19 יט 18 יח 17 יז 16 טז 15 טו 10 י 9 ט 8 ח 7 ז 6 ו 5 ה 4 ד 3 ג 2 ב 1 א"
COUNTER_STYLES: dict[str, CounterStyle] = {
    "disc": CounterStyle("cyclic", ("•",), suffix=" "),
    "circle": CounterStyle("cyclic", ("◦",), suffix=" "),
    "square": CounterStyle("cyclic", ("▪",), suffix=" "),
    "disclosure-open": CounterStyle("cyclic", ("▾",), suffix=" "),
    "disclosure-closed": CounterStyle("cyclic", ("▸",), suffix=" "),
    "decimal": _numeric("0123456789"),
    "decimal-leading-zero": _numeric("0123456789", pad=2),
    "arabic-indic": _numeric("٠١٢٣٤٥٦٧٨٩"),
    "bengali": _numeric("০১২৩৪৫৬৭৮৯"),
    "cambodian": _numeric("០១២៣៤៥៦៧៨៩"),
    "khmer": _numeric("០១២៣៤៥៦៧៨៩"),
    "cjk-decimal": _numeric("〇一二三四五六七八九", _CJK_SUFFIX),
    "devanagari": _numeric("०१२३४५६७८९"),
    "gujarati": _numeric("૦૧૨૩૪૫૬૭૮૯"),
    "gurmukhi": _numeric("੦੧੨੩੪੫੬੭੮੯"),
    "kannada": _numeric("೦೧೨೩೪೫೬೭೮೯"),
    "lao": _numeric("໐໑໒໓໔໕໖໗໘໙"),
    "malayalam": _numeric("൦൧൨൩൪൫൬൭൮൯"),
    "mongolian": _numeric("᠐᠑᠒᠓᠔᠕᠖᠗᠘᠙"),
    "myanmar": _numeric("၀၁၂၃၄၅၆၇၈၉"),
    "oriya": _numeric("୦୧୨୩୪୫୬୭୮୯"),
    "persian": _numeric("۰۱۲۳۴۵۶۷۸۹"),
    "tamil": _numeric("௦௧௨௩௪௫௬௭௮௯"),
    "telugu": _numeric("౦౧౨౩౪౫౬౭౮౯"),
    "thai": _numeric("๐๑๒๓๔๕๖๗๘๙"),
    "tibetan": _numeric("༠༡༢༣༤༥༦༧༨༩"),
    "lower-alpha": _alphabetic("abcdefghijklmnopqrstuvwxyz"),
    "lower-latin": _alphabetic("abcdefghijklmnopqrstuvwxyz"),
    "upper-alpha": _alphabetic("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "upper-latin": _alphabetic("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lower-greek": _alphabetic("αβγδεζηθικλμνξοπρστυφχψω"),
    "hiragana": _alphabetic("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわゐゑをん", _CJK_SUFFIX),
    "hiragana-iroha": _alphabetic("いろはにほへとちりぬるをわかよたれそつねならむうゐのおくやまけふこえてあさきゆめみしゑひもせす", _CJK_SUFFIX),
    "katakana": _alphabetic("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヰヱヲン", _CJK_SUFFIX),
    "katakana-iroha": _alphabetic("イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス", _CJK_SUFFIX),
    "cjk-earthly-branch": _alphabetic("子丑寅卯辰巳午未申酉戌亥", _CJK_SUFFIX),
    "cjk-heavenly-stem": _alphabetic("甲乙丙丁戊己庚辛壬癸", _CJK_SUFFIX),
    "lower-roman": _additive((1, 3999), _ROMAN.lower()),
    "upper-roman": _additive((1, 3999), _ROMAN),
    "armenian": _additive((1, 9999), _UPPER_ARMENIAN),
    "upper-armenian": _additive((1, 9999), _UPPER_ARMENIAN),
    "lower-armenian": _additive((1, 9999), _LOWER_ARMENIAN),
    "georgian": _additive((1, 19999), _GEORGIAN),
    "hebrew": _additive((1, 10999), _HEBREW),
}

# Markers drawn as shapes, like in browsers.
SYMBOL_MARKERS = frozenset({"disc", "circle", "square", "disclosure-open", "disclosure-closed"})
_DECIMAL = COUNTER_STYLES["decimal"]


def _represent(value: int, style: CounterStyle) -> str | None:
    low, high = style.range
    if value < low or value > high:
        return None
    symbols = style.symbols
    if style.system == "cyclic":
        return symbols[(value - 1) % len(symbols)]
    if style.system == "numeric":
        n, rest = len(symbols), abs(value)
        out = symbols[0] if rest == 0 else ""
        while rest > 0:
            out = symbols[rest % n] + out
            rest //= n
        return out
    if style.system == "alphabetic":
        if value < 1:
            return None
        n, rest, out = len(symbols), value, ""
        while rest > 0:
            rest -= 1
            out = symbols[rest % n] + out
            rest //= n
        return out
    if value < 0:
        return None
    if value == 0:
        return next((symbol for weight, symbol in style.additive if weight == 0), None)
    rest, out = value, ""
    for weight, symbol in style.additive:
        if weight == 0:
            continue
        while rest >= weight:
            out += symbol
            rest -= weight
    return out if rest == 0 else None


def format_counter(value: int, counter_style: str) -> str:
    """A counter value in a counter style, without a marker's suffix (``counter()``).

    Unknown styles are ``decimal``; ``none`` is empty.
    """
    name = counter_style.lower()
    if name == "none":
        return ""
    style = COUNTER_STYLES.get(name, _DECIMAL)
    text = _represent(value, style)
    pad, symbols = style.pad, style.symbols
    if text is None:
        # Values out of a style's range fall back to decimal.
        text = _represent(value, _DECIMAL) or ""
        pad, symbols = 0, _DECIMAL.symbols
    if style.system == "numeric" or symbols == _DECIMAL.symbols:
        if len(text) < pad:
            text = symbols[0] * (pad - len(text)) + text
        if value < 0:
            text = "-" + text
    return text


def marker_text(value: int, list_style_type: str) -> str:
    """The text of a list marker: the value with the style's suffix, or a quoted string."""
    quoted = re.fullmatch(r"([\"'])(.*)\1", list_style_type, re.DOTALL)
    if quoted:
        return quoted.group(2)
    style = COUNTER_STYLES.get(list_style_type.lower(), _DECIMAL)
    return format_counter(value, list_style_type) + (style.suffix if style.suffix is not None else ". ")
