"""``fontKerning``, ``fontVariant`` and its longhands, as OpenType features.

Mirrors the reference's ``text/font-features.ts``: the declarations are
checked and expanded here (style stage), and :func:`font_feature_settings`
gives the text stage the ``font-feature-settings`` list they amount to.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import StyleError
from .values import js_string

__all__ = [
    "VARIANT_FEATURES",
    "expand_font_variant",
    "font_feature_settings",
    "is_font_variant_property",
    "parse_font_variant",
]

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
