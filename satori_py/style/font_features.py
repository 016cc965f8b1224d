"""``fontFeatureSettings``, ``fontKerning``, ``fontVariant`` and its longhands, as OpenType features.

Mirrors the reference's ``text/font-features.ts`` and ``parseFontFeatureSettings``
(``harfbuzz.ts``): the declarations are checked and expanded here (style stage),
and :func:`font_feature_settings` gives the text stage the ``font-feature-settings``
list they amount to, which it reads with :func:`parse_font_feature_settings`.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import StyleError
from ..patterns import NUMBER, lazy_compile
from .values import js_string

if TYPE_CHECKING:
    from .convert import Context

__all__ = [
    "MAX_FONT_FEATURES",
    "Location",
    "VARIANT_FEATURES",
    "FeatureValue",
    "FontFeatures",
    "check_feature_settings",
    "expand_font_variant",
    "font_feature_settings",
    "is_font_variant_property",
    "parse_font_feature_settings",
    "parse_font_variant",
    "parse_font_variation_settings",
    "read_font_variation_settings",
]

FeatureValue = bool | int
#: The OpenType features text is shaped with, in the order HarfBuzz is given them:
#: ``(("kern", False), ("liga", False))``; ``()`` for the font's defaults.
FontFeatures = tuple[tuple[str, FeatureValue], ...]
#: Axis values of a variable font's instance, sorted by tag: ``(("wght", 650.0),)``.
Location = tuple[tuple[str, float], ...]

# Comma-separated parts of a `fontFeatureSettings` value that are read; the rest are
# reported and ignored. CSS and the reference set no bound, but fonts have some tens of
# features, and the value is a key of the text stage's caches: 400 KB of features made
# every shaped word parse it again (>10 s a render) and was kept in every cache entry.
MAX_FONT_FEATURES = 128
MAX_FEATURE_VALUE = 0xFFFFFFFF  # hb_feature_from_string rejects larger values

# `"liga" off`, `'smcp'`, `"ss01" 2`; the first quoted 4-character tag of
# each comma-separated part, like the reference's (unanchored) regular
# expression. The value alternatives are matched case-insensitively too, so
# `"liga" OFF` matches but is then neither on nor off nor a number: ignored.
_FEATURE_RE = lazy_compile(r"""["']([a-z0-9]{4})["']\s*(?:(on|off|[0-9]+))?""", re.I)

_VARIATION = lazy_compile(r"""^\s*(["'])([\x20-\x7e]{4})\1\s+(""" + NUMBER + r""")\s*$""")

VARIANT_FEATURES: Mapping[str, Mapping[str, str]] = {
    "fontVariantLigatures": {
        "none": '"liga" 0, "clig" 0, "dlig" 0, "hlig" 0, "calt" 0',
        "common-ligatures": '"liga" 1, "clig" 1', "no-common-ligatures": '"liga" 0, "clig" 0',
        "discretionary-ligatures": '"dlig" 1', "no-discretionary-ligatures": '"dlig" 0',
        "historical-ligatures": '"hlig" 1', "no-historical-ligatures": '"hlig" 0',
        "contextual": '"calt" 1', "no-contextual": '"calt" 0',
    },
    "fontVariantCaps": {
        "small-caps": '"smcp"', "all-small-caps": '"c2sc", "smcp"', "petite-caps": '"pcap"',
        "all-petite-caps": '"c2pc", "pcap"', "unicase": '"unic"', "titling-caps": '"titl"',
    },
    "fontVariantNumeric": {
        "lining-nums": '"lnum"', "oldstyle-nums": '"onum"', "proportional-nums": '"pnum"',
        "tabular-nums": '"tnum"', "diagonal-fractions": '"frac"', "stacked-fractions": '"afrc"',
        "ordinal": '"ordn"', "slashed-zero": '"zero"',
    },
    "fontVariantEastAsian": {
        "jis78": '"jp78"', "jis83": '"jp83"', "jis90": '"jp90"', "jis04": '"jp04"',
        "simplified": '"smpl"', "traditional": '"trad"', "full-width": '"fwid"',
        "proportional-width": '"pwid"', "ruby": '"ruby"',
    },
    "fontVariantPosition": {"sub": '"subs"', "super": '"sups"'},
    "fontVariantAlternates": {"historical-forms": '"hist"'},
    # Valid, without features: the presentation of emoji isn't chosen.
    "fontVariantEmoji": {"text": "", "emoji": "", "unicode": ""},
}
_EXCLUSIVE = {"normal", "none"}


def is_font_variant_property(name: str) -> bool:
    return name == "fontKerning" or name in VARIANT_FEATURES


def parse_font_variant(name: str, value: Any) -> str:
    """A ``fontVariant`` longhand or ``fontKerning``, checked and lowercased."""
    keywords = js_string(value).strip().lower().split() or [""]
    if name == "fontKerning":
        valid = len(keywords) == 1 and keywords[0] in ("auto", "normal", "none")
    else:
        valid = all((k in _EXCLUSIVE and len(keywords) == 1
                     and (k == "normal" or name == "fontVariantLigatures"))
                    or k in VARIANT_FEATURES[name] for k in keywords)
    if not valid:
        raise StyleError(f"Invalid `{name}` value.", prop=name, value=value)
    return " ".join(keywords)


def expand_font_variant(value: Any) -> dict[str, str]:
    """The ``fontVariant`` shorthand, which resets all its longhands."""
    keywords = js_string(value).strip().lower().split() or [""]
    longhands: dict[str, list[str]] = {name: [] for name in VARIANT_FEATURES}
    if len(keywords) == 1 and keywords[0] in _EXCLUSIVE:
        if keywords[0] == "none":
            longhands["fontVariantLigatures"].append("none")
    else:
        for keyword in keywords:
            name = next((n for n, table in VARIANT_FEATURES.items() if keyword in table), None)
            if name is None:
                raise StyleError("Invalid `fontVariant` value.", prop="fontVariant", value=value)
            longhands[name].append(keyword)
    return {name: " ".join(words) or "normal" for name, words in longhands.items()}


def _read_feature(part: str) -> tuple[str, FeatureValue] | None:
    """The feature a comma-separated part sets, as the reference reads it; None if none."""
    match = _FEATURE_RE.search(part)
    if not match:
        return None
    tag, raw = match.group(1), match.group(2)
    if not raw or raw == "on" or raw == "1":
        return tag, True
    if raw == "off" or raw == "0":
        return tag, False
    if raw.isdigit():
        return tag, int(raw)
    return None  # "ON"/"Off": parseInt gives NaN and the reference drops it


def parse_font_feature_settings(value: str | None) -> dict[str, FeatureValue]:
    """Parse a CSS ``font-feature-settings`` value like ``parseFontFeatureSettings``.

    ``None``, ``""`` and ``"normal"`` give ``{}``. Each comma-separated part
    contributes its first quoted tag: no value, ``on`` or ``1`` -> ``True``;
    ``off`` or ``0`` -> ``False``; another integer -> that integer. Parts
    without a valid tag are ignored (:func:`check_feature_settings` reported
    them). Later parts override earlier ones but keep the first one's position,
    as with a JavaScript object.
    """
    if not value or value == "normal":
        return {}
    features: dict[str, FeatureValue] = {}
    for part in value.split(","):
        read = _read_feature(part.strip())
        if read is not None:
            features[read[0]] = read[1]
    return features


def check_feature_settings(value: Any, ctx: Context) -> Any:
    """A declared ``fontFeatureSettings``: as written when each of its parts is one feature,
    else the features the reference reads from it written out again; the parts it ignores,
    values HarfBuzz refuses and parts past :data:`MAX_FONT_FEATURES` are reported through
    ``ctx.ignored``. The text stage keys its caches by this value."""
    text = js_string(value).strip()
    # An empty value reaches here as 0: no features, without a word, as Satori's own suite
    # expects ("should handle empty fontFeatureSettings gracefully").
    if not value or text in ("", "normal"):
        return value
    parts = text.split(",", MAX_FONT_FEATURES)
    clean = isinstance(value, str)
    if len(parts) > MAX_FONT_FEATURES:
        clean = False
        ctx.ignored(f"`fontFeatureSettings` has {parts.pop().count(',') + 1 + MAX_FONT_FEATURES} parts, "
                    f"more than the {MAX_FONT_FEATURES} read: the rest are ignored.")
    features: dict[str, FeatureValue] = {}
    dropped: list[str] = []
    for part in parts:
        part = part.strip()
        read = _read_feature(part)
        if read is None or not _FEATURE_RE.fullmatch(part):
            clean = False
            dropped.append(part)
        elif not isinstance(read[1], bool) and read[1] > MAX_FEATURE_VALUE:
            dropped.append(part)  # HarfBuzz does not read it (nor the reference's)
        if read is not None:
            features[read[0]] = read[1]
    if dropped:
        shown = ", ".join(f"`{part[:40]}`" if part else "an empty part" for part in dropped[:3])
        more = f" and {len(dropped) - 3} more" if len(dropped) > 3 else ""
        ctx.ignored(f"Parts of `fontFeatureSettings` not read as font features: {shown}{more}.")
    if clean:
        return value
    return ", ".join(f'"{tag}"' if setting is True else f'"{tag}" {int(setting)}'
                     for tag, setting in features.items()) or "normal"


def font_feature_settings(style: Mapping[str, Any]) -> str | None:
    """The features of a computed style, ``fontFeatureSettings`` last (it wins)."""
    features: list[str] = []
    if style.get("fontKerning") == "none":
        features.append('"kern" 0')
    for name, table in VARIANT_FEATURES.items():
        value = style.get(name)
        if not value:
            continue
        features.extend(table[k] for k in str(value).split(" ") if table.get(k))
    # Optional ligatures aren't used with letter spacing unless asked for.
    spacing = style.get("letterSpacing")
    if isinstance(spacing, (int, float)) and spacing != 0:
        features.append('"liga" 0, "clig" 0')
    settings = style.get("fontFeatureSettings")
    if settings and settings != "normal":
        features.append(str(settings))
    return ", ".join(features) if features else None


def read_font_variation_settings(value: Any) -> Location | None:
    """CSS ``font-variation-settings``: ``normal`` or ``"tag" number, ...`` -> a location
    (the text stage instantiates variable fonts at it: text/variations.py); None when the
    value is invalid, which CSS ignores as a whole.

    A mapping ``{tag: number}`` is taken too. A repeated tag keeps its last value.
    """
    if value is None or value == "" or value == "normal":
        return ()
    items: dict[str, float] = {}
    if isinstance(value, Mapping):
        for tag, number in value.items():
            if not (isinstance(tag, str) and len(tag) == 4) or not isinstance(number, (int, float)):
                return None
            items[tag] = float(number)
    elif isinstance(value, str):
        for part in value.split(","):
            match = _VARIATION.match(part)
            if not match:
                return None
            items[match.group(2)] = float(match.group(3))
    else:
        return None
    if any(not math.isfinite(v) for v in items.values()):
        return None
    return tuple(sorted(items.items()))


def parse_font_variation_settings(value: Any) -> Location:
    """The location of :func:`read_font_variation_settings`, the default one for an invalid value."""
    return read_font_variation_settings(value) or ()
